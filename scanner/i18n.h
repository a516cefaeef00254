/*
 * i18n.h — the language of znes's messages, help and text reports:
 * Ukrainian from the gettext catalogue "znes" (scanner/po/uk.po) when the
 * environment or --lang says uk, English (the msgids themselves) otherwise.
 *
 * Any module may mark a string: _("...") translates it now, N_("...") only
 * marks it for xgettext (a table entry, an array initialiser) and the user
 * translates it with _() when printing. Without i18n_init() — in the unit
 * tests, the fuzzers, the evaluation tools — _() returns its argument, so
 * the engine's behaviour never depends on the locale: only LC_MESSAGES is
 * ever changed, never LC_CTYPE or LC_NUMERIC.
 */
#ifndef ZNES_I18N_H
#define ZNES_I18N_H

#include <libintl.h>
#include <limits.h>

#define ZNES_TEXTDOMAIN "znes"

/* dgettext rather than gettext: the text domain is ours even if a library
 * calls textdomain(). */
#define _(s) dgettext(ZNES_TEXTDOMAIN, s)
/* No parentheses: N_("...") may initialise a char array. */
#define N_(s) s

/* The n to give ngettext() for a count that may not fit in an unsigned
 * long: the plural forms look at its last digits only, so the last six
 * are kept (plus a million, so that the English form stays plural). */
static inline unsigned long plural_n(unsigned long long n)
{
	return n <= ULONG_MAX ? (unsigned long)n : (unsigned long)(n % 1000000 + 1000000);
}

/* The Ukrainian form of a noun after the number n, for the texts that are
 * Ukrainian in every language (the audit summary, the passport text):
 * 1, 21, 101 рядок; 2–4, 22–24 рядки; 0, 5–20, 25 рядків. The catalogue's
 * Plural-Forms says the same for ngettext(). */
static inline const char *uk_plural(unsigned long long n, const char *one, const char *few,
				    const char *many)
{
	unsigned d = (unsigned)(n % 10), h = (unsigned)(n % 100);
	return d == 1 && h != 11 ? one : d >= 2 && d <= 4 && (h < 12 || h > 14) ? few : many;
}

enum i18n_lang { LANG_EN = 0, LANG_UK = 1 };

/*
 * Decides the language (a valid --lang wins over the environment), removes
 * every `--lang X` / `--lang=X` before a `--` from argv (so that every
 * command accepts it without knowing it), and switches gettext over for
 * Ukrainian. Returns 0, or -1 after printing a usage error (a bad or
 * missing --lang value; the message is in the environment's language).
 */
int i18n_init(int *argc, char **argv);

/* The language the environment asks for, per POSIX and GNU gettext:
 * LC_ALL, then LC_MESSAGES, then LANG name the locale; unless that is
 * C or POSIX, LANGUAGE (a colon-separated priority list) comes first. */
enum i18n_lang i18n_env_lang(void);

/* The language in effect after i18n_init(). */
enum i18n_lang i18n_lang(void);

#endif
