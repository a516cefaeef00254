/*
 * pipeline.c — the streaming loop of pipeline.h. Kept deliberately small:
 * everything format-specific is in the readers, everything about what to
 * change is in the stages. The only state beyond one record is records
 * held, pinned in the reader's buffers or copied out of them (hold): the
 * look-ahead window (so the stages can profile the columns before
 * anything is written), then, for a stage that scans on threads, one
 * batch per thread. Both are bounded in records and bytes, so memory does
 * not grow with the input.
 */
#include "scanner/pipeline.h"

#include "scanner/pool.h"
#include "scanner/progress.h"

#include <pthread.h>
#include <stdatomic.h>

#include <stdlib.h>
#include <string.h>

/*
 * A record held: the reader writes it into the slot, then it is made to
 * outlive the reader's next call. A reader that pins (reader_pin: JSON)
 * keeps its raw bytes where they are until the slot is reused, and only
 * the values apart from them move into memory of the slot's own; of
 * another reader's record, the raw bytes move too. Slots are reused:
 * their memory only grows, to the largest record they have held.
 */
struct saved {
	struct record rec;
	struct buf mem;
	unsigned pin;        /* the reader's token, 0: none */
};

static int in_raw(const struct view *v, const struct record *r)
{
	return v->ptr >= r->raw.ptr && v->ptr + v->len <= r->raw.ptr + r->raw.len;
}

/*
 * Makes the record the reader rd just wrote into s->rec its own: pinned
 * by rd, or its raw bytes moved into s->mem; values outside the raw bytes
 * move into s->mem (the field structs are already the slot's: the reader
 * wrote them there). Values that are views of the raw bytes stay views of
 * them (a writer splices a quote-free CSV line only then).
 */
static void hold(struct reader *rd, struct saved *s)
{
	struct record *r = &s->rec;
	const char *raw = r->raw.ptr;
	size_t i, need, at;
	int apart;
	s->pin = reader_pin(rd, &apart);
	if (s->pin && !apart)
		return; /* all of it stays where the reader has it */
	need = at = s->pin ? 0 : r->raw.len;
	for (i = 0; i < r->nf; i++)
		if (!in_raw(&r->f[i].val, r))
			need = st_add(need, r->f[i].val.len);
	buf_reset(&s->mem);
	buf_grow(&s->mem, need);
	if (!s->pin)
		memcpy(s->mem.ptr, raw, r->raw.len);
	for (i = 0; i < r->nf; i++) {
		struct field *f = &r->f[i];
		if (in_raw(&f->val, r)) {
			if (!s->pin)
				f->val.ptr = s->mem.ptr + (f->val.ptr - raw);
			continue;
		}
		memcpy(s->mem.ptr + at, f->val.ptr, f->val.len);
		f->val.ptr = s->mem.ptr + at;
		at += f->val.len;
	}
	if (!s->pin)
		r->raw.ptr = s->mem.ptr;
}

static void unsave(struct saved *s)
{
	free(s->rec.f);
	buf_release(&s->mem);
}

/* Runs the stages over one record and writes it. */
static int process(const struct pipeline_opts *o, struct stage *stages, size_t nstages,
		   struct reader *rd, struct output *out, struct record *rec)
{
	size_t i;
	for (i = 0; i < nstages; i++)
		if (stages[i].record && stages[i].record(stages[i].ctx, rd, rec) < 0)
			return -1;
	if (o->write && reader_write(rd, out, rec) < 0)
		return -1;
	record_clear_changes(rec);
	return 0;
}

static void *profile_ctx(const struct stage *st)
{
	return st->profile_ctx ? st->profile_ctx : st->ctx;
}

/* Records read ahead and held: the look-ahead window, then batches. */
struct held {
	struct saved *v;
	struct record **p;   /* &v[i].rec, what the batch callbacks get */
	size_t n, cap;
	unsigned long long in_bytes; /* input read when the batch was, for progress */
};

static void held_release(struct held *h)
{
	size_t i;
	for (i = 0; i < h->cap; i++)
		unsave(&h->v[i]);
	free(h->v);
	free(h->p);
}

/* Lets the reader have the raw bytes of h's records again (the records
 * are done with). */
static void unpin_held(struct reader *rd, struct held *h)
{
	size_t i;
	for (i = 0; i < h->n; i++) {
		reader_unpin(rd, h->v[i].pin);
		h->v[i].pin = 0;
	}
}

/*
 * Reads records into h (emptied first) until it holds max_data data
 * records or max_bytes bytes, or the input ends. Returns the status of the
 * last read: RD_OK (more may follow), RD_EOF or RD_ERR; the records read
 * before an error are held all the same.
 */
static int fill(struct reader *rd, struct held *h, size_t max_data, size_t max_bytes)
{
	size_t bytes = 0, ndata = 0, i;
	int st = RD_OK;
	unpin_held(rd, h); /* its records were processed */
	h->n = 0;
	/* records without bytes (an XLSX sheet's empty rows) count too: at
	 * most four records held a data record */
	while (ndata < max_data && bytes < max_bytes && h->n < 4 * max_data + 64) {
		if (h->n == h->cap) {
			size_t cap = h->cap ? h->cap * 2 : 64;
			h->v = xrealloc(h->v, st_mult(cap, sizeof *h->v));
			h->p = xrealloc(h->p, st_mult(cap, sizeof *h->p));
			for (i = h->cap; i < cap; i++) {
				record_init(&h->v[i].rec);
				buf_init(&h->v[i].mem, 0);
				h->v[i].pin = 0;
			}
			h->cap = cap;
		}
		/* straight into the slot's record: its fields need no copy */
		st = reader_next(rd, &h->v[h->n].rec);
		if (st != RD_OK)
			break;
		hold(rd, &h->v[h->n]);
		bytes += h->v[h->n].rec.raw.len;
		ndata += h->v[h->n].rec.kind == REC_DATA;
		h->n++;
	}
	/* after the loop: growing h->v moves the records */
	for (i = 0; i < h->n; i++)
		h->p[i] = &h->v[i].rec;
	return st;
}

/* The stage that scans on threads (struct stage.threads), or NULL. */
static struct stage *threaded(struct stage *stages, size_t nstages)
{
	size_t i;
	for (i = 0; i < nstages; i++)
		if (stages[i].threads >= 2 && stages[i].scan)
			return &stages[i];
	return NULL;
}

/* Processes the held records in order. */
static int process_held(const struct pipeline_opts *o, struct stage *stages, size_t nstages,
			struct reader *rd, struct output *out, struct held *h)
{
	size_t i;
	for (i = 0; i < h->n; i++)
		if (process(o, stages, nstages, rd, out, h->p[i]) < 0)
			return -1;
	return 0;
}

/*
 * The look-ahead window, profiled and then scanned on the stage's
 * threads: one part of it per thread index, each prepared here, then
 * profiled (or scanned) by whichever thread takes it (a thread takes
 * parts until none is left, so a thread the system refused leaves no
 * part undone). Start-up is otherwise one thread's: the window is a
 * thousand records profiled and scanned before the first is written.
 */
struct window {
	struct stage *ts;
	struct held *h;
	size_t parts;
	atomic_size_t next;      /* the next part to take */
	stage_batch_fn *fn;      /* the stage's profile_part, or its scan */
};

static void window_part(const struct window *wn, size_t k, size_t *from, size_t *n)
{
	*from = wn->h->n * k / wn->parts;
	*n = wn->h->n * (k + 1) / wn->parts - *from;
}

static void window_thread(void *ctx, unsigned w)
{
	struct window *wn = ctx;
	size_t k, from, n;
	(void)w;
	while ((k = atomic_fetch_add(&wn->next, 1)) < wn->parts) {
		window_part(wn, k, &from, &n);
		if (n)
			wn->fn(profile_ctx(wn->ts), wn->h->p + from, n, (unsigned)k);
	}
}

static void window_parts(struct stage *ts, struct reader *rd, struct held *h, stage_batch_fn *fn)
{
	struct window wn;
	size_t k, from, n;
	wn.ts = ts;
	wn.h = h;
	wn.fn = fn;
	wn.parts = ts->threads;
	atomic_init(&wn.next, 0);
	for (k = 0; k < wn.parts; k++) {
		window_part(&wn, k, &from, &n);
		if (n)
			ts->prepare(profile_ctx(ts), rd, h->p + from, n, (unsigned)k);
	}
	pool_run(ts->threads, window_thread, &wn, ts->thread_end);
}

/*
 * The driver's threads past the window, for a stage that scans on them
 * (see struct stage). One lock is the turn to use the reader: to read a
 * batch, or to process one (the stages' record callbacks and the
 * writer), and batches are processed in the order they were read; a
 * thread scans its batch outside the lock.
 */
struct par {
	const struct pipeline_opts *o;
	struct stage *stages, *ts;
	size_t nstages;
	struct reader *rd;
	struct output *out;
	struct progress *pg;
	const struct input *in;
	struct held *held;       /* one per thread */
	pthread_mutex_t mu;      /* the reader's turn, and all below */
	pthread_cond_t turn;     /* a batch was processed */
	unsigned long read, done; /* batches read, batches processed */
	int stop;                /* read no more: the input ended, or an error */
	int failed;              /* process no more: an error */
};

static void par_thread(void *ctx, unsigned w)
{
	struct par *p = ctx;
	struct held *h = &p->held[w];
	for (;;) {
		unsigned long seq;
		int st;
		pthread_mutex_lock(&p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			return;
		}
		st = fill(p->rd, h, BATCH_RECORDS, BATCH_BYTES);
		h->in_bytes = p->in->in_bytes;
		seq = p->read++;
		if (st != RD_OK)
			p->stop = 1;
		if (h->n)
			p->ts->prepare(profile_ctx(p->ts), p->rd, h->p, h->n, w);
		pthread_mutex_unlock(&p->mu);
		if (h->n)
			p->ts->scan(profile_ctx(p->ts), h->p, h->n, w);
		pthread_mutex_lock(&p->mu);
		while (p->done != seq)
			pthread_cond_wait(&p->turn, &p->mu);
		if (!p->failed) {
			/* the records before a read error are written first */
			if (process_held(p->o, p->stages, p->nstages, p->rd, p->out, h) < 0 ||
			    st == RD_ERR)
				p->failed = p->stop = 1;
			else
				progress_update(p->pg, h->in_bytes);
		}
		p->done++;
		pthread_cond_broadcast(&p->turn);
		pthread_mutex_unlock(&p->mu);
		if (st != RD_OK)
			return;
	}
}

/*
 * The records after the look-ahead window: one at a time, or, when a stage
 * ts scans on threads, a batch at a time on each of them (par_thread).
 * Returns 0, or -1 after an error (the records before a read error are
 * processed and written first, as they are one at a time).
 */
static int run_rest(const struct pipeline_opts *o, struct stage *stages, size_t nstages,
		    struct stage *ts, struct reader *rd, struct output *out, struct record *rec,
		    struct held *held, struct progress *pg, const struct input *in)
{
	struct par p;
	int st;
	if (!ts) {
		while ((st = reader_next(rd, rec)) == RD_OK) {
			if (process(o, stages, nstages, rd, out, rec) < 0)
				return -1;
			progress_update(pg, in->in_bytes);
		}
		return st == RD_EOF ? 0 : -1;
	}
	p = (struct par){ .o = o, .stages = stages, .ts = ts, .nstages = nstages, .rd = rd,
			  .out = out, .pg = pg, .in = in, .held = held };
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.turn, NULL);
	pool_run(ts->threads, par_thread, &p, ts->thread_end);
	pthread_cond_destroy(&p.turn);
	pthread_mutex_destroy(&p.mu);
	return p.failed ? -1 : 0;
}

int pipeline_run(const struct pipeline_opts *o, struct stage *stages, size_t nstages)
{
	if (o->bare)
		nstages = 0;
	struct input in;
	struct reader *rd = NULL;
	struct output out;
	struct record rec;
	struct progress pg;
	struct stage *ts = threaded(stages, nstages);
	/* the window's records, then one batch per thread */
	size_t nheld = ts ? ts->threads : 1;
	struct held *held = xcalloc(nheld, sizeof *held);
	int rc = -1, out_open = 0;
	size_t i;

	record_init(&rec);
	memset(&pg, 0, sizeof pg);
	if (input_open_tap(&in, o->in_path, o->encoding, o->in_tap, o->in_tap_ctx) < 0) {
		input_release(&in);
		free(held);
		return -1;
	}
	if (o->write) {
		if (output_open(&out, o->out_path) < 0)
			goto done;
		out_open = 1;
		out.tap = o->out_tap;
		out.tap_ctx = o->out_tap_ctx;
		/* A BOM is part of the file's faithful shape (UTF-8 input only). */
		if (in.had_bom && output_write(&out, "\xEF\xBB\xBF", 3) < 0)
			goto done;
	}
	rd = reader_open(&in, &o->read);
	if (!rd || (o->write && reader_set_output(rd, o->out_format) < 0))
		goto done;
	progress_init(&pg, in.fd, o->quiet);
	for (i = 0; i < nstages; i++)
		if (stages[i].begin && stages[i].begin(stages[i].ctx, rd) < 0)
			goto done;
	{
		int profiling = 0, st = RD_OK;
		for (i = 0; i < nstages; i++)
			profiling |= stages[i].profile != NULL;
		if (profiling) {
			/* the look-ahead window: profiled, then processed */
			st = fill(rd, &held[0],
				  o->window_records ? o->window_records : DEFAULT_WINDOW_RECORDS,
				  o->window_bytes ? o->window_bytes : DEFAULT_WINDOW_BYTES);
			if (st == RD_ERR)
				goto done;
			/* a stage that profiles on its threads takes the window
			 * in parts there, the others a record at a time */
			if (ts && ts->profile_part && held[0].n)
				window_parts(ts, rd, &held[0], ts->profile_part);
			for (i = 0; i < held[0].n; i++) {
				size_t k;
				for (k = 0; k < nstages; k++)
					if (stages[k].profile && !(&stages[k] == ts && ts->profile_part))
						stages[k].profile(profile_ctx(&stages[k]), rd, held[0].p[i]);
			}
			for (i = 0; i < nstages; i++)
				if (stages[i].profile_end)
					stages[i].profile_end(profile_ctx(&stages[i]), rd);
			if (ts && held[0].n)
				window_parts(ts, rd, &held[0], ts->scan);
			if (process_held(o, stages, nstages, rd, &out, &held[0]) < 0)
				goto done;
			/* the window's parts were noted under every thread index;
			 * its records are about to be read over (a part whose last
			 * records the stages skipped must not be taken for them) */
			if (ts && ts->forget)
				ts->forget(profile_ctx(ts));
			unpin_held(rd, &held[0]);
		}
		if (st == RD_OK && run_rest(o, stages, nstages, ts, rd, &out, &rec, held, &pg, &in) < 0)
			goto done;
	}
	for (i = 0; i < nstages; i++)
		if (stages[i].end && stages[i].end(stages[i].ctx, rd) < 0)
			goto done;
	if (o->write && reader_finish(rd, &out) < 0)
		goto done;
	rc = 0;
	if (out_open) {
		out_open = 0;
		if (output_commit(&out) < 0)
			rc = -1;
	}
done:
	progress_end(&pg);
	if (out_open) {
		if (out.path)
			output_abort(&out);
		else {
			/* stdout: pass on what was complete, then stop. */
			output_commit(&out);
		}
	}
	/* no stage may still be reading held records when they go */
	if (ts && ts->forget)
		ts->forget(profile_ctx(ts));
	reader_free(rd);
	for (i = 0; i < nheld; i++)
		held_release(&held[i]);
	free(held);
	record_release(&rec);
	input_release(&in);
	return rc;
}
