/*
 * report_html.h — the HTML reports for people: `znes scan --format html`
 * and `znes audit summary --format html` each write one self-contained
 * page (inline CSS and SVG; no script, font, image or network request; a
 * Content-Security-Policy that forbids them), in Ukrainian, for the
 * officers who publish datasets and the reviewers who check them.
 *
 * The scan page renders the JSON document of `scan --format json` (the
 * contract: what the page shows is exactly what that document says, masked
 * examples included); the audit page renders what `audit summary` gathered
 * from the log. Both share the escaping helper and the SVG bar chart.
 * Everything that comes from data (column names, file names, labels) is
 * escaped. Elements carry stable ids and data attributes (data-cat,
 * data-action, data-count, ...) so that tests can read the numbers.
 *
 * Ownership: every function appends to a caller's buffer and keeps nothing.
 */
#ifndef ZNES_REPORT_HTML_H
#define ZNES_REPORT_HTML_H

#include <stddef.h>

#include <jansson.h>

#include "filters/audit.h"
#include "rules/pack.h"
#include "scanner/buf.h"

/* Appends s[0..n) with & < > " ' escaped: safe as text and in a quoted
 * attribute value. */
void html_escape(struct buf *out, const char *s, size_t n);
void html_adds(struct buf *out, const char *s);

/* One bar of a chart. */
struct html_bar {
	const char *key;           /* the value of the bar's data attribute (a category, an action) */
	const char *label;         /* shown left of the bar */
	unsigned long long value;
	const char *fill;          /* CSS colour */
};

/*
 * Appends an inline SVG horizontal bar chart: one <rect> per bar, whose
 * width is proportional to its value (the largest value spans the whole
 * bar area), each carrying data-ATTR="key" and data-count="value". `id`
 * names the <svg>; `caption` is its accessible title.
 */
void html_bar_chart(struct buf *out, const char *id, const char *attr, const char *caption,
		    const struct html_bar *bars, size_t n);

/*
 * The scan page from the JSON document of `znes scan --format json` (doc,
 * len): one section per file with its chart of findings per category, its
 * table per column and category, and its linkage results when the
 * document has them. rs (may be NULL) supplies the categories' Ukrainian
 * labels. -1 after an error (a document that does not parse).
 */
int html_scan_report(struct buf *out, const char *doc, size_t len, const struct ruleset *rs);

/* What `znes audit summary` gathered from a log. */
struct html_audit {
	const char *path;
	int ok;                           /* the log verified */
	const struct audit_check *chk;
	json_t *header, *trailer;         /* the log's lines; NULL when missing */
	json_t *kinds;                    /* [{"category", "kind", "how", "count"}] */
	json_t *actions;                  /* {"token": 12, ...}: events per action */
	const char *passport;             /* the passport text, as the text summary prints it */
};

/* The audit summary page: verification, the run, a chart of events per
 * action, the table per kind of information, the passport text. */
void html_audit_report(struct buf *out, const struct html_audit *a);

#endif
