#!/bin/sh
# check.sh - self-check of the evaluation tooling in tests/eval.
#
# Builds gen, verify and evaluate with the project's warning flags into a
# temporary directory, then: runs the generator's checksum self-test,
# generates seed 1, re-checks every truth item with verify (offsets,
# checksums, uncovered personal-looking numbers), checks that the same seed
# gives the same bytes, scores the hand-made findings in testdata/ (perfect,
# one missing, one cut short, one false positive, wrong category) and each dataset's own
# truth used as findings, and smoke-tests the bench streams.
# Run from the repository root:  sh tests/eval/check.sh
set -eu

CC=${CC:-cc}
CFLAGS="-std=c11 -O2 -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
 -Wmissing-prototypes -Wpointer-arith -Wvla -Wwrite-strings -Wformat-security -fno-common"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=tests/eval/testdata

$CC $CFLAGS tests/eval/gen.c -o "$T/gen"
$CC $CFLAGS tests/eval/verify.c -o "$T/verify" -ljansson
$CC $CFLAGS tests/eval/evaluate.c -o "$T/evaluate" -ljansson

"$T/gen" --self-test
"$T/gen" --seed 1 --out "$T/a" >/dev/null
"$T/gen" --seed 1 --out "$T/b" >/dev/null
"$T/verify" "$T/a"
for f in "$T"/a/*; do
	cmp "$f" "$T/b/${f##*/}"
done
echo "determinism: ok"

# expect STATUS ARGS...: run evaluate, compare its exit status
expect() {
	want=$1
	shift
	set +e
	"$T/evaluate" "$@" >"$T/out" 2>&1
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		cat "$T/out"
		echo "evaluate $*: exit $got, expected $want" >&2
		exit 1
	fi
}
C=phone,tax_id,email,iban,card,passport
expect 0 $D/truth.jsonl $D/perfect.jsonl --categories $C
expect 1 $D/truth.jsonl $D/missing.jsonl --categories $C
# a phone found without its first digit: found, but not whole (a leak)
expect 1 $D/truth.jsonl $D/partial.jsonl --categories $C
expect 0 $D/truth.jsonl $D/partial.jsonl --categories $C --min-recall 0.6
expect 1 $D/truth.jsonl $D/false_positive.jsonl --categories $C
expect 1 $D/truth.jsonl $D/wrong_category.jsonl --categories $C
expect 0 $D/truth.jsonl $D/missing.jsonl --categories $C --min-recall 0.6
expect 1 $D/truth.jsonl $D/false_positive.jsonl --categories $C --min-precision 0.5
expect 0 $D/truth.jsonl $D/false_positive.jsonl --categories $C --min-precision 0.5 --min-kept 0.7
expect 2 $D/truth.jsonl /nonexistent.jsonl
# an address found whole, with its house and apartment; then with the house cut short
expect 0 $D/addr_truth.jsonl $D/addr_found.jsonl --categories address
expect 1 $D/addr_truth.jsonl $D/addr_badpart.jsonl --categories address
for t in "$T"/a/*.truth.jsonl; do
	grep -v '"decoy": true' "$t" >"$T/self.jsonl" || true
	expect 0 "$t" "$T/self.jsonl"
done
echo "evaluate: ok"

"$T/gen" --bench-csv 3M "$T/bench.csv" 2>/dev/null
"$T/gen" --bench-jsonl 3M "$T/bench.jsonl" 2>/dev/null
for f in "$T/bench.csv" "$T/bench.jsonl"; do
	[ "$(wc -c <"$f")" -ge 3000000 ] || { echo "$f too short" >&2; exit 1; }
done
echo "bench: ok"
echo "tests/eval: all checks passed"
