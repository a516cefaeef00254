#!/bin/sh
# `make bench`: throughput and memory of znes on generated data.
#
# Generates (never commits) a >= 200 MB CSV and a >= 200 MB JSONL of
# realistic Ukrainian municipal records, and the same at half size. For
# each it prints, best of $RUNS rounds from the page cache (a round runs
# each mode once, in turn):
#   cat        cat FILE > /dev/null: the machine's ceiling
#   pass       znes redact --pass-through: parse + write, no rules
#   redact-1   znes redact --threads 1: all rules on, detection in the
#              reading thread
#   redact     znes redact: all rules on, detection over one thread per
#              processor; output checked to differ
# bench1251.csv is bench.csv in Windows-1251 (converted to UTF-8 on the
# way in, so it is smaller than the output; MB/s count its own bytes).
# in MB/s (10^6 bytes), the ratio of redact to pass-through, and the peak
# RSS of each znes run (from GNU time). Peak RSS at half and full size is
# shown side by side: memory must not grow with the input.
set -eu
ZNES=${ZNES:-./znes}
GEN=${GEN:-build/release/eval/gen}
RUNS=${RUNS:-9}
SIZE=${SIZE:-200M}
HALF=${HALF:-100M}
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
TIME=/usr/bin/time

if [ -z "${LINK_ONLY:-}" ]; then
gen() { # kind size file
	[ -s "$3" ] || "$GEN" "--bench-$1" "$2" "$3" > /dev/null
}
gen csv "$SIZE" "$dir/bench.csv"
gen jsonl "$SIZE" "$dir/bench.jsonl"
gen csv "$HALF" "$dir/half.csv"
gen jsonl "$HALF" "$dir/half.jsonl"
# The CSV again in Windows-1251, as many officers' exports are (a
# character the code page lacks is left out: -c)
[ -s "$dir/bench1251.csv" ] || iconv -c -f UTF-8 -t CP1251 "$dir/bench.csv" > "$dir/bench1251.csv"

# One run of a command: sets t (seconds of wall time) and r (peak KiB).
# (wall time from date's nanoseconds around GNU time running the command
# itself, no shell between: %e has 10 ms steps, 5% of a 0.2 s
# pass-through; GNU time gives the peak RSS)
run_once() {
	t0=$(date +%s%N)
	eval "$TIME -f %M -o '$dir/time' $1" > /dev/null 2>&1
	t1=$(date +%s%N)
	t=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc -l)
	r=$(cat "$dir/time")
}

# The modes of one file in RUNS rounds, each round one run of every mode
# in turn, so that a shift in the machine's load (this is a shared VM)
# falls on all of them alike and not on the ratio; per mode the best
# (lowest) time is kept in T_<mode> and the highest peak RSS in R_<mode>.
measure_modes() { # path
	for m in cat pass one two; do
		eval "T_$m= R_$m=0"
	done
	i=0
	while [ $i -lt "$RUNS" ]; do
		for m in cat pass one two; do
			case $m in
			cat) run_once "cat '$1'" ;;
			pass) run_once "$ZNES redact --pass-through '$1'" ;;
			one) run_once "$ZNES redact --threads 1 '$1'" ;;
			two) run_once "$ZNES redact '$1'" ;;
			esac
			eval "best=\$T_$m peak=\$R_$m"
			if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then eval "T_$m=$t"; fi
			[ "$r" -gt "$peak" ] && eval "R_$m=$r"
		done
		i=$((i + 1))
	done
}

mbps() { # bytes seconds
	echo "scale=1; $1 / 1000000 / ($2 + 0.0001)" | bc -l
}

printf '%-13s %-9s %10s %10s %8s %12s\n' file mode MB/s seconds ratio "peak RSS"
for f in bench.csv bench.jsonl bench1251.csv; do
	path="$dir/$f"
	bytes=$(wc -c < "$path")
	measure_modes "$path"
	printf '%-13s %-9s %10s %10s %8s %12s\n' "$f" cat "$(mbps "$bytes" "$T_cat")" "$T_cat" - -
	printf '%-13s %-9s %10s %10s %8s %9s KiB\n' "$f" pass "$(mbps "$bytes" "$T_pass")" "$T_pass" - "$R_pass"
	ratio=$(echo "scale=3; $T_pass / $T_one" | bc -l)
	printf '%-13s %-9s %10s %10s %8s %9s KiB\n' "$f" "redact-1" "$(mbps "$bytes" "$T_one")" "$T_one" "$ratio" "$R_one"
	ratio=$(echo "scale=3; $T_pass / $T_two" | bc -l)
	printf '%-13s %-9s %10s %10s %8s %9s KiB\n' "$f" redact "$(mbps "$bytes" "$T_two")" "$T_two" "$ratio" "$R_two"
done
echo "(redact-1: detection on one thread, --threads 1; redact: the default, as many"
echo " detection threads as processors ($(nproc) here), the reading and writing one among them)"
# Correctness before timing: the redacted output differs, the pass-through does not.
"$ZNES" redact --pass-through "$dir/half.csv" | cmp -s - "$dir/half.csv" || { echo "pass-through is not byte-identical"; exit 1; }
"$ZNES" redact "$dir/half.csv" 2>/dev/null | cmp -s - "$dir/half.csv" && { echo "redact changed nothing"; exit 1; }
echo
echo "peak RSS, half size vs full size (must not grow with the input):"
for kind in csv jsonl; do
	for f in half bench; do
		$TIME -f '%M' -o "$dir/time" "$ZNES" redact "$dir/$f.$kind" > /dev/null
		eval "rss_$f=$(cat "$dir/time")"
	done
	printf '  %-6s %s: %6s KiB   %s: %6s KiB\n' "$kind" "$(du -h "$dir/half.$kind" | cut -f1)" "$rss_half" \
		"$(du -h "$dir/bench.$kind" | cut -f1)" "$rss_bench"
done

fi

# --- linkage: index a 1M-row published register, link a 100k-row file -------
# Generated here (never committed): names, birth dates, sex and addresses
# drawn from small lists, so that many combinations repeat and some do not.
# Peak RSS must stay flat: the index and the analysis are SQLite tables and
# queries (16 MiB page cache, sorts on disk), not in-memory structures.
LINK_PUB=${LINK_PUB:-1000000}
LINK_NEW=${LINK_NEW:-100000}
gen_people() { # rows seed named file
	[ -s "$4" ] || awk -v n="$1" -v seed="$2" -v named="$3" 'BEGIN {
		srand(seed)
		split("Коваленко Шевченко Бондаренко Ткаченко Мельник Кравчук Олійник Лисенко Гончаренко Павленко Савченко Руденко", sur, " ")
		split("Олена Андрій Марія Ігор Наталія Петро Світлана Олег Юлія Василь Тетяна Сергій", giv, " ")
		split("Шевченка Перемоги Польова Садова Лесі_Українки Грушевського Франка Зелена Миру Шкільна Центральна Козацька", st, " ")
		if (named) print "ПІБ;Дата народження;Стать;Адреса"; else print "Дата народження;Стать;Адреса;Сума"
		for (i = 0; i < n; i++) {
			d = sprintf("%02d.%02d.%d", 1 + int(rand() * 28), 1 + int(rand() * 12), 1940 + int(rand() * 65))
			x = rand() < 0.5 ? "чоловіча" : "жіноча"
			s = st[1 + int(rand() * 12)]; gsub("_", " ", s)
			a = sprintf("м. Київ, вул. %s, %d, кв. %d", s, 1 + int(rand() * 150), 1 + int(rand() * 90))
			if (named) printf "%s %s;%s;%s;%s\n", sur[1 + int(rand() * 12)], giv[1 + int(rand() * 12)], d, x, a
			else printf "%s;%s;%s;%d\n", d, x, a, 100 + int(rand() * 9000)
		}
	}' > "$4"
}
gen_people "$LINK_PUB" 1 1 "$dir/published.csv"
gen_people "$LINK_NEW" 2 0 "$dir/new.csv"
rm -rf "$dir/corpus"
echo
echo "linkage: $LINK_PUB published rows indexed, $LINK_NEW new rows linked"
$TIME -f '%e %M' -o "$dir/time" "$ZNES" corpus add -q --db "$dir/corpus/corpus.db" --name published "$dir/published.csv"
set -- $(tail -n 1 "$dir/time")
printf '  %-30s %8s s %9s KiB peak RSS\n' "corpus add ($LINK_PUB rows)" "$1" "$2"
$TIME -f '%e %M' -o "$dir/time" "$ZNES" link --db "$dir/corpus/corpus.db" --format json "$dir/new.csv" > "$dir/link.json" || [ $? -eq 1 ]
set -- $(tail -n 1 "$dir/time")
printf '  %-30s %8s s %9s KiB peak RSS\n' "link ($LINK_NEW rows)" "$1" "$2"
printf '  index size %s; re-identifiable %s of %s records\n' "$(du -h "$dir/corpus/corpus.db" | cut -f1)" \
	"$(sed -n 's/.*"reidentifiable_records": \([0-9]*\).*/\1/p' "$dir/link.json" | head -1)" "$LINK_NEW"
