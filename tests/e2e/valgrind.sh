#!/bin/sh
# Runs znes under valgrind's memcheck for `make valgrind`: the end-to-end
# tests call this in place of the binary ($ZNES_BIN). Any invalid read or
# write, use of uninitialised memory, or definite leak makes it exit 99,
# which no test expects, so the test fails. PCRE2 JIT is off (ZNES_NO_JIT):
# memcheck cannot follow JIT-compiled code.
export ZNES_NO_JIT=1
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite "$ZNES_BIN" "$@"
