/*
 * pipeline.c — the streaming loop of pipeline.h. Kept deliberately small:
 * everything format-specific is in the readers, everything about what to
 * change is in the stages. The only state beyond one record is the
 * look-ahead window: copies of the first records, held so the stages can
 * profile the columns before anything is written, then released.
 */
#include "scanner/pipeline.h"

#include "scanner/progress.h"

#include <stdlib.h>
#include <string.h>

/* A record copied out of the reader's buffers, with its own memory. */
struct saved {
	struct record rec;
	char *mem;
};

static void save(struct saved *s, const struct record *r)
{
	size_t i, need = r->raw.len, at;
	for (i = 0; i < r->nf; i++)
		need = st_add(need, r->f[i].val.len);
	s->mem = xmalloc(need + 1);
	s->rec = *r;
	s->rec.f = xmalloc(st_mult(r->nf ? r->nf : 1, sizeof *r->f));
	s->rec.cap = r->nf;
	memcpy(s->mem, r->raw.ptr, r->raw.len);
	s->rec.raw.ptr = s->mem;
	at = r->raw.len;
	for (i = 0; i < r->nf; i++) {
		s->rec.f[i] = r->f[i];
		memcpy(s->mem + at, r->f[i].val.ptr, r->f[i].val.len);
		s->rec.f[i].val.ptr = s->mem + at;
		at += r->f[i].val.len;
	}
}

static void unsave(struct saved *s)
{
	free(s->rec.f);
	free(s->mem);
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

/*
 * Fills the look-ahead window, lets the stages profile it, then processes
 * the saved records. Returns RD_OK, RD_EOF (input ended inside the window)
 * or RD_ERR.
 */
static int run_window(const struct pipeline_opts *o, struct stage *stages, size_t nstages,
		      struct reader *rd, struct output *out, struct record *rec)
{
	size_t maxr = o->window_records ? o->window_records : DEFAULT_WINDOW_RECORDS;
	size_t maxb = o->window_bytes ? o->window_bytes : DEFAULT_WINDOW_BYTES;
	struct saved *win = NULL;
	size_t n = 0, cap = 0, bytes = 0, ndata = 0, i, k;
	int st = RD_OK, rc = RD_OK;
	while (ndata < maxr && bytes < maxb) {
		st = reader_next(rd, rec);
		if (st != RD_OK)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			win = xrealloc(win, st_mult(cap, sizeof *win));
		}
		save(&win[n++], rec);
		bytes += rec->raw.len;
		ndata += rec->kind == REC_DATA;
	}
	if (st == RD_ERR) {
		rc = RD_ERR;
		goto out;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < nstages; k++)
			if (stages[k].profile)
				stages[k].profile(profile_ctx(&stages[k]), rd, &win[i].rec);
	for (k = 0; k < nstages; k++)
		if (stages[k].profile_end)
			stages[k].profile_end(profile_ctx(&stages[k]), rd);
	for (i = 0; i < n; i++)
		if (process(o, stages, nstages, rd, out, &win[i].rec) < 0) {
			rc = RD_ERR;
			goto out;
		}
	rc = st == RD_EOF ? RD_EOF : RD_OK;
out:
	for (i = 0; i < n; i++)
		unsave(&win[i]);
	free(win);
	return rc;
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
	int rc = -1, out_open = 0;
	size_t i;

	record_init(&rec);
	memset(&pg, 0, sizeof pg);
	if (input_open_tap(&in, o->in_path, o->encoding, o->in_tap, o->in_tap_ctx) < 0) {
		input_release(&in);
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
		if (profiling && (st = run_window(o, stages, nstages, rd, &out, &rec)) == RD_ERR)
			goto done;
		while (st != RD_EOF) {
			st = reader_next(rd, &rec);
			if (st == RD_EOF)
				break;
			if (st == RD_ERR || process(o, stages, nstages, rd, &out, &rec) < 0)
				goto done;
			progress_update(&pg, in.in_bytes);
		}
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
	reader_free(rd);
	record_release(&rec);
	input_release(&in);
	return rc;
}
