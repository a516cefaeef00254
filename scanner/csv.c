/*
 * csv.c — the CSV reader and writer; the only file that calls libcsv.
 *
 * libcsv hands out field contents, not their bytes, so to write an
 * unchanged record back verbatim we keep the raw bytes ourselves: the input
 * is fed to libcsv one physical line at a time (or a newline-free chunk of
 * a very long line), with only the line feed as a record terminator, so the
 * end-of-record callback can only fire at the end of a fed line and the
 * raw record is exactly the lines fed since the previous record. Blank lines
 * outside a record become glue records written back as they were.
 *
 * The value examined (and offsets into it) must be the value in the file,
 * but libcsv trims spaces and tabs around unquoted fields and after a
 * closing quote, and ends records at CR as well as LF. Its exact mode (CR
 * the only "space", LF the only terminator, set through callbacks) costs a
 * function call per byte, so it is used only for the lines where the two
 * modes could differ: a space or tab next to a delimiter or a line edge, or
 * a CR or LF inside the line. Other lines take libcsv's inline defaults.
 * A line with no quote character at all, outside a multi-line record, has
 * nothing for a CSV parser to interpret: it is split at the delimiter
 * directly and its values are views of the line.
 *
 * libcsv's strict mode is off because it rejects the everyday
 * `1;ТОВ "Ромашка";2`; an unterminated quote is caught at the end of input
 * from the parser state instead (CSV_STRICT_FINI needs strict).
 *
 * A changed record is written with minimal quoting: a field is quoted only
 * when it holds the delimiter, a quote, CR or LF (see csv_put).
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/i18n.h"
#include "scanner/reader.h"
#include "scanner/unicode.h"

#define CSV_READ_CHUNK (256u << 10)

struct csv_reader {
	struct reader base;
	struct csv_parser p;
	unsigned char delim;
	unsigned char term;        /* '\n', or '\r' for CR-only files */
	int header_pending;
	struct buf data;           /* raw bytes from the current record on */
	size_t rec_start, scan_pos;
	int eof;
	int fini_done;
	struct buf vals;           /* field values of the current record */
	struct record *cur;
	int row_done;
	int too_big;
	int direct;                /* the record's values are views of data */
	int exact;                 /* libcsv is in exact mode */
	size_t field_mark;         /* fed position before the open field began */
	unsigned long line;        /* line number at scan_pos */
	unsigned long rec_line;
	size_t index;
	size_t *spans;             /* csv_put: the raw spans of a changed line's fields */
	size_t nspans;
};

static int is_lf(unsigned char c) { return c == '\n'; }
static int is_cr(unsigned char c) { return c == '\r'; }
static int never_space(unsigned char c) { (void)c; return 0; }
/* The CR of a CRLF line end, after a field or its closing quote. */
static int cr_space(unsigned char c) { return c == '\r'; }

/* libcsv's parser states (libcsv.c); the struct is public, the names not. */
enum { LIBCSV_FIELD_BEGUN = 2 };

static void on_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;
	struct field *f = record_add_field(r->cur);
	f->raw_off = r->vals.len;
	f->raw_len = len;
	f->col = (unsigned)(r->cur->nf - 1);
	f->line = r->line;
	f->kind = FIELD_TEXT;
	if (len > r->base.max_field)
		r->too_big = 1;
	r->field_mark = r->scan_pos;
	buf_add(&r->vals, s, len);
}

static void on_row(int c, void *data)
{
	struct csv_reader *r = data;
	(void)c;
	r->row_done = 1;
}

int csv_sniff_delimiter(const char *s, size_t n)
{
	static const char cand[] = { ',', ';', '\t', '|' };
	enum { NC = sizeof cand, MAXL = 64 };
	unsigned cnt[NC][MAXL];
	size_t i, lines = 0, c;
	int best = ',';
	unsigned best_score = 0, best_mode = 0;
	int inq = 0;
	memset(cnt, 0, sizeof cnt);
	for (i = 0; i < n && lines < MAXL; i++) {
		char ch = s[i];
		if (ch == '"')
			inq = !inq;
		else if (!inq && ch == '\n')
			lines++;
		else if (!inq)
			for (c = 0; c < NC; c++)
				if (ch == cand[c])
					cnt[c][lines]++;
	}
	if (i == n && lines < MAXL && i > 0 && s[i - 1] != '\n')
		lines++; /* the last line has no line end */
	for (c = 0; c < NC; c++) {
		/* Score: lines that share the first line's count, if it is > 0. */
		unsigned mode = cnt[c][0], score = 0;
		size_t l;
		if (!mode)
			continue;
		for (l = 0; l < lines; l++)
			if (cnt[c][l] == mode)
				score++;
		if (score > best_score || (score == best_score && mode > best_mode)) {
			best = cand[c];
			best_score = score;
			best_mode = mode;
		}
	}
	return best;
}

/*
 * Finds the quote that opened the unterminated field of the current record,
 * following libcsv's lenient rules: a quote opens only at a field's start;
 * inside, `""` is a quote, and a quote closes only before the delimiter, a
 * line end or CR; before anything else it is literal.
 */
static size_t find_open_quote(const struct csv_reader *r)
{
	const char *s = r->data.ptr;
	size_t i, n = r->data.len, open = r->rec_start;
	int inq = 0, at_start = 1;
	for (i = r->rec_start; i < n; i++) {
		char c = s[i];
		if (!inq) {
			if (c == '"' && at_start) {
				inq = 1;
				open = i;
			}
			at_start = c == (char)r->delim || c == (char)r->term ||
				   (at_start && c == '\r');
		} else if (c == '"') {
			char d = i + 1 < n ? s[i + 1] : (char)r->delim;
			if (d == '"')
				i++;
			else if (d == (char)r->delim || d == (char)r->term || d == '\r')
				inq = 0;
			else
				i++;
		}
	}
	return open;
}

static int report_at(struct csv_reader *r, size_t pos, const char *msg)
{
	const char *s = r->data.ptr;
	unsigned long line = r->rec_line;
	size_t i, ls = r->rec_start;
	for (i = r->rec_start; i < pos; i++)
		if (s[i] == (char)r->term) {
			line++;
			ls = i + 1;
		}
	return input_error(r->base.in, line, utf8_count(s + ls, pos - ls) + 1, "%s", _(msg));
}

static int field_too_big(struct csv_reader *r)
{
	char msg[256];
	snprintf(msg, sizeof msg, _("field larger than the limit of %zu bytes (see --max-field)"),
		 r->base.max_field);
	return report_at(r, r->rec_start, msg);
}

/* Finishes the record: fixes value views, names columns from the header. */
static int emit(struct csv_reader *r, struct record *rec, size_t end)
{
	size_t i;
	rec->raw.ptr = r->data.ptr + r->rec_start;
	rec->raw.len = end - r->rec_start;
	rec->line = r->rec_line;
	for (i = 0; i < rec->nf; i++) {
		rec->f[i].val.ptr = (r->direct ? r->data.ptr : r->vals.ptr) + rec->f[i].raw_off;
		rec->f[i].val.len = rec->f[i].raw_len;
	}
	if (r->header_pending) {
		r->header_pending = 0;
		rec->kind = REC_HEADER;
		for (i = 0; i < rec->nf; i++)
			columns_set(&r->base.cols, (unsigned)i, rec->f[i].val.ptr, rec->f[i].val.len);
	} else {
		rec->kind = REC_DATA;
		rec->index = r->index++;
	}
	r->rec_start = end;
	r->field_mark = end;
	return RD_OK;
}

static int is_blank_line(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static size_t count_quotes(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *q;
	size_t k = 0;
	while ((q = memchr(p, '"', (size_t)(end - p)))) {
		k++;
		p = q + 1;
	}
	return k;
}

/*
 * Did libcsv's default mode keep every byte of the record s[0..n) (without
 * its line end) other than quoting? Then its values are the exact ones.
 * Bytes are conserved when values + separators + quote characters dropped
 * add up to n; a trimmed space or a CR taken as a line end breaks the sum.
 */
static int parsed_exactly(const struct csv_reader *r, const struct record *rec,
			  const char *s, size_t n)
{
	size_t i, sum = rec->nf ? rec->nf - 1 : 0, vq = 0;
	for (i = 0; i < rec->nf; i++) {
		const char *v = r->vals.ptr + rec->f[i].raw_off;
		sum += rec->f[i].raw_len;
		vq += count_quotes(v, rec->f[i].raw_len);
	}
	return sum + count_quotes(s, n) - vq == n;
}

static void set_exact(struct csv_reader *r, int exact)
{
	if (r->exact == exact)
		return;
	r->exact = exact;
	csv_set_space_func(&r->p, !exact ? NULL : r->term == '\n' ? cr_space : never_space);
	csv_set_term_func(&r->p, !exact ? NULL : r->term == '\n' ? is_lf : is_cr);
}

/* Length of the line s[0..n) without its line end. */
static size_t content_len(const char *s, size_t n, char term)
{
	if (n && s[n - 1] == term)
		n--;
	if (term == '\n' && n && s[n - 1] == '\r')
		n--;
	return n;
}

/* Splits a quote-free line into fields that are views of it. */
static void split_plain(struct csv_reader *r, struct record *rec, size_t start, size_t n)
{
	const char *s = r->data.ptr + start, *p = s, *end = s + n, *d;
	for (;;) {
		struct field *f = record_add_field(rec);
		d = memchr(p, r->delim, (size_t)(end - p));
		f->raw_off = (size_t)(p - r->data.ptr);
		f->raw_len = (size_t)((d ? d : end) - p);
		f->col = (unsigned)(rec->nf - 1);
		f->line = r->line;
		f->kind = FIELD_TEXT;
		if (!d)
			break;
		p = d + 1;
	}
}

static int feed(struct csv_reader *r, size_t end)
{
	csv_parse(&r->p, r->data.ptr + r->scan_pos, end - r->scan_pos, on_field, on_row, r);
	if (csv_error(&r->p) != CSV_SUCCESS)
		return report_at(r, r->scan_pos, csv_strerror(csv_error(&r->p)));
	r->scan_pos = end;
	if (r->too_big)
		return field_too_big(r);
	return 0;
}

/*
 * Parses the one-line record data[start..end) again in exact mode, after
 * default mode dropped bytes (spaces around a value, a lone CR). If exact
 * mode cannot end the record on this line (it reads `"a" ;` as a reopened
 * quoted field) default mode's reading stands.
 */
static int reparse_exact(struct csv_reader *r, struct record *rec, size_t start, size_t end)
{
	int pass;
	for (pass = 0; pass < 2; pass++) {
		rec->nf = 0;
		buf_reset(&r->vals);
		r->row_done = 0;
		csv_fini(&r->p, NULL, NULL, NULL); /* back to the start of a row */
		set_exact(r, pass == 0);
		r->scan_pos = start;
		if (feed(r, end) < 0)
			return -1;
		if (r->row_done)
			break;
	}
	set_exact(r, 0);
	return 0;
}

/* Reads more input, moving the unfinished record to the buffer's start. */
static int refill(struct csv_reader *r)
{
	ssize_t got;
	if (r->rec_start) {
		buf_remove_head(&r->data, r->rec_start);
		r->scan_pos -= r->rec_start;
		r->field_mark -= r->field_mark >= r->rec_start ? r->rec_start : r->field_mark;
		r->rec_start = 0;
	}
	buf_grow(&r->data, CSV_READ_CHUNK);
	got = input_read(r->base.in, r->data.ptr + r->data.len, CSV_READ_CHUNK);
	if (got < 0)
		return -1;
	if (got == 0)
		r->eof = 1;
	buf_setlen(&r->data, r->data.len + (size_t)got);
	return 0;
}

static int csv_next(struct reader *rd, struct record *rec)
{
	struct csv_reader *r = (struct csv_reader *)rd;
	rec->nf = 0;
	rec->changed = 0;
	buf_reset(&r->vals);
	r->direct = 0;
	r->cur = rec;
	r->row_done = 0;
	r->rec_line = r->line;
	for (;;) {
		size_t avail = r->data.len - r->scan_pos;
		const char *nl = avail ? memchr(r->data.ptr + r->scan_pos, r->term, avail) : NULL;
		if (nl) {
			size_t end = (size_t)(nl - r->data.ptr) + 1;
			if (r->rec_start == r->scan_pos && !rec->nf &&
			    is_blank_line(r->data.ptr + r->scan_pos, end - r->scan_pos)) {
				r->scan_pos = end;
				r->line++;
				rec->raw.ptr = r->data.ptr + r->rec_start;
				rec->raw.len = end - r->rec_start;
				rec->kind = REC_GLUE;
				rec->line = r->rec_line;
				r->rec_start = end;
				r->field_mark = end;
				return RD_OK;
			}
			{
				const char *ls = r->data.ptr + r->scan_pos;
				size_t n = content_len(ls, end - r->scan_pos, (char)r->term);
				if (r->rec_start == r->scan_pos && !rec->nf && !memchr(ls, '"', n)) {
					split_plain(r, rec, r->scan_pos, n);
					if (rec->nf && rec->f[rec->nf - 1].raw_len > r->base.max_field)
						r->too_big = 1;
					r->direct = 1;
					r->scan_pos = end;
					r->line++;
					if (r->too_big)
						return field_too_big(r), RD_ERR;
					return emit(r, rec, end);
				}
			}
			{
				int single = r->rec_start == r->scan_pos;
				size_t start = r->scan_pos;
				if (single)
					set_exact(r, 0);
				if (feed(r, end) < 0)
					return RD_ERR;
				r->line++;
				if (!r->row_done)
					continue;
				if (single && !parsed_exactly(r, rec, r->data.ptr + start,
							       content_len(r->data.ptr + start, end - start, (char)r->term)) &&
				    reparse_exact(r, rec, start, end) < 0)
					return RD_ERR;
				return emit(r, rec, end);
			}
		}
		/* No line end in sight: feed what we have (no record can end in it,
		 * as long as a CR cannot end one: exact mode). */
		set_exact(r, 1);
		if (avail && feed(r, r->data.len) < 0)
			return RD_ERR;
		/* field_mark trails the true start of the open field by at most
		 * one fed chunk, so this fires only for a field over the limit. */
		if (r->scan_pos - r->field_mark > r->base.max_field + CSV_READ_CHUNK)
			return field_too_big(r), RD_ERR;
		if (r->eof) {
			if (r->fini_done || r->rec_start == r->data.len)
				return RD_EOF;
			r->fini_done = 1;
			if (r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted)
				return report_at(r, find_open_quote(r),
						 "unterminated quoted field"), RD_ERR;
			if (csv_fini(&r->p, on_field, on_row, r) != 0)
				return report_at(r, r->rec_start, csv_strerror(csv_error(&r->p))), RD_ERR;
			if (r->too_big)
				return field_too_big(r), RD_ERR;
			if (!r->row_done) {
				/* Trailing bytes libcsv saw no field in (CRs only): they
				 * still go out as they came. */
				rec->nf = 0;
				rec->raw.ptr = r->data.ptr + r->rec_start;
				rec->raw.len = r->data.len - r->rec_start;
				rec->kind = REC_GLUE;
				rec->line = r->rec_line;
				r->rec_start = r->data.len;
				return rec->raw.len ? RD_OK : RD_EOF;
			}
			return emit(r, rec, r->data.len);
		}
		if (refill(r) < 0)
			return RD_ERR;
	}
}

/* Four memchr calls: libc's are vectorized, and most values hold none of
 * the four bytes, so each call runs to the end at many bytes a step. */
static int needs_quotes(const char *s, size_t n, unsigned char delim)
{
	return memchr(s, delim, n) || memchr(s, '"', n) || memchr(s, '\n', n) || memchr(s, '\r', n);
}

/* The most a value of n bytes takes as put_field writes it: every byte
 * a doubled quote, and the two around. */
static size_t field_room(size_t n)
{
	return st_add(st_mult(n, 2), 2);
}

/*
 * Writes a value at o, quoted when it needs it (or always, with quote),
 * and returns the end: the caller reserved field_room(v.len) bytes or
 * more (a changed record reserves once for the whole line, not per
 * piece).
 */
static char *put_field(char *o, struct view v, unsigned char delim, int quote)
{
	const char *p = v.ptr, *end = v.ptr + v.len, *q;
	if (!quote && !needs_quotes(v.ptr, v.len, delim)) {
		memcpy(o, v.ptr, v.len);
		return o + v.len;
	}
	*o++ = '"';
	while ((q = memchr(p, '"', (size_t)(end - p)))) {
		memcpy(o, p, (size_t)(q - p) + 1);
		o += q - p + 1;
		*o++ = '"';
		p = q + 1;
	}
	memcpy(o, p, (size_t)(end - p));
	o += end - p;
	*o++ = '"';
	return o;
}

static int inside(struct view v, struct view raw)
{
	return v.ptr >= raw.ptr && v.ptr + v.len <= raw.ptr + raw.len;
}

/*
 * The fields of a raw line with quotes, as spans of it (quotes included):
 * spans[2i], spans[2i+1] are field i's start and end. The line is read as
 * RFC 4180 writes it (a quoted field from its opening quote to the closing
 * one, doubled quotes inside); each field's span must give back its value
 * byte for byte after unquoting, or the line is not what the reader saw
 * (libcsv's lenient mode kept a stray quote or space): 0 then, else 1.
 */
static int raw_spans(const struct record *rec, unsigned char delim, char term, size_t *spans)
{
	const char *s = rec->raw.ptr, *end = s + content_len(s, rec->raw.len, term), *p = s;
	size_t i;
	for (i = 0; i < rec->nf; i++) {
		const char *st = p, *v = rec->f[i].val.ptr;
		size_t len = 0, vlen = rec->f[i].val.len;
		/* byte for byte the value the reader gave, or no splicing: a
		 * replacement must never land on another field's bytes */
		if (p < end && *p == '"') {
			for (p++;; p++) {
				if (p >= end)
					return 0;
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"')
						p++;
					else
						break;
				}
				if (len >= vlen || v[len] != *p)
					return 0;
				len++;
			}
			p++;
		} else {
			const char *d = memchr(p, delim, (size_t)(end - p));
			p = d ? d : end;
			len = (size_t)(p - st);
			if (len == vlen && memcmp(st, v, len))
				return 0;
		}
		if (len != vlen)
			return 0;
		spans[2 * i] = (size_t)(st - s);
		spans[2 * i + 1] = (size_t)(p - s);
		if (i + 1 < rec->nf) {
			if (p >= end || (unsigned char)*p != delim)
				return 0;
			p++;
		}
	}
	return p == end;
}

/*
 * The fields of a record as spans of its raw line (see raw_spans): for a
 * quote-free line, split directly, the values are those spans already.
 */
static int field_spans(const struct record *rec, unsigned char delim, char term, size_t *spans)
{
	size_t i;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		if (!inside(f->val, rec->raw))
			return raw_spans(rec, delim, term, spans);
		spans[2 * i] = (size_t)(f->val.ptr - rec->raw.ptr);
		spans[2 * i + 1] = spans[2 * i] + f->val.len;
	}
	return 1;
}

/*
 * Writes a record. Unchanged: its raw bytes. Changed: the raw line with
 * just the changed fields' spans replaced (field_spans), so the rest is
 * copied as written, quotes and all; a changed field that was quoted stays
 * quoted, else it is quoted as it needs. A line libcsv read leniently (no
 * spans) is written again whole with minimal quoting and its own line end.
 */
static int csv_put(struct reader *rd, struct output *out, const struct record *rec)
{
	struct csv_reader *r = (struct csv_reader *)rd;
	size_t i, n = rec->raw.len, at = 0, changed = 0, mark;
	const char *raw = rec->raw.ptr;
	struct buf *b;
	char *o;
	if (!rec->changed)
		return output_write(out, raw, n);
	/* room for the whole line at once: every value doubled and quoted
	 * (the unchanged ones are no longer than the raw line), a delimiter
	 * each, the line end */
	for (i = 0; i < rec->nf; i++)
		if (rec->f[i].changed)
			changed += rec->f[i].nval.len;
	if (!(b = output_begin(out, &mark)))
		return -1;
	buf_grow(b, st_add(field_room(st_add(n, changed)), st_mult(rec->nf, 3)));
	o = b->ptr + mark;
	r->spans = xgrow_zeroed(r->spans, &r->nspans, 2 * rec->nf, sizeof *r->spans, 64);
	if (field_spans(rec, r->delim, (char)r->term, r->spans)) {
		for (i = 0; i < rec->nf; i++) {
			const struct field *f = &rec->f[i];
			if (!f->changed)
				continue;
			memcpy(o, raw + at, r->spans[2 * i] - at);
			o += r->spans[2 * i] - at;
			/* a field written quoted stays quoted */
			o = put_field(o, f->nval, r->delim, raw[r->spans[2 * i]] == '"');
			at = r->spans[2 * i + 1];
		}
		memcpy(o, raw + at, n - at);
		o += n - at;
	} else {
		for (i = 0; i < rec->nf; i++) {
			const struct field *f = &rec->f[i];
			if (i)
				*o++ = (char)r->delim;
			o = put_field(o, f->changed ? f->nval : f->val, r->delim, 0);
		}
		if (n >= 2 && raw[n - 2] == '\r' && raw[n - 1] == '\n') {
			*o++ = '\r';
			*o++ = '\n';
		} else if (n >= 1 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
			*o++ = raw[n - 1];
	}
	buf_setlen(b, (size_t)(o - b->ptr));
	return output_end(out, mark);
}

static void csv_reader_free(struct reader *rd)
{
	struct csv_reader *r = (struct csv_reader *)rd;
	csv_free(&r->p);
	buf_release(&r->data);
	buf_release(&r->vals);
	free(r->spans);
	buf_release(&rd->colname_tmp);
	columns_release(&rd->cols);
	free(r);
}

static const struct reader_ops csv_ops = { "csv", csv_next, csv_put, csv_reader_free, NULL, NULL };

struct reader *csv_reader_new(struct input *in, const struct read_opts *opts)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	struct view head = input_head(in);
	r->base.ops = &csv_ops;
	r->base.in = in;
	r->base.max_field = opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	buf_init(&r->base.colname_tmp, 0);
	columns_init(&r->base.cols);
	if (csv_init(&r->p, 0) != 0)
		die("cannot initialise libcsv");
	r->delim = (unsigned char)(opts->delimiter ? opts->delimiter
				   : csv_sniff_delimiter(head.ptr, head.len));
	/* A file whose look-ahead has CRs but no LF ends its lines with CR. */
	r->term = (memchr(head.ptr, '\r', head.len) && !memchr(head.ptr, '\n', head.len)) ? '\r' : '\n';
	csv_set_delim(&r->p, r->delim);
	/* Big fields grow libcsv's buffer in 64 KiB steps, not 128 bytes. */
	csv_set_blk_size(&r->p, 64u << 10);
	r->exact = -1;
	set_exact(r, 0);
	r->header_pending = !opts->no_header;
	buf_init(&r->data, CSV_READ_CHUNK);
	buf_init(&r->vals, 0);
	r->line = 1;
	return &r->base;
}
