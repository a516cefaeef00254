/*
 * record.h — the unit that flows through the pipeline. A reader fills a
 * struct record; the rules stage reads its fields; the filters stage sets
 * replacement values on fields it changes; a writer writes the record back,
 * verbatim from `raw` when nothing changed.
 *
 * Ownership: every view in a record (raw, field values) points into the
 * reader's buffers and is valid until the reader's next call to next().
 * Replacement values (field.nval) belong to whoever set them and must live
 * until the writer has written the record; record_clear_changes forgets
 * them. Whoever keeps data longer copies it.
 */
#ifndef ZNES_RECORD_H
#define ZNES_RECORD_H

#include <stddef.h>

#include "scanner/buf.h"

enum field_kind {
	FIELD_TEXT = 0,   /* CSV cell or JSON string */
	FIELD_NUMBER,     /* JSON number, spelling kept in val */
	FIELD_LITERAL,    /* JSON true/false/null */
	FIELD_DATE,       /* XLSX date cell: val is the date as Excel shows it
			   * (dd.mm.yyyy[ hh:mm]), examined as text; the number
			   * Excel stores is at raw_off/raw_len in record.raw */
};

struct field {
	struct view val;     /* decoded UTF-8 value */
	unsigned col;        /* column id: CSV position, JSON path id */
	unsigned char kind;  /* enum field_kind */
	unsigned char changed;
	/* val is valid UTF-8: the JSON reader's are (its input is validated,
	 * its escapes decoded to valid characters); nval too, as far as whoever
	 * set it knows (a writer that must write valid text checks the rest) */
	unsigned char utf8, nval_utf8;
	size_t raw_off;      /* JSON: the value token inside record.raw */
	size_t raw_len;
	unsigned long line;  /* input line where the value starts */
	unsigned obj;        /* JSON: ordinal of the innermost object in the record (0: none) */
	struct view nval;    /* replacement when changed */
};

enum record_kind {
	REC_DATA = 0,   /* a record to examine */
	REC_HEADER,     /* CSV header row: column names, examined too */
	REC_META,       /* JSON envelope around streamed records, with values */
	REC_GLUE,       /* bytes between records (JSON brackets, blank lines) */
};

struct record {
	struct view raw;        /* the exact (UTF-8) bytes, line end included */
	struct field *f;
	size_t nf, cap;
	enum record_kind kind;
	size_t index;           /* 0-based among REC_DATA records */
	unsigned long line;     /* first input line of the record */
	int changed;            /* any field changed */
	unsigned part;          /* XLSX: the worksheet (0-based among those read); 0 elsewhere */
};

void record_init(struct record *r);
void record_release(struct record *r);
/* Appends a field (zeroed) and returns it; pointers to earlier fields may move. */
struct field *record_add_field(struct record *r);
void record_clear_changes(struct record *r);
/* Marks field i changed with the replacement value v (borrowed). */
void record_set(struct record *r, size_t i, struct view v);

#endif
