#!/usr/bin/env bash
# Ingest throughput with 1, 2 and 4 worker processes, on SQLite and (when
# DOSSIER_TEST_POSTGRES names a server) PostgreSQL.
# Usage: bash scripts/bench-workers.sh [ARTICLES]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dossier" ./cmd/dossier
"$tmp/dossier" gen -n "$n" -seed 42 > "$tmp/all.jsonl"
# 8 shards, dealt round-robin so every worker sees every period.
awk -v d="$tmp" '{ print > (d "/shard" (NR % 8) ".jsonl") }' "$tmp/all.jsonl"

run() { # backend dsn workers
	local dsn="$2" w="$3" start end pids=()
	"$tmp/dossier" migrate --db "$dsn" >/dev/null
	start=$(date +%s.%N)
	for ((i = 0; i < w; i++)); do
		files=()
		for ((s = i; s < 8; s += w)); do files+=("$tmp/shard$s.jsonl"); done
		"$tmp/dossier" ingest -q --db "$dsn" "${files[@]}" >/dev/null &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	end=$(date +%s.%N)
	printf '%-9s %d worker(s): %6.0f articles/s (%.1f s for %d articles)\n' "$1" "$w" \
		"$(echo "$n / ($end - $start)" | bc -l)" "$(echo "$end - $start" | bc -l)" "$n"
}

for w in 1 2 4; do
	run sqlite "$tmp/w$w.db" "$w"
done
if [ -n "${DOSSIER_TEST_POSTGRES:-}" ]; then
	for w in 1 2 4; do
		db="dossier_bench_w$w"
		psql "$DOSSIER_TEST_POSTGRES" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
		dsn=$(echo "$DOSSIER_TEST_POSTGRES" | sed -E "s#/[^/?]*(\?|$)#/$db\1#")
		run postgres "$dsn" "$w"
		psql "$DOSSIER_TEST_POSTGRES" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
	done
fi
