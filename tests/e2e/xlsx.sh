#!/bin/sh
# Excel workbooks (issue 8): an .xlsx with names and phones is scanned and
# redacted like its CSV twin. The twins are made from the CSV samples by
# $MKXLSX (tests/e2e/mkxlsx.c, libxlsxwriter: shared strings, as Excel
# writes them); mkxlsx_variant.py writes what libxlsxwriter does not
# (prefixed namespaces, inline and rich text, gaps, formulas, booleans,
# errors, escapes) and broken workbooks. Checks:
#   - scan: the same findings (record, line = row, field, span, category,
#     rule) as the CSV twin, from a file and from stdin;
#   - redact: an .xlsx that reads back (znes's own reader, as CSV) equal to
#     the redacted CSV twin, with nothing left to find; through a pipe too;
#     numbers that were not changed stay numbers; the audit log verifies;
#   - dates: numbers formatted as dates read as dd.mm.yyyy (found as dates
#     of birth like the CSV twin's), written back as the same date cells;
#     the 1904 date system;
#   - several worksheets: each read with its own header and written back
#     in its place (names and order kept), --sheet to read one, no CSV of
#     several;
#   - broken workbooks: exit 2, one line on stderr, no value in it, no OUT.
# Prints "xlsx: N passed, N failed".
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MKXLSX=${MKXLSX:-$root/build/release/mkxlsx}
[ -x "$MKXLSX" ] || { echo "xlsx: $MKXLSX missing (make $MKXLSX)"; exit 1; }
cd "$root"

# Findings without the file name: the rest must match the twin's.
findings() { sed 's/^{"file":"[^"]*",//'; }
# The same records and values (a redacted CSV keeps the quotes of the
# fields it did not change; the workbook's CSV quotes only where needed).
same_csv() {
	"$py" -c "
import csv, sys
rows = lambda p: list(csv.reader(open(p, encoding='utf-8', newline=''), delimiter=';'))
sys.exit(0 if rows(sys.argv[1]) == rows(sys.argv[2]) else 1)
" "$1" "$2"
}

for f in corpus/samples/appeals.csv corpus/samples/aid-2024.csv corpus/samples/residents-register.csv; do
	b=$(basename "$f" .csv)
	"$MKXLSX" "$f" "$tmp/$b.xlsx" || { bad "$b: mkxlsx failed"; continue; }
	"$ZNES" scan --format jsonl "$f" | findings > "$tmp/$b.csv.find"
	"$ZNES" scan --format jsonl "$tmp/$b.xlsx" > "$tmp/$b.xlsx.find.raw" 2> "$tmp/err"
	rc=$?
	findings < "$tmp/$b.xlsx.find.raw" > "$tmp/$b.xlsx.find"
	if [ $rc -eq 1 ] && [ -s "$tmp/$b.csv.find" ] && cmp -s "$tmp/$b.csv.find" "$tmp/$b.xlsx.find"; then ok
	else bad "$b: scan of the xlsx (exit $rc) differs from its CSV twin"; diff "$tmp/$b.csv.find" "$tmp/$b.xlsx.find" | head -5; fi
	# The per-column report too (its first line names the file and format).
	"$ZNES" scan "$f" | tail -n +2 > "$tmp/a"
	"$ZNES" scan "$tmp/$b.xlsx" | tail -n +2 > "$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then ok; else bad "$b: scan report differs from the CSV twin's"; fi
	# From stdin (spooled to a temporary file).
	"$ZNES" scan --format jsonl < "$tmp/$b.xlsx" | findings > "$tmp/b"
	if cmp -s "$tmp/$b.csv.find" "$tmp/b"; then ok; else bad "$b: scan of the xlsx from stdin"; fi

	# Redact to .xlsx; read it back as CSV with znes's own reader.
	"$ZNES" redact "$f" > "$tmp/$b.red.csv"
	if "$ZNES" redact -o "$tmp/$b.red.xlsx" "$tmp/$b.xlsx" 2> "$tmp/err" &&
	   "$ZNES" redact --pass-through --output-format csv --delimiter ';' "$tmp/$b.red.xlsx" > "$tmp/back.csv" &&
	   same_csv "$tmp/$b.red.csv" "$tmp/back.csv"; then ok
	else bad "$b: redacted xlsx does not read back as the redacted CSV twin: $(head -c 300 "$tmp/err")"; diff "$tmp/$b.red.csv" "$tmp/back.csv" | head -5; fi
	"$ZNES" scan --format jsonl "$tmp/$b.red.xlsx" > "$tmp/left"
	rc=$?
	if [ $rc -eq 0 ] || ! grep -qv '"category":"org_id"' "$tmp/left"; then ok
	else bad "$b: personal data left in the redacted xlsx: $(head -3 "$tmp/left")"; fi
	# A pipeline stage: stdin to stdout.
	if "$ZNES" redact < "$tmp/$b.xlsx" > "$tmp/pipe.xlsx" 2> "$tmp/err" &&
	   "$ZNES" redact --pass-through --output-format csv --delimiter ';' "$tmp/pipe.xlsx" > "$tmp/back.csv" &&
	   same_csv "$tmp/$b.red.csv" "$tmp/back.csv"; then ok
	else bad "$b: redact through a pipe: $(head -c 300 "$tmp/err")"; fi
	# --output-format csv writes the CSV directly.
	if "$ZNES" redact --output-format csv --delimiter ';' -o "$tmp/direct.csv" "$tmp/$b.xlsx" &&
	   same_csv "$tmp/$b.red.csv" "$tmp/direct.csv"; then ok
	else bad "$b: redact --output-format csv differs from the redacted CSV twin"; fi
done

# The audit log of an xlsx run verifies against both files.
if "$ZNES" redact --audit "$tmp/audit.jsonl" -o "$tmp/au.xlsx" "$tmp/appeals.xlsx" 2> "$tmp/err" &&
   "$ZNES" audit verify --input "$tmp/appeals.xlsx" --output "$tmp/au.xlsx" "$tmp/audit.jsonl" > /dev/null 2>&1 &&
   grep -q '"line":2,' "$tmp/audit.jsonl"; then ok
else bad "audit of an xlsx redaction: $(head -c 300 "$tmp/err")"; fi

# Numbers: an unchanged number cell stays a number, a changed one is text.
printf 'ПІБ;Телефон;Сума;Код\nКоваленко Олена Петрівна;380671234567;1500.5;42\n' > "$tmp/num.csv"
"$MKXLSX" -n "$tmp/num.csv" "$tmp/num.xlsx"
"$ZNES" redact -o "$tmp/num.red.xlsx" "$tmp/num.xlsx" 2> "$tmp/err"
if "$py" - "$tmp/num.red.xlsx" <<'PY'
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
cells = dict(re.findall(r'<c r="([A-Z]+2)"([^>]*)>', x))
assert 't=' not in cells['C2'] and 't=' not in cells['D2'], cells   # numbers
assert 'inlineStr' in cells['B2'] and 'inlineStr' in cells['A2'], cells  # redacted: text
assert '<v>1500.5</v>' in x and '<v>42</v>' in x
PY
then ok; else bad "numbers in the redacted xlsx: $(head -c 300 "$tmp/err")"; fi

# Dates: numbers that a cell format shows as dates (built-in format 14 in
# odd rows, dd.mm.yyyy in even ones, dd.mm.yyyy hh:mm; mkxlsx -t) read as
# dd.mm.yyyy, so a birth-date column of Excel dates is found like its CSV
# twin's text dates, and a decision-date column is not; 28.02.1900 and
# 01.03.1900 are serials 59 and 61, on either side of Excel's 29.02.1900.
# A number with the format 0.00 stays a number.
cat > "$tmp/dates.csv" <<'CSV'
ПІБ;Дата народження;Дата рішення;Сума
Коваленко Олена Петрівна;15.01.1985;03.04.2024;1500.5
Шевченко Тарас Григорович;29.02.1988;17.11.2023;42
Бондар Ірина Василівна;07.08.1979;28.02.1900;7
Мельник Петро Іванович;31.12.1999;01.12.2023 14:30;0.25
Ткаченко Анна Сергіївна;01.01.1970;01.03.1900;3
CSV
"$MKXLSX" -n -f -t "$tmp/dates.csv" "$tmp/dates.xlsx"
"$ZNES" scan --format jsonl "$tmp/dates.csv" | findings > "$tmp/dates.csv.find"
"$ZNES" scan --format jsonl "$tmp/dates.xlsx" | findings > "$tmp/dates.xlsx.find"
if cmp -s "$tmp/dates.csv.find" "$tmp/dates.xlsx.find" &&
   [ "$(grep -c '"field":"Дата народження".*"category":"dob"' "$tmp/dates.xlsx.find")" -eq 5 ] &&
   ! grep -q '"field":"Дата рішення"' "$tmp/dates.xlsx.find"; then ok
else bad "dates: scan of the xlsx differs from its CSV twin"; diff "$tmp/dates.csv.find" "$tmp/dates.xlsx.find" | head -5; fi
"$ZNES" redact "$tmp/dates.csv" > "$tmp/dates.red.csv"
# --output-format csv: an unchanged date is the date as Excel shows it.
if "$ZNES" redact --output-format csv --delimiter ';' "$tmp/dates.xlsx" > "$tmp/got.csv" 2> "$tmp/err" &&
   cmp -s "$tmp/dates.red.csv" "$tmp/got.csv"; then ok
else bad "dates: redact --output-format csv differs from the CSV twin: $(head -c 300 "$tmp/err")"; diff "$tmp/dates.red.csv" "$tmp/got.csv" | head -5; fi
# .xlsx: the birth dates redacted (text), the decision dates the same
# numbers with a date format, and they read back as the same dates.
if "$ZNES" redact -o "$tmp/dates.red.xlsx" "$tmp/dates.xlsx" 2> "$tmp/err" &&
   "$ZNES" redact --pass-through --output-format csv --delimiter ';' "$tmp/dates.red.xlsx" > "$tmp/back.csv" &&
   cmp -s "$tmp/dates.red.csv" "$tmp/back.csv"; then ok
else bad "dates: the redacted xlsx does not read back as the redacted twin: $(head -c 300 "$tmp/err")"; diff "$tmp/dates.red.csv" "$tmp/back.csv" | head -5; fi
if "$py" - "$tmp/dates.xlsx" "$tmp/dates.red.xlsx" <<'PY'
import re, sys, zipfile
def book(path):
    z = zipfile.ZipFile(path)
    x = z.read('xl/worksheets/sheet1.xml').decode()
    st = z.read('xl/styles.xml').decode()
    fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', st))
    xfs = re.findall(r'<xf numFmtId="(\d+)"', st.split('<cellXfs')[1])
    cells = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>(.*?)</c>)', x):
        s = re.search(r's="(\d+)"', attrs)
        v = re.search(r'<v>([^<]*)</v>', body or '')
        fmt = xfs[int(s.group(1))] if s else '0'
        cells[ref] = ('t=' in attrs, v and v.group(1), fmts.get(fmt, fmt))
    return cells
a, b = book(sys.argv[1]), book(sys.argv[2])
for r in range(2, 7):
    t, v, f = b['C%d' % r]
    assert not t and v == a['C%d' % r][1] and f.startswith('dd.mm.yyyy'), (r, b['C%d' % r], a['C%d' % r])
    assert b['B%d' % r][0], b['B%d' % r]                  # redacted: text
    assert not b['D%d' % r][0] and b['D%d' % r][1] == a['D%d' % r][1], b['D%d' % r]  # numbers
assert b['C4'][1] == '59' and b['C6'][1] == '61', (b['C4'], b['C6'])
assert b['C5'][2] == 'dd.mm.yyyy hh:mm', b['C5']
PY
then ok; else bad "dates: the decision dates in the redacted xlsx are not the same date cells"; fi
# The 1904 date system: the same dates, written back in the 1900 system.
"$py" "$here/mkxlsx_variant.py" dates1904 "$tmp/d1904.xlsx"
printf 'ПІБ,Дата народження,Дата рішення\n[ПІБ],[ДАТА НАРОДЖЕННЯ],03.04.2024\n[ПІБ],[ДАТА НАРОДЖЕННЯ],01.01.1904 12:00\n' > "$tmp/d1904.want"
if "$ZNES" redact --output-format csv "$tmp/d1904.xlsx" > "$tmp/d1904.csv" 2> "$tmp/err" &&
   cmp -s "$tmp/d1904.want" "$tmp/d1904.csv" &&
   "$ZNES" redact -o "$tmp/d1904.red.xlsx" "$tmp/d1904.xlsx" &&
   "$ZNES" redact --pass-through --output-format csv "$tmp/d1904.red.xlsx" > "$tmp/back.csv" &&
   cmp -s "$tmp/d1904.want" "$tmp/back.csv" &&
   "$py" -c "import sys, zipfile; assert '<v>45385</v>' in zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()" "$tmp/d1904.red.xlsx"
then ok; else bad "dates in the 1904 system: $(cat "$tmp/d1904.csv") $(head -c 300 "$tmp/err")"; fi

# What Excel writes and libxlsxwriter does not: inline and rich text,
# phonetic runs, gaps, rows that skip, formulas, booleans, errors, escapes,
# a chart sheet first. (Row 4 has no cells; rows 2, 5, 6 do not exist.)
"$py" "$here/mkxlsx_variant.py" good "$tmp/v.xlsx"
cat > "$tmp/v.want" <<'CSV'
ПІБ,Телефон,Дата,Примітка
Коваленко Олена Петрівна,380671234567,,Шевченко Тарас Григорович
,тел. 067-123-45-67 & <ok> К,TRUE,#N/A
формула,45306,aAb,
CSV
if "$ZNES" redact --pass-through --output-format csv "$tmp/v.xlsx" > "$tmp/v.got" 2> "$tmp/err" &&
   cmp -s "$tmp/v.want" "$tmp/v.got"; then ok
else bad "variant workbook read as: $(cat "$tmp/v.got") $(head -c 300 "$tmp/err")"; fi
"$ZNES" scan --format jsonl "$tmp/v.xlsx" > "$tmp/v.find"
if grep -q '"line":3,"field":"ПІБ".*"category":"name"' "$tmp/v.find" &&
   grep -q '"line":3,"field":"Телефон".*"category":"phone"' "$tmp/v.find" &&
   grep -q '"line":7,"field":"Телефон".*"category":"phone"' "$tmp/v.find" &&
   grep -q '"line":3,"field":"Примітка".*"category":"name"' "$tmp/v.find"; then ok
else bad "variant workbook findings (rows as lines): $(cat "$tmp/v.find")"; fi
if "$ZNES" redact -o "$tmp/v.red.xlsx" "$tmp/v.xlsx" &&
   [ "$("$ZNES" scan --format jsonl "$tmp/v.red.xlsx" | wc -l)" -eq 0 ]; then ok
else bad "variant workbook: personal data left after redact"; fi
# An empty worksheet gives a valid, empty workbook.
"$py" "$here/mkxlsx_variant.py" empty "$tmp/empty.xlsx"
if "$ZNES" redact -o "$tmp/empty.red.xlsx" "$tmp/empty.xlsx" &&
   "$py" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).testzip()" "$tmp/empty.red.xlsx"; then ok
else bad "empty worksheet"; fi
# Several worksheets: every one is read and written, each with its own
# header; its columns are named "SHEET: HEADER"; --sheet picks one.
"$MKXLSX" -s Звернення -A "Допомога=corpus/samples/aid-2024.csv" -A "Порожній=/dev/null" \
	-A "Мешканці=corpus/samples/residents-register.csv" corpus/samples/appeals.csv "$tmp/multi.xlsx"
"$ZNES" scan --format jsonl "$tmp/multi.xlsx" > "$tmp/multi.find" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "scan of a workbook of four sheets: exit $rc: $(head -c 300 "$tmp/err")"
# each sheet's findings are its CSV twin's (but for the record number, which runs on)
norec() { sed 's/"record":[0-9]*,//'; }
for pair in Звернення:appeals Допомога:aid-2024 Мешканці:residents-register; do
	sh=${pair%%:*}
	b=${pair#*:}
	grep "\"field\":\"$sh: " "$tmp/multi.find" | findings | sed "s/\"field\":\"$sh: /\"field\":\"/" | norec > "$tmp/a"
	norec < "$tmp/$b.csv.find" > "$tmp/b"
	if [ -s "$tmp/b" ] && cmp -s "$tmp/a" "$tmp/b"; then ok
	else bad "sheet $sh: findings differ from its CSV twin's"; diff "$tmp/a" "$tmp/b" | head -5; fi
done
if "$ZNES" redact --audit "$tmp/multi.audit" -o "$tmp/multi.red.xlsx" "$tmp/multi.xlsx" 2> "$tmp/err" &&
   "$ZNES" audit verify --input "$tmp/multi.xlsx" --output "$tmp/multi.red.xlsx" "$tmp/multi.audit" > /dev/null 2>&1
then ok; else bad "redact of a workbook of four sheets: $(head -c 300 "$tmp/err")"; fi
# the sheets, in order and by name, the empty one too
if "$py" -c "
import re, sys, zipfile
wb = zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode()
assert re.findall(r'<sheet name=\"([^\"]*)\"', wb) == ['Звернення', 'Допомога', 'Порожній', 'Мешканці'], wb
" "$tmp/multi.red.xlsx"; then ok; else bad "the redacted workbook lost its sheets or their names"; fi
# each redacted sheet reads back (--sheet by name and by number) as its redacted CSV twin
for pair in Звернення:appeals 2:aid-2024 Мешканці:residents-register; do
	sh=${pair%%:*}
	b=${pair#*:}
	if "$ZNES" redact --pass-through --sheet "$sh" --output-format csv --delimiter ';' "$tmp/multi.red.xlsx" > "$tmp/back.csv" 2> "$tmp/err" &&
	   same_csv "$tmp/$b.red.csv" "$tmp/back.csv"; then ok
	else bad "sheet $sh of the redacted workbook does not read back as its redacted CSV twin: $(head -c 200 "$tmp/err")"; diff "$tmp/$b.red.csv" "$tmp/back.csv" | head -5; fi
done
# one CSV cannot hold four sheets: refused before anything is written
mkdir -p "$tmp/o"
"$ZNES" redact --output-format csv -o "$tmp/o/out.csv" "$tmp/multi.xlsx" > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "4 worksheets.*--sheet" "$tmp/err" && [ -z "$(ls -A "$tmp/o")" ]; then ok
else bad "CSV output of four sheets: exit $rc, $(cat "$tmp/err"), left: $(ls -A "$tmp/o")"; fi
# a sheet named "2" (the third) is the one --sheet 2 reads, not the second as well
"$MKXLSX" -s Перший -A "Другий=corpus/samples/residents-register.csv" \
	-A "2=corpus/samples/aid-2024.csv" corpus/samples/appeals.csv "$tmp/named2.xlsx"
if "$ZNES" redact --pass-through --sheet 2 --output-format csv --delimiter ';' "$tmp/named2.xlsx" \
	> "$tmp/named2.csv" 2> "$tmp/err" && same_csv corpus/samples/aid-2024.csv "$tmp/named2.csv"; then ok
else bad "--sheet 2 with a sheet named 2: $(cat "$tmp/err")"; fi
"$ZNES" scan --sheet Нема "$tmp/multi.xlsx" > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "no worksheet 'Нема' (there are 4" "$tmp/err"; then ok
else bad "--sheet of a sheet that is not there: exit $rc, $(cat "$tmp/err")"; fi
rm -rf "$tmp/o"
# Two sheets of 1,500 rows: past the look-ahead window, in batches over
# threads; one thread and three give the same workbook.
awk 'BEGIN { print "ПІБ;Телефон;Примітка"; for (i = 0; i < 1500; i++)
	printf "Коваленко Олена %d;+380 67 %03d %02d %02d;гр. Шевчук просить %d\n", i, i % 1000, i % 100, (i * 7) % 100, i }' > "$tmp/big1.csv"
awk 'BEGIN { print "Адреса;Сума"; for (i = 0; i < 1500; i++)
	printf "м. Київ, вул. Шевченка, %d, кв. %d;%d\n", i % 200 + 1, i % 90 + 1, 100 + i }' > "$tmp/big2.csv"
"$MKXLSX" -s Перший -A "Другий=$tmp/big2.csv" "$tmp/big1.csv" "$tmp/big.xlsx"
for t in 1 3; do
	"$ZNES" redact -q --threads $t -o "$tmp/big$t.xlsx" "$tmp/big.xlsx" &&
	"$ZNES" redact --pass-through --sheet 1 --output-format csv --delimiter ';' "$tmp/big$t.xlsx" > "$tmp/big$t.s1" &&
	"$ZNES" redact --pass-through --sheet 2 --output-format csv --delimiter ';' "$tmp/big$t.xlsx" > "$tmp/big$t.s2"
done
if cmp -s "$tmp/big1.s1" "$tmp/big3.s1" && cmp -s "$tmp/big1.s2" "$tmp/big3.s2" &&
   [ "$(grep -c '\[ПІБ\]' "$tmp/big3.s1")" -eq 1500 ] && [ "$(grep -c '\[АДРЕСА\]' "$tmp/big3.s2")" -eq 1500 ]; then ok
else bad "two sheets of 1,500 rows: one thread and three differ, or a row was not redacted"; fi
"$ZNES" scan --sheet 1 corpus/samples/appeals.csv > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^znes: --sheet is for Excel workbooks, and 'corpus/samples/appeals.csv' is read as csv$" "$tmp/err"; then ok
else bad "--sheet of a CSV: exit $rc, $(cat "$tmp/err")"; fi

# Broken workbooks: exit 2, one line on stderr with the file name, never a
# value, no OUT (nor temporaries) left; nothing on stdout either.
head -c 2000 "$tmp/appeals.xlsx" > "$tmp/truncated.xlsx"
printf 'PK\003\004 not really a zip' > "$tmp/garbage.xlsx"
cp corpus/samples/appeals.csv "$tmp/renamed.xlsx"
for k in badxml order cellorder bigsst nowb doctype badsst; do
	"$py" "$here/mkxlsx_variant.py" "$k" "$tmp/$k.xlsx"
done
for k in truncated garbage renamed badxml order cellorder bigsst nowb doctype badsst; do
	mkdir -p "$tmp/o"
	"$ZNES" redact --max-field 256 -o "$tmp/o/out.xlsx" "$tmp/$k.xlsx" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ $rc -ne 2 ]; then bad "$k: exit $rc, want 2"
	elif [ "$(wc -l < "$tmp/err")" -ne 1 ] || ! grep -q "$k.xlsx" "$tmp/err"; then bad "$k: want one line naming the file: $(cat "$tmp/err")"
	elif grep -q 'Коваленко\|Олена\|Шевченко\|380671234567\|Рядок номер' "$tmp/err"; then bad "$k: a value in the error: $(cat "$tmp/err")"
	elif [ -n "$(ls -A "$tmp/o")" ]; then bad "$k: left files behind: $(ls -A "$tmp/o")"
	else ok; fi
	rm -rf "$tmp/o"
	[ $k = renamed ] && continue # on stdin it is just CSV
	"$ZNES" redact --max-field 256 < "$tmp/$k.xlsx" > "$tmp/out" 2> /dev/null
	rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ]; then ok; else bad "$k on stdout: exit $rc, $(wc -c < "$tmp/out") bytes written"; fi
done
# Positions: FILE:ROW:COL for the sheet; the part and its line for XML.
"$ZNES" scan "$tmp/badxml.xlsx" > /dev/null 2> "$tmp/err"
grep -q '^[^:]*badxml.xlsx:9:1: malformed XML in xl/worksheets/sheet1.xml (line [0-9]*, column [0-9]*): mismatched tag$' "$tmp/err" && ok ||
	bad "badxml message: $(cat "$tmp/err")"
"$ZNES" scan "$tmp/badsst.xlsx" > /dev/null 2> "$tmp/err"
grep -q 'badsst.xlsx:9:2: cell B9: shared string index out of range' "$tmp/err" && ok || bad "badsst message: $(cat "$tmp/err")"
# Formats that cannot be written.
"$ZNES" redact --output-format json "$tmp/v.xlsx" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--output-format json of an xlsx must exit 2"
"$ZNES" redact --output-format xlsx corpus/samples/appeals.csv > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--output-format xlsx of a CSV must exit 2"

# Past the look-ahead window, rows go to the detection threads in
# batches: 3,000 rows give the same findings with 1 and 3 threads, as
# many as their CSV twin's, and the same redacted CSV.
awk -v n=3000 'FNR == 1 { if (NR == 1) print; next } { sub(/^[0-9]+;/, ""); r[k++] = $0 }
	END { for (i = 1; i <= n; i++) print i ";" r[(i - 1) % k] }' corpus/samples/appeals.csv > "$tmp/big.csv"
"$MKXLSX" -d ';' "$tmp/big.csv" "$tmp/big.xlsx"
for t in 1 3; do
	"$ZNES" scan --threads $t --format jsonl "$tmp/big.xlsx" > "$tmp/big$t.jsonl"
	"$ZNES" redact --threads $t --output-format csv "$tmp/big.xlsx" > "$tmp/big$t.csv"
done
cmp -s "$tmp/big1.jsonl" "$tmp/big3.jsonl" && cmp -s "$tmp/big1.csv" "$tmp/big3.csv" && ok ||
	bad "3,000 rows: 1 and 3 threads differ"
[ "$(wc -l < "$tmp/big3.jsonl")" -eq "$("$ZNES" scan --format jsonl "$tmp/big.csv" | wc -l)" ] && ok ||
	bad "3,000 rows: not as many findings as the CSV twin"

echo "xlsx: $pass passed, $fail failed"
[ $fail -eq 0 ]
