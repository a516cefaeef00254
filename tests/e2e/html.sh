#!/bin/sh
# The HTML reports (issue 8), checked in headless Chromium (Debian's
# `chromium`, which `make deps` installs; without it this test fails, it
# does not skip). Run by run.sh; prints "html: N passed, N failed".
#
#   scan --format html --db over three files (the appeals sample, a file
#   whose column is named <script>alert(1)</script>, the aid sample with a
#   published register indexed): Chromium's DOM must hold, per file, the
#   rows, counts, shares and masked examples of `scan --format json` of the
#   same files, one SVG bar per category with widths proportional to the
#   counts, and the linkage numbers; the column name must be text, never an
#   element; no value the scan found may be in the page; nothing may be
#   loaded from anywhere.
#   audit summary --format html: the verification, one bar per action with
#   the log's event counts, the passport text exactly as the text summary
#   prints it; a tampered log says so.
#   Screenshots (1200x1600) are kept as artifacts: build/artifacts/
#   scan-report.png and audit-summary.png ($ARTIFACTS to put them elsewhere).
here=$(cd "$(dirname "$0")" && pwd)
E2E_PREFIX="html: "
. "$here/lib.sh"
ARTIFACTS=${ARTIFACTS:-$root/build/artifacts}
unset ZNES_KEY

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
	bad "chromium is not installed (make deps installs it; as root: apt-get install -y chromium)"
	echo "html: $pass passed, $fail failed"
	exit 1
fi
# As root in a container: no sandbox, no /dev/shm, a throw-away profile.
headless() {
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --no-default-browser-check --hide-scrollbars \
		--user-data-dir="$tmp/profile" "$@" 2>> "$tmp/chrome.err"
}
mkdir -p "$ARTIFACTS" || { bad "cannot create $ARTIFACTS"; exit 1; }

# A page must be self-contained and hold no script: nothing to fetch, nothing to run.
selfcontained() {
	if grep -qiE '<script|<link|<img|<iframe|src=|href=|url\(|@import' "$1"; then
		bad "$2 loads or runs something: $(grep -oiE '.{20}(<script|<link|<img|<iframe|src=|href=|url\(|@import).{20}' "$1" | head -3)"
	else ok; fi
}

# --- scan ------------------------------------------------------------------
cd "$tmp" || exit 1
{
	printf 'ПІБ;Телефон;<script>alert(1)</script>;Сума\n'
	printf 'Коваленко Олена Петрівна;067-123-45-67;пишіть на olena.kovalenko@ukr.net;"1 500,00"\n'
	printf 'Шевченко Тарас Григорович;+380 44 234 56 78;;"2 000,00"\n'
	printf 'Бондар Марія Іванівна;050 765 43 21;тел. 063 111 22 33, РНОКПП 3184710691;"300,00"\n'
} > hostile.csv
cp "$root/corpus/samples/appeals.csv" "$root/corpus/samples/aid-2024.csv" .
"$ZNES" corpus add -q --db corpus.db --name residents-register "$root/corpus/samples/residents-register.csv" ||
	bad "corpus add"
files="appeals.csv hostile.csv aid-2024.csv"
# shellcheck disable=SC2086
"$ZNES" scan --db corpus.db --format json $files > scan.json
rc=$?
[ $rc -eq 1 ] || bad "scan --format json: exit $rc"
# shellcheck disable=SC2086
"$ZNES" scan --db corpus.db --format html $files > scan.html 2> err
rc=$?
[ $rc -eq 1 ] && [ -s scan.html ] && ok || bad "scan --format html: exit $rc $(head -c 300 err)"
# shellcheck disable=SC2086
"$ZNES" scan --format jsonl $files > findings.jsonl
selfcontained scan.html "the scan report"

if headless --dump-dom "file://$tmp/scan.html" > scan.dom && [ -s scan.dom ]; then ok
else bad "chromium --dump-dom failed: $(tail -3 "$tmp/chrome.err")"; fi

"$py" - scan.json scan.dom scan.html findings.jsonl <<'PY' || bad "scan page (see above)"
import csv, json, sys
from html.parser import HTMLParser

doc = json.load(open(sys.argv[1]))
dom_text = open(sys.argv[2], encoding="utf-8").read()
raw = open(sys.argv[3], encoding="utf-8").read()
errors = []

class Page(HTMLParser):
    """Per section (file-N): rows of the columns table, chart bars, linkage cells."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.files, self.stack, self.scripts = {}, [], 0
        self.sec = self.row = self.cell = self.ex = None
        self.column_cells = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "section" and a.get("id", "").startswith("file-"):
            self.sec = {"attrs": a, "rows": [], "bars": [], "kv": {}, "links": [], "chart": None}
            self.files[a["id"]] = self.sec
        if self.sec is None:
            return
        if tag == "svg":
            self.sec["chart"] = a.get("id")
        if tag == "rect" and "data-cat" in a:
            self.sec["bars"].append((a["data-cat"], int(a["data-count"]), float(a["width"])))
        if tag == "tr" and "data-column" in a:
            self.row = {"column": a["data-column"], "cat": a["data-cat"], "ex": [], "cells": []}
            self.sec["rows"].append(self.row)
        if tag == "tr" and "data-dataset" in a:
            self.sec["links"].append({"dataset": a["data-dataset"]})
        if tag == "td":
            self.cell = {"attrs": a, "text": ""}
            if self.row is not None:
                self.row["cells"].append(self.cell)
            if "data-key" in a and self.sec["links"] and "data-count" in a:
                self.sec["links"][-1][a["data-key"]] = int(a["data-count"])
            elif "data-key" in a:
                self.sec["kv"][a["data-key"]] = self.cell
        if tag == "span" and a.get("class") == "ex":
            self.ex = ""
    def handle_endtag(self, tag):
        if tag == "span" and self.ex is not None:
            self.row["ex"].append(self.ex)
            self.ex = None
        if tag == "tr":
            self.row = None
        if tag == "td":
            self.cell = None
        if tag == "section":
            self.sec = None
    def handle_data(self, data):
        if self.ex is not None:
            self.ex += data
        if self.cell is not None:
            self.cell["text"] += data

p = Page()
p.feed(dom_text)

if p.scripts:
    errors.append("the DOM has %d <script> elements" % p.scripts)
if len(p.files) != len(doc["files"]):
    errors.append("%d file sections, want %d" % (len(p.files), len(doc["files"])))
for i, f in enumerate(doc["files"]):
    sec = p.files.get("file-%d" % (i + 1))
    if sec is None:
        errors.append("no section file-%d" % (i + 1))
        continue
    name = f["file"]
    if sec["attrs"].get("data-file") != name or int(sec["attrs"].get("data-records", -1)) != f["records"]:
        errors.append("%s: section attributes %r" % (name, sec["attrs"]))
    if int(sec["attrs"].get("data-personal-values", -1)) != f["personal_values"]:
        errors.append("%s: personal values %s, want %d" % (name, sec["attrs"].get("data-personal-values"), f["personal_values"]))
    want = [(c["column"], c["category"]) for c in f["columns"]]
    got = [(r["column"], r["cat"]) for r in sec["rows"]]
    if got != want:
        errors.append("%s: rows %r, want %r" % (name, got, want))
        continue
    for c, r in zip(f["columns"], sec["rows"]):
        cnt = [x for x in r["cells"] if "data-count" in x["attrs"]]
        share = [x for x in r["cells"] if "data-share" in x["attrs"]]
        if r["cells"][0]["text"] != c["column"]:
            errors.append("%s: column cell %r, want %r" % (name, r["cells"][0]["text"], c["column"]))
        if not cnt or int(cnt[0]["attrs"]["data-count"]) != c["count"] or int(cnt[0]["attrs"]["data-nonempty"]) != c["nonempty"] \
                or cnt[0]["attrs"]["data-cat"] != c["category"]:
            errors.append("%s: %s/%s count cell %r, want %d of %d" % (name, c["column"], c["category"], cnt and cnt[0]["attrs"], c["count"], c["nonempty"]))
        if not share or abs(float(share[0]["attrs"]["data-share"]) - c["share"]) > 1e-4 or \
                share[0]["text"] != "%.0f%%" % (100.0 * c["count"] / max(c["nonempty"], 1)):
            errors.append("%s: %s/%s share %r, want %.4f" % (name, c["column"], c["category"], share and share[0], c["share"]))
        want_ex = c["examples"] if c["personal"] else []
        if r["ex"] != want_ex:
            errors.append("%s: %s/%s examples %r, want %r" % (name, c["column"], c["category"], r["ex"], want_ex))
    # the chart: one bar per category, the sum over columns, widths proportional
    totals = {}
    for c in f["columns"]:
        totals[c["category"]] = totals.get(c["category"], 0) + c["count"]
    bars = {b[0]: b for b in sec["bars"]}
    if len(sec["bars"]) != len(totals) or any(bars.get(k, (0, -1))[1] != v for k, v in totals.items()):
        errors.append("%s: bars %r, want counts %r" % (name, sec["bars"], totals))
    elif sec["bars"]:
        top = max(b[2] for b in sec["bars"])
        mx = max(totals.values())
        for cat, n, w in sec["bars"]:
            if abs(w - top * n / mx) > 0.02:
                errors.append("%s: bar %s width %.2f, want %.2f" % (name, cat, w, top * n / mx))
        if top < 100:
            errors.append("%s: the longest bar is %.1f wide" % (name, top))
    # linkage
    lk = doc.get("linkage", [])[i] if doc.get("linkage") else None
    if lk:
        for key in ("records", "classes", "records_below_k", "unique_records", "reidentifiable_records", "direct_overlap_records"):
            cell = sec["kv"].get(key)
            if cell is None or cell["text"].strip() != str(lk[key]):
                errors.append("%s: linkage %s %r, want %d" % (name, key, cell and cell["text"], lk[key]))
        want_links = [(l["dataset"], l["reidentifiable_records"], l["direct_overlap_records"]) for l in lk["links"]]
        got_links = [(l["dataset"], l.get("reidentifiable_records"), l.get("direct_overlap_records")) for l in sec["links"]]
        if want_links != got_links:
            errors.append("%s: links %r, want %r" % (name, got_links, want_links))

# the hostile column: text in a cell and in an attribute, never markup
col = "<script>alert(1)</script>"
if not any(r["column"] == col and r["cells"][0]["text"] == col for s in p.files.values() for r in s["rows"]):
    errors.append("the column named %s is not shown as text" % col)
if "<script" in raw.lower():
    errors.append("'<script' is in the HTML file unescaped")
# re-identification was found in the aid sample (the demo's numbers)
aid = [l for l in doc.get("linkage", []) if l["file"].endswith("aid-2024.csv")]
if not aid or aid[0]["reidentifiable_records"] != 4:
    errors.append("the aid sample's linkage: %r" % aid)

# no value the scan found (the bytes of each finding's span) is in the page
leaks = set()
data = {}
for line in open(sys.argv[4], encoding="utf-8"):
    fd = json.loads(line)
    if fd["file"] not in data:
        with open(fd["file"], encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        data[fd["file"]] = rows
    rows = data[fd["file"]]
    header = rows[0]
    rec = rows[1 + fd["record"]]
    val = rec[header.index(fd["field"])].encode("utf-8")[fd["start"]:fd["end"]].decode("utf-8")
    if len(val.encode("utf-8")) >= 5 and val in raw:
        leaks.add((fd["category"], len(val)))
if leaks:
    errors.append("values found by the scan are in the page: %r (category, length)" % sorted(leaks))

for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
PY
[ $? -eq 0 ] && ok

# The screenshot, kept.
rm -f "$ARTIFACTS/scan-report.png"
headless --run-all-compositor-stages-before-draw --screenshot="$ARTIFACTS/scan-report.png" --window-size=1200,1600 "file://$tmp/scan.html" > /dev/null
pngcheck() {
	"$py" - "$1" <<'PY'
import struct, sys, zlib
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", b[16:24])
assert (w, h) == (1200, 1600), "size %dx%d" % (w, h)
# distinct colours in the decoded scanlines: a blank page has a handful
pos, idat = 8, b""
while pos < len(b):
    n, kind = struct.unpack(">I4s", b[pos:pos + 8])
    if kind == b"IDAT":
        idat += b[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
assert len(set(raw)) > 60 and len(b) > 20000, "%d bytes, %d distinct byte values" % (len(b), len(set(raw)))
PY
}
if [ -f "$ARTIFACTS/scan-report.png" ] && msg=$(pngcheck "$ARTIFACTS/scan-report.png" 2>&1); then ok
else bad "scan screenshot: ${msg:-not written} $(tail -3 "$tmp/chrome.err")"; fi

# --- audit summary ------------------------------------------------------------
cat > policy.json <<'EOF'
{
  "categories": { "phone": { "action": "mask" }, "tax_id": "pseudonym" },
  "fields": { "Сума": { "action": "drop-column" },
              "ПІБ": { "public": true, "basis": "ст. 5 Закону України «Про захист персональних даних»" } }
}
EOF
head -c 32 /dev/urandom > key && chmod 600 key
"$ZNES" redact -q --policy policy.json --key-file key --audit audit.jsonl -o out.csv hostile.csv 2> err ||
	bad "redact with --audit: $(head -c 300 err)"
"$ZNES" audit summary audit.jsonl > summary.txt || bad "audit summary: exit $?"
"$ZNES" audit summary --format html audit.jsonl > summary.html 2> err
rc=$?
[ $rc -eq 0 ] && [ -s summary.html ] && ok || bad "audit summary --format html: exit $rc $(head -c 300 err)"
selfcontained summary.html "the audit summary"
if headless --dump-dom "file://$tmp/summary.html" > summary.dom && [ -s summary.dom ]; then ok
else bad "chromium --dump-dom failed on the summary: $(tail -3 "$tmp/chrome.err")"; fi
"$py" - audit.jsonl summary.dom summary.txt summary.html <<'PY' || bad "audit page (see above)"
import json, sys
from html.parser import HTMLParser
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
events = [e for e in events if e.get("type") == "event"]
dom = open(sys.argv[2], encoding="utf-8").read()
text = open(sys.argv[3], encoding="utf-8").read()
raw = open(sys.argv[4], encoding="utf-8").read()
errors = []

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bars, self.verification, self.passport, self.kinds, self.scripts = [], None, None, [], 0
        self.in_pre = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.scripts += tag == "script"
        if tag == "rect" and "data-action" in a:
            self.bars.append((a["data-action"], int(a["data-count"]), float(a["width"])))
        if a.get("id") == "verification":
            self.verification = a
        if tag == "pre" and a.get("id") == "passport":
            self.in_pre, self.passport = True, ""
        if tag == "td" and "data-count" in a:
            self.kinds.append(int(a["data-count"]))
    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_pre = False
    def handle_data(self, data):
        if self.in_pre:
            self.passport += data

p = Page()
p.feed(dom)
want = {}
for e in events:
    want[e["action"]] = want.get(e["action"], 0) + 1
got = {a: n for a, n, w in p.bars}
if len(p.bars) != len(want) or got != want:
    errors.append("action bars %r, want %r" % (p.bars, want))
elif p.bars:
    top, mx = max(w for a, n, w in p.bars), max(want.values())
    for a, n, w in p.bars:
        if abs(w - top * n / mx) > 0.02:
            errors.append("bar %s width %.2f, want %.2f" % (a, w, top * n / mx))
if not p.verification or p.verification.get("data-ok") != "true" or int(p.verification.get("data-events", -1)) != len(events):
    errors.append("verification %r, want ok with %d events" % (p.verification, len(events)))
if sum(p.kinds) != len(events):
    errors.append("the kinds table counts %d events, want %d" % (sum(p.kinds), len(events)))
head = "із зазначенням виду інформації:\n"
want_passport = text[text.index(head) + len(head):] if head in text else None
if p.passport != want_passport:
    errors.append("passport text %r, want %r" % (p.passport, want_passport))
if "<script>alert(1)</script>" not in (p.passport or "") or p.scripts or "<script" in raw.lower():
    errors.append("the hostile field name is not shown as text in the passport")
if "keep" not in want or "mask" not in want or "pseudonym" not in want:
    errors.append("the sample should exercise keep, mask and pseudonym: %r" % want)
for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
PY
[ $? -eq 0 ] && ok
rm -f "$ARTIFACTS/audit-summary.png"
headless --run-all-compositor-stages-before-draw --screenshot="$ARTIFACTS/audit-summary.png" --window-size=1200,1600 "file://$tmp/summary.html" > /dev/null
if [ -f "$ARTIFACTS/audit-summary.png" ] && msg=$(pngcheck "$ARTIFACTS/audit-summary.png" 2>&1); then ok
else bad "audit screenshot: ${msg:-not written} $(tail -3 "$tmp/chrome.err")"; fi

# A tampered log: exit 1, and the page says the report cannot be trusted.
sed '3s/"record":[0-9]*/"record":99/' audit.jsonl > tampered.jsonl
"$ZNES" audit summary --format html tampered.jsonl > tampered.html 2> /dev/null
rc=$?
[ $rc -eq 1 ] && grep -q 'id="verification" class="badge bad" data-ok="false"' tampered.html && ok ||
	bad "summary of a tampered log: exit $rc, $(grep -o 'id="verification"[^>]*' tampered.html)"
"$ZNES" audit verify --format html audit.jsonl > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "verify --format html must exit 2"
"$ZNES" scan --format htm appeals.csv > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "scan --format htm must exit 2"

echo "html: $pass passed, $fail failed"
[ $fail -eq 0 ]
