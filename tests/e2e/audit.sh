#!/bin/sh
# End-to-end tests of policies, actions and the audit log (issue 4). Run by
# run.sh; prints nothing but failures ("FAIL: ...") and exits non-zero on
# any. $ZNES names the binary; $GEN the evaluation data generator (built
# here from tests/eval/gen.c when absent).
#
#   - redact with --audit over every generated evaluation dataset (seed 1):
#     the log verifies against the input and output, and not one truth
#     value appears in it (hex digests are masked first: a 10-digit number
#     can occur inside a random 64-digit hash);
#   - a pipeline stage (stdin to stdout) writes a log that verifies;
#   - a run that fails, or is killed, leaves a log that verify rejects;
#   - an edited, deleted or reordered line makes verify exit 1;
#   - pseudonyms are stable across runs with one key and differ with
#     another; a key file readable by others is refused;
#   - policy check reports a wrong action with the field; summary prints
#     the passport line.
here=$(cd "$(dirname "$0")" && pwd)
E2E_PREFIX="audit: "
. "$here/lib.sh"
unset ZNES_KEY

GEN=${GEN:-$root/build/release/eval/gen}
if [ ! -x "$GEN" ]; then
	GEN=$tmp/gen
	${CC:-cc} -O2 -o "$GEN" "$root/tests/eval/gen.c" || { bad "cannot build the generator"; exit 1; }
fi
"$GEN" --seed 1 --out "$tmp/eval" > /dev/null || { bad "generator failed"; exit 1; }

# --- every evaluation dataset: verified log, no truth value in it -----------
n=0
for truth in "$tmp"/eval/*.truth.jsonl; do
	stem=${truth%.truth.jsonl}
	data=$(ls "$stem".csv "$stem".json "$stem".jsonl 2>/dev/null | head -n 1)
	name=$(basename "$data")
	ext=${data##*.}
	log=$tmp/$name.audit.jsonl
	if ! "$ZNES" redact -q --audit "$log" -o "$tmp/out.$ext" "$data" 2> "$tmp/err"; then
		bad "redact $name: $(head -c 300 "$tmp/err")"; continue
	fi
	"$ZNES" audit verify --input "$data" --output "$tmp/out.$ext" "$log" > "$tmp/v" 2>&1 ||
		bad "verify $name: $(cat "$tmp/v")"
	# Values of the truth (decoys are not personal data), one per line;
	# not a year of birth alone ("1975"): four digits are in any log's
	# numbers (offsets, line numbers), personal or not.
	grep -v '"decoy": *true' "$truth" |
		sed -n 's/.*"value": *"\(\([^"\\]\|\\.\)*\)".*/\1/p' | awk 'length($0) > 4' | sort -u > "$tmp/values"
	[ -s "$tmp/values" ] || bad "$name: no truth values read"
	sed -E 's/"[0-9a-f]{16,}"/"#"/g' "$log" > "$tmp/masked"
	if grep -F -f "$tmp/values" "$tmp/masked" > "$tmp/hits"; then
		bad "$name: $(wc -l < "$tmp/hits") audit lines hold a personal value"
	fi
	events=$(grep -c '"type":"event"' "$log")
	[ "$events" -gt 0 ] || bad "$name: no events logged"
	n=$((n + 1))
done
[ $n -ge 4 ] || bad "only $n evaluation datasets"

# --- pipeline mode -----------------------------------------------------------
csv=$tmp/eval/aid_register.csv
cat "$csv" | "$ZNES" redact --audit "$tmp/p.jsonl" > "$tmp/p.csv" 2> "$tmp/err" || bad "pipeline redact: $(cat "$tmp/err")"
"$ZNES" audit verify --output "$tmp/p.csv" --input "$csv" "$tmp/p.jsonl" > /dev/null || bad "pipeline log does not verify"
grep -q '"input":"<stdin>"' "$tmp/p.jsonl" || bad "pipeline log does not name stdin"
cmp -s "$tmp/p.csv" "$tmp/out.csv" 2> /dev/null || true

# --- interrupted runs leave a log that verify rejects -------------------------
"$ZNES" redact --encoding utf-8 --audit "$tmp/i.jsonl" "$here/errors/bad_utf8.csv" > /dev/null 2>&1
[ $? -eq 2 ] || bad "bad input must exit 2"
"$ZNES" audit verify "$tmp/i.jsonl" > "$tmp/v" 2>&1
[ $? -eq 1 ] && grep -q "no trailer" "$tmp/v" || bad "failed run: verify must say no trailer: $(cat "$tmp/v")"
mkfifo "$tmp/fifo"
"$ZNES" redact --format csv --audit "$tmp/k.jsonl" < "$tmp/fifo" > /dev/null 2>&1 &
pid=$!
exec 3> "$tmp/fifo"
head -n 3000 "$csv" >&3
sleep 1
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
exec 3>&-
"$ZNES" audit verify "$tmp/k.jsonl" > "$tmp/v" 2>&1
[ $? -eq 1 ] || bad "killed run: verify must exit 1: $(cat "$tmp/v")"

# --- tampering -----------------------------------------------------------------
log=$tmp/aid_register.csv.audit.jsonl
sed '3s/"record":[0-9]*/"record":99/' "$log" > "$tmp/t1.jsonl"
"$ZNES" audit verify "$tmp/t1.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || bad "edited line not caught"
sed '3d' "$log" > "$tmp/t2.jsonl"
"$ZNES" audit verify "$tmp/t2.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || bad "deleted line not caught"
awk 'NR == 2 { held = $0; next } NR == 3 { print; print held; next } { print }' "$log" > "$tmp/t3.jsonl"
"$ZNES" audit verify "$tmp/t3.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || bad "reordered lines not caught"
sed '$d' "$log" > "$tmp/t4.jsonl"
"$ZNES" audit verify "$tmp/t4.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || bad "missing trailer not caught"
"$ZNES" audit verify --output "$csv" "$log" > /dev/null 2>&1; [ $? -eq 1 ] || bad "wrong output not caught"

# --- keys and pseudonyms --------------------------------------------------------
printf '{"categories": {"tax_id": "pseudonym", "phone": {"action": "mask", "keep_last": 2}}}\n' > "$tmp/pol.json"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp/key1"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$tmp/key2"
chmod 600 "$tmp/key1" "$tmp/key2"
"$ZNES" redact --policy "$tmp/pol.json" --key-file "$tmp/key1" --audit "$tmp/q1.jsonl" "$csv" > "$tmp/q1.csv" || bad "pseudonym run 1"
"$ZNES" redact --policy "$tmp/pol.json" --key-file "$tmp/key1" "$csv" > "$tmp/q2.csv" || bad "pseudonym run 2"
ZNES_KEY=$(cat "$tmp/key2") "$ZNES" redact --policy "$tmp/pol.json" "$csv" > "$tmp/q3.csv" || bad "pseudonym run with ZNES_KEY"
grep -q 'ПСЕВДОНІМ:' "$tmp/q1.csv" || bad "no pseudonyms written"
cmp -s "$tmp/q1.csv" "$tmp/q2.csv" || bad "pseudonyms differ across runs with one key"
cmp -s "$tmp/q1.csv" "$tmp/q3.csv" && bad "pseudonyms equal across keys"
grep -q "$(cat "$tmp/key1")" "$tmp/q1.jsonl" && bad "the key is in the audit log"
"$ZNES" audit verify --key-file "$tmp/key1" "$tmp/q1.jsonl" > /dev/null || bad "MAC with the right key"
"$ZNES" audit verify --key-file "$tmp/key2" "$tmp/q1.jsonl" > /dev/null 2>&1; [ $? -eq 1 ] || bad "MAC with another key must fail"
chmod 644 "$tmp/key1"
"$ZNES" redact --policy "$tmp/pol.json" --key-file "$tmp/key1" -o "$tmp/never.csv" "$csv" 2> "$tmp/err"
[ $? -eq 2 ] && [ ! -e "$tmp/never.csv" ] && grep -q "group or others" "$tmp/err" || bad "key file 0644 not refused"
"$ZNES" redact --policy "$tmp/pol.json" -o "$tmp/never.csv" "$csv" 2> "$tmp/err"
[ $? -eq 2 ] && [ ! -e "$tmp/never.csv" ] || bad "pseudonyms without a key must be refused"

# --- policy check, summary ----------------------------------------------------------
printf '{"fields": {"x": {"action": "y"}}}\n' > "$tmp/bad.json"
"$ZNES" policy check "$tmp/bad.json" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "field 'x': unknown action 'y'" "$tmp/err" || bad "policy check message: $(cat "$tmp/err")"
printf '{\n  "default": "token",\n  "fields": {,}\n}\n' > "$tmp/bad.json"
"$ZNES" policy check "$tmp/bad.json" 2> "$tmp/err"
grep -q "bad.json:3:" "$tmp/err" || bad "policy syntax error without line: $(cat "$tmp/err")"
"$ZNES" policy check "$tmp/pol.json" > /dev/null || bad "a good policy fails check"
"$ZNES" audit summary "$tmp/p.jsonl" > "$tmp/s" || bad "summary exit"
grep -q "^Поле «РНОКПП»: конфіденційна інформація про фізичну особу (реєстраційний номер облікової картки платника податків) — вилучено$" "$tmp/s" ||
	bad "summary lacks the passport line: $(grep '^Поле' "$tmp/s" | head -3)"
"$ZNES" audit summary "$tmp/t1.jsonl" > "$tmp/s1" 2>&1; [ $? -eq 1 ] || bad "summary of a tampered log must exit 1"
# A log that holds is summarised from verify's reading; one that does not
# is read again whole: the report says it is damaged, and counts every
# event, those after the edited line too (the edit changed a record index).
grep -q "ЖУРНАЛ ПОШКОДЖЕНО" "$tmp/s1" || bad "summary of a tampered log does not say so"
"$ZNES" audit summary "$log" > "$tmp/s0" || bad "summary of the intact log"
sed -n '/^За видами інформації:/,$p' "$tmp/s0" > "$tmp/s0k"
sed -n '/^За видами інформації:/,$p' "$tmp/s1" > "$tmp/s1k"
[ -s "$tmp/s0k" ] && cmp -s "$tmp/s0k" "$tmp/s1k" || bad "summary of a tampered log lost events: $(diff "$tmp/s0k" "$tmp/s1k" | head -4)"

[ $fail -eq 0 ]
