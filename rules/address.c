/*
 * address.c — the address recognizer of address.h, on the tokens of
 * names.c. It reads an address the way it is written in Ukrainian
 * (domain.md §5): [region, district,] settlement, street type and name,
 * house, [building,] apartment, each part optional but the street, and
 * tolerates the sloppy spelling of hand-typed registers ("м.Львів,
 * вул.Стуса 12/2 кв.5").
 */
#include "rules/address.h"

#include <string.h>

#include "rules/engine.h"

#define NAME_WORDS 5    /* words of a street name */
#define SEGMENT_WORDS 5 /* words of a settlement or region segment */

static int has_dot_ok(const struct token *w)
{
	return !(w->cls & W_NEEDDOT) || w->dot;
}

static int is_word(const struct token *w)
{
	return w->kind == TK_WORD;
}

static int is_street_type(const struct token *w)
{
	return is_word(w) && (w->cls & W_STREET) && has_dot_ok(w);
}

/* One of the house-part words (буд., корп., кв., кімн., офіс) with its dot. */
static unsigned part_word(const struct token *w)
{
	if (!is_word(w) || !has_dot_ok(w))
		return 0;
	return w->cls & (W_HOUSE | W_BUILDING | W_APT | W_ROOM | W_OFFICE);
}

static int is_upper_letter_start(const struct token *w)
{
	return is_word(w) && (w->info & UF_UPPER_FIRST);
}

/*
 * The end of a house number that starts at token i: digits, then a letter
 * ("12а", "12-А"), a fraction ("12/2") or both. Returns the byte end; *next
 * gets the first token after it.
 */
static size_t house_end(const struct tokens *t, size_t i, size_t *next)
{
	const char *s = t->src;
	size_t n = t->srclen, e = t->v[i].end, k;
	for (;;) {
		size_t p = e;
		if (p < n && (s[p] == '-' || s[p] == '/'))
			p++;
		if (p < n && s[p] >= '0' && s[p] <= '9' && s[e] == '/') {
			while (p < n && s[p] >= '0' && s[p] <= '9')
				p++;
			e = p;
			continue;
		}
		/* one letter, not the start of a word ("12а", "12-А", not "12 кв") */
		for (k = i + 1; k < t->n && t->v[k].start < p; k++)
			;
		if (k < t->n && t->v[k].start == p && is_word(&t->v[k]) && t->v[k].letters == 1 &&
		    !part_word(&t->v[k])) {
			e = t->v[k].end;
			continue;
		}
		break;
	}
	for (k = i + 1; k < t->n && t->v[k].start < e; k++)
		;
	*next = k;
	return e;
}

/* Tokens [from, to) form a settlement or region segment: which part? */
static int segment_kind(const struct tokens *t, size_t from, size_t to, size_t *name_from)
{
	size_t k;
	int kind = 0, caps = 0;
	*name_from = from;
	if (to - from > SEGMENT_WORDS)
		return 0;
	for (k = from; k < to; k++) {
		const struct token *w = &t->v[k];
		if (w->kind == TK_NUM) {
			if (w->end - w->start == 5 && to - from == 1)
				kind |= 4; /* postal code */
			else
				return 0;
		} else if ((w->cls & W_SETTLE) && has_dot_ok(w) && k == from) {
			kind |= 1;
			*name_from = k + 1;
		} else if ((w->cls & (W_REGION | W_COUNTRY)) && has_dot_ok(w)) {
			/* a region's or district's name is one word ("Київська
			 * обл."): more before it are the sentence's ("Живу …") */
			if (!kind && caps > 1)
				return 0;
			kind |= 2;
		} else if (!is_upper_letter_start(w) && !(w->cls & W_REGION))
			return 0;
		else
			caps++;
	}
	return kind;
}

/*
 * The token after the number t->v[k] in a street's name, past an
 * ordinal's or a count's ending joined by a hyphen ("1-го Травня",
 * "3-й Тихий", "40-річчя Перемоги"): k + 2 with one, k + 1 without.
 */
static size_t after_number(const struct tokens *t, size_t k)
{
	const struct token *n = &t->v[k], *w;
	if (k + 1 >= t->n)
		return k + 1;
	w = &t->v[k + 1];
	if (w->kind == TK_WORD && !(w->info & UF_UPPER_FIRST) && !w->dot && w->start == n->end + 1 &&
	    t->src[n->end] == '-')
		return k + 2;
	return k + 1;
}

/* Does a street's name begin at token k: a capitalised word, or a number
 * (with its ending) and a capitalised word after a space ("8 Березня")? */
static int street_name_at(const struct tokens *t, size_t k)
{
	size_t nx;
	if (is_upper_letter_start(&t->v[k]))
		return 1;
	if (t->v[k].kind != TK_NUM)
		return 0;
	nx = after_number(t, k);
	return nx < t->n && is_upper_letter_start(&t->v[nx]) && t->v[nx].sep == SEP_SPACE;
}

void address_scan(const struct lexicon *lx, const struct tokens *t, int column, unsigned cat,
		  unsigned rule, float conf, struct findings *out)
{
	size_t i = 0;
	(void)lx;
	while (i < t->n) {
		size_t k, j, name_end, first, start_tok, name_from;
		struct finding *f;
		size_t house_s = 0, house_e = 0, apt_s = 0, apt_e = 0, end, set_s = 0, set_e = 0;
		unsigned flags = 0;
		if (!is_street_type(&t->v[i]) || i + 1 >= t->n) {
			i++;
			continue;
		}
		/* the street name: capitalised words, numbers before words ("8 Березня"), initials */
		k = i + 1;
		if (t->v[k].sep == SEP_BREAK || t->v[k].sep == SEP_COMMA || !street_name_at(t, k)) {
			i++;
			continue;
		}
		for (j = k; j < t->n && j - k < NAME_WORDS; j++) {
			const struct token *w = &t->v[j];
			if (j > k && w->sep != SEP_SPACE && w->sep != SEP_NONE)
				break;
			if (part_word(w) && j > k)
				break;
			if (w->kind == TK_NUM) {
				if (!street_name_at(t, j))
					break;
				j = after_number(t, j) - 1; /* on to the word after it */
				continue;
			}
			if (is_word(w) && !is_upper_letter_start(w) && j > k)
				break;
			if (is_word(w) && w->dot && w->letters > 1) {
				j++;
				break;
			}
		}
		name_end = j;
		end = t->v[name_end - 1].end;
		/* the house: [буд.|б.|д.] number */
		j = name_end;
		if (j < t->n && (t->v[j].sep == SEP_COMMA || t->v[j].sep == SEP_SPACE)) {
			size_t h = j;
			if ((part_word(&t->v[h]) & W_HOUSE) && h + 1 < t->n &&
			    (t->v[h + 1].sep == SEP_SPACE || t->v[h + 1].sep == SEP_NONE))
				h++;
			if (h < t->n && t->v[h].kind == TK_NUM &&
			    (h == j || t->v[h].sep == SEP_SPACE || t->v[h].sep == SEP_NONE)) {
				house_s = t->v[h].start;
				house_e = house_end(t, h, &j);
				end = house_e;
			}
		}
		if (!house_e && !column) {
			i = name_end;
			continue;
		}
		/* building, apartment, room: [,] word number */
		while (house_e && j + 1 < t->n && (t->v[j].sep == SEP_COMMA || t->v[j].sep == SEP_SPACE)) {
			unsigned pw = part_word(&t->v[j]);
			const struct token *num = &t->v[j + 1];
			size_t nx;
			if (!pw || pw & W_HOUSE || num->kind != TK_NUM ||
			    !(num->sep == SEP_SPACE || num->sep == SEP_NONE))
				break;
			if (pw & (W_APT | W_ROOM))
				flags |= F_ADDR_APARTMENT;
			if (pw & W_OFFICE)
				flags |= F_INSTITUTION;
			end = house_end(t, j + 1, &nx);
			if (pw & W_APT) {
				apt_s = num->start;
				apt_e = end;
			}
			j = nx;
		}
		/* back over the settlement, district, region, postal code */
		start_tok = i;
		first = i;
		while (first > 0 && t->v[first].sep == SEP_COMMA) {
			size_t from = first - 1;
			int kind;
			while (from > 0 && t->v[from].sep != SEP_COMMA && t->v[from].sep != SEP_START &&
			       t->v[from].sep != SEP_BREAK && t->v[from].sep != SEP_PUNCT && first - from < SEGMENT_WORDS + 1)
				from--;
			kind = segment_kind(t, from, first, &name_from);
			if (!kind) {
				/* words of the sentence before the segment ("на
				 * адресу м. Київ, вул. …", "за адресою Одеська
				 * обл., …"): it begins at a settlement's type, or
				 * at the capitalised words before a region's */
				size_t at = first;
				while (at > from) {
					const struct token *w = &t->v[at - 1];
					if ((w->cls & W_SETTLE) && has_dot_ok(w)) {
						at--;
						break;
					}
					if (!is_word(w) || !(is_upper_letter_start(w) || (w->cls & (W_REGION | W_COUNTRY))))
						break;
					at--;
					/* one name before a region's word, not the words
					 * before it (within this segment: t->v[first]
					 * begins the next one) */
					if (!(w->cls & (W_REGION | W_COUNTRY)) && at + 1 < first &&
					    (t->v[at + 1].cls & (W_REGION | W_COUNTRY)))
						break;
				}
				if (at == first || !(kind = segment_kind(t, at, first, &name_from)))
					break;
				from = at;
			}
			if ((kind & 1) && !set_e) {
				set_s = t->v[name_from < first ? name_from : from].start;
				set_e = t->v[first - 1].end;
			}
			start_tok = from;
			first = from;
		}
		f = findings_push(out);
		f->start = t->v[start_tok].start;
		f->end = end;
		f->cat = (unsigned short)cat;
		f->rule = (unsigned short)rule;
		f->conf = conf + (column ? 0.1f : 0) + (house_e ? 0.05f : 0);
		if (f->conf > 1.0f)
			f->conf = 1.0f;
		f->flags = flags | (column ? F_COLUMN : 0);
		if (set_e) {
			f->part[ADDR_SETTLEMENT].start = (uint32_t)set_s;
			f->part[ADDR_SETTLEMENT].end = (uint32_t)set_e;
		}
		f->part[ADDR_STREET].start = t->v[i].start;
		f->part[ADDR_STREET].end = t->v[name_end - 1].end;
		f->part[ADDR_HOUSE].start = (uint32_t)house_s;
		f->part[ADDR_HOUSE].end = (uint32_t)house_e;
		f->part[ADDR_APARTMENT].start = (uint32_t)apt_s;
		f->part[ADDR_APARTMENT].end = (uint32_t)apt_e;
		i = j > i ? j : i + 1;
	}
}

/*
 * Does a letter, a mark or a digit end right before s[i] (i > 0)? Then a
 * capital at s[i] has no word of its own before it (tokens_word_before
 * finds the word it is inside of, which does not end there): the letters
 * of "ТИМОШЕНКО" after the first are not looked back from. ASCII and two
 * bytes are told here; anything else is left to tokens_word_before.
 */
static int inside_word(const struct ufold *fold, const unsigned char *u, size_t i)
{
	unsigned b = u[i - 1], d;
	if (b < 0x80)
		return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
	if (i < 2 || (b & 0xC0) != 0x80 || u[i - 2] < 0xC2 || u[i - 2] > 0xDF)
		return 0;
	d = (u[i - 2] & 0x1Fu) << 6 | (b & 0x3F);
	return d < UFOLD_TABLE && fold->cls[d] != UC_OTHER;
}

/* Is s[i] (i > 0) a number's first digit or a capital that begins a
 * word: where a street type may end right before? */
static int may_follow_street(const struct lexicon *lx, const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[i] >= '0' && u[i] <= '9')
		return !(u[i - 1] >= '0' && u[i - 1] <= '9');
	return lx->fold.capital_lead[u[i]] && ufold_capital_at(&lx->fold, s + i, n - i) &&
	       !inside_word(&lx->fold, u, i);
}

int address_may_be(const struct lexicon *lx, const char *s, size_t n)
{
	size_t i;
	/* nothing stands before the first byte */
	for (i = 1; i < n; i++)
		if (may_follow_street(lx, s, n, i) && tokens_word_before(lx, s, n, i, W_STREET))
			return 1;
	return 0;
}

int address_may_be_at(const struct lexicon *lx, const char *s, size_t n, size_t p)
{
	size_t i = tokens_run_end(lx, s, n, p), len;
	if (i == p)
		return 0;
	/* past what stands between two tokens, to a letter or digit */
	while (i < n) {
		uint32_t c = utf8_next(s + i, n - i, &len);
		if (ufold_class_of(&lx->fold, c) != UC_OTHER || (c >= '0' && c <= '9'))
			break;
		i += len;
	}
	return i < n && may_follow_street(lx, s, n, i) && tokens_word_before(lx, s, n, i, W_STREET);
}
