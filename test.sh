#!/usr/bin/env bash
# Runs every test: domain, integration (SQLite and PostgreSQL) and browser (Chromium).
# Starts the local PostgreSQL cluster when SHUZHI_TEST_POSTGRES is not given.
# Ends with one line "N passed, N failed" read from the TRX results.
set -uo pipefail
cd "$(dirname "$0")"

if [ -z "${SHUZHI_TEST_POSTGRES:-}" ]; then
  if command -v pg_lsclusters >/dev/null; then
    cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
    if [ -n "$cluster" ]; then
      # shellcheck disable=SC2086
      pg_ctlcluster $cluster start 2>/dev/null || true
      port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
      runuser -u postgres -- psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='shuzhi_test'" | grep -q 1 \
        || runuser -u postgres -- psql -p "$port" -qc "CREATE ROLE shuzhi_test LOGIN CREATEDB PASSWORD 'shuzhi_test'"
      export SHUZHI_TEST_POSTGRES="Host=localhost;Port=$port;Username=shuzhi_test;Password=shuzhi_test;Database=postgres;Timeout=30"
    fi
  fi
fi
if [ -z "${SHUZHI_TEST_POSTGRES:-}" ]; then
  echo "PostgreSQL is not available: install postgresql (see README) or set SHUZHI_TEST_POSTGRES." >&2
  exit 1
fi

results=TestResults
rm -rf "$results"
# Every E2E server writes its complete log here; the E2E suite ends by checking them for secrets (LogSecretsTests).
export SHUZHI_E2E_LOGS="${SHUZHI_E2E_LOGS:-$PWD/$results/e2e-logs}"
dotnet test Shuzhi.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  p=$(grep -o '<Counters [^>]*' "$f" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  x=$(grep -o '<Counters [^>]*' "$f" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
done
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
