/*
 * i18n.c — the one place that touches the locale: it picks the language of
 * messages (--lang, else the environment), finds the catalogue (next to an
 * in-tree binary in build/locale, else the installed ZNES_LOCALEDIR) and
 * sets gettext up. main() calls i18n_init() before anything is printed.
 *
 * Why not simply setlocale(LC_ALL, ""): a fresh Debian container usually
 * has no uk_UA.UTF-8 locale generated, so that call fails, the locale stays
 * "C", and glibc's gettext then ignores both LANG and LANGUAGE and prints
 * English to a user who asked for Ukrainian. So znes reads the environment
 * itself and, for Ukrainian, sets only LC_MESSAGES to C.UTF-8 (built into
 * glibc since 2.35) with LANGUAGE=uk: glibc ignores LANGUAGE only when the
 * messages locale is exactly "C" or "POSIX", and C.UTF-8 is neither. The
 * catalogue is bound to UTF-8, so output is UTF-8 whatever LC_CTYPE is.
 * LC_CTYPE and LC_NUMERIC stay "C": the engine's isdigit()/isspace() and
 * its printf("%.2f") numbers in JSON must not change with the language.
 */
#include "scanner/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/buf.h"
#include "scanner/util.h"

#ifndef ZNES_LOCALEDIR
#define ZNES_LOCALEDIR "/usr/local/share/locale"
#endif

static enum i18n_lang current = LANG_EN;

enum i18n_lang i18n_lang(void)
{
	return current;
}

/* "uk", "uk_UA", "uk_UA.UTF-8", "uk@x" are Ukrainian; "ukr" is not a
 * locale name. */
static int names_uk(const char *s, size_t n)
{
	return n >= 2 && !strncmp(s, "uk", 2) && (n == 2 || strchr("_.@", s[2]));
}

static int names_en(const char *s, size_t n)
{
	return (n >= 2 && !strncmp(s, "en", 2) && (n == 2 || strchr("_.@", s[2]))) ||
	       (n == 1 && s[0] == 'C') || (n == 5 && !strncmp(s, "POSIX", 5));
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

enum i18n_lang i18n_env_lang(void)
{
	const char *loc = env("LC_ALL"), *list;
	if (!loc)
		loc = env("LC_MESSAGES");
	if (!loc)
		loc = env("LANG");
	if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
		return LANG_EN;
	/* GNU LANGUAGE: the first entry we have a catalogue for (uk) or that
	 * is English wins; unknown languages are skipped, as gettext does. */
	if ((list = env("LANGUAGE"))) {
		while (*list) {
			size_t n = strcspn(list, ":");
			if (names_uk(list, n))
				return LANG_UK;
			if (names_en(list, n))
				return LANG_EN;
			list += n + (list[n] == ':');
		}
	}
	return names_uk(loc, strlen(loc)) ? LANG_UK : LANG_EN;
}

static int has_catalogue(const char *dir)
{
	struct buf p = BUF_INIT;
	struct stat st;
	int ok;
	buf_addf(&p, "%s/uk/LC_MESSAGES/" ZNES_TEXTDOMAIN ".mo", dir);
	ok = stat(p.ptr, &st) == 0;
	buf_release(&p);
	return ok;
}

/*
 * Where the catalogue is, found the way rules_default_dir() finds the rule
 * packs: $ZNES_LOCALEDIR; else build/locale next to the binary or up to two
 * folders above it (./znes, build/asan/znes); else the installed one.
 */
static const char *locale_dir(void)
{
	static char dir[PATH_MAX + 64];
	char exe[PATH_MAX];
	const char *e = env("ZNES_LOCALEDIR");
	ssize_t n;
	int up;
	if (e)
		return e;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash)
				break;
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/build/locale", exe);
			if (has_catalogue(dir))
				return dir;
		}
	}
	return ZNES_LOCALEDIR;
}

/* Switches gettext to Ukrainian. Returns -1 (English stays) when no
 * messages locale other than plain "C" can be set. */
static int use_uk(void)
{
	static const char *const locales[] = { "C.UTF-8", "C.utf8", "uk_UA.UTF-8", "uk_UA.utf8" };
	size_t i;
	for (i = 0; i < sizeof locales / sizeof locales[0]; i++)
		if (setlocale(LC_MESSAGES, locales[i]))
			break;
	if (i == sizeof locales / sizeof locales[0])
		return -1;
	/* Also makes glibc's own messages (strerror, getopt) Ukrainian when
	 * its catalogue is installed; znes runs no other programs. */
	if (setenv("LANGUAGE", "uk", 1) < 0)
		return -1;
	bindtextdomain(ZNES_TEXTDOMAIN, locale_dir());
	bind_textdomain_codeset(ZNES_TEXTDOMAIN, "UTF-8");
	/* glibc would transliterate its own Ukrainian messages to the "C"
	 * LC_CTYPE's ASCII ("Nemaye takogo fajla"): UTF-8 for them too. */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(ZNES_TEXTDOMAIN);
	return 0;
}

int i18n_init(int *argc, char **argv)
{
	const char *opt = NULL;
	int i, j, missing = 0;
	/* Take every --lang out of argv first; the last one counts. */
	for (i = j = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--lang")) {
			if (i + 1 < *argc)
				opt = argv[++i];
			else
				missing = 1;
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			opt = argv[i] + 7;
		} else {
			argv[j++] = argv[i];
		}
	}
	argv[j] = NULL;
	*argc = j;
	current = i18n_env_lang();
	if (opt && !strcmp(opt, "uk"))
		current = LANG_UK;
	else if (opt && !strcmp(opt, "en"))
		current = LANG_EN;
	if (current == LANG_UK && use_uk() < 0)
		current = LANG_EN;
	if (missing)
		return error("option '--lang' needs an argument: uk or en");
	if (opt && strcmp(opt, "uk") && strcmp(opt, "en"))
		return error("unknown language '%s' for --lang (expected uk or en)", opt);
	return 0;
}
