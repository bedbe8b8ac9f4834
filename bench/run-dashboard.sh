#!/usr/bin/env bash
# Dashboard benchmark (issue 8, Scale; issue 9): the province-wide tree plus one year of campaigns (and four years of grades),
# then GET /Dashboard?year=… and its .xlsx timed through the running app for viewers of the province, a city and a county.
# SQLite always (bench/out/dashboard.db, rebuilt); PostgreSQL too when PG_BENCH_CONNECTION is set (its campaigns, accounts and
# organizations are replaced). Appends a dated section to bench/RESULTS.md.
# BENCH_ORGS (200000), BENCH_ITERATIONS (20) and BENCH_YEAR (last year) change the size, the timed requests and the year.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${BENCH_ORGS:-200000}
iterations=${BENCH_ITERATIONS:-20}
year=${BENCH_YEAR:-$(( $(date -u +%Y) - 1 ))}
out=bench/out
section=$out/section-dashboard.md
mkdir -p "$out"

source bench/bench-common.sh
cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): dashboard, $orgs organizations, campaigns of $year

$(machine)
INFO

sqlite="Data Source=$out/dashboard.db"
rm -f "$out"/dashboard.db*
run generate --provider sqlite --connection "$sqlite" --orgs "$orgs" --depth 6
run dashboard --provider sqlite --connection "$sqlite" --iterations "$iterations" --year "$year"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run dashboard --provider postgres --connection "$PG_BENCH_CONNECTION" --reset
    run generate --provider postgres --connection "$PG_BENCH_CONNECTION" --orgs "$orgs" --depth 6 --replace
    run dashboard --provider postgres --connection "$PG_BENCH_CONNECTION" --iterations "$iterations" --year "$year"
fi

append
