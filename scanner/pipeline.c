/*
 * pipeline.c — the streaming loop of pipeline.h. Kept deliberately small:
 * everything format-specific is in the readers, everything about what to
 * change is in the stages.
 */
#include "scanner/pipeline.h"

#include <string.h>

int pipeline_run(const struct pipeline_opts *o, struct stage *stages, size_t nstages)
{
	struct input in;
	struct reader *rd = NULL;
	struct output out;
	struct record rec;
	int rc = -1, out_open = 0;
	size_t i;

	record_init(&rec);
	if (input_open(&in, o->in_path, o->encoding) < 0) {
		input_release(&in);
		return -1;
	}
	if (o->write) {
		if (output_open(&out, o->out_path) < 0)
			goto done;
		out_open = 1;
		/* A BOM is part of the file's faithful shape (UTF-8 input only). */
		if (in.had_bom && output_write(&out, "\xEF\xBB\xBF", 3) < 0)
			goto done;
	}
	rd = reader_open(&in, &o->read);
	if (!rd)
		goto done;
	for (i = 0; i < nstages; i++)
		if (stages[i].begin && stages[i].begin(stages[i].ctx, rd) < 0)
			goto done;
	for (;;) {
		int st = reader_next(rd, &rec);
		if (st == RD_EOF)
			break;
		if (st == RD_ERR)
			goto done;
		for (i = 0; i < nstages; i++)
			if (stages[i].record && stages[i].record(stages[i].ctx, rd, &rec) < 0)
				goto done;
		if (o->write && reader_write(rd, &out, &rec) < 0)
			goto done;
		record_clear_changes(&rec);
	}
	for (i = 0; i < nstages; i++)
		if (stages[i].end && stages[i].end(stages[i].ctx, rd) < 0)
			goto done;
	rc = 0;
	if (out_open) {
		out_open = 0;
		if (output_commit(&out) < 0)
			rc = -1;
	}
done:
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
