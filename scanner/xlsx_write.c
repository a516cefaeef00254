/*
 * xlsx_write.c — the Excel writer of xlsx_write.h; the only file that calls
 * libxlsxwriter. libxlsxwriter writes a workbook to a file name when the
 * workbook is closed. We give it the /proc/self/fd path of a temporary
 * file that we have already unlinked, so no half-written workbook can be
 * left behind by a failure or a signal; on a system without /proc the
 * file keeps its name until finish or free removes it. After the close
 * the bytes are read back from our descriptor and pass through the
 * struct output like any other format's.
 */
#include "scanner/xlsx_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define COPY_CHUNK (256u << 10)

struct xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	int fd;              /* the temporary file */
	char *named;         /* its name while it has one (no /proc) */
	char *dir;
	struct buf s;        /* NUL-terminated copy of a string cell */
	lxw_format *date[2]; /* dd.mm.yyyy, dd.mm.yyyy hh:mm; made when first used */
};

static const char *tmp_dir(const char *dir)
{
	const char *t = getenv("TMPDIR");
	if (dir && *dir)
		return dir;
	return t && *t ? t : "/tmp";
}

struct xlsx_out *xlsx_out_new(const char *dir)
{
	struct xlsx_out *w = xcalloc(1, sizeof *w);
	lxw_workbook_options opt;
	struct buf t = BUF_INIT, proc = BUF_INIT;
	const char *d = tmp_dir(dir);
	buf_init(&w->s, 0);
	w->dir = xstrdup(d);
	buf_addf(&t, "%s/.znes-xlsx-XXXXXX", d);
	w->fd = mkstemp(t.ptr);
	if (w->fd < 0) {
		error("cannot create a temporary file in '%s': %s", d, strerror(errno));
		buf_release(&t);
		xlsx_out_free(w);
		return NULL;
	}
	buf_addf(&proc, "/proc/self/fd/%d", w->fd);
	if (access(proc.ptr, W_OK) == 0) {
		unlink(t.ptr);
		buf_release(&t);
	} else {
		w->named = buf_detach(&t, NULL);
	}
	memset(&opt, 0, sizeof opt);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = w->dir;
	w->wb = workbook_new_opt(w->named ? w->named : proc.ptr, &opt);
	buf_release(&proc);
	if (!w->wb) {
		error("cannot create an Excel workbook (libxlsxwriter)");
		xlsx_out_free(w);
		return NULL;
	}
	return w;
}

int xlsx_out_sheet(struct xlsx_out *w, const char *name)
{
	if (name && workbook_validate_sheet_name(w->wb, name) != LXW_NO_ERROR)
		name = NULL;
	w->ws = workbook_add_worksheet(w->wb, name);
	return w->ws ? 0 : error("cannot add a worksheet to an Excel workbook (libxlsxwriter)");
}

static int cell_error(unsigned long row, unsigned col, lxw_error e)
{
	char ref[LXW_MAX_CELL_NAME_LENGTH];
	lxw_rowcol_to_cell(ref, (lxw_row_t)row, (lxw_col_t)col);
	return error("cannot write cell %s of the Excel output: %s", ref, lxw_strerror(e));
}

int xlsx_out_string(struct xlsx_out *w, unsigned long row, unsigned col, const char *s, size_t n)
{
	lxw_error e;
	buf_reset(&w->s);
	buf_add(&w->s, s, n);
	e = worksheet_write_string(w->ws, (lxw_row_t)row, (lxw_col_t)col, w->s.ptr, NULL);
	return e == LXW_NO_ERROR ? 0 : cell_error(row, col, e);
}

int xlsx_out_number(struct xlsx_out *w, unsigned long row, unsigned col, double v)
{
	lxw_error e = worksheet_write_number(w->ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
	return e == LXW_NO_ERROR ? 0 : cell_error(row, col, e);
}

int xlsx_out_bool(struct xlsx_out *w, unsigned long row, unsigned col, int v)
{
	lxw_error e = worksheet_write_boolean(w->ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
	return e == LXW_NO_ERROR ? 0 : cell_error(row, col, e);
}

int xlsx_out_date(struct xlsx_out *w, unsigned long row, unsigned col, double v, int with_time)
{
	lxw_format **fmt = &w->date[with_time != 0];
	lxw_error e;
	if (!*fmt) {
		if (!(*fmt = workbook_add_format(w->wb)))
			return error("cannot add a date format to the Excel output (libxlsxwriter)");
		format_set_num_format(*fmt, with_time ? "dd.mm.yyyy hh:mm" : "dd.mm.yyyy");
	}
	e = worksheet_write_number(w->ws, (lxw_row_t)row, (lxw_col_t)col, v, *fmt);
	return e == LXW_NO_ERROR ? 0 : cell_error(row, col, e);
}

int xlsx_out_finish(struct xlsx_out *w, struct output *out)
{
	lxw_error e = workbook_close(w->wb);
	char *chunk;
	int rc = 0;
	w->wb = NULL;
	if (e != LXW_NO_ERROR)
		return error("cannot write the Excel output: %s", lxw_strerror(e));
	if (lseek(w->fd, 0, SEEK_SET) < 0)
		return error("cannot read back the Excel output: %s", strerror(errno));
	chunk = xmalloc(COPY_CHUNK);
	for (;;) {
		ssize_t r = read(w->fd, chunk, COPY_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = error("cannot read back the Excel output: %s", strerror(errno));
			break;
		}
		if (r == 0 || (rc = output_write(out, chunk, (size_t)r)) < 0)
			break;
	}
	free(chunk);
	return rc;
}

void xlsx_out_free(struct xlsx_out *w)
{
	if (!w)
		return;
	/* An unfinished workbook is dropped without being written. */
	if (w->wb)
		lxw_workbook_free(w->wb);
	if (w->fd >= 0)
		close(w->fd);
	if (w->named) {
		unlink(w->named);
		free(w->named);
	}
	free(w->dir);
	buf_release(&w->s);
	free(w);
}
