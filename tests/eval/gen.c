/*
 * gen.c - deterministic synthetic municipal datasets with known truth.
 *
 * Test tooling for znes, not part of the scanner.  `gen --seed N --out DIR`
 * writes five datasets of the kinds a Ukrainian city council publishes: a
 * social-aid register as UTF-8 CSV and as a Windows-1251 1C export, citizen
 * appeals with free text, a staff list as one JSON array and contracts as
 * JSON Lines.  Next to each dataset X.ext it writes X.truth.jsonl: every
 * personal value (phone, РНОКПП, e-mail, IBAN, card, passport, УНЗР, birth
 * certificate, date of birth, plate, cadastral number, name, address) and
 * every decoy (an amount, a decision number, an ЄДРПОУ code, a council
 * treasury IBAN... something a careless rule would redact) with its record,
 * field and byte span; tests/eval/evaluate.c scores `znes scan` findings
 * against those files and tests/eval/verify.c re-checks them.
 * `gen --bench-csv|--bench-jsonl BYTES FILE` streams the same kind of
 * records without truth for throughput tests.
 *
 * A value is built in a `struct val` (bytes plus the spans that were
 * recorded while appending them), a writer serialises it as a CSV field or a
 * JSON string and emits the spans as truth.  Every random choice comes from
 * one splitmix64 stream per dataset, so a seed gives the same bytes on every
 * platform; the name, street and settlement lists are read from
 * tests/eval/data/ at start.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cp1251.h"

/* ------------------------------------------------------------------ */
/* errors, memory, growable buffer                                    */

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die("out of memory (%zu bytes)", n);
	return q;
}

/*
 * A growable byte buffer.  After the first append p is never NULL and is
 * always NUL-terminated; the content is binary-safe.
 */
struct buf {
	char *p;
	size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t extra)
{
	size_t ncap;

	if (b->cap - b->len > extra)
		return;
	ncap = b->cap ? b->cap : 256;
	while (ncap - b->len <= extra) {
		if (ncap > SIZE_MAX / 2)
			die("size overflow");
		ncap *= 2;
	}
	b->p = xrealloc(b->p, ncap);
	b->cap = ncap;
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_addc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* Decimal v, left-padded with zeros to at least width digits. */
static void buf_addnum(struct buf *b, unsigned long long v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width && n < (int)sizeof tmp)
		tmp[n++] = '0';
	buf_reserve(b, (size_t)n);
	while (n)
		b->p[b->len++] = tmp[--n];
	b->p[b->len] = '\0';
}

static void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

static void buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ */
/* categories, values with spans                                      */

enum cat {
	C_PHONE, C_TAX_ID, C_EMAIL, C_IBAN, C_CARD, C_PASSPORT, C_UNZR,
	C_BIRTH_CERT, C_DOB, C_PLATE, C_CADASTRAL, C_NAME, C_ADDRESS,
	D_ORG_ID, D_AMOUNT, D_DECISION_NO, D_DATE, D_BUDGET_CODE,
	D_POSTAL_CODE, D_NUMBER, D_ORG_IBAN, CAT_COUNT
};

static const char *const cat_name[CAT_COUNT] = {
	"phone", "tax_id", "email", "iban", "card", "passport", "unzr",
	"birth_cert", "dob", "plate", "cadastral", "name", "address",
	"org_id", "amount", "decision_no", "date", "budget_code",
	"postal_code", "number", "org_iban",
};

#define IS_DECOY(c) ((c) >= D_ORG_ID)
#define FL_OFFICIAL 1u

#define MAX_SPANS 64

struct span {
	uint32_t start, end;
	uint8_t cat, flags;
	/* an address's house and apartment, as spans of the value (0, 0: none) */
	uint32_t house[2], apt[2];
};

/* A field value being built: its bytes and the truth spans inside them. */
struct val {
	struct buf b;
	struct span sp[MAX_SPANS];
	int nsp;
};

static void val_clear(struct val *v)
{
	buf_clear(&v->b);
	v->nsp = 0;
}

/* Record [start, current end) as a truth item of category c. */
static void val_span(struct val *v, size_t start, int c, unsigned flags)
{
	struct span *s;

	if (v->nsp == MAX_SPANS)
		die("too many truth items in one field");
	if (start >= v->b.len)
		die("internal error: empty truth span");
	s = &v->sp[v->nsp++];
	s->start = (uint32_t)start;
	s->end = (uint32_t)v->b.len;
	s->cat = (uint8_t)c;
	s->flags = (uint8_t)flags;
	s->house[0] = s->house[1] = s->apt[0] = s->apt[1] = 0;
}

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64, integer-only so every platform gives the same bytes */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n == 0 gives 0. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_pct(struct rng *r, unsigned p)
{
	return rng_below(r, 100) < p;
}

static char rng_digit(struct rng *r)
{
	return (char)('0' + rng_below(r, 10));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rng_below((r), (uint32_t)COUNT(a))])

/* ------------------------------------------------------------------ */
/* checksums (the algorithms of docs/domain.md §2)                    */

/* РНОКПП check digit of d[0..8]; the mod is made non-negative. */
static int rnokpp_check(const char *d)
{
	static const int w[9] = {-1, 5, 7, 9, 4, 6, 10, 5, 7};
	int i, s = 0;

	for (i = 0; i < 9; i++)
		s += w[i] * (d[i] - '0');
	return (((s % 11) + 11) % 11) % 10;
}

/* ЄДРПОУ check digit of the 7-digit prefix d[0..6]. */
static int edrpou_check(const char *d)
{
	static const int w1[7] = {1, 2, 3, 4, 5, 6, 7};
	static const int w2[7] = {7, 1, 2, 3, 4, 5, 6};
	const int *w;
	long prefix = 0;
	int i, s = 0, c;

	for (i = 0; i < 7; i++)
		prefix = prefix * 10 + (d[i] - '0');
	w = (prefix >= 3000000 && prefix < 6000000) ? w2 : w1;
	for (i = 0; i < 7; i++)
		s += w[i] * (d[i] - '0');
	c = s % 11;
	if (c >= 10) {
		s = 0;
		for (i = 0; i < 7; i++)
			s += (w[i] + 2) * (d[i] - '0');
		c = s % 11;
		if (c >= 10)
			c = 0;
	}
	return c;
}

/* ISO 7064 mod 97 of a string of digits and capital letters. */
static int mod97(const char *s)
{
	int m = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			m = (m * 10 + (*s - '0')) % 97;
		else if (*s >= 'A' && *s <= 'Z')
			m = (m * 100 + (*s - 'A' + 10)) % 97;
	}
	return m;
}

/* Two IBAN check digits for UA + bban (25 digits). */
static int iban_check_digits(const char *bban)
{
	char tmp[40];

	snprintf(tmp, sizeof tmp, "%sUA00", bban);
	return 98 - mod97(tmp);
}

/* Luhn check digit for the n digits in d. */
static int luhn_check(const char *d, int n)
{
	int i, s = 0, dbl = 1;

	for (i = n - 1; i >= 0; i--) {
		int x = d[i] - '0';

		if (dbl) {
			x *= 2;
			if (x > 9)
				x -= 9;
		}
		s += x;
		dbl = !dbl;
	}
	return (10 - s % 10) % 10;
}

/* ICAO 9303 (MRZ) check digit, weights 7 3 1: used by УНЗР. */
static int mrz_check(const char *d, int n)
{
	static const int w[3] = {7, 3, 1};
	int i, s = 0;

	for (i = 0; i < n; i++)
		s += w[i % 3] * (d[i] - '0');
	return s % 10;
}

/* EAN-13 check digit of 12 digits. */
static int ean_check(const char *d)
{
	int i, s = 0;

	for (i = 0; i < 12; i++)
		s += (d[i] - '0') * ((i % 2) ? 3 : 1);
	return (10 - s % 10) % 10;
}

/* Days from 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* ------------------------------------------------------------------ */
/* UTF-8 helpers                                                      */

/* Decode one code point at s (well-formed input assumed); sets *len. */
static uint32_t utf8_decode(const unsigned char *s, int *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*len = 2;
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*len = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) |
		       ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	*len = 4;
	return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
	       ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Upper-case Ukrainian Cyrillic (and ASCII) in place; lengths do not change. */
static void utf8_upper(char *s, size_t n)
{
	unsigned char *p = (unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 'a' && p[i] <= 'z') {
			p[i] = (unsigned char)(p[i] - 32);
		} else if (p[i] == 0xD0 && i + 1 < n && p[i + 1] >= 0xB0 && p[i + 1] <= 0xBF) {
			p[++i] -= 0x20;                       /* а..п */
		} else if (p[i] == 0xD1 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x8F) {
			p[i] = 0xD0;                          /* р..я */
			p[++i] += 0x20;
		} else if (p[i] == 0xD1 && i + 1 < n &&
			   (p[i + 1] == 0x96 || p[i + 1] == 0x97 || p[i + 1] == 0x94)) {
			p[i] = 0xD0;                          /* і ї є */
			p[++i] -= 0x10;
		} else if (p[i] == 0xD2 && i + 1 < n && p[i + 1] == 0x91) {
			p[++i] = 0x90;                        /* ґ */
		}
	}
}

/*
 * Transliteration of Ukrainian into lower-case Latin after Cabinet
 * Resolution No. 55 of 27.01.2010 (є ї й ю я differ at the start of a word,
 * зг -> zgh), as people build e-mail addresses from their names.
 */
static void translit(struct buf *out, const char *s)
{
	static const char *const tab[32] = {
		"a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l",
		"m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch",
		"sh", "shch", "", "y", "", "e", "iu", "ia",
	};
	const unsigned char *p = (const unsigned char *)s;
	int start = 1;
	uint32_t prev = 0;

	while (*p) {
		int len;
		uint32_t u = utf8_decode(p, &len);

		p += len;
		if (u >= 0x0410 && u <= 0x042F)
			u += 0x20;
		else if (u == 0x0406 || u == 0x0407 || u == 0x0404)
			u += 0x50;
		else if (u == 0x0490)
			u = 0x0491;
		if (u >= 0x0430 && u <= 0x044F) {
			if (start && u == 0x044E)
				buf_adds(out, "yu");
			else if (start && u == 0x044F)
				buf_adds(out, "ya");
			else if (start && u == 0x0439)
				buf_adds(out, "y");
			else if (u == 0x0433 && prev == 0x0437)
				buf_adds(out, "gh");
			else if (u == 0x0439)
				buf_adds(out, "i");
			else
				buf_adds(out, tab[u - 0x0430]);
		} else if (u == 0x0456) {
			buf_adds(out, "i");
		} else if (u == 0x0457) {
			buf_adds(out, start ? "yi" : "i");
		} else if (u == 0x0454) {
			buf_adds(out, start ? "ye" : "ie");
		} else if (u == 0x0491) {
			buf_adds(out, "g");
		} else if (u == 0x0451) {
			buf_adds(out, "io");
		} else if (u < 0x80 && ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))) {
			buf_addc(out, (char)u);
		} else if (u == '-' || u == ' ') {
			start = 1;
			prev = 0;
			continue;
		}
		start = 0;
		prev = u;
	}
}

/* ------------------------------------------------------------------ */
/* word lists from tests/eval/data                                    */

enum { SC_ENKO, SC_HARD, SC_ADJ, SC_A, SC_OV, SC_IV, SC_IN, SC_X };

struct gname {
	int female, dim;
	const char *f[4];       /* nominative genitive dative instrumental */
	const char *patr[2];    /* as a father's name: male, female; "-" none */
};

struct surname {
	int cls;
	const char *nom;        /* masculine nominative */
	const char *x[3];       /* iv: x[0] = stem; x: gen dat ins */
};

struct street {
	char kind;              /* p f m, see streets.tsv */
	const char *name;
};

struct settlement {
	const char *type, *name, *region, *council, *domain, *area;
	const char *postal[4];
	int npostal;
};

struct lists {
	struct gname *gn;
	size_t ngn;
	size_t *male, nmale, *female, nfemale, *father, nfather, *dim, ndim;
	struct surname *sn;
	size_t nsn;
	struct street *st;
	size_t nst;
	struct settlement *se;
	size_t nse;
	size_t *cities, ncities;
	char *text[4];          /* the files; every string above points into them */
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char tmp[65536];
	size_t n;

	if (!f)
		die("cannot open '%s': %s (run from the repository root or pass --data DIR)",
		    path, strerror(errno));
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	if (ferror(f))
		die("cannot read '%s'", path);
	fclose(f);
	buf_addc(&b, '\0');
	return b.p;
}

/*
 * Split the next non-comment line of *cursor into TAB-separated columns
 * (in place).  Returns the number of columns, 0 at the end of the text.
 */
static int next_row(char **cursor, char **col, int max)
{
	for (;;) {
		char *line = *cursor, *end;
		int n = 0;

		if (!*line)
			return 0;
		end = strchr(line, '\n');
		if (end) {
			*end = '\0';
			*cursor = end + 1;
		} else {
			*cursor = line + strlen(line);
		}
		if (end && end > line && end[-1] == '\r')
			end[-1] = '\0';
		if (!*line || *line == '#')
			continue;
		col[n++] = line;
		for (; *line; line++) {
			if (*line == '\t') {
				*line = '\0';
				if (n < max)
					col[n++] = line + 1;
			}
		}
		return n;
	}
}

static void push_index(size_t **arr, size_t *n, size_t v)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = v;
}

static void lists_load(struct lists *L, const char *dir)
{
	char path[4096], *cur, *col[8];
	int n, nfile = 0;

	memset(L, 0, sizeof *L);

	snprintf(path, sizeof path, "%s/given_names.tsv", dir);
	cur = L->text[nfile++] = slurp(path);
	while ((n = next_row(&cur, col, 8)) > 0) {
		struct gname *g;

		if (n != 7)
			die("%s: bad row '%s' (want 7 columns)", path, col[0]);
		L->gn = xrealloc(L->gn, (L->ngn + 1) * sizeof *L->gn);
		g = &L->gn[L->ngn];
		g->female = col[0][0] == 'f';
		g->dim = col[0][1] == 'd';
		g->f[0] = col[1];
		g->f[1] = col[2];
		g->f[2] = col[3];
		g->f[3] = col[4];
		g->patr[0] = col[5];
		g->patr[1] = col[6];
		if (g->dim)
			push_index(&L->dim, &L->ndim, L->ngn);
		else if (g->female)
			push_index(&L->female, &L->nfemale, L->ngn);
		else
			push_index(&L->male, &L->nmale, L->ngn);
		if (!g->female && strcmp(g->patr[0], "-") != 0)
			push_index(&L->father, &L->nfather, L->ngn);
		L->ngn++;
	}

	snprintf(path, sizeof path, "%s/surnames.tsv", dir);
	cur = L->text[nfile++] = slurp(path);
	while ((n = next_row(&cur, col, 8)) > 0) {
		static const char *const cls[] = {"enko", "hard", "adj", "a", "ov", "iv", "in", "x"};
		struct surname *s;
		int c;

		L->sn = xrealloc(L->sn, (L->nsn + 1) * sizeof *L->sn);
		s = &L->sn[L->nsn];
		memset(s, 0, sizeof *s);
		for (c = 0; c < (int)COUNT(cls); c++)
			if (strcmp(col[0], cls[c]) == 0)
				break;
		if (c == (int)COUNT(cls) || n < 2)
			die("%s: bad row '%s'", path, col[0]);
		s->cls = c;
		s->nom = col[1];
		if (c == SC_IV) {
			if (n != 3)
				die("%s: '%s' needs a stem", path, col[1]);
			s->x[0] = col[2];
		} else if (c == SC_X) {
			if (n != 5)
				die("%s: '%s' needs 3 forms", path, col[1]);
			s->x[0] = col[2];
			s->x[1] = col[3];
			s->x[2] = col[4];
		}
		L->nsn++;
	}

	snprintf(path, sizeof path, "%s/streets.tsv", dir);
	cur = L->text[nfile++] = slurp(path);
	while ((n = next_row(&cur, col, 8)) > 0) {
		if (n != 2 || !strchr("pfm", col[0][0]))
			die("%s: bad row '%s'", path, col[0]);
		L->st = xrealloc(L->st, (L->nst + 1) * sizeof *L->st);
		L->st[L->nst].kind = col[0][0];
		L->st[L->nst].name = col[1];
		L->nst++;
	}

	snprintf(path, sizeof path, "%s/settlements.tsv", dir);
	cur = L->text[nfile++] = slurp(path);
	while ((n = next_row(&cur, col, 8)) > 0) {
		struct settlement *t;
		char *p;

		if (n != 7)
			die("%s: bad row '%s' (want 7 columns)", path, col[0]);
		L->se = xrealloc(L->se, (L->nse + 1) * sizeof *L->se);
		t = &L->se[L->nse];
		t->type = col[0];
		t->name = col[1];
		t->region = col[2];
		t->council = col[3];
		t->domain = col[4];
		t->area = col[5];
		t->npostal = 0;
		for (p = col[6]; p && t->npostal < 4;) {
			char *bar = strchr(p, '|');

			if (bar)
				*bar = '\0';
			t->postal[t->npostal++] = p;
			p = bar ? bar + 1 : NULL;
		}
		if (strlen(t->area) < 2 || strlen(t->area) > 5)
			die("%s: bad area code for '%s'", path, t->name);
		if (strcmp(t->council, "-") != 0)
			push_index(&L->cities, &L->ncities, L->nse);
		L->nse++;
	}
	if (L->nmale < 10 || L->nfemale < 10 || L->nsn < 10 || L->nst < 10 || L->ncities < 1)
		die("word lists in '%s' are too short", dir);
}

static void lists_release(struct lists *L)
{
	int i;

	for (i = 0; i < 4; i++)
		free(L->text[i]);
	free(L->gn);
	free(L->male);
	free(L->female);
	free(L->father);
	free(L->dim);
	free(L->sn);
	free(L->st);
	free(L->se);
	free(L->cities);
	memset(L, 0, sizeof *L);
}

/* ------------------------------------------------------------------ */
/* generator state, people                                            */

struct person {
	int female;
	const struct gname *given;
	const char *patr;
	const struct surname *sur;
	int y, m, d;                  /* date of birth */
	char tax[11];                 /* РНОКПП */
	const struct settlement *town;
	char mob[10];                 /* mobile NSN, 9 digits */
	char home[10];                /* home fixed-line NSN */
	int home_alen;
	int street, house, house_suf, apt, corp;   /* home address; apt 0: a house */
	int mail_style, mail_dom, mail_num;        /* one private e-mail address */
	int official;
	const char *position;         /* officials only */
	char work[10];                /* officials: work NSN (fixed line) */
	int work_alen;
};

struct gen {
	struct rng r;
	const struct lists *L;
	int cp1251;                   /* 1C export: apostrophe is always ' */
	int bench;                    /* no truth; longer clean notes */
	const char *apos;             /* this record's apostrophe */
	const struct settlement *council;
	struct person off[5];         /* mayor, head of social dept, head of education, clerk, deputy mayor */
	FILE *truth;
	struct buf tb;                /* truth output buffer */
	const char *said[8];          /* clean sentences used in this record */
	int nsaid;
};

static const struct settlement *pick_town(struct gen *g)
{
	const struct lists *L = g->L;

	if (rng_pct(&g->r, 75))
		return g->council;
	return &L->se[rng_below(&g->r, (uint32_t)L->nse)];
}

static void make_mobile(struct gen *g, char *nsn)
{
	static const char *const codes[] = {
		"39", "50", "63", "66", "67", "68", "73", "91", "92", "93",
		"94", "95", "96", "97", "98", "99", "50", "67", "67", "95",
		"66", "68", "97", "63", "93", "73",
	};
	const char *c = PICK(&g->r, codes);
	int i;

	nsn[0] = c[0];
	nsn[1] = c[1];
	for (i = 2; i < 9; i++)
		nsn[i] = rng_digit(&g->r);
	nsn[9] = '\0';
}

/* A fixed-line NSN in town t; returns the length of the area code. */
static int make_fixed(struct gen *g, const struct settlement *t, char *nsn)
{
	int alen = (int)strlen(t->area), i;

	memcpy(nsn, t->area, (size_t)alen);
	nsn[alen] = (char)('2' + rng_below(&g->r, 6));
	for (i = alen + 1; i < 9; i++)
		nsn[i] = rng_digit(&g->r);
	nsn[9] = '\0';
	return alen;
}

static void random_date(struct gen *g, int y0, int y1, int *y, int *m, int *d)
{
	*y = y0 + (int)rng_below(&g->r, (uint32_t)(y1 - y0 + 1));
	*m = 1 + (int)rng_below(&g->r, 12);
	*d = 1 + (int)rng_below(&g->r, (uint32_t)days_in_month(*y, *m));
}

/* РНОКПП from the date of birth and sex (d1..d5 days since 1899-12-31). */
static void make_tax(struct gen *g, struct person *p)
{
	long days = days_from_civil(p->y, p->m, p->d) - days_from_civil(1899, 12, 31);
	int i;

	for (i = 4; i >= 0; i--) {
		p->tax[i] = (char)('0' + days % 10);
		days /= 10;
	}
	for (i = 5; i < 8; i++)
		p->tax[i] = rng_digit(&g->r);
	p->tax[8] = (char)('0' + 2 * rng_below(&g->r, 5) + (p->female ? 0 : 1));
	p->tax[9] = (char)('0' + rnokpp_check(p->tax));
	p->tax[10] = '\0';
}

static void person_new(struct gen *g, struct person *p, int y0, int y1)
{
	const struct lists *L = g->L;
	const struct gname *father;

	memset(p, 0, sizeof *p);
	p->female = (int)rng_below(&g->r, 2);
	if (p->female)
		p->given = &L->gn[L->female[rng_below(&g->r, (uint32_t)L->nfemale)]];
	else
		p->given = &L->gn[L->male[rng_below(&g->r, (uint32_t)L->nmale)]];
	father = &L->gn[L->father[rng_below(&g->r, (uint32_t)L->nfather)]];
	p->patr = father->patr[p->female];
	p->sur = &L->sn[rng_below(&g->r, (uint32_t)L->nsn)];
	random_date(g, y0, y1, &p->y, &p->m, &p->d);
	make_tax(g, p);
	p->town = pick_town(g);
	make_mobile(g, p->mob);
	p->home_alen = make_fixed(g, p->town, p->home);
	p->street = (int)rng_below(&g->r, (uint32_t)L->nst);
	p->house = 1 + (int)rng_below(&g->r, 160);
	p->house_suf = (int)rng_below(&g->r, 100);
	p->apt = rng_pct(&g->r, strcmp(p->town->type, "м") == 0 ? 78 : 20) ? 1 + (int)rng_below(&g->r, 240) : 0;
	p->corp = rng_pct(&g->r, 5);
	p->mail_style = (int)rng_below(&g->r, 100);
	p->mail_dom = (int)rng_below(&g->r, 1000);
	p->mail_num = 1 + (int)rng_below(&g->r, 99);
}

/* Re-home p in town t (a new address and home phone there). */
static void person_move(struct gen *g, struct person *p, const struct settlement *t)
{
	p->town = t;
	p->home_alen = make_fixed(g, t, p->home);
	p->apt = rng_pct(&g->r, strcmp(t->type, "м") == 0 ? 78 : 20) ? 1 + (int)rng_below(&g->r, 240) : 0;
}

/*
 * The people of one record: 0 the applicant (born y0..y1), 1 another adult
 * of about the same age (spouse, neighbour, representative), 2 a child,
 * 3 a parent.  Relatives often share the surname and the home.
 */
#define NPEOPLE 4
static void make_family(struct gen *g, struct person ps[NPEOPLE], int y0, int y1)
{
	int a, b;

	person_new(g, &ps[0], y0, y1);
	a = ps[0].y - 10 < 1935 ? 1935 : ps[0].y - 10;
	b = ps[0].y + 10 > 2005 ? 2005 : ps[0].y + 10;
	person_new(g, &ps[1], a, b > a ? b : a);
	if (rng_pct(&g->r, 50))
		ps[1].sur = ps[0].sur;
	if (rng_pct(&g->r, 50))
		person_move(g, &ps[1], ps[0].town);
	a = ps[0].y - 40 < 1915 ? 1915 : ps[0].y - 40;
	b = ps[0].y - 18 < a ? a : ps[0].y - 18;
	person_new(g, &ps[3], a, b);
	if (!ps[3].female || rng_pct(&g->r, 60))
		ps[3].sur = ps[0].sur;
	if (!ps[3].female && strcmp(ps[3].given->patr[0], "-") != 0)
		ps[0].patr = ps[3].given->patr[ps[0].female];
	{
		/* born when the applicant was 18..45 (y0 <= 2005 keeps lo <= 2024) */
		int lo = ps[0].y + 18;
		int hi = ps[0].y + 45 < 2024 ? ps[0].y + 45 : 2024;

		person_new(g, &ps[2], lo, hi > lo ? hi : lo);
	}
	ps[2].sur = ps[0].sur;
	ps[2].town = ps[0].town;
	ps[2].street = ps[0].street;
	ps[2].house = ps[0].house;
	ps[2].apt = ps[0].apt;
	if (!ps[0].female && strcmp(ps[0].given->patr[0], "-") != 0)
		ps[2].patr = ps[0].given->patr[ps[2].female];
}

/* Start a record: pick its apostrophe, forget the sentences used. */
static void set_apos(struct gen *g)
{
	unsigned r = rng_below(&g->r, 100);

	g->nsaid = 0;
	if (g->cp1251)
		g->apos = "'";
	else
		g->apos = r < 50 ? "'" : r < 85 ? "\xE2\x80\x99" : "\xCA\xBC";
}

/* Append text, writing each ASCII apostrophe as this record's apostrophe. */
static void add_text(struct gen *g, struct buf *b, const char *s, size_t n)
{
	while (n) {
		const char *q = memchr(s, '\'', n);
		size_t k = q ? (size_t)(q - s) : n;

		buf_add(b, s, k);
		if (!q)
			break;
		buf_adds(b, g->apos);
		s += k + 1;
		n -= k + 1;
	}
}

static void add_str(struct gen *g, struct buf *b, const char *s)
{
	add_text(g, b, s, strlen(s));
}

/* ------------------------------------------------------------------ */
/* names                                                              */

/*
 * Foreigners' names as Ukrainian writes them, in the nominative, genitive
 * and dative (declined as Ukrainian declines them: a man's consonant-final
 * name takes endings, a woman's does not). No lexicon knows them: only
 * the word for a person before them tells they are a name.
 */
static const char *const foreign_m[][3] = {
	{ "Джон Сміт", "Джона Сміта", "Джону Сміту" },
	{ "Томас Вебер", "Томаса Вебера", "Томасу Веберу" },
	{ "Ерік Андерсон", "Еріка Андерсона", "Еріку Андерсону" },
	{ "Жан Дюбуа", "Жана Дюбуа", "Жану Дюбуа" },
	{ "Мехмет Йилмаз", "Мехмета Йилмаза", "Мехмету Йилмазу" },
};
static const char *const foreign_f[][3] = {
	{ "Анна Мюллер", "Анни Мюллер", "Анні Мюллер" },
	{ "Мері Джонсон", "Мері Джонсон", "Мері Джонсон" },
	{ "Ізабель Мартен", "Ізабель Мартен", "Ізабель Мартен" },
	{ "Кейт Вілсон", "Кейт Вілсон", "Кейт Вілсон" },
};

enum { CS_NOM, CS_GEN, CS_DAT, CS_INS };

enum nstyle {
	NS_SGP,     /* Шевченко Тарас Григорович */
	NS_GPS,     /* Тарас Григорович Шевченко */
	NS_UGP,     /* ШЕВЧЕНКО Тарас Григорович */
	NS_UUU,     /* ШЕВЧЕНКО ТАРАС ГРИГОРОВИЧ (1C exports) */
	NS_GU,      /* Тарас ШЕВЧЕНКО (official signatures) */
	NS_S_IP,    /* Шевченко Т.Г. */
	NS_S_I_P,   /* Шевченко Т. Г. */
	NS_IP_S,    /* Т.Г. Шевченко */
	NS_I_P_S,   /* Т. Г. Шевченко */
	NS_I_S,     /* Т.Шевченку (no space, as in "С.Балакіреву") */
	NS_GS,      /* Тарас Шевченко */
	NS_S        /* Шевченко alone, after a word for a person: "гр. Шевченко" */
};

struct sbuf {
	char s[256];
	size_t n;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n >= sizeof b->s)
		die("name too long");
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_adds(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* s without its last k bytes */
static void sb_stem(struct sbuf *b, const char *s, size_t k)
{
	size_t n = strlen(s);

	if (k > n)
		die("bad stem of '%s'", s);
	sb_add(b, s, n - k);
}

/* Surname in case cs (§ 142 of the 2019 orthography, simplified per class). */
static void surname_form(struct sbuf *b, const struct surname *s, int female, int cs)
{
	static const char *const hard_end[4] = {"", "а", "у", "ом"};
	static const char *const adj_m[4] = {"ий", "ого", "ому", "им"};
	static const char *const adj_f[4] = {"а", "ої", "ій", "ою"};
	static const char *const a_hard[4] = {"а", "и", "і", "ою"};
	static const char *const a_soft[4] = {"я", "і", "і", "ею"};
	static const char *const ov_m[4] = {"", "а", "у", "им"};
	static const char *const ov_f[4] = {"а", "ої", "ій", "ою"};

	switch (s->cls) {
	case SC_ENKO:
		if (female || cs == CS_NOM) {
			sb_adds(b, s->nom);
		} else {
			sb_stem(b, s->nom, 2);
			sb_adds(b, hard_end[cs]);
		}
		break;
	case SC_HARD:
		sb_adds(b, s->nom);
		if (!female && cs != CS_NOM) {
			int hush = ends_with(s->nom, "ж") || ends_with(s->nom, "ч") ||
				   ends_with(s->nom, "ш") || ends_with(s->nom, "щ") ||
				   ends_with(s->nom, "ц");

			sb_adds(b, cs == CS_INS && hush ? "ем" : hard_end[cs]);
		}
		break;
	case SC_ADJ:
		sb_stem(b, s->nom, strlen("ий"));
		sb_adds(b, female ? adj_f[cs] : adj_m[cs]);
		break;
	case SC_A:
		sb_stem(b, s->nom, 2);
		sb_adds(b, ends_with(s->nom, "я") ? a_soft[cs] : a_hard[cs]);
		break;
	case SC_OV:
		sb_adds(b, s->nom);
		sb_adds(b, female ? ov_f[cs] : ov_m[cs]);
		break;
	case SC_IV:
		if (female || cs == CS_NOM) {
			sb_adds(b, s->nom);
		} else {
			sb_adds(b, s->x[0]);
			sb_adds(b, ov_m[cs]);
		}
		break;
	case SC_IN:
		sb_adds(b, s->nom);
		if (!female)
			sb_adds(b, ov_m[cs]);
		break;
	default:
		sb_adds(b, (female || cs == CS_NOM) ? s->nom : s->x[cs - 1]);
		break;
	}
}

/* Patronymic in case cs: -ович/-ич +а +у +ем; -івна/-ична -и -і -ою. */
static void patr_form(struct sbuf *b, const char *patr, int female, int cs)
{
	static const char *const m[4] = {"", "а", "у", "ем"};
	static const char *const f[4] = {"а", "и", "і", "ою"};

	if (female) {
		sb_stem(b, patr, 2);
		sb_adds(b, f[cs]);
	} else {
		sb_adds(b, patr);
		sb_adds(b, m[cs]);
	}
}

/* The first letter of s (one UTF-8 character) and a dot. */
static void sb_initial(struct sbuf *b, const char *s)
{
	int len;

	utf8_decode((const unsigned char *)s, &len);
	sb_add(b, s, (size_t)len);
	sb_adds(b, ".");
}

static void name_string(struct sbuf *b, const struct person *p, int cs, int style)
{
	struct sbuf sur = {{0}, 0};
	size_t mark;

	surname_form(&sur, p->sur, p->female, cs);
	switch (style) {
	case NS_SGP:
	case NS_UGP:
	case NS_UUU:
		mark = b->n;
		sb_add(b, sur.s, sur.n);
		if (style != NS_SGP)
			utf8_upper(b->s + mark, b->n - mark);
		sb_adds(b, " ");
		mark = b->n;
		sb_adds(b, p->given->f[cs]);
		sb_adds(b, " ");
		patr_form(b, p->patr, p->female, cs);
		if (style == NS_UUU)
			utf8_upper(b->s + mark, b->n - mark);
		break;
	case NS_GPS:
		sb_adds(b, p->given->f[cs]);
		sb_adds(b, " ");
		patr_form(b, p->patr, p->female, cs);
		sb_adds(b, " ");
		sb_add(b, sur.s, sur.n);
		break;
	case NS_GU:
		sb_adds(b, p->given->f[cs]);
		sb_adds(b, " ");
		mark = b->n;
		sb_add(b, sur.s, sur.n);
		utf8_upper(b->s + mark, b->n - mark);
		break;
	case NS_S_IP:
	case NS_S_I_P:
		sb_add(b, sur.s, sur.n);
		sb_adds(b, " ");
		sb_initial(b, p->given->f[0]);
		if (style == NS_S_I_P)
			sb_adds(b, " ");
		sb_initial(b, p->patr);
		break;
	case NS_IP_S:
	case NS_I_P_S:
		sb_initial(b, p->given->f[0]);
		if (style == NS_I_P_S)
			sb_adds(b, " ");
		sb_initial(b, p->patr);
		sb_adds(b, " ");
		sb_add(b, sur.s, sur.n);
		break;
	case NS_I_S:
		sb_initial(b, p->given->f[0]);
		sb_add(b, sur.s, sur.n);
		break;
	case NS_S:
		sb_add(b, sur.s, sur.n);
		break;
	default:
		sb_adds(b, p->given->f[cs]);
		sb_adds(b, " ");
		sb_add(b, sur.s, sur.n);
		break;
	}
}

/*
 * Append a person's name as one truth item.  In free text (latin_ok) one
 * name in a hundred carries a Latin "i" for the Cyrillic "і", a real slip.
 */
static void put_name(struct gen *g, struct val *v, const struct person *p, int cs,
		     int style, int latin_ok)
{
	struct sbuf s = {{0}, 0};
	size_t start = v->b.len;
	char *q;

	name_string(&s, p, cs, style);
	if (latin_ok && !g->cp1251 && rng_pct(&g->r, 1) &&
	    (q = strstr(s.s, "\xD1\x96")) != NULL) {
		*q = 'i';
		memmove(q + 1, q + 2, s.n - (size_t)(q + 2 - s.s) + 1);
		s.n--;
	}
	add_text(g, &v->b, s.s, s.n);
	val_span(v, start, C_NAME, p->official ? FL_OFFICIAL : 0);
}

/* ------------------------------------------------------------------ */
/* phones                                                             */

/* digits of s[0..n) in groups (e.g. 3,2,2) joined by sep */
static void add_groups(struct buf *b, const char *s, int n, const char *sep)
{
	int g1 = n == 7 ? 3 : n == 6 ? 2 : 1;

	buf_add(b, s, (size_t)g1);
	buf_adds(b, sep);
	buf_add(b, s + g1, 2);
	buf_adds(b, sep);
	buf_add(b, s + g1 + 2, 2);
}

/* Write NSN (9 digits, area/operator code of alen digits) as people do. */
static void fmt_phone(struct gen *g, struct buf *b, const char *nsn, int alen, int fixed)
{
	const char *a = nsn, *s = nsn + alen;
	int sl = 9 - alen;
	unsigned r = rng_below(&g->r, 100);

	if (!fixed) {
		/* mobile: operator code of 2 digits, 7 subscriber digits */
		if (r < 18) {                                   /* +380 67 123 45 67 */
			buf_adds(b, "+380 ");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			add_groups(b, s, 7, " ");
		} else if (r < 30) {                            /* +38 (067) 123-45-67 */
			buf_adds(b, "+38 (0");
			buf_add(b, a, 2);
			buf_adds(b, ") ");
			add_groups(b, s, 7, "-");
		} else if (r < 40) {                            /* 067-123-45-67 */
			buf_adds(b, "0");
			buf_add(b, a, 2);
			buf_adds(b, "-");
			add_groups(b, s, 7, "-");
		} else if (r < 52) {                            /* 0671234567 */
			buf_adds(b, "0");
			buf_add(b, nsn, 9);
		} else if (r < 58) {                            /* 380671234567 */
			buf_adds(b, "380");
			buf_add(b, nsn, 9);
		} else if (r < 63) {                            /* 8 067 123 45 67 */
			buf_adds(b, "8 0");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			add_groups(b, s, 7, " ");
		} else if (r < 71) {                            /* +380671234567 */
			buf_adds(b, "+380");
			buf_add(b, nsn, 9);
		} else if (r < 77) {                            /* (067) 123 45 67 */
			buf_adds(b, "(0");
			buf_add(b, a, 2);
			buf_adds(b, ") ");
			add_groups(b, s, 7, " ");
		} else if (r < 86) {                            /* 067 123 45 67 */
			buf_adds(b, "0");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			add_groups(b, s, 7, " ");
		} else if (r < 90) {                            /* +38 067 123 45 67 */
			buf_adds(b, "+38 0");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			add_groups(b, s, 7, " ");
		} else if (r < 93) {                            /* +380 (67) 123-45-67 */
			buf_adds(b, "+380 (");
			buf_add(b, a, 2);
			buf_adds(b, ") ");
			add_groups(b, s, 7, "-");
		} else if (r < 96) {                            /* 067 1234567 */
			buf_adds(b, "0");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			buf_add(b, s, 7);
		} else if (r < 98) {                            /* 8(067)123-45-67 */
			buf_adds(b, "8(0");
			buf_add(b, a, 2);
			buf_adds(b, ")");
			add_groups(b, s, 7, "-");
		} else {                                        /* +380 067 123 45 67: trunk 0 kept */
			buf_adds(b, "+380 0");
			buf_add(b, a, 2);
			buf_adds(b, " ");
			add_groups(b, s, 7, " ");
		}
		return;
	}
	/* fixed line: area code of 2..5 digits */
	if (r < 30) {                                           /* (044) 234-56-78 */
		buf_adds(b, "(0");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, ") ");
		add_groups(b, s, sl, "-");
	} else if (r < 45) {                                    /* +380 44 234 56 78 */
		buf_adds(b, "+380 ");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, " ");
		add_groups(b, s, sl, " ");
	} else if (r < 55) {                                    /* 8 (0522) 35-83-70 */
		buf_adds(b, "8 (0");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, ") ");
		add_groups(b, s, sl, "-");
	} else if (r < 67) {                                    /* 044-234-56-78 */
		buf_adds(b, "0");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, "-");
		add_groups(b, s, sl, "-");
	} else if (r < 77) {                                    /* 0442345678 */
		buf_adds(b, "0");
		buf_add(b, nsn, 9);
	} else if (r < 87) {                                    /* +38 (044) 234-56-78 */
		buf_adds(b, "+38 (0");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, ") ");
		add_groups(b, s, sl, "-");
	} else if (r < 92) {                                    /* 380442345678 */
		buf_adds(b, "380");
		buf_add(b, nsn, 9);
	} else {                                                /* 044 234 56 78 */
		buf_adds(b, "0");
		buf_add(b, a, (size_t)alen);
		buf_adds(b, " ");
		add_groups(b, s, sl, " ");
	}
}

static void put_phone(struct gen *g, struct val *v, const char *nsn, int alen, int fixed,
		      unsigned flags)
{
	size_t start = v->b.len;

	fmt_phone(g, &v->b, nsn, alen, fixed);
	val_span(v, start, C_PHONE, flags);
}

static void put_mobile(struct gen *g, struct val *v, const struct person *p)
{
	put_phone(g, v, p->mob, 2, 0, 0);
}

static void put_home_phone(struct gen *g, struct val *v, const struct person *p)
{
	put_phone(g, v, p->home, p->home_alen, 1, 0);
}

/* ------------------------------------------------------------------ */
/* identifiers                                                        */

static void put_tax(struct gen *g, struct val *v, const struct person *p)
{
	size_t start = v->b.len;

	(void)g;
	buf_add(&v->b, p->tax, 10);
	val_span(v, start, C_TAX_ID, 0);
}

static const char pass_letters[][3] = {
	"А", "В", "Е", "К", "М", "Н", "О", "Р", "С", "Т", "Х", "Ю",
};

static void put_passport(struct gen *g, struct val *v)
{
	size_t start = v->b.len;
	unsigned r = rng_below(&g->r, 100);
	int i;

	buf_adds(&v->b, PICK(&g->r, pass_letters));
	buf_adds(&v->b, PICK(&g->r, pass_letters));
	if (r < 50)
		buf_adds(&v->b, " ");
	else if (r >= 80)
		buf_adds(&v->b, " № ");     /* 50..79: no space, "КВ123456" */
	for (i = 0; i < 6; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, C_PASSPORT, 0);
}

static void put_foreign_passport(struct gen *g, struct val *v)
{
	static const char second[] = "ABCEHKMNOPRSTUX";
	size_t start = v->b.len;
	int i;

	buf_addc(&v->b, rng_pct(&g->r, 80) ? 'F' : 'E');
	buf_addc(&v->b, second[rng_below(&g->r, (uint32_t)(sizeof second - 1))]);
	if (rng_pct(&g->r, 20))
		buf_addc(&v->b, ' ');
	for (i = 0; i < 6; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, C_PASSPORT, 0);
}

/* ID card number: 9 digits; personal only next to "ID-картка", "паспорт". */
static void put_id_card(struct gen *g, struct val *v)
{
	size_t start = v->b.len;
	int i;

	buf_adds(&v->b, "00");
	buf_addc(&v->b, (char)('1' + rng_below(&g->r, 9)));
	for (i = 0; i < 6; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, C_PASSPORT, 0);
}

static void put_unzr(struct gen *g, struct val *v, const struct person *p)
{
	char d[13];
	size_t start = v->b.len;
	int i;

	snprintf(d, sizeof d, "%04d%02d%02d", p->y % 10000, p->m % 100, p->d % 100);
	for (i = 8; i < 12; i++)
		d[i] = rng_digit(&g->r);
	if (memcmp(d + 8, "0000", 4) == 0)
		d[11] = '1';
	buf_add(&v->b, d, 8);
	buf_addc(&v->b, '-');
	buf_add(&v->b, d + 8, 4);
	buf_addc(&v->b, (char)('0' + mrz_check(d, 12)));
	val_span(v, start, C_UNZR, 0);
}

/* Birth certificate "I-БК №123456": Roman series (Latin I/V, sometimes a
 * Cyrillic І typed for the Latin I), two Cyrillic letters, six digits. */
static void put_birth_cert(struct gen *g, struct val *v)
{
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "І", "ІІ"};
	static const char *const letters[] = {"БК", "КВ", "ОЖ", "ПН", "НО", "ЯР", "КГ", "МР", "ЖР", "БП"};
	size_t start = v->b.len;
	int i;

	buf_adds(&v->b, PICK(&g->r, roman));
	buf_adds(&v->b, "-");
	buf_adds(&v->b, PICK(&g->r, letters));
	buf_adds(&v->b, rng_pct(&g->r, 50) ? " №" : " № ");
	for (i = 0; i < 6; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, C_BIRTH_CERT, 0);
}

static void put_card(struct gen *g, struct val *v)
{
	static const char *const bins[] = {
		"414939", "516875", "537541", "444111", "535527", "440588", "516874", "479720",
	};
	char d[17];
	size_t start = v->b.len;
	unsigned r = rng_below(&g->r, 100);
	int i;

	memcpy(d, PICK(&g->r, bins), 6);
	for (i = 6; i < 15; i++)
		d[i] = rng_digit(&g->r);
	d[15] = (char)('0' + luhn_check(d, 15));
	d[16] = '\0';
	if (r < 60 || r >= 95) {
		const char *sep = r < 60 ? " " : "-";

		for (i = 0; i < 4; i++) {
			if (i)
				buf_adds(&v->b, sep);
			buf_add(&v->b, d + 4 * i, 4);
		}
	} else {
		buf_add(&v->b, d, 16);
	}
	val_span(v, start, C_CARD, 0);
}

/* IBAN UA: 6-digit bank code (МФО) and 19-digit account, mod-97 check.
 * kind 0: a person's account, 1: a company's, 2: the council's treasury. */
static void put_iban(struct gen *g, struct val *v, int kind)
{
	static const char *const banks[] = {
		"305299", "322001", "300465", "380805", "300528", "351005", "300614",
	};
	char bban[26], full[30];
	size_t start = v->b.len;
	int i, c;

	if (kind == 2) {
		memcpy(bban, "820172", 6);
		memcpy(bban + 6, "0344", 4);
		for (i = 10; i < 25; i++)
			bban[i] = rng_digit(&g->r);
	} else {
		memcpy(bban, PICK(&g->r, banks), 6);
		memcpy(bban + 6, "00000", 5);
		memcpy(bban + 11, kind == 1 ? "2600" : rng_pct(&g->r, 60) ? "2620" : "2625", 4);
		for (i = 15; i < 25; i++)
			bban[i] = rng_digit(&g->r);
	}
	bban[25] = '\0';
	c = iban_check_digits(bban);
	snprintf(full, sizeof full, "UA%02d%s", c, bban);
	if (rng_pct(&g->r, 35)) {
		for (i = 0; i < 29; i += 4) {
			if (i)
				buf_addc(&v->b, ' ');
			buf_add(&v->b, full + i, i + 4 <= 29 ? 4 : (size_t)(29 - i));
		}
	} else {
		buf_add(&v->b, full, 29);
	}
	val_span(v, start, kind == 0 ? C_IBAN : D_ORG_IBAN, 0);
}

static void put_plate(struct gen *g, struct val *v)
{
	static const char *const region[] = {
		"АА", "КА", "ВС", "АЕ", "КЕ", "ВН", "АХ", "ВА", "ВІ", "АВ",
		"АМ", "СВ", "СА", "ВМ", "АР", "ВЕ", "ВХ", "ВО", "АТ", "АО", "АС", "ВК", "СЕ",
	};
	static const char *const suf[] = {"А", "В", "Е", "І", "К", "М", "Н", "О", "Р", "С", "Т", "Х"};
	static const char *const lat[] = {"A", "B", "E", "I", "K", "M", "H", "O", "P", "C", "T", "X"};
	size_t start = v->b.len;
	unsigned r = rng_below(&g->r, 100);
	const char *reg = PICK(&g->r, region);
	uint32_t s1 = rng_below(&g->r, 12), s2 = rng_below(&g->r, 12);
	int i;

	if (r < 8) {
		/* Latin look-alikes typed for the Cyrillic letters */
		const char *q = reg;

		while (*q) {
			int len, k;
			uint32_t u = utf8_decode((const unsigned char *)q, &len);

			for (k = 0; k < 12; k++) {
				int l2;

				if (utf8_decode((const unsigned char *)suf[k], &l2) == u)
					buf_adds(&v->b, lat[k]);
			}
			q += len;
		}
	} else {
		buf_adds(&v->b, reg);
	}
	if (r >= 80)
		buf_addc(&v->b, ' ');
	for (i = 0; i < 4; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	if (r >= 80)
		buf_addc(&v->b, ' ');
	buf_adds(&v->b, r < 8 ? lat[s1] : suf[s1]);
	buf_adds(&v->b, r < 8 ? lat[s2] : suf[s2]);
	val_span(v, start, C_PLATE, 0);
}

static void put_cadastral(struct gen *g, struct val *v)
{
	static const char *const obl[] = {"12", "32", "46", "51", "63", "80", "35", "53"};
	size_t start = v->b.len;
	int i;

	buf_adds(&v->b, PICK(&g->r, obl));
	buf_addc(&v->b, (char)('1' + rng_below(&g->r, 9)));
	for (i = 0; i < 7; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	buf_addc(&v->b, ':');
	buf_addnum(&v->b, 1 + rng_below(&g->r, 12), 2);
	buf_addc(&v->b, ':');
	buf_addnum(&v->b, 1 + rng_below(&g->r, 300), 3);
	buf_addc(&v->b, ':');
	buf_addnum(&v->b, 1 + rng_below(&g->r, 2000), 4);
	val_span(v, start, C_CADASTRAL, 0);
}

static void put_email(struct gen *g, struct val *v, const struct person *p, const char *work_domain)
{
	static const char *const domains[] = {
		"gmail.com", "gmail.com", "gmail.com", "ukr.net", "ukr.net", "ukr.net",
		"i.ua", "meta.ua", "outlook.com", "yahoo.com", "icloud.com",
	};
	struct buf gi = {0}, su = {0};
	size_t start = v->b.len;
	unsigned r = (unsigned)p->mail_style;

	(void)g;
	translit(&gi, p->given->f[0]);
	translit(&su, p->sur->nom);
	if (p->female && (p->sur->cls == SC_ADJ || p->sur->cls == SC_OV)) {
		struct sbuf fs = {{0}, 0};

		surname_form(&fs, p->sur, 1, CS_NOM);
		buf_clear(&su);
		translit(&su, fs.s);
	}
	if (work_domain) {
		buf_addc(&v->b, gi.p[0]);
		buf_addc(&v->b, '.');
		buf_add(&v->b, su.p, su.len);
		buf_addc(&v->b, '@');
		buf_adds(&v->b, work_domain);
	} else {
		if (r < 25) {
			buf_addc(&v->b, gi.p[0]);
			buf_addc(&v->b, '.');
			buf_add(&v->b, su.p, su.len);
		} else if (r < 45) {
			buf_add(&v->b, gi.p, gi.len);
			buf_addc(&v->b, '.');
			buf_add(&v->b, su.p, su.len);
		} else if (r < 55) {
			buf_add(&v->b, su.p, su.len);
			buf_addc(&v->b, '.');
			buf_add(&v->b, gi.p, gi.len);
		} else if (r < 65) {
			buf_add(&v->b, su.p, su.len);
			buf_addc(&v->b, '_');
			buf_addc(&v->b, gi.p[0]);
		} else if (r < 80) {
			buf_add(&v->b, gi.p, gi.len);
			buf_add(&v->b, su.p, su.len);
			buf_addnum(&v->b, (unsigned)(p->y % 100), 2);
		} else if (r < 90) {
			buf_add(&v->b, su.p, su.len);
			buf_addnum(&v->b, (unsigned)p->y, 4);
		} else {
			buf_add(&v->b, gi.p, gi.len);
			buf_addc(&v->b, '_');
			buf_add(&v->b, su.p, su.len);
			buf_addnum(&v->b, (unsigned)p->mail_num, 0);
		}
		buf_addc(&v->b, '@');
		buf_adds(&v->b, domains[(unsigned)p->mail_dom % COUNT(domains)]);
	}
	buf_release(&gi);
	buf_release(&su);
	val_span(v, start, C_EMAIL, p->official ? FL_OFFICIAL : 0);
}

/* ------------------------------------------------------------------ */
/* dates, addresses                                                   */

static const char *const month_gen[12] = {
	"січня", "лютого", "березня", "квітня", "травня", "червня",
	"липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
};

/* style 0 01.02.1980, 1 1980-02-01, 2 1 лютого 1980 р., 3 01.02.1980 р. */
/* A date in one of four spellings, without the " р." that styles 2 and 3
 * write after it (add_date). */
static void add_date_only(struct buf *b, int y, int m, int d, int style)
{
	switch (style) {
	case 1:
		buf_addnum(b, (unsigned)y, 4);
		buf_addc(b, '-');
		buf_addnum(b, (unsigned)m, 2);
		buf_addc(b, '-');
		buf_addnum(b, (unsigned)d, 2);
		break;
	case 2:
		buf_addnum(b, (unsigned)d, 0);
		buf_addc(b, ' ');
		buf_adds(b, month_gen[m - 1]);
		buf_addc(b, ' ');
		buf_addnum(b, (unsigned)y, 4);
		break;
	default:
		buf_addnum(b, (unsigned)d, 2);
		buf_addc(b, '.');
		buf_addnum(b, (unsigned)m, 2);
		buf_addc(b, '.');
		buf_addnum(b, (unsigned)y, 4);
		break;
	}
}

static void add_date_suffix(struct buf *b, int style)
{
	if (style == 2 || style == 3)
		buf_adds(b, " р.");
}

static void add_date(struct buf *b, int y, int m, int d, int style)
{
	add_date_only(b, y, m, d, style);
	add_date_suffix(b, style);
}

static void put_dob(struct gen *g, struct val *v, const struct person *p, int style)
{
	size_t start = v->b.len;

	(void)g;
	/* the truth is the date; "р." (року) after it is no one's */
	add_date_only(&v->b, p->y, p->m, p->d, style);
	val_span(v, start, C_DOB, 0);
	add_date_suffix(&v->b, style);
}

static int dob_style_column(struct gen *g)
{
	unsigned r = rng_below(&g->r, 100);

	return r < 70 ? 0 : r < 85 ? 1 : r < 95 ? 2 : 3;
}

/* A date of an event (decision, contract, receipt): decoy "date". */
static void put_event_date(struct gen *g, struct val *v, int iso)
{
	size_t start = v->b.len;
	int y, m, d;

	random_date(g, 2022, 2025, &y, &m, &d);
	add_date(&v->b, y, m, d, iso ? 1 : 0);
	val_span(v, start, D_DATE, 0);
}

static void put_address(struct gen *g, struct val *v, const struct person *p, int city)
{
	static const char *const p_types[] = {
		"вул. ", "вул. ", "вул. ", "вул. ", "вулиця ", "просп. ", "пр-т ",
		"пров. ", "бульв. ", "б-р ", "пл. ", "ул. ",
	};
	static const char *const f_types[] = {"вул. ", "вул. ", "вул. ", "вулиця "};
	static const char *const m_types[] = {"пров. ", "провулок ", "просп. ", "проспект ", "бульв. ", "б-р "};
	const struct lists *L = g->L;
	const struct settlement *t = p->town;
	const struct street *st = &L->st[p->street];
	size_t start = v->b.len;
	int sloppy = rng_pct(&g->r, 8), village = strcmp(t->type, "м") != 0;
	unsigned r;
	uint32_t house[2], apt[2] = { 0, 0 };
	const char *type;

	if (city) {
		if (strcmp(t->region, "-") != 0) {
			add_str(g, &v->b, t->region);
			buf_adds(&v->b, ", ");
		}
		if (!village && rng_pct(&g->r, 5))
			buf_adds(&v->b, "місто ");
		else if (strcmp(t->type, "смт") == 0)
			buf_adds(&v->b, "смт ");
		else {
			buf_adds(&v->b, t->type);
			buf_adds(&v->b, sloppy ? "." : ". ");
		}
		add_str(g, &v->b, t->name);
		buf_adds(&v->b, ", ");
	}
	type = st->kind == 'p' ? PICK(&g->r, p_types) : st->kind == 'f' ? PICK(&g->r, f_types)
							    : PICK(&g->r, m_types);
	if (sloppy && type[strlen(type) - 2] == '.')
		buf_add(&v->b, type, strlen(type) - 1);
	else
		buf_adds(&v->b, type);
	add_str(g, &v->b, st->name);
	buf_adds(&v->b, sloppy ? " " : ", ");
	r = rng_below(&g->r, 100);
	if (r < 12)
		buf_adds(&v->b, "буд. ");
	else if (r < 18)
		buf_adds(&v->b, "б. ");
	else if (r < 21)
		buf_adds(&v->b, "д. ");
	house[0] = (uint32_t)v->b.len;
	buf_addnum(&v->b, (unsigned)p->house, 0);
	if (p->house_suf < 5)
		buf_adds(&v->b, "-А");
	else if (p->house_suf < 9)
		buf_adds(&v->b, "а");
	else if (p->house_suf < 13) {
		buf_addc(&v->b, '/');
		buf_addnum(&v->b, 1 + (unsigned)p->house_suf % 5, 0);
	}
	house[1] = (uint32_t)v->b.len;
	if (p->apt) {
		if (p->corp)
			buf_adds(&v->b, ", корп. 2");
		r = rng_below(&g->r, 100);
		buf_adds(&v->b, sloppy ? " кв." : r < 92 ? ", кв. " : ", квартира ");
		apt[0] = (uint32_t)v->b.len;
		buf_addnum(&v->b, (unsigned)p->apt, 0);
		apt[1] = (uint32_t)v->b.len;
	}
	val_span(v, start, C_ADDRESS, 0);
	memcpy(v->sp[v->nsp - 1].house, house, sizeof house);
	memcpy(v->sp[v->nsp - 1].apt, apt, sizeof apt);
}

static void put_postal(struct gen *g, struct val *v, const struct settlement *t)
{
	const char *pre = t->postal[rng_below(&g->r, (uint32_t)t->npostal)];
	size_t start = v->b.len, n = strlen(pre), i;

	buf_adds(&v->b, pre);
	for (i = n; i < 5; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, D_POSTAL_CODE, 0);
}

/* ------------------------------------------------------------------ */
/* decoys                                                             */

/* Amount in kopiyky, written as Ukrainian exports do: "1 500,00" (space or
 * no-break space), "1500,00", "12500.00", "1500". */
static void put_amount_style(struct gen *g, struct val *v, unsigned long long kop, int style)
{
	size_t start = v->b.len;
	unsigned long long uah = kop / 100;
	char digits[24];
	int n = 0, i;

	(void)g;
	do {
		digits[n++] = (char)('0' + uah % 10);
		uah /= 10;
	} while (uah);
	for (i = n - 1; i >= 0; i--) {
		buf_addc(&v->b, digits[i]);
		if (i && i % 3 == 0 && (style == 0 || style == 1))
			buf_adds(&v->b, style == 0 ? " " : "\xC2\xA0");
	}
	if (style != 4) {
		buf_addc(&v->b, style == 3 ? '.' : ',');
		buf_addnum(&v->b, kop % 100, 2);
	}
	val_span(v, start, D_AMOUNT, 0);
}

static void put_amount(struct gen *g, struct val *v, unsigned long long kop)
{
	unsigned r = rng_below(&g->r, 100);

	put_amount_style(g, v, kop, r < 50 ? 0 : r < 60 ? 1 : r < 75 ? 2 : r < 90 ? 3 : 4);
}

static unsigned long long aid_kop(struct gen *g)
{
	unsigned long long k = (5 + rng_below(&g->r, 196)) * 10000ull;

	if (rng_pct(&g->r, 20))
		k += rng_below(&g->r, 100000);
	return k;
}

/* Decision number "№ 8-30/7", "№ 123", "№ 45-р", "№ 145/24". */
static void put_decision_no(struct gen *g, struct val *v, int sign)
{
	size_t start = v->b.len;
	unsigned r = rng_below(&g->r, 100);

	if (sign)
		buf_adds(&v->b, rng_pct(&g->r, 85) ? "№ " : "№");
	if (r < 30) {
		buf_addnum(&v->b, 1 + rng_below(&g->r, 60), 0);
		buf_addc(&v->b, '-');
		buf_addnum(&v->b, 1 + rng_below(&g->r, 40), 0);
		buf_addc(&v->b, '/');
		buf_addnum(&v->b, 1 + rng_below(&g->r, 40), 0);
	} else if (r < 55) {
		buf_addnum(&v->b, 1 + rng_below(&g->r, 1500), 0);
	} else if (r < 75) {
		buf_addnum(&v->b, 1 + rng_below(&g->r, 900), 0);
		buf_adds(&v->b, "-р");
	} else if (r < 90) {
		buf_addnum(&v->b, 1 + rng_below(&g->r, 900), 0);
		buf_addc(&v->b, '/');
		buf_addnum(&v->b, 22 + rng_below(&g->r, 4), 0);
	} else {
		buf_addnum(&v->b, 1 + rng_below(&g->r, 9), 0);
		buf_addc(&v->b, '/');
		buf_addnum(&v->b, 10 + rng_below(&g->r, 60), 0);
		buf_addc(&v->b, '-');
		buf_addnum(&v->b, 100 + rng_below(&g->r, 9000), 0);
	}
	val_span(v, start, D_DECISION_NO, 0);
}

/* ЄДРПОУ with a valid check digit; lead '0' for old state bodies. */
static void put_edrpou(struct gen *g, struct val *v, int state_body)
{
	char d[9];
	size_t start = v->b.len;
	int i;

	do {
		d[0] = state_body ? '0' : rng_pct(&g->r, 50) ? '3' : '4';
		for (i = 1; i < 7; i++)
			d[i] = rng_digit(&g->r);
	} while (memcmp(d, "3000000", 7) == 0);
	d[7] = (char)('0' + edrpou_check(d));
	d[8] = '\0';
	buf_add(&v->b, d, 8);
	val_span(v, start, D_ORG_ID, 0);
}

/* A 10-digit document number that FAILS the РНОКПП checksum; it starts
 * with a non-zero digit so it is not a phone written 0XXXXXXXXX either. */
static void put_num10(struct gen *g, struct val *v)
{
	char d[11];
	size_t start = v->b.len;
	int i, c;

	do {
		d[0] = (char)('1' + rng_below(&g->r, 9));
		for (i = 1; i < 9; i++)
			d[i] = rng_digit(&g->r);
	} while (memcmp(d, "380", 3) == 0);
	c = rnokpp_check(d);
	d[9] = (char)('0' + (c + 1 + (int)rng_below(&g->r, 9)) % 10);
	d[10] = '\0';
	buf_add(&v->b, d, 10);
	val_span(v, start, D_NUMBER, 0);
}

/* 12-digit personal-account number that is not a phone (no 380/80/0 lead). */
static void put_num12(struct gen *g, struct val *v)
{
	static const char first[] = "1245679";
	size_t start = v->b.len;
	int i;

	buf_addc(&v->b, first[rng_below(&g->r, 7)]);
	for (i = 1; i < 12; i++)
		buf_addc(&v->b, rng_digit(&g->r));
	val_span(v, start, D_NUMBER, 0);
}

/* EAN-13 bar code of a Ukrainian product (GS1 prefix 482). */
static void put_ean(struct gen *g, struct val *v)
{
	char d[14];
	size_t start = v->b.len;
	int i;

	memcpy(d, "482", 3);
	for (i = 3; i < 12; i++)
		d[i] = rng_digit(&g->r);
	d[12] = (char)('0' + ean_check(d));
	d[13] = '\0';
	buf_add(&v->b, d, 13);
	val_span(v, start, D_NUMBER, 0);
}

static const char *const kekv_codes[] = {
	"2111", "2120", "2210", "2220", "2230", "2240", "2250", "2271", "2272",
	"2273", "2274", "2282", "2730", "3110", "3132",
};
static const char *const kpkvk_codes[] = {
	"0813242", "0611021", "0611010", "1517321", "0216030", "0117330", "0813192", "1014060",
};

static void put_code(struct gen *g, struct val *v, const char *code)
{
	size_t start = v->b.len;

	(void)g;
	buf_adds(&v->b, code);
	val_span(v, start, D_BUDGET_CODE, 0);
}

/* ------------------------------------------------------------------ */
/* officials of the publishing council                                */

static void officials_init(struct gen *g)
{
	static const char *const pos[5] = {
		"міський голова",
		"начальник управління соціального захисту населення",
		"начальник управління освіти",
		"головний спеціаліст відділу роботи зі зверненнями громадян",
		"заступник міського голови",
	};
	int i;

	for (i = 0; i < 5; i++) {
		struct person *o = &g->off[i];

		person_new(g, o, 1960, 1990);
		o->official = 1;
		o->position = pos[i];
		o->town = g->council;
		o->work_alen = make_fixed(g, g->council, o->work);
	}
}

static void put_official(struct gen *g, struct val *v, int i, int cs)
{
	put_name(g, v, &g->off[i], cs, rng_pct(&g->r, 85) ? NS_GU : NS_I_P_S, 0);
}

static void put_official_phone(struct gen *g, struct val *v, int i)
{
	put_phone(g, v, g->off[i].work, g->off[i].work_alen, 1, FL_OFFICIAL);
}

/* ------------------------------------------------------------------ */
/* free-text templates                                                */

/*
 * "{KEY}" in a template: optional person selector (0 applicant, 1 another
 * adult, 2 child, 3 parent, o0..o4 officials), a type and an optional case (.g .d .i);
 * {1?чоловічий|жіночий} picks a word by the person's sex.
 * Types: n ni ng (name: full, initials, given+surname), ph phf (mobile, home
 * fixed line), em tax pass fpass idc card iban dob dobn dobt addr unzr bc
 * plate cad town; decoys amt date dec edrpou kekv kpkvk postal num10 num12
 * ean oiban.  An ASCII ' in the literal text becomes the record's apostrophe.
 */
static void put_key(struct gen *g, struct val *v, const char *k, size_t n, struct person *ps)
{
	char key[128], *type = key;
	const struct person *p = &ps[0];
	int cs = CS_NOM, off = -1;
	char *dot;

	if (n >= sizeof key)
		die("template key too long");
	memcpy(key, k, n);
	key[n] = '\0';
	if (key[0] >= '0' && key[0] <= '3') {
		p = &ps[key[0] - '0'];
		type++;
	} else if (key[0] == 'o' && key[1] >= '0' && key[1] <= '4') {
		off = key[1] - '0';
		p = &g->off[off];
		type += 2;
	}
	if (type[0] == '?') {
		/* {1?masculine|feminine}: agree with the person's sex, no truth */
		char *bar = strchr(type, '|');

		if (!bar)
			die("bad choice key '%s'", key);
		*bar = '\0';
		add_str(g, &v->b, p->female ? bar + 1 : type + 1);
		return;
	}
	dot = strchr(type, '.');
	if (dot) {
		*dot = '\0';
		cs = dot[1] == 'g' ? CS_GEN : dot[1] == 'd' ? CS_DAT : dot[1] == 'i' ? CS_INS : CS_NOM;
	}

	if (strcmp(type, "n") == 0) {
		unsigned r = rng_below(&g->r, 100);

		if (off >= 0)
			put_official(g, v, off, cs);
		else
			put_name(g, v, p, cs, r < 55 ? NS_SGP : r < 88 ? NS_GPS : NS_UGP, 1);
	} else if (strcmp(type, "ni") == 0) {
		unsigned r = rng_below(&g->r, 100);

		put_name(g, v, p, cs, r < 35 ? NS_S_IP : r < 65 ? NS_IP_S : r < 85 ? NS_S_I_P : NS_I_S, 1);
	} else if (strcmp(type, "ng") == 0) {
		put_name(g, v, p, cs, NS_GS, 1);
	} else if (strcmp(type, "ns") == 0) {
		put_name(g, v, p, cs, NS_S, 1);
	} else if (strcmp(type, "ngo") == 0) {
		/* the given name alone (a child, after a word for kin) */
		size_t start = v->b.len;
		add_str(g, &v->b, p->given->f[cs]);
		val_span(v, start, C_NAME, 0);
	} else if (strcmp(type, "nf") == 0) {
		/* a foreigner: given name and surname (nominative, genitive, dative) */
		size_t start = v->b.len, form = cs == CS_GEN ? 1 : cs == CS_DAT ? 2 : 0;
		const char *name = p->female ? foreign_f[rng_below(&g->r, 4)][form]
					     : foreign_m[rng_below(&g->r, 5)][form];
		add_str(g, &v->b, name);
		val_span(v, start, C_NAME, 0);
	} else if (strcmp(type, "ph") == 0) {
		if (off >= 0)
			put_official_phone(g, v, off);
		else
			put_mobile(g, v, p);
	} else if (strcmp(type, "phf") == 0) {
		put_home_phone(g, v, p);
	} else if (strcmp(type, "em") == 0) {
		put_email(g, v, p, off >= 0 ? g->council->domain : NULL);
	} else if (strcmp(type, "tax") == 0) {
		put_tax(g, v, p);
	} else if (strcmp(type, "pass") == 0) {
		put_passport(g, v);
	} else if (strcmp(type, "fpass") == 0) {
		put_foreign_passport(g, v);
	} else if (strcmp(type, "idc") == 0) {
		put_id_card(g, v);
	} else if (strcmp(type, "card") == 0) {
		put_card(g, v);
	} else if (strcmp(type, "iban") == 0) {
		put_iban(g, v, 0);
	} else if (strcmp(type, "dob") == 0) {
		put_dob(g, v, p, (int)rng_below(&g->r, 2));
	} else if (strcmp(type, "dobn") == 0) {
		put_dob(g, v, p, 0);
	} else if (strcmp(type, "dobt") == 0) {
		put_dob(g, v, p, 2);
	} else if (strcmp(type, "doby") == 0) {
		/* the year of birth alone ("1975 р.н.") */
		size_t start = v->b.len;
		buf_addnum(&v->b, (unsigned)p->y, 4);
		val_span(v, start, C_DOB, 0);
	} else if (strcmp(type, "addr") == 0) {
		put_address(g, v, p, 1);
	} else if (strcmp(type, "unzr") == 0) {
		put_unzr(g, v, p);
	} else if (strcmp(type, "bc") == 0) {
		put_birth_cert(g, v);
	} else if (strcmp(type, "plate") == 0) {
		put_plate(g, v);
	} else if (strcmp(type, "cad") == 0) {
		put_cadastral(g, v);
	} else if (strcmp(type, "town") == 0) {
		add_str(g, &v->b, p->town->name);
	} else if (strcmp(type, "amt") == 0) {
		put_amount(g, v, aid_kop(g));
	} else if (strcmp(type, "date") == 0) {
		put_event_date(g, v, 0);
	} else if (strcmp(type, "dec") == 0) {
		put_decision_no(g, v, 1);
	} else if (strcmp(type, "edrpou") == 0) {
		put_edrpou(g, v, rng_pct(&g->r, 30));
	} else if (strcmp(type, "kekv") == 0) {
		put_code(g, v, PICK(&g->r, kekv_codes));
	} else if (strcmp(type, "kpkvk") == 0) {
		put_code(g, v, PICK(&g->r, kpkvk_codes));
	} else if (strcmp(type, "postal") == 0) {
		put_postal(g, v, p->town);
	} else if (strcmp(type, "num10") == 0) {
		put_num10(g, v);
	} else if (strcmp(type, "num12") == 0) {
		put_num12(g, v);
	} else if (strcmp(type, "ean") == 0) {
		put_ean(g, v);
	} else if (strcmp(type, "oiban") == 0) {
		put_iban(g, v, 2);
	} else {
		die("unknown template key '%s'", key);
	}
}

static void expand(struct gen *g, struct val *v, const char *t, struct person *ps);

/* Pick from n templates, never one already in used[0..*nused). */
static const char *pick_fresh(struct gen *g, const char *const *tpl, size_t n,
			      const char **used, int *nused)
{
	const char *t;
	int i, again;

	do {
		t = tpl[rng_below(&g->r, (uint32_t)n)];
		again = 0;
		for (i = 0; i < *nused; i++)
			if (used[i] == t)
				again = 1;
	} while (again);
	used[(*nused)++] = t;
	return t;
}

static void expand(struct gen *g, struct val *v, const char *t, struct person *ps)
{
	while (*t) {
		const char *o = strchr(t, '{'), *c;

		if (!o) {
			add_str(g, &v->b, t);
			return;
		}
		add_text(g, &v->b, t, (size_t)(o - t));
		c = strchr(o, '}');
		if (!c)
			die("unterminated template key in '%s'", t);
		put_key(g, v, o + 1, (size_t)(c - o - 1), ps);
		t = c + 1;
	}
}

/* Sentences with no personal data (some mention phones or passports
 * without a number, a trap for context rules). */
static const char *const clean_sentences[] = {
	"Прошу розглянути звернення у встановлений законом строк.",
	"Дякую за розуміння.",
	"Ситуація триває вже понад місяць, відповіді від управителя будинку немає.",
	"Неодноразово телефонував на гарячу лінію, але питання не вирішено.",
	"Прошу вжити заходів щодо ремонту покрівлі, бо під час дощу тече стеля.",
	"На прибудинковій території не вивозять сміття вже два тижні.",
	"Освітлення у дворі не працює з минулої осені.",
	"Прошу роз'яснити порядок призначення субсидії на оплату житлово-комунальних послуг.",
	"Копію паспорта та довідку про доходи додаю.",
	"Прошу повідомити результат розгляду листом або за телефоном.",
	"Дитячий майданчик потребує заміни гойдалок і пісочниці.",
	"Прошу перевірити правильність нарахувань за теплопостачання за опалювальний сезон.",
	"У під'їзді не працює ліфт, мешканці похилого віку не можуть вийти з дому.",
	"Прошу включити нашу вулицю до плану капітального ремонту доріг на наступний рік.",
	"Документи подано через центр надання адміністративних послуг.",
	"На перехресті потрібен пішохідний перехід і світлофор, бо поруч школа.",
	"Прошу надати інформацію про графік прийому громадян.",
	"Звертаюся повторно, бо попередня відповідь не містила рішення по суті.",
	"Вода в кранах має неприємний запах і колір.",
	"Гілки дерев нависають над лінією електропередачі.",
	"Прошу розглянути можливість встановлення пандуса біля входу до амбулаторії.",
	"Маршрутний автобус у вихідні дні не курсує за розкладом.",
	"Дякую працівникам управління за оперативне реагування.",
	"Прошу врахувати, що я є особою з інвалідністю ІІ групи.",
	"Рішення прошу надіслати на електронну пошту.",
	"Заявник є громадянином України і проживає в громаді понад десять років.",
	"Власник ТОВ \"Житлосервіс\" на зв'язок не виходить.",
};

static const char *const aid_notes[] = {
	"виплату здійснено {0n.d}",
	"кошти перераховано на картку {0card}",
	"отримувач за довіреністю — {1n}, паспорт {1pass}",
	"повторне звернення; попередня справа № {num10}",
	"згідно з рішенням виконкому від {date} {dec}",
	"тел. {2?сина|доньки}: {2ph}",
	"опікун — {1n}, {1dobn} р.н.",
	"на дитину: {2n}, свідоцтво про народження {2bc}",
	"сума {amt} грн; КЕКВ {kekv}",
	"довідка ВПО № {num10} від {date}",
	"адреса фактичного проживання: {0addr}",
	"рахунок отримувача змінено на {0iban}",
	"передано до КП \"Центр надання соціальних послуг\" (код ЄДРПОУ {edrpou})",
	"УНЗР {0unzr}",
	"ID-картка № {0idc}",
	"виплату {1?отримав чоловік|отримала дружина} {1ni}",
	"виплата через представника — {1ng}, тел. {1ph}",
	"e-mail для повідомлень: {0em}",
	"погоджено {o1n.i}",
	"особовий рахунок {num12}",
};

static const char *const appeal_texts[] = {
	"Прошу надати матеріальну допомогу на лікування. Мій тел. {0ph}, ел. пошта {0em}.",
	"Я, {0n}, {0dobn} р.н., паспорт {0pass}, прошу розглянути питання про надання допомоги.",
	"Прошу перерахувати кошти на картку {0card}.",
	"Прошу перерахувати кошти на рахунок {0iban}, РНОКПП {0tax}.",
	"Звертаюся щодо {3?мого батька|моєї матері}, {3n.g}, {3?який|яка} проживає за адресою: {3addr}.",
	"{1?Мій сусід|Моя сусідка}, {1ng}, постійно паркує автомобіль {1plate} на дитячому майданчику.",
	"Прошу повідомити про стан розгляду заяви, зареєстрованої {date} за {dec}.",
	"Прошу оформити субсидію. ІПН: {0tax}, тел. {0ph}.",
	"Додаю копію паспорта {0pass} та довідку про доходи на суму {amt} грн.",
	"Прошу видати довідку про склад сім'ї. Діти: {2n}, свідоцтво про народження {2bc}.",
	"Прошу виправити помилку в УНЗР {0unzr} у базі соцзахисту.",
	"Прошу надати дозвіл на розробку проєкту землеустрою, кадастровий номер {0cad}.",
	"Мій закордонний паспорт {0fpass} втрачено, прошу видати довідку.",
	"Паспорт громадянина України у формі ID-картки № {0idc}, УНЗР {0unzr}.",
	"Контактна особа — {1n}, тел. {1ph}.",
	"Зателефонуйте мені, будь ласка: {0ph} (після 18:00).",
	"Прошу зв'язатися зі мною за номером {0ph} або {0phf}.",
	"У квитанції вказано особовий рахунок {num12}, а сума нарахування {amt} грн не відповідає показникам лічильника.",
	"На товарі штрих-код {ean}, продавець — ТОВ \"Смарт Трейд\" (ЄДРПОУ {edrpou}).",
	"Справа № {num10} розглядається з {date}, рішення досі немає.",
	"Прошу надіслати відповідь на адресу {0addr} (індекс {postal}).",
	"Мої дані: {0n}, дата народження: {0dobt}, РНОКПП {0tax}.",
	"Кошти з рахунку {oiban} (казначейський рахунок міської ради) мені не надійшли.",
	"Відповідно до рішення від {date} {dec} мені мала бути виплачена допомога {amt} грн, але кошти досі не надійшли.",
	"Мої дані: {0n}, РНОКПП {0tax}, тел. {0ph}, e-mail: {0em}.",
	"Прошу перевірити, чи правильно вказано мій номер {0ph} у реєстрі.",
	"Прошу призначити допомогу на дитину {2ni}, {2dobn} р.н.",
	"Прошу допомогти {3?моєму батькові|моїй матері} {3n.d}, {3doby} року народження.",
	"Сусід {1ni}, {1doby} р.н., мешкає поверхом вище.",
	"Мій {2?син|донька} {2ngo}, учень 5-Б класу, постраждав на дитячому майданчику.",
	"Прошу надати путівку до табору {2?моєму синові|моїй доньці} {2ngo.d}.",
	"Прошу зареєструвати місце проживання {3?мого батька|моєї матері} {3n.g} ({3dob} р.н.) за моєю адресою.",
	"{1?Сусід|Сусідка} {1ni} просить зв'язатися з {1?ним|нею} за тел. {1ph}.",
	"Прошу надати копію рішення {dec} від {date} щодо КПКВК {kpkvk}.",
	"Кошти прошу перерахувати на картку {0card} або на рахунок {0iban}.",
	"Повідомляю, що {1n} ({1ph}) систематично порушує тишу після 22:00.",
	"{1?Сусід|Сусідка}, гр. {1ns}, систематично порушує тишу після 22:00.",
	"Скарга на дії {1?громадянина|громадянки} {1ns.g} надійшла повторно.",
	"Прошу вплинути на {1?мешканця|мешканку} {1ns.g}, {1?який|яка} залишає сміття біля під'їзду.",
};

static const char *const appeal_answers[] = {
	"Виплату здійснено {0n.d} згідно з розпорядженням міського голови від {date} {dec}.",
	"Надано роз'яснення {0n.d} листом від {date} {dec}.",
	"{0n.d} надано матеріальну допомогу в сумі {amt} грн.",
	"Звернення {0n.g} розглянуто, питання вирішено позитивно.",
	"Між управлінням та {0n.i} укладено договір від {date} {dec}.",
	"{0ni.d} запропоновано особистий прийом у {o1n.g}.",
	"Звернення передано на розгляд {o1n.d}.",
	"Відповідь надіслано на адресу заявника {date}.",
	"Роз'яснення надано телефоном {date}.",
	"Питання на контролі {o0n.g}, виконавець — {o3n}, тел. {o3ph}.",
	"Заяву {0ni.g} задоволено, кошти перераховано на рахунок {0iban}.",
	"Копію відповіді вручено {0?пану|пані} {0ns.d} особисто {date}.",
	"Лист {1?громадянина|громадянки} {1nf.g} щодо оренди приміщення розглянуто.",
	"{0?Заявник|Заявниця} {0ns} з рішенням {0?ознайомлений|ознайомлена}.",
};

/* ------------------------------------------------------------------ */
/* output: a buffered sink, truth lines                               */

struct sink {
	FILE *f;
	const char *path;
	struct buf b, enc;
	int cp1251;
	unsigned long long bytes;
};

static void sink_open(struct sink *s, const char *path, int cp1251)
{
	memset(s, 0, sizeof *s);
	s->f = fopen(path, "wb");
	if (!s->f)
		die("cannot create '%s': %s", path, strerror(errno));
	s->path = path;
	s->cp1251 = cp1251;
}

/* UTF-8 -> Windows-1251; an unmappable character is a generator bug. */
static void encode_cp1251(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	buf_clear(out);
	buf_reserve(out, n);
	while (p < end) {
		int len, c;
		uint32_t u = utf8_decode(p, &len);

		c = cp1251_from_ucs(u);
		if (c < 0)
			die("cannot encode U+%04X in windows-1251", (unsigned)u);
		out->p[out->len++] = (char)c;
		p += len;
	}
	out->p[out->len] = '\0';
}

static void sink_flush(struct sink *s)
{
	const char *p = s->b.p;
	size_t n = s->b.len;

	if (!n)
		return;
	if (s->cp1251) {
		encode_cp1251(&s->enc, s->b.p, s->b.len);
		p = s->enc.p;
		n = s->enc.len;
	}
	if (fwrite(p, 1, n, s->f) != n)
		die("cannot write '%s': %s", s->path, strerror(errno));
	s->bytes += n;
	buf_clear(&s->b);
}

static void sink_record_done(struct sink *s)
{
	if (s->b.len >= (1u << 20))
		sink_flush(s);
}

static void sink_close(struct sink *s)
{
	sink_flush(s);
	if (ferror(s->f) || fclose(s->f) != 0)
		die("cannot write '%s'", s->path);
	buf_release(&s->b);
	buf_release(&s->enc);
}

/* JSON string body: escapes " \ and controls; ascii: \uXXXX for the rest. */
static void json_escape(struct buf *b, const char *s, size_t n, int ascii)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	static const char hex[] = "0123456789abcdef";

	while (p < end) {
		const unsigned char *q = p;

		while (q < end && *q >= 0x20 && *q != '"' && *q != '\\' && (*q < 0x80 || !ascii))
			q++;
		buf_add(b, (const char *)p, (size_t)(q - p));
		if (q == end)
			break;
		p = q;
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p++);
		} else if (*p == '\n') {
			buf_adds(b, "\\n");
			p++;
		} else if (*p == '\r') {
			buf_adds(b, "\\r");
			p++;
		} else if (*p == '\t') {
			buf_adds(b, "\\t");
			p++;
		} else {
			int len;
			uint32_t u = *p < 0x80 ? *p : utf8_decode(p, &len);
			char e[7];

			if (*p < 0x80)
				len = 1;
			if (u > 0xFFFF)
				die("astral code points are not generated");
			e[0] = '\\';
			e[1] = 'u';
			e[2] = hex[(u >> 12) & 15];
			e[3] = hex[(u >> 8) & 15];
			e[4] = hex[(u >> 4) & 15];
			e[5] = hex[u & 15];
			buf_add(b, e, 6);
			p += len;
		}
	}
}

static void json_string(struct buf *b, const char *s, size_t n, int ascii)
{
	buf_addc(b, '"');
	json_escape(b, s, n, ascii);
	buf_addc(b, '"');
}

/* One truth line per span of v (no-op in bench mode). */
static void truth_emit(struct gen *g, long rec, const char *field, const struct val *v)
{
	int i;

	if (!g->truth)
		return;
	for (i = 0; i < v->nsp; i++) {
		const struct span *s = &v->sp[i];
		struct buf *t = &g->tb;

		buf_adds(t, "{\"record\": ");
		buf_addnum(t, (unsigned long long)rec, 0);
		buf_adds(t, ", \"field\": ");
		json_string(t, field, strlen(field), 0);
		buf_adds(t, ", \"start\": ");
		buf_addnum(t, s->start, 0);
		buf_adds(t, ", \"end\": ");
		buf_addnum(t, s->end, 0);
		buf_adds(t, ", \"category\": \"");
		buf_adds(t, cat_name[s->cat]);
		buf_adds(t, "\"");
		if (IS_DECOY(s->cat))
			buf_adds(t, ", \"decoy\": true");
		if (s->flags & FL_OFFICIAL)
			buf_adds(t, ", \"official\": true");
		if (s->house[1] > s->house[0]) {
			buf_adds(t, ", \"parts\": {\"house\": [");
			buf_addnum(t, s->house[0], 0);
			buf_adds(t, ", ");
			buf_addnum(t, s->house[1], 0);
			if (s->apt[1] > s->apt[0]) {
				buf_adds(t, "], \"apartment\": [");
				buf_addnum(t, s->apt[0], 0);
				buf_adds(t, ", ");
				buf_addnum(t, s->apt[1], 0);
			}
			buf_adds(t, "]}");
		}
		buf_adds(t, ", \"value\": ");
		json_string(t, v->b.p + s->start, s->end - s->start, 0);
		buf_adds(t, "}\n");
	}
	if (g->tb.len >= (1u << 20)) {
		if (fwrite(g->tb.p, 1, g->tb.len, g->truth) != g->tb.len)
			die("cannot write truth: %s", strerror(errno));
		buf_clear(&g->tb);
	}
}

static FILE *truth_open(struct gen *g, const char *path)
{
	g->truth = fopen(path, "wb");
	if (!g->truth)
		die("cannot create '%s': %s", path, strerror(errno));
	buf_clear(&g->tb);
	return g->truth;
}

static void truth_close(struct gen *g, const char *path)
{
	if (g->tb.len && fwrite(g->tb.p, 1, g->tb.len, g->truth) != g->tb.len)
		die("cannot write '%s': %s", path, strerror(errno));
	buf_clear(&g->tb);
	if (ferror(g->truth) || fclose(g->truth) != 0)
		die("cannot write '%s'", path);
	g->truth = NULL;
}

/* ------------------------------------------------------------------ */
/* flat records: CSV rows and flat JSON objects                       */

#define MAX_FIELDS 24

struct rec {
	int nf;
	const char *name[MAX_FIELDS];
	unsigned char quote[MAX_FIELDS];   /* always quote this column */
	struct val v[MAX_FIELDS];
};

static void rec_setup(struct rec *r, const char *const *names, int n)
{
	int i;

	if (n > MAX_FIELDS)
		die("too many columns");
	r->nf = n;
	for (i = 0; i < n; i++) {
		r->name[i] = names[i];
		r->quote[i] = 0;
	}
}

static void rec_clear(struct rec *r)
{
	int i;

	for (i = 0; i < r->nf; i++)
		val_clear(&r->v[i]);
}

static void rec_release(struct rec *r)
{
	int i;

	for (i = 0; i < MAX_FIELDS; i++)
		buf_release(&r->v[i].b);
}

static void csv_field(struct buf *b, const char *s, size_t n, char sep, int force)
{
	size_t i;
	int need = force;

	for (i = 0; i < n && !need; i++)
		if (s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			need = 1;
	if (!need) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	while (n) {
		const char *q = memchr(s, '"', n);
		size_t k = q ? (size_t)(q - s) + 1 : n;

		buf_add(b, s, k);
		if (q)
			buf_addc(b, '"');
		s += k;
		n -= k;
	}
	buf_addc(b, '"');
}

static void csv_header(struct sink *o, const struct rec *r, char sep, const char *eol)
{
	int i;

	for (i = 0; i < r->nf; i++) {
		if (i)
			buf_addc(&o->b, sep);
		csv_field(&o->b, r->name[i], strlen(r->name[i]), sep, 0);
	}
	buf_adds(&o->b, eol);
}

static void csv_row(struct gen *g, struct sink *o, const struct rec *r, long recno,
		    char sep, const char *eol)
{
	int i;

	for (i = 0; i < r->nf; i++) {
		if (i)
			buf_addc(&o->b, sep);
		csv_field(&o->b, r->v[i].b.p ? r->v[i].b.p : "", r->v[i].b.len, sep, r->quote[i]);
		truth_emit(g, recno, r->name[i], &r->v[i]);
	}
	buf_adds(&o->b, eol);
	sink_record_done(o);
}

/* A flat record as one JSON object on one line (bench JSONL). */
static void json_flat_row(struct gen *g, struct sink *o, const struct rec *r, long recno)
{
	int i;

	buf_addc(&o->b, '{');
	for (i = 0; i < r->nf; i++) {
		if (i)
			buf_adds(&o->b, ", ");
		json_string(&o->b, r->name[i], strlen(r->name[i]), 0);
		buf_adds(&o->b, ": ");
		json_string(&o->b, r->v[i].b.p ? r->v[i].b.p : "", r->v[i].b.len, 0);
		truth_emit(g, recno, r->name[i], &r->v[i]);
	}
	buf_adds(&o->b, "}\n");
	sink_record_done(o);
}

/* ------------------------------------------------------------------ */
/* nested JSON writer that tracks field paths (a.b, a[].b)            */

struct jw {
	struct gen *g;
	struct buf *out;
	long rec;
	int ascii, pretty, indent0, depth;
	struct {
		int is_arr, count;
		size_t path_restore;
	} lv[16];
	struct buf path;
};

static void jw_newline(struct jw *w, int level)
{
	int i;

	buf_addc(w->out, '\n');
	for (i = 0; i < w->indent0 + level; i++)
		buf_adds(w->out, "  ");
}

/* Separator, key; extends the path to the value's path; returns the
 * path length to restore. */
static size_t jw_begin(struct jw *w, const char *key)
{
	size_t old = w->path.len;

	if (w->lv[w->depth].count++)
		buf_addc(w->out, ',');
	if (w->pretty)
		jw_newline(w, w->depth + 1);
	else if (w->lv[w->depth].count > 1)
		buf_addc(w->out, ' ');
	if (!w->lv[w->depth].is_arr) {
		json_string(w->out, key, strlen(key), w->ascii);
		buf_adds(w->out, ": ");
		if (old)
			buf_addc(&w->path, '.');
		buf_adds(&w->path, key);
	}
	return old;
}

static void jw_end(struct jw *w, size_t old)
{
	w->path.len = old;
	if (w->path.p)
		w->path.p[old] = '\0';
}

static void jw_record_begin(struct jw *w, long rec)
{
	w->rec = rec;
	w->depth = 0;
	w->lv[0].is_arr = 0;
	w->lv[0].count = 0;
	buf_clear(&w->path);
	buf_adds(&w->path, "");
	buf_addc(w->out, '{');
}

static void jw_record_end(struct jw *w)
{
	if (w->pretty && w->lv[0].count)
		jw_newline(w, 0);
	buf_addc(w->out, '}');
}

static void jw_open(struct jw *w, const char *key, int is_arr)
{
	size_t old = jw_begin(w, key);

	buf_addc(w->out, is_arr ? '[' : '{');
	if (is_arr)
		buf_adds(&w->path, "[]");
	if (++w->depth >= 16)
		die("JSON too deep");
	w->lv[w->depth].is_arr = is_arr;
	w->lv[w->depth].count = 0;
	w->lv[w->depth].path_restore = old;
}

static void jw_close(struct jw *w)
{
	int is_arr = w->lv[w->depth].is_arr, count = w->lv[w->depth].count;

	jw_end(w, w->lv[w->depth].path_restore);
	w->depth--;
	if (w->pretty && count)
		jw_newline(w, w->depth + 1);
	buf_addc(w->out, is_arr ? ']' : '}');
}

static void jw_str(struct jw *w, const char *key, const struct val *v)
{
	size_t old = jw_begin(w, key);

	json_string(w->out, v->b.p ? v->b.p : "", v->b.len, w->ascii);
	truth_emit(w->g, w->rec, w->path.p, v);
	jw_end(w, old);
}

/* A number literal; truth offsets are into its text as written. */
static void jw_lit(struct jw *w, const char *key, const struct val *v)
{
	size_t old = jw_begin(w, key);

	buf_add(w->out, v->b.p, v->b.len);
	truth_emit(w->g, w->rec, w->path.p, v);
	jw_end(w, old);
}

static void jw_raw(struct jw *w, const char *key, const char *lit)
{
	size_t old = jw_begin(w, key);

	buf_adds(w->out, lit);
	jw_end(w, old);
}

static void jw_int(struct jw *w, const char *key, long n)
{
	size_t old = jw_begin(w, key);

	buf_addnum(w->out, (unsigned long long)n, 0);
	jw_end(w, old);
}

/* ------------------------------------------------------------------ */
/* dataset: social-aid register (UTF-8 CSV, ';')                      */

static const char *const aid_cols[] = {
	"№ з/п", "ПІБ", "РНОКПП", "Дата народження", "Адреса", "Індекс", "Телефон",
	"Категорія отримувача", "Вид допомоги", "Сума допомоги", "Дата рішення",
	"№ рішення", "Номер справи", "Рахунок для зарахування", "Примітка",
	"Відповідальна особа",
};
enum {
	A_NO, A_PIB, A_TAX, A_DOB, A_ADDR, A_POST, A_PHONE, A_CAT, A_KIND, A_SUM,
	A_DDATE, A_DNO, A_CASE, A_ACC, A_NOTE, A_RESP, A_N
};

static const char *const aid_categories[] = {
	"особа з інвалідністю II групи", "особа з інвалідністю I групи",
	"учасник бойових дій", "внутрішньо переміщена особа", "багатодітна сім'я",
	"малозабезпечена сім'я", "дитина-сирота", "пенсіонер", "член сім'ї загиблого",
	"постраждалий внаслідок Чорнобильської катастрофи (2 категорія)",
	"дитина з інвалідністю", "одинока мати",
};
static const char *const aid_kinds[] = {
	"одноразова матеріальна допомога на лікування", "допомога на поховання",
	"компенсація за комунальні послуги", "матеріальна допомога до Дня Незалежності",
	"допомога на оздоровлення дітей", "допомога на ремонт житла після обстрілу",
	"матеріальна допомога на придбання твердого палива",
	"одноразова допомога при народженні дитини",
};

/* Separate the next sentence from what v holds (nothing at the start). */
static void sentence_gap(struct val *v)
{
	if (v->b.len && v->b.p[v->b.len - 1] != ' ' && v->b.p[v->b.len - 1] != '\n')
		buf_addc(&v->b, ' ');
}

static void clean_text(struct gen *g, struct val *v, int n)
{
	int i, k, again;

	for (i = 0; i < n; i++) {
		const char *t;

		do {
			t = PICK(&g->r, clean_sentences);
			for (again = 0, k = 0; k < g->nsaid; k++)
				again |= g->said[k] == t;
		} while (again);
		if (g->nsaid < (int)COUNT(g->said))
			g->said[g->nsaid++] = t;
		sentence_gap(v);
		add_str(g, &v->b, t);
	}
}

static void build_aid(struct gen *g, struct rec *r, long i)
{
	struct person ps[NPEOPLE];
	struct val *v;
	unsigned x;
	int refused;

	rec_clear(r);
	make_family(g, ps, 1938, 2005);
	set_apos(g);

	buf_addnum(&r->v[A_NO].b, (unsigned long long)i + 1, 0);
	x = rng_below(&g->r, 100);
	put_name(g, &r->v[A_PIB], &ps[0], CS_NOM,
		 x < 75 ? NS_SGP : x < 87 ? NS_UGP : x < 95 ? NS_S_IP : NS_S_I_P, 0);
	refused = rng_pct(&g->r, 4);
	if (!refused)
		put_tax(g, &r->v[A_TAX], &ps[0]);
	put_dob(g, &r->v[A_DOB], &ps[0], dob_style_column(g));
	put_address(g, &r->v[A_ADDR], &ps[0], rng_pct(&g->r, 60));
	if (rng_pct(&g->r, 90))
		put_postal(g, &r->v[A_POST], ps[0].town);

	v = &r->v[A_PHONE];
	x = rng_below(&g->r, 100);
	if (x < 80) {
		put_mobile(g, v, &ps[0]);
	} else if (x < 88) {
		put_home_phone(g, v, &ps[0]);
	} else if (x < 96) {
		put_mobile(g, v, &ps[0]);
		buf_adds(&v->b, rng_pct(&g->r, 50) ? ", " : "; ");
		if (rng_pct(&g->r, 50))
			put_home_phone(g, v, &ps[0]);
		else
			put_mobile(g, v, &ps[1]);
	}

	add_str(g, &r->v[A_CAT].b, PICK(&g->r, aid_categories));
	add_str(g, &r->v[A_KIND].b, PICK(&g->r, aid_kinds));
	put_amount(g, &r->v[A_SUM], aid_kop(g));
	put_event_date(g, &r->v[A_DDATE], rng_pct(&g->r, 10));
	put_decision_no(g, &r->v[A_DNO], rng_pct(&g->r, 50));
	if (rng_pct(&g->r, 85))
		put_num10(g, &r->v[A_CASE]);

	x = rng_below(&g->r, 100);
	if (x < 60)
		put_iban(g, &r->v[A_ACC], 0);
	else if (x < 85)
		put_card(g, &r->v[A_ACC]);
	else
		add_str(g, &r->v[A_ACC].b, "готівкою через АТ «Укрпошта»");

	v = &r->v[A_NOTE];
	if (refused) {
		expand(g, v, "відмова від РНОКПП через релігійні переконання, паспорт {0pass}", ps);
	} else if (g->bench) {
		clean_text(g, v, 2 + (int)rng_below(&g->r, 5));
		if (rng_pct(&g->r, 25)) {
			sentence_gap(v);
			expand(g, v, PICK(&g->r, aid_notes), ps);
		}
	} else if (rng_pct(&g->r, 45)) {
		const char *used[2];
		int nused = 0;

		expand(g, v, pick_fresh(g, aid_notes, COUNT(aid_notes), used, &nused), ps);
		if (rng_pct(&g->r, 20)) {
			buf_adds(&v->b, "; ");
			expand(g, v, pick_fresh(g, aid_notes, COUNT(aid_notes), used, &nused), ps);
		}
	}

	v = &r->v[A_RESP];
	add_str(g, &v->b, g->off[1].position);
	buf_addc(&v->b, ' ');
	put_official(g, v, 1, CS_NOM);
}

/* The same register as a 1C export: Windows-1251, CRLF, fewer columns. */
static const char *const aid1c_cols[] = {
	"№", "Прізвище, ім'я, по батькові", "ІПН", "Дата нар.", "Адреса", "Телефон",
	"Сума", "Дата рішення", "№ рішення", "Примітка",
};
enum { B_NO, B_PIB, B_TAX, B_DOB, B_ADDR, B_PHONE, B_SUM, B_DDATE, B_DNO, B_NOTE, B_N };

static void build_aid1c(struct gen *g, struct rec *r, long i)
{
	struct person ps[NPEOPLE];
	unsigned x;

	rec_clear(r);
	make_family(g, ps, 1938, 2005);
	set_apos(g);
	buf_addnum(&r->v[B_NO].b, (unsigned long long)i + 1, 0);
	x = rng_below(&g->r, 100);
	put_name(g, &r->v[B_PIB], &ps[0], CS_NOM, x < 35 ? NS_UUU : x < 90 ? NS_SGP : NS_S_IP, 0);
	put_tax(g, &r->v[B_TAX], &ps[0]);
	put_dob(g, &r->v[B_DOB], &ps[0], rng_pct(&g->r, 90) ? 0 : 1);
	put_address(g, &r->v[B_ADDR], &ps[0], rng_pct(&g->r, 50));
	if (rng_pct(&g->r, 90))
		put_mobile(g, &r->v[B_PHONE], &ps[0]);
	put_amount_style(g, &r->v[B_SUM], aid_kop(g), rng_pct(&g->r, 60) ? 2 : 1);
	put_event_date(g, &r->v[B_DDATE], 0);
	put_decision_no(g, &r->v[B_DNO], 0);
	if (rng_pct(&g->r, 30))
		expand(g, &r->v[B_NOTE], PICK(&g->r, aid_notes), ps);
}

/* ------------------------------------------------------------------ */
/* dataset: citizen appeals (CSV, ',', free text)                     */

static const char *const appeal_cols[] = {
	"№", "Дата надходження", "Заявник", "Адреса заявника", "Контактний телефон",
	"Ел. пошта", "Зміст звернення", "Відповідь", "Виконавець", "Статус",
};
enum { P_NO, P_DATE, P_WHO, P_ADDR, P_PHONE, P_EMAIL, P_TEXT, P_ANSWER, P_EXEC, P_STATUS, P_N };

static void build_appeal(struct gen *g, struct rec *r, long i)
{
	static const char *const status[] = {"виконано", "в роботі", "роз'яснено", "відмовлено", "виконано"};
	struct person ps[NPEOPLE];
	struct val *v;
	const char *used[3];
	unsigned x;
	int k, n, nused;

	rec_clear(r);
	make_family(g, ps, 1938, 2005);
	set_apos(g);
	r->quote[P_TEXT] = r->quote[P_ANSWER] = 1;

	v = &r->v[P_NO];
	buf_adds(&v->b, "Г-");
	buf_addnum(&v->b, (unsigned long long)(1000 + i), 0);
	buf_adds(&v->b, "/24");
	put_event_date(g, &r->v[P_DATE], 0);

	x = rng_below(&g->r, 100);
	if (x < 7)
		buf_adds(&r->v[P_WHO].b, "анонімне звернення");
	else
		put_name(g, &r->v[P_WHO], &ps[0], CS_NOM, x < 70 ? NS_SGP : x < 90 ? NS_S_IP : NS_GPS, 0);
	if (x >= 7 && rng_pct(&g->r, 85))
		put_address(g, &r->v[P_ADDR], &ps[0], 1);
	if (x >= 7 && rng_pct(&g->r, 80))
		put_mobile(g, &r->v[P_PHONE], &ps[0]);
	if (x >= 7 && rng_pct(&g->r, 50))
		put_email(g, &r->v[P_EMAIL], &ps[0], NULL);

	v = &r->v[P_TEXT];
	n = 1 + (int)rng_below(&g->r, 3);
	nused = 0;
	for (k = 0; k < n; k++) {
		if (k && rng_pct(&g->r, 20))
			buf_addc(&v->b, '\n');       /* a new paragraph inside the field */
		if (g->bench || rng_pct(&g->r, 25))
			clean_text(g, v, 1 + (int)rng_below(&g->r, g->bench ? 4 : 2));
		sentence_gap(v);
		expand(g, v, pick_fresh(g, appeal_texts, COUNT(appeal_texts), used, &nused), ps);
	}
	if (rng_pct(&g->r, 30))
		clean_text(g, v, 1);

	if (rng_pct(&g->r, 70))
		expand(g, &r->v[P_ANSWER], PICK(&g->r, appeal_answers), ps);

	v = &r->v[P_EXEC];
	k = rng_pct(&g->r, 70) ? 3 : 1;
	add_str(g, &v->b, g->off[k].position);
	buf_addc(&v->b, ' ');
	put_official(g, v, k, CS_NOM);
	if (rng_pct(&g->r, 50)) {
		buf_adds(&v->b, ", тел. ");
		put_official_phone(g, v, k);
	}
	add_str(g, &r->v[P_STATUS].b, PICK(&g->r, status));
}

/* ------------------------------------------------------------------ */
/* dataset: staff list (one JSON array, pretty-printed)               */

static const char *const positions[] = {
	"головний спеціаліст", "провідний спеціаліст", "начальник відділу",
	"заступник начальника управління", "спеціаліст I категорії", "головний бухгалтер",
	"юрисконсульт", "діловод", "інспектор", "економіст", "завідувач сектору",
};
static const char *const departments[] = {
	"Управління освіти", "Департамент соціальної політики", "Відділ звернень громадян",
	"Управління житлово-комунального господарства", "Фінансове управління",
	"Служба у справах дітей", "Відділ культури",
	"Управління праці та соціального захисту населення", "Відділ кадрової роботи",
	"Юридичний відділ", "Відділ з питань надзвичайних ситуацій",
};
static const char *const universities[] = {
	"Київський національний університет імені Тараса Шевченка",
	"Львівський національний університет імені Івана Франка",
	"Дніпровський національний університет імені Олеся Гончара",
	"Національний університет «Києво-Могилянська академія»",
	"Харківський національний університет імені В. Н. Каразіна",
	"Одеський національний університет імені І. І. Мечникова",
	"Прикарпатський національний університет імені Василя Стефаника",
	"Національний технічний університет \"Дніпровська політехніка\"",
	"Полтавський національний педагогічний університет імені В. Г. Короленка",
};

static void build_staff(struct gen *g, struct jw *w, long i)
{
	struct person ps[NPEOPLE];
	struct val v = {0};
	int k, nk;

	make_family(g, ps, 1962, 2001);
	set_apos(g);
	ps[0].town = rng_pct(&g->r, 85) ? g->council : ps[0].town;
	jw_record_begin(w, i);
	jw_int(w, "id", i + 1);

	put_name(g, &v, &ps[0], CS_NOM, rng_pct(&g->r, 90) ? NS_SGP : NS_UGP, 0);
	jw_str(w, "name", &v);
	val_clear(&v);
	add_str(g, &v.b, PICK(&g->r, positions));
	jw_str(w, "position", &v);
	val_clear(&v);
	add_str(g, &v.b, PICK(&g->r, departments));
	jw_str(w, "department", &v);
	val_clear(&v);
	{
		char nsn[10];
		int alen = make_fixed(g, g->council, nsn);

		put_phone(g, &v, nsn, alen, 1, 0);
	}
	jw_str(w, "work_phone", &v);
	val_clear(&v);
	put_email(g, &v, &ps[0], g->council->domain);
	jw_str(w, "email", &v);
	val_clear(&v);
	put_dob(g, &v, &ps[0], rng_pct(&g->r, 70) ? 1 : 0);
	jw_str(w, "birth_date", &v);
	val_clear(&v);
	k = (int)rng_below(&g->r, 100);
	if (k < 5) {
		jw_raw(w, "tax_id", "null");
	} else {
		put_tax(g, &v, &ps[0]);
		if (k < 12 && ps[0].tax[0] != '0')
			jw_lit(w, "tax_id", &v);       /* exported as a JSON number */
		else
			jw_str(w, "tax_id", &v);
	}
	val_clear(&v);
	put_iban(g, &v, 0);
	jw_str(w, "salary_iban", &v);
	val_clear(&v);
	buf_addnum(&v.b, 9000 + rng_below(&g->r, 30) * 500, 0);
	buf_adds(&v.b, ".00");
	jw_raw(w, "salary", v.b.p);
	val_clear(&v);
	put_event_date(g, &v, 1);
	jw_str(w, "hired", &v);
	val_clear(&v);
	expand(g, &v, "наказ від {date} ", ps);
	{
		size_t start = v.b.len;

		buf_adds(&v.b, "№ ");
		buf_addnum(&v.b, 1 + rng_below(&g->r, 400), 0);
		buf_adds(&v.b, "-к");
		val_span(&v, start, D_DECISION_NO, 0);
	}
	jw_str(w, "order", &v);
	val_clear(&v);

	jw_open(w, "contacts", 0);
	put_mobile(g, &v, &ps[0]);
	jw_str(w, "phone", &v);
	val_clear(&v);
	if (rng_pct(&g->r, 70)) {
		put_email(g, &v, &ps[0], NULL);
		jw_str(w, "email", &v);
	} else {
		jw_raw(w, "email", "null");
	}
	val_clear(&v);
	put_address(g, &v, &ps[0], 1);
	jw_str(w, "address", &v);
	val_clear(&v);
	jw_close(w);

	if (rng_pct(&g->r, 15)) {
		jw_open(w, "phones", 1);
		put_mobile(g, &v, &ps[0]);
		jw_str(w, NULL, &v);
		val_clear(&v);
		make_mobile(g, ps[1].mob);
		put_mobile(g, &v, &ps[1]);
		jw_str(w, NULL, &v);
		val_clear(&v);
		jw_close(w);
	}

	jw_open(w, "children", 1);
	nk = rng_pct(&g->r, 25) && ps[2].y >= 2007 ? 1 + (int)rng_below(&g->r, 2) : 0;
	for (k = 0; k < nk; k++) {
		if (k) {
			int y = ps[2].y;

			person_new(g, &ps[2], y, y + 4 < 2024 ? y + 4 : 2024);
			ps[2].sur = ps[0].sur;
		}
		jw_open(w, NULL, 0);
		put_name(g, &v, &ps[2], CS_NOM, NS_SGP, 0);
		jw_str(w, "name", &v);
		val_clear(&v);
		put_dob(g, &v, &ps[2], 1);
		jw_str(w, "birth_date", &v);
		val_clear(&v);
		put_birth_cert(g, &v);
		jw_str(w, "birth_certificate", &v);
		val_clear(&v);
		jw_close(w);
	}
	jw_close(w);

	jw_open(w, "education", 1);
	jw_open(w, NULL, 0);
	add_str(g, &v.b, PICK(&g->r, universities));
	jw_str(w, "institution", &v);
	val_clear(&v);
	jw_int(w, "year", ps[0].y + 22 + (long)rng_below(&g->r, 3));
	jw_close(w);
	jw_close(w);

	if (rng_pct(&g->r, 6)) {
		expand(g, &v, "у відпустці по догляду за дитиною до {date}", ps);
		jw_str(w, "note", &v);
	} else {
		jw_raw(w, "note", "null");
	}
	jw_record_end(w);
	buf_release(&v.b);
}

/* ------------------------------------------------------------------ */
/* dataset: contracts (JSON Lines)                                    */

static const char *const subjects[] = {
	"Поточний ремонт покрівлі ЗЗСО № 45",
	"Постачання канцелярського приладдя",
	"Послуги з вивезення твердих побутових відходів",
	"Технічне обслуговування ліфтів",
	"Постачання продуктів харчування для закладів дошкільної освіти",
	"Послуги з поточного ремонту доріг",
	"Придбання комп'ютерної техніки",
	"Послуги з охорони приміщень",
	"Послуги з прибирання приміщень",
	"Постачання паливно-мастильних матеріалів",
	"Послуги з організації харчування учнів",
	"Розробка проєктно-кошторисної документації",
};
static const char *const companies[] = {
	"Будсервіс", "Техноторг", "Агроресурс", "Електромонтаж", "Вектор-Плюс", "Альфа-Буд",
	"Світлотех", "Медсервіс", "ОфісПром", "Аква-Сервіс", "Дорбуд", "Укрпостач", "Клін Сіті",
	"Еко-Транс", "Смарт Трейд", "Поділля-Харчосервіс",
};

/* "Дніпровська міська рада" -> "Дніпровської міської ради" */
static void council_genitive(struct buf *b, const char *s)
{
	while (*s) {
		const char *sp = strchr(s, ' ');
		size_t n = sp ? (size_t)(sp - s) : strlen(s);

		if (n == strlen("рада") && memcmp(s, "рада", n) == 0) {
			buf_adds(b, "ради");
		} else if (n >= 2 && memcmp(s + n - 2, "а", 2) == 0) {
			buf_add(b, s, n - 2);
			buf_adds(b, "ої");
		} else {
			buf_add(b, s, n);
		}
		s += n;
		if (*s == ' ')
			buf_addc(b, *s++);
	}
}

static void build_contract(struct gen *g, struct jw *w, long i)
{
	static const char *const customers[] = {
		"Виконавчий комітет ", "Управління освіти ", "Департамент соціальної політики ",
		"Управління житлово-комунального господарства ",
	};
	struct person ps[NPEOPLE];
	struct val v = {0};
	int y, m, d, kind, k, nitems;
	unsigned long long total = 0, amounts[3];

	make_family(g, ps, 1938, 2005);
	set_apos(g);
	jw_record_begin(w, i);

	random_date(g, 2023, 2025, &y, &m, &d);
	buf_adds(&v.b, "UA-");
	add_date(&v.b, y, m, d, 1);
	buf_addc(&v.b, '-');
	buf_addnum(&v.b, rng_below(&g->r, 1000000), 6);
	buf_adds(&v.b, rng_pct(&g->r, 80) ? "-a" : "-b");
	val_span(&v, 0, D_NUMBER, 0);
	jw_str(w, "id", &v);
	val_clear(&v);
	put_decision_no(g, &v, rng_pct(&g->r, 50));
	jw_str(w, "contract_number", &v);
	val_clear(&v);
	add_date(&v.b, y, m, d, 1);
	val_span(&v, 0, D_DATE, 0);
	jw_str(w, "date_signed", &v);
	val_clear(&v);
	add_str(g, &v.b, PICK(&g->r, subjects));
	jw_str(w, "subject", &v);
	val_clear(&v);
	put_code(g, &v, PICK(&g->r, kekv_codes));
	jw_str(w, "kekv", &v);
	val_clear(&v);
	put_code(g, &v, PICK(&g->r, kpkvk_codes));
	jw_str(w, "kpkvk", &v);
	val_clear(&v);

	nitems = 1 + (int)rng_below(&g->r, 3);
	for (k = 0; k < nitems; k++) {
		amounts[k] = (1000 + rng_below(&g->r, 400000)) * 100ull + rng_below(&g->r, 100);
		total += amounts[k];
	}
	put_amount_style(g, &v, total, 3);
	jw_lit(w, "amount", &v);
	val_clear(&v);
	put_amount_style(g, &v, total, rng_pct(&g->r, 80) ? 0 : 1);
	buf_adds(&v.b, " грн");
	jw_str(w, "amount_text", &v);
	val_clear(&v);
	buf_adds(&v.b, "UAH");
	jw_str(w, "currency", &v);
	val_clear(&v);

	jw_open(w, "customer", 0);
	add_str(g, &v.b, PICK(&g->r, customers));
	council_genitive(&v.b, g->council->council);
	jw_str(w, "name", &v);
	val_clear(&v);
	put_edrpou(g, &v, 1);
	jw_str(w, "edrpou", &v);
	val_clear(&v);
	put_iban(g, &v, 2);
	jw_str(w, "iban", &v);
	val_clear(&v);
	jw_close(w);

	kind = (int)rng_below(&g->r, 100);
	jw_open(w, "supplier", 0);
	if (kind < 40) {
		/* ФОП: a natural person; name, tax number, account, address, phone */
		buf_adds(&v.b, "ФОП");
		jw_str(w, "type", &v);
		val_clear(&v);
		add_str(g, &v.b, rng_pct(&g->r, 70) ? "ФОП " : "Фізична особа-підприємець ");
		put_name(g, &v, &ps[0], CS_NOM, rng_pct(&g->r, 75) ? NS_SGP : NS_S_IP, 0);
		jw_str(w, "name", &v);
		val_clear(&v);
		put_tax(g, &v, &ps[0]);
		jw_str(w, "tax_id", &v);
		val_clear(&v);
		put_iban(g, &v, 0);
		jw_str(w, "iban", &v);
		val_clear(&v);
		put_address(g, &v, &ps[0], 1);
		jw_str(w, "address", &v);
		val_clear(&v);
		put_postal(g, &v, ps[0].town);
		jw_str(w, "postal_code", &v);
		val_clear(&v);
		put_mobile(g, &v, &ps[0]);
		jw_str(w, "phone", &v);
		val_clear(&v);
		if (rng_pct(&g->r, 60)) {
			put_email(g, &v, &ps[0], NULL);
			jw_str(w, "email", &v);
			val_clear(&v);
		}
	} else {
		static const char *const forms[] = {"ТОВ", "ТОВ", "ПП", "КП"};
		const char *form = PICK(&g->r, forms);
		const char *nm = PICK(&g->r, companies);
		const struct settlement *t = pick_town(g);

		buf_adds(&v.b, form);
		jw_str(w, "type", &v);
		val_clear(&v);
		buf_adds(&v.b, form);
		buf_adds(&v.b, rng_pct(&g->r, 60) ? " «" : " \"");
		buf_adds(&v.b, nm);
		buf_adds(&v.b, v.b.p[v.b.len - strlen(nm) - 1] == '"' ? "\"" : "»");
		jw_str(w, "name", &v);
		val_clear(&v);
		put_edrpou(g, &v, strcmp(form, "КП") == 0);
		jw_str(w, "edrpou", &v);
		val_clear(&v);
		put_iban(g, &v, 1);
		jw_str(w, "iban", &v);
		val_clear(&v);
		/* a company's address is not personal data: no truth item */
		buf_adds(&v.b, t->type);
		buf_adds(&v.b, ". ");
		add_str(g, &v.b, t->name);
		buf_adds(&v.b, ", вул. ");
		add_str(g, &v.b, g->L->st[rng_below(&g->r, (uint32_t)g->L->nst)].name);
		buf_adds(&v.b, ", ");
		buf_addnum(&v.b, 1 + rng_below(&g->r, 120), 0);
		jw_str(w, "address", &v);
		val_clear(&v);
		put_postal(g, &v, t);
		jw_str(w, "postal_code", &v);
		val_clear(&v);
	}
	jw_close(w);

	k = rng_pct(&g->r, 80) ? 0 : 4;
	add_str(g, &v.b, k == 0 ? "Міський голова " : "Заступник міського голови ");
	put_official(g, &v, k, CS_NOM);
	jw_str(w, "signatory", &v);
	val_clear(&v);
	put_name(g, &v, &g->off[2], CS_NOM, NS_S_IP, 0);
	buf_adds(&v.b, ", ");
	put_official_phone(g, &v, 2);
	jw_str(w, "responsible", &v);
	val_clear(&v);

	jw_open(w, "items", 1);
	for (k = 0; k < nitems; k++) {
		jw_open(w, NULL, 0);
		put_code(g, &v, PICK(&g->r, kekv_codes));
		jw_str(w, "kekv", &v);
		val_clear(&v);
		put_amount_style(g, &v, amounts[k], rng_pct(&g->r, 70) ? 0 : 2);
		jw_str(w, "amount", &v);
		val_clear(&v);
		jw_close(w);
	}
	jw_close(w);

	k = (int)rng_below(&g->r, 100);
	if (k < 15) {
		expand(g, &v, "Оплата за рахунком-фактурою № {num10} від {date}", ps);
		jw_str(w, "note", &v);
	} else if (k < 22 && kind < 40) {
		expand(g, &v, "ФОП {0ni} діє на підставі виписки з ЄДР від {date}, тел. {0ph}", ps);
		jw_str(w, "note", &v);
	} else if (k < 27) {
		expand(g, &v, "Штрих-код товару {ean}", ps);
		jw_str(w, "note", &v);
	} else {
		jw_raw(w, "note", "null");
	}
	jw_record_end(w);
	buf_release(&v.b);
}

/* ------------------------------------------------------------------ */
/* drivers                                                            */

static void gen_init(struct gen *g, const struct lists *L, uint64_t seed, unsigned stream)
{
	memset(g, 0, sizeof *g);
	g->L = L;
	g->r.s = seed * 0xD1342543DE82EF95ull + stream * 0x9E3779B97F4A7C15ull + 1;
	rng_next(&g->r);
	g->council = &L->se[L->cities[rng_below(&g->r, (uint32_t)L->ncities)]];
	g->apos = "'";
	officials_init(g);
}

static void join(char *out, size_t n, const char *dir, const char *file)
{
	if ((size_t)snprintf(out, n, "%s/%s", dir, file) >= n)
		die("path too long: '%s/%s'", dir, file);
}

static void write_csv_dataset(const struct lists *L, uint64_t seed, const char *dir,
			      const char *file, const char *truthfile, unsigned stream,
			      long rows, int cp1251)
{
	struct gen g;
	struct sink o;
	struct rec r;
	char path[4096], tpath[4096];
	long i;
	char sep = stream == 2 ? ',' : ';';
	const char *eol = cp1251 ? "\r\n" : "\n";

	gen_init(&g, L, seed, stream);
	g.cp1251 = cp1251;
	join(path, sizeof path, dir, file);
	join(tpath, sizeof tpath, dir, truthfile);
	sink_open(&o, path, cp1251);
	truth_open(&g, tpath);
	memset(&r, 0, sizeof r);
	if (stream == 0)
		rec_setup(&r, aid_cols, A_N);
	else if (stream == 1)
		rec_setup(&r, aid1c_cols, B_N);
	else
		rec_setup(&r, appeal_cols, P_N);
	csv_header(&o, &r, sep, eol);
	for (i = 0; i < rows; i++) {
		if (stream == 0)
			build_aid(&g, &r, i);
		else if (stream == 1)
			build_aid1c(&g, &r, i);
		else
			build_appeal(&g, &r, i);
		csv_row(&g, &o, &r, i, sep, eol);
	}
	sink_close(&o);
	truth_close(&g, tpath);
	rec_release(&r);
	buf_release(&g.tb);
	printf("%-28s %6ld records %9llu bytes\n", file, rows, o.bytes);
}

static void write_json_dataset(const struct lists *L, uint64_t seed, const char *dir,
			       const char *file, const char *truthfile, unsigned stream, long rows)
{
	struct gen g;
	struct sink o;
	struct jw w;
	char path[4096], tpath[4096];
	long i;
	int lines = stream == 4;

	gen_init(&g, L, seed, stream);
	join(path, sizeof path, dir, file);
	join(tpath, sizeof tpath, dir, truthfile);
	sink_open(&o, path, 0);
	truth_open(&g, tpath);
	memset(&w, 0, sizeof w);
	w.g = &g;
	w.out = &o.b;
	if (!lines) {
		w.pretty = 1;
		w.indent0 = 1;
		buf_addc(&o.b, '[');
	}
	for (i = 0; i < rows; i++) {
		if (lines) {
			w.ascii = rng_pct(&g.r, 30);   /* Python's json.dumps default */
			build_contract(&g, &w, i);
			buf_addc(&o.b, '\n');
			if (i == rows / 3 || i == 2 * rows / 3)
				buf_addc(&o.b, '\n');  /* blank lines: not records */
		} else {
			if (i)
				buf_addc(&o.b, ',');
			buf_adds(&o.b, "\n  ");
			build_staff(&g, &w, i);
		}
		sink_record_done(&o);
	}
	if (!lines)
		buf_adds(&o.b, "\n]\n");
	sink_close(&o);
	truth_close(&g, tpath);
	buf_release(&w.path);
	buf_release(&g.tb);
	printf("%-28s %6ld records %9llu bytes\n", file, rows, o.bytes);
}

static void bench(const struct lists *L, uint64_t seed, unsigned long long bytes,
		  const char *path, int jsonl)
{
	struct gen g;
	struct sink o;
	struct rec aid, appeal;
	long i;

	gen_init(&g, L, seed, 10 + (unsigned)jsonl);
	g.bench = 1;
	sink_open(&o, path, 0);
	memset(&aid, 0, sizeof aid);
	memset(&appeal, 0, sizeof appeal);
	rec_setup(&aid, aid_cols, A_N);
	rec_setup(&appeal, appeal_cols, P_N);
	if (!jsonl)
		csv_header(&o, &aid, ';', "\n");
	for (i = 0; o.bytes + o.b.len < bytes; i++) {
		if (!jsonl) {
			build_aid(&g, &aid, i);
			csv_row(&g, &o, &aid, i, ';', "\n");
		} else if (i % 2 == 0) {
			build_aid(&g, &aid, i);
			json_flat_row(&g, &o, &aid, i);
		} else {
			build_appeal(&g, &appeal, i);
			json_flat_row(&g, &o, &appeal, i);
		}
	}
	sink_close(&o);
	rec_release(&aid);
	rec_release(&appeal);
	fprintf(stderr, "gen: %s: %ld records, %llu bytes\n", path, i, o.bytes);
}

/* ------------------------------------------------------------------ */
/* self-test: checksum vectors and the validity of generated values  */

static int self_test(const struct lists *L)
{
	struct gen g;
	int fails = 0;
	long i;

#define EXPECT(cond, what)                                             \
	do {                                                           \
		if (!(cond)) {                                         \
			fprintf(stderr, "self-test: FAIL %s\n", what); \
			fails++;                                       \
		}                                                      \
	} while (0)

	EXPECT(rnokpp_check("175901377") == 6, "РНОКПП 1759013776 (python-stdnum vector)");
	EXPECT(rnokpp_check("175901377") != 0, "РНОКПП 1759013770 must fail");
	EXPECT(edrpou_check("0003210") == 6, "ЄДРПОУ 00032106");
	EXPECT(edrpou_check("1436057") == 0, "ЄДРПОУ 14360570");
	EXPECT(edrpou_check("0405391") == 5, "ЄДРПОУ 04053915");
	EXPECT(mod97("3223130000026007233566001UA21") == 1, "IBAN UA213223130000026007233566001");
	EXPECT(iban_check_digits("3223130000026007233566001") == 21, "IBAN check digits 21");
	EXPECT(luhn_check("411111111111111", 15) == 1, "Luhn 4111111111111111");
	EXPECT(luhn_check("453201511283036", 15) == 6, "Luhn 4532015112830366");
	EXPECT(mrz_check("510509", 6) == 2, "ICAO 9303 check digit of 510509");
	EXPECT(ean_check("400638133393") == 1, "EAN-13 4006381333931");
	EXPECT(days_from_civil(1900, 1, 1) - days_from_civil(1899, 12, 31) == 1, "day count");

	gen_init(&g, L, 12345, 99);
	for (i = 0; i < 200000; i++) {
		struct person p;
		struct val v = {0};
		long days;
		char digits[32];
		size_t k, n = 0;

		person_new(&g, &p, 1900, 2024);
		EXPECT(rnokpp_check(p.tax) == p.tax[9] - '0', "generated РНОКПП checksum");
		days = days_from_civil(p.y, p.m, p.d) - days_from_civil(1899, 12, 31);
		memcpy(digits, p.tax, 5);
		digits[5] = '\0';
		EXPECT(atol(digits) == days, "РНОКПП encodes the date of birth");
		EXPECT(((p.tax[8] - '0') % 2 == 1) == !p.female, "РНОКПП digit 9 encodes sex");
		put_iban(&g, &v, (int)(i % 3));
		for (k = 0; k < v.b.len; k++)
			if (v.b.p[k] != ' ' && n < sizeof digits - 1)
				digits[n++] = v.b.p[k];
		digits[n] = '\0';
		EXPECT(n == 29, "IBAN length");
		if (n == 29) {
			char re[40];

			snprintf(re, sizeof re, "%s%.4s", digits + 4, digits);
			EXPECT(mod97(re) == 1, "generated IBAN mod 97");
		}
		val_clear(&v);
		put_card(&g, &v);
		n = 0;
		for (k = 0; k < v.b.len; k++)
			if (v.b.p[k] >= '0' && v.b.p[k] <= '9')
				digits[n++] = v.b.p[k];
		EXPECT(n == 16 && luhn_check(digits, 15) == digits[15] - '0', "generated card Luhn");
		val_clear(&v);
		put_edrpou(&g, &v, (int)(i % 2));
		EXPECT(edrpou_check(v.b.p) == v.b.p[7] - '0', "generated ЄДРПОУ");
		val_clear(&v);
		put_num10(&g, &v);
		EXPECT(rnokpp_check(v.b.p) != v.b.p[9] - '0', "10-digit decoy fails РНОКПП");
		buf_release(&v.b);
		if (fails > 20)
			break;
	}
#undef EXPECT
	fprintf(stderr, "self-test: %s\n", fails ? "FAILED" : "ok");
	return fails ? 1 : 0;
}

/* ------------------------------------------------------------------ */

static void usage(void)
{
	fputs("usage: gen [--data DIR] --seed N --out DIR\n"
	      "       gen [--data DIR] [--seed N] --bench-csv BYTES FILE\n"
	      "       gen [--data DIR] [--seed N] --bench-jsonl BYTES FILE\n"
	      "       gen [--data DIR] --self-test\n"
	      "DIR of word lists defaults to tests/eval/data (run from the repository root)\n",
	      stderr);
	exit(2);
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		die("bad number '%s'", s);
	if (*end == 'k' || *end == 'K')
		v *= 1000ull, end++;
	else if (*end == 'M')
		v *= 1000000ull, end++;
	else if (*end == 'G')
		v *= 1000000000ull, end++;
	if (*end)
		die("bad number '%s'", s);
	return v;
}

int main(int argc, char **argv)
{
	const char *data = "tests/eval/data", *out = NULL, *bench_file = NULL;
	unsigned long long seed = 1, bench_bytes = 0;
	int bench_jsonl = -1, selftest = 0, i;
	struct lists L;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = parse_size(argv[++i]);
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			data = argv[++i];
		else if ((strcmp(argv[i], "--bench-csv") == 0 || strcmp(argv[i], "--bench-jsonl") == 0) &&
			 i + 2 < argc) {
			bench_jsonl = strcmp(argv[i], "--bench-jsonl") == 0;
			bench_bytes = parse_size(argv[i + 1]);
			bench_file = argv[i + 2];
			i += 2;
		} else if (strcmp(argv[i], "--self-test") == 0)
			selftest = 1;
		else
			usage();
	}
	lists_load(&L, data);
	if (selftest) {
		i = self_test(&L);
		lists_release(&L);
		return i;
	}
	if (bench_file) {
		bench(&L, seed, bench_bytes, bench_file, bench_jsonl);
		lists_release(&L);
		return 0;
	}
	if (!out)
		usage();
	if (mkdir(out, 0777) != 0 && errno != EEXIST)
		die("cannot create '%s': %s", out, strerror(errno));
	write_csv_dataset(&L, seed, out, "aid_register.csv", "aid_register.truth.jsonl", 0, 2000, 0);
	write_csv_dataset(&L, seed, out, "aid_register_cp1251.csv",
			  "aid_register_cp1251.truth.jsonl", 1, 500, 1);
	write_csv_dataset(&L, seed, out, "appeals.csv", "appeals.truth.jsonl", 2, 2000, 0);
	write_json_dataset(&L, seed, out, "staff.json", "staff.truth.jsonl", 3, 1000);
	write_json_dataset(&L, seed, out, "contracts.jsonl", "contracts.truth.jsonl", 4, 2000);
	lists_release(&L);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write to stdout");
	return 0;
}
