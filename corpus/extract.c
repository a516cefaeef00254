/*
 * extract.c — the linkage stage (see extract.h): rules stage, column
 * kinds, quasi-identifier slots and direct identifiers of each record,
 * hashed with the index's key before they leave this file. Values are
 * normalized in corpus/qi.c; the only thing kept across records is per
 * column (its kind, what it filled), so memory does not grow with input.
 */
#include "corpus/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/crypto.h"
#include "rules/validators.h"

static const struct {
	const char *cat;
	int kind;
} cat_idents[] = {
	{ "name", ID_NAME }, { "tax_id", ID_TAX }, { "phone", ID_PHONE }, { "email", ID_EMAIL },
	{ "passport", ID_DOC }, { "unzr", ID_DOC }, { "birth_cert", ID_DOC }, { "iban", ID_ACCOUNT },
	{ "card", ID_ACCOUNT },
};

int extractor_init(struct extractor *x, const struct corpus *cx, const char *rules_dir, int digests)
{
	size_t i;
	memset(x, 0, sizeof *x);
	x->cx = cx;
	x->digests = digests;
	if (detector_init(&x->det, NULL, rules_dir) < 0)
		return -1;
	if (qi_pack_load(&x->pack, rules_default_dir(), &x->det.rs) < 0) {
		detector_release(&x->det);
		return -1;
	}
	for (i = 0; i < sizeof cat_idents / sizeof cat_idents[0]; i++) {
		int c = ruleset_category(&x->det.rs, cat_idents[i].cat);
		if (c >= 0 && c < 64 && x->pack.direct_cat[c])
			x->cat_ident[c] = cat_idents[i].kind;
	}
	/* a direct category of the pack that has no kind above is a document */
	for (i = 0; i < 64; i++)
		if (x->pack.direct_cat[i] && !x->cat_ident[i])
			x->cat_ident[i] = ID_DOC;
	qi_values_init(&x->q);
	buf_init(&x->t1, 0);
	buf_init(&x->t2, 0);
	buf_init(&x->t3, 0);
	return 0;
}

void extractor_release(struct extractor *x)
{
	size_t i;
	for (i = 0; i < x->ncol; i++)
		free(x->col[i].name);
	free(x->col);
	free(x->row.id);
	qi_values_release(&x->q);
	buf_release(&x->t1);
	buf_release(&x->t2);
	buf_release(&x->t3);
	qi_pack_release(&x->pack);
	detector_release(&x->det);
	memset(x, 0, sizeof *x);
}

static struct xcol *xcol(struct extractor *x, struct reader *rd, unsigned col)
{
	struct xcol *c;
	x->col = xgrow_zeroed(x->col, &x->ncol, col, sizeof *x->col, 16);
	c = &x->col[col];
	if (!c->decided) {
		/* the header first (data, in the pack); else what profiling found */
		int cat;
		c->decided = 1;
		c->kind = qi_pack_header_kind(&x->pack, reader_colname(rd, col));
		cat = detector_column_category(&x->det, col);
		if (c->kind == QK_NONE && cat >= 0 && cat < 64)
			c->kind = x->pack.cat_kind[cat];
	}
	return c;
}

static void add_ident(struct extractor *x, int kind, const char *s, size_t n)
{
	struct xrow *r = &x->row;
	if (!n)
		return;
	if (r->nid == r->cap) {
		r->cap = r->cap ? st_mult(r->cap, 2) : 16;
		r->id = xrealloc(r->id, st_mult(r->cap, sizeof *r->id));
	}
	r->id[r->nid].kind = kind;
	r->id[r->nid].h = corpus_hash(x->cx, s, n);
	r->nid++;
}

/* The unkeyed hex digests someone may have published instead of s. */
static void add_digests(struct extractor *x, const char *s, size_t n)
{
	char hex[65];
	int a;
	if (!x->digests)
		return;
	for (a = 0; a < DIGEST_N; a++) {
		size_t len = digest_hex((enum digest_alg)a, s, n, hex);
		add_ident(x, ID_HEX, hex, len);
	}
}

static void digits_of(struct buf *out, const char *s, size_t n)
{
	size_t i;
	buf_reset(out);
	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			buf_addch(out, s[i]);
}

/* One direct identifier found by the rules: its canonical spelling(s). */
static void take_ident(struct extractor *x, struct xcol *c, int kind, const char *s, size_t n,
		       const struct finding *fd)
{
	struct buf *t = &x->t1;
	size_t i;
	struct rnokpp_info info;
	if (!c->ident)
		c->ident = kind;
	switch (kind) {
	case ID_TAX:
		digits_of(t, s, n);
		add_ident(x, ID_TAX, t->ptr, t->len);
		add_digests(x, t->ptr, t->len);
		/* the number carries the birth date and sex: use them as quasi-identifiers */
		if (val_rnokpp(t->ptr, t->len, &info)) {
			char d[16];
			unsigned before = x->q.set;
			snprintf(d, sizeof d, "%04d-%02d-%02d", info.birth.y, info.birth.m, info.birth.d);
			qi_extract(&x->q, QK_BIRTH_DATE, d, strlen(d));
			qi_extract(&x->q, QK_SEX, info.sex == 'M' ? "m" : "f", 1);
			c->slots |= x->q.set & ~before;
			c->tax_derived |= x->q.set != before;
			x->tax_leaks++;
		}
		break;
	case ID_PHONE:
		/* +380XXXXXXXXX (the rules' E.164), and 0XXXXXXXXX as people write it */
		if (fd->norm[0] == '+') {
			buf_reset(t);
			buf_adds(t, fd->norm);
		} else {
			digits_of(t, s, n);
		}
		add_ident(x, ID_PHONE, t->ptr, t->len);
		add_digests(x, t->ptr, t->len);
		if (t->len == 13 && !strncmp(t->ptr, "+380", 4)) {
			add_digests(x, t->ptr + 1, t->len - 1);
			add_digests(x, t->ptr + 3, t->len - 3);
		}
		break;
	case ID_EMAIL:
		buf_reset(t);
		for (i = 0; i < n; i++)
			buf_addch(t, s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		add_ident(x, ID_EMAIL, t->ptr, t->len);
		add_digests(x, t->ptr, t->len);
		break;
	case ID_NAME:
		if (qi_name_keys(s, n, &x->t2, &x->t3)) {
			/* the published side stores both keys; the new side looks up its most specific */
			if (x->digests || !x->t3.len)
				add_ident(x, ID_NAME, x->t2.ptr, x->t2.len);
			if (x->t3.len)
				add_ident(x, ID_NAME, x->t3.ptr, x->t3.len);
		}
		break;
	default:
		buf_reset(t);
		qi_norm_text(&x->t2, s, n);
		for (i = 0; i < x->t2.len; i++)
			if (x->t2.ptr[i] != ' ')
				buf_addch(t, x->t2.ptr[i]);
		buf_reset(&x->t2);
		add_ident(x, kind, t->ptr, t->len);
		break;
	}
	buf_reset(&x->t2);
	buf_reset(&x->t3);
}

static int x_begin(void *ctx, struct reader *rd)
{
	(void)ctx;
	(void)rd;
	return 0;
}

static int x_record(void *ctx, struct reader *rd, struct record *rec)
{
	struct extractor *x = ctx;
	const struct findings *all;
	size_t i, k;
	int s;
	if (rec->kind != REC_DATA)
		return 0;
	all = detector_run(&x->det, rd, rec);
	qi_values_clear(&x->q);
	x->row.nid = 0;
	x->row.row = (int64_t)rec->index;
	/* quasi-identifier columns first: a whole value of the column's kind */
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		struct xcol *c = xcol(x, rd, f->col);
		unsigned before = x->q.set;
		if (!f->val.len || c->kind == QK_NONE)
			continue;
		if (c->kind == QK_NAME)
			take_ident(x, c, ID_NAME, f->val.ptr, f->val.len, NULL);
		else
			qi_extract(&x->q, c->kind, f->val.ptr, f->val.len);
		c->slots |= x->q.set & ~before;
	}
	/* then what the rules found anywhere: direct identifiers, and birth
	 * dates or addresses in columns that are not of a quasi-identifier kind */
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		const struct findings *ff = &all[i];
		struct xcol *c = xcol(x, rd, f->col);
		if (!f->val.len)
			continue;
		if (qi_is_hex_digest(f->val.ptr, f->val.len)) {
			/* a published pseudonym or a hash of an identifier: compared as lowercase hex */
			buf_reset(&x->t1);
			for (k = 0; k < f->val.len; k++)
				buf_addch(&x->t1, f->val.ptr[k] >= 'A' && f->val.ptr[k] <= 'F' ? f->val.ptr[k] + 32
												 : f->val.ptr[k]);
			add_ident(x, ID_HEX, x->t1.ptr, x->t1.len);
			c->hex = 1;
			x->hex_values++;
			continue;
		}
		for (k = 0; k < ff->n; k++) {
			const struct finding *fd = &ff->v[k];
			const char *v = f->val.ptr + fd->start;
			size_t n = fd->end - fd->start;
			int ik = fd->cat < 64 ? x->cat_ident[fd->cat] : 0;
			if (ik && !(ik == ID_NAME && c->kind == QK_NAME))
				take_ident(x, c, ik, v, n, fd);
			else if (fd->cat < 64 && x->pack.cat_kind[fd->cat] != QK_NONE && c->kind == QK_NONE) {
				unsigned before = x->q.set;
				qi_extract(&x->q, x->pack.cat_kind[fd->cat], v, n);
				c->slots |= x->q.set & ~before;
			}
		}
	}
	x->row.set = x->q.set;
	for (s = 0; s < QS_N; s++)
		if (x->q.set & (1u << s))
			x->row.h[s] = corpus_hash(x->cx, x->q.v[s].ptr, x->q.v[s].len);
	x->row.direct = 0;
	for (k = 0; k < x->row.nid && !x->row.direct; k++)
		x->row.direct = x->row.id[k].kind != ID_HEX;
	x->records++;
	x->direct_records += x->row.direct;
	for (s = 0; s < QS_N; s++)
		x->slotcount[s] += (x->q.set >> s) & 1;
	return x->emit ? x->emit(x->emit_ctx, &x->row) : 0;
}

static int x_end(void *ctx, struct reader *rd)
{
	struct extractor *x = ctx;
	size_t i;
	int s;
	x->slots = 0;
	for (s = 0; s < QS_N; s++)
		if (x->slotcount[s] && x->slotcount[s] * 2 >= x->records)
			x->slots |= 1u << s;
	for (i = 0; i < x->ncol; i++)
		if (x->col[i].decided && !x->col[i].name)
			x->col[i].name = xstrdup(reader_colname(rd, (unsigned)i));
	return 0;
}

void extractor_stage(struct extractor *x, struct stage *st)
{
	memset(st, 0, sizeof *st);
	st->begin = x_begin;
	detector_stage(&x->det, st);
	st->record = x_record;
	st->end = x_end;
	st->ctx = x;
}
