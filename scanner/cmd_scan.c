/*
 * cmd_scan.c — `znes scan`: read datasets and report what personal data is
 * where — per column, the category, how many values hold it, their share
 * of the column's non-empty values and masked examples — without writing
 * data. `--format json` gives the same as one JSON document; `--format
 * jsonl` streams one line per finding (record, line, field, byte span,
 * category, rule, confidence; never the value), for evaluation and tools;
 * `--format html` renders the JSON document as one self-contained page
 * (scanner/report_html.h).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus/link.h"
#include "filters/mask.h"
#include "rules/detect.h"
#include "scanner/cli.h"
#include "scanner/i18n.h"
#include "scanner/report_html.h"
#include "scanner/unicode.h"

static const char scan_help[] = N_(
	"usage: znes scan [options] [FILE...]\n"
	"\n"
	"Reports, per column, which kinds of personal data each FILE holds\n"
	"(stdin when no FILE or '-'), with masked examples. FILE is CSV, JSON, JSON\n"
	"Lines or an Excel workbook (.xlsx: every worksheet, or --sheet; LINE is\n"
	"the row).\n"
	"Exit status: 0 nothing found, 1 personal data found, 2 error.\n"
	"\n"
	"options:\n"
	"  --format FMT        report as text (default), json, jsonl (one line per\n"
	"                      finding), sarif (SARIF 2.1.0, for CI systems) or html\n"
	"                      (one self-contained page in Ukrainian, with charts);\n"
	"                      the input's format is --input-format\n"
	"  --db FILE           add the linkage summary against this index of published\n"
	"                      datasets (znes corpus, znes link; k = 5)\n"
	"%s"
	"  -h, --help          show this help\n"
	"\n"
	"examples:\n"
	"  znes scan register.csv\n"
	"  znes scan --encoding windows-1251 --delimiter ';' export.csv\n"
	"  znes scan --format json *.csv > report.json\n"
	"  znes scan register.xlsx\n");

enum report_fmt { REPORT_TEXT, REPORT_JSON, REPORT_JSONL, REPORT_SARIF, REPORT_HTML };

#define MAX_EXAMPLES 3

struct catrep {
	unsigned long count;
	char *ex[MAX_EXAMPLES];
	int nex;
};

struct colrep {
	unsigned long nonempty;
	struct catrep *cat;
};

struct scan_stage {
	struct detector det;
	enum report_fmt fmt;
	const char *name;
	struct colrep *col;
	size_t ncol;
	unsigned long long records;
	/* records of a JSON file's envelope (json.c): a file that is one
	 * plain object has only that one, and is one record to a reader */
	unsigned long long envelopes;
	unsigned long personal;     /* values holding personal data */
	struct buf line;
	int first_file;
	int *sarif_results;         /* results written so far (SARIF) */
	struct buf *doc;            /* the JSON document (json, html) */
};

static struct colrep *colrep(struct scan_stage *s, unsigned col)
{
	s->col = xgrow_zeroed(s->col, &s->ncol, col, sizeof *s->col, 16);
	if (!s->col[col].cat)
		s->col[col].cat = xcalloc(s->det.rs.ncat + 1, sizeof *s->col[col].cat);
	return &s->col[col];
}

static void add_example(struct scan_stage *s, struct catrep *cr, const struct field *f,
			const struct finding *fd)
{
	int k;
	if (cr->nex == MAX_EXAMPLES)
		return;
	buf_reset(&s->line);
	if (fd->part[ADDR_STREET].end) {
		/* an address: its settlement shown (parts are value offsets) */
		size_t ss = fd->part[ADDR_SETTLEMENT].start, se = fd->part[ADDR_SETTLEMENT].end;
		if (se <= ss || ss < fd->start || se > fd->end)
			ss = se = fd->start;
		mask_address(&s->line, f->val.ptr + fd->start, fd->end - fd->start, ss - fd->start,
			     se - fd->start);
	} else
		mask_value(&s->line, s->det.rs.cat[fd->cat].id, f->val.ptr + fd->start,
			   fd->end - fd->start, fd->norm);
	for (k = 0; k < cr->nex; k++)
		if (!strcmp(cr->ex[k], s->line.ptr))
			return;
	if (cr->nex < MAX_EXAMPLES)
		cr->ex[cr->nex++] = xstrdup(s->line.ptr);
}

/* An address's parts, as byte spans of the value like the finding's own:
 * ,"parts":{"settlement":[s,e],…} with the parts it has (none: nothing). */
static void add_parts(struct buf *b, const struct finding *fd)
{
	static const char *const names[ADDR_PARTS] = { "settlement", "street", "house", "apartment" };
	int k, any = 0;
	for (k = 0; k < ADDR_PARTS; k++) {
		if (fd->part[k].end <= fd->part[k].start)
			continue;
		buf_addf(b, "%s\"%s\":[%u,%u]", any ? "," : ",\"parts\":{", names[k],
			 (unsigned)fd->part[k].start, (unsigned)fd->part[k].end);
		any = 1;
	}
	if (any)
		buf_addch(b, '}');
}

static void print_finding(struct scan_stage *s, struct reader *rd, const struct record *rec,
			  const struct field *f, const struct finding *fd)
{
	const char *name = reader_colname(rd, f->col);
	buf_reset(&s->line);
	buf_addf(&s->line, "{\"file\":");
	buf_add_json_string(&s->line, s->name, strlen(s->name));
	buf_addf(&s->line, ",\"record\":%zu,\"line\":%lu,\"field\":", rec->index, f->line);
	buf_add_json_string(&s->line, name, strlen(name));
	buf_addf(&s->line, ",\"start\":%zu,\"end\":%zu,\"category\":\"%s\",\"rule\":\"%s\",\"confidence\":%.2f",
		 fd->start, fd->end, s->det.rs.cat[fd->cat].id, s->det.rs.rule[fd->rule].id, fd->conf);
	add_parts(&s->line, fd);
	buf_adds(&s->line, "}\n");
	fwrite(s->line.ptr, 1, s->line.len, stdout);
}

/*
 * One SARIF result: the rule, the file and line, the column as a logical
 * location, and a message naming the kind of data (never the value).
 */
static void print_sarif_result(struct scan_stage *s, struct reader *rd, const struct field *f,
			       const struct finding *fd)
{
	const char *name = reader_colname(rd, f->col);
	const struct category *cat = &s->det.rs.cat[fd->cat];
	struct buf msg = BUF_INIT;
	buf_addf(&msg, "%s: %s, column \u00AB%s\u00BB", cat->personal ? "personal data" : "kept, not personal",
		 cat->label, name);
	buf_reset(&s->line);
	buf_adds(&s->line, (*s->sarif_results)++ ? ",\n        " : "\n        ");
	buf_addf(&s->line, "{\"ruleId\": \"%s\", \"ruleIndex\": %u, \"level\": \"%s\", \"message\": {\"text\": ",
		 s->det.rs.rule[fd->rule].id, (unsigned)fd->rule, cat->personal ? "warning" : "note");
	buf_add_json_string(&s->line, msg.ptr, msg.len);
	buf_adds(&s->line, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	buf_add_json_string(&s->line, s->name, strlen(s->name));
	buf_addf(&s->line, "}, \"region\": {\"startLine\": %lu}}, \"logicalLocations\": [{\"fullyQualifiedName\": ",
		 f->line ? f->line : 1);
	buf_add_json_string(&s->line, name, strlen(name));
	buf_adds(&s->line, ", \"kind\": \"member\"}]}]}");
	fwrite(s->line.ptr, 1, s->line.len, stdout);
	buf_release(&msg);
}

/* The SARIF log up to its results: the tool and every rule loaded. */
static void print_sarif_head(const struct ruleset *rs)
{
	struct buf b = BUF_INIT;
	size_t i;
	buf_adds(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		     "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {"
		     "\"name\": \"znes\", \"version\": \"" ZNES_VERSION "\", \"rules\": [");
	for (i = 0; i < rs->nrule; i++) {
		const struct rule *r = &rs->rule[i];
		buf_adds(&b, i ? ",\n      " : "\n      ");
		buf_addf(&b, "{\"id\": \"%s\", \"shortDescription\": {\"text\": ", r->id);
		buf_add_json_string(&b, r->description, strlen(r->description));
		buf_addf(&b, "}, \"properties\": {\"category\": \"%s\", \"personal\": %s}}", rs->cat[r->cat].id,
			 rs->cat[r->cat].personal ? "true" : "false");
	}
	buf_adds(&b, "]}},\n    \"results\": [");
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
}

static int scan_record(void *ctx, struct reader *rd, struct record *rec)
{
	struct scan_stage *s = ctx;
	const struct findings *all;
	size_t i, k;
	if (rec->kind != REC_DATA && rec->kind != REC_META)
		return 0;
	s->records += rec->kind == REC_DATA;
	s->envelopes += rec->kind == REC_META;
	all = detector_run(&s->det, rd, rec);
	for (i = 0; i < rec->nf; i++) {
		const struct field *f = &rec->f[i];
		const struct findings *ff = &all[i];
		struct colrep *cr;
		int personal = 0;
		if (!f->val.len)
			continue;
		cr = colrep(s, f->col);
		cr->nonempty++;
		for (k = 0; k < ff->n; k++) {
			const struct finding *fd = &ff->v[k];
			size_t j;
			int first = 1;
			for (j = 0; j < k; j++)
				first &= ff->v[j].cat != fd->cat;
			if (s->fmt == REPORT_JSONL)
				print_finding(s, rd, rec, f, fd);
			else if (s->fmt == REPORT_SARIF)
				print_sarif_result(s, rd, f, fd);
			if (!first)
				continue;
			cr->cat[fd->cat].count++;
			add_example(s, &cr->cat[fd->cat], f, fd);
			personal |= s->det.rs.cat[fd->cat].personal;
		}
		s->personal += personal;
	}
	return 0;
}

/* Prints s padded with spaces to `width` characters (not bytes). */
static void print_padded(const char *s, size_t width)
{
	size_t w = utf8_count(s, strlen(s));
	fputs(s, stdout);
	while (w++ < width)
		putchar(' ');
}

static void report_text(struct scan_stage *s, struct reader *rd)
{
	size_t c, k;
	int any = 0;
	/* ngettext: Ukrainian has three plural forms (запис, записи, записів);
	 * a count past unsigned long keeps its last six digits, which decide. */
	printf(ngettext("%s: %llu record (%s, %s)\n", "%s: %llu records (%s, %s)\n",
			s->records <= ULONG_MAX ? (unsigned long)s->records
						: (unsigned long)(s->records % 1000000 + 1000000)),
	       s->name, s->records, rd->ops->name, encoding_name(rd->in->enc));
	for (c = 0; c < s->ncol; c++) {
		struct colrep *cr = &s->col[c];
		if (!cr->cat)
			continue;
		for (k = 0; k < s->det.rs.ncat; k++) {
			struct catrep *ct = &cr->cat[k];
			int e;
			if (!ct->count)
				continue;
			any = 1;
			printf("  ");
			print_padded(reader_colname(rd, (unsigned)c), 28);
			printf(" %-10s %6lu/%-6lu %4.0f%%  ", s->det.rs.cat[k].id, ct->count, cr->nonempty,
			       100.0 * (double)ct->count / (double)(cr->nonempty ? cr->nonempty : 1));
			if (!s->det.rs.cat[k].personal)
				fputs(_("kept (not personal)"), stdout);
			else
				for (e = 0; e < ct->nex; e++)
					printf("%s%s", e ? ", " : "", ct->ex[e]);
			printf("\n");
		}
	}
	if (!any)
		fputs(_("  no personal data found\n"), stdout);
	else
		printf(ngettext("  %lu value holds personal data\n", "  %lu values hold personal data\n",
				s->personal), s->personal);
}

static void report_json(struct scan_stage *s, struct reader *rd, int first_file)
{
	size_t c, k;
	int first = 1;
	struct buf b = BUF_INIT;
	buf_adds(&b, first_file ? "" : ",\n");
	buf_adds(&b, "    {\"file\": ");
	buf_add_json_string(&b, s->name, strlen(s->name));
	buf_addf(&b, ", \"format\": \"%s\", \"encoding\": \"%s\", \"records\": %llu, \"personal_values\": %lu, \"columns\": [",
		 rd->ops->name, encoding_name(rd->in->enc), s->records, s->personal);
	for (c = 0; c < s->ncol; c++) {
		struct colrep *cr = &s->col[c];
		const char *name;
		if (!cr->cat)
			continue;
		name = reader_colname(rd, (unsigned)c);
		for (k = 0; k < s->det.rs.ncat; k++) {
			struct catrep *ct = &cr->cat[k];
			int e;
			if (!ct->count)
				continue;
			buf_adds(&b, first ? "\n      {\"column\": " : ",\n      {\"column\": ");
			first = 0;
			buf_add_json_string(&b, name, strlen(name));
			buf_addf(&b, ", \"category\": \"%s\", \"personal\": %s, \"count\": %lu, \"nonempty\": %lu, \"share\": %.4f, \"examples\": [",
				 s->det.rs.cat[k].id, s->det.rs.cat[k].personal ? "true" : "false", ct->count,
				 cr->nonempty, (double)ct->count / (double)(cr->nonempty ? cr->nonempty : 1));
			for (e = 0; e < ct->nex; e++) {
				if (e)
					buf_adds(&b, ", ");
				buf_add_json_string(&b, ct->ex[e], strlen(ct->ex[e]));
			}
			buf_adds(&b, "]}");
		}
	}
	buf_adds(&b, first ? "]}" : "\n    ]}");
	buf_add(s->doc, b.ptr, b.len);
	buf_release(&b);
}

static int scan_end(void *ctx, struct reader *rd)
{
	struct scan_stage *s = ctx;
	if (!s->records)
		s->records = s->envelopes;
	if (s->fmt == REPORT_TEXT)
		report_text(s, rd);
	else if (s->fmt == REPORT_JSON || s->fmt == REPORT_HTML)
		report_json(s, rd, s->first_file);
	return 0;
}

static void scan_release(struct scan_stage *s)
{
	size_t c, k;
	int e;
	for (c = 0; c < s->ncol; c++) {
		if (!s->col[c].cat)
			continue;
		for (k = 0; k < s->det.rs.ncat; k++)
			for (e = 0; e < s->col[c].cat[k].nex; e++)
				free(s->col[c].cat[k].ex[e]);
		free(s->col[c].cat);
	}
	free(s->col);
	buf_release(&s->line);
	detector_release(&s->det);
}

/*
 * Makes standard input readable twice (scan --db reads it twice): a
 * regular file already is; anything else (a pipe) is copied, streamed,
 * to an unlinked temporary file in $TMPDIR that becomes descriptor 0.
 */
static int stdin_rereadable(void)
{
	struct stat sb;
	char chunk[1 << 16];
	int fd, e;
	if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode))
		return 0;
	if ((fd = tmpfile_unlinked("znes-stdin")) < 0)
		return error(_("cannot keep standard input for a second reading: %s"), strerror(errno));
	for (;;) {
		ssize_t r = read(0, chunk, sizeof chunk), w = 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			close(fd);
			return error(_("cannot read '<stdin>': %s"), strerror(e));
		}
		if (!r)
			break;
		while (w < r) {
			ssize_t k = write(fd, chunk + w, (size_t)(r - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				e = k < 0 ? errno : ENOSPC;
				close(fd);
				return error(_("cannot keep standard input for a second reading: %s"),
					     strerror(e));
			}
			w += k;
		}
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || dup2(fd, 0) < 0) {
		e = errno;
		close(fd);
		return error(_("cannot keep standard input for a second reading: %s"), strerror(e));
	}
	close(fd);
	return 0;
}

/*
 * --db: the linkage summary of the file just scanned (corpus/link.h), a
 * second pass over it (standard input read again from its start: see
 * stdin_rereadable); text goes out at once, JSON is collected for the
 * "linkage" array. Risk counts as a finding for the exit status.
 */
static int scan_linkage(const char *db, const struct common_opts *o, enum report_fmt fmt,
			struct buf *json, int *found)
{
	struct corpus *c;
	struct link_report r;
	struct link_opts lo;
	struct buf b = BUF_INIT;
	int indexed, rc;
	if ((!o->pipe.in_path || !strcmp(o->pipe.in_path, "-")) && lseek(0, 0, SEEK_SET) < 0)
		return error(_("cannot read '<stdin>' again: %s"), strerror(errno));
	memset(&lo, 0, sizeof lo);
	lo.k = 5;
	lo.rules_dir = o->rules_dir;
	if (link_open_index(db, &c, &indexed) < 0)
		return -1;
	rc = link_analyze(c, indexed, &o->pipe, &lo, &r);
	corpus_close(c);
	if (rc < 0)
		return -1;
	if (fmt == REPORT_TEXT) {
		link_report_text(&r, &b, "  ");
		fwrite(b.ptr, 1, b.len, stdout);
	} else if (fmt == REPORT_JSON || fmt == REPORT_HTML) {
		buf_adds(json, json->len ? ",\n    " : "\n    ");
		link_report_json(&r, json, 4);
	}
	*found |= link_risky(&r);
	buf_release(&b);
	link_report_free(&r);
	return 0;
}

/* --format html: the JSON document rendered as a page, labels from the rules. */
static int scan_html(const struct buf *doc, const char *rules_dir)
{
	struct detector d;
	struct buf page = BUF_INIT;
	int rc;
	if (detector_init(&d, NULL, rules_dir) < 0)
		return -1;
	rc = html_scan_report(&page, doc->ptr, doc->len, &d.rs);
	detector_release(&d);
	if (!rc)
		fwrite(page.ptr, 1, page.len, stdout);
	buf_release(&page);
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		COMMON_LONGOPTS,
	};
	struct common_opts o;
	enum report_fmt fmt = REPORT_TEXT;
	int c, idx, i, found = 0, nfiles, sarif_results = 0;
	const char *db = NULL;
	struct buf linkage = BUF_INIT, doc = BUF_INIT;
	memset(&o, 0, sizeof o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", longopts, &idx)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'r':
			if (!strcmp(optarg, "text"))
				fmt = REPORT_TEXT;
			else if (!strcmp(optarg, "json"))
				fmt = REPORT_JSON;
			else if (!strcmp(optarg, "jsonl"))
				fmt = REPORT_JSONL;
			else if (!strcmp(optarg, "sarif"))
				fmt = REPORT_SARIF;
			else if (!strcmp(optarg, "html"))
				fmt = REPORT_HTML;
			else
				return ZNES_USAGE_ERROR("unknown report format '%s' (text, json, jsonl, sarif or html;"
							" the input's format is --input-format)", optarg);
			break;
		default:
			if ((c = common_case(&o, c, longopts, idx, "scan", scan_help)) >= 0)
				return c;
		}
	}
	nfiles = argc - optind ? argc - optind : 1;
	if (fmt == REPORT_JSON || fmt == REPORT_HTML)
		buf_adds(&doc, "{\n  \"files\": [\n");
	if (fmt == REPORT_SARIF) {
		struct detector d;
		if (detector_init(&d, NULL, o.rules_dir) < 0)
			return EXIT_ERROR;
		print_sarif_head(&d.rs);
		detector_release(&d);
	}
	for (i = 0; i < nfiles; i++) {
		struct scan_stage s;
		struct stage st;
		int rc;
		memset(&s, 0, sizeof s);
		if (detector_init(&s.det, NULL, o.rules_dir) < 0)
			goto fail;
		s.det.threads = o.threads;
		s.fmt = fmt;
		o.pipe.in_path = optind < argc ? argv[optind + i] : NULL;
		s.name = o.pipe.in_path && strcmp(o.pipe.in_path, "-") ? o.pipe.in_path : "<stdin>";
		buf_init(&s.line, 0);
		memset(&st, 0, sizeof st);
		detector_stage(&s.det, &st);
		st.record = scan_record;
		st.end = scan_end;
		st.ctx = &s;
		s.first_file = i == 0;
		s.sarif_results = &sarif_results;
		s.doc = &doc;
		if (db && !(o.pipe.in_path && strcmp(o.pipe.in_path, "-")) && stdin_rereadable() < 0) {
			scan_release(&s);
			goto fail;
		}
		rc = pipeline_run(&o.pipe, &st, 1);
		found |= s.personal > 0;
		scan_release(&s);
		if (rc < 0)
			goto fail;
		if (db && scan_linkage(db, &o, fmt, &linkage, &found) < 0)
			goto fail;
	}
	if ((fmt == REPORT_JSON || fmt == REPORT_HTML) && db)
		buf_addf(&doc, "\n  ],\n  \"linkage\": [%s\n  ]", linkage.ptr);
	if (fmt == REPORT_JSON || fmt == REPORT_HTML)
		buf_addf(&doc, "%s,\n  \"personal_data_found\": %s\n}\n", db ? "" : "\n  ]", found ? "true" : "false");
	if (fmt == REPORT_JSON)
		fwrite(doc.ptr, 1, doc.len, stdout);
	if (fmt == REPORT_HTML && scan_html(&doc, o.rules_dir) < 0)
		goto fail;
	if (fmt == REPORT_SARIF)
		printf("\n    ]\n  }]\n}\n");
	buf_release(&linkage);
	buf_release(&doc);
	if (fflush(stdout) || ferror(stdout))
		return ZNES_USAGE_ERROR("cannot write the report to stdout");
	return found ? EXIT_FOUND : EXIT_OK;
fail:
	buf_release(&linkage);
	buf_release(&doc);
	return EXIT_ERROR;
}
