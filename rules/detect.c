/*
 * detect.c — the rules stage (see detect.h).
 */
#include "rules/detect.h"

#include <stdlib.h>
#include <string.h>

int detector_init(struct detector *d, const char *rules_dir, const char *extra_dir)
{
	memset(d, 0, sizeof *d);
	if (ruleset_load(&d->rs, rules_dir ? rules_dir : rules_default_dir(), extra_dir) < 0) {
		ruleset_release(&d->rs);
		return -1;
	}
	engine_init(&d->eng, &d->rs);
	d->profile_share = 0.5;
	d->profile_min = 3;
	return 0;
}

void detector_release(struct detector *d)
{
	size_t i;
	for (i = 0; i < d->ncol; i++)
		if (d->col[i].init) {
			colctx_release(&d->col[i].ctx);
			free(d->col[i].hits);
		}
	free(d->col);
	for (i = 0; i < d->nff; i++)
		findings_release(&d->ff[i]);
	free(d->ff);
	engine_release(&d->eng);
	ruleset_release(&d->rs);
	memset(d, 0, sizeof *d);
}

static struct colstat *column(struct detector *d, struct reader *rd, unsigned col)
{
	struct colstat *c;
	if (col >= d->ncol) {
		size_t n = d->ncol ? d->ncol : 16;
		while (n <= col)
			n = st_mult(n, 2);
		d->col = xrealloc(d->col, st_mult(n, sizeof *d->col));
		memset(d->col + d->ncol, 0, (n - d->ncol) * sizeof *d->col);
		d->ncol = n;
	}
	c = &d->col[col];
	if (!c->init) {
		c->init = 1;
		colctx_init(&c->ctx, &d->eng, reader_colname(rd, col));
		c->hits = xcalloc(d->rs.ncat + 1, sizeof *c->hits);
	}
	return c;
}

static void ensure_ff(struct detector *d, size_t n)
{
	if (n <= d->nff)
		return;
	d->ff = xrealloc(d->ff, st_mult(n, sizeof *d->ff));
	while (d->nff < n)
		findings_init(&d->ff[d->nff++]);
}

static int examined(const struct record *rec)
{
	return rec->kind == REC_DATA || rec->kind == REC_META;
}

void detector_profile(struct detector *d, struct reader *rd, const struct record *rec)
{
	size_t i, k;
	unsigned char seen[256];
	if (rec->kind != REC_DATA)
		return;
	ensure_ff(d, 1);
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		struct colstat *c = column(d, rd, f->col);
		if (!f->val.len || f->kind == FIELD_LITERAL)
			continue;
		c->nonempty++;
		engine_scan(&d->eng, &c->ctx, f->val.ptr, f->val.len, &d->ff[0]);
		memset(seen, 0, sizeof seen);
		for (k = 0; k < d->ff[0].n; k++) {
			const struct finding *fd = &d->ff[0].v[k];
			unsigned cat = fd->cat;
			/* Only a value that mostly is the identifier says what the
			 * column holds; a phone inside a letter's text does not. */
			if (2 * (fd->end - fd->start) < f->val.len)
				continue;
			if (cat < sizeof seen && !seen[cat]) {
				seen[cat] = 1;
				c->hits[cat]++;
			}
		}
	}
}

void detector_profile_end(struct detector *d, struct reader *rd)
{
	size_t i, k;
	(void)rd;
	for (i = 0; i < d->ncol; i++) {
		struct colstat *c = &d->col[i];
		double best = 0;
		if (!c->init || c->nonempty < d->profile_min)
			continue;
		for (k = 0; k < d->rs.ncat; k++) {
			double share = (double)c->hits[k] / (double)c->nonempty;
			if (share >= d->profile_share && share > best) {
				best = share;
				c->ctx.cat = (int)k;
			}
		}
	}
}

/*
 * Entity context in JSON: an object with an organisation's code (an
 * ЄДРПОУ in a column named for it) and no person's code is an
 * organisation's, and its bank account is not personal data. Only JSON
 * objects are trusted to delimit an entity; a CSV row may mix a council's
 * code with a citizen's account, so rows are never reclassified.
 */
static void reclassify_org_objects(struct detector *d, const struct record *rec)
{
	const struct ruleset *rs = &d->rs;
	size_t i, j, k;
	for (i = 0; i < rec->nf; i++) {
		unsigned obj = rec->f[i].obj;
		int org = 0, person = 0;
		if (!obj)
			continue;
		for (j = 0; j < rec->nf; j++) {
			if (rec->f[j].obj != obj)
				continue;
			for (k = 0; k < d->ff[j].n; k++) {
				const struct finding *f = &d->ff[j].v[k];
				org |= rs->cat[f->cat].marks_org && (f->flags & F_COLUMN);
				person |= rs->cat[f->cat].marks_person;
			}
		}
		if (!org || person)
			continue;
		for (k = 0; k < d->ff[i].n; k++) {
			struct finding *f = &d->ff[i].v[k];
			if (rs->cat[f->cat].in_org >= 0)
				f->cat = (unsigned short)rs->cat[f->cat].in_org;
		}
	}
}

void detector_run(struct detector *d, struct reader *rd, const struct record *rec)
{
	size_t i;
	int objects = 0;
	ensure_ff(d, rec->nf);
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		d->ff[i].n = 0;
		objects |= f->obj != 0;
		if (!examined(rec) || !f->val.len || f->kind == FIELD_LITERAL)
			continue;
		engine_scan(&d->eng, &column(d, rd, f->col)->ctx, f->val.ptr, f->val.len, &d->ff[i]);
	}
	if (objects)
		reclassify_org_objects(d, rec);
}

int detector_column_category(const struct detector *d, unsigned col)
{
	return col < d->ncol && d->col[col].init ? d->col[col].ctx.cat : -1;
}

void detector_stage_profile(void *det, struct reader *rd, const struct record *rec)
{
	detector_profile(det, rd, rec);
}

void detector_stage_profile_end(void *det, struct reader *rd)
{
	detector_profile_end(det, rd);
}
