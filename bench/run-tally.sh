#!/usr/bin/env bash
# Tally benchmark (issue #9): bulk-loads ballots over 40 reporters and 6 voter categories into MeetingBallots in the
# app's JSON marks format, then times the system's tally (MeetingCommands.TallyAsync) against one hand-written SQL
# aggregation over the same table. SQLite always (bench/out/tally.db, rebuilt on each run); PostgreSQL too when
# PG_BENCH_CONNECTION is set (a meeting with its ballots is added to that database).
# Appends a dated section with the machine, the commands and their raw output to bench/RESULTS.md.
# BENCH_BALLOTS (1000000) and BENCH_ITERATIONS (3) change the size and the number of timed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ballots=${BENCH_BALLOTS:-1000000}
iterations=${BENCH_ITERATIONS:-3}
out=bench/out
section=$out/section-tally.md
mkdir -p "$out"
. bench/bench-common.sh

cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): tally, $ballots ballots over 40 reporters and 6 categories

$(machine)
INFO

sqlite="Data Source=$out/tally.db"
rm -f "$out"/tally.db*
run tally --provider sqlite --connection "$sqlite" --ballots "$ballots" --iterations "$iterations"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run tally --provider postgres --connection "$PG_BENCH_CONNECTION" --ballots "$ballots" --iterations "$iterations"
fi

append
