#!/usr/bin/env bash
# Run tests/spec.txt through the CLI.
#
#   tests/spec_cli.sh WHOSAID [SPEC_FILE]
#
# Every example's document becomes one JSONL line {"id":"spec","text":...}
# piped into `WHOSAID --in jsonl`; its standard output must equal the
# example's expectation byte for byte, and it must exit 0. A document that
# is not UTF-8 cannot be a JSON string: it goes in as a text file named
# "spec" (`WHOSAID --in text spec`, run in its own directory), whose doc
# field is then "spec" as well. The spec format
# is described at the top of tests/spec.txt (tests/test_spec.c reads the
# same file through the library). Prints "N passed, N failed"; exit 1 if
# anything failed.
set -u
. "$(dirname "$0")/lib.sh"

suite_start spec_cli "WHOSAID [SPEC_FILE]" 1 2 "$@"
whosaid=$1
spec=${2:-$(dirname "$0")/spec.txt}

# Split the spec into $work/N.name, $work/N.jsonl and $work/N.expected.
if ! "$py" - "$spec" "$work" <<'EOF'
import json, os, sys

spec, out = sys.argv[1], sys.argv[2]
with open(spec, 'rb') as f:
    raw = f.read()
lines = raw.split(b'\n')
if lines and lines[-1] == b'':
    lines.pop()            # the file's final newline ends the last line

def fail(lineno, msg):
    sys.exit(f'{spec}:{lineno}: {msg}')

n = 0
i = 0
while i < len(lines):
    line = lines[i]
    if line.startswith(b'### '):
        start = i + 1
        name = line[4:]
        i += 1
        doc = []
        while i < len(lines) and lines[i] != b'.':
            doc.append(lines[i]); i += 1
        if i == len(lines):
            fail(start, 'example has no "." line')
        i += 1
        exp = []
        while i < len(lines) and lines[i] != b'===':
            exp.append(lines[i]); i += 1
        if i == len(lines):
            fail(start, 'example has no "===" line')
        i += 1
        n += 1
        base = os.path.join(out, str(n))
        with open(base + '.name', 'wb') as f:
            f.write(name)
        raw = b'\n'.join(doc)
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError:
            # not UTF-8: the raw bytes, as a text file named "spec"
            os.mkdir(base + '.text')
            with open(os.path.join(base + '.text', 'spec'), 'wb') as f:
                f.write(raw)
        else:
            with open(base + '.jsonl', 'w', encoding='utf-8') as f:
                f.write(json.dumps({'id': 'spec', 'text': text},
                                   ensure_ascii=False) + '\n')
        with open(base + '.expected', 'wb') as f:
            f.write(b''.join(l + b'\n' for l in exp))
    elif line == b'' or line.startswith(b'%'):
        i += 1
    else:
        fail(i + 1, 'text outside an example (not a comment, not "### ")')
if n == 0:
    sys.exit(f'{spec}: no example')
EOF
then
    echo "spec_cli: cannot read or parse $spec"
    echo "0 passed, 1 failed"
    exit 1
fi

case $whosaid in
    /*) ;;
    *) whosaid=$PWD/$whosaid ;;
esac

n=1
while [ -f "$work/$n.name" ]; do
    name=$(cat "$work/$n.name")
    if [ -f "$work/$n.jsonl" ]; then
        "$whosaid" --in jsonl <"$work/$n.jsonl" >"$work/$n.got" 2>"$work/$n.err"
        rc=$?
    else
        (cd "$work/$n.text" && "$whosaid" --in text spec) >"$work/$n.got" 2>"$work/$n.err"
        rc=$?
    fi
    if [ "$rc" -eq 0 ] && cmp -s "$work/$n.expected" "$work/$n.got"; then
        ok
    else
        failed "$name (exit $rc)"
        echo "  expected:"
        sed 's/^/    /' "$work/$n.expected"
        echo "  got:"
        sed 's/^/    /' "$work/$n.got"
        if [ -s "$work/$n.err" ]; then
            echo "  stderr:"
            sed 's/^/    /' "$work/$n.err"
        fi
    fi
    n=$((n + 1))
done

suite_end
