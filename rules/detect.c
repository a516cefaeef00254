/*
 * detect.c — the rules stage (see detect.h).
 */
#include "rules/detect.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"
#include "scanner/pipeline.h"
#include "scanner/pool.h"
#include "scanner/strmap.h"

/*
 * Values seen again. Municipal data repeats itself (a category, the
 * officer who signs every row, a decision's date), and a value's findings
 * depend only on the value and its column. So each thread keeps, per
 * column, the findings of the values it scanned last (direct-mapped by
 * hash; values up to VC_MAXLEN bytes) and copies them when a value comes
 * again. A column that seldom repeats (names, codes, free text) stops
 * using its cache after VC_PROBE lookups, so it costs little there.
 */
#define VC_SLOTS 128
#define VC_MAXLEN 256
#define VC_PROBE 1024
/* Bounds on a thread's caches (some 37 KiB each): the first columns of a
 * wide table get one, up to VC_TABLES of them. */
#define VC_COLUMNS 4096
#define VC_TABLES 64

struct vc_entry {
	char val[VC_MAXLEN];
	struct findings f;
};

struct vcache {
	struct vc_entry *slot;           /* VC_SLOTS of them, or NULL before use */
	/* per slot, its value's hash and length (hash << 32 | length; 0:
	 * empty), apart from the entries: a lookup that misses, most of
	 * them, reads a kilobyte that stays in cache, not a line of a
	 * 37 KiB table */
	uint64_t *key;
	unsigned long lookups, hits;
	int off;                         /* seldom repeats: not used */
};

/* One thread's caches, by column, and its scratch for JSON objects. */
struct vcset {
	struct vcache *c;
	size_t n;
	size_t tables;                   /* slot tables made */
	unsigned char *objs;             /* per object of a record: OBJ_ORG, OBJ_PERSON */
	size_t nobjs;
};

/*
 * A batch a thread scanned: its records and, per record, its fields'
 * findings, packed one field after another (cnt[i] of them are field
 * i's), which detector_run unpacks when the record is processed.
 */
struct scanned {
	struct record *const *recs;
	size_t n, next;                  /* the batch; the next record detector_run takes */
	struct slot {
		struct findings all;
		uint32_t *cnt;
		size_t ncnt;
	} *slot;
	size_t nslot;
};

/*
 * The window's records as the profile a record at a time saw them (no
 * threads), with their findings, which detector_run takes again for a
 * column the profile left as it was: the window is scanned once.
 */
struct detect_window {
	const struct record **recs;
	size_t nrecs;                    /* room in recs */
	struct scanned sc;               /* sc.recs unused: recs above */
};

/* A worker's findings of the record at hand, one per field, before packing. */
struct wff {
	struct findings *ff;
	size_t nff;
};

/*
 * A batch's values in column order. Record after record, a batch's values
 * alternate between kinds (a name, a tax number, a date, an address),
 * each taking its own paths through the engine; a column at a time, the
 * same kind comes hundreds of times in a row, and the branch predictors
 * and caches keep what that column needs (the bench's JSON Lines with two
 * threads: 4.5% less CPU). A field is numbered g = base[r] + i in the
 * batch (field i of record r); order lists the fields column by column,
 * in input order within a column, field g at pos[g] (so the scan writes
 * where each field's findings are in turn, not scattered), and all holds
 * every field's findings, an item's num of them from its off. The
 * findings of a value do not depend on the order (its column's cache
 * returns what a scan finds), so they are those of a scan record after
 * record.
 */
struct colorder {
	uint32_t *base;                  /* per record; base[n]: the batch's fields */
	/* the fields, column after column: what a scan needs of each, read
	 * in turn (their records' field structs, read in this order, would
	 * cost a cache miss each) */
	struct colitem {
		const char *ptr;
		size_t len;              /* 0: not scanned */
		uint32_t col;
		uint32_t off, num;       /* its findings in all */
	} *order;
	uint32_t *pos;                   /* per field: where it is in order */
	uint32_t *cnt;                   /* per column, for the counting sort */
	unsigned char *has_objects;      /* per record: it holds JSON objects */
	size_t nbase, nfield, ncnt, nhas_objects;
	struct findings all, one;
	struct findings *view;           /* one record's fields: views of all */
	size_t nview;
};

/*
 * One thread's own state. Each starts a fresh pair of cache lines
 * (WORKER_ALIGN), so no line is written by one thread while another
 * reads it: an engine's validator memo, written for every candidate, sits
 * at the end of struct engine, and the rule tables the next thread reads
 * for every value at its start.
 */
#define WORKER_ALIGN 128
struct worker {
	_Alignas(WORKER_ALIGN) struct engine eng;
	struct vcset vc;
	struct wff wff;
	struct colorder co;
	struct scanned sc;               /* the thread's batch */
	struct pcounts pc;               /* its parts of the window's profile */
	/* and the findings of its part's records, which the part's scan
	 * takes again for a column the profile left as it was */
	struct scanned pf;
};

/*
 * The threads' own state, each scanning its batches (pipeline.h): worker
 * w has index w + 1 in w[]; index 0 is unused (the detector's own engine
 * and cache serve the window's profile and detector_run).
 */
struct detect_batch {
	struct worker *w;                /* w[i], i >= 1 */
	unsigned n;                      /* threads + 1 */
	/* the columns: scans read them; setting up a new one (it may move
	 * d->col) waits for the scans at hand */
	pthread_rwlock_t cols;
};

int detector_init(struct detector *d, const char *rules_dir, const char *extra_dir)
{
	memset(d, 0, sizeof *d);
	if (ruleset_load(&d->rs, rules_dir ? rules_dir : rules_default_dir(), extra_dir) < 0) {
		ruleset_release(&d->rs);
		return -1;
	}
	engine_init(&d->eng, &d->rs);
	d->vc = xcalloc(1, sizeof *d->vc);
	d->profile_share = 0.5;
	d->profile_min = 3;
	return 0;
}

static void vcset_release(struct vcset *vs)
{
	size_t i, k;
	if (!vs)
		return;
	for (i = 0; i < vs->n; i++) {
		if (!vs->c[i].slot)
			continue;
		for (k = 0; k < VC_SLOTS; k++)
			findings_release(&vs->c[i].slot[k].f);
		free(vs->c[i].slot);
		free(vs->c[i].key);
	}
	free(vs->c);
	vs->c = NULL;
	free(vs->objs);
	vs->objs = NULL;
	vs->nobjs = 0;
	vs->n = 0;
}

static void colorder_release(struct colorder *co)
{
	free(co->base);
	free(co->order);
	free(co->pos);
	free(co->cnt);
	free(co->has_objects);
	findings_release(&co->all);
	findings_release(&co->one);
	free(co->view);
	memset(co, 0, sizeof *co);
}

static void scanned_release(struct scanned *sc)
{
	size_t i;
	for (i = 0; i < sc->nslot; i++) {
		findings_release(&sc->slot[i].all);
		free(sc->slot[i].cnt);
	}
	free(sc->slot);
}

static void pcounts_release(struct pcounts *pc)
{
	free(pc->nonempty);
	free(pc->hits);
	memset(pc, 0, sizeof *pc);
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
	free(d->view);
	vcset_release(d->vc);
	free(d->vc);
	if (d->batch) {
		struct detect_batch *b = d->batch;
		unsigned j;
		for (j = 1; j < b->n; j++) {
			size_t k;
			struct worker *w = &b->w[j];
			engine_release(&w->eng);
			vcset_release(&w->vc);
			for (k = 0; k < w->wff.nff; k++)
				findings_release(&w->wff.ff[k]);
			free(w->wff.ff);
			colorder_release(&w->co);
			pcounts_release(&w->pc);
			scanned_release(&w->pf);
			scanned_release(&w->sc);
		}
		free(b->w);
		pthread_rwlock_destroy(&b->cols);
		free(b);
	}
	pcounts_release(&d->pc);
	if (d->win) {
		scanned_release(&d->win->sc);
		free(d->win->recs);
		free(d->win);
	}
	engine_release(&d->eng);
	ruleset_release(&d->rs);
	memset(d, 0, sizeof *d);
}

static struct colstat *column(struct detector *d, struct reader *rd, unsigned col)
{
	struct colstat *c;
	d->col = xgrow_zeroed(d->col, &d->ncol, col, sizeof *d->col, 16);
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

/* Does a scan look at field f of rec? */
static int scannable(const struct record *rec, const struct field *f)
{
	return examined(rec) && f->val.len && f->kind != FIELD_LITERAL;
}

/* Packs the findings of rec's fields, ff[0..nf), into sl. */
static void pack(struct slot *sl, const struct record *rec, const struct findings *ff)
{
	size_t i;
	if (sl->ncnt < rec->nf) {
		sl->cnt = xrealloc(sl->cnt, st_mult(rec->nf, sizeof *sl->cnt));
		sl->ncnt = rec->nf;
	}
	sl->all.n = 0;
	for (i = 0; i < rec->nf; i++) {
		sl->cnt[i] = (uint32_t)ff[i].n;
		findings_append(&sl->all, ff[i].v, ff[i].n);
	}
}

/* Makes room for n records' slots in sc. */
static void room_for(struct scanned *sc, size_t n)
{
	if (n > sc->nslot) {
		sc->slot = xrealloc(sc->slot, st_mult(n, sizeof *sc->slot));
		memset(sc->slot + sc->nslot, 0, (n - sc->nslot) * sizeof *sc->slot);
		sc->nslot = n;
	}
}

/*
 * What a value of the window tells its column's profile: the categories
 * of the findings that are most of it, each once, into cats (256 at
 * most); their number. Only a value that mostly is the identifier says
 * what the column holds; a phone inside a letter's text does not.
 */
static size_t profile_value(struct engine *e, const struct colctx *ctx, const struct field *f,
			    struct findings *ff, unsigned char *cats)
{
	size_t k, n = 0;
	unsigned char seen[256];
	engine_scan(e, ctx, f->val.ptr, f->val.len, ff);
	memset(seen, 0, sizeof seen);
	for (k = 0; k < ff->n; k++) {
		const struct finding *fd = &ff->v[k];
		if (2 * (fd->end - fd->start) < f->val.len || fd->cat >= sizeof seen || seen[fd->cat])
			continue;
		seen[fd->cat] = 1;
		cats[n++] = (unsigned char)fd->cat;
	}
	return n;
}

/* Is f a value the profile counts? */
static int profiled(const struct field *f)
{
	return f->val.len && f->kind != FIELD_LITERAL;
}

/*
 * Counts a record of the window into pc, each value scanned by engine e
 * into ff[0..rec->nf) (which keep its findings). Its columns must have
 * been set up.
 */
static void profile_record(const struct detector *d, struct engine *e, struct findings *ff,
			   const struct record *rec, struct pcounts *pc)
{
	size_t ncat = d->rs.ncat + 1, i, k, m;
	unsigned char cats[256];
	if (d->ncol) {
		pc->nonempty = xgrow_zeroed(pc->nonempty, &pc->nnonempty, d->ncol - 1, sizeof *pc->nonempty, 16);
		pc->hits = xgrow_zeroed(pc->hits, &pc->nhits, st_mult(d->ncol, ncat) - 1, sizeof *pc->hits, 64);
	}
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		ff[i].n = 0;
		if (!profiled(f))
			continue;
		pc->nonempty[f->col]++;
		m = profile_value(e, &d->col[f->col].ctx, f, &ff[i], cats);
		for (k = 0; k < m; k++)
			pc->hits[f->col * ncat + cats[k]]++;
	}
}

/* Adds pc to the columns' profile and clears it. */
static void add_profile(struct detector *d, struct pcounts *pc)
{
	size_t ncat = d->rs.ncat + 1, i, k;
	for (i = 0; i < pc->nnonempty && i < d->ncol; i++) {
		struct colstat *c = &d->col[i];
		if (!c->init)
			continue;
		c->nonempty += pc->nonempty[i];
		for (k = 0; k < ncat && i * ncat + k < pc->nhits; k++)
			c->hits[k] += pc->hits[i * ncat + k];
	}
	/* counts that were never made (an empty part) need no clearing */
	if (pc->nnonempty)
		memset(pc->nonempty, 0, pc->nnonempty * sizeof *pc->nonempty);
	if (pc->nhits)
		memset(pc->hits, 0, pc->nhits * sizeof *pc->hits);
}

/* Sets up the columns of rec's fields (names come from the reader). */
static void columns_of(struct detector *d, struct reader *rd, const struct record *rec)
{
	size_t i;
	for (i = 0; i < rec->nf; i++)
		column(d, rd, rec->f[i].col);
}

void detector_profile(struct detector *d, struct reader *rd, const struct record *rec)
{
	struct detect_window *w;
	if (rec->kind != REC_DATA)
		return;
	if (!d->win)
		d->win = xcalloc(1, sizeof *d->win);
	w = d->win;
	columns_of(d, rd, rec);
	ensure_ff(d, rec->nf);
	profile_record(d, &d->eng, d->ff, rec, &d->pc);
	/* kept for detector_run (the window's records are held till then) */
	w->recs = xgrow_zeroed(w->recs, &w->nrecs, w->sc.n, sizeof *w->recs, 64);
	if (w->sc.n == w->sc.nslot)
		room_for(&w->sc, w->sc.nslot ? st_mult(w->sc.nslot, 2) : 64);
	w->recs[w->sc.n] = rec;
	pack(&w->sc.slot[w->sc.n], rec, d->ff);
	w->sc.n++;
}

/* The findings the profile a record at a time kept for rec, or NULL.
 * The window is forgotten once its last record has been taken, or a
 * data record past it comes (one the caller skipped stays no longer), so
 * the records after it cost no search. */
static const struct slot *window_findings(struct detector *d, const struct record *rec)
{
	struct detect_window *w = d->win;
	size_t k;
	if (!w || !w->sc.n)
		return NULL;
	for (k = w->sc.next; k < w->sc.n && w->recs[k] != rec; k++)
		;
	if (k == w->sc.n) {
		if (rec->kind == REC_DATA)
			w->sc.n = w->sc.next = 0;
		return NULL;
	}
	w->sc.next = k + 1;
	if (w->sc.next == w->sc.n)
		w->sc.n = w->sc.next = 0; /* taken: the slots stay for reuse */
	return &w->sc.slot[k];
}

/*
 * The driver's profile_part: records of the window, profiled on thread
 * `worker` (prepare set their columns up) into the thread's own counts,
 * which detector_profile_end adds up: the same sums as detector_profile's
 * one record after another. Their findings are kept for the part's scan.
 */
static void stage_profile_part(void *det, struct record *const *recs, size_t n, unsigned worker)
{
	struct detector *d = det;
	struct detect_batch *b = d->batch;
	struct worker *w = &b->w[worker + 1];
	size_t r;
	pthread_rwlock_rdlock(&b->cols);
	room_for(&w->pf, n);
	for (r = 0; r < n; r++) {
		const struct record *rec = recs[r];
		if (rec->kind != REC_DATA)
			continue;
		grow_ff(&w->wff.ff, &w->wff.nff, rec->nf);
		profile_record(d, &w->eng, w->wff.ff, rec, &w->pc);
		pack(&w->pf.slot[r], rec, w->wff.ff);
	}
	pthread_rwlock_unlock(&b->cols);
	w->pf.recs = recs;
	w->pf.n = n;
}

void detector_profile_end(struct detector *d, struct reader *rd)
{
	size_t i, k;
	unsigned j;
	(void)rd;
	add_profile(d, &d->pc);
	for (j = 1; d->batch && j < d->batch->n; j++)
		add_profile(d, &d->batch->w[j].pc);
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
enum { OBJ_ORG = 1, OBJ_PERSON = 2 };

static void reclassify_org_objects(const struct detector *d, struct vcset *vs,
				   const struct record *rec, struct findings *ff)
{
	const struct ruleset *rs = &d->rs;
	size_t i, k;
	unsigned max = 0;
	int org = 0;
	/* most records hold no organisation's code in a column for it: then
	 * no object is an organisation's, and nothing is looked at again */
	for (i = 0; i < rec->nf && !org; i++)
		for (k = 0; k < ff[i].n; k++)
			if (rs->cat[ff[i].v[k].cat].marks_org && (ff[i].v[k].flags & F_COLUMN)) {
				org = 1;
				break;
			}
	if (!org)
		return;
	/* what each object holds, one pass over the fields (objects are
	 * numbered from 1 in the record), then its fields reclassified */
	for (i = 0; i < rec->nf; i++)
		if (rec->f[i].obj > max)
			max = rec->f[i].obj;
	vs->objs = xgrow_zeroed(vs->objs, &vs->nobjs, max, sizeof *vs->objs, 16);
	memset(vs->objs, 0, (size_t)max + 1);
	for (i = 0; i < rec->nf; i++)
		for (k = 0; k < ff[i].n; k++) {
			const struct finding *f = &ff[i].v[k];
			if (rs->cat[f->cat].marks_org && (f->flags & F_COLUMN))
				vs->objs[rec->f[i].obj] |= OBJ_ORG;
			if (rs->cat[f->cat].marks_person)
				vs->objs[rec->f[i].obj] |= OBJ_PERSON;
		}
	for (i = 0; i < rec->nf; i++) {
		if (!rec->f[i].obj || vs->objs[rec->f[i].obj] != OBJ_ORG)
			continue;
		for (k = 0; k < ff[i].n; k++) {
			struct finding *f = &ff[i].v[k];
			if (rs->cat[f->cat].in_org >= 0)
				f->cat = (unsigned short)rs->cat[f->cat].in_org;
		}
	}
}

/* The findings of s[0..n) in column col, by engine e, through the
 * thread's cache vs. */
static void scan_value(const struct detector *d, struct engine *e, struct vcset *vs, unsigned col,
		       const char *s, size_t n, struct findings *out)
{
	struct vcache *c;
	struct vc_entry *en;
	uint32_t h;
	uint64_t key;
	if (n > VC_MAXLEN || col >= VC_COLUMNS) {
		engine_scan(e, &d->col[col].ctx, s, n, out);
		return;
	}
	vs->c = xgrow_zeroed(vs->c, &vs->n, col, sizeof *vs->c, 16);
	c = &vs->c[col];
	if (c->off || (!c->slot && vs->tables >= VC_TABLES)) {
		engine_scan(e, &d->col[col].ctx, s, n, out);
		return;
	}
	if (!c->slot) {
		size_t k;
		vs->tables++;
		c->slot = xcalloc(VC_SLOTS, sizeof *c->slot);
		c->key = xcalloc(VC_SLOTS, sizeof *c->key);
		for (k = 0; k < VC_SLOTS; k++)
			findings_init(&c->slot[k].f);
	}
	h = strmap_hash(s, n);
	key = (uint64_t)h << 32 | n; /* with n > 0, never an empty slot's */
	en = &c->slot[h % VC_SLOTS];
	c->lookups++;
	if (n && c->key[h % VC_SLOTS] == key && !memcmp(en->val, s, n)) {
		c->hits++;
		findings_copy(out, &en->f);
		return;
	}
	engine_scan(e, &d->col[col].ctx, s, n, out);
	c->key[h % VC_SLOTS] = key;
	memcpy(en->val, s, n);
	findings_copy(&en->f, out);
	if (c->lookups >= VC_PROBE && c->hits * 8 < c->lookups) {
		size_t k;
		for (k = 0; k < VC_SLOTS; k++)
			findings_release(&c->slot[k].f);
		free(c->slot);
		free(c->key);
		c->slot = NULL;
		c->key = NULL;
		c->off = 1;
		vs->tables--;
	}
}

/*
 * The findings of rec's fields into ff[0..rec->nf), by engine e with the
 * caches vs. Only reads the detector: every column of rec must have been
 * set up. pre, when not NULL, holds the findings the window's profile
 * packed for rec, its values scanned with their columns as they were
 * then: a value of a column the profile gave no category is not scanned
 * again (the same engine and column context find the same).
 */
static void scan_record(const struct detector *d, struct engine *e, struct vcset *vs,
			const struct record *rec, struct findings *ff, const struct slot *pre)
{
	size_t i, at = 0, from;
	int objects = 0;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		ff[i].n = 0;
		objects |= f->obj != 0;
		from = at;
		if (pre)
			at += pre->cnt[i];
		if (!scannable(rec, f))
			continue;
		if (pre && d->col[f->col].ctx.cat < 0)
			findings_append(&ff[i], pre->all.v + from, pre->cnt[i]);
		else
			scan_value(d, e, vs, f->col, f->val.ptr, f->val.len, &ff[i]);
	}
	if (objects)
		reclassify_org_objects(d, vs, rec, ff);
}


/*
 * Where rec is in sc, from the record detector_run takes next on: almost
 * always that one, but a caller may skip records it does not examine (a
 * header, the glue between JSON records). n when not there.
 */
static size_t find_in(const struct scanned *sc, const struct record *rec)
{
	size_t k;
	for (k = sc->next; k < sc->n; k++)
		if (sc->recs[k] == rec)
			return k;
	return sc->n;
}

const struct findings *detector_run(struct detector *d, struct reader *rd, const struct record *rec)
{
	struct detect_batch *b = d->batch;
	unsigned pass, j;
	/* the record at hand of a thread's batch, then a search ahead in each */
	for (pass = 0; b && pass < 2; pass++)
		for (j = 1; j < b->n; j++) {
			struct scanned *sc = &b->w[j].sc;
			struct slot *sl;
			size_t k, i, at;
			if (sc->next >= sc->n)
				continue;
			k = pass ? find_in(sc, rec) : sc->recs[sc->next] == rec ? sc->next : sc->n;
			if (k >= sc->n)
				continue;
			/* scanned ahead: each field's findings are a view of the
			 * packed ones (cap 0: owned by the batch) */
			sl = &sc->slot[k];
			sc->next = k + 1;
			if (rec->nf > d->nview) {
				d->view = xrealloc(d->view, st_mult(rec->nf, sizeof *d->view));
				d->nview = rec->nf;
			}
			for (i = at = 0; i < rec->nf; i++) {
				d->view[i].v = sl->all.v + at;
				d->view[i].n = sl->cnt[i];
				d->view[i].cap = 0;
				at += sl->cnt[i];
			}
			return d->view;
		}
	ensure_ff(d, rec->nf);
	if (b) /* setting up a column may move d->col, which scans read */
		pthread_rwlock_wrlock(&b->cols);
	columns_of(d, rd, rec);
	if (b)
		pthread_rwlock_unlock(&b->cols);
	scan_record(d, &d->eng, d->vc, rec, d->ff, window_findings(d, rec));
	return d->ff;
}

unsigned detector_threads(const struct detector *d)
{
	unsigned t = d->threads ? d->threads : pool_cpus();
	return t < 2 ? 1 : t;
}

/* The driver's prepare (struct stage): the batch thread `worker` has read
 * (in the reading turn) gets its columns set up and is noted. */
static void stage_prepare(void *det, struct reader *rd, struct record *const *recs, size_t n,
			  unsigned worker)
{
	struct detector *d = det;
	struct detect_batch *b = d->batch;
	struct scanned *sc;
	size_t i, k;
	int fresh = 1;
	if (!b) {
		unsigned t = detector_threads(d);
		b = d->batch = xcalloc(1, sizeof *b);
		b->n = t + 1;
		b->w = xaligned_calloc(WORKER_ALIGN, b->n, sizeof *b->w);
		for (i = 1; i < b->n; i++)
			engine_init(&b->w[i].eng, &d->rs);
		pthread_rwlock_init(&b->cols, NULL);
	}
	if (worker + 1 >= b->n)
		die("detector: thread %u of %u", worker, b->n - 1);
	/* a new column is set up while no thread scans */
	for (i = 0; i < n && fresh; i++)
		for (k = 0; k < recs[i]->nf && fresh; k++) {
			unsigned col = recs[i]->f[k].col;
			fresh = col < d->ncol && d->col[col].init;
		}
	if (!fresh) {
		pthread_rwlock_wrlock(&b->cols);
		for (i = 0; i < n; i++)
			columns_of(d, rd, recs[i]);
		pthread_rwlock_unlock(&b->cols);
	}
	sc = &b->w[worker + 1].sc;
	room_for(sc, n);
	sc->recs = recs;
	sc->n = n;
	sc->next = 0;
}

/* Field i of rec, numbered g, as co->order[k]. */
static void colitem_set(struct colorder *co, size_t k, const struct record *rec, size_t i, size_t g)
{
	const struct field *f = &rec->f[i];
	struct colitem *it = &co->order[k];
	it->ptr = f->val.ptr;
	it->len = scannable(rec, f) ? f->val.len : 0;
	it->col = f->col;
	co->pos[g] = (uint32_t)k;
}

/*
 * Numbers the fields of recs[0..n) and lists them column by column in
 * co->order (a counting sort). A batch with far more column ids than
 * fields (JSON objects of ever new keys) keeps its input order.
 */
static void colorder_make(struct colorder *co, struct record *const *recs, size_t n)
{
	size_t r, i, tot = 0, maxcol = 0;
	co->base = xgrow_zeroed(co->base, &co->nbase, n, sizeof *co->base, 64);
	co->has_objects = xgrow_zeroed(co->has_objects, &co->nhas_objects, n, 1, 64);
	for (r = 0; r < n; r++) {
		co->base[r] = (uint32_t)tot;
		co->has_objects[r] = 0;
		tot = st_add(tot, recs[r]->nf);
		for (i = 0; i < recs[r]->nf; i++) {
			if (recs[r]->f[i].col > maxcol)
				maxcol = recs[r]->f[i].col;
			co->has_objects[r] |= recs[r]->f[i].obj != 0;
		}
	}
	if (tot > UINT32_MAX)
		die("detector: %zu fields in one batch", tot);
	co->base[n] = (uint32_t)tot;
	if (tot > co->nfield) {
		co->order = xrealloc(co->order, st_mult(tot, sizeof *co->order));
		co->pos = xrealloc(co->pos, st_mult(tot, sizeof *co->pos));
		co->nfield = tot;
	}
	if (maxcol > 4 * tot + 1024) {
		for (r = 0; r < n; r++)
			for (i = 0; i < recs[r]->nf; i++)
				colitem_set(co, co->base[r] + i, recs[r], i, co->base[r] + i);
		return;
	}
	/* cnt[c + 1]: fields of column c; then where column c's begin */
	co->cnt = xgrow_zeroed(co->cnt, &co->ncnt, maxcol + 1, sizeof *co->cnt, 64);
	memset(co->cnt, 0, (maxcol + 2) * sizeof *co->cnt);
	for (r = 0; r < n; r++)
		for (i = 0; i < recs[r]->nf; i++)
			co->cnt[recs[r]->f[i].col + 1]++;
	for (i = 1; i <= maxcol + 1; i++)
		co->cnt[i] += co->cnt[i - 1];
	for (r = 0; r < n; r++)
		for (i = 0; i < recs[r]->nf; i++)
			colitem_set(co, co->cnt[recs[r]->f[i].col]++, recs[r], i, co->base[r] + i);
}

/*
 * Scans recs[0..n) on worker w a column at a time (struct colorder) and
 * packs each record's findings into its slot of w's batch.
 */
static void scan_by_column(const struct detector *d, struct worker *w, struct record *const *recs,
			   size_t n)
{
	struct colorder *co = &w->co;
	size_t k, g, r, i, tot;
	colorder_make(co, recs, n);
	tot = co->base[n];
	co->all.n = 0;
	for (k = 0; k < tot; k++) {
		struct colitem *it = &co->order[k];
		it->off = (uint32_t)co->all.n;
		it->num = 0;
		if (!it->len)
			continue;
		scan_value(d, &w->eng, &w->vc, it->col, it->ptr, it->len, &co->one);
		findings_append(&co->all, co->one.v, co->one.n);
		it->num = (uint32_t)co->one.n;
	}
	for (r = 0; r < n; r++) {
		const struct record *rec = recs[r];
		g = co->base[r];
		if (rec->nf > co->nview) {
			co->view = xrealloc(co->view, st_mult(rec->nf, sizeof *co->view));
			co->nview = rec->nf;
		}
		/* views (cap 0) of the record's findings in all */
		for (i = 0; i < rec->nf; i++) {
			const struct colitem *it = &co->order[co->pos[g + i]];
			co->view[i].v = co->all.v + it->off;
			co->view[i].n = it->num;
			co->view[i].cap = 0;
		}
		if (co->has_objects[r])
			reclassify_org_objects(d, &w->vc, rec, co->view);
		pack(&w->sc.slot[r], rec, co->view);
	}
}

/* The driver's scan: the batch thread `worker` prepared, on that thread
 * (beside other threads' scans), with its own engine and caches. */
static void stage_scan(void *det, struct record *const *recs, size_t n, unsigned worker)
{
	struct detector *d = det;
	struct detect_batch *b = d->batch;
	struct worker *w = &b->w[worker + 1];
	struct scanned *sc = &w->sc;
	struct wff *wf = &w->wff;
	size_t r;
	pthread_rwlock_rdlock(&b->cols);
	if (w->pf.recs == recs && w->pf.n == n) {
		/* the window's part this thread profiled: its findings again,
		 * record after record */
		for (r = 0; r < n; r++) {
			const struct record *rec = recs[r];
			grow_ff(&wf->ff, &wf->nff, rec->nf);
			scan_record(d, &w->eng, &w->vc, rec, wf->ff,
				    rec->kind == REC_DATA ? &w->pf.slot[r] : NULL);
			pack(&sc->slot[r], rec, wf->ff);
		}
	} else
		scan_by_column(d, w, recs, n);
	pthread_rwlock_unlock(&b->cols);
	w->pf.recs = NULL;
}

/* The driver's forget: every batch (their records are about to go). */
static void stage_forget(void *det)
{
	struct detector *d = det;
	unsigned j;
	if (d->batch)
		for (j = 1; j < d->batch->n; j++) {
			d->batch->w[j].sc.n = 0;
			d->batch->w[j].pf.recs = NULL;
		}
}

static void thread_end(void)
{
	rx_thread_release();
}

int detector_column_category(const struct detector *d, unsigned col)
{
	return col < d->ncol && d->col[col].init ? d->col[col].ctx.cat : -1;
}

static void stage_profile(void *det, struct reader *rd, const struct record *rec)
{
	detector_profile(det, rd, rec);
}

static void stage_profile_end(void *det, struct reader *rd)
{
	detector_profile_end(det, rd);
}

void detector_stage(struct detector *d, struct stage *st)
{
	st->profile = stage_profile;
	st->profile_end = stage_profile_end;
	st->profile_ctx = d;
	if (detector_threads(d) >= 2) {
		st->threads = detector_threads(d);
		st->prepare = stage_prepare;
		st->scan = stage_scan;
		st->profile_part = stage_profile_part;
		st->forget = stage_forget;
		st->thread_end = thread_end;
	}
}
