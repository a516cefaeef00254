/*
 * reader.c — choosing a reader and the column table shared by all of them.
 * Format detection looks at the name first (.csv .tsv .json .geojson
 * .jsonl .ndjson .xlsx .xlsm), then at the bytes of the look-ahead: a zip
 * signature is an Excel workbook, JSON starts with `[` or `{`, and a `{`
 * value followed by another value on its own line is JSON Lines;
 * everything else is CSV.
 */
#include "scanner/reader.h"
#include "scanner/i18n.h"
#include "scanner/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void columns_init(struct columns *c)
{
	memset(c, 0, sizeof *c);
	strmap_init(&c->index);
}

void columns_release(struct columns *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	strmap_release(&c->index);
	memset(c, 0, sizeof *c);
}

static void columns_reserve(struct columns *c, size_t n)
{
	if (n <= c->cap)
		return;
	c->cap = n < 16 ? 16 : n;
	if (c->cap < st_mult(c->n, 2))
		c->cap = st_mult(c->n, 2);
	c->name = xrealloc(c->name, st_mult(c->cap, sizeof *c->name));
}

unsigned columns_intern(struct columns *c, const char *name, size_t len)
{
	int id = strmap_get(&c->index, name, len);
	if (id >= 0)
		return (unsigned)id;
	columns_reserve(c, c->n + 1);
	c->name[c->n] = xmemdup(name, len);
	strmap_put(&c->index, name, len, (int)c->n);
	return (unsigned)c->n++;
}

void columns_set(struct columns *c, unsigned id, const char *name, size_t len)
{
	columns_reserve(c, (size_t)id + 1);
	while (c->n <= id)
		c->name[c->n++] = NULL;
	free(c->name[id]);
	c->name[id] = xmemdup(name, len);
	if (strmap_get(&c->index, name, len) < 0)
		strmap_put(&c->index, name, len, (int)id);
}

const char *reader_colname(struct reader *rd, unsigned col)
{
	if (col < rd->cols.n && rd->cols.name[col])
		return rd->cols.name[col];
	buf_reset(&rd->colname_tmp);
	buf_addf(&rd->colname_tmp, "#%u", col + 1);
	return rd->colname_tmp.ptr;
}

int format_parse(const char *s, enum format *f)
{
	if (!strcmp(s, "auto"))
		*f = FMT_AUTO;
	else if (!strcmp(s, "csv") || !strcmp(s, "tsv"))
		*f = FMT_CSV;
	else if (!strcmp(s, "json") || !strcmp(s, "geojson"))
		*f = FMT_JSON;
	else if (!strcmp(s, "jsonl") || !strcmp(s, "ndjson"))
		*f = FMT_JSONL;
	else if (!strcmp(s, "xlsx"))
		*f = FMT_XLSX;
	else
		return -1;
	return 0;
}

enum format format_from_name(const char *path)
{
	const char *dot;
	if (!path)
		return FMT_AUTO;
	dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return FMT_AUTO;
	dot++;
	if (!strcasecmp(dot, "csv") || !strcasecmp(dot, "tsv") || !strcasecmp(dot, "txt"))
		return FMT_CSV;
	if (!strcasecmp(dot, "json") || !strcasecmp(dot, "geojson"))
		return FMT_JSON;
	if (!strcasecmp(dot, "jsonl") || !strcasecmp(dot, "ndjson"))
		return FMT_JSONL;
	if (!strcasecmp(dot, "xlsx") || !strcasecmp(dot, "xlsm"))
		return FMT_XLSX;
	return FMT_AUTO;
}

const char *format_name(enum format f)
{
	switch (f) {
	case FMT_CSV: return "csv";
	case FMT_JSON: return "json";
	case FMT_JSONL: return "jsonl";
	case FMT_XLSX: return "xlsx";
	default: return "auto";
	}
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/*
 * A look-ahead that starts with `{` is JSON Lines when, after the first
 * line that ends in `}`, the next non-blank line starts with `{` again: a
 * pretty-printed single object cannot do that (its members are separated
 * by commas and it closes once).
 */
enum format format_sniff(const char *s, size_t n)
{
	size_t i = skip_ws(s, n, 0);
	if (n >= 4 && !memcmp(s, "PK\3\4", 4))
		return FMT_XLSX;
	if (i < n && s[i] == '[')
		return FMT_JSON;
	if (i < n && s[i] == '{') {
		const char *nl = memchr(s + i, '\n', n - i);
		while (nl) {
			size_t e = (size_t)(nl - s), b = e;
			while (b > i && (s[b - 1] == '\r' || s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (b > i && s[b - 1] == '}') {
				size_t j = skip_ws(s, n, e + 1);
				if (j < n && s[j] == '{')
					return FMT_JSONL;
			}
			if (b > i && s[b - 1] == ',')
				return FMT_JSON;
			nl = memchr(nl + 1, '\n', n - e - 1);
		}
		return FMT_JSON;
	}
	return FMT_CSV;
}

struct reader *reader_open(struct input *in, const struct read_opts *opts)
{
	struct read_opts o = *opts;
	if (!o.max_field)
		o.max_field = DEFAULT_MAX_FIELD;
	if (o.format == FMT_AUTO && strcmp(in->name, "<stdin>"))
		o.format = format_from_name(in->name);
	if (o.format == FMT_AUTO || (o.format == FMT_JSON && !opts->format)) {
		/* A .json file holding JSON Lines is common: trust the bytes. */
		struct view h = input_head(in);
		enum format sniffed = format_sniff(h.ptr, h.len);
		if (o.format == FMT_AUTO || sniffed == FMT_JSONL)
			o.format = sniffed;
	}
	if (o.sheet && o.format != FMT_XLSX) {
		error("--sheet is for Excel workbooks, and '%s' is read as %s", in->name,
		      format_name(o.format));
		return NULL;
	}
	switch (o.format) {
	case FMT_JSON:
		return json_reader_new(in, &o, 0);
	case FMT_JSONL:
		return json_reader_new(in, &o, 1);
	case FMT_XLSX:
		return xlsx_reader_new(in, &o);
	default:
		return csv_reader_new(in, &o);
	}
}

int reader_set_output(struct reader *rd, enum format f)
{
	const char *in = rd->ops->name;
	/* one CSV cannot hold several sheets: refused before anything is written */
	if (f == FMT_CSV && rd->parts > 1)
		return error("'%s' has %zu worksheets and a CSV holds one: choose one with --sheet,"
			     " or write .xlsx", rd->in->name, rd->parts);
	if (f == FMT_AUTO || !strcmp(format_name(f), in) ||
	    (f == FMT_CSV && !strcmp(in, "xlsx"))) {
		rd->out_format = f;
		return 0;
	}
	return error("--output-format %s: a %s input is written as %s%s", format_name(f), in, in,
		     strcmp(in, "xlsx") ? "" : _(" or csv"));
}

void reader_free(struct reader *rd)
{
	if (rd)
		rd->ops->free(rd);
}
