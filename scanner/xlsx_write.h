/*
 * xlsx_write.h — writing Excel worksheets, for `znes redact` of an xlsx
 * input. The workbook is built by libxlsxwriter in constant-memory mode
 * (each row goes to disk when the next begins, strings are written inline,
 * so memory does not grow with the data) into a temporary file that is
 * unlinked as soon as it is created; xlsx_out_finish then copies the
 * finished workbook into a struct output, which owns atomicity (a
 * temporary OUT renamed on success) and the output digest. A run that
 * fails before finish writes nothing at all, even on stdout.
 *
 * Worksheets are written one after another: cells go to the last one
 * xlsx_out_sheet started. Rows must be written in ascending order; within
 * a row, any order. Rows and columns are 0-based here.
 *
 * Ownership: struct xlsx_out owns the workbook and the temporary file;
 * xlsx_out_free releases both, finished or not.
 */
#ifndef ZNES_XLSX_WRITE_H
#define ZNES_XLSX_WRITE_H

#include <stddef.h>

#include "scanner/output.h"

struct xlsx_out;

/* A workbook, its file in dir (NULL: $TMPDIR, else /tmp). NULL after an
 * error. */
struct xlsx_out *xlsx_out_new(const char *dir);
/* Starts the next worksheet, named name (NULL, invalid or taken: Excel's
 * default); 0, or -1 after printing an error. */
int xlsx_out_sheet(struct xlsx_out *w, const char *name);
/* Cells; each returns 0, or -1 after printing an error. */
int xlsx_out_string(struct xlsx_out *w, unsigned long row, unsigned col, const char *s, size_t n);
int xlsx_out_number(struct xlsx_out *w, unsigned long row, unsigned col, double v);
int xlsx_out_bool(struct xlsx_out *w, unsigned long row, unsigned col, int v);
/* A date: the serial number v (1900 system) shown as dd.mm.yyyy, or as
 * dd.mm.yyyy hh:mm with with_time. */
int xlsx_out_date(struct xlsx_out *w, unsigned long row, unsigned col, double v, int with_time);
/* Closes the workbook and copies its bytes to out. */
int xlsx_out_finish(struct xlsx_out *w, struct output *out);
void xlsx_out_free(struct xlsx_out *w);

#endif
