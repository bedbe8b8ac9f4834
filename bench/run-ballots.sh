#!/usr/bin/env bash
# Ballot casting benchmark (issue #9): casts ballots through POST /vote/api/cast of the running app at concurrency
# 1, 8, 32 and 128, each with a fresh code, against a plain ADO.NET harness inserting the same rows with the same
# durability. SQLite always (bench/out/ballots.db, rebuilt on each run, WAL, synchronous=FULL); PostgreSQL too when
# PG_BENCH_CONNECTION is set to an Npgsql connection string (a meeting and raw tables are added to that database).
# Appends a dated section with the machine, the commands and their raw output to bench/RESULTS.md.
# BENCH_CASTS (4000 per level) and BENCH_LEVELS (1,8,32,128) change the size.
set -euo pipefail
cd "$(dirname "$0")/.."
casts=${BENCH_CASTS:-4000}
levels=${BENCH_LEVELS:-1,8,32,128}
out=bench/out
section=$out/section-ballots.md
mkdir -p "$out"
. bench/bench-common.sh

cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): ballots, $casts casts per concurrency level ($levels)

$(machine)
INFO

sqlite="Data Source=$out/ballots.db"
rm -f "$out"/ballots.db*
run ballots --provider sqlite --connection "$sqlite" --casts "$casts" --levels "$levels"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run ballots --provider postgres --connection "$PG_BENCH_CONNECTION" --casts "$casts" --levels "$levels"
fi

append
