# znes — build, test, demo, bench.
#
# `make help` lists the targets. The two set-up commands of the README are
# `make demo` and `make test`; on a fresh Debian 12 machine they install the
# libraries znes needs (as root) or stop naming the exact apt-get command.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
CFLAGS    ?= -O2 -g
WARN      := -std=c11 -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wpointer-arith -Wvla -Wwrite-strings \
             -Wformat-security -fno-common
DEFS      := -D_GNU_SOURCE -DZNES_VERSION='"$(VERSION)"' \
             -DZNES_DATADIR='"$(PREFIX)/share/znes"' \
             -DZNES_LOCALEDIR='"$(PREFIX)/share/locale"'
PKGS      := libpcre2-8 jansson icu-uc icu-i18n libsodium nettle sqlite3 libzip expat xlsxwriter
# Recursive (=) on purpose: evaluated when a recipe runs, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -pthread
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)

# Debian packages: libraries, and what the tests and benchmarks use.
DEB_PKGS  := gcc make libc6-dev pkg-config libpcre2-dev libcsv-dev libjansson-dev \
             libicu-dev libcmocka-dev libsodium-dev nettle-dev libsqlite3-dev time bc \
             clang libclang-rt-14-dev valgrind python3-jsonschema \
             libzip-dev libexpat1-dev libxlsxwriter-dev
# The HTML reports' test (tests/e2e/html.sh) loads them in headless Chromium.
DEB_PKGS  += chromium
# msgfmt and xgettext: the Ukrainian catalogue (scanner/po).
DEB_PKGS  += gettext

ENGINE_SRC := scanner/util.c scanner/buf.c scanner/unicode.c scanner/input.c \
              scanner/record.c scanner/strmap.c scanner/reader.c scanner/csv.c \
              scanner/json.c scanner/output.c scanner/pipeline.c scanner/pool.c scanner/progress.c \
              scanner/xlsx.c scanner/xlsx_write.c scanner/report_html.c \
              $(wildcard rules/*.c filters/*.c corpus/*.c)
CLI_SRC    := scanner/main.c scanner/cli.c scanner/i18n.c scanner/cmd_scan.c scanner/cmd_redact.c scanner/cmd_rules.c \
              scanner/cmd_audit.c scanner/cmd_policy.c scanner/cmd_corpus.c scanner/cmd_link.c
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

BUILD     := build/release
MO        := build/locale/uk/LC_MESSAGES/znes.mo
ASAN_DIR  := build/asan
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TSAN_DIR  := build/tsan
TSAN_FLAGS := -O1 -g -fsanitize=thread

# `make V=1` shows the commands.
Q := $(if $(V),,@)
.SECONDARY:

.PHONY: all help deps test unit e2e eval sanitize tsan valgrind fuzz fuzz-smoke demo bench install clean pot
.DEFAULT_GOAL := all

all: znes ## build ./znes

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: build/deps.stamp ## install missing Debian packages (as root) or name them

build/deps.stamp:
	@missing=""; \
	for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) || exit 1; \
	  else \
	    echo "znes needs these Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p build && touch $@

# --- objects -----------------------------------------------------------------
$(BUILD)/%.o: %.c | build/deps.stamp
	@mkdir -p $(dir $@)
	@$(if $(V),,echo '  CC     $@')
	$(Q)$(CC) $(CFLAGS) $(WARN) $(DEFS) -I. $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(ASAN_DIR)/%.o: %.c | build/deps.stamp
	@mkdir -p $(dir $@)
	@$(if $(V),,echo '  CC-SAN $@')
	$(Q)$(CC) $(SAN_FLAGS) $(WARN) $(DEFS) -I. $(PKG_CFLAGS) -MMD -MP -c $< -o $@

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o)
TSAN_OBJ   := $(ENGINE_SRC:%.c=$(TSAN_DIR)/%.o) $(CLI_SRC:%.c=$(TSAN_DIR)/%.o)
ASAN_ENGINE_OBJ := $(ENGINE_SRC:%.c=$(ASAN_DIR)/%.o)
ASAN_CLI_OBJ    := $(CLI_SRC:%.c=$(ASAN_DIR)/%.o)

znes: $(ENGINE_OBJ) $(CLI_OBJ) | $(MO)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(TSAN_DIR)/%.o: %.c | build/deps.stamp
	@mkdir -p $(dir $@)
	@$(if $(V),,echo '  CC-TSAN $@')
	$(Q)$(CC) $(TSAN_FLAGS) $(WARN) $(DEFS) -I. $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(TSAN_DIR)/znes: $(TSAN_OBJ) | $(MO)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(TSAN_FLAGS) -o $@ $^ $(PKG_LIBS)

$(ASAN_DIR)/znes: $(ASAN_ENGINE_OBJ) $(ASAN_CLI_OBJ) | $(MO)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/tests/unit/support.o $(ENGINE_OBJ)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

$(ASAN_DIR)/tests/%: $(ASAN_DIR)/tests/unit/%.o $(ASAN_DIR)/tests/unit/support.o $(ASAN_ENGINE_OBJ)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

-include $(shell find build -name '*.d' 2>/dev/null)

# --- the Ukrainian interface (gettext) ---------------------------------------
# scanner/po/uk.po is the catalogue; msgfmt --check also checks that each
# translation keeps its msgid's printf directives. The binary finds
# build/locale when run in the tree (scanner/i18n.c). `make pot` refreshes
# scanner/po/znes.pot from the sources; `msgmerge -U scanner/po/uk.po
# scanner/po/znes.pot` then brings the new strings into uk.po (README.md).
$(MO): scanner/po/uk.po | build/deps.stamp
	@mkdir -p $(dir $@)
	@$(if $(V),,echo '  MSGFMT $@')
	$(Q)msgfmt --check -o $@ $<

pot: build/deps.stamp ## regenerate scanner/po/znes.pot from the marked strings
	sh scanner/po/mkpot.sh scanner/po/znes.pot $(VERSION)

# --- tests -------------------------------------------------------------------
# `make test` is what CI runs: unit and end-to-end tests on the release
# build, then the same tests under ASan+UBSan.
test: unit e2e eval sanitize tsan fuzz-smoke ## run all tests (release, eval, ASan+UBSan, TSan, smoke fuzz)

unit: $(UNIT_TESTS:%=$(BUILD)/tests/%) ## cmocka unit tests
	@set -e; for t in $^; do echo "== $$t"; ./$$t; done

e2e: znes $(BUILD)/failwrite.so $(BUILD)/mkxlsx ## golden end-to-end tests of the CLI, hostile inputs
	@ZNES=./znes FAILWRITE_SO=$(BUILD)/failwrite.so sh tests/e2e/run.sh
	@ZNES=./znes sh tests/e2e/hostile.sh

eval: znes $(BUILD)/eval/gen $(BUILD)/eval/evaluate $(BUILD)/eval/verify $(BUILD)/eval/invariant ## recall/precision on generated datasets, redaction invariants
	@sh tests/eval/check.sh > /dev/null
	@ZNES=./znes GEN=$(BUILD)/eval/gen EVALUATE=$(BUILD)/eval/evaluate INVARIANT=$(BUILD)/eval/invariant sh tests/eval/run.sh

# Checks a redaction against its input with the engine's own readers.
$(BUILD)/eval/invariant: $(BUILD)/tests/eval/invariant.o $(ENGINE_OBJ)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# The evaluation's own tools: data generator, scorer, truth verifier.
$(BUILD)/eval/gen: tests/eval/gen.c tests/eval/cp1251.h | build/deps.stamp
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARN) -o $@ $<

$(BUILD)/eval/%: tests/eval/%.c tests/eval/cp1251.h | build/deps.stamp
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARN) -o $@ $< -ljansson

# LD_PRELOAD shim that makes write(2) fail like a full disk.
$(BUILD)/failwrite.so: tests/e2e/failwrite.c | build/deps.stamp
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -fPIC -shared -o $@ $< -ldl

# Test fixture tool: a CSV made into an .xlsx by libxlsxwriter (tests/e2e/xlsx.sh).
$(BUILD)/mkxlsx: tests/e2e/mkxlsx.c | build/deps.stamp
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARN) $(DEFS) -o $@ $< $(shell pkg-config --libs xlsxwriter)

sanitize: $(ASAN_DIR)/znes $(UNIT_TESTS:%=$(ASAN_DIR)/tests/%) $(BUILD)/mkxlsx ## unit + e2e tests under ASan+UBSan
	@set -e; for t in $(UNIT_TESTS:%=$(ASAN_DIR)/tests/%); do echo "== $$t"; ./$$t; done
	@ZNES=$(ASAN_DIR)/znes sh tests/e2e/run.sh
	@ZNES=$(ASAN_DIR)/znes HOSTILE_SMALL=1 sh tests/e2e/hostile.sh

# The detection threads under ThreadSanitizer: the threads test (several
# thousand records in batches, 1 and 3 threads) with every run checked
# for data races.
tsan: $(TSAN_DIR)/znes ## detection threads under ThreadSanitizer
	@ZNES=$(TSAN_DIR)/znes TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh tests/e2e/threads.sh

# The end-to-end tests with every znes run under valgrind memcheck (slow:
# not part of make test; run before a release and after touching a reader).
valgrind: znes $(BUILD)/mkxlsx ## end-to-end tests under valgrind memcheck
	@ZNES_BIN=$(CURDIR)/znes ZNES=$(CURDIR)/tests/e2e/valgrind.sh sh tests/e2e/run.sh
	@ZNES_BIN=$(CURDIR)/znes ZNES=$(CURDIR)/tests/e2e/valgrind.sh HOSTILE_SMALL=1 sh tests/e2e/hostile.sh

# --- fuzzing (libFuzzer, clang) -------------------------------------------------
# `make fuzz` runs each target for FUZZ_SECONDS (default 600) on its seed
# corpus under tests/fuzz/seeds; new inputs go to build/fuzz/corpus. A crash
# leaves its input in build/fuzz/ (add it to tests/fuzz/regress/ once fixed:
# fuzz-smoke replays that folder). `make fuzz-smoke` (part of make test)
# replays the seeds and regressions and fuzzes each target a few seconds.
FUZZ_DIR     := build/fuzz
FUZZ_FLAGS   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := fuzz_reader fuzz_engine fuzz_policy fuzz_audit fuzz_xlsx
FUZZ_SECONDS ?= 600
SMOKE_SECONDS ?= 5
FUZZ_ENGINE_OBJ := $(ENGINE_SRC:%.c=$(FUZZ_DIR)/%.o) $(FUZZ_DIR)/tests/fuzz/fuzz_support.o

$(FUZZ_DIR)/%.o: %.c | build/deps.stamp
	@mkdir -p $(dir $@)
	@$(if $(V),,echo '  CC-FUZZ $@')
	$(Q)clang $(FUZZ_FLAGS) $(DEFS) -I. $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_DIR)/%: $(FUZZ_DIR)/tests/fuzz/%.o $(FUZZ_ENGINE_OBJ)
	@$(if $(V),,echo '  LINK   $@')
	$(Q)clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%) ## run each fuzz target FUZZ_SECONDS (default 600)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%) ## replay fuzz seeds and regressions, fuzz a few seconds each
	@sh tests/fuzz/run.sh $(SMOKE_SECONDS) $(FUZZ_TARGETS)

# --- demo, bench, install ----------------------------------------------------
demo: znes ## redact the bundled sample and show what changed
	@sh tests/demo.sh

bench: znes $(BUILD)/eval/gen ## throughput (MB/s) and peak RSS on generated 200 MB files
	@sh tests/bench/run.sh

install: znes $(MO) ## install the binary, data and catalogue under PREFIX
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/znes/rules/packs
	install -m 755 znes $(DESTDIR)$(PREFIX)/bin/znes
	install -m 644 rules/packs/*.json $(DESTDIR)$(PREFIX)/share/znes/rules/packs/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 scanner/znes.1 $(DESTDIR)$(PREFIX)/share/man/man1/znes.1
	install -d $(DESTDIR)$(PREFIX)/share/locale/uk/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/uk/LC_MESSAGES/znes.mo
	install -d $(DESTDIR)$(PREFIX)/share/znes/rules/lexicons
	install -m 644 rules/lexicons/*.tsv rules/lexicons/*.txt rules/lexicons/LICENSES \
		$(DESTDIR)$(PREFIX)/share/znes/rules/lexicons/

clean: ## remove build products
	rm -rf build znes
