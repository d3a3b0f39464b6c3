#!/usr/bin/env bash
# Run the whole test suite and print one total.
#
#   tests/run_all.sh BUILD_DIR "test_a test_b ..."
#
# Runs every BUILD_DIR/test_* binary named, then tests/spec_cli.sh,
# tests/cli_errors.sh, tests/cli_run.sh, tests/cli_view.sh, tests/cli_index.sh,
# tests/fuzz_output.sh and tests/cli_warc.sh against
# BUILD_DIR/whosaid, tests/view_chromium.sh (the seed's HTML page in
# headless chromium) with BUILD_DIR, tests/install.sh (make install and
# a program built through pkg-config), tests/readme.sh (README's package
# lists and link lines), tests/make_deps.sh (the package
# checks and make deps), then the Python binding's pytest suite
# (python/tests) against the optimised build/libwhosaid.so and
# build/whosaid (Python cannot load the sanitizer build), then
# tests/corpus/check_gold.py (the gold files kept in the repository).
# Every suite prints its own last line "N passed, N failed"; this script
# adds them up and ends with one line "N passed, N failed" for everything. A suite that crashes (a
# signal, a sanitizer abort, a non-zero exit with no failure counted, no
# summary line at all) or is missing counts as one more failure, named.
# Exit status: 0 when nothing failed, 1 otherwise.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BUILD_DIR \"test_a test_b ...\"" >&2
    exit 2
fi
build=$1
tests=${2-}
# TEST_WRAPPER (e.g. "valgrind --error-exitcode=99 ..."): run each C test
# binary under it (make valgrind).
read -r -a wrapper <<<"${TEST_WRAPPER:-}"
here=$(cd "$(dirname "$0")" && pwd)

total_pass=0
total_fail=0
bad_suites=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_suite NAME CMD...: run one suite, echo its output, add up its counts.
run_suite() {
    local name=$1
    shift
    echo "---- $name"
    "$@" >"$log" 2>&1
    local rc=$?
    cat "$log"
    local summary pass=0 fail=0 status
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    if [ -n "$summary" ]; then
        pass=${summary%% passed*}
        fail=${summary#*passed, }
        fail=${fail%% failed*}
    fi
    if [ -z "$summary" ]; then
        fail=$((fail + 1))
        status="CRASH (exit $rc, no summary line)"
    elif [ "$rc" -gt 128 ]; then
        fail=$((fail + 1))
        status="CRASH (killed by signal $((rc - 128)))"
    elif [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
        # e.g. LeakSanitizer, which reports after the last line is printed
        fail=$((fail + 1))
        status="CRASH (exit $rc with no failure counted)"
    elif [ "$fail" -ne 0 ]; then
        status="FAIL"
    elif [ "$pass" -eq 0 ]; then
        fail=1
        status="EMPTY (ran no test)"
    elif [ "$rc" -ne 0 ]; then
        status="FAIL (exit $rc)"
    else
        status="PASS"
    fi
    if [ "$fail" -ne 0 ] || [ "$status" != PASS ]; then
        [ "$fail" -eq 0 ] && fail=1
        bad_suites+=("$name")
    fi
    printf '%-6s %s (%s passed, %s failed)\n' "${status%% *}" "$name" "$pass" "$fail"
    [ "${status%% *}" = "$status" ] || echo "       $name: $status"
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
}

missing_suite() {
    echo "---- $1"
    printf '%-6s %s (%s)\n' MISSING "$1" "$2"
    bad_suites+=("$1")
    total_fail=$((total_fail + 1))
}

for t in $tests; do
    if [ -x "$build/$t" ]; then
        run_suite "$t" ${wrapper[@]+"${wrapper[@]}"} "$build/$t"
    else
        missing_suite "$t" "no executable $build/$t"
    fi
done

if [ -x "$build/whosaid" ]; then
    run_suite spec_cli bash "$here/spec_cli.sh" "$build/whosaid"
    run_suite cli_errors bash "$here/cli_errors.sh" "$build/whosaid"
    run_suite cli_run bash "$here/cli_run.sh" "$build/whosaid"
    run_suite cli_view bash "$here/cli_view.sh" "$build/whosaid"
    run_suite cli_index bash "$here/cli_index.sh" "$build/whosaid"
    run_suite fuzz_output bash "$here/fuzz_output.sh" "$build/whosaid"
    run_suite cli_warc bash "$here/cli_warc.sh" "$build/whosaid" \
        "$here/../build/make_warc_fixtures"
    run_suite view_chromium bash "$here/view_chromium.sh" "$build"
    run_suite install bash "$here/install.sh" "$build/whosaid"
    run_suite readme bash "$here/readme.sh" "$build/whosaid"
else
    missing_suite spec_cli "no executable $build/whosaid"
    missing_suite cli_errors "no executable $build/whosaid"
    missing_suite cli_run "no executable $build/whosaid"
    missing_suite cli_view "no executable $build/whosaid"
    missing_suite cli_index "no executable $build/whosaid"
    missing_suite fuzz_output "no executable $build/whosaid"
    missing_suite cli_warc "no executable $build/whosaid"
    missing_suite view_chromium "no executable $build/whosaid"
    missing_suite install "no executable $build/whosaid"
    missing_suite readme "no executable $build/whosaid"
fi

run_suite make_deps bash "$here/make_deps.sh"

root=$(cd "$here/.." && pwd)
if [ ! -f "$root/build/libwhosaid.so" ]; then
    missing_suite python "no $root/build/libwhosaid.so"
elif ! /usr/bin/python3 -c 'import pytest, distributed' 2>/dev/null; then
    missing_suite python "needs python3-pytest and python3-distributed (make test-deps)"
else
    run_suite python env WHOSAID_LIB="$root/build/libwhosaid.so" \
        WHOSAID_CLI="$root/build/whosaid" /usr/bin/python3 "$root/python/tests/run.py"
fi

# the project's own gold (tests/corpus: real news, FORMAT.md) and its tools
run_suite corpus_gold /usr/bin/python3 "$here/corpus/check_gold.py"

echo "----"
if [ ${#bad_suites[@]} -ne 0 ]; then
    echo "suites with failures: ${bad_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
