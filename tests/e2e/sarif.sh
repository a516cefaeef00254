#!/bin/sh
# `znes scan --format sarif` (issue 8): the log validates against the SARIF
# 2.1.0 schema kept beside this script (sarif-2.1.0-rtm.5.json, OASIS; the
# copy comes from the MIT-licensed npm package @microsoft/jest-sarif), has
# one result per finding, and holds no personal value. Needs Debian's
# python3-jsonschema. Prints "sarif: N passed, N failed".
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

cd "$root"
for f in corpus/samples/appeals.csv corpus/samples/aid-2024.csv; do
	"$ZNES" scan --format sarif "$f" > "$tmp/out.sarif"
	rc=$?
	[ $rc -le 1 ] || { bad "$f: exit $rc"; continue; }
	if "$py" - "$here/sarif-2.1.0-rtm.5.json" "$tmp/out.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.Draft4Validator(schema).validate(log)
PY
	then ok; else bad "$f: the SARIF log does not validate"; fi
	"$ZNES" scan --format jsonl "$f" > "$tmp/out.jsonl"
	want=$(grep -c . "$tmp/out.jsonl")
	got=$(grep -c '"ruleId"' "$tmp/out.sarif")
	if [ "$want" = "$got" ] && [ "$got" -gt 0 ]; then ok; else bad "$f: $got results for $want findings"; fi
done
# No value of the sample may appear in the log.
"$ZNES" scan --format sarif corpus/samples/appeals.csv > "$tmp/out.sarif"
leaked=0
for v in 3184710691 olena.kovalenko@ukr.net 067-123-45-67 "Коваленко Олена" "Шевченка, 12" 4149 UA213223130000026007233566001; do
	grep -qF "$v" "$tmp/out.sarif" && { leaked=1; echo "  leaked: a value of the sample"; }
done
[ $leaked -eq 0 ] && ok || bad "a personal value is in the SARIF log"
echo "sarif: $pass passed, $fail failed"
[ $fail -eq 0 ]
