#!/bin/sh
# `make demo`: scan the bundled sample of citizen appeals, redact it, show the
# result next to the original, check a dataset for linkage, and write the
# HTML report of the scan.
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

# Linkage: index an already published register (names, birth dates,
# addresses), then check a new aid list without names against it.
db=${TMPDIR:-/tmp}/znes-demo-corpus/corpus.db
rm -rf "$(dirname "$db")"
echo
echo "== znes corpus add --db $db --name residents-register corpus/samples/residents-register.csv"
./znes corpus add --db "$db" --name residents-register corpus/samples/residents-register.csv
echo
echo "== znes link --db $db --k 2 corpus/samples/aid-2024.csv"
./znes link --db "$db" --k 2 corpus/samples/aid-2024.csv || [ $? -eq 1 ]

# The same for a reviewer's eyes: one self-contained page per report.
html=${TMPDIR:-/tmp}/znes-demo-report.html
./znes scan --format html --db "$db" "$in" corpus/samples/aid-2024.csv > "$html" || [ $? -eq 1 ]
echo
echo "== znes scan --format html --db $db $in corpus/samples/aid-2024.csv > $html"
echo "open $html in a browser: per column, the kinds of personal data, counts and masked examples, a chart, the linkage risk"
