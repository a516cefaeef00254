#!/bin/sh
# `make demo`: scan the bundled sample of citizen appeals, redact it, and show
# the result next to the original.
set -eu
cd "$(dirname "$0")/.."
in=corpus/samples/appeals.csv
out=${TMPDIR:-/tmp}/znes-demo-appeals.csv
echo "== znes scan $in"
./znes scan "$in" || [ $? -eq 1 ]
echo
echo "== znes redact -o $out $in"
./znes redact -o "$out" "$in"
echo
echo "== before"
cat "$in"
echo
echo "== after"
cat "$out"
