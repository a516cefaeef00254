/*
 * reader.h — the format-independent face of the CSV and JSON readers and
 * writers. reader_open sniffs the format (unless told), builds the reader,
 * and from then on the driver pulls records with reader_next and writes
 * them back with reader_write in the same dialect: same delimiter, quoting
 * and line ends for CSV, untouched bytes outside changed values for JSON.
 *
 * Columns: every field carries a column id. For CSV it is the position and
 * the header row gives names; for JSON it is an interned field path such as
 * `applicant.phone` or `features[].properties.owner`. reader_colname
 * returns a stable name for any id the reader produced.
 *
 * Ownership: the reader borrows the input (the caller keeps it alive) and
 * owns everything the records it returns point at.
 */
#ifndef ZNES_READER_H
#define ZNES_READER_H

#include <stddef.h>

#include "scanner/input.h"
#include "scanner/output.h"
#include "scanner/record.h"
#include "scanner/strmap.h"

enum format { FMT_AUTO = 0, FMT_CSV, FMT_JSON, FMT_JSONL, FMT_XLSX };

enum rd_status { RD_OK = 0, RD_EOF = 1, RD_ERR = -1 };

struct read_opts {
	enum format format;
	int delimiter;        /* 0 = sniff */
	int no_header;        /* CSV: the first row is data */
	size_t max_field;     /* bytes; 0 = default (16 MiB) */
	const char *sheet;    /* XLSX: the one worksheet to read (name or number from 1); NULL: all */
};

#define DEFAULT_MAX_FIELD ((size_t)16 << 20)

/* Column names by id; ids are dense from 0. */
struct columns {
	char **name;
	size_t n, cap;
	struct strmap index;
};

void columns_init(struct columns *c);
void columns_release(struct columns *c);
/* Returns the id of name, adding it when new. */
unsigned columns_intern(struct columns *c, const char *name, size_t len);
/* Sets the name of id (growing the table; unnamed ids read as "#N"). */
void columns_set(struct columns *c, unsigned id, const char *name, size_t len);

struct reader;
struct reader_ops {
	const char *name;   /* "csv", "json", "jsonl", "xlsx" */
	int (*next)(struct reader *rd, struct record *rec);
	int (*write)(struct reader *rd, struct output *out, const struct record *rec);
	void (*free)(struct reader *rd);
	/* Optional: reader_pin and reader_unpin (a reader without them
	 * cannot pin) */
	unsigned (*pin)(struct reader *rd, int *apart);
	void (*unpin)(struct reader *rd, unsigned token);
};

struct reader {
	const struct reader_ops *ops;
	struct input *in;
	struct columns cols;
	size_t max_field;
	struct buf colname_tmp;
	/* What the writer writes: FMT_AUTO is the input's format; set with
	 * reader_set_output (only an xlsx input may be written as CSV). */
	enum format out_format;
	/* Optional: called once after the last record was written, before the
	 * output is committed (the xlsx writer emits its workbook here). */
	int (*finish)(struct reader *rd, struct output *out);
	/* The parts record.part numbers (a workbook's sheets read); 0 or 1:
	 * one. */
	size_t parts;
};

/* NULL after printing an error. */
struct reader *reader_open(struct input *in, const struct read_opts *opts);
const char *reader_colname(struct reader *rd, unsigned col);
static inline int reader_next(struct reader *rd, struct record *rec)
{
	return rd->ops->next(rd, rec);
}
static inline int reader_write(struct reader *rd, struct output *out, const struct record *rec)
{
	return rd->ops->write(rd, out, rec);
}
/*
 * Keeping a record without copying it: reader_pin, right after reader_next
 * returned RD_OK, keeps the raw bytes of that record where they are (and
 * its values that are views of them) until reader_unpin(token), past
 * later reader_next calls; it returns the token, or 0 when the reader
 * cannot (the caller copies what it keeps). Values decoded apart from the
 * raw bytes (a JSON string with escapes) are not pinned: *apart says
 * whether the record has any (1 when the reader cannot tell). The JSON
 * reader pins; the driver holds records so while they wait for a thread.
 */
static inline unsigned reader_pin(struct reader *rd, int *apart)
{
	*apart = 1;
	return rd->ops->pin ? rd->ops->pin(rd, apart) : 0;
}
static inline void reader_unpin(struct reader *rd, unsigned token)
{
	if (token)
		rd->ops->unpin(rd, token);
}
/* Chooses the output format (redact --output-format); -1 after an error
 * when the reader cannot write it. */
int reader_set_output(struct reader *rd, enum format f);
/* After the last reader_write: 0, or -1 after printing an error. */
static inline int reader_finish(struct reader *rd, struct output *out)
{
	return rd->finish ? rd->finish(rd, out) : 0;
}
void reader_free(struct reader *rd);
const char *format_name(enum format f);
int format_parse(const char *s, enum format *f);
/* Format guessed from the file name's extension, FMT_AUTO if none. */
enum format format_from_name(const char *path);

/* Constructors of the concrete readers (csv.c, json.c; xlsx.h has xlsx.c's). */
struct reader *csv_reader_new(struct input *in, const struct read_opts *opts);
struct reader *json_reader_new(struct input *in, const struct read_opts *opts, int lines);
/* Sniffing helpers, exposed for tests. */
int csv_sniff_delimiter(const char *s, size_t n);
enum format format_sniff(const char *s, size_t n);

#endif
