#!/bin/sh
# End-to-end tests of the znes command line (zsv style: files in, files out,
# compared byte for byte). $ZNES names the binary under test.
#
#   roundtrip/F       `znes redact F` must reproduce F exactly, from a file
#                     and as a stdin-to-stdout pipeline stage.
#   golden/N.in.EXT   `znes redact [N.args] N.in.EXT` must print N.out.EXT.
#   errors/N.EXT      `znes redact [N.args] -o OUT N.EXT` must exit 2 with
#                     exactly the line in N.err on stderr and leave no OUT;
#                     on stdout it must stop before the bad record.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
# The expected outputs and messages are English: whatever the developer's
# locale, run in C (i18n.sh sets the locale per command for its own checks).
LC_ALL=C
export LC_ALL
unset LANGUAGE LC_MESSAGES
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# --- byte-identical round trips -------------------------------------------
for f in "$here"/roundtrip/*; do
	n=$(basename "$f")
	if "$ZNES" redact "$f" > "$tmp/out" 2> "$tmp/err" && cmp -s "$f" "$tmp/out"; then ok
	else bad "roundtrip $n: output differs from input or exit non-zero: $(head -c 300 "$tmp/err")"; fi
	ext=${n##*.}
	fmt=csv
	case $ext in json|geojson) fmt=json ;; jsonl) fmt=jsonl ;; esac
	if cat "$f" | "$ZNES" redact --format "$fmt" > "$tmp/out" 2> "$tmp/err" && cmp -s "$f" "$tmp/out"; then ok
	else bad "roundtrip $n through a pipe"; fi
	if "$ZNES" redact -o "$tmp/o.$ext" "$f" 2> "$tmp/err" && cmp -s "$f" "$tmp/o.$ext"; then ok
	else bad "roundtrip $n with -o"; fi
done

# --- golden outputs -----------------------------------------------------------
for f in "$here"/golden/*.in.*; do
	n=$(basename "$f")
	stem=${n%%.in.*}
	ext=${n#*.in.}
	args=
	[ -f "$here/golden/$stem.args" ] && args=$(cat "$here/golden/$stem.args")
	# shellcheck disable=SC2086
	if "$ZNES" redact $args "$f" > "$tmp/out" 2> "$tmp/err" && cmp -s "$here/golden/$stem.out.$ext" "$tmp/out"; then ok
	else bad "golden $stem: $(head -c 300 "$tmp/err")"; diff "$here/golden/$stem.out.$ext" "$tmp/out" | head -5; fi
done

# --- malformed input fails closed ----------------------------------------------
for f in "$here"/errors/*; do
	case $f in *.err|*.args) continue ;; esac
	n=$(basename "$f")
	stem=${n%.*}
	args=
	[ -f "$here/errors/$stem.args" ] && args=$(cat "$here/errors/$stem.args")
	mkdir -p "$tmp/o"
	# shellcheck disable=SC2086
	(cd "$here/errors" && "$ZNES" redact $args -o "$tmp/o/out" "$n" > /dev/null 2> "$tmp/err")
	rc=$?
	if [ $rc -ne 2 ]; then bad "error $stem: exit $rc, want 2"
	elif ! cmp -s "$here/errors/$stem.err" "$tmp/err"; then bad "error $stem: stderr '$(cat "$tmp/err")' want '$(cat "$here/errors/$stem.err")'"
	elif [ -n "$(ls -A "$tmp/o")" ]; then bad "error $stem: left files behind: $(ls -A "$tmp/o")"
	else ok; fi
	rm -rf "$tmp/o"
	# On stdout: only whole records before the bad one, a prefix of the input.
	# shellcheck disable=SC2086
	"$ZNES" redact $args < "$f" > "$tmp/out" 2> /dev/null
	line=$(sed 's/^[^:]*:\([0-9]*\):.*/\1/' "$here/errors/$stem.err")
	got=$(wc -l < "$tmp/out")
	if [ $? -eq 0 ] && [ "$got" -lt "$line" ] && head -c "$(wc -c < "$tmp/out")" "$f" | cmp -s - "$tmp/out"; then ok
	else bad "error $stem on stdout: emitted past the bad record"; fi
done

# --- the command line -------------------------------------------------------
if "$ZNES" --version | grep -q '^znes [0-9]'; then ok; else bad "--version"; fi
if "$ZNES" --help | grep -q 'redact'; then ok; else bad "--help"; fi
if "$ZNES" redact --help | grep -q -- '-o, --output'; then ok; else bad "redact --help"; fi
if "$ZNES" scan --help | grep -q 'Exit status'; then ok; else bad "scan --help"; fi
"$ZNES" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown command must exit 2"
"$ZNES" redact --format xml "$here/roundtrip/tab.tsv" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad --format must exit 2"

# The manual page renders without a warning.
if command -v groff > /dev/null 2>&1; then
	man1=$(cd "$here/../../scanner" && pwd)/znes.1
	if [ -z "$(groff -k -man -Tutf8 -ww "$man1" 2>&1 > /dev/null)" ]; then ok; else bad "znes.1 has groff warnings"; fi
fi

# Empty in, empty out, exit 0.
: > "$tmp/empty.csv"
if "$ZNES" redact "$tmp/empty.csv" > "$tmp/out" && [ ! -s "$tmp/out" ]; then ok; else bad "empty input"; fi
if "$ZNES" redact < /dev/null > "$tmp/out" && [ ! -s "$tmp/out" ]; then ok; else bad "empty stdin"; fi

# Missing input: exit 2, no OUT.
"$ZNES" redact -o "$tmp/never" "$tmp/missing.csv" 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/never" ] && grep -q "cannot open" "$tmp/err"; then ok; else bad "missing input: exit $rc"; fi

# A JSON file that is one plain object is one record to its reader (its
# values are scanned as a record's); a file of nothing holds none.
printf '{"ПІБ": "Петренко Іван Іванович", "Телефон": "0671234567"}\n' > "$tmp/one.json"
"$ZNES" scan "$tmp/one.json" > "$tmp/out" 2>&1
grep -q "one.json: 1 record (json" "$tmp/out" && grep -q "Телефон .*phone" "$tmp/out" && ok ||
	bad "one object: $(head -1 "$tmp/out")"
printf '{}\n' > "$tmp/none.json"
"$ZNES" scan "$tmp/none.json" > "$tmp/out" 2>&1
grep -q "none.json: 0 records" "$tmp/out" && ok || bad "empty object: $(head -1 "$tmp/out")"

# Unwritable output: exit 2.
"$ZNES" redact -o "$tmp/no/such/dir/out.csv" "$here/roundtrip/tab.tsv" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "cannot create" "$tmp/err" && ok || bad "unwritable output"

# A full disk on stdout: exit 2 with a message, not silence.
if [ -w /dev/full ]; then
	"$ZNES" redact "$here/roundtrip/numbers.json" > /dev/full 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && grep -q "No space left" "$tmp/err" && ok || bad "/dev/full: exit $rc"
fi

# A write that fails half-way through an -o file leaves no OUT (LD_PRELOAD
# shim; not under ASan, whose runtime must be loaded first).
if [ -n "${FAILWRITE_SO:-}" ] && [ -f "$FAILWRITE_SO" ]; then
	big="$tmp/big.csv"
	i=0; : > "$big"
	while [ $i -lt 2000 ]; do echo "$i;Назва установи номер $i;1 500,00" >> "$big"; i=$((i + 1)); done
	LD_PRELOAD=$FAILWRITE_SO ZNES_FAIL_WRITE_AFTER=20000 "$ZNES" redact -o "$tmp/half.csv" "$big" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && [ ! -e "$tmp/half.csv" ] && [ -z "$(ls "$tmp" | grep znes-)" ]; then ok
	else bad "failing write with -o: exit $rc, files: $(ls "$tmp")"; fi
fi

# Policies, actions and the audit log (prints only its failures).
if ZNES=$ZNES sh "$here/audit.sh"; then ok; else bad "audit.sh (see above)"; fi

# Linkage: corpus add/list/remove, link, scan --db (its own counts).
ZNES=$ZNES sh "$here/link.sh" || bad "link.sh"

# SARIF reports validate against the 2.1.0 schema.
ZNES=$ZNES sh "$here/sarif.sh" || bad "sarif.sh"

# Excel workbooks: scanned and redacted like their CSV twins (needs
# $MKXLSX, default build/release/mkxlsx: make builds it for e2e).
ZNES=$ZNES sh "$here/xlsx.sh" || bad "xlsx.sh"

# The HTML reports, checked in headless Chromium; screenshots kept in
# build/artifacts/ (chromium is needed: without it this fails).
ZNES=$ZNES sh "$here/html.sh" || bad "html.sh"

# The Ukrainian interface: language choice, messages, the catalogue.
if ZNES=$ZNES sh "$here/i18n.sh"; then ok; else bad "i18n.sh (see above)"; fi

# Detection over threads changes nothing a user sees.
ZNES=$ZNES sh "$here/threads.sh" || bad "threads.sh"

echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
