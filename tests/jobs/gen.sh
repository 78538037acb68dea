#!/bin/sh
# tests/jobs/gen.sh DIR N - write DIR/spec.ind, N projects of 20 indicators
# (every target kind but derived ones), and DIR/actuals.csv, their data,
# some of it missing, notes with commas: a report as large as a test needs.
set -eu
awk -v n="$2" -v spec="$1/spec.ind" -v data="$1/actuals.csv" 'BEGIN {
  print "预算单位 1 \"单位\"\n年度 2023\n金额单位 万元\n" > spec
  print "project,indicator,actual,note" > data
  for (p = 0; p < n; p++) {
    name = sprintf("项目%04d", p)
    printf "项目 \"%s\" {\n  预算数 86\n  财政资金 86\n  其他资金 0\n", name > spec
    print "  产出指标 {\n    数量指标 {" > spec
    for (i = 0; i < 8; i++) printf "      指标 \"数量%d\": ≥%d 场\n", i, 10 + i > spec
    print "    }\n    成本指标 {" > spec
    for (i = 0; i < 4; i++) printf "      指标 \"成本%d\": ≤%d 万元\n", i, 20 + i > spec
    print "    }\n    时效指标 {\n      指标 \"完成时间\": 2023年11月底前完成\n    }\n  }" > spec
    print "  效益指标 {\n    社会效益指标 {" > spec
    for (i = 0; i < 5; i++) printf "      指标 \"效益%d\": \"成效明显\"\n", i > spec
    print "    }\n  }\n  满意度指标 {\n    服务对象满意度指标 {" > spec
    print "      指标 \"满意度\": ≥90%\n      指标 \"等级\": 达到 3A 级\n    }\n  }\n}" > spec
    printf "%s,执行数,%d万元,\n", name, 70 + p % 20 > data
    for (i = 0; i < 8; i++) if ((p + i) % 11) printf "%s,数量%d,%d场,\n", name, i, 5 + (p * 7 + i) % 20 > data
    for (i = 0; i < 4; i++) printf "%s,成本%d,%d万元,\"备注, 含逗号\"\n", name, i, 15 + (p + i) % 30 > data
    printf "%s,完成时间,2023-%02d-15,\n", name, 9 + p % 4 > data
    for (i = 0; i < 5; i++) printf "%s,效益%d,%s,\n", name, i, (p + i) % 3 ? "达成" : "部分达成:4" > data
    printf "%s,满意度,%d%%,\n%s,等级,%dA,\n", name, 80 + p % 20, name, 1 + p % 5 > data
  }
}'
