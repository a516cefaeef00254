#!/bin/sh
# `make eval`: generate the synthetic municipal datasets (seeds given as
# arguments, default 1 and 2), scan each with znes, and score the findings
# against the known truth. Fails when a checked category is below
# recall 0.99 / precision 0.98, or decoys (ЄДРПОУ codes, amounts, decision
# numbers, dates, …) are kept below 0.99. $ZNES, $GEN and $EVALUATE name
# the binaries; $EVAL_DIR is where the data goes. Each dataset is also
# redacted, and $INVARIANT checks the output against the input: same
# records and columns in the same order, changes only by tokens, nothing
# personal left for scan to find.
set -u
ZNES=${ZNES:-./znes}
GEN=${GEN:-build/release/eval/gen}
EVALUATE=${EVALUATE:-build/release/eval/evaluate}
INVARIANT=${INVARIANT:-build/release/eval/invariant}
dir=${EVAL_DIR:-build/eval}
cats=phone,tax_id,email,iban,card,passport,dob,name,address
seeds=${*:-1 2}
pass=0
fail=0
for seed in $seeds; do
	out="$dir/seed$seed"
	rm -rf "$out"
	mkdir -p "$out"
	"$GEN" --seed "$seed" --out "$out" > /dev/null || exit 2
	for f in "$out"/*.truth.jsonl; do
		stem=${f%.truth.jsonl}
		data=$(ls "$stem".csv "$stem".json "$stem".jsonl 2>/dev/null | head -n 1)
		"$ZNES" scan --format jsonl "$data" > "$stem.findings.jsonl"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL: znes scan $data exited $rc"
			fail=$((fail + 1))
			continue
		fi
		echo "== seed $seed: $(basename "$data")"
		if "$EVALUATE" "$f" "$stem.findings.jsonl" --categories "$cats" > "$stem.score" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
		sed -n '/^category/,/^result/p' "$stem.score" | grep -v '^$'
		ext=${data##*.}
		if "$ZNES" redact -o "$stem.redacted.$ext" "$data" &&
		   ZNES_RULES_DIR=rules "$INVARIANT" "$data" "$stem.redacted.$ext"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	done
done
echo "eval: $pass passed, $fail failed"
[ $fail -eq 0 ]
