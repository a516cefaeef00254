/*
 * xlsx.h — the Excel (.xlsx) reader: every worksheet of a workbook, in
 * order (or the one --sheet names), one record per row, as the pipeline's
 * format-independent records (see reader.h). Column ids are column
 * positions (A = 0) after the columns of the sheets before (record.part is
 * the sheet), and each sheet's first row names them, as for CSV (with
 * several sheets, "SHEET: HEADER"); a record's and its fields' line is the row
 * number, so FILE:LINE:COL diagnostics read FILE:ROW:COLUMN. Cells absent
 * from a row (a gap, or trailing cells) are empty fields; data rows are
 * padded to the header's width. Numbers keep the spelling written in the
 * file, except those that their cell format shows as dates: they are
 * FIELD_DATE, the date as text (dd.mm.yyyy[ hh:mm]) with the serial
 * number Excel stores kept for the writer (record.h).
 *
 * Writing (redact) goes to an .xlsx again (xlsx_write.h), or to CSV when
 * the reader's out_format is FMT_CSV (delimiter: --delimiter, default ,).
 *
 * Ownership: the reader owns the archive, the shared strings table and the
 * row it hands out; fields are views valid until the next call to next().
 */
#ifndef ZNES_XLSX_H
#define ZNES_XLSX_H

#include "scanner/reader.h"

/* Excel's limits, and how large the shared strings table may grow: this
 * many times --max-field (256 MiB with the default 16 MiB). */
#define XLSX_MAX_ROWS 1048576ul
#define XLSX_MAX_COLS 16384u
#define XLSX_SST_FACTOR 16

/* NULL after printing an error. */
struct reader *xlsx_reader_new(struct input *in, const struct read_opts *opts);

#endif
