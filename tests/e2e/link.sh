#!/bin/sh
# End-to-end tests of znes corpus / znes link (issue 6), with expectations
# counted by hand in the comments. $ZNES names the binary under test.
# Prints "link: N passed, N failed" and exits non-zero on any failure.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
db=$tmp/idx/corpus.db
# json KEY FILE: the first number after "KEY": in FILE
json() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2" | head -1; }

# A published register that names people, with birth date and sex.
cat > "$tmp/pub.csv" <<'CSV'
ПІБ;Дата народження;Стать
Коваленко Олена Петрівна;1980-01-05;чоловіча
Шевчук Андрій Іванович;1980-03-07;чоловіча
Бондар Марія Олегівна;1980-06-01;жіноча
Ткаченко Наталія Іванівна;1980-09-09;жіноча
Мельник Ігор Васильович;1975-02-02;чоловіча
Кравчук Петро Миколайович;1975-04-04;чоловіча
CSV
# The new dataset, without names. Matching (date, sex) exactly one named
# published record: rows 1 (Коваленко), 2 (Шевчук), 3 (Бондар), 5 (Мельник)
# = 4; rows 4 and 6 match no one. Every (date, sex) is unique: 6 below k=2.
# By birth year: (1980,m) rows 1,2; (1980,f) 3,4; (1975,m) 5,6 — classes
# of 2, and each also holds 2 published people: nothing re-identifiable.
cat > "$tmp/new.csv" <<'CSV'
№;Дата народження;Стать;Сума
1;05.01.1980;ч;100
2;7 березня 1980 р.;ч;200
3;01/06/1980;ж;300
4;12.12.1980;ж;400
5;02.02.1975;ч;500
6;10.10.1975;ч;600
CSV

"$ZNES" corpus add -q --db "$db" --name register --source https://example.org/r "$tmp/pub.csv" 2> "$tmp/err"
[ $? -eq 0 ] && ok || bad "corpus add: $(cat "$tmp/err")"
[ "$(stat -c %a "$db.key")" = 600 ] && ok || bad "key file mode $(stat -c %a "$db.key"), want 600"
# Values never reach the index: no name, date or surname in the file.
if grep -q -e 'Коваленко' -e '1980-01-05' -e 'коваленко' "$db"; then bad "a value is stored in the index"; else ok; fi
"$ZNES" corpus list --db "$db" > "$tmp/list"
grep -q '^register	6 records	6 with a direct identifier' "$tmp/list" && ok || bad "corpus list: $(cat "$tmp/list")"
"$ZNES" corpus add -q --db "$db" --name register "$tmp/pub.csv" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "already indexed" "$tmp/err" && ok || bad "duplicate name must fail"

"$ZNES" link --db "$db" --k 2 --format json "$tmp/new.csv" > "$tmp/out.json"
rc=$?
[ $rc -eq 1 ] && ok || bad "link exit $rc, want 1"
[ "$(json records "$tmp/out.json")" = 6 ] && ok || bad "records: $(cat "$tmp/out.json")"
[ "$(json reidentifiable_records "$tmp/out.json")" = 4 ] && ok || bad "reidentifiable: $(cat "$tmp/out.json")"
[ "$(json records_below_k "$tmp/out.json")" = 6 ] && ok || bad "below k: $(cat "$tmp/out.json")"
[ "$(json unique_records "$tmp/out.json")" = 6 ] && ok || bad "unique: $(cat "$tmp/out.json")"
grep -q '{"dataset": "register", "columns": \["Дата народження", "Стать"\].*"reidentifiable_records": 4' "$tmp/out.json" \
	&& ok || bad "links entry: $(cat "$tmp/out.json")"
grep -q '"changes": \[{"columns": "Дата народження", "from": "birth date", "to": "birth year"}\]' "$tmp/out.json" \
	&& ok || bad "suggestion: $(grep suggestion "$tmp/out.json")"

# Apply the suggestion (birth date -> year): nothing left.
awk -F';' 'BEGIN{OFS=";"} NR==1{$2="Рік народження"; print; next} {n=split($2,a,/[^0-9]+/); y=""; for(i=1;i<=n;i++) if (length(a[i])==4) y=a[i]; $2=y; print}' \
	"$tmp/new.csv" > "$tmp/new-year.csv"
"$ZNES" link --db "$db" --k 2 --format json "$tmp/new-year.csv" > "$tmp/out2.json"
rc=$?
[ $rc -eq 0 ] && ok || bad "after generalizing: exit $rc, want 0: $(cat "$tmp/out2.json")"
[ "$(json reidentifiable_records "$tmp/out2.json")" = 0 ] && [ "$(json records_below_k "$tmp/out2.json")" = 0 ] \
	&& ok || bad "after generalizing: $(cat "$tmp/out2.json")"

# Direct overlap through an unkeyed hash: SHA-256 of a РНОКПП a published
# dataset holds (3184710691), and one it does not hold.
printf 'ПІБ;РНОКПП\nКоваленко Олена Петрівна;3184710691\n' > "$tmp/tax.csv"
"$ZNES" corpus add -q --db "$db" --name taxpayers "$tmp/tax.csv" || bad "corpus add taxpayers"
h1=$(printf 3184710691 | sha256sum | cut -d' ' -f1)
h2=$(printf 2845107893 | sha256sum | cut -d' ' -f1)
printf 'Ідентифікатор;Сума\n%s;100\n%s;200\n' "$h1" "$h2" > "$tmp/hashed.csv"
"$ZNES" link --db "$db" --format json "$tmp/hashed.csv" > "$tmp/out3.json"
rc=$?
[ $rc -eq 1 ] && [ "$(json direct_overlap_records "$tmp/out3.json")" = 1 ] && grep -q 'not de-identification' "$tmp/out3.json" \
	&& ok || bad "hash overlap: exit $rc $(cat "$tmp/out3.json")"
# A РНОКПП leaks birth date and sex: said so.
printf 'РНОКПП;Сума\n3184710691;10\n' > "$tmp/rnokpp.csv"
"$ZNES" link --db "$db" "$tmp/rnokpp.csv" > "$tmp/out4"
[ $? -eq 1 ] && grep -q "birth date and sex" "$tmp/out4" && ok || bad "РНОКПП warning: $(cat "$tmp/out4")"

# Remove, list, errors.
"$ZNES" corpus remove --db "$db" register && ok || bad "corpus remove"
"$ZNES" corpus list --db "$db" | grep -q '^register' && bad "removed dataset still listed" || ok
"$ZNES" link --db "$db" --k 2 --format json "$tmp/new.csv" > "$tmp/out5.json"
[ "$(json reidentifiable_records "$tmp/out5.json")" = 0 ] && ok || bad "after remove: $(cat "$tmp/out5.json")"
"$ZNES" corpus remove --db "$db" register 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "no dataset named 'register'" "$tmp/err" && ok || bad "remove unknown"
"$ZNES" link --db "$tmp/none.db" "$tmp/new.csv" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "no index at" "$tmp/err" && ok || bad "missing index must exit 2"
"$ZNES" link --k 1 "$tmp/new.csv" > /dev/null 2>&1
[ $? -eq 2 ] && ok || bad "--k 1 must exit 2"
mv "$db.key" "$tmp/key.bak"
"$ZNES" corpus list --db "$db" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "key file" "$tmp/err" && ok || bad "missing key must exit 2"
mv "$tmp/key.bak" "$db.key"

# scan --db adds the linkage summary.
"$ZNES" corpus add -q --db "$db" --name register "$tmp/pub.csv"
"$ZNES" scan --db "$db" "$tmp/new.csv" > "$tmp/scan.txt"
rc=$?
[ $rc -eq 1 ] && grep -q 'register: 4 re-identifiable' "$tmp/scan.txt" && ok || bad "scan --db: exit $rc $(cat "$tmp/scan.txt")"
# ... read twice, from a pipe and from a redirected file as well: the
# same summary as for the file named.
# (the first line names the input: <stdin>)
tail -n +2 "$tmp/scan.txt" > "$tmp/scan-tail.txt"
cat "$tmp/new.csv" | "$ZNES" scan --db "$db" > "$tmp/scan-pipe.txt"
rc=$?
tail -n +2 "$tmp/scan-pipe.txt" | cmp -s - "$tmp/scan-tail.txt" && [ $rc -eq 1 ] && ok ||
	bad "scan --db from a pipe: exit $rc $(cat "$tmp/scan-pipe.txt")"
"$ZNES" scan --db "$db" < "$tmp/new.csv" > "$tmp/scan-redir.txt"
cmp -s "$tmp/scan-pipe.txt" "$tmp/scan-redir.txt" && ok || bad "scan --db from a redirected file differs from a pipe"

echo "link: $pass passed, $fail failed"
[ $fail -eq 0 ]
