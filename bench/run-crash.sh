#!/usr/bin/env bash
# Crash safety (issue #9, faults): the app in its own process takes ballots through POST /vote/api/cast at concurrency 32
# and is killed with SIGKILL half-way; restarted on the same database, the driver casts what had no answer and the rest.
# The check reads every ballot back (each one's marks encode its code's number): every acknowledged cast present, none
# twice, used codes = ballots. SQLite always (bench/out/crash.db, rebuilt, WAL); PostgreSQL too when PG_BENCH_CONNECTION
# is set. Appends a dated section to bench/RESULTS.md; exits non-zero when a check fails.
# BENCH_BALLOTS (10000) changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
ballots=${BENCH_BALLOTS:-10000}
out=bench/out
section=$out/section-crash.md
mkdir -p "$out"
. bench/bench-common.sh

cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): crash (SIGKILL) during $ballots ballots

$(machine)
INFO

sqlite="Data Source=$out/crash.db"
rm -f "$out"/crash.db*
run crash --provider sqlite --connection "$sqlite" --ballots "$ballots"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run crash --provider postgres --connection "$PG_BENCH_CONNECTION" --ballots "$ballots"
fi

append
