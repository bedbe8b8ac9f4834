#!/usr/bin/env bash
# Ballot casting benchmark (issue #9): casts ballots through POST /vote/api/cast of the running app at concurrency
# 1, 8, 32 and 128, each with a fresh code, against a plain ADO.NET harness inserting the same rows with the same
# durability. SQLite always (bench/out/ballots.db, rebuilt on each run, WAL, synchronous=FULL); PostgreSQL too when
# PG_BENCH_CONNECTION is set to an Npgsql connection string (a meeting and raw tables are added to that database).
# Appends a dated section with the machine, the commands and their raw output to bench/RESULTS.md.
# BENCH_CASTS (4000 per level) and BENCH_LEVELS (1,8,32,128) change the size. On PostgreSQL the app keeps its own cap of
# 16 casts served at once (Voting:ConcurrentRequests) and the raw harness's pool is 50 connections, so that 128 clients
# do not take more than the server's 100 connection slots (BENCH_PG_APP_CONCURRENCY, BENCH_PG_RAW_POOL change them).
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
    run ballots --provider postgres --connection "$PG_BENCH_CONNECTION" --casts "$casts" --levels "$levels" \
        --app-concurrency "${BENCH_PG_APP_CONCURRENCY:-16}" --raw-pool "${BENCH_PG_RAW_POOL:-50}"
fi

append
