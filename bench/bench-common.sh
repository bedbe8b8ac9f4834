# Sourced by the run-*.sh scripts: builds the bench, then
# run (one command, shown and appended to $section), machine (the lines that describe this machine) and append.
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

machine() {
    local changes=
    [[ -z $(git status --porcelain -- src bench/Shuzhi.Bench) ]] || changes=', with uncommitted changes'
    echo "- commit $(git rev-parse --short HEAD)$changes"
    echo "- $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -h | awk '/^Mem:/ {print $2}') memory ($(free -g | awk '/^Mem:/ {print $7}') GiB available at the start), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)"
    echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared with other work)"
}

append() {
    [[ -f bench/RESULTS.md ]] || printf '# Benchmark results\n\nSections appended by the scripts in bench/, newest last.\n' > bench/RESULTS.md
    cat "$section" >> bench/RESULTS.md
    echo "appended to bench/RESULTS.md"
}
