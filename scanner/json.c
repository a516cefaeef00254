/*
 * json.c — the streaming JSON / JSON Lines reader and its writer.
 *
 * jansson cannot be on the data path: it rewrites number spellings and
 * rejects 20-digit integers. This tokenizer never rewrites anything; it
 * finds the scalar values (leaves) of each record, gives each a field path
 * and a decoded value, and remembers the byte span of its token so that the
 * writer can copy the record's bytes verbatim and splice in only the values
 * that changed (as JSON strings).
 *
 * What is a record:
 *   - JSON Lines: each top-level value (with the whitespace before it and
 *     the rest of its line).
 *   - a top-level array: each element, with the separator and whitespace
 *     before it (so `[`, `,` and indentation travel with the records and
 *     come out untouched);
 *   - a top-level object: each element of a member array whose first
 *     element is an object (GeoJSON `features`, `{"data": [...]}`), paths
 *     prefixed `features[].`; the object's other members form "envelope"
 *     records (kind REC_META when they hold values, REC_GLUE otherwise), so
 *     a single plain object is one envelope record.
 * Memory is bounded by the largest record, never the file.
 *
 * Records may straddle read chunks. Rather than make the recursive parser
 * resumable, a record that runs past the buffered bytes is re-parsed from
 * its start once more bytes are in (the snapshot of the walk state at each
 * record start makes that possible). Each retry at least doubles what is
 * buffered, so a huge record costs O(n) overall.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/i18n.h"
#include "scanner/reader.h"
#include "scanner/unicode.h"

#define JSON_READ_CHUNK (256u << 10)
#define JSON_SPARES 4
#define JSON_MAX_DEPTH 1000

enum jstate {
	JS_START,            /* before the top-level value (or the next line) */
	JS_TOP_ARRAY_FIRST,  /* after `[` of a top-level array */
	JS_TOP_ARRAY_NEXT,   /* after an element of it */
	JS_OBJ_FIRST,        /* after `{` of a top-level object */
	JS_OBJ_NEXT,         /* after a member of it */
	JS_MEMBER_FIRST,     /* after `[` of a streamed member array */
	JS_MEMBER_NEXT,      /* after an element of it */
	JS_AFTER_TOP,        /* the top-level value is complete */
	JS_DONE,
};

enum { J_OK = 0, J_MORE = 1, J_RECORD = 2, J_EOF = 3, J_ERR = -1 };

/* Where a record started: enough to parse it again from there. */
struct snapshot {
	enum jstate state;
	unsigned long line;
	size_t line_start;     /* offset of the line's first byte from the record's start */
	size_t col_carry;      /* chars of that line dropped by compaction */
};

struct json_reader {
	struct reader base;
	int lines;             /* JSON Lines mode */
	struct buf data;       /* bytes from the current record's start */
	size_t rec_start;      /* where the current record starts in data */
	int eof;
	struct snapshot snap;  /* state at rec_start */
	struct buf member;     /* key of the streamed member array */
	struct buf path;
	struct buf vals;       /* decoded strings that had escapes */
	struct buf key;
	size_t *voff;          /* value offsets while parsing */
	unsigned char *vbuf;   /* 1 = offset into vals, 0 = into data */
	size_t vcap;
	size_t index;
	size_t want;           /* bytes to read at the next refill */
	/* Pins (reader_pin): data is buffer number gen (from 1), whose
	 * records are pinned `pins` times; a refill keeps a pinned buffer
	 * in kept, moving the bytes not yet returned to another, so the
	 * bytes of pinned records never move. A kept buffer whose last pin
	 * goes is kept as a spare for the next such refill (up to
	 * JSON_SPARES of them): a fresh one each time would be new pages
	 * for the kernel to fault in, 256 KiB a time. */
	unsigned gen;
	size_t pins;
	struct kept {
		struct buf b;
		unsigned gen;
		size_t pins;
	} *kept;
	size_t nkept, capkept;
	struct buf spare[JSON_SPARES];
	size_t nspare;
};

struct jctx {
	struct json_reader *r;
	const char *s;
	size_t pos, end;
	enum jstate state;
	unsigned long line;
	size_t line_start, col_carry;
	struct record *rec;
	int depth;
	unsigned obj, nobj;    /* innermost object, objects opened so far */
};

static int jerr(struct jctx *c, size_t at, const char *msg)
{
	size_t col;
	if (at < c->line_start)
		at = c->line_start;
	col = c->col_carry + utf8_count(c->s + c->line_start, at - c->line_start) + 1;
	input_error(c->r->base.in, c->line, col, "%s", _(msg));
	return J_ERR;
}

static int skip_ws(struct jctx *c)
{
	while (c->pos < c->end) {
		char ch = c->s[c->pos];
		if (ch == '\n') {
			c->line++;
			c->line_start = c->pos + 1;
			c->col_carry = 0;
		} else if (ch != ' ' && ch != '\t' && ch != '\r')
			return J_OK;
		c->pos++;
	}
	return J_MORE;
}

static int more_or_err(struct jctx *c, const char *msg)
{
	if (c->r->eof)
		return jerr(c, c->end, msg);
	return J_MORE;
}

static void reserve_vals(struct json_reader *r, size_t n)
{
	if (n <= r->vcap)
		return;
	r->vcap = n < 64 ? 64 : st_mult(n, 2);
	r->voff = xrealloc(r->voff, st_mult(r->vcap, sizeof *r->voff));
	r->vbuf = xrealloc(r->vbuf, r->vcap);
}

static void add_leaf(struct jctx *c, enum field_kind kind, size_t tok, size_t toklen,
		     size_t voff, size_t vlen, int in_vals)
{
	struct json_reader *r = c->r;
	struct field *f = record_add_field(c->rec);
	size_t i = c->rec->nf - 1;
	const char *p = r->path.len ? r->path.ptr : "$";
	f->col = columns_intern(&r->base.cols, p, r->path.len ? r->path.len : 1);
	f->kind = (unsigned char)kind;
	f->utf8 = 1;
	f->raw_off = tok;          /* relative to data; rebased in finish() */
	f->raw_len = toklen;
	f->val.len = vlen;
	f->line = c->line;
	f->obj = c->obj;
	reserve_vals(r, c->rec->nf);
	r->voff[i] = voff;
	r->vbuf[i] = (unsigned char)in_vals;
}

static int hex4(const char *s, unsigned *v)
{
	int i;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char h = s[i];
		*v <<= 4;
		if (h >= '0' && h <= '9')
			*v |= (unsigned)(h - '0');
		else if (h >= 'a' && h <= 'f')
			*v |= (unsigned)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			*v |= (unsigned)(h - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * Scans the string token at c->pos. Without escapes the value is a view of
 * the token's inside (*in_dst = 0, *voff its offset); with escapes it is
 * decoded onto dst (*in_dst = 1). Lone surrogates decode to U+FFFD: the
 * value is only examined, and the token itself is never rewritten unless
 * it is redacted.
 */
static int scan_string(struct jctx *c, struct buf *dst, size_t *voff, size_t *vlen, int *in_dst)
{
	const char *s = c->s;
	size_t start = c->pos + 1, i = start, run = start, dstart = 0;
	int escaped = 0;
	for (;;) {
		unsigned char ch;
		if ((i = json_next_special(s, c->end, i)) >= c->end)
			return more_or_err(c, "unterminated string");
		ch = (unsigned char)s[i];
		if (ch == '"')
			break;
		if (ch < 0x20)
			return jerr(c, i, "control character in string");
		/* a backslash: decode from here on */
		if (!escaped) {
			escaped = 1;
			dstart = dst->len;
		}
		buf_add(dst, s + run, i - run);
		if (i + 1 >= c->end)
			return more_or_err(c, "unterminated string");
		switch (s[i + 1]) {
		case '"': buf_addch(dst, '"'); i += 2; break;
		case '\\': buf_addch(dst, '\\'); i += 2; break;
		case '/': buf_addch(dst, '/'); i += 2; break;
		case 'b': buf_addch(dst, '\b'); i += 2; break;
		case 'f': buf_addch(dst, '\f'); i += 2; break;
		case 'n': buf_addch(dst, '\n'); i += 2; break;
		case 'r': buf_addch(dst, '\r'); i += 2; break;
		case 't': buf_addch(dst, '\t'); i += 2; break;
		case 'u': {
			unsigned cp, lo;
			if (i + 6 > c->end)
				return more_or_err(c, "unterminated string");
			if (hex4(s + i + 2, &cp) < 0)
				return jerr(c, i, "bad \\u escape");
			i += 6;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (i + 6 > c->end && !c->r->eof)
					return J_MORE;
				if (i + 6 <= c->end && s[i] == '\\' && s[i + 1] == 'u' &&
				    hex4(s + i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				} else
					cp = 0xFFFD;
			} else if (cp >= 0xDC00 && cp <= 0xDFFF)
				cp = 0xFFFD;
			buf_add_utf8(dst, cp);
			break;
		}
		default:
			return jerr(c, i, "bad escape in string");
		}
		run = i;
	}
	if (escaped) {
		buf_add(dst, s + run, i - run);
		*voff = dstart;
		*vlen = dst->len - dstart;
		*in_dst = 1;
	} else {
		*voff = start;
		*vlen = i - start;
		*in_dst = 0;
	}
	c->pos = i + 1;
	return J_OK;
}

static int is_delim_char(char ch)
{
	return ch == ',' || ch == ']' || ch == '}' || ch == ' ' || ch == '\t' ||
	       ch == '\r' || ch == '\n';
}

static int scan_number(struct jctx *c)
{
	const char *s = c->s;
	size_t i = c->pos, e = c->end;
#define NEED() do { if (i >= e) return more_or_err(c, "unexpected end of number"); } while (0)
#define DIGIT(x) ((x) >= '0' && (x) <= '9')
	if (s[i] == '-')
		i++;
	NEED();
	if (s[i] == '0')
		i++;
	else if (s[i] >= '1' && s[i] <= '9')
		while (i < e && DIGIT(s[i]))
			i++;
	else
		return jerr(c, i, "bad number");
	if (i < e && s[i] == '.') {
		i++;
		NEED();
		if (!DIGIT(s[i]))
			return jerr(c, i, "bad number");
		while (i < e && DIGIT(s[i]))
			i++;
	}
	if (i < e && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		NEED();
		if (s[i] == '+' || s[i] == '-')
			i++;
		NEED();
		if (!DIGIT(s[i]))
			return jerr(c, i, "bad number");
		while (i < e && DIGIT(s[i]))
			i++;
	}
	if (i >= e && !c->r->eof)
		return J_MORE; /* the number may go on in the next chunk */
	if (i < e && !is_delim_char(s[i]))
		return jerr(c, i, "bad number");
#undef NEED
#undef DIGIT
	add_leaf(c, FIELD_NUMBER, c->pos, i - c->pos, c->pos, i - c->pos, 0);
	c->pos = i;
	return J_OK;
}

static int scan_literal(struct jctx *c)
{
	static const char *const lit[] = { "true", "false", "null" };
	size_t k;
	for (k = 0; k < 3; k++) {
		size_t n = strlen(lit[k]);
		if (c->s[c->pos] != lit[k][0])
			continue;
		if (c->pos + n > c->end)
			return more_or_err(c, "unexpected end of input");
		if (memcmp(c->s + c->pos, lit[k], n))
			break;
		if (c->pos + n == c->end && !c->r->eof)
			return J_MORE;
		if (c->pos + n < c->end && !is_delim_char(c->s[c->pos + n]))
			break;
		add_leaf(c, FIELD_LITERAL, c->pos, n, c->pos, n, 0);
		c->pos += n;
		return J_OK;
	}
	return jerr(c, c->pos, "unexpected character");
}

static void path_key(struct json_reader *r, const char *k, size_t n)
{
	if (r->path.len)
		buf_addch(&r->path, '.');
	buf_add(&r->path, k, n);
}

static int parse_value(struct jctx *c);

/* Reads `"key"` and `:` and appends the key to the path. */
static int parse_key(struct jctx *c)
{
	struct json_reader *r = c->r;
	size_t voff, vlen;
	int in_dst, rc;
	if (c->s[c->pos] != '"')
		return jerr(c, c->pos, "expected a string key");
	buf_reset(&r->key);
	rc = scan_string(c, &r->key, &voff, &vlen, &in_dst);
	if (rc)
		return rc;
	path_key(r, in_dst ? r->key.ptr + voff : c->s + voff, vlen);
	if ((rc = skip_ws(c)))
		return more_or_err(c, "unexpected end of input");
	if (c->s[c->pos] != ':')
		return jerr(c, c->pos, "expected ':'");
	c->pos++;
	return J_OK;
}

static int parse_object(struct jctx *c)
{
	struct json_reader *r = c->r;
	size_t mark = r->path.len;
	unsigned outer = c->obj;
	int rc, first = 1;
	c->pos++; /* { */
	c->obj = ++c->nobj;
	for (;;) {
		if ((rc = skip_ws(c)))
			return more_or_err(c, "unterminated object");
		if (c->s[c->pos] == '}') {
			c->pos++;
			c->obj = outer;
			return J_OK;
		}
		if (!first) {
			if (c->s[c->pos] != ',')
				return jerr(c, c->pos, "expected ',' or '}'");
			c->pos++;
			if ((rc = skip_ws(c)))
				return more_or_err(c, "unterminated object");
		}
		first = 0;
		if ((rc = parse_key(c)))
			return rc;
		if ((rc = parse_value(c)))
			return rc;
		buf_setlen(&r->path, mark);
	}
}

static int parse_array(struct jctx *c)
{
	struct json_reader *r = c->r;
	size_t mark = r->path.len;
	int rc, first = 1;
	c->pos++; /* [ */
	buf_add(&r->path, "[]", 2);
	for (;;) {
		if ((rc = skip_ws(c)))
			return more_or_err(c, "unterminated array");
		if (c->s[c->pos] == ']') {
			c->pos++;
			buf_setlen(&r->path, mark);
			return J_OK;
		}
		if (!first) {
			if (c->s[c->pos] != ',')
				return jerr(c, c->pos, "expected ',' or ']'");
			c->pos++;
		}
		first = 0;
		if ((rc = parse_value(c)))
			return rc;
	}
}

static int parse_value(struct jctx *c)
{
	int rc;
	if ((rc = skip_ws(c)))
		return more_or_err(c, "unexpected end of input");
	switch (c->s[c->pos]) {
	case '{':
	case '[':
		if (++c->depth > JSON_MAX_DEPTH)
			return jerr(c, c->pos, "JSON nested deeper than 1000 levels");
		rc = c->s[c->pos] == '{' ? parse_object(c) : parse_array(c);
		c->depth--;
		return rc;
	case '"': {
		size_t tok = c->pos, voff, vlen;
		int in_dst;
		if ((rc = scan_string(c, &c->r->vals, &voff, &vlen, &in_dst)))
			return rc;
		add_leaf(c, FIELD_TEXT, tok, c->pos - tok, voff, vlen, in_dst);
		return J_OK;
	}
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return scan_number(c);
	default:
		return scan_literal(c);
	}
}

/* Parses one element of a streamed array as a record of its own. */
static int element(struct jctx *c, const char *prefix, size_t plen)
{
	int rc;
	buf_reset(&c->r->path);
	buf_add(&c->r->path, prefix, plen);
	rc = parse_value(c);
	return rc ? rc : J_RECORD;
}

/* After `[`: is the first element an object (then stream the array)? */
static int first_is_object(struct jctx *c, size_t at, int *yes)
{
	size_t i = at;
	while (i < c->end && (c->s[i] == ' ' || c->s[i] == '\t' || c->s[i] == '\r' || c->s[i] == '\n'))
		i++;
	if (i >= c->end)
		return more_or_err(c, "unterminated array");
	*yes = c->s[i] == '{';
	return J_OK;
}

/* Runs the walk until a record ends (J_RECORD), input ends, or an error. */
static int walk(struct jctx *c)
{
	struct json_reader *r = c->r;
	int rc;
	for (;;) {
		switch (c->state) {
		case JS_START:
			if (skip_ws(c))
				return r->eof ? (c->pos > 0 ? J_RECORD : J_EOF) : J_MORE;
			if (r->lines) {
				buf_reset(&r->path);
				if ((rc = parse_value(c)))
					return rc;
				while (c->pos < c->end && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
							    c->s[c->pos] == '\r'))
					c->pos++;
				if (c->pos < c->end && c->s[c->pos] != '\n')
					return jerr(c, c->pos, "expected a line end after the JSON value");
				if (c->pos >= c->end && !r->eof)
					return J_MORE;
				if (c->pos < c->end) {
					c->pos++;
					c->line++;
					c->line_start = c->pos;
					c->col_carry = 0;
				}
				return J_RECORD;
			}
			buf_reset(&r->path);
			if (c->s[c->pos] == '[') {
				c->pos++;
				c->state = JS_TOP_ARRAY_FIRST;
			} else if (c->s[c->pos] == '{') {
				c->pos++;
				c->state = JS_OBJ_FIRST;
			} else {
				if ((rc = parse_value(c)))
					return rc;
				c->state = JS_AFTER_TOP;
			}
			break;
		case JS_TOP_ARRAY_FIRST:
		case JS_TOP_ARRAY_NEXT:
		case JS_MEMBER_FIRST:
		case JS_MEMBER_NEXT: {
			int top = c->state == JS_TOP_ARRAY_FIRST || c->state == JS_TOP_ARRAY_NEXT;
			int first = c->state == JS_TOP_ARRAY_FIRST || c->state == JS_MEMBER_FIRST;
			if (skip_ws(c))
				return more_or_err(c, "unterminated array");
			if (c->s[c->pos] == ']') {
				c->pos++;
				c->state = top ? JS_AFTER_TOP : JS_OBJ_NEXT;
				buf_reset(&r->path);
				break;
			}
			if (!first) {
				if (c->s[c->pos] != ',')
					return jerr(c, c->pos, "expected ',' or ']'");
				c->pos++;
			}
			c->state = top ? JS_TOP_ARRAY_NEXT : JS_MEMBER_NEXT;
			return element(c, top ? "" : r->member.ptr, top ? 0 : r->member.len);
		}
		case JS_OBJ_FIRST:
		case JS_OBJ_NEXT: {
			int yes = 0;
			if (skip_ws(c))
				return more_or_err(c, "unterminated object");
			if (c->s[c->pos] == '}') {
				c->pos++;
				c->state = JS_AFTER_TOP;
				break;
			}
			if (c->state == JS_OBJ_NEXT) {
				if (c->s[c->pos] != ',')
					return jerr(c, c->pos, "expected ',' or '}'");
				c->pos++;
				if (skip_ws(c))
					return more_or_err(c, "unterminated object");
			}
			c->state = JS_OBJ_NEXT;
			buf_reset(&r->path);
			if ((rc = parse_key(c)))
				return rc;
			if (skip_ws(c))
				return more_or_err(c, "unexpected end of input");
			if (c->s[c->pos] == '[') {
				if ((rc = first_is_object(c, c->pos + 1, &yes)))
					return rc;
				if (yes) {
					/* Stream it: the envelope record ends after `[`. */
					buf_reset(&r->member);
					buf_add(&r->member, r->path.ptr, r->path.len);
					buf_add(&r->member, "[]", 2);
					c->pos++;
					c->state = JS_MEMBER_FIRST;
					return J_RECORD;
				}
			}
			if ((rc = parse_value(c)))
				return rc;
			break;
		}
		case JS_AFTER_TOP:
			if (skip_ws(c)) {
				if (!r->eof)
					return J_MORE;
				c->state = JS_DONE;
				return c->pos > 0 ? J_RECORD : J_EOF;
			}
			return jerr(c, c->pos, "unexpected data after the JSON value (JSON Lines? try --format jsonl)");
		case JS_DONE:
			return J_EOF;
		}
	}
}

/* Reads more input, first dropping the bytes of records already returned
 * (only here: moving the buffer at every record would copy it over and
 * over, and views of the last record stay valid until the next call). */
static int refill(struct json_reader *r)
{
	size_t want = r->want, got_total = 0;
	if (r->rec_start && r->pins) {
		/* records returned from data are pinned: data is kept, and
		 * the bytes after them begin a spare or a new buffer */
		struct kept *k;
		r->kept = xgrow_zeroed(r->kept, &r->capkept, r->nkept, sizeof *r->kept, 4);
		k = &r->kept[r->nkept++];
		k->b = r->data; /* the buffer moves into kept */
		k->gen = r->gen;
		k->pins = r->pins;
		if (++r->gen == 0)
			r->gen = 1; /* 0 is no token */
		r->pins = 0;
		if (r->nspare) {
			r->data = r->spare[--r->nspare];
			buf_reset(&r->data);
		} else
			buf_init(&r->data, st_add(k->b.len - r->rec_start, want));
		buf_add(&r->data, k->b.ptr + r->rec_start, k->b.len - r->rec_start);
		r->rec_start = 0;
	} else if (r->rec_start) {
		buf_remove_head(&r->data, r->rec_start);
		r->rec_start = 0;
	}
	buf_grow(&r->data, want);
	while (got_total < want) {
		ssize_t got = input_read(r->base.in, r->data.ptr + r->data.len, want - got_total);
		if (got < 0)
			return -1;
		if (got == 0) {
			r->eof = 1;
			break;
		}
		buf_setlen(&r->data, r->data.len + (size_t)got);
		got_total += (size_t)got;
	}
	return 0;
}

static void finish(struct json_reader *r, struct record *rec, size_t end)
{
	size_t i;
	const char *base = r->data.ptr + r->rec_start;
	rec->raw.ptr = base;
	rec->raw.len = end;
	for (i = 0; i < rec->nf; i++) {
		struct field *f = &rec->f[i];
		f->val.ptr = (r->vbuf[i] ? r->vals.ptr : base) + r->voff[i];
	}
}

static int json_next(struct reader *rd, struct record *rec)
{
	struct json_reader *r = (struct json_reader *)rd;
	struct jctx c;
	r->want = JSON_READ_CHUNK;
	for (;;) {
		int rc;
		rec->nf = 0;
		rec->changed = 0;
		buf_reset(&r->vals);
		memset(&c, 0, sizeof c);
		c.r = r;
		c.s = r->data.ptr + r->rec_start;  /* offsets are relative to the record */
		c.end = r->data.len - r->rec_start;
		c.state = r->snap.state;
		c.line = r->snap.line;
		c.line_start = r->snap.line_start;
		c.col_carry = r->snap.col_carry;
		c.rec = rec;
		rc = walk(&c);
		if (rc == J_ERR)
			return RD_ERR;
		if (rc == J_EOF && c.pos == 0)
			return RD_EOF;
		if (rc == J_MORE) {
			if (r->eof)
				return jerr(&c, c.end, "unexpected end of input"), RD_ERR;
			if (c.end > r->base.max_field * 4 + JSON_READ_CHUNK)
				return jerr(&c, 0, "record larger than the limit (see --max-field)"), RD_ERR;
			if (refill(r) < 0)
				return RD_ERR;
			if (r->want < r->data.len - r->rec_start)
				r->want = r->data.len - r->rec_start; /* double what is buffered */
			continue;
		}
		/* A record (or the last bytes before EOF). */
		finish(r, rec, c.pos);
		rec->line = r->snap.line;
		if (r->lines || c.state == JS_TOP_ARRAY_NEXT || c.state == JS_MEMBER_NEXT) {
			rec->kind = REC_DATA;
			rec->index = r->index++;
		} else
			rec->kind = rec->nf ? REC_META : REC_GLUE;
		{
			size_t i;
			for (i = 0; i < rec->nf; i++)
				if (rec->f[i].val.len > r->base.max_field)
					return jerr(&c, rec->f[i].raw_off, "value larger than the limit (see --max-field)"), RD_ERR;
		}
		r->snap.state = c.state;
		r->snap.line = c.line;
		/* The next record starts mid-line: remember how many characters
		 * of its line precede it, since compaction may drop those bytes;
		 * its own offsets start at 0 again. */
		r->snap.col_carry = c.col_carry + utf8_count(c.s + c.line_start, c.pos - c.line_start);
		r->snap.line_start = 0;
		r->rec_start += c.pos;
		return RD_OK;
	}
}

static int json_write(struct reader *rd, struct output *out, const struct record *rec)
{
	struct buf *b;
	size_t i, at = 0, mark;
	(void)rd;
	if (!rec->changed)
		return output_write(out, rec->raw.ptr, rec->raw.len);
	if (!(b = output_begin(out, &mark)))
		return -1;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		if (!f->changed)
			continue;
		buf_add(b, rec->raw.ptr + at, f->raw_off - at);
		if (f->nval_utf8)
			buf_add_json_utf8(b, f->nval.ptr, f->nval.len);
		else
			buf_add_json_string(b, f->nval.ptr, f->nval.len);
		at = f->raw_off + f->raw_len;
	}
	buf_add(b, rec->raw.ptr + at, rec->raw.len - at);
	return output_end(out, mark);
}

/* The bytes of the record just returned stay in data (or, after a
 * refill, in the kept buffer of the same number) until unpinned; its
 * strings with escapes were decoded into vals. */
static unsigned json_pin(struct reader *rd, int *apart)
{
	struct json_reader *r = (struct json_reader *)rd;
	*apart = r->vals.len != 0;
	r->pins++;
	return r->gen;
}

static void json_unpin(struct reader *rd, unsigned token)
{
	struct json_reader *r = (struct json_reader *)rd;
	size_t i;
	if (token == r->gen) {
		if (r->pins)
			r->pins--;
		return;
	}
	for (i = 0; i < r->nkept; i++)
		if (r->kept[i].gen == token) {
			if (--r->kept[i].pins == 0) {
				if (r->nspare < JSON_SPARES)
					r->spare[r->nspare++] = r->kept[i].b;
				else
					buf_release(&r->kept[i].b);
				r->kept[i] = r->kept[--r->nkept];
			}
			return;
		}
}

static void json_reader_free(struct reader *rd)
{
	struct json_reader *r = (struct json_reader *)rd;
	size_t i;
	for (i = 0; i < r->nkept; i++)
		buf_release(&r->kept[i].b);
	free(r->kept);
	for (i = 0; i < r->nspare; i++)
		buf_release(&r->spare[i]);
	buf_release(&r->data);
	buf_release(&r->member);
	buf_release(&r->path);
	buf_release(&r->vals);
	buf_release(&r->key);
	buf_release(&rd->colname_tmp);
	columns_release(&rd->cols);
	free(r->voff);
	free(r->vbuf);
	free(r);
}

static const struct reader_ops json_ops = { "json", json_next, json_write, json_reader_free,
					     json_pin, json_unpin };
static const struct reader_ops jsonl_ops = { "jsonl", json_next, json_write, json_reader_free,
					      json_pin, json_unpin };

struct reader *json_reader_new(struct input *in, const struct read_opts *opts, int lines)
{
	struct json_reader *r = xcalloc(1, sizeof *r);
	r->base.ops = lines ? &jsonl_ops : &json_ops;
	r->base.in = in;
	r->base.max_field = opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	buf_init(&r->base.colname_tmp, 0);
	columns_init(&r->base.cols);
	r->lines = lines;
	buf_init(&r->data, JSON_READ_CHUNK);
	buf_init(&r->member, 0);
	buf_init(&r->path, 0);
	buf_init(&r->vals, 0);
	buf_init(&r->key, 0);
	r->snap.state = JS_START;
	r->snap.line = 1;
	r->want = JSON_READ_CHUNK;
	r->gen = 1;
	return &r->base;
}
