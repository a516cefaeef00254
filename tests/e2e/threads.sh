#!/bin/sh
# Detection over threads (--threads): past the look-ahead window records go
# through in batches scanned by several threads, and nothing a user sees may
# depend on that. On files of several thousand records (the samples' rows,
# numbered anew so no two are alike), redact and scan output with 1 and 3
# threads must be byte-identical, in CSV, JSON Lines and a JSON array; the
# audit log (times aside) too; and a bad record past the window must stop
# the output right before it, every record before it redacted.
# Prints "threads: N passed, N failed".
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# 4,000 CSV records: the bundled samples' data rows in turn, renumbered.
rows=4000
awk -v n=$rows 'FNR == 1 { if (NR == 1) print; next }
	{ sub(/^[0-9]+;/, ""); r[k++] = $0 }
	END { for (i = 1; i <= n; i++) print i ";" r[(i - 1) % k] }' \
	"$root/corpus/samples/appeals.csv" > "$tmp/big.csv"
# JSON Lines and a JSON array of the same records (one field per column).
awk -F';' 'NR > 1 { printf "{\"n\": %d, \"pib\": \"%s\", \"rnokpp\": \"%s\", \"phone\": \"%s\", \"email\": \"%s\"}\n", $1, $3, $4, $5, $6 }' \
	"$tmp/big.csv" > "$tmp/big.jsonl"
{ echo '['; sed '$!s/$/,/' "$tmp/big.jsonl"; echo ']'; } > "$tmp/big.json"

for f in big.csv big.jsonl big.json; do
	for t in 1 3; do
		"$ZNES" redact --threads $t "$tmp/$f" > "$tmp/r$t.$f" 2> "$tmp/err" || bad "redact --threads $t $f: $(cat "$tmp/err")"
		"$ZNES" scan --threads $t --format jsonl "$tmp/$f" > "$tmp/s$t.$f" 2> "$tmp/err"
		[ $? -eq 1 ] || bad "scan --threads $t $f: $(cat "$tmp/err")"
	done
	cmp -s "$tmp/r1.$f" "$tmp/r3.$f" && ok || bad "$f: redact output differs between 1 and 3 threads"
	cmp -s "$tmp/s1.$f" "$tmp/s3.$f" && ok || bad "$f: scan findings differ between 1 and 3 threads"
	# every record is there, and the findings reach the last one
	[ "$(wc -l < "$tmp/r3.$f")" -eq "$(wc -l < "$tmp/$f")" ] && ok || bad "$f: record count changed"
	grep -q "\"record\": *$((rows - 1))[,}]" "$tmp/s3.$f" && ok || bad "$f: no finding in the last record"
done

# A batch is scanned a column at a time, its JSON records pinned in the
# reader's buffers (a string with escapes is copied: it is not in them).
# Records of two kinds in turn (a register and appeals in one export,
# every other appeal with escapes); in every third a company's object,
# whose account stays (an object is judged once all of its record's
# fields are scanned) beside a person's, which goes; from record 3,001 on
# a key of its own in each (by record 7,000, so many more column ids than
# a batch has fields that the batch is scanned in input order). The same
# output with 1 and 3 threads, and past the window each record redacted
# as the window's are.
awk 'BEGIN { for (i = 1; i <= 7000; i++) {
	if (i > 3000) printf "{\"k%d\": \"%sтел. 067 %03d 45 67\"}\n", i, i % 3 == 1 ? "Іван, " : i % 3 == 2 ? "Іван, Олена, " : "", i % 1000
	else if (i % 3 == 0) printf "{\"n\": %d, \"supplier\": {\"edrpou\": \"08965613\", \"iban\": \"UA563006140000026002448932693\"}, \"payee\": {\"pib\": \"Петренко Іван\", \"iban\": \"UA683220010000026202116123407\"}}\n", i
	else if (i % 2) printf "{\"n\": %d, \"pib\": \"Ковальчук Олена Петрівна\", \"phone\": \"+380 67 %03d 45 67\"}\n", i, i % 1000
	else if (i % 4) printf "{\"id\": \"Г-%d\", \"text\": \"Моя сусідка, Зінаїда Вітер, тел. 050 %03d 12 34\"}\n", i, i % 1000
	else printf "{\"id\": \"Г-%d\", \"text\": \"Сусідка \\\"Зінаїда Вітер\\\", тел. 050 %03d 12 34\\u0021\"}\n", i, i % 1000 } }' > "$tmp/mixed.jsonl"
for t in 1 3; do
	"$ZNES" redact --threads $t "$tmp/mixed.jsonl" > "$tmp/m$t" 2> "$tmp/err" || bad "redact --threads $t mixed.jsonl: $(cat "$tmp/err")"
done
cmp -s "$tmp/m1" "$tmp/m3" && ok || bad "mixed.jsonl: redact output differs between 1 and 3 threads"
for at in 3 2997; do
	sed -n "${at}p" "$tmp/m3" | grep -q '"supplier": {"edrpou": "08965613", "iban": "UA563006140000026002448932693"}, "payee": {"pib": "\[ПІБ\]", "iban": "\[IBAN\]"}' \
		&& ok || bad "mixed.jsonl record $at: the company's account redacted or the person's kept"
done
sed -n '2996p;2998p;2999p;3500p;6999p' "$tmp/m3" | tr '\n' '|' | grep -q '^{"id": "Г-2996", "text": "Сусідка \\"\[ПІБ\]\\", тел. \[ТЕЛЕФОН\]!"}|{"id": "Г-2998", "text": "Моя сусідка, \[ПІБ\], тел. \[ТЕЛЕФОН\]"}|{"n": 2999, "pib": "\[ПІБ\]", "phone": "\[ТЕЛЕФОН\]"}|{"k3500": "Іван, Олена, тел. \[ТЕЛЕФОН\]"}|{"k6999": "тел. \[ТЕЛЕФОН\]"}|$' \
	&& ok || bad "mixed.jsonl: records past the window not redacted as expected"

# Past the window by a little (one batch, shorter than the window) and by
# a batch and a half, with blank lines among the records: what scan and
# redact make of each record is the same with 1 and 3 threads.
for rows in 1001 1512 2300; do
	awk -v n=$rows 'FNR == 1 { if (NR == 1) print; next }
		{ sub(/^[0-9]+;/, ""); r[k++] = $0 }
		END { for (i = 1; i <= n; i++) { print i ";" r[(i - 1) % k]; if (i % 700 == 0) print "" } }' \
		"$root/corpus/samples/appeals.csv" > "$tmp/r$rows.csv"
	for t in 1 3; do
		"$ZNES" scan --threads $t --format jsonl "$tmp/r$rows.csv" > "$tmp/s$t.r$rows" 2> "$tmp/err"
		"$ZNES" redact --threads $t "$tmp/r$rows.csv" > "$tmp/o$t.r$rows" 2>> "$tmp/err" || bad "redact $rows rows: $(cat "$tmp/err")"
	done
	cmp -s "$tmp/s1.r$rows" "$tmp/s3.r$rows" && ok || bad "$rows rows: scan findings differ between 1 and 3 threads"
	cmp -s "$tmp/o1.r$rows" "$tmp/o3.r$rows" && ok || bad "$rows rows: redact output differs between 1 and 3 threads"
done

# The window's profile, taken in parts on the threads, is added up over
# them: a column with no header word for it is a phone column when half
# its values are phones, and then its local numbers (not phones without
# that) are redacted too (a.csv: half of them, in its second half). In
# b.csv the four phones of ten are its first records, in c.csv its middle
# ones: not half of the column, but more than half of a part of the
# window, with 2 threads or 3; a part counted alone would make it a phone
# column.
printf 'n;kontakt\n' | tee "$tmp/pa.csv" "$tmp/pb.csv" > "$tmp/pc.csv"
for i in 1 2 3 4 5 6 7 8 9 10; do
	if [ $i -le 5 ]; then echo "$i;35 8$i 70"; else echo "$i;067 123 45 6$((i - 6))"; fi >> "$tmp/pa.csv"
	if [ $i -le 4 ]; then echo "$i;067 123 45 6$i"; else echo "$i;35 8$i 70"; fi >> "$tmp/pb.csv"
	if [ $i -ge 5 ] && [ $i -le 8 ]; then echo "$i;067 123 45 6$i"; else echo "$i;35 8$i 70"; fi >> "$tmp/pc.csv"
done
for t in 1 2 3; do
	for f in pa:10 pb:4 pc:4; do
		n=$("$ZNES" redact --threads $t "$tmp/${f%:*}.csv" | grep -c 'ТЕЛЕФОН')
		[ "$n" -eq "${f#*:}" ] && ok || bad "${f%:*}.csv, profile over $t threads: $n values redacted, not ${f#*:}"
	done
done

# An output that fails while batches are in flight (a reader that goes
# away, with SIGPIPE ignored; a full disk): exit 2, and no thread reads
# freed records on the way out (this runs under ASan and TSan too).
(trap '' PIPE; "$ZNES" redact --threads 3 "$tmp/big.csv" 2> "$tmp/err" | head -n 1 > /dev/null; echo $? > /dev/null)
(trap '' PIPE; "$ZNES" redact --threads 3 "$tmp/big.csv" 2> "$tmp/err" | head -c 100 > /dev/null)
grep -q 'Broken pipe\|EPIPE\|cannot write' "$tmp/err" && ok || bad "closed pipe: no write error reported: $(cat "$tmp/err")"
grep -q 'Sanitizer\|ThreadSanitizer' "$tmp/err" && bad "closed pipe: $(head -c 400 "$tmp/err")" || ok
if [ -w /dev/full ]; then
	"$ZNES" redact --threads 3 "$tmp/big.csv" > /dev/full 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] && ok || bad "/dev/full: exit $rc: $(head -c 300 "$tmp/err")"
fi

# The audit log, with one key: the same but for its times (and so the
# hash chain, seal and MAC).
head -c 32 /dev/urandom > "$tmp/key"
chmod 600 "$tmp/key"
for t in 1 3; do
	"$ZNES" redact --threads $t --key-file "$tmp/key" --audit "$tmp/a$t.log" "$tmp/big.csv" > /dev/null 2> "$tmp/err" || bad "redact --audit: $(cat "$tmp/err")"
	sed 's/"started":"[^"]*"//; s/"finished":"[^"]*"//; s/"prev":"[^"]*"//; s/"seal":"[^"]*"//; s/"mac":"[^"]*"//' "$tmp/a$t.log" > "$tmp/a$t.events"
done
cmp -s "$tmp/a1.events" "$tmp/a3.events" && ok || bad "audit events differ between 1 and 3 threads"
[ "$(wc -l < "$tmp/a3.events")" -gt $rows ] && ok || bad "audit log has $(wc -l < "$tmp/a3.events") lines"

# A bad record (invalid UTF-8 after a windows-1251 guess is ruled out by
# --encoding utf-8) far past the window: exit 2, the records before it
# written and redacted, nothing of it or after it.
bad_at=3000
awk -v b=$bad_at 'NR == b + 1 { print b ";\377\376 broken;3184710691" ; next } { print }' "$tmp/big.csv" > "$tmp/bad.csv"
"$ZNES" redact --threads 3 --encoding utf-8 "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "bad record: exit $rc"
grep -q "bad.csv:$((bad_at + 1)):" "$tmp/err" && ok || bad "bad record: message without its line: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/out")" -eq $bad_at ] && ok || bad "bad record: $(wc -l < "$tmp/out") lines written, want $bad_at"
head -n $bad_at "$tmp/r3.big.csv" | cmp -s - "$tmp/out" && ok || bad "bad record: the records before it differ from a full run"
grep -q 3184710691 "$tmp/out" && bad "bad record: an identifier was written unredacted" || ok

# Memory does not grow with the input: pinned records' buffers are given
# back once their batch is written. mixed.jsonl 8 times (4 MB) and 64
# times (32 MB): the peak RSS of the second within 16 MB of the first's.
# (Under ASan, with its quarantine of freed memory off: it would keep them;
# not under valgrind, whose own queue of freed blocks is 20 MB.)
case $ZNES in */valgrind.sh) rss_check= ;; *) rss_check=1 ;; esac
for k in ${rss_check:+8 64}; do
	i=0
	while [ $i -lt $k ]; do cat "$tmp/mixed.jsonl"; i=$((i + 1)); done > "$tmp/x$k.jsonl"
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f '%M' -o "$tmp/rss$k" "$ZNES" redact --threads 2 "$tmp/x$k.jsonl" > /dev/null 2> "$tmp/err" ||
		bad "redact x$k.jsonl: $(cat "$tmp/err")"
done
if [ -n "$rss_check" ]; then
	r8=$(tail -n 1 "$tmp/rss8")
	r64=$(tail -n 1 "$tmp/rss64")
	[ $((r64 - r8)) -lt 16384 ] && ok || bad "peak RSS grew with the input: $r8 KiB for 4 MB, $r64 KiB for 32 MB"
fi

echo "threads: $pass passed, $fail failed"
[ $fail -eq 0 ]
