#!/bin/sh
# Hostile inputs (issue 7): each must end in bounded time and memory with
# either correct output or a clear one-line error and exit 2. $ZNES names
# the binary; HOSTILE_SMALL=1 shrinks the huge cases (for sanitizer runs).
# Prints "hostile: N passed, N failed".
set -u
# Compares English messages: not the developer's locale.
LC_ALL=C
export LC_ALL
unset LANGUAGE LC_MESSAGES
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
big=100000000
cols=1000000
limit=16M
[ -n "${HOSTILE_SMALL:-}" ] && big=3000000 && cols=100000 && limit=1M

# run NAME LIMIT_SECONDS CMD...: runs with a time limit; sets rc, err, rss (KiB)
run() {
	name=$1 lim=$2
	shift 2
	/usr/bin/time -f '%M' -o "$tmp/rss" timeout "$lim" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	rss=$(tail -n 1 "$tmp/rss" 2>/dev/null || echo 0)
	case $rss in ''|*[!0-9]*) rss=0 ;; esac
	err=$(grep -v 'Command exited' "$tmp/err" | head -n 1)
	[ $rc -eq 124 ] && bad "$name: did not finish in ${lim}s"
}

# A 100 MB single field: refused at the default limit, read whole when allowed.
{ printf 'id;text\n1;"'; head -c $big /dev/zero | tr '\0' 'x'; printf '"\n'; } > "$tmp/bigfield.csv"
run bigfield 60 "$ZNES" redact --max-field $limit "$tmp/bigfield.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "field larger than the limit"; then ok; else bad "bigfield at the default limit: exit $rc: $err"; fi
run bigfield-allowed 120 "$ZNES" redact --max-field 200M "$tmp/bigfield.csv"
if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/bigfield.csv"; then ok; else bad "bigfield with --max-field 200M: exit $rc: $err"; fi
rm -f "$tmp/bigfield.csv"

# A million columns in the header and in a row.
awk -v n=$cols 'BEGIN { for (r = 0; r < 2; r++) { for (i = 0; i < n; i++) printf "%s%d", (i ? ";" : ""), i; printf "\n" } }' > "$tmp/cols.csv"
run million-columns 120 "$ZNES" redact "$tmp/cols.csv"
if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/cols.csv"; then ok; else bad "million columns: exit $rc: $err"; fi

# JSON nested 100,000 deep.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf "\n" }' > "$tmp/deep.json"
run deep-json 30 "$ZNES" redact "$tmp/deep.json"
if [ $rc -eq 2 ] && echo "$err" | grep -q "deep.json:1:1002: JSON nested deeper than 1000 levels"; then ok; else bad "deep json: exit $rc: $err"; fi

# NUL bytes are data in CSV, an error in JSON.
printf 'a,b\n1,x\000y\n' > "$tmp/nul.csv"
run nul-csv 10 "$ZNES" redact "$tmp/nul.csv"
if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/nul.csv"; then ok; else bad "NUL in CSV: exit $rc: $err"; fi
printf '[{"a": "x\000y"}]' > "$tmp/nul.json"
run nul-json 10 "$ZNES" redact "$tmp/nul.json"
if [ $rc -eq 2 ] && echo "$err" | grep -q "nul.json:1:10: control character in string"; then ok; else bad "NUL in JSON: exit $rc: $err"; fi

# Overlong UTF-8 and an encoded surrogate are errors in UTF-8 mode.
printf 'a,b\n1,\300\257\n' > "$tmp/overlong.csv"
run overlong 10 "$ZNES" redact --encoding utf-8 "$tmp/overlong.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "overlong.csv:2:3: invalid UTF-8"; then ok; else bad "overlong: exit $rc: $err"; fi
printf 'a,b\n1,\355\240\200\n' > "$tmp/surrogate.csv"
run surrogate 10 "$ZNES" redact --encoding utf-8 "$tmp/surrogate.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "surrogate.csv:2:3: invalid UTF-8"; then ok; else bad "surrogate: exit $rc: $err"; fi
# ... and a lone \ud800 escape in JSON is read (as U+FFFD) and written back untouched.
printf '[{"a": "x\\ud800y", "b": "\\udc00"}]\n' > "$tmp/lone.json"
run lone-surrogate-escape 10 "$ZNES" redact "$tmp/lone.json"
if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/lone.json"; then ok; else bad "lone surrogate escape: exit $rc: $err"; fi

# Mixed encodings: UTF-8 for the first 2 MB, then a Windows-1251 line.
awk 'BEGIN { print "id;name"; for (i = 0; i < 60000; i++) printf "%d;Іваненко Петро Степанович\n", i }' > "$tmp/mixed.csv"
printf '60000;\317\345\362\360\356\342\n' >> "$tmp/mixed.csv"
run mixed-encodings 30 "$ZNES" redact -o "$tmp/mixed.out" "$tmp/mixed.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "mixed.csv:60002:7: invalid UTF-8" && [ ! -e "$tmp/mixed.out" ]; then ok
else bad "mixed encodings: exit $rc: $err"; fi

# A BOM in the middle is a character (U+FEFF), kept as it is.
printf 'a,b\n1,2\n\357\273\2773,4\n' > "$tmp/midbom.csv"
run mid-bom 10 "$ZNES" redact "$tmp/midbom.csv"
if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/midbom.csv"; then ok; else bad "BOM in the middle: exit $rc: $err"; fi

# A quote that never closes, in a 5 MB file.
{ printf 'a,b\n1,"never closed\n'; awk 'BEGIN { for (i = 0; i < 100000; i++) print i ",some text here and there" }'; } > "$tmp/openquote.csv"
run open-quote 30 "$ZNES" redact -o "$tmp/oq.out" "$tmp/openquote.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "openquote.csv:2:3: unterminated quoted field" && [ ! -e "$tmp/oq.out" ]; then ok
else bad "open quote: exit $rc: $err"; fi

# Text built to make the patterns work hard: long runs of digit groups,
# e-mail-like text without an end, month names after numbers, context words.
awk 'BEGIN {
	printf "text\n\"";
	for (i = 0; i < 20000; i++) printf "1 ";
	for (i = 0; i < 20000; i++) printf "a.";
	printf "@";
	for (i = 0; i < 20000; i++) printf "b-";
	for (i = 0; i < 5000; i++) printf "1 лютого тел. ";
	for (i = 0; i < 20000; i++) printf "UA1 ";
	printf "\"\n" }' > "$tmp/backtrack.csv"
run backtracking 60 "$ZNES" scan "$tmp/backtrack.csv"
if [ $rc -le 1 ]; then ok; else bad "backtracking text: exit $rc: $err"; fi

# A rule pack with a bad pattern: a precise error naming the pack and rule.
mkdir -p "$tmp/packs"
cat > "$tmp/packs/bad.json" <<'JSON'
{ "pack": "bad", "rules": [ { "id": "broken.rule", "category": "phone", "match": "regex", "pattern": "(unclosed" } ] }
JSON
run bad-pack 10 "$ZNES" scan --rules "$tmp/packs" "$tmp/midbom.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "bad.json: rule 'broken.rule': bad pattern in 'pattern' at offset 9"; then ok
else bad "bad rule pack: exit $rc: $err"; fi

# A gate that says its matches lie within a word around its literal takes
# one one-byte literal: anything else would skip text the pattern could
# match, so the pack is refused.
mkdir -p "$tmp/packs2"
cat > "$tmp/packs2/bad.json" <<'JSON'
{ "pack": "bad", "rules": [ { "id": "wide.rule", "category": "email", "match": "regex", "pattern": "x@y",
  "gate": { "literal": ["@", "x"], "in_word": true } } ] }
JSON
run bad-in-word 10 "$ZNES" scan --rules "$tmp/packs2" "$tmp/midbom.csv"
if [ $rc -eq 2 ] && echo "$err" | grep -q "rule 'wide.rule': 'in_word' needs a regex rule whose gate has one one-byte literal"; then ok
else bad "in_word with two literals: exit $rc: $err"; fi

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
