/*
 * names.h — persons' names in field values: the lexicons (rules/lexicons/),
 * the word tokenizer that the name and address recognizers share, and the
 * name recognizer. A name is found by its parts, not by a list of people:
 * given names come from a lexicon in all seven cases, patronymics and
 * surnames are recognised by their endings (also declined), initials by
 * shape, and a surname is whatever capitalised word stands in the place of
 * one next to a given name, a patronymic or initials. Matching uses word
 * keys from scanner/unicode.h (ICU case folding, apostrophes, look-alikes);
 * findings are byte spans of the original value.
 *
 * Ownership: struct lexicon owns its tables (lexicon_release frees them);
 * struct tokens owns its arrays and is reused across values; names_scan
 * appends to the caller's findings.
 */
#ifndef ZNES_NAMES_H
#define ZNES_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/strmap.h"
#include "scanner/unicode.h"

struct findings;

/* What a word key is in the lexicons (bits of the word map's values). */
enum word_class {
	W_GIVEN = 1,        /* a given name, any case */
	W_STOP = 2,         /* a surname that is also a common word */
	W_NOTNAME = 4,      /* never part of a person's name */
	W_TITLE = 8,        /* a position title */
	W_BLOCKER = 16,     /* "імені": the name after it is not a person */
	W_STREET = 32,      /* a street type */
	W_SETTLE = 64,      /* a settlement type (м., с., смт) */
	W_REGION = 128,     /* обл., р-н, громада */
	W_COUNTRY = 256,
	W_HOUSE = 512,      /* буд., б., д. */
	W_BUILDING = 1024,  /* корп. */
	W_APT = 2048,       /* кв., квартира */
	W_ROOM = 4096,      /* кімн., під'їзд, поверх */
	W_OFFICE = 8192,    /* офіс, каб.: an institution's premises */
	W_NEEDDOT = 16384,  /* an abbreviation: counts only with its "." */
	W_MALE = 1 << 16,   /* given names: sex */
	W_FEMALE = 1 << 17,
	W_PERSON = 1 << 18, /* a word for a private person: гр., заявниця, пані */
	/* computed per token, not stored in the word map */
	W_PATR = 1 << 20,   /* patronymic ending */
	W_SHAPE = 1 << 21,  /* surname ending */
};

/* The classes the recognizers read of a word that does not begin with a
 * capital (the others only count in a capitalised word: given names,
 * stop words, not-names): titles, blockers and the parts of addresses. */
#define LOWER_CLASSES (W_TITLE | W_BLOCKER | W_STREET | W_SETTLE | W_REGION | W_COUNTRY | \
		       W_HOUSE | W_BUILDING | W_APT | W_ROOM | W_OFFICE | W_PERSON)

#define LOWER_FILTER_BITS 16384

struct lexicon {
	struct ufold fold;
	struct strmap words;     /* key -> enum word_class bits */
	/* the words with a class that matters in a word without a capital
	 * (LOWER_CLASSES): a small map for the many lower-case words */
	struct strmap lower;
	/* a bit for each of lower's keys, from its length and its first
	 * and last four bytes (lower_filter_bit): a word with its bit
	 * clear is not one, told inline in two loads and a multiply;
	 * most words of a sentence */
	uint64_t lower_filter[LOWER_FILTER_BITS / 64];
	struct strmap patr;      /* patronymic ending -> W_MALE / W_FEMALE */
	struct strmap surname;   /* surname ending -> 1 */
	/* last two characters of an ending -> bit L set when an ending of L
	 * characters ends so: one lookup rules most words out */
	struct strmap patr_tail, surname_tail;
	struct translit {
		char from[8];        /* one or two Cyrillic letters (key form) */
		size_t flen;         /* strlen(from) */
		char mid[8], first[8];
	} *tr;
	size_t ntr;
	size_t ngiven;           /* given names (lemmas) read */
};

/* Reads the lexicons of dir (rules/lexicons); -1 with a message. */
int lexicon_init(struct lexicon *lx, const char *dir);
void lexicon_release(struct lexicon *lx);

/* Transliterates the word s[0..n) by the Cabinet resolution No. 55 of
 * 2010 (Згурський -> Zghurskyi); returns the length written to out. */
size_t names_translit(const struct lexicon *lx, const char *s, size_t n, char *out, size_t cap);

enum sep { SEP_START, SEP_SPACE, SEP_NONE, SEP_COMMA, SEP_PUNCT, SEP_BREAK };
enum tok_kind { TK_WORD, TK_NUM };

struct token {
	uint32_t start, end;     /* bytes of the value: the word, without a final "." */
	uint32_t key;            /* offset of the key in tokens.keys */
	uint16_t keylen;
	unsigned char kind;      /* enum tok_kind */
	unsigned char sep;       /* enum sep: what stands between it and the previous token */
	unsigned char dot;       /* a "." right after the word */
	unsigned char letters;   /* letters (up to 255) */
	unsigned info;           /* enum ufold_info */
	unsigned cls;            /* enum word_class */
};

struct tokens {
	struct token *v;
	size_t n, cap;
	char *keys;              /* NUL-separated keys */
	size_t klen, kcap;
	const char *src;         /* the value they were made from */
	size_t srclen;
	struct ending_memo *memo; /* the endings of words seen lately (names.c) */
	const char *gsrc;        /* the value name_gates (names.c) last answered for */
	size_t glen;
	unsigned gates;          /* its answers so far */
	size_t gpos;             /* where its pass stopped */
	int titled;              /* a rule asks names_titled_may_be (set by its user) */
	int general;             /* for tests: the general paths only (every word
				  * cut character by character, every capital's
				  * word before read so), none of the quick ones */
};

void tokens_init(struct tokens *t);
void tokens_release(struct tokens *t);
/* Which values tokens_scan must tokenize. */
enum tok_want {
	TOK_ALL,      /* every value (the address recognizer) */
	TOK_NAMES,    /* a value with two capitalised words next to each other
		       * (no name of names_scan has fewer outside a name column) */
	TOK_CAPITAL,  /* a value with a capitalised word, or of two to four
		       * words only (a name column: "ковальчук олена") */
};

/*
 * Splits s[0..n) into words and numbers. A word keeps apostrophes and
 * hyphens between letters (Мар'яна, Івано-Франківськ, Косач-Квітка, б-р);
 * a "." right after it is noted, not made a token. Words get their key and
 * classes; returns 0 when the value does not have what want asks for (no
 * name can be in it: no token is left). Capitals are told by ICU's letter
 * classes (struct ufold).
 */
int tokens_scan(struct tokens *t, const struct lexicon *lx, const char *s, size_t n,
		enum tok_want want);

/* For tests: do a and b hold the same tokens (bounds, separators, keys,
 * letters and classes)? */
int tokens_same(const struct tokens *a, const struct tokens *b);
/*
 * Is the token that ends before s[p] (past the separators between) a word
 * with one of classes (of LOWER_CLASSES)? The word is cut as tokens_scan
 * cuts it, and s[p] should begin a token. A quick look for one pair of
 * words, without tokenizing the value.
 */
int tokens_word_before(const struct lexicon *lx, const char *s, size_t n, size_t p, unsigned classes);
/* The end of the run of letters, marks and joiners (apostrophes, hyphens)
 * that begins at s[p]: p when none begins there. */
size_t tokens_run_end(const struct lexicon *lx, const char *s, size_t n, size_t p);

static inline const char *token_key(const struct tokens *t, size_t i)
{
	return t->keys + t->v[i].key;
}

/*
 * Appends the names found in the tokenized value to out, with category
 * cat, rule id rule and confidence conf (raised by column support). With
 * column set (a name column), weaker shapes count: a lone surname, two
 * capitalised words. Sets F_OFFICIAL when a position title stands next to
 * the name, F_COLUMN with column support. t is only read (but for its
 * cache of endings).
 */
void names_scan(const struct lexicon *lx, struct tokens *t, int column, unsigned cat,
		unsigned rule, float conf, struct findings *out);

/*
 * The same for one more shape: a lone surname right after a word for a
 * private person ("гр. Коваленко", "заявниця Шевчук", "пані Мельник",
 * "громадянину Бондаренку", "заявник Середа"). The word says a person
 * follows, so any capitalised word counts that may stand in a surname's
 * place — a common noun too — but not one the lexicons know as something
 * else ("громадянин України", "власник ТОВ").
 */
void names_scan_titled(const struct lexicon *lx, const struct tokens *t, unsigned cat,
		       unsigned rule, float conf, struct findings *out);
/* Can the value hold that shape: a word for a person right before a
 * capital (its dot and spaces between)? The engine asks before it
 * tokenizes; only the capitals after a separator are looked back from. */
int names_titled_may_be(const struct lexicon *lx, struct tokens *t, const char *s, size_t n);
/* Forgets what was learnt of the last value (its tokens, its gates): the
 * next value may have the same address and length. */
static inline void tokens_forget(struct tokens *t)
{
	t->src = NULL;
	t->gsrc = NULL;
}

#endif
