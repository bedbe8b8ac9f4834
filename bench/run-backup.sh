#!/usr/bin/env bash
# Backup and restore (issue #9, faults): while ballots are cast through POST /vote/api/cast, `Shuzhi.Web --backup DIR`
# runs as its own process (SQLite online backup API, PostgreSQL pg_dump); a second backup after the vote closes. Each is
# restored into a fresh instance and tallied there: equal to the source (see bench/README.md). SQLite always
# (bench/out/backup.db, rebuilt); PostgreSQL too when PG_BENCH_CONNECTION is set (the restored databases are dropped).
# Appends a dated section to bench/RESULTS.md; exits non-zero when a check fails. BENCH_BALLOTS (4000) changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
ballots=${BENCH_BALLOTS:-4000}
out=bench/out
section=$out/section-backup.md
mkdir -p "$out"
. bench/bench-common.sh

cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): backup and restore during $ballots ballots

$(machine)
INFO

sqlite="Data Source=$out/backup.db"
rm -f "$out"/backup.db*
run backup --provider sqlite --connection "$sqlite" --ballots "$ballots"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run backup --provider postgres --connection "$PG_BENCH_CONNECTION" --ballots "$ballots"
fi

append
