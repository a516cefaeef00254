/*
 * xlsx.c — the Excel (.xlsx) reader of xlsx.h; the only file that calls
 * libzip and expat. It sits where csv.c and json.c sit: it yields records
 * to the pipeline and writes them back (through xlsx_write.h, or as CSV).
 *
 * An .xlsx is a zip archive of XML parts, and libzip needs random access,
 * so the input is taken whole with input_spool: a regular file is read in
 * place, stdin is spooled to an unlinked temporary file. Opening parses
 * xl/workbook.xml for the worksheets (all of them in their order, or the
 * one --sheet names), xl/_rels/workbook.xml.rels for
 * the parts it names, the shared strings table (xl/sharedStrings.xml):
 * the only part held in memory whole, capped at XLSX_SST_FACTOR times
 * --max-field, and xl/styles.xml for which cell formats show numbers as
 * dates (one byte per cell format; such numbers are read as dates,
 * computed here without the C library's time functions). Each sheet is then inflated with zip_fread in 64 KiB chunks
 * and pushed to expat; the parser is suspended at each </row>, so one row
 * is in memory at a time, and resumed by the next call to next().
 *
 * Several worksheets follow one another: each has its own header row, its
 * columns get ids after the last sheet's (so each sheet's columns are
 * profiled and reported apart), their names are "SHEET: HEADER", and
 * record.part is the sheet's number, which the writer follows to write
 * each row into its sheet. A workbook of one sheet reads as before.
 *
 * Elements and attributes are compared by local name with namespace
 * processing on, so the prefixes some writers use (<x:row>) and Strict
 * OOXML's namespaces read the same. Text is kept as written (xml:space
 * only tells Excel to keep what we keep anyway), _xHHHH_ escapes are
 * decoded, and phonetic runs (rPh) are not part of a cell's text. A
 * formula cell yields its cached value. Document type declarations, which
 * OOXML never has, are refused (no entity expansion at all).
 *
 * Errors in the sheet are FILE:ROW:COL (COL the column's index from 1, the
 * cell reference in the message); errors in the archive or in other parts
 * name the part, and for malformed XML the line and column inside it.
 * No cell value is ever part of a message.
 */
#include "scanner/xlsx.h"
#include "scanner/i18n.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "scanner/xlsx_write.h"

#define XML_CHUNK (64u << 10)
#define NS_SEP ' '
#define MAX_ENTRIES 65536   /* sheets in workbook.xml, relationships */
#define MAX_PART_NAME 1024

#define MAX_XFS 65536       /* cell formats in styles.xml (Excel's limit: 64000) */

enum part_kind { P_WORKBOOK, P_RELS, P_SST, P_STYLES, P_SHEET };
/* What a cell format shows a number as. */
enum num_show { SHOW_NUMBER = 0, SHOW_DATE, SHOW_DATETIME };
enum cell_type { CT_NUM, CT_SST, CT_INLINE, CT_STR, CT_BOOL, CT_ERR, CT_DATE };

/* One XML part being inflated and parsed. */
struct part {
	char *path;
	zip_file_t *zf;
	XML_Parser xp;
	int final_fed, suspended, done;
};

/* workbook.xml <sheet>: a = name, b = r:id; rels: a = Id, b = Type, c = Target. */
struct entry {
	char *a, *b, *c;
};

/* A worksheet to read: its part, its name, its first column id. */
struct ws {
	char *path, *name;
	unsigned base;
};

struct xlsx_reader {
	struct reader base;
	zip_t *za;
	struct ws *ws;            /* the worksheets read, in the workbook's order */
	size_t nws, cur_ws;
	unsigned col_max;         /* the current sheet's widest row */
	int no_header;
	struct part *p;           /* the part being parsed */
	int failed;               /* an error was printed */
	struct entry *sheets, *rels;
	size_t nsheets, nrels;
	/* shared strings: texts back to back, sst_end[i] ends the i-th */
	struct buf sst;
	size_t *sst_end;
	size_t nsst, capsst, sst_limit;
	/* styles: xf_fmt[i] is the numFmtId of <cellXfs>'s i-th <xf>, then
	 * xf_show[i] what it shows; fmts are the <numFmts> (id, enum num_show) */
	unsigned *xf_fmt;
	unsigned char *xf_show;
	size_t nxf;
	struct numfmt { unsigned id; unsigned char show; } *fmts;
	size_t nfmts;
	unsigned numfmts_d, cellxfs_d;
	int date1904;             /* <workbookPr date1904="1"/> */
	/* element depths (0: not open) while parsing */
	unsigned depth, data_d, row_d, c_d, v_d, is_d, t_d, rph_d, si_d;
	struct buf text;          /* text of the open cell or shared string */
	/* the sheet */
	struct part sheet;
	struct record *cur;
	struct buf vals;          /* values of the row being read */
	unsigned long row, last_row;
	unsigned next_col, cell_col;
	enum cell_type ctype;
	unsigned long cell_xf;    /* the open cell's s (0 when absent) */
	int row_ready;
	int header_pending;
	size_t header_cols;
	size_t index;
	size_t w_ws;              /* writing: worksheets started */
	/* writing */
	unsigned char delim;      /* CSV output */
	struct xlsx_out *w;
	struct buf line;
};

static const char *local(const XML_Char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

/* An attribute by local name; ns: 1 = must have a namespace, 0 = none. */
static const char *attr(const XML_Char **atts, const char *name, int ns)
{
	for (; *atts; atts += 2)
		if (!strcmp(local(atts[0]), name) && (strchr(atts[0], NS_SEP) != NULL) == ns)
			return atts[1];
	return NULL;
}

static void stop(struct xlsx_reader *r)
{
	r->failed = 1;
	if (r->p && r->p->xp)
		XML_StopParser(r->p->xp, XML_FALSE);
}

static void cell_ref(char *dst, size_t n, unsigned col, unsigned long row)
{
	char letters[4];
	int k = 0, i;
	unsigned c = col + 1;
	while (c && k < 3) {
		letters[k++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < k / 2; i++) {
		char t = letters[i];
		letters[i] = letters[k - 1 - i];
		letters[k - 1 - i] = t;
	}
	letters[k] = 0;
	snprintf(dst, n, "%s%lu", letters, row);
}

/* A problem in the row being read: FILE:ROW:COL, parser stopped. */
static void row_error(struct xlsx_reader *r, int in_cell, const char *fmt, ...) ZNES_PRINTF(3, 4);
static void row_error(struct xlsx_reader *r, int in_cell, const char *fmt, ...)
{
	char msg[512], ref[32];
	unsigned long row = r->row ? r->row : r->last_row + 1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	if (!r->failed) {
		/* with several sheets, the sheet's name before the reference */
		const char *sheet = r->nws > 1 ? r->ws[r->cur_ws].name : "";
		const char *bang = r->nws > 1 ? "!" : "";
		if (in_cell) {
			cell_ref(ref, sizeof ref, r->cell_col, row);
			input_error(r->base.in, row, r->cell_col + 1, "cell %s%s%s: %s", sheet, bang, ref, msg);
		} else
			input_error(r->base.in, row, 1, "row %s%s%lu: %s", sheet, bang, row, msg);
	}
	stop(r);
}

static int xml_error(struct xlsx_reader *r, struct part *p)
{
	const char *what = XML_ErrorString(XML_GetErrorCode(p->xp));
	unsigned long l = (unsigned long)XML_GetCurrentLineNumber(p->xp);
	unsigned long c = (unsigned long)XML_GetCurrentColumnNumber(p->xp) + 1;
	r->failed = 1;
	if (p == &r->sheet)
		return input_error(r->base.in, r->row ? r->row : r->last_row + 1,
				   r->c_d ? r->cell_col + 1 : 1,
				   "malformed XML in %s (line %lu, column %lu): %s",
				   p->path, l, c, what ? what : "error");
	return error("'%s': malformed XML in %s at line %lu, column %lu: %s",
		     r->base.in->name, p->path, l, c, what ? what : "error");
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct xlsx_reader *r = ud;
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	if (r->failed)
		return;
	error("'%s': %s has a document type declaration, which a workbook's parts never have",
	      r->base.in->name, r->p->path);
	stop(r);
}

/* Decodes OOXML's _xHHHH_ escapes (a character by its code) into out. */
static void add_decoded(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	while (i + 7 <= n) {
		if (s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_') {
			unsigned cp = 0;
			int k, ok = 1;
			for (k = 2; k < 6 && ok; k++) {
				char h = s[i + k];
				cp <<= 4;
				if (h >= '0' && h <= '9')
					cp |= (unsigned)(h - '0');
				else if (h >= 'a' && h <= 'f')
					cp |= (unsigned)(h - 'a' + 10);
				else if (h >= 'A' && h <= 'F')
					cp |= (unsigned)(h - 'A' + 10);
				else
					ok = 0;
			}
			if (ok && cp && (cp < 0xD800 || cp > 0xDFFF)) {
				buf_add(out, s + run, i - run);
				buf_add_utf8(out, cp);
				i += 7;
				run = i;
				continue;
			}
		}
		i++;
	}
	buf_add(out, s + run, n - run);
}

/* --- parts ------------------------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL sst_end(void *ud, const XML_Char *name);
static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL styles_end(void *ud, const XML_Char *name);
static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL sheet_end(void *ud, const XML_Char *name);
static void XMLCALL on_text(void *ud, const XML_Char *s, int len);

/* 0 = open, 1 = no such part, -1 = error printed. */
static int part_open(struct xlsx_reader *r, struct part *p, const char *path, enum part_kind kind)
{
	memset(p, 0, sizeof *p);
	p->path = xstrdup(path);
	p->zf = zip_fopen(r->za, path, ZIP_FL_NOCASE);
	if (!p->zf) {
		zip_error_t *e = zip_get_error(r->za);
		if (zip_error_code_zip(e) == ZIP_ER_NOENT)
			return 1;
		r->failed = 1;
		return error("'%s': cannot read %s: %s", r->base.in->name, path, zip_error_strerror(e));
	}
	p->xp = XML_ParserCreateNS(NULL, NS_SEP);
	if (!p->xp)
		die("out of memory");
	XML_SetUserData(p->xp, r);
	XML_SetStartDoctypeDeclHandler(p->xp, on_doctype);
	switch (kind) {
	case P_WORKBOOK:
		XML_SetStartElementHandler(p->xp, wb_start);
		break;
	case P_RELS:
		XML_SetStartElementHandler(p->xp, rels_start);
		break;
	case P_SST:
		XML_SetElementHandler(p->xp, sst_start, sst_end);
		XML_SetCharacterDataHandler(p->xp, on_text);
		break;
	case P_STYLES:
		XML_SetElementHandler(p->xp, styles_start, styles_end);
		break;
	case P_SHEET:
		XML_SetElementHandler(p->xp, sheet_start, sheet_end);
		XML_SetCharacterDataHandler(p->xp, on_text);
		break;
	}
	r->depth = r->data_d = r->row_d = r->c_d = r->v_d = r->is_d = r->t_d = r->rph_d = r->si_d = 0;
	return 0;
}

static void part_close(struct part *p)
{
	if (p->xp)
		XML_ParserFree(p->xp);
	if (p->zf)
		zip_fclose(p->zf);
	free(p->path);
	memset(p, 0, sizeof *p);
}

/* Feeds the parser one chunk or resumes it: 1 = more to do, 0 = the part
 * is finished, -1 = error printed. */
static int part_pump(struct xlsx_reader *r, struct part *p)
{
	enum XML_Status st;
	if (p->done)
		return 0;
	r->p = p;
	if (p->suspended) {
		p->suspended = 0;
		st = XML_ResumeParser(p->xp);
	} else {
		void *b = XML_GetBuffer(p->xp, XML_CHUNK);
		zip_int64_t n;
		if (!b)
			die("out of memory");
		n = zip_fread(p->zf, b, XML_CHUNK);
		if (n < 0) {
			r->failed = 1;
			return error("'%s': cannot read %s: %s", r->base.in->name, p->path,
				     zip_file_strerror(p->zf));
		}
		p->final_fed = n == 0;
		st = XML_ParseBuffer(p->xp, (int)n, n == 0);
	}
	if (st == XML_STATUS_ERROR)
		return r->failed ? -1 : xml_error(r, p);
	if (r->failed)
		return -1;
	if (st == XML_STATUS_SUSPENDED) {
		p->suspended = 1;
		return 1;
	}
	if (p->final_fed)
		p->done = 1;
	return !p->done;
}

static int part_parse_all(struct xlsx_reader *r, struct part *p)
{
	int st;
	while ((st = part_pump(r, p)) > 0)
		;
	return st;
}

/* --- workbook.xml and its relationships ------------------------------------------ */

static struct entry *push_entry(struct xlsx_reader *r, struct entry **v, size_t *n)
{
	struct entry *e;
	if (*n >= MAX_ENTRIES) {
		error("'%s': %s lists more than %d entries", r->base.in->name, r->p->path, MAX_ENTRIES);
		stop(r);
		return NULL;
	}
	if (!*n || (*n >= 8 && !(*n & (*n - 1))))
		*v = xrealloc(*v, st_mult(*n ? *n * 2 : 8, sizeof **v));
	e = &(*v)[(*n)++];
	memset(e, 0, sizeof *e);
	return e;
}

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	struct entry *e;
	const char *nm, *rid;
	if (!r->failed && !strcmp(local(name), "workbookPr")) {
		const char *v = attr(atts, "date1904", 0);
		r->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
		return;
	}
	if (r->failed || strcmp(local(name), "sheet"))
		return;
	nm = attr(atts, "name", 0);
	rid = attr(atts, "id", 1);
	if (!(e = push_entry(r, &r->sheets, &r->nsheets)))
		return;
	e->a = xstrdup(nm ? nm : "");
	e->b = xstrdup(rid ? rid : "");
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	struct entry *e;
	const char *id, *type, *target, *mode;
	if (r->failed || strcmp(local(name), "Relationship"))
		return;
	id = attr(atts, "Id", 0);
	type = attr(atts, "Type", 0);
	target = attr(atts, "Target", 0);
	mode = attr(atts, "TargetMode", 0);
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return;
	if (!(e = push_entry(r, &r->rels, &r->nrels)))
		return;
	e->a = xstrdup(id);
	e->b = xstrdup(type);
	e->c = xstrdup(target);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && !strcmp(s + n - k, tail);
}

/* The part a relationship of xl/workbook.xml points at, or NULL. */
static char *resolve(const char *target)
{
	struct buf b = BUF_INIT;
	const char *p = target, *q;
	size_t i;
	for (i = 0; target[i]; i++)
		if ((unsigned char)target[i] < 0x20 || target[i] == 0x7F || target[i] == '\\')
			return NULL;
	if (i > MAX_PART_NAME)
		return NULL;
	if (*p == '/')
		p++;
	else
		buf_adds(&b, "xl/");
	while (*p) {
		size_t n;
		q = strchr(p, '/');
		n = q ? (size_t)(q - p) : strlen(p);
		if ((n == 1 && p[0] == '.') || !n) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;
			if (b.len)
				b.ptr[b.len - 1] = 0;
			slash = strrchr(b.ptr, '/');
			buf_setlen(&b, slash ? (size_t)(slash - b.ptr) + 1 : 0);
		} else {
			buf_add(&b, p, n);
			if (q)
				buf_addch(&b, '/');
		}
		p = q ? q + 1 : p + n;
	}
	if (!b.len || b.ptr[b.len - 1] == '/') {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void free_entries(struct entry *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].a);
		free(v[i].b);
		free(v[i].c);
	}
	free(v);
}

/* Is the worksheet at 1-based position no, named name, the one --sheet
 * (sel: a name, or a number from 1) asks for? NULL asks for all. A name
 * wins: with by_name (a sheet is named sel), sel is no number. */
static int sheet_wanted(const char *sel, int by_name, size_t no, const char *name)
{
	char *end;
	unsigned long v;
	if (!sel || !strcmp(sel, name))
		return 1;
	if (by_name)
		return 0;
	errno = 0;
	v = strtoul(sel, &end, 10);
	return !errno && end != sel && !*end && v == no;
}

/* Finds the worksheets (those --sheet asks for), the shared strings and
 * the styles (NULL if the workbook's relationships name none); -1 after
 * an error. */
static int locate_parts(struct xlsx_reader *r, const char *sel, char **sst, char **styles)
{
	const char *name = r->base.in->name;
	size_t i, k, nworksheets = 0;
	int by_name = 0;
	*sst = *styles = NULL;
	for (i = 0; sel && i < r->nsheets; i++)
		by_name |= !strcmp(r->sheets[i].a, sel);
	for (k = 0; k < r->nrels && !*sst; k++)
		if (ends_with(r->rels[k].b, "/sharedStrings") && !(*sst = resolve(r->rels[k].c)))
			return error("'%s': xl/_rels/workbook.xml.rels names the shared strings by a bad part name",
				     name);
	for (k = 0; k < r->nrels && !*styles; k++)
		if (ends_with(r->rels[k].b, "/styles") && !(*styles = resolve(r->rels[k].c)))
			return error("'%s': xl/_rels/workbook.xml.rels names the styles by a bad part name",
				     name);
	for (i = 0; i < r->nsheets; i++)
		for (k = 0; k < r->nrels; k++) {
			struct ws *w;
			char *path;
			if (strcmp(r->sheets[i].b, r->rels[k].a) || !ends_with(r->rels[k].b, "/worksheet"))
				continue;
			if (!sheet_wanted(sel, by_name, ++nworksheets, r->sheets[i].a))
				break;
			if (!(path = resolve(r->rels[k].c)))
				return error("'%s': xl/_rels/workbook.xml.rels names worksheet %zu by a bad"
					     " part name", name, nworksheets);
			r->ws = xrealloc(r->ws, st_mult(r->nws + 1, sizeof *r->ws));
			w = &r->ws[r->nws++];
			w->path = path;
			w->name = xstrdup(r->sheets[i].a);
			w->base = 0;
			break;
		}
	if (!nworksheets)
		return error("'%s': the workbook has no worksheet", name);
	if (!r->nws)
		return error("'%s': no worksheet '%s' (there are %zu; --sheet takes a name or a"
			     " number from 1)", name, sel, nworksheets);
	return 0;
}

/* --- shared strings ----------------------------------------------------------------- */

static void add_text(struct xlsx_reader *r, const char *s, size_t n)
{
	if (r->text.len + n > r->base.max_field) {
		if (r->si_d) {
			error("'%s': a shared string is larger than the limit of %zu bytes (see --max-field)",
			      r->base.in->name, r->base.max_field);
			stop(r);
		} else
			row_error(r, 1, "value larger than the limit of %zu bytes (see --max-field)",
				  r->base.max_field);
		return;
	}
	buf_add(&r->text, s, n);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_reader *r = ud;
	if (r->failed || !(r->t_d || r->v_d) || len <= 0)
		return;
	add_text(r, s, (size_t)len);
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	(void)atts;
	r->depth++;
	if (r->failed)
		return;
	if (!r->si_d) {
		if (!strcmp(l, "si")) {
			r->si_d = r->depth;
			buf_reset(&r->text);
		}
	} else if (!r->rph_d && !strcmp(l, "rPh"))
		r->rph_d = r->depth;
	else if (!r->rph_d && !r->t_d && !strcmp(l, "t"))
		r->t_d = r->depth;
}

/* The end handlers' common part: the depth goes down; an element closing
 * a <t> or a phonetic <rPh> run (in a shared string and in a cell alike)
 * is done with here. 1 when nothing is left to do. */
static int end_common(struct xlsx_reader *r, unsigned *d)
{
	*d = r->depth--;
	if (r->failed)
		return 1;
	if (*d == r->t_d) {
		r->t_d = 0;
		return 1;
	}
	if (*d == r->rph_d) {
		r->rph_d = 0;
		return 1;
	}
	return 0;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	unsigned d;
	(void)name;
	if (end_common(r, &d))
		return;
	if (d == r->si_d) {
		r->si_d = 0;
		add_decoded(&r->sst, r->text.ptr, r->text.len);
		if (r->nsst == r->capsst) {
			r->capsst = r->capsst ? r->capsst * 2 : 256;
			r->sst_end = xrealloc(r->sst_end, st_mult(r->capsst, sizeof *r->sst_end));
		}
		r->sst_end[r->nsst++] = r->sst.len;
		if (st_add(r->sst.len, st_mult(r->nsst, sizeof *r->sst_end)) > r->sst_limit) {
			error("'%s': the shared strings table is larger than the limit of %zu bytes"
			      " (%d times --max-field)", r->base.in->name, r->sst_limit, XLSX_SST_FACTOR);
			stop(r);
		}
	}
}

/* --- styles: which cell formats show dates ---------------------------------------------- */

/* A decimal number up to max; -1 if s is not one. */
static long parse_uint(const char *s, unsigned long max)
{
	unsigned long v = 0;
	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > max)
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	return v > max ? -1 : (long)v;
}

static int prefix_nocase(const char *s, const char *lower)
{
	for (; *lower; s++, lower++)
		if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *lower)
			return 0;
	return 1;
}

/*
 * What a format code shows a number as: a date when its first section
 * (the one for positive numbers) has a day, month or year token, with the
 * time of day when it has hours or seconds as well. Quoted text, \x, _x
 * and *x are no tokens, nor is what is in brackets ([Red], [<100],
 * [$-422]) except elapsed time ([h], [mm], [ss]), which is never a date.
 * m is a month, unless hours or seconds are there too (then it is taken
 * for minutes: "h:mm" and "mm:ss" are times of day, not dates).
 */
static enum num_show format_show(const char *code)
{
	int d = 0, m = 0, y = 0, hs = 0;
	const char *p = code, *q;
	while (*p && *p != ';') {
		if (*p == '"') {
			if (!(q = strchr(p + 1, '"')))
				break;
			p = q + 1;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			p += p[1] ? 2 : 1;
		} else if (*p == '[') {
			if (!(q = strchr(p, ']')))
				break;
			if (q > p + 1 && strspn(p + 1, "hHmMsS") == (size_t)(q - p - 1))
				hs = 1;
			p = q + 1;
		} else if (prefix_nocase(p, "am/pm") || prefix_nocase(p, "a/p")) {
			hs = 1;
			p += p[1] == '/' ? 3 : 5;
		} else {
			switch (*p | 0x20) {
			case 'd': d = 1; break;
			case 'y': y = 1; break;
			case 'm': m = 1; break;
			case 'h': case 's': hs = 1; break;
			default: break;
			}
			p++;
		}
	}
	if (!d && !y && !(m && !hs))
		return SHOW_NUMBER;
	return hs ? SHOW_DATETIME : SHOW_DATE;
}

/* Excel's built-in formats that show dates: 14-17 (d/m/y, d-mmm-yy,
 * d-mmm, mmm-yy in the user's locale) and 22 (date and time). The rest
 * are numbers, or times of day (18-21, 45-47) which znes leaves as
 * numbers; the East Asian ids (27-36, 50-58) are not interpreted. */
static enum num_show builtin_show(unsigned long id)
{
	if (id >= 14 && id <= 17)
		return SHOW_DATE;
	return id == 22 ? SHOW_DATETIME : SHOW_NUMBER;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	unsigned d = ++r->depth;
	long id;
	if (r->failed)
		return;
	if (d == 2 && !strcmp(l, "numFmts"))
		r->numfmts_d = d;
	else if (d == 2 && !strcmp(l, "cellXfs"))
		r->cellxfs_d = d;
	else if (d == 3 && r->numfmts_d && !strcmp(l, "numFmt")) {
		const char *code = attr(atts, "formatCode", 0);
		if ((id = parse_uint(attr(atts, "numFmtId", 0), 0xFFFFFFFFul)) < 0 || !code)
			return;
		if (r->nfmts >= MAX_XFS) {
			error("'%s': %s lists more than %d number formats", r->base.in->name, r->p->path, MAX_XFS);
			stop(r);
			return;
		}
		if (!r->nfmts || (r->nfmts >= 8 && !(r->nfmts & (r->nfmts - 1))))
			r->fmts = xrealloc(r->fmts, st_mult(r->nfmts ? r->nfmts * 2 : 8, sizeof *r->fmts));
		r->fmts[r->nfmts].id = (unsigned)id;
		r->fmts[r->nfmts++].show = (unsigned char)format_show(code);
	} else if (d == 3 && r->cellxfs_d && !strcmp(l, "xf")) {
		if (r->nxf >= MAX_XFS) {
			error("'%s': %s lists more than %d cell formats", r->base.in->name, r->p->path, MAX_XFS);
			stop(r);
			return;
		}
		id = parse_uint(attr(atts, "numFmtId", 0), 0xFFFFFFFFul);
		if (!r->nxf || (r->nxf >= 8 && !(r->nxf & (r->nxf - 1))))
			r->xf_fmt = xrealloc(r->xf_fmt, st_mult(r->nxf ? r->nxf * 2 : 8, sizeof *r->xf_fmt));
		r->xf_fmt[r->nxf++] = id < 0 ? 0 : (unsigned)id;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	unsigned d = r->depth--;
	(void)name;
	if (d == r->numfmts_d)
		r->numfmts_d = 0;
	else if (d == r->cellxfs_d)
		r->cellxfs_d = 0;
}

/* What each cell format shows; a number format of the file's own under a
 * built-in id replaces the built-in one (the last of the same id wins). */
static void styles_resolve(struct xlsx_reader *r)
{
	size_t i, k;
	r->xf_show = xcalloc(r->nxf ? r->nxf : 1, 1);
	for (i = 0; i < r->nxf; i++) {
		enum num_show show = builtin_show(r->xf_fmt[i]);
		for (k = r->nfmts; k-- > 0;)
			if (r->fmts[k].id == r->xf_fmt[i]) {
				show = (enum num_show)r->fmts[k].show;
				break;
			}
		r->xf_show[i] = (unsigned char)show;
	}
}

#define DAYS_1899_12_30 (-25569LL)   /* day 0 of the 1900 system (from serial 61) */
#define DAYS_1904_01_01 (-24107LL)   /* day 0 of the 1904 system */
#define XLSX_1904_SHIFT 1462         /* serial in 1900 = serial in 1904 + this */

/*
 * The date (dd.mm.yyyy) or date and time (dd.mm.yyyy hh:mm) a date cell
 * holding the number v shows, into out (at least 17 bytes); its length,
 * or 0 when Excel would show no date (before day 1, after 9999, not a
 * number): such a cell stays a number. The time is rounded to the second,
 * then shown without the seconds, as Excel does. The 1900 system keeps
 * Lotus's mistake: serial 60 is 29.02.1900, a day that never was, and
 * serials 1-59 are one day later than the count from 30.12.1899 says.
 */
static size_t excel_date(double v, int date1904, int with_time, char *out)
{
	long long days, secs, y;
	unsigned m, d;
	int n;
	if (!(v >= 0 && v < 2958466.0 + 1462))
		return 0;
	secs = (long long)(v * 86400.0 + 0.5);
	days = secs / 86400;
	secs %= 86400;
	if (date1904)
		civil_from_days(DAYS_1904_01_01 + days, &y, &m, &d);
	else if (days < 1)
		return 0;
	else if (days == 60) {
		y = 1900;
		m = 2;
		d = 29;
	} else
		civil_from_days(DAYS_1899_12_30 + days + (days < 60), &y, &m, &d);
	if (y > 9999)
		return 0;
	n = snprintf(out, 17, "%02u.%02u.%04lld", d, m, y);
	if (with_time)
		n += snprintf(out + n, (size_t)(17 - n), " %02lld:%02lld", secs / 3600, secs % 3600 / 60);
	return (size_t)n;
}

/* --- the sheet ---------------------------------------------------------------------- */

/* Parses a row number; 0 if s is not one. */
static unsigned long parse_row(const char *s)
{
	unsigned long v = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > XLSX_MAX_ROWS)
			return 0;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	return v;
}

static void begin_row(struct xlsx_reader *r, const XML_Char **atts)
{
	const char *ref = attr(atts, "r", 0);
	unsigned long n = ref ? parse_row(ref) : r->last_row + 1;
	r->row = ref ? n : r->last_row + 1;
	if (!n || n > XLSX_MAX_ROWS) {
		r->row = r->last_row + 1;
		row_error(r, 0, "bad row number (Excel's rows are 1 to %lu)", XLSX_MAX_ROWS);
		return;
	}
	if (n <= r->last_row) {
		row_error(r, 0, "rows out of order (row %lu comes after row %lu)", n, r->last_row);
		return;
	}
	r->next_col = 0;
}

static void begin_cell(struct xlsx_reader *r, const XML_Char **atts)
{
	const char *ref = attr(atts, "r", 0), *t = attr(atts, "t", 0), *sx = attr(atts, "s", 0);
	unsigned col = r->next_col;
	long xf = parse_uint(sx, MAX_XFS);
	r->cell_col = col;
	r->cell_xf = xf < 0 ? 0 : (unsigned long)xf;   /* no (or a bad) s: the default format */
	if (ref) {
		const char *s = ref;
		unsigned long c = 0;
		while (*s >= 'A' && *s <= 'Z' && c <= XLSX_MAX_COLS)
			c = c * 26 + (unsigned long)(*s++ - 'A' + 1);
		if (!c || c > XLSX_MAX_COLS || s - ref > 3 || parse_row(s) != r->row) {
			row_error(r, 0, "bad cell reference (not a column A to XFD in this row)");
			return;
		}
		col = (unsigned)(c - 1);
		r->cell_col = col;
		if (col < r->next_col) {
			row_error(r, 1, "cells out of order (this column comes after a later one)");
			return;
		}
	} else if (col >= XLSX_MAX_COLS) {
		row_error(r, 0, "more than %u cells in a row", XLSX_MAX_COLS);
		return;
	}
	if (!t || !strcmp(t, "n"))
		r->ctype = CT_NUM;
	else if (!strcmp(t, "s"))
		r->ctype = CT_SST;
	else if (!strcmp(t, "inlineStr"))
		r->ctype = CT_INLINE;
	else if (!strcmp(t, "str"))
		r->ctype = CT_STR;
	else if (!strcmp(t, "b"))
		r->ctype = CT_BOOL;
	else if (!strcmp(t, "e"))
		r->ctype = CT_ERR;
	else if (!strcmp(t, "d"))
		r->ctype = CT_DATE;
	else {
		row_error(r, 1, "unknown cell type");
		return;
	}
	buf_reset(&r->text);
}

/* Adds an empty field for each column before col that has no cell. */
static void pad_to(struct xlsx_reader *r, size_t col)
{
	struct record *rec = r->cur;
	while (rec->nf < col) {
		struct field *f = record_add_field(rec);
		f->col = r->ws[r->cur_ws].base + (unsigned)(rec->nf - 1);
		f->line = r->row;
		f->kind = FIELD_TEXT;
		f->raw_off = r->vals.len;
	}
}

/*
 * A number cell whose format shows a date: its value becomes the date as
 * Excel shows it, appended to r->vals after the number; raw_off/raw_len
 * keep the number (the writer writes it back as a date) and val.len the
 * date's length until end_row points val at it. A number that shows no
 * date (out of Excel's range, not a number) stays a number.
 */
static void add_date(struct xlsx_reader *r, struct field *f)
{
	char tmp[64], date[17], *end;
	double v;
	size_t n;
	if (r->text.len >= sizeof tmp)
		return;
	memcpy(tmp, r->text.ptr, r->text.len);
	tmp[r->text.len] = 0;
	errno = 0;
	v = strtod(tmp, &end);
	if (errno || *end || end == tmp)
		return;
	n = excel_date(v, r->date1904, r->xf_show[r->cell_xf] == SHOW_DATETIME, date);
	if (!n)
		return;
	buf_add(&r->vals, date, n);
	f->kind = FIELD_DATE;
	f->val.len = n;
}

static void end_cell(struct xlsx_reader *r)
{
	struct field *f;
	size_t start;
	pad_to(r, r->cell_col);
	f = record_add_field(r->cur);
	f->col = r->ws[r->cur_ws].base + r->cell_col;
	f->line = r->row;
	f->kind = FIELD_TEXT;
	start = f->raw_off = r->vals.len;
	switch (r->ctype) {
	case CT_SST: {
		unsigned long long i = 0;
		size_t k, b;
		for (k = 0; k < r->text.len; k++) {
			char c = r->text.ptr[k];
			if (c < '0' || c > '9' || i > r->nsst) {
				i = (unsigned long long)r->nsst;
				break;
			}
			i = i * 10 + (unsigned)(c - '0');
		}
		if (!r->text.len || i >= r->nsst) {
			row_error(r, 1, "shared string index out of range (the table has %zu)", r->nsst);
			return;
		}
		b = i ? r->sst_end[i - 1] : 0;
		buf_add(&r->vals, r->sst.ptr + b, r->sst_end[i] - b);
		break;
	}
	case CT_INLINE:
	case CT_STR:
		add_decoded(&r->vals, r->text.ptr, r->text.len);
		break;
	case CT_BOOL:
		if (r->text.len) {
			int on = r->text.len == 1 && r->text.ptr[0] == '1';
			if (!on && !(r->text.len == 1 && r->text.ptr[0] == '0')) {
				row_error(r, 1, "a boolean cell holds neither 0 nor 1");
				return;
			}
			buf_adds(&r->vals, on ? "TRUE" : "FALSE");
			f->kind = FIELD_LITERAL;
		}
		break;
	case CT_ERR:
		buf_add(&r->vals, r->text.ptr, r->text.len);
		f->kind = r->text.len ? FIELD_LITERAL : FIELD_TEXT;
		break;
	case CT_NUM:
		buf_add(&r->vals, r->text.ptr, r->text.len);
		f->kind = r->text.len ? FIELD_NUMBER : FIELD_TEXT;
		if (r->text.len && r->cell_xf < r->nxf && r->xf_show[r->cell_xf] != SHOW_NUMBER)
			add_date(r, f);
		break;
	case CT_DATE:
		buf_add(&r->vals, r->text.ptr, r->text.len);
		break;
	}
	f->raw_len = r->vals.len - start - (f->kind == FIELD_DATE ? f->val.len : 0);
	if (f->raw_len > r->base.max_field) {
		row_error(r, 1, "value larger than the limit of %zu bytes (see --max-field)",
			  r->base.max_field);
		return;
	}
	r->next_col = r->cell_col + 1;
}

/* A column's name: its header, after its sheet's name when there are
 * several ("Лист2: Телефон"). */
static void name_column(struct xlsx_reader *r, unsigned col, const char *s, size_t n)
{
	if (r->nws < 2) {
		columns_set(&r->base.cols, col, s, n);
		return;
	}
	buf_reset(&r->line);
	buf_adds(&r->line, r->ws[r->cur_ws].name);
	buf_adds(&r->line, ": ");
	buf_add(&r->line, s, n);
	columns_set(&r->base.cols, col, r->line.ptr, r->line.len);
}

static void end_row(struct xlsx_reader *r)
{
	struct record *rec = r->cur;
	size_t i;
	if (!rec->nf)
		rec->kind = REC_GLUE;   /* a row without cells (formatting only) */
	else if (r->header_pending) {
		r->header_pending = 0;
		rec->kind = REC_HEADER;
		r->header_cols = rec->nf;
	} else {
		pad_to(r, r->header_cols);
		rec->kind = REC_DATA;
		rec->index = r->index++;
	}
	for (i = 0; i < rec->nf; i++) {
		struct field *f = &rec->f[i];
		if (f->kind == FIELD_DATE) {   /* the date follows the number (add_date) */
			f->val.ptr = r->vals.ptr + f->raw_off + f->raw_len;
			continue;
		}
		f->val.ptr = r->vals.ptr + f->raw_off;
		f->val.len = f->raw_len;
	}
	if (rec->kind == REC_HEADER)
		for (i = 0; i < rec->nf; i++)
			name_column(r, rec->f[i].col, rec->f[i].val.ptr, rec->f[i].val.len);
	if (rec->nf > r->col_max)
		r->col_max = (unsigned)rec->nf;
	rec->part = (unsigned)r->cur_ws;
	rec->raw.ptr = r->vals.ptr;
	rec->raw.len = r->vals.len;
	rec->line = r->row;
	r->last_row = r->row;
	r->row_ready = 1;
	XML_StopParser(r->sheet.xp, XML_TRUE);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	unsigned d = ++r->depth;
	if (r->failed)
		return;
	if (!r->data_d) {
		if (!strcmp(l, "sheetData"))
			r->data_d = d;
	} else if (!r->row_d) {
		if (d == r->data_d + 1 && !strcmp(l, "row")) {
			r->row_d = d;
			begin_row(r, atts);
		}
	} else if (!r->c_d) {
		if (d == r->row_d + 1 && !strcmp(l, "c")) {
			r->c_d = d;
			begin_cell(r, atts);
		}
	} else if (d == r->c_d + 1) {
		if (!strcmp(l, "v"))
			r->v_d = d;
		else if (!strcmp(l, "is"))
			r->is_d = d;
	} else if (r->is_d && !r->rph_d && !r->t_d) {
		if (!strcmp(l, "rPh"))
			r->rph_d = d;
		else if (!strcmp(l, "t"))
			r->t_d = d;
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	unsigned d;
	(void)name;
	if (end_common(r, &d))
		return;
	if (d == r->v_d)
		r->v_d = 0;
	else if (d == r->is_d)
		r->is_d = 0;
	else if (d == r->c_d) {
		r->c_d = 0;
		end_cell(r);
	} else if (d == r->row_d) {
		r->row_d = 0;
		end_row(r);
	} else if (d == r->data_d)
		r->data_d = 0;
}

/* Opens worksheet r->cur_ws for reading, its parse state fresh; -1 after
 * an error. */
static int open_sheet(struct xlsx_reader *r)
{
	const struct ws *w = &r->ws[r->cur_ws];
	int rc;
	/* (part_open resets the parse depths) */
	r->header_pending = !r->no_header;
	r->header_cols = 0;
	r->last_row = 0;
	r->col_max = 0;
	rc = part_open(r, &r->sheet, w->path, P_SHEET);
	if (rc == 1)
		error("'%s': not an Excel workbook: the archive has no %s", r->base.in->name, w->path);
	if (rc)
		r->failed = 1;
	return rc ? -1 : 0;
}

/* The sheet after the one just read: its columns after the last one's. */
static int next_sheet(struct xlsx_reader *r)
{
	unsigned base = r->ws[r->cur_ws].base + r->col_max;
	part_close(&r->sheet);
	r->p = NULL;
	r->ws[++r->cur_ws].base = base;
	return open_sheet(r);
}

static int xlsx_next(struct reader *rd, struct record *rec)
{
	struct xlsx_reader *r = (struct xlsx_reader *)rd;
	rec->nf = 0;
	rec->changed = 0;
	rec->part = 0;
	buf_reset(&r->vals);
	r->cur = rec;
	r->row_ready = 0;
	r->row = 0;
	if (r->failed)
		return RD_ERR;
	while (!r->row_ready) {
		int st = part_pump(r, &r->sheet);
		if (st < 0 || r->failed)
			return RD_ERR;
		if (!st && !r->row_ready) {
			if (r->cur_ws + 1 >= r->nws)
				return RD_EOF;
			if (next_sheet(r) < 0)
				return RD_ERR;
		}
	}
	return RD_OK;
}

/* --- writing -------------------------------------------------------------------- */

static int start_workbook(struct xlsx_reader *r, struct output *out)
{
	char *dir = NULL;
	if (!out->path && isatty(out->fd))
		return error("refusing to write an Excel workbook to a terminal;"
			     " use -o FILE.xlsx or --output-format csv");
	if (out->path) {
		const char *slash = strrchr(out->path, '/');
		dir = slash ? xmemdup(out->path, (size_t)(slash - out->path) + (slash == out->path))
			    : xstrdup(".");
	}
	r->w = xlsx_out_new(dir);
	free(dir);
	return r->w ? 0 : -1;
}

/* Starts the worksheets up to sheet `part` (empty ones keep their names). */
static int sheets_up_to(struct xlsx_reader *r, size_t part)
{
	while (r->w_ws <= part)
		if (xlsx_out_sheet(r->w, r->ws[r->w_ws++].name) < 0)
			return -1;
	return 0;
}

/* An unchanged number cell's value, if it reads back as the same number. */
static int as_number(struct view v, double *d)
{
	char tmp[64], *end;
	if (!v.len || v.len >= sizeof tmp)
		return 0;
	memcpy(tmp, v.ptr, v.len);
	tmp[v.len] = 0;
	errno = 0;
	*d = strtod(tmp, &end);
	return !errno && *end == 0 && *d == *d && *d - *d == 0;
}

static int write_csv(struct xlsx_reader *r, struct output *out, const struct record *rec)
{
	size_t i, k;
	buf_reset(&r->line);
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		struct view v = f->changed ? f->nval : f->val;
		int quote = 0;
		if (i)
			buf_addch(&r->line, r->delim);
		for (k = 0; k < v.len && !quote; k++)
			quote = v.ptr[k] == (char)r->delim || v.ptr[k] == '"' || v.ptr[k] == '\r' ||
				v.ptr[k] == '\n';
		if (!quote) {
			buf_add(&r->line, v.ptr, v.len);
			continue;
		}
		buf_addch(&r->line, '"');
		for (k = 0; k < v.len; k++) {
			if (v.ptr[k] == '"')
				buf_addch(&r->line, '"');
			buf_addch(&r->line, v.ptr[k]);
		}
		buf_addch(&r->line, '"');
	}
	buf_addch(&r->line, '\n');
	return output_write(out, r->line.ptr, r->line.len);
}

static int xlsx_write(struct reader *rd, struct output *out, const struct record *rec)
{
	struct xlsx_reader *r = (struct xlsx_reader *)rd;
	unsigned long row = rec->line - 1;
	size_t i;
	if (rec->kind == REC_GLUE)
		return 0;
	if (rd->out_format == FMT_CSV)
		return write_csv(r, out, rec);
	if (!r->w && start_workbook(r, out) < 0)
		return -1;
	if (sheets_up_to(r, rec->part) < 0)
		return -1;
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		struct view v = f->changed ? f->nval : f->val;
		unsigned col = f->col - r->ws[rec->part].base;
		double d;
		int rc;
		if (!v.len)
			continue;
		if (!f->changed && f->kind == FIELD_NUMBER && as_number(v, &d))
			rc = xlsx_out_number(r->w, row, col, d);
		else if (!f->changed && f->kind == FIELD_DATE &&
			 as_number((struct view){ rec->raw.ptr + f->raw_off, f->raw_len }, &d))
			/* the output is in the 1900 system, as libxlsxwriter writes */
			rc = xlsx_out_date(r->w, row, col, r->date1904 ? d + XLSX_1904_SHIFT : d,
					   v.len > 10);
		else if (!f->changed && f->kind == FIELD_LITERAL &&
			 ((v.len == 4 && !memcmp(v.ptr, "TRUE", 4)) || (v.len == 5 && !memcmp(v.ptr, "FALSE", 5))))
			rc = xlsx_out_bool(r->w, row, col, v.len == 4);
		else
			rc = xlsx_out_string(r->w, row, col, v.ptr, v.len);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int xlsx_finish(struct reader *rd, struct output *out)
{
	struct xlsx_reader *r = (struct xlsx_reader *)rd;
	int rc;
	if (rd->out_format == FMT_CSV)
		return 0;
	if (!r->w && start_workbook(r, out) < 0)
		return -1;
	/* every worksheet read is written, the empty ones too */
	if (sheets_up_to(r, r->nws - 1) < 0)
		return -1;
	rc = xlsx_out_finish(r->w, out);
	xlsx_out_free(r->w);
	r->w = NULL;
	return rc;
}

/* --- life cycle ------------------------------------------------------------------ */

static void xlsx_reader_free(struct reader *rd)
{
	struct xlsx_reader *r = (struct xlsx_reader *)rd;
	size_t i;
	part_close(&r->sheet);
	if (r->za)
		zip_discard(r->za);
	free_entries(r->sheets, r->nsheets);
	free_entries(r->rels, r->nrels);
	xlsx_out_free(r->w);
	free(r->sst_end);
	for (i = 0; i < r->nws; i++) {
		free(r->ws[i].path);
		free(r->ws[i].name);
	}
	free(r->ws);
	free(r->xf_fmt);
	free(r->xf_show);
	free(r->fmts);
	buf_release(&r->sst);
	buf_release(&r->text);
	buf_release(&r->vals);
	buf_release(&r->line);
	buf_release(&rd->colname_tmp);
	columns_release(&rd->cols);
	free(r);
}

static const struct reader_ops xlsx_ops = { "xlsx", xlsx_next, xlsx_write, xlsx_reader_free,
					     NULL, NULL };

/* Parses a whole part; a missing one is an error when required. */
static int read_part(struct xlsx_reader *r, const char *path, enum part_kind kind, int required)
{
	struct part p;
	int rc = part_open(r, &p, path, kind);
	if (rc == 1 && required) {
		rc = error("'%s': not an Excel workbook: the archive has no %s", r->base.in->name, path);
		r->failed = 1;
	} else if (rc == 0)
		rc = part_parse_all(r, &p);
	part_close(&p);
	r->p = NULL;
	return rc < 0 ? -1 : 0;
}

struct reader *xlsx_reader_new(struct input *in, const struct read_opts *opts)
{
	struct xlsx_reader *r = xcalloc(1, sizeof *r);
	char *sst = NULL, *styles = NULL;
	int fd, zerr = 0;
	r->base.ops = &xlsx_ops;
	r->base.in = in;
	r->base.max_field = opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	r->base.finish = xlsx_finish;
	buf_init(&r->base.colname_tmp, 0);
	columns_init(&r->base.cols);
	buf_init(&r->sst, 0);
	buf_init(&r->text, 0);
	buf_init(&r->vals, 0);
	buf_init(&r->line, 0);
	r->sst_limit = r->base.max_field > SIZE_MAX / XLSX_SST_FACTOR ? SIZE_MAX
		: r->base.max_field * XLSX_SST_FACTOR;
	r->no_header = opts->no_header;
	r->delim = (unsigned char)(opts->delimiter ? opts->delimiter : ',');
	if (!in->zip) {
		struct view h = input_head(in);
		if (h.len >= 4 && !memcmp(h.ptr, "\xD0\xCF\x11\xE0", 4))
			error("'%s' is not an .xlsx workbook but an OLE2 file: an old .xls or a"
			      " password-protected workbook (save it as .xlsx without a password)", in->name);
		else
			error("'%s' is not an .xlsx workbook (no zip signature)", in->name);
		goto fail;
	}
	if ((fd = input_spool(in)) < 0)
		goto fail;
	if (!(r->za = zip_fdopen(fd, 0, &zerr))) {
		zip_error_t e;
		close(fd);
		zip_error_init_with_code(&e, zerr);
		error("'%s': corrupt or unreadable zip archive: %s", in->name, zip_error_strerror(&e));
		zip_error_fini(&e);
		goto fail;
	}
	if (read_part(r, "xl/workbook.xml", P_WORKBOOK, 1) < 0 ||
	    read_part(r, "xl/_rels/workbook.xml.rels", P_RELS, 1) < 0 ||
	    locate_parts(r, opts->sheet, &sst, &styles) < 0)
		goto fail;
	r->base.parts = r->nws;
	if (sst && read_part(r, sst, P_SST, 1) < 0)
		goto fail;
	/* Styles only tell which numbers are dates: a workbook without them
	 * (not written by Excel) has none. */
	if (read_part(r, styles ? styles : "xl/styles.xml", P_STYLES, styles != NULL) < 0)
		goto fail;
	styles_resolve(r);
	if (open_sheet(r) < 0)
		goto fail;
	free(sst);
	free(styles);
	buf_release(&r->text);
	buf_init(&r->text, 0);
	return &r->base;
fail:
	free(sst);
	free(styles);
	xlsx_reader_free(&r->base);
	return NULL;
}
