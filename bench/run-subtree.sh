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

dotnet build bench/Shuzhi.Bench -c Release -nologo -v quiet
bench=(dotnet bench/Shuzhi.Bench/bin/Release/net10.0/Shuzhi.Bench.dll)

# The command as a reader would type it, without the database password.
shown() {
    local arg line=Shuzhi.Bench
    for arg in "$@"; do
        [[ $arg == *[\ \;]* ]] && arg="\"$arg\""
        line+=" $arg"
    done
    sed -E 's/(Password=)[^;"]*/\1***/Ig' <<<"$line"
}

run() {
    printf '\n```text\n$ %s\n' "$(shown "$@")" | tee -a "$section"
    "${bench[@]}" "$@" 2>&1 | tee -a "$section"
    echo '```' >> "$section"
}

changes=
[[ -z $(git status --porcelain -- src bench/Shuzhi.Bench) ]] || changes=', with uncommitted changes'
cat > "$section" <<INFO

## $(date -u '+%Y-%m-%d %H:%M UTC'): subtree, $orgs organizations

- commit $(git rev-parse --short HEAD)$changes
- $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -h | awk '/^Mem:/ {print $2}') memory, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)
INFO

sqlite="Data Source=$out/subtree.db"
rm -f "$out"/subtree.db*
run generate --provider sqlite --connection "$sqlite" --orgs "$orgs" --depth 6
run subtree --provider sqlite --connection "$sqlite" --iterations "$iterations"

if [[ -n ${PG_BENCH_CONNECTION:-} ]]; then
    run generate --provider postgres --connection "$PG_BENCH_CONNECTION" --orgs "$orgs" --depth 6 --replace
    run subtree --provider postgres --connection "$PG_BENCH_CONNECTION" --iterations "$iterations"
fi

[[ -f bench/RESULTS.md ]] || printf '# Benchmark results\n\nSections appended by the scripts in bench/, newest last.\n' > bench/RESULTS.md
cat "$section" >> bench/RESULTS.md
echo "appended to bench/RESULTS.md"
