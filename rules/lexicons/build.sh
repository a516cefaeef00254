#!/bin/sh
# Rebuilds the generated lexicons (given_names.tsv) from the shevchenko npm
# package and src/. Needs node and npm and the network; the results are
# committed, so neither the build nor CI runs this. Usage: sh rules/lexicons/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y > /dev/null && npm install --no-audit --no-fund --ignore-scripts shevchenko@3.1.1 > /dev/null)
NODE_PATH="$work/node_modules" node "$here/build.js"
# LICENSES carries the package's licence notice: stop if it changed.
grep -qF "$(sed -n 3p "$work/node_modules/shevchenko/LICENSE")" "$here/LICENSES" ||
	{ echo "build.sh: the shevchenko licence changed; update LICENSES" >&2; exit 1; }
