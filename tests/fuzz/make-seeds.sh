#!/usr/bin/env bash
# tests/fuzz/make-seeds.sh INDC - (re)make the seed files of the corpora
# from the tree: specs, golden inputs, data files, and bytecode compiled
# from them with INDC (a built indc).  Seeds are named seed-*; files the
# fuzzers found (crash-*, timeout-*, oom-*, and kept inputs) are left alone.
#
#   corpus/spec       specs/**.ind, tests/golden/**/*.ind, data-program.ind
#   corpus/roundtrip  the specs among those that check without errors
#   corpus/bc         .indb compiled from those, and tests/corrupt/*.indb
#                     (named *.bc: .gitignore ignores *.indb outside tests/corrupt)
#   corpus/data       tests/data/*, the seed's actuals, data-*.{csv,json}
#                     written below for data-program.ind
#   corpus/import     the documents of tests/import/
set -euo pipefail
indc=$(realpath "${1:?usage: make-seeds.sh INDC}")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
c=$here/corpus
mkdir -p "$c/spec" "$c/roundtrip" "$c/bc" "$c/data"
rm -f "$c"/*/seed-*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# a flat name from a path: tests/golden/errors/001-x.ind -> golden-errors-001-x.ind
flat() { local p=${1#"$src"/}; p=${p#tests/}; p=${p//\//-}; echo "seed-$p"; }

specs=$(find "$src/specs" "$src/tests/golden" -name '*.ind' | sort)
for f in $specs "$here/data-program.ind"; do
  cp "$f" "$c/spec/$(flat "$f")"
  # roundtrip and bytecode seeds: files that check without errors on their own
  if (cd "$(dirname "$f")" && "$indc" check -Wnone "$(basename "$f")" >/dev/null 2>&1); then
    cp "$f" "$c/roundtrip/$(flat "$f")"
    n=$(flat "$f"); n=${n%.ind}.bc
    (cd "$(dirname "$f")" && "$indc" compile -Wnone -o "$tmp/out.indb" "$(basename "$f")" 2>/dev/null) &&
      cp "$tmp/out.indb" "$c/bc/$n"
  fi
done
"$indc" compile -Wnone -o "$c/bc/seed-specs-all.bc" "$src/specs" 2>/dev/null
for f in "$src"/tests/corrupt/*.indb; do n=$(flat "$f"); cp "$f" "$c/bc/${n%.indb}.bc"; done

for f in "$src"/tests/data/* "$src"/specs/*/actuals-*.csv; do cp "$f" "$c/data/$(flat "$f")"; done
cat >"$c/data/seed-data-program.csv" <<'CSV'
project,indicator,actual,note
天津市青年联合会第十四届委员会全体会议,hy,3场,
,社会效益指标/覆盖青联委员,"1,200人次",含线上
,经济效益指标/覆盖 青联委员,不适用,
,社会组织评估等级,4A级,
,会议质量,部分达成:70%,"受疫情影响，
部分议程改为线上"
,会议完成时间,2023年11月30日,
,活动开展,达成:8,
,会议经费,280000元,
,参会人员满意度,96.5%,
,满意度得分,92,
,已处置工单,1180,
,工单总数,"1,200",
,执行数,28.5万元,
团市委物业服务项目,物业服务覆盖率,100%,
,覆盖青联委员,480人次,
,服务满意度,88%,
,执行数,9.8,
CSV
cat >"$c/data/seed-data-program.json" <<'JSON'
{
  "projects": {
    "天津市青年联合会第十四届委员会全体会议": {
      "hy": "3场",
      "社会效益指标/覆盖青联委员": {"actual": "1,200人次", "note": "含线上"},
      "经济效益指标/覆盖 青联委员": "不适用",
      "社会组织评估等级": "4A级",
      "会议质量": {"actual": "部分达成:70%", "note": "受疫情影响，\n部分议程改为线上"},
      "会议完成时间": "2023-11-30",
      "活动开展": "达成",
      "会议经费": "280000元",
      "参会人员满意度": 96.5,
      "满意度得分": 9.2e1,
      "已处置工单": 1180,
      "工单总数": 1200,
      "执行数": "28.5万元"
    },
    "团市委物业服务项目": {
      "物业服务覆盖率": "100%",
      "覆盖青联委员": "480人次",
      "服务满意度": "88%",
      "执行数": 9.8
    }
  }
}
JSON
# the same in GBK, as Excel in a Chinese locale saves it
if command -v iconv >/dev/null; then
  iconv -f UTF-8 -t GBK "$c/data/seed-data-program.csv" >"$c/data/seed-data-program-gbk.csv"
fi
printf '\xef\xbb\xbfproject,indicator,actual\n' >"$c/data/seed-empty-bom.csv"
# importer documents: the inputs of tests/import/ and the seed document
mkdir -p "$c/import"
for f in "$src"/tests/import/cases/*/input* "$src"/tests/import/seed/*; do
  [ -f "$f" ] || continue
  n=${f#"$src"/tests/import/}; n=${n#cases/}; n=${n//\//-}
  cp "$f" "$c/import/seed-$n"
done
chmod 644 "$c"/*/seed-*
for t in spec roundtrip bc data import; do echo "$t: $(ls "$c/$t" | wc -l) files"; done
