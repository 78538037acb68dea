#!/usr/bin/env bash
# tests/embed/run.sh INDC EMBED_HOST SRC_DIR: compile the seed to bytecode,
# then run the embedding host on it; its JSON must equal indc run's.
set -eu
indc=$1 host=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
seed=specs/tianjin-youth-league-2023
"$indc" compile -o "$tmp/seed.indb" "$seed" 2>/dev/null
"$host" "$tmp/seed.indb" "$seed/actuals-2023.csv" > "$tmp/host.json"
cmp "$tmp/host.json" tests/golden/run/seed.json.expected
echo "embed: 1 passed, 0 failed"
