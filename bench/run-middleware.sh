#!/usr/bin/env bash
# The middleware stack's cost (issue #9): GET /healthz of the whole app against a bare Kestrel hello-world in the same
# process, same load driver, alternating rounds; reports the ratios. SQLite (bench/out/middleware.db, rebuilt).
# Appends a dated section to bench/RESULTS.md. BENCH_REQUESTS (20000) and BENCH_CONCURRENCY (16) change the load.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${BENCH_REQUESTS:-20000}
concurrency=${BENCH_CONCURRENCY:-16}
out=bench/out
section=$out/section-middleware.md
mkdir -p "$out"
. bench/bench-common.sh

cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): middleware stack against bare Kestrel, $requests requests × 3 rounds at concurrency $concurrency

$(machine)
INFO

rm -f "$out"/middleware.db*
run middleware --provider sqlite --connection "Data Source=$out/middleware.db" --requests "$requests" --concurrency "$concurrency"

append
