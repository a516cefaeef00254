/*
 * qi.c — quasi-identifiers for the linkage analysis: the slots and their
 * generalization groups, the normalizers that make two spellings of one
 * fact compare equal (text, dates, addresses, names with initials), and
 * the pack that says which column header names which kind of value. It
 * sits between the rules stage (whose findings say where a birth date or
 * a name is) and the index (which stores keyed hashes of what comes out
 * of here, never the values).
 */
#include "corpus/qi.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/pack.h"
#include "scanner/i18n.h"
#include "scanner/util.h"

/* ---- slots, kinds, groups ------------------------------------------------ */

static const char *const slot_names[QS_N] = {
	"bdate", "byear", "age", "age5", "sex", "addr", "street", "settlement", "district",
	"postal", "school", "job", "employer", "edate", "emonth", "cadastral", "plate",
};
/* English, as the JSON report of `znes link` gives them; N_() so that its
 * text report can translate them. */
static const char *const slot_labels[QS_N] = {
	N_("birth date"), N_("birth year"), N_("age"), N_("age (5-year band)"), N_("sex"),
	N_("street and house"), N_("street"), N_("settlement"), N_("district"), N_("postal code"),
	N_("school"), N_("job title"), N_("employer"), N_("event date"), N_("event month"),
	N_("cadastral number"), N_("vehicle plate"),
};
static const char *const kind_names[QK_N] = {
	"birth_date", "birth_year", "age", "sex", "address", "street", "settlement", "district",
	"postal_code", "school", "job_title", "employer", "event_date", "cadastral", "plate", "name",
};

const struct qi_group qi_groups[] = {
	{ "birth", { QS_BDATE, QS_BYEAR }, 2 },
	{ "age", { QS_AGE, QS_AGE5 }, 2 },
	{ "sex", { QS_SEX, -1 }, 1 },
	{ "address", { QS_ADDR, QS_STREET }, 2 },
	{ "settlement", { QS_SETTLEMENT, -1 }, 1 },
	{ "district", { QS_DISTRICT, -1 }, 1 },
	{ "postal", { QS_POSTAL, -1 }, 1 },
	{ "school", { QS_SCHOOL, -1 }, 1 },
	{ "job", { QS_JOB, -1 }, 1 },
	{ "employer", { QS_EMPLOYER, -1 }, 1 },
	{ "event", { QS_EDATE, QS_EMONTH }, 2 },
	{ "cadastral", { QS_CADASTRAL, -1 }, 1 },
	{ "plate", { QS_PLATE, -1 }, 1 },
};
const size_t qi_ngroups = sizeof qi_groups / sizeof qi_groups[0];

const char *qi_slot_name(int slot) { return slot_names[slot]; }
const char *qi_slot_label(int slot) { return slot_labels[slot]; }
const char *qi_kind_name(int kind) { return kind >= 0 && kind < QK_N ? kind_names[kind] : "none"; }

int qi_kind_parse(const char *s)
{
	int k;
	for (k = 0; k < QK_N; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return QK_NONE;
}

int qi_slot_group(int slot)
{
	size_t g;
	int i;
	for (g = 0; g < qi_ngroups; g++)
		for (i = 0; i < qi_groups[g].nslot; i++)
			if (qi_groups[g].slot[i] == slot)
				return (int)g;
	return -1;
}

void qi_values_init(struct qi_values *q)
{
	int i;
	for (i = 0; i < QS_N; i++)
		buf_init(&q->v[i], 0);
	q->set = 0;
}

void qi_values_clear(struct qi_values *q)
{
	int i;
	for (i = 0; i < QS_N; i++)
		buf_reset(&q->v[i]);
	q->set = 0;
}

void qi_values_release(struct qi_values *q)
{
	int i;
	for (i = 0; i < QS_N; i++)
		buf_release(&q->v[i]);
	q->set = 0;
}

void qi_values_put(struct qi_values *q, int slot, const char *v, size_t n)
{
	if (!n || (q->set & (1u << slot)))
		return;
	buf_reset(&q->v[slot]);
	buf_add(&q->v[slot], v, n);
	q->set |= 1u << slot;
}

/* ---- text ---------------------------------------------------------------- */

/* Decodes one code point; an invalid byte decodes as U+FFFD, length 1. */
static uint32_t dec(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t c = s[0];
	size_t k, need;
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, c &= 0x07;
	else {
		*len = 1;
		return 0xFFFD;
	}
	if (need >= n) {
		*len = 1;
		return 0xFFFD;
	}
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		c = (c << 6) | (s[k] & 0x3F);
	}
	*len = need + 1;
	return c;
}

static int is_apostrophe(uint32_t c)
{
	return c == 0x27 || c == 0x2019 || c == 0x2BC || c == 0x60 || c == 0xB4 || c == 0x2018;
}

static int is_cyr(uint32_t c)
{
	return c >= 0x400 && c <= 0x52F;
}

/* A letter or digit that stays in normalized text. */
static int is_alnum_cp(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || is_cyr(c);
}

static uint32_t lower_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x460 && c <= 0x4FF && !(c & 1))
		return c + 1;          /* Ґ and the other paired letters of the block */
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	return c;
}

/* Latin letters that look like Cyrillic ones, lowercase (after lower_cp). */
static uint32_t lookalike(uint32_t c)
{
	switch (c) {
	case 'a': return 0x430;
	case 'b': return 0x432;
	case 'c': return 0x441;
	case 'e': return 0x435;
	case 'h': return 0x43D;
	case 'i': return 0x456;
	case 'k': return 0x43A;
	case 'm': return 0x43C;
	case 'o': return 0x43E;
	case 'p': return 0x440;
	case 't': return 0x442;
	case 'x': return 0x445;
	case 'y': return 0x443;
	case 0xEF: return 0x457;     /* ï for ї */
	default: return c;
	}
}

struct cps {
	uint32_t *v;
	size_t n, cap;
};

static void cps_push(struct cps *w, uint32_t c)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? st_mult(w->cap, 2) : 32;
		w->v = xrealloc(w->v, st_mult(w->cap, sizeof *w->v));
	}
	w->v[w->n++] = c;
}

static void flush_word(struct buf *out, struct cps *w, int force_cyr, int *words)
{
	size_t i;
	int cyr = force_cyr;
	if (!w->n)
		return;
	for (i = 0; i < w->n && !cyr; i++)
		cyr = is_cyr(w->v[i]);
	if ((*words)++)
		buf_addch(out, ' ');
	for (i = 0; i < w->n; i++)
		buf_add_utf8(out, cyr ? lookalike(w->v[i]) : w->v[i]);
	w->n = 0;
}

static void norm_text(struct buf *out, const char *s, size_t n, int force_cyr)
{
	const unsigned char *p = (const unsigned char *)s;
	struct cps w = { NULL, 0, 0 };
	size_t i = 0, len;
	int words = 0;
	while (i < n) {
		uint32_t c = dec(p + i, n - i, &len);
		i += len;
		if (is_apostrophe(c))
			continue;
		if (c >= 0x300 && c <= 0x36F) {
			/* decomposed й and ї: compose; stress and other marks: drop */
			if (w.n && c == 0x306 && w.v[w.n - 1] == 0x438)
				w.v[w.n - 1] = 0x439;
			else if (w.n && c == 0x308 && w.v[w.n - 1] == 0x456)
				w.v[w.n - 1] = 0x457;
			continue;
		}
		if (is_alnum_cp(c))
			cps_push(&w, lower_cp(c));
		else
			flush_word(out, &w, force_cyr, &words);
	}
	flush_word(out, &w, force_cyr, &words);
	free(w.v);
}

void qi_norm_text(struct buf *out, const char *s, size_t n)
{
	norm_text(out, s, n, 0);
}

/* ---- dates --------------------------------------------------------------- */

static const struct {
	const char *stem;
	int month;
} month_stems[] = {
	{ "січ", 1 }, { "лют", 2 }, { "берез", 3 }, { "квіт", 4 }, { "трав", 5 }, { "черв", 6 },
	{ "лип", 7 }, { "серп", 8 }, { "верес", 9 }, { "жовт", 10 }, { "листоп", 11 }, { "груд", 12 },
	{ "янв", 1 }, { "фев", 2 }, { "март", 3 }, { "апр", 4 }, { "мая", 5 }, { "май", 5 },
	{ "июн", 6 }, { "июл", 7 }, { "авг", 8 }, { "сент", 9 }, { "окт", 10 }, { "нояб", 11 },
	{ "дек", 12 },
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 }, { "jun", 6 },
	{ "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
};

static int month_of(const char *w, size_t n)
{
	size_t i;
	for (i = 0; i < sizeof month_stems / sizeof month_stems[0]; i++) {
		size_t k = strlen(month_stems[i].stem);
		if (n >= k && !memcmp(w, month_stems[i].stem, k))
			return month_stems[i].month;
	}
	return 0;
}

static void trim(const char **s, size_t *n)
{
	while (*n && ((unsigned char)**s <= ' '))
		(*s)++, (*n)--;
	while (*n && ((unsigned char)(*s)[*n - 1] <= ' '))
		(*n)--;
}

int qi_parse_date(const char *s, size_t n, struct ymd *out)
{
	struct buf t = BUF_INIT;
	size_t i, cut;
	int day = 0, month = 0, year = 0, ok = 0;
	const char *p;
	trim(&s, &n);
	if (!n)
		return 0;
	if (parse_date_numeric(s, n, out))
		return 1;
	/* a numeric date followed by a time ("1980-02-01T00:00:00", "01.02.1980 00:00") */
	for (cut = 0; cut < n && s[cut] != ' ' && s[cut] != 'T'; cut++)
		;
	if (cut < n && cut >= 6 && parse_date_numeric(s, cut, out))
		return 1;
	/* words: a day, a month name and a four-digit year in any order */
	qi_norm_text(&t, s, n);
	p = t.ptr;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (p[0] >= '0' && p[0] <= '9') {
			int v = 0;
			size_t d = 0;
			for (i = 0; i < len && p[i] >= '0' && p[i] <= '9' && d < 6; i++, d++)
				v = v * 10 + (p[i] - '0');
			if (d == 4 && !year)
				year = v;
			else if (d <= 2 && !day && v >= 1 && v <= 31)
				day = v;
		} else if (!month) {
			month = month_of(p, len);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	if (day && month && year && val_ymd(year, month, day)) {
		if (out) {
			out->y = year;
			out->m = month;
			out->d = day;
		}
		ok = 1;
	}
	buf_release(&t);
	return ok;
}

/* ---- addresses ----------------------------------------------------------- */

void qi_address_init(struct qi_address *a)
{
	buf_init(&a->settlement, 0);
	buf_init(&a->street, 0);
	buf_init(&a->house, 0);
	buf_init(&a->postal, 0);
}

void qi_address_release(struct qi_address *a)
{
	buf_release(&a->settlement);
	buf_release(&a->street);
	buf_release(&a->house);
	buf_release(&a->postal);
}

static int in_list(const char *w, const char *const *list)
{
	/* the first byte first: most words of an address are no marker, and
	 * each is asked of every list */
	for (; *list; list++)
		if (w[0] == (*list)[0] && !strcmp(w, *list))
			return 1;
	return 0;
}

/* Markers, in normalized form (qi_norm_text: "пр-т" is "пр т"). */
static const char *const settlement_types[] = {
	"м", "місто", "с", "c", "село", "смт", "селище", "сел", "х", "хутір", "г", "город",
	"пос", "поселок", "пгт", "m", NULL,
};
static const char *const street_types[] = {
	"вул", "вулиця", "ул", "улица", "просп", "проспект", "пр т", "пр", "пров", "провулок",
	"пер", "переулок", "бульв", "бульвар", "б р", "пл", "площа", "площадь", "узвіз", "спуск",
	"шосе", "шоссе", "наб", "набережна", "набережная", "тупик", "туп", "проїзд", "проїзд",
	"проезд", "майдан", "алея", "аллея", "мкр", "мікрорайон", "микрорайон", "ж м",
	"житловий масив", "кв л", "квартал", "лінія", "линия", "street", "st", "ave", NULL,
};
static const char *const region_markers[] = {
	"обл", "область", "район", "р н", "громада", "тг", "отг", "україна", "украина", "ukraine",
	NULL,
};
static const char *const house_markers[] = { "буд", "будинок", "б", "д", "дом", "house", NULL };
static const char *const skip_markers[] = {
	"кв", "квартира", "кімн", "кімната", "комн", "оф", "офіс", "офис", "підїзд", "подъезд",
	"поверх", "пов", "эт", "этаж", "apt", NULL,
};
static const char *const corp_markers[] = { "корп", "корпус", "к", NULL };
static const char *const street_noise[] = { "імені", "ім", "им", "имени", NULL };

struct atok {
	struct buf norm;     /* normalized text of the token */
	const char *raw;     /* the token's bytes in the input */
	size_t rawlen;
	int brk;             /* a ',' or ';' before this token */
};

static int tok_digit(const struct atok *t)
{
	return t->norm.ptr[0] >= '0' && t->norm.ptr[0] <= '9';
}

/* House number: digits, "/digits", one letter, with look-alikes made
 * Cyrillic ("12-А", "12 а", "12a" → "12а"; "12/2" stays). */
static void norm_house(struct buf *out, const char *raw, size_t n)
{
	struct buf t = BUF_INIT;
	size_t i;
	norm_text(&t, raw, n, 1);
	for (i = 0; i < t.len; i++) {
		if (t.ptr[i] == ' ') {
			if (i && out->len && t.ptr[i - 1] >= '0' && t.ptr[i - 1] <= '9' && t.ptr[i + 1] >= '0' &&
			    t.ptr[i + 1] <= '9')
				buf_addch(out, '/');
			continue;
		}
		buf_addch(out, t.ptr[i]);
	}
	buf_release(&t);
}

static void add_word(struct buf *b, const char *w)
{
	if (b->len)
		buf_addch(b, ' ');
	buf_adds(b, w);
}

/* Street names compare without initials and "імені": "вул. Т. Шевченка" is
 * "вул. Шевченка". */
static void clean_street(struct buf *street)
{
	struct buf t = BUF_INIT;
	char *p = street->ptr;
	while (*p) {
		size_t len = strcspn(p, " ");
		char save = p[len];
		size_t cl = 0, k;
		p[len] = '\0';
		for (k = 0; k < len; k++)
			cl += ((unsigned char)p[k] & 0xC0) != 0x80;
		if (cl > 1 && !in_list(p, street_noise))
			add_word(&t, p);
		p[len] = save;
		p += len;
		while (*p == ' ')
			p++;
	}
	buf_reset(street);
	buf_add(street, t.ptr, t.len);
	buf_release(&t);
}

/* Splits the value into tokens: runs of letters, digits and apostrophes,
 * with inner '-' and '/' kept ("р-н", "12/2"); ',' and ';' mark a break. */
static size_t tokenize(const char *s, size_t n, struct atok **out, size_t *cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, nt = 0, len;
	int brk = 0;
	while (i < n) {
		size_t start;
		uint32_t c = dec(p + i, n - i, &len);
		if (c == ',' || c == ';' || c == '\n') {
			brk = 1;
			i += len;
			continue;
		}
		if (!is_alnum_cp(c) && !is_apostrophe(c)) {
			i += len;
			continue;
		}
		start = i;
		while (i < n) {
			c = dec(p + i, n - i, &len);
			if (is_alnum_cp(c) || is_apostrophe(c) || (c >= 0x300 && c <= 0x36F)) {
				i += len;
				continue;
			}
			if ((c == '-' || c == '/') && i + 1 < n) {
				size_t l2;
				uint32_t d = dec(p + i + 1, n - i - 1, &l2);
				if (is_alnum_cp(d)) {
					i += 1;
					continue;
				}
			}
			break;
		}
		if (nt == *cap) {
			size_t k, old = *cap;
			*cap = *cap ? st_mult(*cap, 2) : 16;
			*out = xrealloc(*out, st_mult(*cap, sizeof **out));
			for (k = old; k < *cap; k++)
				buf_init(&(*out)[k].norm, 0);
		}
		buf_reset(&(*out)[nt].norm);
		qi_norm_text(&(*out)[nt].norm, s + start, i - start);
		(*out)[nt].raw = s + start;
		(*out)[nt].rawlen = i - start;
		(*out)[nt].brk = brk;
		brk = 0;
		if ((*out)[nt].norm.len)
			nt++;
	}
	return nt;
}

static int five_digits(const struct atok *t)
{
	size_t k;
	if (t->norm.len != 5)
		return 0;
	for (k = 0; k < 5; k++)
		if (t->norm.ptr[k] < '0' || t->norm.ptr[k] > '9')
			return 0;
	return 1;
}

int qi_parse_address(struct qi_address *a, const char *s, size_t n)
{
	enum { M_NONE, M_SETTLEMENT, M_STREET, M_HOUSE, M_SKIP, M_CORP, M_LETTER } mode = M_NONE;
	struct atok *t = NULL;
	size_t cap = 0, nt, i, k;
	struct buf loose = BUF_INIT;
	int seg_number = 0;
	buf_reset(&a->settlement);
	buf_reset(&a->street);
	buf_reset(&a->house);
	buf_reset(&a->postal);
	nt = tokenize(s, n, &t, &cap);
	for (i = 0; i <= nt; i++) {
		const char *w = i < nt ? t[i].norm.ptr : "";
		if (i == nt || t[i].brk) {
			/* the end of a segment: words without a marker */
			if (loose.len) {
				int next_num = i < nt && tok_digit(&t[i]);
				if (!a->street.len && (seg_number || next_num))
					buf_add(&a->street, loose.ptr, loose.len);
				else if (!a->settlement.len && !a->street.len)
					buf_add(&a->settlement, loose.ptr, loose.len);
				else if (!a->street.len)
					buf_add(&a->street, loose.ptr, loose.len);
				buf_reset(&loose);
			}
			seg_number = 0;
			if (mode != M_HOUSE)
				mode = M_NONE;
			if (i == nt)
				break;
		}
		switch (mode) {
		case M_SETTLEMENT:
		case M_STREET:
			if (!tok_digit(&t[i]) && !in_list(w, settlement_types) && !in_list(w, street_types) &&
			    !in_list(w, region_markers) && !in_list(w, house_markers) &&
			    !in_list(w, skip_markers) && !in_list(w, corp_markers)) {
				add_word(mode == M_SETTLEMENT ? &a->settlement : &a->street, w);
				continue;
			}
			mode = M_NONE;
			break;
		case M_HOUSE:
			mode = M_NONE;
			if (tok_digit(&t[i]) && !a->house.len) {
				norm_house(&a->house, t[i].raw, t[i].rawlen);
				mode = M_LETTER;
				continue;
			}
			break;
		case M_SKIP:
			mode = M_NONE;
			continue;
		case M_CORP:
			mode = M_NONE;
			if (a->house.len) {
				buf_addch(&a->house, 'k');
				norm_house(&a->house, t[i].raw, t[i].rawlen);
			}
			continue;
		case M_LETTER:
			mode = M_NONE;
			if (!t[i].brk && t[i].rawlen <= 2 && !tok_digit(&t[i]) && t[i].norm.len <= 2 &&
			    !in_list(w, house_markers) && !in_list(w, corp_markers) && !in_list(w, skip_markers)) {
				norm_house(&a->house, t[i].raw, t[i].rawlen);
				continue;
			}
			break;
		case M_NONE:
			break;
		}
		if (in_list(w, settlement_types) && !a->settlement.len && i + 1 < nt && !t[i + 1].brk &&
		    !tok_digit(&t[i + 1])) {
			mode = M_SETTLEMENT;
		} else if (in_list(w, street_types)) {
			if (loose.len && !a->street.len) {
				buf_add(&a->street, loose.ptr, loose.len);   /* "Шевченка вул." */
				buf_reset(&loose);
			} else if (!a->street.len) {
				mode = M_STREET;
			}
		} else if (in_list(w, region_markers)) {
			buf_reset(&loose);
		} else if (in_list(w, house_markers)) {
			mode = M_HOUSE;
		} else if (in_list(w, skip_markers)) {
			mode = M_SKIP;
		} else if (in_list(w, corp_markers)) {
			mode = M_CORP;
		} else if (tok_digit(&t[i])) {
			seg_number = 1;
			if (five_digits(&t[i]) && !a->postal.len && !a->house.len && !a->street.len && !loose.len)
				buf_add(&a->postal, t[i].norm.ptr, 5);
			else if (!a->house.len) {
				if (loose.len && !a->street.len) {
					buf_add(&a->street, loose.ptr, loose.len);
					buf_reset(&loose);
				}
				if (a->street.len) {
					norm_house(&a->house, t[i].raw, t[i].rawlen);
					mode = M_LETTER;
				}
			}
		} else {
			add_word(&loose, w);
		}
	}
	clean_street(&a->street);
	for (k = 0; k < cap; k++)
		buf_release(&t[k].norm);
	free(t);
	buf_release(&loose);
	return a->street.len || a->settlement.len;
}

/* ---- names --------------------------------------------------------------- */

static int ends_with(const char *w, const char *suf)
{
	size_t a = strlen(w), b = strlen(suf);
	return a > b && !memcmp(w + a - b, suf, b);
}

static int is_patronymic(const char *w)
{
	static const char *const endings[] = {
		"ович", "евич", "євич", "йович", "івна", "ївна", "ична", "овна", "евна", NULL,
	};
	const char *const *e;
	for (e = endings; *e; e++)
		if (ends_with(w, *e))
			return 1;
	return 0;
}

/* The first code point of w, as UTF-8 bytes appended to b. */
static void add_initial(struct buf *b, const char *w)
{
	size_t len;
	dec((const unsigned char *)w, strlen(w), &len);
	buf_add(b, w, len);
}

static int all_caps(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	int letters = 0;
	while (i < n) {
		uint32_t c = dec(p + i, n - i, &len);
		i += len;
		if (!is_alnum_cp(c))
			continue;
		if (lower_cp(c) == c)
			return 0;
		letters++;
	}
	return letters > 1;
}

int qi_name_keys(const char *s, size_t n, struct buf *short_key, struct buf *full_key)
{
	struct buf full[4], ini = BUF_INIT;
	int caps[4];
	size_t nfull = 0, i = 0, k;
	const char *sur = NULL, *first = NULL, *patr = NULL;
	char inits[2][8];
	int ninit = 0, ok = 0;
	buf_reset(short_key);
	buf_reset(full_key);
	for (k = 0; k < 4; k++)
		buf_init(&full[k], 0);
	while (i < n) {
		size_t start, end, cps;
		int dot;
		while (i < n && (s[i] == ' ' || s[i] == '.' || s[i] == ',' || s[i] == '\t'))
			i++;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '.' && s[i] != ',' && s[i] != '\t')
			i++;
		end = i;
		if (start == end)
			break;
		dot = i < n && s[i] == '.';
		buf_reset(&ini);
		qi_norm_text(&ini, s + start, end - start);
		if (!ini.len)
			continue;
		for (k = 0, cps = 0; k < ini.len; k++)
			cps += ((unsigned char)ini.ptr[k] & 0xC0) != 0x80;
		if (cps == 1 || (dot && cps <= 2)) {
			if (ninit < 2) {
				size_t len;
				dec((const unsigned char *)ini.ptr, ini.len, &len);
				memcpy(inits[ninit], ini.ptr, len);
				inits[ninit][len] = '\0';
				ninit++;
			}
		} else if (nfull < 4) {
			buf_add(&full[nfull], ini.ptr, ini.len);
			caps[nfull] = all_caps(s + start, end - start);
			nfull++;
		}
	}
	if (nfull == 1 && ninit >= 1) {
		sur = full[0].ptr;
		first = inits[0];
		patr = ninit > 1 ? inits[1] : NULL;
	} else if (nfull >= 3) {
		if (is_patronymic(full[2].ptr))
			sur = full[0].ptr, first = full[1].ptr, patr = full[2].ptr;
		else if (is_patronymic(full[1].ptr))
			first = full[0].ptr, patr = full[1].ptr, sur = full[2].ptr;
		else
			sur = full[0].ptr, first = full[1].ptr, patr = full[2].ptr;
	} else if (nfull == 2) {
		if (caps[1] && !caps[0])
			first = full[0].ptr, sur = full[1].ptr;
		else
			sur = full[0].ptr, first = full[1].ptr;
		patr = ninit ? inits[0] : NULL;
	}
	if (sur && first) {
		buf_adds(short_key, sur);
		buf_addch(short_key, '|');
		add_initial(short_key, first);
		if (patr) {
			buf_add(full_key, short_key->ptr, short_key->len);
			buf_addch(full_key, '|');
			add_initial(full_key, patr);
		}
		ok = 1;
	}
	for (k = 0; k < 4; k++)
		buf_release(&full[k]);
	buf_release(&ini);
	return ok;
}

int qi_is_hex_digest(const char *s, size_t n)
{
	size_t i;
	if (n != 32 && n != 40 && n != 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/* ---- values by kind ------------------------------------------------------ */

/* The first run of digits in s, as a number (at most 9 digits); its digit
 * count in *nd; -1 if none. */
static long first_number(const char *s, size_t n, int *nd)
{
	size_t i = 0;
	long v = 0;
	*nd = 0;
	while (i < n && (s[i] < '0' || s[i] > '9'))
		i++;
	if (i == n)
		return -1;
	while (i < n && s[i] >= '0' && s[i] <= '9' && *nd < 9)
		v = v * 10 + (s[i++] - '0'), (*nd)++;
	return v;
}

static void put_str(struct qi_values *q, int slot, const char *v)
{
	qi_values_put(q, slot, v, strlen(v));
}

static int put_date(struct qi_values *q, int date_slot, int coarse_slot, const struct ymd *d, int month)
{
	char t[16];
	int before = __builtin_popcount(q->set);
	snprintf(t, sizeof t, "%04d-%02d-%02d", d->y, d->m, d->d);
	put_str(q, date_slot, t);
	if (month)
		snprintf(t, sizeof t, "%04d-%02d", d->y, d->m);
	else
		snprintf(t, sizeof t, "%04d", d->y);
	put_str(q, coarse_slot, t);
	return __builtin_popcount(q->set) - before;
}

static int put_norm(struct qi_values *q, int slot, const char *s, size_t n)
{
	struct buf t = BUF_INIT;
	int r = 0;
	qi_norm_text(&t, s, n);
	if (t.len && !(q->set & (1u << slot))) {
		qi_values_put(q, slot, t.ptr, t.len);
		r = 1;
	}
	buf_release(&t);
	return r;
}

/* Drops leading settlement-type words and region markers ("м. Київ" → "київ"). */
static int put_place(struct qi_values *q, int slot, const char *s, size_t n)
{
	struct buf t = BUF_INIT, o = BUF_INIT;
	char *p;
	int r = 0;
	qi_norm_text(&t, s, n);
	p = t.ptr;
	while (*p) {
		size_t len = strcspn(p, " ");
		char save = p[len];
		p[len] = '\0';
		if (!in_list(p, settlement_types) && !in_list(p, region_markers) && strcmp(p, "р") &&
		    strcmp(p, "н"))
			add_word(&o, p);
		p[len] = save;
		p += len;
		while (*p == ' ')
			p++;
	}
	if (o.len && !(q->set & (1u << slot))) {
		qi_values_put(q, slot, o.ptr, o.len);
		r = 1;
	}
	buf_release(&t);
	buf_release(&o);
	return r;
}

static int put_address(struct qi_values *q, const char *s, size_t n)
{
	struct qi_address a;
	int before = __builtin_popcount(q->set);
	qi_address_init(&a);
	if (qi_parse_address(&a, s, n)) {
		if (a.street.len && a.house.len) {
			struct buf t = BUF_INIT;
			buf_addf(&t, "%s|%s", a.street.ptr, a.house.ptr);
			qi_values_put(q, QS_ADDR, t.ptr, t.len);
			buf_release(&t);
		}
		qi_values_put(q, QS_STREET, a.street.ptr, a.street.len);
		qi_values_put(q, QS_SETTLEMENT, a.settlement.ptr, a.settlement.len);
		qi_values_put(q, QS_POSTAL, a.postal.ptr, a.postal.len);
	}
	qi_address_release(&a);
	return __builtin_popcount(q->set) - before;
}

int qi_extract(struct qi_values *q, int kind, const char *s, size_t n)
{
	struct ymd d;
	char t[32];
	long v;
	int nd;
	trim(&s, &n);
	if (!n)
		return 0;
	switch (kind) {
	case QK_BIRTH_DATE:
	case QK_BIRTH_YEAR:
		/* a year alone in a birth-date column is a birth year */
		if (kind == QK_BIRTH_DATE && qi_parse_date(s, n, &d))
			return put_date(q, QS_BDATE, QS_BYEAR, &d, 0);
		if (qi_parse_date(s, n, &d))
			v = d.y;
		else if ((v = first_number(s, n, &nd)) < 0 || nd != 4)
			return 0;
		if (v < 1900 || v > 2100)
			return 0;
		snprintf(t, sizeof t, "%ld", v);
		return put_norm(q, QS_BYEAR, t, strlen(t));
	case QK_AGE:
		if ((v = first_number(s, n, &nd)) < 0 || v > 130)
			return 0;
		snprintf(t, sizeof t, "%ld", v);
		put_str(q, QS_AGE, t);
		snprintf(t, sizeof t, "%ld-%ld", v / 5 * 5, v / 5 * 5 + 4);
		put_str(q, QS_AGE5, t);
		return 2;
	case QK_SEX: {
		struct buf b = BUF_INIT;
		int r = 0;
		qi_norm_text(&b, s, n);
		/* ч(оловіча), м(ужской), male; ж(іноча), female, woman */
		if (!strncmp(b.ptr, "ч", 2) || !strncmp(b.ptr, "м", 2) || b.ptr[0] == 'm')
			put_str(q, QS_SEX, "m"), r = 1;
		else if (!strncmp(b.ptr, "ж", 2) || b.ptr[0] == 'f' || b.ptr[0] == 'w')
			put_str(q, QS_SEX, "f"), r = 1;
		buf_release(&b);
		return r;
	}
	case QK_ADDRESS:
	case QK_STREET:
		return put_address(q, s, n);
	case QK_SETTLEMENT:
		return put_place(q, QS_SETTLEMENT, s, n);
	case QK_DISTRICT:
		return put_place(q, QS_DISTRICT, s, n);
	case QK_POSTAL:
		if ((v = first_number(s, n, &nd)) < 0 || nd != 5)
			return 0;
		snprintf(t, sizeof t, "%05ld", v);
		put_str(q, QS_POSTAL, t);
		return 1;
	case QK_SCHOOL:
		return put_norm(q, QS_SCHOOL, s, n);
	case QK_JOB:
		return put_norm(q, QS_JOB, s, n);
	case QK_EMPLOYER:
		return put_norm(q, QS_EMPLOYER, s, n);
	case QK_EVENT_DATE:
		if (!qi_parse_date(s, n, &d))
			return 0;
		return put_date(q, QS_EDATE, QS_EMONTH, &d, 1);
	case QK_CADASTRAL: {
		struct buf b = BUF_INIT;
		size_t i;
		for (i = 0; i < n; i++)
			if ((s[i] >= '0' && s[i] <= '9') || s[i] == ':')
				buf_addch(&b, s[i]);
		if (b.len)
			qi_values_put(q, QS_CADASTRAL, b.ptr, b.len);
		buf_release(&b);
		return b.len > 0;
	}
	case QK_PLATE: {
		char pl[32];
		if (val_plate(s, n, pl)) {
			put_str(q, QS_PLATE, pl);
			return 1;
		} else {
			struct buf b = BUF_INIT, c = BUF_INIT;
			size_t i;
			norm_text(&b, s, n, 1);
			for (i = 0; i < b.len; i++)
				if (b.ptr[i] != ' ')
					buf_addch(&c, b.ptr[i]);
			qi_values_put(q, QS_PLATE, c.ptr, c.len);
			buf_release(&b);
			buf_release(&c);
			return c.len > 0;
		}
	}
	default:
		return 0;
	}
}

/* ---- the pack ------------------------------------------------------------ */

static int kw_match(const char *header, const char *kw)
{
	/* whole words: the keyword starts and ends at word boundaries of the
	 * normalized header ("пол" is not "поліклініка") */
	const char *p = header;
	size_t n = strlen(kw);
	if (!n)
		return 0;
	while ((p = strstr(p, kw))) {
		if ((p == header || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p++;
	}
	return 0;
}

int qi_pack_header_kind(const struct qi_pack *p, const char *header)
{
	struct buf h = BUF_INIT;
	int o, kind = QK_NONE;
	size_t i;
	qi_norm_text(&h, header, strlen(header));
	for (o = 0; o < p->norder && kind == QK_NONE; o++) {
		int k = p->order[o];
		for (i = 0; i < p->header[k].n; i++)
			if (kw_match(h.ptr, p->header[k].kw[i])) {
				kind = k;
				break;
			}
	}
	buf_release(&h);
	return kind;
}

void qi_pack_release(struct qi_pack *p)
{
	int k;
	size_t i;
	for (k = 0; k < QK_N; k++) {
		for (i = 0; i < p->header[k].n; i++)
			free(p->header[k].kw[i]);
		free(p->header[k].kw);
	}
	memset(p, 0, sizeof *p);
}

int qi_pack_load(struct qi_pack *p, const char *rules_dir, const struct ruleset *rs)
{
	struct buf path = BUF_INIT;
	json_error_t je;
	json_t *root, *arr, *o, *v;
	size_t i, j;
	int k, rc = -1;
	memset(p, 0, sizeof *p);
	for (k = 0; k < 64; k++)
		p->cat_kind[k] = QK_NONE;
	buf_addf(&path, "%s/packs/quasi-identifiers.json", rules_dir);
	root = json_load_file(path.ptr, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		error("%s:%d:%d: %s", path.ptr, je.line, je.column, je.text);
		goto out;
	}
	arr = json_object_get(root, "quasi_identifiers");
	if (!json_is_array(arr)) {
		error("%s: missing 'quasi_identifiers' array", path.ptr);
		goto out;
	}
	json_array_foreach(arr, i, o) {
		const char *ks = json_string_value(json_object_get(o, "kind"));
		if (!ks || (k = qi_kind_parse(ks)) == QK_NONE) {
			error("%s: quasi_identifiers[%zu]: unknown kind '%s'", path.ptr, i, ks ? ks : "");
			goto out;
		}
		if (p->norder < QK_N)
			p->order[p->norder++] = k;
		json_array_foreach(json_object_get(o, "headers"), j, v) {
			struct buf t = BUF_INIT;
			if (!json_is_string(v)) {
				error("%s: %s: headers must be strings", path.ptr, ks);
				goto out;
			}
			qi_norm_text(&t, json_string_value(v), json_string_length(v));
			p->header[k].kw = xrealloc(p->header[k].kw, st_mult(p->header[k].n + 1, sizeof(char *)));
			p->header[k].kw[p->header[k].n++] = buf_detach(&t, NULL);
		}
		json_array_foreach(json_object_get(o, "categories"), j, v) {
			int c = json_is_string(v) ? ruleset_category(rs, json_string_value(v)) : -1;
			if (c >= 0 && c < 64)
				p->cat_kind[c] = k;   /* a category the rules do not define yet is skipped */
		}
	}
	arr = json_object_get(json_object_get(root, "direct_identifiers"), "categories");
	if (!json_is_array(arr)) {
		error("%s: missing 'direct_identifiers.categories' array", path.ptr);
		goto out;
	}
	json_array_foreach(arr, i, v) {
		int c = json_is_string(v) ? ruleset_category(rs, json_string_value(v)) : -1;
		if (c >= 0 && c < 64)
			p->direct_cat[c] = 1;
	}
	rc = 0;
out:
	if (root)
		json_decref(root);
	buf_release(&path);
	if (rc < 0)
		qi_pack_release(p);
	return rc;
}
