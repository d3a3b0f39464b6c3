#!/usr/bin/env bash
# Build and run the libFuzzer harnesses of whosaid.
#
#   fuzz/run.sh [SECONDS]        (default 60 seconds per harness)
#
# For each harness fuzz/X.c (fuzz_extract, fuzz_jsonl, fuzz_text, fuzz_html,
# fuzz_warc):
#   1. builds build/fuzz/X with clang from fuzz/X.c and src/*.c
#      (-fsanitize=fuzzer,address,undefined, UBSan made fatal);
#   2. replays fuzz/regressions/X-* (inputs that once crashed it), if any;
#   3. fuzzes for SECONDS on a fresh copy of fuzz/corpus/X in
#      build/fuzz/corpus-X (the repository is never written), with
#      -max_len=65536 and -dict=fuzz/whosaid.dict; crash, leak, timeout
#      and OOM inputs land in build/fuzz/ as X-crash-<sha1> etc.; the log
#      is build/fuzz/X.log;
#   4. prints the executions (libFuzzer's stat::number_of_executed_units)
#      and executions per second.
# Exits 0 when every harness built, every regression input passed and no
# harness found anything; 1 otherwise. Environment: CLANG (default
# clang), FUZZ_HARNESSES (default all five), FUZZ_FLAGS (extra libFuzzer
# flags, e.g. "-seed=1"; one process per harness, so no -jobs/-fork),
# FUZZ_JOBS (harnesses run at a time, default one per core; each keeps
# its full SECONDS).
set -u

cd "$(dirname "$0")/.." || exit 2

seconds=${1:-60}
case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS]" >&2
    exit 2
    ;;
esac
clang=${CLANG:-clang}
harnesses=${FUZZ_HARNESSES:-fuzz_extract fuzz_jsonl fuzz_text fuzz_html fuzz_warc}
out=build/fuzz
mkdir -p "$out"

# shellcheck disable=SC2054 # the commas belong to -fsanitize=
cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
    -D_POSIX_C_SOURCE=200809L -Iinclude -I/usr/include/libxml2 -Wall -Wextra)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# fuzz_one HARNESS: build, replay, fuzz one harness; its report on
# stdout, its summary line in $out/HARNESS.summary; status 1 on a problem.
fuzz_one() {
    local h=$1 hfailed=0
    echo "==== $h"
    bin=$out/$h
    if ! "$clang" "${cflags[@]}" "fuzz/$h.c" src/*.c -lutf8proc -lxml2 -lzstd -lz -lpthread -o "$bin"; then
        echo "$h: BUILD FAILED"
        printf '%-13s BUILD FAILED\n' "$h" >"$out/$h.summary"
        return 1
    fi

    # Inputs that once crashed this harness must pass now.
    regress=()
    for f in fuzz/regressions/"$h"-*; do
        [ -f "$f" ] && regress+=("$f")
    done
    rstatus=""
    if [ ${#regress[@]} -gt 0 ]; then
        if "$bin" -runs=1 "${regress[@]}" >"$out/$h.regressions.log" 2>&1; then
            echo "$h: ${#regress[@]} regression input(s) pass"
        else
            echo "$h: a regression input still fails (see $out/$h.regressions.log):"
            grep -E 'Running:|ERROR|invariant violated|runtime error' \
                "$out/$h.regressions.log" | head -n 10
            rstatus=" REGRESSION FAILS"
            hfailed=1
        fi
    fi

    corpus=$out/corpus-$h
    rm -rf "$corpus"
    mkdir -p "$corpus"
    cp fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null

    rm -f "$out/$h"-crash-* "$out/$h"-leak-* "$out/$h"-timeout-* \
        "$out/$h"-oom-* "$out/$h"-slow-unit-*
    log=$out/$h.log
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -max_len=65536 \
        -dict=fuzz/whosaid.dict -print_final_stats=1 -timeout=30 \
        -artifact_prefix="$out/$h-" ${FUZZ_FLAGS:-} "$corpus" >"$log" 2>&1
    rc=$?
    elapsed=$(( $(date +%s) - start ))
    [ "$elapsed" -gt 0 ] || elapsed=1

    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1)
    artifacts=$(ls "$out/$h"-crash-* "$out/$h"-leak-* "$out/$h"-timeout-* \
        "$out/$h"-oom-* 2>/dev/null)
    if [ -z "$execs" ]; then
        # no final stats: the run died; estimate nothing
        execs="?"
        rate="?"
    fi
    status=ok
    if [ "$rc" -ne 0 ] || [ -n "$artifacts" ]; then
        status="FOUND A PROBLEM (exit $rc)"
        hfailed=1
        echo "$h: libFuzzer exit $rc; log $log"
        grep -E '^==[0-9]+==ERROR|SUMMARY:|invariant violated|runtime error|deadly signal' \
            "$log" | head -n 5
        for a in $artifacts; do
            echo "  reproducer: $a ($(wc -c <"$a") bytes)"
        done
    fi
    line=$(printf '%-13s %12s execs in %4ss  %8s exec/s  %s  %s%s' \
        "$h" "$execs" "$elapsed" "$rate" "${cov:-}" "$status" "$rstatus")
    echo "$line"
    echo "$line" >"$out/$h.summary"
    return $hfailed
}

# One libFuzzer process per core (FUZZ_JOBS, default nproc): the harnesses
# are independent, so CI pays SECONDS per pair on two cores, not per one.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
failed=0
running=0
for h in $harnesses; do
    rm -f "$out/$h.summary" "$out/$h.report"
    fuzz_one "$h" >"$out/$h.report" 2>&1 &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done

for h in $harnesses; do
    cat "$out/$h.report"
done

echo "==== summary (${seconds}s per harness, $jobs at a time)"
for h in $harnesses; do
    if [ -f "$out/$h.summary" ]; then
        cat "$out/$h.summary"
    else
        printf '%-13s NO REPORT\n' "$h"
        failed=1
    fi
done
exit $failed
