/*
 * detect.c — the rules stage (see detect.h).
 */
#include "rules/detect.h"

#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"
#include "scanner/pool.h"

/*
 * Batches in flight: two, so that one can be scanned by the threads while
 * the driver takes the findings of the other, record by record.
 */
struct scanned {
	struct record *const *recs;
	size_t n, next;                  /* the batch; the next record detector_run takes */
	struct slot {                    /* per record: its fields' findings */
		struct findings *ff;
		size_t nff;
	} *slot;
	size_t nslot;
};

struct detect_batch {
	struct pool *pool;
	struct engine *eng;              /* eng[w] for worker w >= 1; 0 is d->eng */
	unsigned neng;
	struct detector *d;
	struct scanned b[2];
	unsigned last;                   /* b[last] was started last */
	int running;                     /* b[last] may still be scanned */
};

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
	if (d->batch) {
		struct detect_batch *b = d->batch;
		unsigned j;
		pool_free(b->pool);
		for (i = 1; i < b->neng; i++)
			engine_release(&b->eng[i]);
		free(b->eng);
		for (j = 0; j < 2; j++) {
			struct scanned *sc = &b->b[j];
			for (i = 0; i < sc->nslot; i++) {
				size_t k;
				for (k = 0; k < sc->slot[i].nff; k++)
					findings_release(&sc->slot[i].ff[k]);
				free(sc->slot[i].ff);
			}
			free(sc->slot);
		}
		free(b);
	}
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

/* Makes room for the findings of n fields in *ff (of *nff). */
static void grow_ff(struct findings **ff, size_t *nff, size_t n)
{
	if (n <= *nff)
		return;
	*ff = xrealloc(*ff, st_mult(n, sizeof **ff));
	while (*nff < n)
		findings_init(&(*ff)[(*nff)++]);
}

static void ensure_ff(struct detector *d, size_t n)
{
	grow_ff(&d->ff, &d->nff, n);
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
static void reclassify_org_objects(const struct detector *d, const struct record *rec,
				   struct findings *ff)
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
			for (k = 0; k < ff[j].n; k++) {
				const struct finding *f = &ff[j].v[k];
				org |= rs->cat[f->cat].marks_org && (f->flags & F_COLUMN);
				person |= rs->cat[f->cat].marks_person;
			}
		}
		if (!org || person)
			continue;
		for (k = 0; k < ff[i].n; k++) {
			struct finding *f = &ff[i].v[k];
			if (rs->cat[f->cat].in_org >= 0)
				f->cat = (unsigned short)rs->cat[f->cat].in_org;
		}
	}
}

/*
 * The findings of rec's fields into ff[0..rec->nf), by engine e. Only
 * reads the detector: every column of rec must have been set up.
 */
static void scan_record(const struct detector *d, struct engine *e, const struct record *rec,
			struct findings *ff)
{
	size_t i;
	int objects = 0;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		ff[i].n = 0;
		objects |= f->obj != 0;
		if (!examined(rec) || !f->val.len || f->kind == FIELD_LITERAL)
			continue;
		engine_scan(e, &d->col[f->col].ctx, f->val.ptr, f->val.len, &ff[i]);
	}
	if (objects)
		reclassify_org_objects(d, rec, ff);
}

/* Sets up the columns of rec's fields (names come from the reader). */
static void columns_of(struct detector *d, struct reader *rd, const struct record *rec)
{
	size_t i;
	for (i = 0; i < rec->nf; i++)
		column(d, rd, rec->f[i].col);
}

/* Waits for the batch being scanned, if any. */
static void batch_wait(struct detect_batch *b)
{
	if (b && b->running) {
		pool_wait(b->pool);
		b->running = 0;
	}
}

void detector_run(struct detector *d, struct reader *rd, const struct record *rec)
{
	struct detect_batch *b = d->batch;
	unsigned j;
	for (j = 0; b && j < 2; j++) {
		struct scanned *sc = &b->b[j];
		struct slot *sl;
		struct findings *ff;
		size_t nff;
		if (sc->next >= sc->n || sc->recs[sc->next] != rec)
			continue;
		/* scanned ahead: swap the findings in (the slot keeps ours) */
		if (j == b->last)
			batch_wait(b);
		sl = &sc->slot[sc->next++];
		ff = d->ff;
		nff = d->nff;
		d->ff = sl->ff;
		d->nff = sl->nff;
		sl->ff = ff;
		sl->nff = nff;
		return;
	}
	/* setting up a column may move d->col, which the threads read */
	batch_wait(b);
	ensure_ff(d, rec->nf);
	columns_of(d, rd, rec);
	scan_record(d, &d->eng, rec, d->ff);
}

static void batch_item(void *ctx, unsigned worker, size_t item)
{
	struct detect_batch *b = ctx;
	struct scanned *sc = &b->b[b->last];
	struct engine *e = worker ? &b->eng[worker] : &b->d->eng;
	scan_record(b->d, e, sc->recs[item], sc->slot[item].ff);
}

void detector_batch(struct detector *d, struct reader *rd, struct record *const *recs, size_t n)
{
	struct detect_batch *b = d->batch;
	struct scanned *sc;
	size_t i;
	if (!b) {
		unsigned t = d->threads ? d->threads : pool_cpus();
		if (t < 2)
			return;     /* one thread: detector_run scans each record as it comes */
		/* t threads scan; the caller's thread, busy reading and
		 * writing, helps when it waits */
		b = d->batch = xcalloc(1, sizeof *b);
		b->d = d;
		b->pool = pool_new(t, rx_thread_release);
		b->neng = pool_threads(b->pool);
		b->eng = xcalloc(b->neng, sizeof *b->eng);
		for (i = 1; i < b->neng; i++)
			engine_init(&b->eng[i], &d->rs);
		b->last = 1;
	}
	/* the batch before must be done before its threads take this one */
	batch_wait(b);
	b->last ^= 1;
	sc = &b->b[b->last];
	sc->n = sc->next = 0;
	if (n > sc->nslot) {
		sc->slot = xrealloc(sc->slot, st_mult(n, sizeof *sc->slot));
		memset(sc->slot + sc->nslot, 0, (n - sc->nslot) * sizeof *sc->slot);
		sc->nslot = n;
	}
	for (i = 0; i < n; i++) {
		grow_ff(&sc->slot[i].ff, &sc->slot[i].nff, recs[i]->nf);
		columns_of(d, rd, recs[i]);
	}
	sc->recs = recs;
	sc->n = n;
	b->running = 1;
	pool_start(b->pool, batch_item, b, n);
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

void detector_stage_batch(void *det, struct reader *rd, struct record *const *recs, size_t n)
{
	detector_batch(det, rd, recs, n);
}
