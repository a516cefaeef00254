/*
 * action.c — the filters stage (see action.h).
 *
 * While a record is being rewritten, a changed field's nval.ptr holds an
 * offset into the arena (as a pointer-sized integer) and becomes a pointer
 * once the last field is done: the arena may move while later fields are
 * added.
 */
#include "filters/action.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filters/text.h"
#include "scanner/unicode.h"

void actor_init(struct actor *a, const struct ruleset *rs, const struct policy *pol,
		const struct key *key, struct audit *audit,
		const char *(*colname)(void *ctx, unsigned col), void *colname_ctx)
{
	memset(a, 0, sizeof *a);
	a->rs = rs;
	a->pol = pol;
	a->key = key;
	a->audit = audit;
	a->colname = colname;
	a->colname_ctx = colname_ctx;
	strmap_init(&a->ph);
	a->ph_next = xcalloc(rs->ncat ? rs->ncat : 1, sizeof *a->ph_next);
	buf_init(&a->tmp, 0);
	buf_init(&a->fold, 0);
	buf_init(&a->recfold, 0);
	/* each category's pseudonym HMAC state, keyed once (a few blocks
	 * for each category; only a user's key makes pseudonyms) */
	if (key && key->user) {
		size_t i;
		a->pseudo_mac = xcalloc(rs->ncat ? rs->ncat : 1, sizeof *a->pseudo_mac);
		for (i = 0; i < rs->ncat; i++)
			hmac_label_init(&a->pseudo_mac[i], key->pseudo, rs->cat[i].id);
	}
}

void actor_release(struct actor *a)
{
	strmap_release(&a->ph);
	free(a->ph_next);
	free(a->colrule);
	free(a->colknown);
	buf_release(&a->tmp);
	buf_release(&a->fold);
	buf_release(&a->recfold);
	if (a->pseudo_mac) {
		size_t i;
		for (i = 0; i < a->rs->ncat; i++)
			hmac_label_release(&a->pseudo_mac[i]);
	}
	free(a->pseudo_mac);
	memset(a, 0, sizeof *a);
}

static const struct field_rule *column_rule(struct actor *a, unsigned col)
{
	if (!a->pol->nfield)
		return NULL;
	if (col >= a->ncol) {
		size_t n = a->ncol ? a->ncol : 16;
		while (n <= col)
			n = st_mult(n, 2);
		a->colrule = xrealloc(a->colrule, st_mult(n, sizeof *a->colrule));
		a->colknown = xrealloc(a->colknown, n);
		memset(a->colknown + a->ncol, 0, n - a->ncol);
		a->ncol = n;
	}
	if (!a->colknown[col]) {
		a->colrule[col] = policy_field(a->pol, a->colname(a->colname_ctx, col));
		a->colknown[col] = 1;
	}
	return a->colrule[col];
}

/* ------------------------------------------------------------ UTF-8 bits */

static size_t u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A letter or digit: ASCII alphanumerics and every non-ASCII character
 * except the few spaces and dashes a value may hold. */
static int significant(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'z');
	if (len == 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 0; /* no-break space */
	if (len == 3 && c == 0xE2 && (unsigned char)s[1] == 0x80)
		return 0; /* dashes, typographic quotes, thin spaces */
	return 1;
}

/* ------------------------------------------------------ value normalizing */

/*
 * The comparison form of a finding, for placeholders and pseudonyms: the
 * validator's normal form when there is one (E.164 for phones); names and
 * addresses folded; other identifiers folded without separators, so that
 * "АА 123456" and "АА123456" are the same value.
 */
static void norm_key(struct actor *a, const struct finding *fd, const char *v, size_t n,
		     struct buf *out)
{
	const char *cat = a->rs->cat[fd->cat].id;
	size_t i, start = out->len;
	if (fd->norm[0]) {
		buf_adds(out, fd->norm);
		return;
	}
	text_fold(out, v, n);
	if (!strcmp(cat, "name") || !strcmp(cat, "address"))
		return;
	for (i = start; i < out->len;) {
		size_t l = u8len((unsigned char)out->ptr[i]);
		if (l > out->len - i)
			l = out->len - i;
		if (!significant(out->ptr + i, l) && !(l == 1 && out->ptr[i] == '@')) {
			memmove(out->ptr + i, out->ptr + i + l, out->len - i - l);
			buf_setlen(out, out->len - l);
		} else
			i += l;
	}
}

/* ---------------------------------------------------------------- actions */

static void render_placeholder(struct actor *a, const struct act *act, const struct finding *fd,
			       const char *v, size_t n, struct buf *out)
{
	const struct category *c = &a->rs->cat[fd->cat];
	int num;
	buf_reset(&a->tmp);
	buf_addf(&a->tmp, "%u", (unsigned)fd->cat);
	buf_addch(&a->tmp, '\x1f');
	norm_key(a, fd, v, n, &a->tmp);
	num = strmap_get(&a->ph, a->tmp.ptr, a->tmp.len);
	if (num < 0) {
		num = (int)++a->ph_next[fd->cat];
		strmap_put(&a->ph, a->tmp.ptr, a->tmp.len, num);
	}
	if (act->prefix)
		buf_adds(out, act->prefix);
	else if (!strcmp(c->id, "name"))
		buf_adds(out, "ОСОБА"); /* the court register's convention */
	else {
		/* From the token: [ДАТА НАРОДЖЕННЯ] -> ДАТА_НАРОДЖЕННЯ. */
		const char *t = c->token;
		size_t len = strlen(t);
		if (len >= 2 && t[0] == '[' && t[len - 1] == ']') {
			t++;
			len -= 2;
		}
		for (; len; t++, len--)
			buf_addch(out, *t == ' ' ? '_' : *t);
	}
	buf_addf(out, "_%d", num);
}

static void render_mask(const struct act *act, const char *v, size_t n, struct buf *out)
{
	size_t i, total = 0, j = 0, l;
	int all;
	for (i = 0; i < n; i += l) {
		l = u8len((unsigned char)v[i]);
		if (l > n - i)
			l = n - i;
		total += significant(v + i, l);
	}
	/* Keeping as much as the value holds would publish it: mask it all. */
	all = (size_t)act->keep_first + (size_t)act->keep_last >= total;
	for (i = 0; i < n; i += l) {
		l = u8len((unsigned char)v[i]);
		if (l > n - i)
			l = n - i;
		if (!significant(v + i, l)) {
			buf_add(out, v + i, l);
			continue;
		}
		if (!all && (j < (size_t)act->keep_first || j >= total - (size_t)act->keep_last))
			buf_add(out, v + i, l);
		else
			buf_addch(out, '*');
		j++;
	}
}

static int render_pseudonym(struct actor *a, const struct act *act, const struct finding *fd,
			    const char *v, size_t n, struct buf *out)
{
	char hex[SHA256_HEX];
	if (!a->key || !a->key->user)
		return error("the pseudonym action needs a secret key (--key-file FILE or ZNES_KEY)");
	buf_reset(&a->tmp);
	norm_key(a, fd, v, n, &a->tmp);
	/* The category is the HMAC's label: equal digits of a phone and of a
	 * tax number do not share a pseudonym. */
	hmac_label_hex(&a->pseudo_mac[fd->cat], a->tmp.ptr, a->tmp.len, hex);
	buf_adds(out, "[ПСЕВДОНІМ:");
	buf_add(out, hex, (size_t)act->length);
	buf_addch(out, ']');
	return 0;
}

/* Digit groups of a date: their offsets and lengths, at most 3. */
struct groups {
	size_t at[3], len[3];
	int n;
};

static void digit_groups(const char *v, size_t n, struct groups *g)
{
	size_t i = 0;
	g->n = 0;
	while (i < n && g->n < 3) {
		if (!is_digit((unsigned char)v[i])) {
			i++;
			continue;
		}
		g->at[g->n] = i;
		while (i < n && is_digit((unsigned char)v[i]))
			i++;
		g->len[g->n] = i - g->at[g->n];
		g->n++;
	}
}

/* Date -> year ("1961") or month ("02.1961", "1961-02", "лютого 1961");
 * a year alone stays the year. */
static int generalize_date(const char *v, size_t n, enum gen_level to, struct buf *out)
{
	struct groups g;
	int y = -1;
	digit_groups(v, n, &g);
	/* a year alone ("1975 р.н."): no finer than either level asks */
	if (g.n == 1 && g.len[0] == 4 && g.at[0] == 0 && n == 4) {
		buf_add(out, v, 4);
		return 0;
	}
	if (g.n == 3 && g.len[0] == 4 && g.len[1] <= 2)
		y = 0; /* 1961-02-13 */
	else if (g.n == 3 && g.len[2] == 4 && g.len[1] <= 2)
		y = 2; /* 13.02.1961 */
	else if (g.n == 2 && g.len[0] <= 2 && g.len[1] == 4)
		y = 1; /* 13 лютого 1961 */
	if (y < 0)
		return -1;
	if (to == GEN_YEAR) {
		buf_add(out, v + g.at[y], 4);
		return 0;
	}
	if (g.n == 3 && y == 0) /* 1961-02 */
		buf_add(out, v + g.at[0], g.at[1] + g.len[1] - g.at[0]);
	else if (g.n == 3)      /* 02.1961 */
		buf_add(out, v + g.at[1], g.at[2] + 4 - g.at[1]);
	else {                  /* лютого 1961: the words after the day */
		size_t s = g.at[0] + g.len[0];
		while (s < g.at[1] && v[s] == ' ')
			s++;
		if (s == g.at[1])
			return -1;
		buf_add(out, v + s, g.at[1] + 4 - s);
	}
	return 0;
}

static int starts_word(const char *folded, const char *const *words)
{
	size_t i, l;
	for (i = 0; words[i]; i++) {
		l = strlen(words[i]);
		if (!strncmp(folded, words[i], l)) {
			unsigned char c = (unsigned char)folded[l];
			/* "вул." / "вул " / "вулиця": a marker, not a prefix of a name. */
			if (words[i][l - 1] == '.' || c == ' ' || c == '.' || c == '\0')
				return 1;
		}
	}
	return 0;
}

/* "Київська обл.", "Бучанський район": the marker follows the name. */
static int has_word(const char *folded, const char *const *words)
{
	size_t i;
	for (i = 0; words[i]; i++)
		if (text_has_words(folded, strlen(folded), words[i], strlen(words[i])))
			return 1;
	return 0;
}

/*
 * Address -> settlement ("м. Київ") or street ("м. Київ, вул. Хрещатик"):
 * the comma-separated parts that start with a settlement (and region)
 * marker or, for street, a street marker; house, flat and postal code go.
 */
static int generalize_address(struct actor *a, const char *v, size_t n, enum gen_level to,
			      struct buf *out)
{
	static const char *const place[] = {
		"м.", "м", "місто", "с.", "с", "село", "смт", "селище", "сел.", "обл.", "обл",
		"область", "р-н", "район", "громада", "тер.", NULL
	};
	static const char *const street[] = {
		"вул.", "вул", "вулиця", "просп.", "просп", "проспект", "пров.", "пров",
		"провулок", "бул.", "бульв.", "бульвар", "пл.", "площа", "шосе", "наб.",
		"набережна", "узвіз", "майдан", "тупик", "проїзд", "алея", "мкр", "мікрорайон",
		"ж/м", NULL
	};
	static const char *const region[] = { "обл", "область", "р-н", "район", "громада", NULL };
	size_t i = 0, start = out->len;
	int settled = 0;
	while (i < n) {
		size_t e = i, s, t;
		while (e < n && v[e] != ',')
			e++;
		for (s = i; s < e && v[s] == ' '; s++)
			;
		for (t = e; t > s && v[t - 1] == ' '; t--)
			;
		buf_reset(&a->fold);
		text_fold(&a->fold, v + s, t - s);
		if (t > s && (starts_word(a->fold.ptr, place) || has_word(a->fold.ptr, region) ||
			      (to == GEN_STREET && starts_word(a->fold.ptr, street)))) {
			settled |= starts_word(a->fold.ptr, place) || has_word(a->fold.ptr, region);
			if (out->len > start)
				buf_adds(out, ", ");
			buf_add(out, v + s, t - s);
		}
		i = e + 1;
	}
	if (!settled) {
		buf_setlen(out, start);
		return -1;
	}
	return 0;
}

/* An age ("45", "45 років") -> its band ("40–49"). */
static int generalize_band(const char *v, size_t n, int width, struct buf *out)
{
	size_t i = 0;
	int age = 0, digits = 0;
	while (i < n && v[i] == ' ')
		i++;
	while (i < n && is_digit((unsigned char)v[i]) && digits < 4) {
		age = age * 10 + (v[i++] - '0');
		digits++;
	}
	if (!digits || age > 150 || (i < n && is_digit((unsigned char)v[i])))
		return -1;
	if (width <= 1)
		buf_addf(out, "%d", age);
	else
		buf_addf(out, "%d–%d", age / width * width, age / width * width + width - 1);
	return 0;
}

enum action actor_render(struct actor *a, const struct act *act, const struct finding *fd,
			 const char *v, size_t n, struct buf *out)
{
	const char *cat = fd ? a->rs->cat[fd->cat].id : "";
	size_t start = out->len;
	int rc = -1;
	switch (act->kind) {
	case ACT_DROP:
	case ACT_DROP_COLUMN:
		return act->kind;
	case ACT_KEEP:
	case ACT_NONE:
		buf_add(out, v, n);
		return act->kind;
	case ACT_MASK:
		render_mask(act, v, n, out);
		return ACT_MASK;
	case ACT_PLACEHOLDER:
		if (!fd)
			break;
		render_placeholder(a, act, fd, v, n, out);
		return ACT_PLACEHOLDER;
	case ACT_PSEUDONYM:
		if (!fd)
			break;
		return render_pseudonym(a, act, fd, v, n, out) < 0 ? ACT_NONE : ACT_PSEUDONYM;
	case ACT_GENERALIZE:
		if (act->to == GEN_BAND)
			rc = generalize_band(v, n, act->width, out);
		else if ((act->to == GEN_YEAR || act->to == GEN_MONTH) &&
			 (!fd || !strcmp(cat, "dob") || !strcmp(cat, "date")))
			rc = generalize_date(v, n, act->to, out);
		else if ((act->to == GEN_SETTLEMENT || act->to == GEN_STREET) &&
			 (!fd || !strcmp(cat, "address")))
			rc = generalize_address(a, v, n, act->to, out);
		if (!rc)
			return ACT_GENERALIZE;
		buf_setlen(out, start);
		break;
	case ACT_TOKEN:
		break;
	}
	/* The token: asked for, or what a failed generalization falls back to. */
	if (fd)
		buf_add(out, a->rs->cat[fd->cat].token, a->rs->cat[fd->cat].token_len);
	return ACT_TOKEN;
}

/* ----------------------------------------------------------------- driver */

static int log_event(struct actor *a, const struct record *rec, const struct field *f,
		     const char *field, const struct finding *fd, enum action done,
		     const struct act *act, const char *why, size_t s, size_t e)
{
	struct audit_event ev;
	a->events++;
	if (!a->audit)
		return 0;
	memset(&ev, 0, sizeof ev);
	ev.record = rec->index;
	ev.line = f->line ? f->line : rec->line;
	ev.field = field;
	ev.category = fd ? a->rs->cat[fd->cat].id : NULL;
	ev.rule = fd ? a->rs->rule[fd->rule].id : NULL;
	ev.action = action_name(done);
	ev.detail = done == ACT_GENERALIZE ? gen_level_name(act->to) : NULL;
	ev.start = s;
	ev.end = e;
	ev.confidence = fd ? fd->conf : -1;
	ev.value = f->val.ptr + s;
	ev.value_len = e - s;
	ev.basis = done == ACT_KEEP ? act->basis : NULL;
	ev.why = why;
	return audit_event(a->audit, &ev);
}

/* The folded text of the whole record, for officials listed with a position. */
static const char *record_text(struct actor *a, const struct record *rec)
{
	size_t i;
	buf_reset(&a->recfold);
	for (i = 0; i < rec->nf; i++) {
		if (i)
			buf_adds(&a->recfold, " | ");
		text_fold(&a->recfold, rec->f[i].val.ptr, rec->f[i].val.len);
	}
	return a->recfold.ptr;
}

/*
 * Is what an action (done) wrote to arena from `from` on valid UTF-8, and
 * does it replace val[s..e) on character boundaries? Then a value that was
 * valid stays so, and a writer that must write valid text need not check
 * the whole value again (json_write). A token, or nothing, is valid as it
 * is: categories' tokens were read from JSON, which jansson validates.
 */
static int stays_utf8(const struct buf *arena, size_t from, enum action done,
		      const struct view *val, size_t s, size_t e)
{
	int truncated;
	const unsigned char *v = (const unsigned char *)val->ptr;
	return (s >= val->len || (v[s] & 0xC0) != 0x80) && (e >= val->len || (v[e] & 0xC0) != 0x80) &&
	       (done == ACT_TOKEN || done == ACT_DROP ||
		utf8_valid_prefix(arena->ptr + from, arena->len - from, &truncated) == arena->len - from);
}

/* A whole-value action (drop-column, an age band): no finding needed. */
static int whole_value(struct actor *a, struct record *rec, size_t i, const char *name,
		       const struct field_rule *fr, struct buf *arena)
{
	const struct field *f = &rec->f[i];
	size_t start = arena->len;
	enum action done;
	struct view v;
	int utf8;
	if (!f->val.len || f->kind == FIELD_LITERAL)
		return 0;
	done = actor_render(a, &fr->act, NULL, f->val.ptr, f->val.len, arena);
	if (done == ACT_TOKEN) /* an age that is not a number: remove it */
		done = ACT_DROP;
	utf8 = stays_utf8(arena, start, done, &f->val, 0, f->val.len);
	if (log_event(a, rec, f, name, NULL, done, &fr->act, "field", 0, f->val.len) < 0)
		return -1;
	v.ptr = (const char *)(uintptr_t)start;
	v.len = arena->len - start;
	record_set(rec, i, v);
	rec->f[i].nval_utf8 = (unsigned char)utf8;
	return 1;
}

int actor_record(struct actor *a, struct record *rec, const struct findings *ff,
		 struct buf *arena)
{
	const char *recfold = NULL;
	int need_text = policy_needs_record_text(a->pol);
	size_t i, k;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		const struct field_rule *fr = column_rule(a, f->col);
		const char *name = NULL;
		size_t at = 0, start = arena->len;
		int changed = 0, utf8 = f->utf8;
		struct view v;
		if (fr && (fr->act.kind == ACT_DROP_COLUMN ||
			   (fr->act.kind == ACT_GENERALIZE && fr->act.to == GEN_BAND))) {
			if (rec->kind != REC_DATA && rec->kind != REC_META)
				continue; /* the header row keeps the column's name */
			name = a->colname(a->colname_ctx, f->col);
			if (whole_value(a, rec, i, name, fr, arena) < 0)
				return -1;
			continue;
		}
		if (!ff[i].n)
			continue;
		for (k = 0; k < ff[i].n; k++) {
			const struct finding *fd = &ff[i].v[k];
			const char *why;
			const struct act *act;
			enum action done;
			size_t s = fd->start < at ? at : fd->start, e = fd->end;
			if (e <= s || e > f->val.len)
				continue;
			if (need_text && !recfold && (int)fd->cat == a->pol->name_cat)
				recfold = record_text(a, rec);
			act = policy_decide(a->pol, a->rs, fr, fd, f->val.ptr, recfold, &why);
			if (act->kind == ACT_NONE)
				continue;
			if (!name)
				name = a->colname(a->colname_ctx, f->col);
			if (act->kind != ACT_KEEP) {
				size_t piece;
				buf_add(arena, f->val.ptr + at, s - at);
				piece = arena->len;
				done = actor_render(a, act, fd, f->val.ptr + s, e - s, arena);
				if (done == ACT_NONE)
					return -1;
				utf8 = utf8 && stays_utf8(arena, piece, done, &f->val, s, e);
				at = e;
				changed = 1;
			} else
				done = ACT_KEEP;
			if (log_event(a, rec, f, name, fd, done, act, why, s, e) < 0)
				return -1;
		}
		if (!changed) {
			buf_setlen(arena, start);
			continue;
		}
		buf_add(arena, f->val.ptr + at, f->val.len - at);
		v.ptr = (const char *)(uintptr_t)start;
		v.len = arena->len - start;
		record_set(rec, i, v);
		rec->f[i].nval_utf8 = (unsigned char)utf8;
	}
	if (rec->changed) {
		for (i = 0; i < rec->nf; i++)
			if (rec->f[i].changed) {
				rec->f[i].nval.ptr = arena->ptr + (uintptr_t)rec->f[i].nval.ptr;
				a->fields_changed++;
			}
	}
	return 0;
}
