#!/bin/sh
# Runs libFuzzer targets: first every file of tests/fuzz/regress/TARGET
# (inputs that once crashed) and tests/fuzz/seeds/TARGET, then fuzzing
# for SECONDS with the seeds as the starting corpus. Exit non-zero on any
# crash. Usage: run.sh SECONDS TARGET...
set -eu
secs=$1
shift
dir=build/fuzz
for t in "$@"; do
	mkdir -p "$dir/corpus/$t" "tests/fuzz/regress/$t"
	echo "== $t: replay"
	"$dir/$t" -runs=0 tests/fuzz/seeds/$t tests/fuzz/regress/$t > "$dir/$t.replay.log" 2>&1 ||
		{ tail -n 30 "$dir/$t.replay.log"; exit 1; }
	echo "== $t: fuzz ${secs}s"
	"$dir/$t" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=1 \
		-artifact_prefix="$dir/$t-" "$dir/corpus/$t" tests/fuzz/seeds/$t > "$dir/$t.log" 2>&1 ||
		{ tail -n 40 "$dir/$t.log"; exit 1; }
	grep -E "^#[0-9]+.*(DONE|pulse)" "$dir/$t.log" | tail -n 1
done
