/*
 * names.c — the lexicons, the tokenizer and the name recognizer of names.h.
 * It sits in the rules stage, on every text value: the engine tokenizes a
 * value once (when a "names" or "address" rule may apply and a quick look
 * says a name or an address can be in it) and hands the tokens to
 * names_scan and address_scan. Every word is looked up in hash maps
 * (scanner/strmap); nothing here runs a regex per word.
 */
#include "rules/names.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"
#include "scanner/strmap.h"
#include "scanner/util.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define KEY_MAX 96          /* bytes of a word key; longer words are cut */
#define TITLE_LOOKBACK 8    /* words searched before a name for a title */
/* a capitalised word with one of these classes is no part of a name */
#define W_NOT_CAP (W_NOTNAME | W_STREET | W_SETTLE | W_REGION | W_COUNTRY | W_TITLE | W_BLOCKER | W_PERSON)

/* --- lexicon files ---------------------------------------------------------- */

/* Writes ":line" and a NUL at where[plen] (where holds a path of plen bytes). */
static void where_line(char *where, size_t plen, int lineno)
{
	char d[12];
	size_t k = 0;
	unsigned v = (unsigned)lineno;
	do
		d[k++] = (char)('0' + v % 10);
	while ((v /= 10));
	where[plen++] = ':';
	while (k)
		where[plen++] = d[--k];
	where[plen] = '\0';
}

/* Calls fn for each TAB-separated line of dir/name that is not a comment. */
static int read_lines(const char *dir, const char *name,
		      int (*fn)(struct lexicon *, char **col, int ncol, const char *where),
		      struct lexicon *lx)
{
	char path[4096], line[1024], where[4200];
	FILE *f;
	int lineno = 0, rc = 0;
	size_t plen;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	plen = strlen(path);
	memcpy(where, path, plen);
	if (!(f = fopen(path, "r")))
		return error("cannot read lexicon '%s': %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		char *col[8], *p = line;
		int ncol = 0;
		size_t len = strlen(line);
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		col[ncol++] = p;
		while ((p = strchr(p, '\t')) && ncol < 8) {
			*p++ = '\0';
			col[ncol++] = p;
		}
		/* "path:line" without snprintf: this runs for every line of
		 * every lexicon at start-up */
		where_line(where, plen, lineno);
		if (fn(lx, col, ncol, where) < 0) {
			rc = -1;
			break;
		}
	}
	if (ferror(f))
		rc = error("cannot read lexicon '%s': %s", path, strerror(errno));
	fclose(f);
	return rc;
}

static size_t key_of(const struct lexicon *lx, const char *s, size_t n, char *out)
{
	unsigned info;
	return ufold_key(&lx->fold, s, n, out, KEY_MAX, &info);
}

/* The bit of lexicon.lower_filter for the key s[0..n): its first and
 * last four bytes (as many as it has) and its length, multiplied. The
 * last ones too: Cyrillic words alike in their first two letters and
 * their length are many ("громадян", "громадою"), and a sentence's
 * every third word passed a filter of the first four. Four bytes are
 * read (a key's buffer has room past it: KEY_MAX). */
static inline unsigned lower_filter_bit(const char *s, size_t n)
{
	uint32_t head, tail = 0;
	memcpy(&head, s, 4);
	if (n < 4)
		head &= (1u << (8 * n)) - 1;
	else
		memcpy(&tail, s + n - 4, 4);
	return (unsigned)((((uint64_t)tail << 32 | head) ^ n) * 0x9E3779B97F4A7C15ull >> 50) &
	       (LOWER_FILTER_BITS - 1);
}

static void add_word(struct lexicon *lx, const char *w, size_t n, int bits)
{
	char key[KEY_MAX];
	size_t k = key_of(lx, w, n, key);
	int old;
	if (!k)
		return;
	old = strmap_get(&lx->words, key, k);
	bits |= old < 0 ? 0 : old;
	strmap_put(&lx->words, key, k, bits);
	if (bits & LOWER_CLASSES) {
		unsigned b = lower_filter_bit(key, k);
		strmap_put(&lx->lower, key, k, bits);
		lx->lower_filter[b / 64] |= 1ull << (b % 64);
	}
}

/* Word lists: words separated by spaces, several a line. */
static int lexicon_bits;
static int on_wordlist(struct lexicon *lx, char **col, int ncol, const char *where)
{
	char *p = col[0];
	(void)ncol;
	(void)where;
	while (*p) {
		size_t n;
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n)
			add_word(lx, p, n, lexicon_bits);
		p += n;
	}
	return 0;
}

static int read_wordlist(struct lexicon *lx, const char *dir, const char *name, int bits)
{
	lexicon_bits = bits;
	return read_lines(dir, name, on_wordlist, lx);
}

/* given_names.tsv: form sex cases lemma */
static int on_given(struct lexicon *lx, char **col, int ncol, const char *where)
{
	int sex, v;
	char key[KEY_MAX], lat[KEY_MAX];
	size_t n;
	if (ncol < 4 || (strcmp(col[1], "m") && strcmp(col[1], "f")))
		return error("%s: expected: form, sex (m/f), cases, lemma", where);
	sex = col[1][0] == 'm' ? W_MALE : W_FEMALE;
	/* every form of a given name that is also a common-noun surname
	 * (Соловей: Солов'я, Солов'ю) is one too, as its nominative is */
	n = key_of(lx, col[3], strlen(col[3]), key);
	if (n && (v = strmap_get(&lx->words, key, n)) > 0 && (v & W_STOP))
		sex |= W_STOP;
	add_word(lx, col[0], strlen(col[0]), W_GIVEN | sex);
	/* the nominative in Latin letters too (passports, English texts) */
	if (strchr(col[2], 'N') && !strcmp(col[0], col[3])) {
		lx->ngiven++;
		n = key_of(lx, col[0], strlen(col[0]), key);
		n = names_translit(lx, key, n, lat, sizeof lat);
		if (n > 1)
			add_word(lx, lat, n, W_GIVEN | (sex & (W_MALE | W_FEMALE)));
	}
	return 0;
}

/* Notes an ending of len characters under its last two characters. */
static void put_tail(struct strmap *tails, const char *key, size_t n, int len)
{
	size_t at = n;
	int c = 0, old;
	while (at > 0 && c < 2) {
		at--;
		if (((unsigned char)key[at] & 0xC0) != 0x80)
			c++;
	}
	old = strmap_get(tails, key + at, n - at);
	strmap_put(tails, key + at, n - at, (old < 0 ? 0 : old) | 1 << len);
}

static int on_patr(struct lexicon *lx, char **col, int ncol, const char *where)
{
	char key[KEY_MAX];
	size_t n;
	int len;
	if (ncol < 3 || (strcmp(col[1], "m") && strcmp(col[1], "f")))
		return error("%s: expected: ending, sex (m/f), cases", where);
	n = key_of(lx, col[0], strlen(col[0]), key);
	strmap_put(&lx->patr, key, n, col[1][0] == 'm' ? W_MALE : W_FEMALE);
	len = (int)utf8_count(key, n);
	if (len < 2 || len > 30)
		return error("%s: an ending of 2 to 30 letters", where);
	put_tail(&lx->patr_tail, key, n, len);
	return 0;
}

static int on_surname(struct lexicon *lx, char **col, int ncol, const char *where)
{
	char key[KEY_MAX];
	size_t n;
	int len;
	if (ncol < 2)
		return error("%s: expected: ending, class", where);
	n = key_of(lx, col[0], strlen(col[0]), key);
	strmap_put(&lx->surname, key, n, 1);
	len = (int)utf8_count(key, n);
	if (len < 2 || len > 30)
		return error("%s: an ending of 2 to 30 letters", where);
	put_tail(&lx->surname_tail, key, n, len);
	return 0;
}

/* A "word dot" list (street_types.tsv, person_titles.tsv): the word, its
 * "." dropped, with class lexicon_bits, and W_NEEDDOT when dot is 1 (an
 * abbreviation that counts only with its dot). */
static int on_dotted(struct lexicon *lx, char **col, int ncol, const char *where)
{
	size_t n = strlen(col[0]);
	if (ncol < 2)
		return error("%s: expected: word, dot (0/1)", where);
	if (n && col[0][n - 1] == '.')
		n--;
	add_word(lx, col[0], n, lexicon_bits | (col[1][0] == '1' ? W_NEEDDOT : 0));
	return 0;
}

static int read_dotted(struct lexicon *lx, const char *dir, const char *name, int bits)
{
	lexicon_bits = bits;
	return read_lines(dir, name, on_dotted, lx);
}

/* settlement_types.tsv: word kind dot */
static int on_settlement(struct lexicon *lx, char **col, int ncol, const char *where)
{
	int bits;
	if (ncol < 3)
		return error("%s: expected: word, kind, dot (0/1)", where);
	if (!strcmp(col[1], "settlement"))
		bits = W_SETTLE;
	else if (!strcmp(col[1], "region"))
		bits = W_REGION;
	else if (!strcmp(col[1], "country"))
		bits = W_COUNTRY;
	else
		return error("%s: unknown kind '%s'", where, col[1]);
	add_word(lx, col[0], strlen(col[0]), bits | (col[2][0] == '1' ? W_NEEDDOT : 0));
	return 0;
}

/* address_words.tsv: word part dot */
static int on_address(struct lexicon *lx, char **col, int ncol, const char *where)
{
	static const struct { const char *name; int bits; } parts[] = {
		{"house", W_HOUSE}, {"building", W_BUILDING}, {"apartment", W_APT},
		{"room", W_ROOM}, {"entrance", W_ROOM}, {"floor", W_ROOM}, {"office", W_OFFICE},
	};
	size_t i;
	if (ncol < 3)
		return error("%s: expected: word, part, dot (0/1)", where);
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strcmp(col[1], parts[i].name)) {
			add_word(lx, col[0], strlen(col[0]), parts[i].bits | (col[2][0] == '1' ? W_NEEDDOT : 0));
			return 0;
		}
	return error("%s: unknown part '%s'", where, col[1]);
}

static int on_translit(struct lexicon *lx, char **col, int ncol, const char *where)
{
	struct translit *t;
	if (ncol < 1 || strlen(col[0]) >= sizeof t->from || (ncol > 1 && strlen(col[1]) >= sizeof t->mid) ||
	    (ncol > 2 && strlen(col[2]) >= sizeof t->first))
		return error("%s: expected: letters, inside a word, at its start", where);
	lx->tr = xrealloc(lx->tr, st_mult(lx->ntr + 1, sizeof *lx->tr));
	t = &lx->tr[lx->ntr++];
	memset(t, 0, sizeof *t);
	t->flen = strlen(col[0]);
	memcpy(t->from, col[0], t->flen);
	if (ncol > 1)
		memcpy(t->mid, col[1], strlen(col[1]));
	if (ncol > 2)
		memcpy(t->first, col[2], strlen(col[2]));
	return 0;
}

int lexicon_init(struct lexicon *lx, const char *dir)
{
	memset(lx, 0, sizeof *lx);
	strmap_init(&lx->words);
	strmap_init(&lx->lower);
	strmap_init(&lx->patr);
	strmap_init(&lx->surname);
	strmap_init(&lx->patr_tail);
	strmap_init(&lx->surname_tail);
	if (ufold_init(&lx->fold) < 0)
		return -1;
	/* the transliteration and the stop list first: the given names use
	 * them */
	if (read_lines(dir, "translit_kmu55.tsv", on_translit, lx) < 0 ||
	    read_wordlist(lx, dir, "stop_surnames.txt", W_STOP) < 0 ||
	    read_lines(dir, "given_names.tsv", on_given, lx) < 0 ||
	    read_lines(dir, "patronymics.tsv", on_patr, lx) < 0 ||
	    read_lines(dir, "surname_endings.tsv", on_surname, lx) < 0 ||
	    read_dotted(lx, dir, "street_types.tsv", W_STREET) < 0 ||
	    read_dotted(lx, dir, "person_titles.tsv", W_PERSON) < 0 ||
	    read_lines(dir, "settlement_types.tsv", on_settlement, lx) < 0 ||
	    read_lines(dir, "address_words.tsv", on_address, lx) < 0 ||
	    read_wordlist(lx, dir, "not_names.txt", W_NOTNAME) < 0 ||
	    read_wordlist(lx, dir, "titles.txt", W_TITLE) < 0 ||
	    read_wordlist(lx, dir, "name_blockers.txt", W_BLOCKER) < 0)
		return -1;
	if (!lx->ngiven)
		return error("%s/given_names.tsv: no given names", dir);
	return 0;
}

void lexicon_release(struct lexicon *lx)
{
	strmap_release(&lx->words);
	strmap_release(&lx->lower);
	strmap_release(&lx->patr);
	strmap_release(&lx->surname);
	strmap_release(&lx->patr_tail);
	strmap_release(&lx->surname_tail);
	free(lx->tr);
	memset(lx, 0, sizeof *lx);
}

size_t names_translit(const struct lexicon *lx, const char *s, size_t n, char *out, size_t cap)
{
	char key[KEY_MAX];
	unsigned info;
	size_t k = ufold_key(&lx->fold, s, n, key, sizeof key, &info), i = 0, o = 0, t;
	int upper = (info & UF_UPPER_FIRST) != 0;
	while (i < k) {
		const struct translit *best = NULL;
		const char *w;
		size_t blen = 0, len;
		for (t = 0; t < lx->ntr; t++) {
			size_t fl = lx->tr[t].flen;
			/* the first two bytes (a Cyrillic letter's) before memcmp:
			 * most entries share the first */
			if (fl > blen && fl <= k - i && lx->tr[t].from[0] == key[i] &&
			    (fl < 2 || lx->tr[t].from[1] == key[i + 1]) &&
			    !memcmp(key + i, lx->tr[t].from, fl)) {
				best = &lx->tr[t];
				blen = fl;
			}
		}
		if (!best) {
			/* not in the table (a Latin letter, a hyphen): kept as is */
			utf8_decode1(key + i, k - i, &len);
			if (o + len < cap) {
				memcpy(out + o, key + i, len);
				o += len;
			}
			i += len;
			continue;
		}
		w = i == 0 ? best->first : best->mid;
		len = strlen(w);
		i += blen;
		if (o + len < cap) {
			memcpy(out + o, w, len);
			o += len;
		}
	}
	if (upper && o && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	if (cap)
		out[o < cap ? o : cap - 1] = '\0';
	return o;
}

/* --- tokenizer ------------------------------------------------------------------ */

/*
 * The classes classify_endings finds for a word depend on its key alone,
 * and the words of names repeat (given names, patronymics, common
 * surnames): their two ending lookups are remembered, direct-mapped by the
 * key's hash, for keys of up to MEMO_KEY bytes.
 */
#define MEMO_SLOTS 1024
#define MEMO_KEY 30

struct memo_slot {
	uint32_t hash;
	unsigned char len;         /* of the key; 0: empty */
	unsigned char five;        /* the word has five letters or more */
	char key[MEMO_KEY];
	unsigned cls;              /* the classes the endings add */
};

struct ending_memo {
	struct memo_slot slot[MEMO_SLOTS];
};

void tokens_init(struct tokens *t)
{
	memset(t, 0, sizeof *t);
}

void tokens_release(struct tokens *t)
{
	free(t->v);
	free(t->keys);
	free(t->memo);
	memset(t, 0, sizeof *t);
}

static int is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/* The longest ending of key (leaving at least minstem characters before
 * it) found in m; returns its value or -1. The tails map says which
 * lengths can match at all. A key of 32 characters or more has none. */
static int ending(const struct strmap *m, const struct strmap *tails, const char *key, size_t n,
		  int minstem)
{
	size_t pos[32], at = n, i;
	int nc = 0, need, k, c = 0, mask;
	while (at > 0 && c < 2) {
		at--;
		if (((unsigned char)key[at] & 0xC0) != 0x80)
			c++;
	}
	if (c < 2 || (mask = strmap_get(tails, key + at, n - at)) <= 0 || !(mask &= 0x7FFFFFFC))
		return -1;
	if (n >= 32) {
		for (i = 0, c = 0; i < n; i++)
			c += ((unsigned char)key[i] & 0xC0) != 0x80;
		if (c >= 32)
			return -1;
	}
	/* character starts, counted from the end: as many as the longest
	 * length allowed and its stem need, not the whole key */
	need = 31 - __builtin_clz((unsigned)mask) + minstem;
	if (need > 32)
		need = 32;
	for (i = n; i > 0 && nc < need;)
		if (((unsigned char)key[--i] & 0xC0) != 0x80)
			pos[nc++] = i;
	/* the lengths the tails allow, longest first */
	for (; mask; mask &= ~(1 << k)) {
		int v;
		k = 31 - __builtin_clz((unsigned)mask);
		if (k + minstem > nc)
			continue;
		v = strmap_get(m, key + pos[k - 1], n - pos[k - 1]);
		if (v >= 0)
			return v;
	}
	return -1;
}

/* A name column's value written in lower case: two to four words. */
#define SLOPPY_MIN 2
#define SLOPPY_MAX 4

/* Is t lo..hi words, a space or a comma apart, and nothing else (no
 * number, no other mark)? An initial is a word, with its dot or without
 * ("ковальчук о.п.", "КОВАЛЬЧУК О П"), the next word right after the dot
 * or a space after it. */
static int words_only(const struct tokens *t, size_t lo, size_t hi)
{
	size_t k;
	if (t->n < lo || t->n > hi)
		return 0;
	for (k = 0; k < t->n; k++) {
		const struct token *w = &t->v[k];
		if (w->kind != TK_WORD || (w->dot && w->letters > 1) || (!k && w->sep != SEP_START) ||
		    (k && w->sep != SEP_SPACE && w->sep != SEP_COMMA &&
		     !(w->sep == SEP_NONE && t->v[k - 1].dot)))
			return 0;
	}
	return 1;
}

/*
 * A double given name ("Анна-Марія", "Ганни-Марії"): both parts given
 * names of one sex, in one case as far as the lexicon tells (the forms of
 * a part are given with their sex only, so the case is not compared).
 * Its classes: the given name's, of that sex; 0 when it is none.
 */
static unsigned compound_given(const struct lexicon *lx, const char *key, size_t len)
{
	const char *h = memchr(key, '-', len);
	int a, b;
	unsigned sex;
	if (!h || h == key || h + 1 >= key + len || memchr(h + 1, '-', (size_t)(key + len - h - 1)))
		return 0;
	a = strmap_get(&lx->words, key, (size_t)(h - key));
	b = strmap_get(&lx->words, h + 1, (size_t)(key + len - h - 1));
	if (a < 0 || b < 0 || !((unsigned)a & W_GIVEN) || !((unsigned)b & W_GIVEN) ||
	    (((unsigned)a | (unsigned)b) & W_NOTNAME))
		return 0;
	sex = (unsigned)a & (unsigned)b & (W_MALE | W_FEMALE);
	return sex ? W_GIVEN | sex : 0;
}

/* The classes of the word map for key, a double given name's too. */
static unsigned word_classes(const struct lexicon *lx, const char *key, size_t len)
{
	int v = strmap_get(&lx->words, key, len);
	return v < 0 ? compound_given(lx, key, len) : (unsigned)v;
}

/*
 * A word's classes. One without a capital first letter is looked up in
 * the small map of LOWER_CLASSES: the rest of its classes would never be
 * read, and most words of a sentence are such.
 */
static void classify(const struct lexicon *lx, const struct tokens *t, struct token *w)
{
	const char *key = t->keys + w->key;
	int v;
	if (!(w->info & UF_UPPER_FIRST)) {
		unsigned b = lower_filter_bit(key, w->keylen);
		if (!(lx->lower_filter[b / 64] >> (b % 64) & 1)) {
			w->cls = 0;
			return;
		}
		v = strmap_get(&lx->lower, key, w->keylen);
		w->cls = v < 0 ? 0 : (unsigned)v;
		return;
	}
	w->cls = word_classes(lx, key, w->keylen);
}

/* Is token k a capitalised word? */
static int capitalised(const struct tokens *t, size_t k)
{
	return k < t->n && t->v[k].kind == TK_WORD && (t->v[k].info & UF_UPPER_FIRST);
}

/* The classes the endings of a word with this key add: a patronymic's
 * (with its sex) and a surname's shape. */
static unsigned ending_classes(const struct lexicon *lx, struct tokens *t, const char *key,
			       size_t keylen, unsigned letters)
{
	unsigned cls = 0, five = letters >= 5;
	struct memo_slot *m = NULL;
	int v;
	if (keylen && keylen <= MEMO_KEY) {
		uint32_t h = strmap_hash(key, keylen);
		if (!t->memo)
			t->memo = xcalloc(1, sizeof *t->memo);
		m = &t->memo->slot[h % MEMO_SLOTS];
		if (m->len == keylen && m->hash == h && m->five == five && !memcmp(m->key, key, keylen))
			return m->cls;
		m->hash = h;
	}
	if (five) {
		/* two letters of stem: Якович, Яківна, Лукич */
		v = ending(&lx->patr, &lx->patr_tail, key, keylen, 2);
		if (v >= 0)
			cls |= W_PATR | (unsigned)v;
	}
	if (ending(&lx->surname, &lx->surname_tail, key, keylen, 2) >= 0)
		cls |= W_SHAPE;
	else {
		/* a double surname looks like one by either part
		 * ("Лисенко-Ткач": -енко before the hyphen) */
		const char *h = memchr(key, '-', keylen);
		if (h && h > key && ending(&lx->surname, &lx->surname_tail, key, (size_t)(h - key), 2) >= 0)
			cls |= W_SHAPE;
	}
	if (m) {
		m->len = (unsigned char)keylen;
		m->five = (unsigned char)five;
		memcpy(m->key, key, keylen);
		m->cls = cls;
	}
	return cls;
}

/*
 * The endings of patronymics and surnames, only in a capitalised word
 * next to another (nothing or spaces between) or after a word for a
 * person ("гр. Бондаренку"): the recognizers read W_PATR and W_SHAPE of
 * no other word, and the capital of a sentence's first word would cost
 * two ending lookups for nothing.
 */
static void classify_endings(const struct lexicon *lx, struct tokens *t, size_t k)
{
	struct token *w = &t->v[k];
	if (!capitalised(t, k) || w->letters < 2)
		return;
	if (!(k > 0 && capitalised(t, k - 1) && (w->sep == SEP_SPACE || w->sep == SEP_NONE)) &&
	    !(capitalised(t, k + 1) && (t->v[k + 1].sep == SEP_SPACE || t->v[k + 1].sep == SEP_NONE)) &&
	    !(k > 0 && t->v[k - 1].kind == TK_WORD && (t->v[k - 1].cls & W_PERSON)))
		return;
	w->cls |= ending_classes(lx, t, t->keys + w->key, w->keylen, w->letters);
}

static ZNES_ALWAYS_INLINE struct token *push(struct tokens *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? st_mult(t->cap, 2) : 64;
		t->v = xrealloc(t->v, st_mult(t->cap, sizeof *t->v));
	}
	memset(&t->v[t->n], 0, sizeof t->v[0]);
	return &t->v[t->n++];
}

/* Where the next word's key goes: KEY_MAX + 4 bytes of room there (the
 * cutters write sixteen bytes at a time past a short key). */
static ZNES_ALWAYS_INLINE char *key_room(struct tokens *t)
{
	if (t->klen + KEY_MAX + 4 > t->kcap) {
		t->kcap = st_mult(st_add(t->kcap, KEY_MAX + 4), 2);
		t->keys = xrealloc(t->keys, t->kcap);
	}
	return t->keys + t->klen;
}

/* Does d, after a word's letters, join it to the letter that follows? */
static inline int joiner(uint32_t d)
{
	return ufold_is_apostrophe(d) || d == '-' || d == 0x2010 || d == 0x2011 || d == '/';
}

/*
 * The end of the word that begins at s[i] (a letter): letters, marks, and
 * apostrophes or hyphens between letters. Its key is made on the way into
 * out (KEY_MAX + 4 bytes of room) from struct ufold's tables, as
 * ufold_key makes it, with *info; *keylen gets its length, or 0 when the
 * word needs ufold_key itself (a mark for NFC, a look-alike in a Cyrillic
 * word, a code point beyond the tables, a key to cut). *nletters counts
 * the letters.
 */
static size_t word_end(const struct ufold *fold, const char *str, size_t n, size_t i, char *out,
		       size_t *keylen, unsigned *info, size_t *nletters)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t o = 0, letters = 0, upper = 0, len;
	unsigned bits = 0, first = 0, slow = 0;
	/* the counts in locals: the loop runs for every letter tokenized */
	while (i < n) {
		uint32_t d;
		unsigned cl, lt = 0;
		/* a run of two-byte letters of the tables after the first
		 * letter (a Cyrillic word): nothing else to decide */
		if (letters) {
			size_t last = n - 1;
			while (i < last && o + 4 < KEY_MAX) {
				unsigned b0 = s[i], b1 = s[i + 1];
				if (b0 - 0xC2u > 0xDFu - 0xC2u || (b1 & 0xC0) != 0x80)
					break;
				d = (uint32_t)(b0 & 0x1F) << 6 | (b1 & 0x3F);
				if (d >= UFOLD_TABLE || !((lt = fold->letter[d]) & UL_LETTER))
					break;
				letters++;
				upper += (lt & UL_UPPER) != 0;
				bits |= lt;
				memcpy(out + o, &fold->key8[d], 4);
				o += fold->key8len[d];
				i += 2;
			}
		}
		if (i >= n)
			break;
		lt = 0;
		if (s[i] < 0x80) {
			d = s[i];
			len = 1;
			/* a space or a comma ends most words: no more to ask */
			if (fold->cls[d] == UC_OTHER && !joiner(d))
				break;
		} else if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			d = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			len = 2;
		} else
			d = utf8_decode1(str + i, n - i, &len);
		if (d < UFOLD_TABLE) {
			cl = fold->cls[d];
			lt = fold->letter[d];
		} else
			cl = ufold_class(fold, d);
		if (cl == UC_OTHER) {
			size_t l3;
			uint32_t e;
			enum ucp_class ec;
			if (!joiner(d) || i + len >= n)
				break;
			e = utf8_next(str + i + len, n - i - len, &l3);
			ec = ufold_class_of(fold, e);
			/* "ж/м" is a word; "12/2" never reaches here */
			if (!((ec == UC_UPPER || ec == UC_LOWER) && (d != '/' || letters == 1)))
				break;
		}
		if (cl == UC_UPPER || cl == UC_LOWER) {
			if (!letters)
				first = cl == UC_UPPER ? UF_UPPER_FIRST : 0;
			letters++;
			upper += cl == UC_UPPER;
			bits |= lt;
		}
		if (d >= UFOLD_TABLE || o + 4 >= KEY_MAX || (lt & UL_MARK))
			slow = 1;
		else {
			memcpy(out + o, &fold->key8[d], 4);
			o += fold->key8len[d];
		}
		i += len;
	}
	*nletters = letters;
	*keylen = 0;
	if (slow || ((bits & UL_LOOKALIKE) && (bits & UL_CYRILLIC)) || !o)
		return i; /* marks, look-alikes in a Cyrillic word, other planes */
	out[o] = '\0';
	*info = first | (bits & (UL_CYRILLIC | UL_LATIN)) | (bits & UL_LOOKALIKE ? UF_LATIN : 0) |
		(letters >= 2 && upper == letters ? UF_ALL_UPPER : 0);
	*keylen = o;
	return i;
}

/* Is p[0], p[1] (both there) a lower-case Cyrillic letter whose key is its
 * own bytes: а-п (D0 B0-BF), р-я and ѐ-џ (D1 80-9F)? */
static inline int cyr_lower_at(const unsigned char *p)
{
	return (p[0] == 0xD0 && (p[1] & 0xF0) == 0xB0) || (p[0] == 0xD1 && (p[1] & 0xE0) == 0x80);
}

#if defined(__SSE2__)
/* Of the 16 bytes at p (p[16] readable), as bits: those that begin a
 * lower-case letter of cyr_lower_at. */
static inline unsigned cyr_lower16(const unsigned char *p)
{
	const __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	const __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i d0 = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xD0)),
				   _mm_cmpeq_epi8(_mm_and_si128(v1, _mm_set1_epi8((char)0xF0)),
						  _mm_set1_epi8((char)0xB0)));
	__m128i d1 = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xD1)),
				   _mm_cmpeq_epi8(_mm_and_si128(v1, _mm_set1_epi8((char)0xE0)),
						  _mm_set1_epi8((char)0x80)));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(d0, d1));
}
#endif

/*
 * The end of the run of lower-case Cyrillic letters from s[i] whose key is
 * their own bytes: а-п (D0 B0-BF), р-я and ѐ-џ (D1 80-9F), so є, і, ї
 * too; i when none begins there. Sixteen bytes (eight letters) at a time
 * where SSE2 is: most words of a sentence are nothing else. (A unit test
 * holds these ranges to struct ufold's tables.)
 */
static inline size_t cyr_lower_run(const unsigned char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	while (i + 17 <= n) {
		/* a letter begins at every even byte from i, or the run ends */
		unsigned off = ~cyr_lower16(s + i) & 0x5555u;
		if (off)
			return i + (size_t)__builtin_ctz(off);
		i += 16;
	}
#endif
	while (i + 1 < n && cyr_lower_at(s + i))
		i += 2;
	return i;
}

/*
 * word_end for the common word: Cyrillic letters whose key is their own
 * bytes, the first of them maybe a capital, ended by an ASCII byte that
 * is no letter and no joiner (or by the value's end). Returns i, having
 * written nothing that counts, when the word is any other: word_end
 * takes it then, and both give the same (a test compares them).
 */
static ZNES_ALWAYS_INLINE size_t word_fast(const struct ufold *fold, const char *str, size_t n, size_t i,
			       char *out, size_t *keylen, unsigned *info, size_t *nletters)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = i, e, o = 0;
	unsigned first = 0;
	if (i + 1 < n && s[i] >= 0xC2 && s[i] <= 0xDF && (s[i + 1] & 0xC0) == 0x80) {
		uint32_t d = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
		if (d < UFOLD_TABLE &&
		    (fold->letter[d] & (UL_UPPER | UL_CYRILLIC | UL_MARK)) == (UL_UPPER | UL_CYRILLIC)) {
			first = UF_UPPER_FIRST;
			memcpy(out, &fold->key8[d], 4);
			o = fold->key8len[d];
			j = i + 2;
		}
	}
	e = cyr_lower_run(s, n, j);
	if (e == i || (e < n && (s[e] >= 0x80 || fold->cls[s[e]] != UC_OTHER || joiner(s[e]))) ||
	    o + (e - j) + 4 >= KEY_MAX)
		return i;
	if (e + 16 <= n) {
		/* sixteen bytes at a time, not a call: the value has them past
		 * the word, and out room for them (KEY_MAX + 4, the key less) */
		size_t k;
		for (k = 0; k < e - j; k += 16)
			memcpy(out + o + k, s + j + k, 16);
	} else
		memcpy(out + o, s + j, e - j);
	o += e - j;
	out[o] = '\0';
	*keylen = o;
	*info = first | UF_CYRILLIC;
	*nletters = (j - i) / 2 + (e - j) / 2;
	return e;
}

/* A word's end and key (as word_end gives them): word_fast's way when it
 * can, else word_end's; with general (for tests), word_end's only. */
static ZNES_ALWAYS_INLINE size_t cut_word(const struct ufold *fold, const char *s, size_t n, size_t i,
			      char *out, size_t *keylen, unsigned *info, size_t *nletters,
			      int general)
{
	size_t e;
	if (!general && (e = word_fast(fold, s, n, i, out, keylen, info, nletters)) != i)
		return e;
	return word_end(fold, s, n, i, out, keylen, info, nletters);
}

#if defined(__SSE2__)
/* Of the 16 bytes at p, as bits: the spaces (' '). */
static inline unsigned spaces16(const unsigned char *p)
{
	return (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8(' ')));
}

/*
 * Most of a sentence, many words at once: from the space at s[i] (after
 * a token, a lower-case letter of cyr_lower_at after it), the words of
 * cyr_lower_at's letters that a space and another such word follow
 * become tokens here, as the general way would make them (separated by
 * a space, no dot, their key their own bytes), found in masks of 64
 * bytes: no branch on each word's length. The last word of the run,
 * whatever ends it, is left to the general way: returns where its
 * space is.
 */
static size_t lower_run(struct tokens *t, const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	while (i + 65 <= n) {
		const unsigned char *p = s + i;
		uint64_t ls = (uint64_t)cyr_lower16(p) | (uint64_t)cyr_lower16(p + 16) << 16 |
			      (uint64_t)cyr_lower16(p + 32) << 32 | (uint64_t)cyr_lower16(p + 48) << 48;
		uint64_t sp = (uint64_t)spaces16(p) | (uint64_t)spaces16(p + 16) << 16 |
			      (uint64_t)spaces16(p + 32) << 32 | (uint64_t)spaces16(p + 48) << 48;
		uint64_t off = ~(ls | ls << 1); /* bytes of no such letter */
		size_t b = 0, e;
		/* b: a space, a word from b + 1 */
		for (;;) {
			uint64_t rest = off >> (b + 1);
			if (!rest)
				break; /* the word goes past the window */
			e = b + 1 + (size_t)__builtin_ctzll(rest);
			if (e >= 63)
				break; /* its space and the next letter not in the window */
			if (!(sp >> e & 1) || !(ls >> (e + 1) & 1))
				return i + b; /* the run's last word */
			{
				struct token *w = push(t);
				size_t len = e - b - 1, k;
				char *key = key_room(t);
				/* sixteen bytes at a time where the value has them
				 * (len < 62: the key has room for 64) */
				if (b + 1 + ((len + 15) & ~(size_t)15) <= n - i)
					for (k = 0; k < len; k += 16)
						memcpy(key + k, p + b + 1 + k, 16);
				else
					memcpy(key, p + b + 1, len);
				key[len] = '\0';
				w->kind = TK_WORD;
				w->start = (uint32_t)(i + b + 1);
				w->end = (uint32_t)(i + e);
				w->key = (uint32_t)t->klen;
				w->keylen = (uint16_t)len;
				w->letters = (unsigned char)(len / 2);
				w->info = UF_CYRILLIC;
				w->sep = SEP_SPACE;
				t->klen += len + 1;
			}
			b = e;
		}
		if (!b)
			return i; /* a word of 62 bytes or more */
		i += b;
	}
	return i;
}
#endif

/* The start of the character that ends right before s[p] (p > 0), or p
 * when the bytes there are no whole character. */
static size_t char_before(const char *str, size_t p)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t q = p - 1, len;
	/* ASCII and two bytes (all of Cyrillic) first */
	if (s[q] < 0x80)
		return q;
	if (q > 0 && (s[q] & 0xC0) == 0x80 && s[q - 1] >= 0xC2 && s[q - 1] <= 0xDF)
		return q - 1;
	while (q > 0 && p - q < 4 && (s[q] & 0xC0) == 0x80)
		q--;
	utf8_next(str + q, p - q, &len);
	return len == p - q ? q : p;
}

#if defined(__SSE2__)
/*
 * Of the bytes a (each followed by the byte of b at its place), those
 * that may begin a capital letter: A-Z, or a lead byte but that of а-п
 * (D0 B0-BF) and р-я, ѐ-џ (D1 80-9F), the lower case letters of D0 and D1.
 */
static inline __m128i capital_leads16(__m128i a, __m128i b)
{
	__m128i t = _mm_sub_epi8(a, _mm_set1_epi8('A'));
	__m128i az = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
	__m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(a, _mm_set1_epi8((char)0xC2)), a);
	__m128i lower = _mm_or_si128(
		_mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xD0)),
			      _mm_cmpeq_epi8(_mm_max_epu8(b, _mm_set1_epi8((char)0xB0)), b)),
		_mm_andnot_si128(_mm_cmpeq_epi8(_mm_max_epu8(b, _mm_set1_epi8((char)0xA0)), b),
				 _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xD1))));
	return _mm_or_si128(az, _mm_andnot_si128(lower, lead));
}

/*
 * Of the 16 bytes at s[i] (s[i + 16] readable): as bits, those that end a
 * run of letters for capitalised_before for sure (ASCII, neither a letter
 * nor a joiner), in *stop; those that may begin a capital (A-Z, or a lead
 * byte but that of а-п and р-я, ѐ-џ) returned.
 */
static inline unsigned capitals16(const char *s, size_t i, unsigned *stop)
{
	const __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	const __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
	__m128i t, letter, join;
	t = _mm_sub_epi8(_mm_or_si128(v0, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
	letter = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
	join = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8('\'')),
					 _mm_cmpeq_epi8(v0, _mm_set1_epi8('`'))),
			    _mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8('-')),
					 _mm_cmpeq_epi8(v0, _mm_set1_epi8('/'))));
	*stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, join)) ^ 0xFFFFu;
	*stop &= ~(unsigned)_mm_movemask_epi8(v0); /* ASCII only */
	return (unsigned)_mm_movemask_epi8(capital_leads16(v0, v1));
}

/*
 * Is it sure, from the 32 bytes before s[q] (q >= 32), that the run of
 * letters, marks and joiners ending at q holds no capital? So when a byte
 * in them ends the run and no byte after it may begin a capital; else the
 * run is read character by character. Most capitals after a space begin
 * a sentence, after a word in lower case: told here at once.
 */
static inline int no_capital_in_run(const char *s, size_t q)
{
	unsigned stop_lo, stop_hi, cap_lo, cap_hi, last;
	uint32_t stop, cap;
	cap_lo = capitals16(s, q - 32, &stop_lo);
	cap_hi = capitals16(s, q - 16, &stop_hi);
	stop = stop_lo | stop_hi << 16;
	cap = cap_lo | cap_hi << 16;
	if (!stop)
		return 0;
	last = 31u - (unsigned)__builtin_clz(stop);
	return last == 31 || !(cap >> (last + 1));
}
#endif

/*
 * Does a capitalised word end before the capital at s[p], past nothing
 * but spaces and its dot (a name's two words, as the tokenizer joins
 * them)? The word is looked for among the letters, marks and joiners
 * before: any capital there may be its first letter.
 */
static int capitalised_before(const struct ufold *fold, const char *s, size_t p, int general)
{
	size_t q = p, r, len;
	/* ASCII spaces at once, then the others a character at a time */
	while (q > 0 && s[q - 1] == ' ')
		q--;
	while (q > 0 && (r = char_before(s, q)) < q && is_space_cp(utf8_next(s + r, q - r, &len)))
		q = r;
	if (q > 0 && s[q - 1] == '.')
		q--;
	if (q == p)
		return 0;
#if defined(__SSE2__)
	if (!general && q >= 32 && no_capital_in_run(s, q))
		return 0;
#else
	(void)general;
#endif
	/* two-byte letters of the tables (Cyrillic) back to anything else,
	 * without decoding a character at a time */
	while (q >= 2) {
		unsigned b0 = (unsigned char)s[q - 2], b1 = (unsigned char)s[q - 1], d, lt;
		if (b0 - 0xC2u > 0xDFu - 0xC2u || (b1 & 0xC0) != 0x80)
			break;
		d = (b0 & 0x1Fu) << 6 | (b1 & 0x3F);
		if (d >= UFOLD_TABLE || !((lt = fold->letter[d]) & (UL_LETTER | UL_MARK)))
			break;
		if (lt & UL_UPPER)
			return 1;
		q -= 2;
	}
	for (; q > 0 && (r = char_before(s, q)) < q; q = r) {
		uint32_t c = utf8_next(s + r, q - r, &len);
		enum ucp_class cl = ufold_class_of(fold, c);
		if (cl == UC_UPPER)
			return 1;
		if (cl != UC_LOWER && cl != UC_MARK && !joiner(c))
			break;
	}
	return 0;
}

/*
 * The capital right after the separator at s[p] (a space, a dot, a tab,
 * or the lead byte of a longer space), or n when none follows it.
 */
static inline size_t capital_after(const struct ufold *fold, const char *s, size_t n, size_t p)
{
	size_t at = p + 1, len;
	if (s[p] != ' ' && s[p] != '.' && s[p] != '\t' && s[p] != ':') {
		if (((unsigned char)s[p] != 0xC2 && (unsigned char)s[p] != 0xE2) ||
		    !is_space_cp(utf8_next(s + p, n - p, &len)))
			return n;
		at = p + len;
	}
	return at < n && fold->capital_lead[(unsigned char)s[at]] && ufold_capital_at(fold, s + at, n - at)
		       ? at
		       : n;
}

/*
 * A label's mark between a word for a person and a name: one ':' or dash
 * ("Заявник: Ковальчук", "заявниця — Шевчук"). Where the mark that ends
 * at s[e] begins, or e when there is none.
 */
static size_t label_mark_before(const char *str, size_t e)
{
	const unsigned char *s = (const unsigned char *)str;
	if (e >= 1 && (s[e - 1] == ':' || s[e - 1] == '-'))
		return e - 1;
	/* – and — (U+2013, U+2014) */
	if (e >= 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && (s[e - 1] == 0x93 || s[e - 1] == 0x94))
		return e - 3;
	return e;
}

/* Where the space (is_space_cp: a tab, a no-break or a thin space too)
 * that ends at s[e] begins, not before s[a]; e when there is none. */
static size_t space_before(const char *s, size_t a, size_t e)
{
	size_t r, len;
	if (e > a && (r = char_before(s, e)) < e && r >= a && is_space_cp(utf8_next(s + r, e - r, &len)))
		return r;
	return e;
}

/* Is s[a..b) one label mark (label_mark_before) with spaces around it,
 * one at least after a dash? (The gate, name_gates, looks at a capital
 * only after a space, a dot, a tab or a colon.) */
static int label_gap(const char *s, size_t a, size_t b)
{
	size_t m, q = b;
	while (space_before(s, a, q) < q)
		q = space_before(s, a, q);
	if (q == b && !(q > a && s[q - 1] == ':'))
		return 0;
	m = label_mark_before(s, q);
	if (m == q || m < a)
		return 0;
	while (space_before(s, a, m) < m)
		m = space_before(s, a, m);
	return m == a;
}

/*
 * Does a word for a person end before the capital at s[at] (past spaces
 * and its dot, or a label's mark)? An abbreviation with a dot is only
 * "гр." (a sentence's end is the common dot, so it is told by two
 * compares, not a lookup); any other word is looked up.
 */
static int person_before(const struct lexicon *lx, const char *s, size_t n, size_t at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t q = at, w, i, keylen, letters, len;
	char key[KEY_MAX + 4];
	unsigned info;
	int v;
	while (q > 0 && s[q - 1] == ' ')
		q--;
	if (label_mark_before(s, q) < q) {
		/* "Заявник: Ковальчук": back over the mark and its spaces */
		q = label_mark_before(s, q);
		while (q > 0 && s[q - 1] == ' ')
			q--;
	}
	if (q > 0 && s[q - 1] == '.') {
		/* "гр." / "Гр.": D0 B3 | D0 93, D1 80, then a word's start */
		if (q < 5 || u[q - 5] != 0xD0 || (u[q - 4] != 0xB3 && u[q - 4] != 0x93) ||
		    u[q - 3] != 0xD1 || u[q - 2] != 0x80)
			return 0;
		if (q == 5)
			return 1;
		w = char_before(s, q - 5);
		return w < q - 5 && ufold_class_of(&lx->fold, utf8_next(s + w, q - 5 - w, &len)) == UC_OTHER;
	}
	/* back over the word's two-byte letters (and a hyphen: "гр-н"), then
	 * its key as tokens_scan makes it, and one lookup; other spaces and
	 * other letters take the general way */
	w = q;
	while (w >= 2 && u[w - 2] >= 0xC2 && u[w - 2] <= 0xDF && (u[w - 1] & 0xC0) == 0x80) {
		unsigned d = (u[w - 2] & 0x1Fu) << 6 | (u[w - 1] & 0x3F);
		if (d >= UFOLD_TABLE || !(lx->fold.letter[d] & UL_LETTER))
			break;
		w -= 2;
		if (w >= 3 && s[w - 1] == '-' && u[w - 2] >= 0x80)
			w--;
	}
	if (q == at || w == q || (w > 0 && u[w - 1] >= 0x80) ||
	    (w > 0 && ((u[w - 1] | 0x20) >= 'a' && (u[w - 1] | 0x20) <= 'z')))
		return q < at && w == q ? 0 : tokens_word_before(lx, s, n, at, W_PERSON);
	i = cut_word(&lx->fold, s, n, w, key, &keylen, &info, &letters, 0);
	if (i != q || !keylen)
		return tokens_word_before(lx, s, n, at, W_PERSON);
	v = strmap_get(&lx->lower, key, keylen);
	return v > 0 && ((unsigned)v & W_PERSON);
}

/*
 * Can the capitalised word at s[at] be the surname names_scan_titled
 * finds after a word for a person? Not when the lexicons know it as
 * something else (is_cap: "громадянин України", "власник ТОВ"), the
 * commonest such pair in appeals. The word is cut and classified as
 * tokens_scan and classify would; a word they would not cut from here
 * is left to them (yes).
 */
static int may_be_titled(const struct lexicon *lx, const char *s, size_t n, size_t at)
{
	char key[KEY_MAX + 4];
	size_t keylen, letters, e;
	unsigned info;
	int v;
	e = cut_word(&lx->fold, s, n, at, key, &keylen, &info, &letters, 0);
	if (e == at)
		return 1;
	if (!keylen)
		keylen = ufold_key(&lx->fold, s + at, e - at, key, KEY_MAX, &info);
	if (!(info & UF_UPPER_FIRST) || letters < 2)
		return 0;
	v = strmap_get(&lx->words, key, keylen);
	return v < 0 || !((unsigned)v & W_NOT_CAP);
}

/*
 * What the value can hold of the two shapes that need a capital after a
 * separator (NG_PAIR: a capitalised word before it, a name's two words;
 * NG_TITLED: a word for a person before it). One pass of eight bytes at a
 * time marks the bytes that may be a separator (ASCII below '0', the lead
 * bytes C2 and E2 of is_space_cp's longer spaces), so a value is never
 * walked letter by letter here; only a capital after one looks back.
 * Each capital is asked both questions (the second only when a rule
 * asks it at all: t->titled), and the pass stops at the first
 * yes to the one asked: the next question resumes it where it stopped
 * (t remembers, for the value at hand).
 */
enum { NG_PAIR = 1, NG_TITLED = 2 };

/* Asks the questions of name_gates at the capital at s[at]: a
 * capitalised word before it answers both (the tokens a name needs are
 * made then anyway), a word for a person before it the second. */
static unsigned gates_at(const struct lexicon *lx, const struct tokens *t, const char *s, size_t n,
			 size_t at, unsigned found)
{
	if (capitalised_before(&lx->fold, s, at, t->general))
		return found | NG_PAIR | NG_TITLED;
	if (!(found & NG_TITLED) && t->titled && person_before(lx, s, n, at) &&
	    may_be_titled(lx, s, n, at))
		found |= NG_TITLED;
	return found;
}

#if defined(__SSE2__)
/*
 * Of s[i..i+16) (s[i+17] readable), the bytes that may be a separator
 * before a capital, as bits: a space, dot or tab followed by a capital
 * letter's first byte (A-Z, or a lead byte but that of а-п, р-я and the
 * other lower-case letters of D0 and D1), or C2 and E2 (longer spaces:
 * capital_after decides). A superset of what capital_after accepts, so
 * free text, one capital in a sentence, is looked at sixteen bytes at
 * a time and not at every space.
 */
static unsigned capital_seps16(const char *s, size_t i)
{
	const __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	const __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
	const __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
	__m128i sep, multi;
	sep = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8(' ')),
					 _mm_cmpeq_epi8(v0, _mm_set1_epi8('.'))),
			   _mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8('\t')),
					_mm_cmpeq_epi8(v0, _mm_set1_epi8(':'))));
	multi = _mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xC2)),
			     _mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE2)));
	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_and_si128(sep, capital_leads16(v1, v2)), multi));
}
#endif

static int name_gates(const struct lexicon *lx, struct tokens *t, const char *s, size_t n,
		      unsigned want)
{
	const struct ufold *fold = &lx->fold;
	size_t i, p, at;
	unsigned found;
	if (t->gsrc != s || t->glen != n) {
		t->gsrc = s;
		t->glen = n;
		t->gates = 0;
		t->gpos = 0;
	}
	if (t->gates & want)
		return 1;
	/* on from where the last question stopped */
	found = t->gates;
#if defined(__SSE2__)
	for (i = t->gpos; i + 18 <= n; i += 16) {
		unsigned m = capital_seps16(s, i);
		for (; m; m &= m - 1) {
			p = i + (size_t)__builtin_ctz(m);
#else
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	for (i = t->gpos; i + 8 <= n; i += 8) {
		uint64_t w, y, m;
		memcpy(&w, s + i, 8);
		/* ASCII bytes below 0x30: no carry crosses a byte */
		m = ~(((w & 0x7F * ones) + 0x50 * ones) | w) & highs;
		/* C2 and E2: the bytes that are C2 once bit 5 is cleared */
		y = (w & 0xDF * ones) ^ (0xC2 * ones);
		m |= ~(((y & 0x7F * ones) + 0x7F * ones) | y) & highs;
		/* and ':' (a label's mark: "Заявник:Ковальчук") */
		y = w ^ (':' * ones);
		m |= ~(((y & 0x7F * ones) + 0x7F * ones) | y) & highs;
		for (; m; m &= m - 1) {
			p = i + (size_t)(__builtin_ctzll(m) >> 3);
#endif
			if ((at = capital_after(fold, s, n, p)) < n &&
			    ((found = gates_at(lx, t, s, n, at, found)) & want)) {
				t->gates = found;
				t->gpos = p + 1;
				return 1;
			}
		}
	}
	for (p = i; p < n; p++)
		if ((at = capital_after(fold, s, n, p)) < n &&
		    ((found = gates_at(lx, t, s, n, at, found)) & want)) {
			t->gates = found;
			t->gpos = p + 1;
			return 1;
		}
	t->gates = found;
	t->gpos = n;
	return 0;
}

int names_titled_may_be(const struct lexicon *lx, struct tokens *t, const char *s, size_t n)
{
	return name_gates(lx, t, s, n, NG_TITLED);
}


size_t tokens_run_end(const struct lexicon *lx, const char *s, size_t n, size_t p)
{
	size_t len;
	while (p < n) {
		uint32_t c = utf8_next(s + p, n - p, &len);
		if (ufold_class_of(&lx->fold, c) == UC_OTHER && !joiner(c))
			break;
		p += len;
	}
	return p;
}

int tokens_word_before(const struct lexicon *lx, const char *s, size_t n, size_t p, unsigned classes)
{
	const struct ufold *fold = &lx->fold;
	size_t e = p, q, r, i, len, keylen, letters;
	char key[KEY_MAX + 4];
	unsigned info;
	int v;
	/* back over what stands between two tokens */
	while (e > 0 && (r = char_before(s, e)) < e) {
		uint32_t c = utf8_next(s + r, e - r, &len);
		if (ufold_class_of(fold, c) != UC_OTHER || (c >= '0' && c <= '9'))
			break;
		e = r;
	}
	/* back to the start of the run of letters, marks and joiners before */
	for (q = e; q > 0 && (r = char_before(s, q)) < q; q = r) {
		uint32_t c = utf8_next(s + r, q - r, &len);
		enum ucp_class cl = ufold_class_of(fold, c);
		if (cl == UC_OTHER && !joiner(c))
			break;
	}
	/* forward through its words as tokens_scan cuts them, to the last */
	for (i = q; i < e;) {
		uint32_t c = utf8_next(s + i, n - i, &len);
		enum ucp_class cl = ufold_class_of(fold, c);
		size_t st = i;
		if (cl != UC_UPPER && cl != UC_LOWER) {
			i += len;
			continue;
		}
		i = cut_word(fold, s, n, i, key, &keylen, &info, &letters, 0);
		if (i < e)
			continue;
		if (i > e)
			return 0;
		if (!keylen)
			keylen = ufold_key(fold, s + st, i - st, key, KEY_MAX, &info);
		v = strmap_get(&lx->lower, key, keylen);
		return v > 0 && ((unsigned)v & classes);
	}
	return 0;
}

/*
 * A value that cannot hold what the caller wants is not tokenized at all
 * (a sentence of lower-case words with one capital at its start holds no
 * name). Otherwise one pass cuts it into tokens and makes each word's key
 * on the way, a table lookup per character; the endings of names are
 * looked up last, when every word's neighbours are known.
 */
int tokens_scan(struct tokens *t, const struct lexicon *lx, const char *s, size_t n,
		enum tok_want want)
{
	const struct ufold *fold = &lx->fold;
	size_t i = 0, len, k;
	enum sep sep = SEP_START;
	unsigned capital = 0;   /* a word with a capital first letter was seen */
	t->n = 0;
	t->klen = 0;
	t->src = s;
	t->srclen = n;
	/* TOK_CAPITAL is told on the way: a name column's value mostly has
	 * its capital, and a look for it first would cost a second pass */
	if (want == TOK_NAMES && !name_gates(lx, t, s, n, NG_PAIR))
		return 0;
	while (i < n) {
		uint32_t c = 0;
		enum ucp_class cl;
		if (sep == SEP_NONE && i + 2 < n && s[i] == ' ' && !t->general &&
		    cyr_lower_at((const unsigned char *)s + i + 1)) {
#if defined(__SSE2__)
			i = lower_run(t, s, n, i);
#endif
			/* one space, then а-я, є, і, ї (most of a sentence): what
			 * the general way below decides for both, told at once */
			sep = SEP_SPACE;
			i++;
			cl = UC_LOWER;
			len = 2;
		} else {
			c = utf8_next(s + i, n - i, &len);
			cl = ufold_class_of(fold, c);
		}
		if (cl == UC_UPPER || cl == UC_LOWER) {
			struct token *w = push(t);
			size_t keylen, letters;
			char *key = key_room(t);
			w->kind = TK_WORD;
			w->start = (uint32_t)i;
			i = cut_word(fold, s, n, i, key, &keylen, &w->info, &letters,
				     t->general);
			if (i == w->start) {
				/* the two class lookups disagreed (bytes no UTF-8
				 * encoder writes): not a word, and never a loop */
				t->n--;
				i += len;
				continue;
			}
			w->end = (uint32_t)i;
			w->letters = (unsigned char)(letters > 255 ? 255 : letters);
			w->sep = (unsigned char)sep;
			if (!keylen) /* marks, look-alikes, other planes: ICU's way */
				keylen = ufold_key(fold, s + w->start, i - w->start, key, KEY_MAX,
						   &w->info);
			w->key = (uint32_t)t->klen;
			w->keylen = (uint16_t)keylen;
			t->klen += keylen + 1;
			capital |= w->info & UF_UPPER_FIRST;
			if (i < n && s[i] == '.') {
				w->dot = 1;
				i++;
			}
			sep = SEP_NONE;
			continue;
		}
		if (c >= '0' && c <= '9') {
			struct token *w = push(t);
			w->kind = TK_NUM;
			w->key = (uint32_t)t->klen;
			w->start = (uint32_t)i;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == w->start) {
				/* an overlong encoding of a digit: no number, move on */
				t->n--;
				i += len;
				continue;
			}
			w->end = (uint32_t)i;
			w->sep = (unsigned char)sep;
			sep = SEP_NONE;
			continue;
		}
		/* between tokens: the strongest separator wins */
		if (is_space_cp(c)) {
			if (sep == SEP_NONE)
				sep = SEP_SPACE;
		} else if (c == ',') {
			if (sep < SEP_COMMA || sep == SEP_SPACE)
				sep = sep == SEP_START ? SEP_START : SEP_COMMA;
		} else if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r') {
			if (sep != SEP_START)
				sep = SEP_BREAK;
		} else if (sep != SEP_START && sep != SEP_BREAK)
			sep = SEP_PUNCT;
		i += len;
	}
	if (want == TOK_CAPITAL && !capital && !words_only(t, SLOPPY_MIN, SLOPPY_MAX)) {
		t->n = 0;
		t->klen = 0;
		return 0;
	}
	/* the lookups after the cutting: a key read right after it was
	 * written waits for the stores, and the lookups of one word after
	 * another overlap their cache misses */
	for (k = 0; k < t->n; k++) {
		if (t->v[k].kind == TK_WORD)
			classify(lx, t, &t->v[k]);
		classify_endings(lx, t, k);
	}
	return 1;
}

int tokens_same(const struct tokens *a, const struct tokens *b)
{
	size_t k;
	if (a->n != b->n)
		return 0;
	for (k = 0; k < a->n; k++) {
		const struct token *x = &a->v[k], *y = &b->v[k];
		if (x->start != y->start || x->end != y->end || x->kind != y->kind || x->sep != y->sep ||
		    x->dot != y->dot || x->letters != y->letters || x->info != y->info ||
		    x->cls != y->cls || x->keylen != y->keylen ||
		    (x->keylen && memcmp(a->keys + x->key, b->keys + y->key, x->keylen)))
			return 0;
	}
	return 1;
}

/* --- name recognizer ------------------------------------------------------------ */

struct nscan {
	const struct lexicon *lx;
	const struct tokens *t;
	int column;
};

static const struct token *tok(const struct nscan *x, size_t i)
{
	return i < x->t->n ? &x->t->v[i] : NULL;
}

static int is_word(const struct token *w)
{
	return w && w->kind == TK_WORD;
}

/* An initial: one upper-case letter and a dot ("Т." of "Т.Г. Шевченко"). */
static int is_initial(const struct token *w)
{
	return is_word(w) && w->letters == 1 && w->dot && (w->info & UF_UPPER_FIRST);
}

static int is_given(const struct token *w)
{
	return is_word(w) && (w->cls & W_GIVEN) && (w->info & UF_UPPER_FIRST) && w->letters >= 2 &&
	       !(w->cls & W_NOTNAME);
}

static int is_patr(const struct token *w)
{
	return is_word(w) && (w->cls & W_PATR) && !(w->cls & W_NOTNAME);
}

/* A word that may stand in a surname's place. */
static int is_cap(const struct token *w)
{
	return is_word(w) && (w->info & UF_UPPER_FIRST) && w->letters >= 2 && !(w->cls & W_NOT_CAP);
}

/* A surname by its look alone: an ending, a known surname, capitals. */
static int looks_surname(const struct token *w)
{
	return is_cap(w) && (w->cls & (W_SHAPE | W_STOP) || (w->info & UF_ALL_UPPER));
}

/* Are tokens i-1 and i parts of one name: a space between, or nothing
 * after an initial's dot ("Т.Г.", "С.Балакіреву")? */
static int joined(const struct nscan *x, size_t i)
{
	const struct token *w = tok(x, i), *p = i ? tok(x, i - 1) : NULL;
	if (!w || !p)
		return 0;
	if (w->sep == SEP_SPACE)
		return !p->dot || is_initial(p);
	return w->sep == SEP_NONE && is_initial(p);
}

/* A dot after a word ends the name there (only initials carry one inside). */
static int open_end(const struct token *w)
{
	return !w->dot;
}

/*
 * The longest name starting at token i; returns the number of tokens (0:
 * none) and sets *strong when the name has a given name with a patronymic
 * or initials (the surest shapes).
 */
static size_t match_at(const struct nscan *x, size_t i, int *strong)
{
	const struct token *a = tok(x, i), *b, *c, *d;
	int jb, jc, jd;
	*strong = 1;
	/* every shape begins with a capitalised word (most words do not:
	 * the next three are looked at only then) */
	if (!is_word(a) || !(a->info & UF_UPPER_FIRST))
		return 0;
	b = tok(x, i + 1);
	c = tok(x, i + 2);
	d = tok(x, i + 3);
	jb = joined(x, i + 1);
	jc = jb && joined(x, i + 2);
	jd = jc && joined(x, i + 3);
	/* Прізвище Ім'я По батькові (a patronymic vouches for a given name
	 * the lexicon lacks) */
	if (jc && is_cap(a) && open_end(a) && (is_given(b) || is_cap(b)) && open_end(b) && is_patr(c) &&
	    !is_patr(b) &&
	    /* unless a surname follows and the first word does not look like
	     * one ("Звернувся Федір Валерійович Мовчан": Ім'я По батькові
	     * Прізвище, after a sentence's first word) */
	    (looks_surname(a) || !(jd && open_end(c) && is_cap(d) && !is_patr(d))))
		return 3;
	/* Ім'я По батькові [Прізвище]; not an unknown word before a surname
	 * with initials that looks like a patronymic ("Заяву Петрович М. Г.
	 * задоволено": the name is Петрович М. Г.) */
	if (jb && (is_given(a) || is_cap(a)) && open_end(a) && is_patr(b) && !is_patr(a) &&
	    (is_given(a) || !(jc && is_initial(c)))) {
		/* a given-name-like third word is a surname (Мовчан, Хоми)
		 * unless a patronymic follows it: then it begins a name of its
		 * own ("Івану Петровичу Степану Олеговичу") */
		if (jc && open_end(b) && is_cap(c) &&
		    (!is_given(c) || looks_surname(c) || !(a->cls & c->cls & (W_MALE | W_FEMALE)) ||
		     !(jd && is_patr(d))))
			return 3;
		return 2;
	}
	/* І. П. Прізвище, І.П. Прізвище, І.Прізвище */
	if (is_initial(a)) {
		if (jb && is_initial(b) && jc && is_cap(c))
			return 3;
		if (jb && is_cap(b) && !is_initial(b))
			return 2;
		return 0;
	}
	/* Прізвище І. П., Прізвище І.П. (unless the initials begin a name
	 * of their own: "розгляд Т.Г. Шевченку") */
	if (jb && is_cap(a) && open_end(a) && is_initial(b)) {
		if (jc && is_initial(c)) {
			if (!(jd && is_cap(d)))
				return 3;
		} else if (!(jc && is_cap(c)))
			return 2;
	}
	*strong = 0;
	/* Ім'я Прізвище, Ім'я ПРІЗВИЩЕ; a second given name is a surname
	 * ("Тараса Калини", "Іван Мовчан", "Петро Хома") unless a patronymic
	 * follows it: then it begins a name of its own */
	if (jb && is_given(a) && open_end(a) && is_cap(b) && !is_patr(b) &&
	    (!is_given(b) || looks_surname(b) || x->column || !(jc && is_patr(c))))
		return 2;
	/* Прізвище Ім'я: the surname must look like one */
	if (jb && is_cap(a) && open_end(a) && is_given(b) && (looks_surname(a) || x->column))
		return 2;
	if (x->column && i == 0 && x->t->n <= 3) {
		/* a name column whose value is nothing but one to three
		 * capitalised words: a lone surname, or a name in an order or
		 * spelling the shapes above do not know */
		size_t k = 0;
		while (k < x->t->n && is_cap(tok(x, k)) && (k == 0 || joined(x, k)))
			k++;
		if (k == x->t->n)
			return k;
	}
	return 0;
}

/* Is the name at tokens [i, j) an official's: a title before it in the same
 * clause, or right after it past a comma? */
static int official(const struct nscan *x, size_t i, size_t j)
{
	size_t k, seen = 0;
	for (k = i; k > 0 && seen < TITLE_LOOKBACK; seen++) {
		const struct token *w = tok(x, k - 1);
		if (tok(x, k)->sep == SEP_BREAK)
			break;
		if (is_word(w) && (w->cls & W_TITLE))
			return 1;
		k--;
	}
	for (k = j; k < j + 3 && k < x->t->n; k++) {
		const struct token *w = tok(x, k);
		if (k == j ? w->sep != SEP_COMMA && w->sep != SEP_PUNCT : w->sep != SEP_SPACE)
			break;
		if (is_word(w) && (w->cls & W_TITLE))
			return 1;
	}
	return 0;
}

/* Is the name at token i a street's or an institution's ("вул. Шевченка",
 * "імені Т.Г. Шевченка")? */
static int blocked(const struct nscan *x, size_t i)
{
	const struct token *p;
	if (!i || tok(x, i)->sep == SEP_BREAK)
		return 0;
	p = tok(x, i - 1);
	if (!is_word(p))
		return 0;
	if (p->cls & W_BLOCKER)
		return 1;
	return (p->cls & W_STREET) && (!(p->cls & W_NEEDDOT) || p->dot);
}

/*
 * A name column's value typed in lower case, whole or in part
 * ("ковальчук олена петрівна", "ковальчук Олена Петрівна", "КОВАЛЬЧУК
 * олена"): words only, one of them not capitalised, and at least two that
 * the lexicons take for a name's part by any case: a given name, a
 * patronymic's ending, a surname's. "не вказано", "немає даних" have none.
 */
static int sloppy_name(const struct lexicon *lx, struct tokens *t)
{
	size_t k;
	int parts = 0, given = 0;
	if (!words_only(t, SLOPPY_MIN, SLOPPY_MAX))
		return 0;
	for (k = 0; k < t->n; k++) {
		const struct token *w = &t->v[k];
		const char *key = t->keys + w->key;
		unsigned cls;
		if (w->letters == 1) {
			/* an initial ("о.", and "м.", "с." too: not a
			 * settlement's type in a name column) */
			parts++;
			given = 1;
			continue;
		}
		cls = word_classes(lx, key, w->keylen);
		if (cls & (W_NOTNAME | LOWER_CLASSES))
			return 0;
		given |= !!(cls & W_GIVEN);
		if ((cls & (W_GIVEN | W_STOP)) ||
		    (ending_classes(lx, t, key, w->keylen, w->letters) & (W_PATR | W_SHAPE)))
			parts++;
	}
	/* a given name or initials among them: adjectives and nouns have
	 * the endings of patronymics and surnames ("фізична особа") */
	return given && parts >= 2;
}

void names_scan(const struct lexicon *lx, struct tokens *t, int column, unsigned cat,
		unsigned rule, float conf, struct findings *out)
{
	struct nscan x;
	size_t i = 0, before = out->n;
	x.lx = lx;
	x.t = t;
	x.column = column;
	while (i < t->n) {
		int strong;
		size_t k = match_at(&x, i, &strong);
		struct finding *f;
		if (!k) {
			i++;
			continue;
		}
		if (blocked(&x, i)) {
			i += k;
			continue;
		}
		f = findings_push(out);
		f->start = t->v[i].start;
		f->end = t->v[i + k - 1].end;
		/* an initial's dot belongs to the name */
		if (t->v[i + k - 1].dot && t->v[i + k - 1].letters == 1)
			f->end++;
		f->cat = (unsigned short)cat;
		f->rule = (unsigned short)rule;
		f->conf = conf + (strong ? 0.1f : 0) + (column ? 0.1f : 0);
		if (f->conf > 1.0f)
			f->conf = 1.0f;
		if (column)
			f->flags |= F_COLUMN;
		if (official(&x, i, i + k))
			f->flags |= F_OFFICIAL;
		i += k;
	}
	/* a name column's value the shapes above took not whole or not at
	 * all: in lower case, with a comma, with initials without dots */
	if (column && t->n && !(out->n > before && out->v[before].start == t->v[0].start &&
				out->v[out->n - 1].end >= t->v[t->n - 1].end) &&
	    sloppy_name(lx, t)) {
		struct finding *f;
		out->n = before;
		f = findings_push(out);
		f->start = t->v[0].start;
		f->end = t->v[t->n - 1].end + t->v[t->n - 1].dot; /* an initial's dot */
		f->cat = (unsigned short)cat;
		f->rule = (unsigned short)rule;
		f->conf = conf;
		f->flags |= F_COLUMN;
		if (official(&x, 0, t->n))
			f->flags |= F_OFFICIAL;
	}
}

void names_scan_titled(const struct lexicon *lx, const struct tokens *t, unsigned cat,
		       unsigned rule, float conf, struct findings *out)
{
	struct nscan x;
	size_t i, k;
	x.lx = lx;
	x.t = t;
	x.column = 0;
	for (i = 1; i < t->n; i++) {
		const struct token *p = tok(&x, i - 1), *w = tok(&x, i);
		struct finding *f;
		if (!is_word(p) || !(p->cls & W_PERSON) || ((p->cls & W_NEEDDOT) && !p->dot))
			continue;
		/* "гр. Коваленко", "гр.Коваленко", "заявниця Шевчук",
		 * "Заявник: Ковальчук", "заявниця — Шевчук" */
		if (!(w->sep == SEP_SPACE || (w->sep == SEP_NONE && p->dot) ||
		      (w->sep == SEP_PUNCT && label_gap(t->src, p->end + p->dot, w->start))))
			continue;
		if (!is_cap(w))
			continue;
		f = findings_push(out);
		f->start = w->start;
		f->end = w->end;
		f->cat = (unsigned short)cat;
		f->rule = (unsigned short)rule;
		f->conf = conf;
		/* the words of the name that follow it, which the lexicons may
		 * not know ("пана Джона Сміта"): capitalised, one space apart,
		 * two at most (a name has three parts) */
		for (k = i + 1; k < i + 3 && k < t->n; k++) {
			const struct token *q = tok(&x, k), *after = tok(&x, k + 1);
			/* a dot ends the name ("доньці Ганні. Сусід …") */
			if (tok(&x, k - 1)->dot || !is_word(q) || q->sep != SEP_SPACE || !is_cap(q) ||
			    (q->cls & W_PERSON))
				break;
			/* "гр. Коваленко Київської області": a place's adjective */
			if (is_word(after) && (after->cls & (W_SETTLE | W_REGION)))
				break;
			f->end = q->end;
		}
		i = k;
	}
}
