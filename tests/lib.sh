# What the CLI's shell suites (tests/cli_*.sh, spec_cli.sh, fuzz_output.sh)
# share: the argument check, a scratch directory, the pass and fail
# counters and the last line tests/run_all.sh reads. Sourced, not run:
#
#   . "$(dirname "$0")/lib.sh"
#   suite_start NAME "ARGUMENTS" MIN MAX "$@"
#   ...checks...
#   suite_end
#
# Sets $here (the tests directory), $py, $work (removed on exit), $pass and
# $fail. Expects $whosaid (the CLI) to be set before run is used.

here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3

# suite_start NAME "ARGUMENTS" MIN MAX ARGS...: exit 2 with a usage line
# unless there are MIN to MAX ARGS; NAME goes in front of every failure.
suite_start() {
    suite=$1
    local usage=$2 min=$3 max=$4
    shift 4
    if [ $# -lt "$min" ] || [ $# -gt "$max" ]; then
        echo "usage: $0 $usage" >&2
        exit 2
    fi
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    pass=0
    fail=0
}

ok() { pass=$((pass + 1)); }

# failed WHAT: count a failure and name it.
failed() {
    fail=$((fail + 1))
    echo "FAIL $suite: $1"
}

# bad WHAT: failed, and show the CLI's last standard error ($work/err).
bad() {
    failed "$1"
    if [ -s "$work/err" ]; then
        echo "  stderr:"
        head -c 2000 "$work/err" | sed 's/^/    /'
    fi
}

# check DESCRIPTION COMMAND...: one test, passes when the command succeeds.
check() {
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

is() { [ "$1" = "$2" ] || { echo "  got $1, want $2"; return 1; }; }

# run ARGS...: run the CLI with stdin from $work/in (if any, else
# /dev/null); sets $rc and leaves $work/out and $work/err.
run() {
    if [ -f "$work/in" ]; then
        "$whosaid" "$@" <"$work/in" >"$work/out" 2>"$work/err"
    else
        "$whosaid" "$@" </dev/null >"$work/out" 2>"$work/err"
    fi
    rc=$?
}

# submake ARGS...: make, as a user would run it, from a suite that may
# itself run under make (make test -j: the parent's MAKEFLAGS would hand
# it a jobserver it cannot reach, and it says so on standard error).
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }

# The last line, "N passed, N failed", and the suite's exit status: 0
# when nothing failed, 1 otherwise (the caller's last command).
suite_end() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
