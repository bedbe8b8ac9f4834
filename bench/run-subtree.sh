#!/usr/bin/env bash
# Subtree benchmark: generates a province-wide organization tree, then times GET .../subtree through the
# running app against the same queries run directly. SQLite always (bench/out/subtree.db); PostgreSQL too
# when PG_BENCH_CONNECTION is set to an Npgsql connection string (its organizations are replaced).
# Appends a dated section with the machine, the commands and their raw output to bench/RESULTS.md.
# BENCH_ORGS (200000) and BENCH_ITERATIONS (200) change the size and the number of timed requests.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${BENCH_ORGS:-200000}
iterations=${BENCH_ITERATIONS:-200}
out=bench/out
section=$out/section.md
mkdir -p "$out"

source bench/bench-common.sh
cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): subtree, $orgs organizations

$(machine)
INFO

sqlite="Data Source=$out/subtree.db"
rm -f "$out"/subtree.db*
run generate --provider sqlite --connection "$sqlite" --orgs "$orgs" --depth 6
run subtree --provider sqlite --connection "$sqlite" --iterations "$iterations"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run generate --provider postgres --connection "$PG_BENCH_CONNECTION" --orgs "$orgs" --depth 6 --replace
    run subtree --provider postgres --connection "$PG_BENCH_CONNECTION" --iterations "$iterations"
fi

append
