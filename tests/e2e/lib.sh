# lib.sh — how every end-to-end script here begins; each one sets $here
# (its own directory) and sources this before anything else:
#   here=$(cd "$(dirname "$0")" && pwd)
#   . "$here/lib.sh"
# It makes $ZNES (the binary under test, default ./znes) absolute, sets
# $root (the repository) and $py (python3), makes $tmp (removed on exit
# unless KEEP is set), and the counters pass and fail with ok and bad
# (bad prints "FAIL: " and $E2E_PREFIX before its message).
set -u
ZNES=${ZNES:-./znes}
case $ZNES in /*) ;; *) ZNES=$(pwd)/$ZNES ;; esac
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: ${E2E_PREFIX:-}$*"; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
