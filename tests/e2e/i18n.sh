#!/bin/sh
# The Ukrainian interface: which language the environment and --lang pick
# (scanner/i18n.c), that Ukrainian errors keep FILE:LINE:COL and the exit
# status, that machine formats do not change with the language, and that
# the catalogue scanner/po/uk.po translates every marked string and has
# nothing left over. Run from tests/e2e/run.sh; $ZNES names the binary.
# These machines usually have no uk_UA.UTF-8 locale generated: that is the
# case znes must handle, so nothing here needs one.
# Prints only its failures; exits non-zero on any.
here=$(cd "$(dirname "$0")" && pwd)
E2E_PREFIX="i18n: "
. "$here/lib.sh"

# Runs znes with only the locale variables given (VAR=VALUE...), then "--",
# then the arguments; stdout to $tmp/out, stderr to $tmp/err, status in rc.
run() {
	vars=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		vars="$vars $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE $vars "$ZNES" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}
uk() { grep -q '^використання: znes scan' "$tmp/out"; }
en() { grep -q '^usage: znes scan' "$tmp/out"; }

# --- which language ---------------------------------------------------------
run LANG=uk_UA.UTF-8 -- scan --help
if [ $rc -eq 0 ] && uk && grep -q 'персональних даних' "$tmp/out"; then :; else bad "LANG=uk_UA.UTF-8 scan --help is not Ukrainian: $(head -n 1 "$tmp/out")"; fi
run LANG=C -- scan --help
en || bad "LANG=C scan --help is not English"
run -- scan --help
en || bad "no locale variables: not English"
run LANG=en_US.UTF-8 -- scan --help
en || bad "LANG=en_US.UTF-8: not English"
run LANG=uk_UA.UTF-8 -- scan --lang en --help
en || bad "--lang en does not override LANG=uk_UA.UTF-8"
run LANG=C -- scan --lang uk --help
uk || bad "--lang uk does not override LANG=C"
run LANG=C -- --lang=uk scan --help
uk || bad "--lang=uk before the command"
run LANG=C -- scan --help --lang uk --lang en
en || bad "the last --lang should win"
run LANG=C.UTF-8 -- scan --help
en || bad "LANG=C.UTF-8: not English"
# POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
run LC_ALL=C LANG=uk_UA.UTF-8 -- scan --help
en || bad "LC_ALL=C must win over LANG=uk_UA.UTF-8"
run LC_ALL=uk_UA.UTF-8 LANG=C -- scan --help
uk || bad "LC_ALL=uk_UA.UTF-8 must win over LANG=C"
run LC_MESSAGES=uk_UA.UTF-8 LANG=en_US.UTF-8 -- scan --help
uk || bad "LC_MESSAGES=uk_UA.UTF-8 must win over LANG"
run LC_ALL=en_US.UTF-8 LC_MESSAGES=uk_UA.UTF-8 -- scan --help
en || bad "LC_ALL=en_US.UTF-8 must win over LC_MESSAGES"
# GNU LANGUAGE: a priority list, ignored when the locale is C or POSIX.
run LANG=en_US.UTF-8 LANGUAGE=uk -- scan --help
uk || bad "LANGUAGE=uk with LANG=en_US.UTF-8"
run LANG=C.UTF-8 LANGUAGE=uk:en -- scan --help
uk || bad "LANGUAGE=uk:en with LANG=C.UTF-8"
run LANG=uk_UA.UTF-8 LANGUAGE=en:uk -- scan --help
en || bad "LANGUAGE=en:uk must pick English"
run LANG=uk_UA.UTF-8 LANGUAGE=de:uk -- scan --help
uk || bad "LANGUAGE=de:uk: de has no catalogue, uk should follow"
run LANG=C LANGUAGE=uk -- scan --help
en || bad "LANGUAGE is ignored in the C locale (as glibc does)"
run LC_ALL=POSIX LANGUAGE=uk -- scan --help
en || bad "LANGUAGE is ignored in the POSIX locale"

# Every command takes --lang; the general help is Ukrainian too.
for cmd in scan redact rules audit policy corpus link; do
	run LANG=C -- "$cmd" --lang uk --help
	if [ $rc -eq 0 ] && grep -q '^використання: znes' "$tmp/out"; then :; else bad "$cmd --lang uk --help: exit $rc: $(head -n 1 "$tmp/out")"; fi
	run LANG=uk_UA.UTF-8 -- "$cmd" --help
	grep -q 'usage' "$tmp/out" && bad "$cmd --help in Ukrainian still says 'usage'"
done
run LANG=uk_UA.UTF-8 -- --help
grep -q '^команди:' "$tmp/out" || bad "znes --help is not Ukrainian"

# --- bad --lang: a usage error ------------------------------------------------
run LANG=C -- scan --lang xx --help
[ $rc -eq 2 ] && grep -q "unknown language 'xx'" "$tmp/err" || bad "--lang xx: exit $rc, want 2: $(cat "$tmp/err")"
run LANG=uk_UA.UTF-8 -- scan --lang=fr
[ $rc -eq 2 ] && grep -q "невідома мова «fr»" "$tmp/err" || bad "--lang=fr in Ukrainian: exit $rc: $(cat "$tmp/err")"
run LANG=C -- scan --lang
[ $rc -eq 2 ] && grep -q "lang" "$tmp/err" || bad "--lang without a value: exit $rc"
run LANG=uk_UA.UTF-8 -- frobnicate
[ $rc -eq 2 ] && grep -q "невідома команда «frobnicate»" "$tmp/err" || bad "unknown command in Ukrainian: $(cat "$tmp/err")"
run LANG=uk_UA.UTF-8 -- scan --no-such-option
[ $rc -eq 2 ] && grep -q "див. znes scan --help" "$tmp/err" || bad "unknown option in Ukrainian: exit $rc: $(cat "$tmp/err")"

# --- errors keep FILE:LINE:COL and exit 2, in Ukrainian -----------------------
for f in "$here"/errors/*; do
	case $f in *.err|*.args) continue ;; esac
	n=$(basename "$f")
	stem=${n%.*}
	args=
	[ -f "$here/errors/$stem.args" ] && args=$(cat "$here/errors/$stem.args")
	want=$(sed 's/^\([^:]*:[0-9]*:[0-9]*: \).*/\1/' "$here/errors/$stem.err")
	# shellcheck disable=SC2086
	(cd "$here/errors" && env -u LC_ALL -u LANGUAGE LANG=uk_UA.UTF-8 "$ZNES" redact $args "$n" > /dev/null 2> "$tmp/err")
	rc=$?
	got=$(cat "$tmp/err")
	case $got in
	"$want"*) ;;
	*) bad "error $stem in Ukrainian: '$got' does not start with '$want'" ;;
	esac
	[ $rc -eq 2 ] || bad "error $stem in Ukrainian: exit $rc, want 2"
	# The message itself is translated.
	[ "$got" != "$(cat "$here/errors/$stem.err")" ] || bad "error $stem is not translated: '$got'"
done
run LANG=uk_UA.UTF-8 -- redact "$tmp/missing.csv"
[ $rc -eq 2 ] && grep -q "не вдалося відкрити «$tmp/missing.csv»" "$tmp/err" || bad "missing file in Ukrainian: $(cat "$tmp/err")"

# --- reports: text is translated, machine formats are not -------------------
printf 'ПІБ,Телефон\nКоваленко Олена Петрівна,067 123 45 67\nШевченко Тарас Григорович,050 765 43 21\n' > "$tmp/two.csv"
run LANG=uk_UA.UTF-8 -- scan "$tmp/two.csv"
if [ $rc -eq 1 ] && grep -q ': 2 записи (csv, utf-8)$' "$tmp/out" && grep -q '4 значення містять персональні дані' "$tmp/out"; then :
else bad "scan text report in Ukrainian: exit $rc: $(cat "$tmp/out")"; fi
run LANG=C -- scan "$tmp/two.csv"
grep -q ': 2 records (csv, utf-8)$' "$tmp/out" || bad "scan text report in English: $(cat "$tmp/out")"
for fmt in json jsonl sarif; do
	run LANG=C -- scan --format "$fmt" "$tmp/two.csv"
	cp "$tmp/out" "$tmp/en.$fmt"
	run LANG=uk_UA.UTF-8 -- scan --format "$fmt" "$tmp/two.csv"
	cmp -s "$tmp/out" "$tmp/en.$fmt" || bad "scan --format $fmt differs between the languages"
done
run LANG=C -- redact "$tmp/two.csv"
cp "$tmp/out" "$tmp/en.red"
run LANG=uk_UA.UTF-8 -- redact "$tmp/two.csv"
cmp -s "$tmp/out" "$tmp/en.red" || bad "redact output differs between the languages"

# link, corpus, policy check, audit verify: the text in Ukrainian (with
# its plural forms), link's JSON the same in both languages.
printf 'ПІБ;Дата народження;Стать\nКоваленко Олена Петрівна;1980-01-05;чоловіча\nШевчук Андрій Іванович;1980-03-07;чоловіча\nБондар Марія Олегівна;1980-06-01;жіноча\n' > "$tmp/pub.csv"
printf '№;Дата народження;Стать;РНОКПП\n1;05.01.1980;ч;3184710691\n2;07.03.1980;ч;\n3;01.06.1980;ж;\n' > "$tmp/new.csv"
run LANG=uk_UA.UTF-8 -- corpus add --db "$tmp/idx.db" --name реєстр "$tmp/pub.csv"
[ $rc -eq 0 ] && grep -q "^znes: до індексу додано «реєстр»: 3 записи, із прямим ідентифікатором — 3$" "$tmp/err" \
	|| bad "corpus add in Ukrainian: exit $rc: $(cat "$tmp/err")"
run LANG=uk_UA.UTF-8 -- corpus list --db "$tmp/idx.db"
grep -q '^реєстр	3 записи	із прямим ідентифікатором: 3	додано ' "$tmp/out" || bad "corpus list in Ukrainian: $(cat "$tmp/out")"
run LANG=C -- corpus list --db "$tmp/idx.db"
grep -q '^реєстр	3 records	3 with a direct identifier	added ' "$tmp/out" || bad "corpus list in English: $(cat "$tmp/out")"
run LANG=uk_UA.UTF-8 -- link --db "$tmp/idx.db" --k 2 "$tmp/new.csv"
if [ $rc -eq 1 ] && grep -q ': зв’язування (k = 2): 3 записи; квазіідентифікатори: ' "$tmp/out" \
	&& grep -q '^  k-анонімність: 3 класи, 3 записи у класах, менших за 2, 3 унікальні$' "$tmp/out" \
	&& grep -q '^  реєстр: 3 записи можна повторно ідентифікувати за стовпцями ' "$tmp/out" \
	&& grep -q '^  попередження: 1 значення є РНОКПП: ' "$tmp/out" && ! grep -q 'warning\|records' "$tmp/out"; then :
else bad "link text report in Ukrainian: exit $rc: $(cat "$tmp/out")"; fi
run LANG=C -- link --db "$tmp/idx.db" --k 2 --format json "$tmp/new.csv"
cp "$tmp/out" "$tmp/en.link"
grep -q '"warnings": \["1 value is a РНОКПП: it gives away' "$tmp/en.link" || bad "link --format json: $(cat "$tmp/en.link")"
run LANG=uk_UA.UTF-8 -- link --db "$tmp/idx.db" --k 2 --format json "$tmp/new.csv"
cmp -s "$tmp/out" "$tmp/en.link" || bad "link --format json differs between the languages"
run LANG=C -- scan --db "$tmp/idx.db" --format json "$tmp/new.csv"
cp "$tmp/out" "$tmp/en.scandb"
run LANG=uk_UA.UTF-8 -- scan --db "$tmp/idx.db" --format json "$tmp/new.csv"
cmp -s "$tmp/out" "$tmp/en.scandb" || bad "scan --db --format json differs between the languages"
printf '{"default": "token", "fields": {"Сума": "frob"}}\n' > "$tmp/bad.json"
run LANG=uk_UA.UTF-8 -- policy check "$tmp/bad.json"
[ $rc -eq 2 ] && grep -q "поле «Сума»: невідома дія «frob» (очікується drop, " "$tmp/err" \
	|| bad "policy check of a bad policy in Ukrainian: exit $rc: $(cat "$tmp/err")"
printf '{"default": "token", "categories": {"phone": "mask", "email": "drop"}, "fields": {"Сума": {"public": true, "basis": "ст. 5"}}}\n' > "$tmp/good.json"
run LANG=uk_UA.UTF-8 -- policy check "$tmp/good.json"
[ $rc -eq 0 ] && grep -q ': гаразд: типова дія token, 2 категорії, 1 поле, 0 посадових осіб$' "$tmp/out" \
	|| bad "policy check in Ukrainian: exit $rc: $(cat "$tmp/out")"
run LANG=C -- redact --audit "$tmp/audit.log" -o "$tmp/red.csv" "$tmp/two.csv"
run LANG=uk_UA.UTF-8 -- audit verify -o "$tmp/red.csv" "$tmp/audit.log"
[ $rc -eq 0 ] && grep -q ': гаразд: [0-9]* рядк.*, [0-9]* поді.*, вихідний файл збігається; голова ланцюжка ' "$tmp/out" \
	|| bad "audit verify in Ukrainian: exit $rc: $(cat "$tmp/out")"

# --- the catalogue --------------------------------------------------------------
po=$root/scanner/po/uk.po
if ! command -v msgfmt > /dev/null 2>&1; then
	bad "msgfmt not found (Debian package gettext)"
else
	stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || bad "msgfmt --check uk.po: $stats"
	case $stats in
	*untranslated*|*fuzzy*) bad "uk.po is not fully translated: $stats" ;;
	esac
	# Against the strings in the sources now: nothing new, nothing obsolete.
	if (cd "$root" && sh scanner/po/mkpot.sh "$tmp/znes.pot") 2> "$tmp/xg"; then
		msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/znes.pot"
		obsolete=$(msgattrib --only-obsolete --no-wrap "$tmp/merged.po" | grep -c '^#~ msgid')
		[ "$obsolete" -eq 0 ] || bad "uk.po has $obsolete obsolete entries (msgmerge it with make pot)"
		stats=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
		case $stats in
		*untranslated*|*fuzzy*) bad "strings in the sources lack a translation: $stats (make pot; msgmerge -U scanner/po/uk.po scanner/po/znes.pot)" ;;
		esac
	else
		bad "xgettext: $(cat "$tmp/xg")"
	fi
fi

[ $fail -eq 0 ]
