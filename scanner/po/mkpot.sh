#!/bin/sh
# mkpot.sh OUT [VERSION] — writes the gettext template of znes's messages
# (the strings marked _() / N_() or given to ngettext(), and the formats
# given to error(), warning(), the readers' error helpers, the perr() of
# policies and rule packs and the warnings of `znes link`) to OUT. One list
# of keywords for both `make pot` and the catalogue check of
# tests/e2e/i18n.sh, so the two cannot disagree about what needs a
# translation. Run from the top of the tree.
set -eu
out=$1
version=${2:-0}
# shellcheck disable=SC2046
xgettext --from-code=UTF-8 --language=C --sort-by-file --add-comments=TRANSLATORS: \
	--package-name=znes --package-version="$version" \
	--keyword=_ --keyword=N_ \
	--keyword=error --keyword=warning --keyword=ZNES_USAGE_ERROR \
	--keyword=input_error:4 --keyword=jerr:3 --keyword=more_or_err:2 \
	--keyword=report_at:3 --keyword=set_pending:3 --keyword=row_error:3 --keyword=perr:2 \
	--keyword=add_warning:2 --keyword=add_warning_n:3,4 \
	--flag=error:1:c-format --flag=warning:1:c-format \
	--flag=ZNES_USAGE_ERROR:1:c-format --flag=input_error:4:c-format --flag=row_error:3:c-format --flag=perr:2:c-format \
	--flag=add_warning:2:c-format --flag=add_warning_n:3:c-format --flag=add_warning_n:4:c-format \
	-o "$out" $(ls scanner/*.c rules/*.c filters/*.c corpus/*.c | LC_ALL=C sort)
