/*
 * link.c — the re-identification analysis (see link.h). It streams the
 * new dataset once through the extractor into the index's temporary
 * table, looks each direct identifier up as it goes, then asks the index
 * for k-anonymity classes and unique matches. The search for a
 * generalization tries combinations in order of information lost
 * (per group: 0 as is, ½ one step coarser, 1 removed), checks k-anonymity
 * first (cheap: the new dataset only) and the published datasets only for
 * the candidates that pass, within fixed budgets.
 */
#include "corpus/link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/extract.h"
#include "scanner/i18n.h"

#define MAX_COMBOS 4096
#define BUDGET_CLASSES 256
#define BUDGET_LINKS 24

struct run {
	struct corpus *c;
	struct corpus_dataset *ds;
	size_t nds;
	unsigned char *seen;         /* per dataset: this record's identifiers found there */
	int64_t *overlap;
	int64_t overlap_any;
	int any;
	unsigned char *hitmap;       /* per new record: re-identifiable (1 bit) */
	size_t hitcap;
};

static void found_ident(void *ctx, int64_t ds)
{
	struct run *u = ctx;
	size_t i;
	for (i = 0; i < u->nds; i++)
		if (u->ds[i].id == ds)
			u->seen[i] = 1;
}

static int emit_row(void *ctx, const struct xrow *r)
{
	struct run *u = ctx;
	size_t i;
	int any = 0;
	if (corpus_new_row(u->c, r->row, r->h, r->set) < 0)
		return -1;
	if (!u->nds)
		return 0;
	memset(u->seen, 0, u->nds);
	for (i = 0; i < r->nid; i++)
		if (corpus_ident_find(u->c, r->id[i].kind, r->id[i].h, found_ident, u) < 0)
			return -1;
	for (i = 0; i < u->nds; i++)
		if (u->seen[i]) {
			u->overlap[i]++;
			any = 1;
		}
	u->overlap_any += any;
	return 0;
}

static void mark_hit(void *ctx, int64_t row)
{
	struct run *u = ctx;
	size_t byte = (size_t)row / 8;
	u->hitmap = xgrow_zeroed(u->hitmap, &u->hitcap, byte, 1, 1024);
	u->hitmap[byte] |= (unsigned char)(1u << (row % 8));
}

/* Appends a warning: its English text (the JSON report's) and its text
 * in the user's language, both taken from the buffers. */
static void push_warning(struct link_report *r, struct buf *en, struct buf *text)
{
	r->warning = xrealloc(r->warning, st_mult(r->nwarning + 1, sizeof *r->warning));
	r->warning_text = xrealloc(r->warning_text, st_mult(r->nwarning + 1, sizeof *r->warning_text));
	r->warning[r->nwarning] = buf_detach(en, NULL);
	r->warning_text[r->nwarning++] = buf_detach(text, NULL);
}

/* A warning twice: in English for the JSON report (a machine format, the
 * same in every language) and translated for the text report. `make pot`
 * collects the formats given to add_warning() and add_warning_n(). */
static void add_warning(struct link_report *r, const char *fmt, ...) ZNES_PRINTF(2, 3);
static void add_warning(struct link_report *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	buf_vaddf(&b, fmt, ap);
	buf_vaddf(&t, _(fmt), aq);
	va_end(aq);
	va_end(ap);
	push_warning(r, &b, &t);
}

/* The same for a warning that starts with a count: `one` and `many` are
 * the English forms (the JSON report's); the text report takes the form
 * ngettext() picks for n (Ukrainian has three). */
static void add_warning_n(struct link_report *r, long long n, const char *one, const char *many, ...)
	ZNES_PRINTF(4, 5);
static void add_warning_n(struct link_report *r, long long n, const char *one, const char *many, ...)
{
	struct buf b = BUF_INIT, t = BUF_INIT;
	va_list ap, aq;
	va_start(ap, many);
	va_copy(aq, ap);
	buf_vaddf(&b, n == 1 ? one : many, ap);
	buf_vaddf(&t, ngettext(one, many, plural_n((unsigned long long)n)), aq);
	va_end(aq);
	va_end(ap);
	push_warning(r, &b, &t);
}

/* The slot a group is compared on at level `lvl` (index into its slots)
 * between slot sets a and b: the first slot from lvl on that both have. */
static int group_slot(size_t g, int lvl, unsigned a, unsigned b)
{
	int i;
	for (i = lvl; i < qi_groups[g].nslot; i++) {
		int s = qi_groups[g].slot[i];
		if ((a & b) & (1u << s))
			return s;
	}
	return -1;
}

/* Level of each present group: 0.. = index into the group's slots,
 * nslot = removed. top[g] is where the group starts in the new dataset. */
static unsigned kslots(const int *lvl, const int *top, size_t ng, const size_t *gid, unsigned have)
{
	unsigned s = 0;
	size_t i;
	for (i = 0; i < ng; i++) {
		int sl;
		(void)top;
		if (lvl[i] >= qi_groups[gid[i]].nslot)
			continue;
		sl = group_slot(gid[i], lvl[i], have, have);
		if (sl >= 0)
			s |= 1u << sl;
	}
	return s;
}

static unsigned link_slots(const int *lvl, size_t ng, const size_t *gid, unsigned have, unsigned pub)
{
	unsigned s = 0;
	size_t i;
	for (i = 0; i < ng; i++) {
		int sl;
		if (lvl[i] >= qi_groups[gid[i]].nslot)
			continue;
		sl = group_slot(gid[i], lvl[i], have, pub);
		if (sl >= 0)
			s |= 1u << sl;
	}
	return s;
}

struct combo {
	int lvl[16];
	double loss;
	int changed;
};

static int cmp_combo(const void *a, const void *b)
{
	const struct combo *x = a, *y = b;
	if (x->loss != y->loss)
		return x->loss < y->loss ? -1 : 1;
	return x->changed - y->changed;
}

struct link_cache {
	int64_t ds;
	unsigned slots;
	int64_t n;
};

/* Columns of the new dataset that filled any slot of `slots`. */
static char **columns_for(const struct extractor *x, unsigned slots, size_t *n)
{
	char **v = NULL;
	size_t i;
	*n = 0;
	for (i = 0; i < x->ncol; i++)
		if (x->col[i].name && (x->col[i].slots & slots)) {
			v = xrealloc(v, st_mult(*n + 1, sizeof *v));
			v[(*n)++] = xstrdup(x->col[i].name);
		}
	return v;
}

static int suggest(struct run *u, const struct extractor *x, const struct link_opts *lo,
		   struct link_report *r, const size_t *gid, const int *top, size_t ng)
{
	struct combo *cb;
	size_t total = 1, i, n = 0, g;
	struct link_cache cache[BUDGET_LINKS];
	size_t ncache = 0;
	int nclass = 0, best = -1;
	for (g = 0; g < ng; g++) {
		total *= (size_t)(qi_groups[gid[g]].nslot - top[g] + 1);
		if (total > MAX_COMBOS)
			break;
	}
	if (r->records < lo->k) {
		add_warning(r, "the dataset has fewer than k = %lld records: no generalization reaches k",
			    (long long)lo->k);
		return 0;
	}
	if (total > MAX_COMBOS || ng > 16) {
		add_warning(r, "too many quasi-identifier columns to search generalizations (%zu)", ng);
		return 0;
	}
	cb = xcalloc(total, sizeof *cb);
	for (i = 0; i < total; i++) {
		size_t rest = i;
		struct combo *c = &cb[n++];
		for (g = 0; g < ng; g++) {
			int levels = qi_groups[gid[g]].nslot - top[g] + 1;
			int step = (int)(rest % (size_t)levels);
			rest /= (size_t)levels;
			c->lvl[g] = top[g] + step;
			c->loss += levels > 1 ? (double)step / (levels - 1) : 0;
			c->changed += step > 0;
		}
	}
	qsort(cb, n, sizeof *cb, cmp_combo);
	for (i = 1; i < n && best < 0; i++) {
		struct kstats ks;
		size_t d;
		int ok = 1;
		if (nclass++ >= BUDGET_CLASSES)
			break;
		if (corpus_classes(u->c, kslots(cb[i].lvl, top, ng, gid, x->slots), lo->k, &ks) < 0) {
			free(cb);
			return -1;
		}
		if (ks.below_k)
			continue;
		for (d = 0; d < u->nds && ok; d++) {
			unsigned ls = link_slots(cb[i].lvl, ng, gid, x->slots, u->ds[d].slots);
			size_t j;
			int64_t cnt = -1;
			if (!ls)
				continue;
			for (j = 0; j < ncache; j++)
				if (cache[j].ds == u->ds[d].id && cache[j].slots == ls)
					cnt = cache[j].n;
			if (cnt < 0) {
				if (ncache == BUDGET_LINKS) {
					ok = 0;
					i = n;       /* out of budget: stop searching */
					break;
				}
				if (corpus_link(u->c, u->ds[d].id, ls, NULL, NULL, &cnt) < 0) {
					free(cb);
					return -1;
				}
				cache[ncache].ds = u->ds[d].id;
				cache[ncache].slots = ls;
				cache[ncache++].n = cnt;
			}
			ok = cnt == 0;
		}
		if (ok) {
			best = (int)i;
			r->after = ks;
		}
	}
	if (best >= 0) {
		r->suggested = 1;
		for (g = 0; g < ng; g++) {
			const struct qi_group *gr = &qi_groups[gid[g]];
			int from = gr->slot[top[g]], lv = cb[best].lvl[g];
			struct link_change *ch;
			size_t nc, k;
			char **cols;
			struct buf b = BUF_INIT;
			unsigned gslots = 0;
			if (lv == top[g])
				continue;
			for (k = 0; k < (size_t)gr->nslot; k++)
				gslots |= 1u << gr->slot[k];
			cols = columns_for(x, gslots, &nc);
			for (k = 0; k < nc; k++) {
				buf_addf(&b, "%s%s", k ? ", " : "", cols[k]);
				free(cols[k]);
			}
			free(cols);
			r->change = xrealloc(r->change, st_mult(r->nchange + 1, sizeof *r->change));
			ch = &r->change[r->nchange++];
			ch->columns = buf_detach(&b, NULL);
			ch->from = qi_slot_label(from);
			ch->to = lv >= gr->nslot ? N_("removed") : qi_slot_label(gr->slot[lv]);
		}
	} else {
		add_warning(r, "no generalization found within the search budget: remove the"
			       " quasi-identifier columns or raise the class sizes by hand");
	}
	free(cb);
	return 0;
}

int link_analyze(struct corpus *c, int indexed, const struct pipeline_opts *po,
		 const struct link_opts *lo, struct link_report *r)
{
	struct extractor x;
	struct stage st;
	struct run u;
	size_t gid[32], ng = 0, i, g;
	int top[32], rc = -1;
	memset(r, 0, sizeof *r);
	memset(&u, 0, sizeof u);
	r->k = lo->k;
	r->indexed = indexed;
	r->file = xstrdup(po->in_path && strcmp(po->in_path, "-") ? po->in_path : "<stdin>");
	u.c = c;
	if (corpus_datasets(c, &u.ds, &u.nds) < 0)
		return -1;
	u.seen = xcalloc(u.nds + 1, 1);
	u.overlap = xcalloc(u.nds + 1, sizeof *u.overlap);
	if (extractor_init(&x, c, lo->rules_dir, 0) < 0)
		goto out_run;
	x.emit = emit_row;
	x.emit_ctx = &u;
	extractor_stage(&x, &st);
	if (corpus_new_begin(c) < 0)
		goto out;
	if (pipeline_run(po, &st, 1) < 0)
		goto out;
	if (corpus_new_end(c) < 0)
		goto out;
	r->records = x.records;
	r->tax_leaks = x.tax_leaks;
	r->overlap = u.overlap_any;
	for (i = 0; i < x.ncol; i++) {
		const struct xcol *xc = &x.col[i];
		const char *kind = NULL;
		if (!xc->name)
			continue;
		if (xc->kind != QK_NONE && xc->kind != QK_NAME && xc->slots)
			kind = qi_kind_name(xc->kind);
		else if (xc->tax_derived)
			kind = "birth_date+sex (from tax_id)";
		else if (xc->slots)
			kind = "birth_date";   /* dates found by the rules in a column of no QI kind */
		if (!kind)
			continue;
		r->qi = xrealloc(r->qi, st_mult(r->nqi + 1, sizeof *r->qi));
		r->qi[r->nqi].column = xstrdup(xc->name);
		r->qi[r->nqi].kind = kind;
		r->nqi++;
	}
	/* the groups present, each from its most specific slot */
	for (g = 0; g < qi_ngroups && ng < 32; g++) {
		int k;
		for (k = 0; k < qi_groups[g].nslot; k++)
			if (x.slots & (1u << qi_groups[g].slot[k])) {
				gid[ng] = g;
				top[ng++] = k;
				break;
			}
	}
	{
		int lvl[32];
		for (g = 0; g < ng; g++)
			lvl[g] = top[g];
		r->slots = kslots(lvl, top, ng, gid, x.slots);
		if (r->slots && corpus_classes(c, r->slots, lo->k, &r->ks) < 0)
			goto out;
		for (i = 0; i < u.nds; i++) {
			unsigned ls = link_slots(lvl, ng, gid, x.slots, u.ds[i].slots);
			struct link_dataset *d;
			int64_t cnt = 0;
			size_t k;
			if (!ls && !u.overlap[i])
				continue;
			if (ls && corpus_link(c, u.ds[i].id, ls, mark_hit, &u, &cnt) < 0)
				goto out;
			if (!cnt && !u.overlap[i])
				continue;
			r->ds = xrealloc(r->ds, st_mult(r->nds + 1, sizeof *r->ds));
			d = &r->ds[r->nds++];
			memset(d, 0, sizeof *d);
			d->name = xstrdup(u.ds[i].name);
			d->slots = ls;
			d->reidentifiable = cnt;
			d->overlap = u.overlap[i];
			d->columns = columns_for(&x, ls, &d->ncolumns);
			for (k = 0; k < u.ds[i].ncol; k++)
				if (u.ds[i].col[k].slots & ls) {
					d->published = xrealloc(d->published, st_mult(d->npublished + 1, sizeof(char *)));
					d->published[d->npublished++] = xstrdup(u.ds[i].col[k].name);
				}
		}
		for (i = 0; i < u.hitcap; i++)
			r->reidentifiable += __builtin_popcount(u.hitmap[i]);
	}
	if (r->ks.below_k || r->reidentifiable) {
		if (suggest(&u, &x, lo, r, gid, top, ng) < 0)
			goto out;
	}
	if (x.tax_leaks)
		add_warning_n(r, x.tax_leaks,
			      "%lld value is a РНОКПП: it gives away its holder's birth date and sex,"
			      " even with the name removed",
			      "%lld values are РНОКПП: each one gives away its holder's birth date and sex,"
			      " even with the name removed", (long long)x.tax_leaks);
	if (u.overlap_any)
		add_warning_n(r, u.overlap_any,
			      "%lld record holds an identifier (or an unkeyed hash of one) that a published"
			      " dataset holds too",
			      "%lld records hold an identifier (or an unkeyed hash of one) that a published"
			      " dataset holds too", (long long)u.overlap_any);
	if (x.hex_values)
		add_warning_n(r, x.hex_values,
			      "%lld value is a hex digest (MD5/SHA-1/SHA-256 length): an unkeyed hash of"
			      " an identifier is not de-identification, it is a lookup away from the value",
			      "%lld values are hex digests (MD5/SHA-1/SHA-256 length): an unkeyed hash of"
			      " an identifier is not de-identification, it is a lookup away from the value",
			      (long long)x.hex_values);
	if (!indexed)
		add_warning(r, "no index of published datasets: only k-anonymity within the file was checked"
			       " (znes corpus add)");
	else if (!u.nds)
		add_warning(r, "the index holds no published datasets (znes corpus add)");
	rc = 0;
out:
	extractor_release(&x);
out_run:
	corpus_datasets_free(u.ds, u.nds);
	free(u.seen);
	free(u.overlap);
	free(u.hitmap);
	return rc;
}

int link_risky(const struct link_report *r)
{
	return r->ks.below_k > 0 || r->reidentifiable > 0 || r->overlap > 0 || r->tax_leaks > 0;
}

void link_report_free(struct link_report *r)
{
	size_t i, k;
	free(r->file);
	for (i = 0; i < r->nqi; i++)
		free(r->qi[i].column);
	free(r->qi);
	for (i = 0; i < r->nds; i++) {
		free(r->ds[i].name);
		for (k = 0; k < r->ds[i].ncolumns; k++)
			free(r->ds[i].columns[k]);
		free(r->ds[i].columns);
		for (k = 0; k < r->ds[i].npublished; k++)
			free(r->ds[i].published[k]);
		free(r->ds[i].published);
	}
	free(r->ds);
	for (i = 0; i < r->nchange; i++)
		free(r->change[i].columns);
	free(r->change);
	for (i = 0; i < r->nwarning; i++) {
		free(r->warning[i]);
		free(r->warning_text[i]);
	}
	free(r->warning);
	free(r->warning_text);
	memset(r, 0, sizeof *r);
}

static void json_str(struct buf *b, const char *s)
{
	buf_add_json_string(b, s, strlen(s));
}

static void json_strs(struct buf *b, char *const *v, size_t n)
{
	size_t i;
	buf_addch(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(b, ", ");
		json_str(b, v[i]);
	}
	buf_addch(b, ']');
}

static void slot_names_json(struct buf *b, unsigned slots)
{
	int s, first = 1;
	buf_addch(b, '[');
	for (s = 0; s < QS_N; s++)
		if (slots & (1u << s)) {
			buf_addf(b, "%s\"%s\"", first ? "" : ", ", qi_slot_label(s));
			first = 0;
		}
	buf_addch(b, ']');
}

void link_report_json(const struct link_report *r, struct buf *b, int ind)
{
	size_t i;
	buf_addf(b, "{\n%*s\"file\": ", ind + 2, "");
	json_str(b, r->file);
	buf_addf(b, ",\n%*s\"records\": %lld,\n%*s\"quasi_identifiers\": [", ind + 2, "", (long long)r->records,
		 ind + 2, "");
	for (i = 0; i < r->nqi; i++) {
		buf_addf(b, "%s{\"column\": ", i ? ", " : "");
		json_str(b, r->qi[i].column);
		buf_addf(b, ", \"kind\": \"%s\"}", r->qi[i].kind);
	}
	buf_addf(b, "],\n%*s\"k\": %lld,\n%*s\"classes\": %lld,\n%*s\"records_below_k\": %lld,\n"
		    "%*s\"unique_records\": %lld,\n%*s\"reidentifiable_records\": %lld,\n"
		    "%*s\"direct_overlap_records\": %lld,\n%*s\"links\": [",
		 ind + 2, "", (long long)r->k, ind + 2, "", (long long)r->ks.classes, ind + 2, "",
		 (long long)r->ks.below_k, ind + 2, "", (long long)r->ks.unique, ind + 2, "",
		 (long long)r->reidentifiable, ind + 2, "", (long long)r->overlap, ind + 2, "");
	for (i = 0; i < r->nds; i++) {
		const struct link_dataset *d = &r->ds[i];
		buf_addf(b, "%s\n%*s{\"dataset\": ", i ? "," : "", ind + 4, "");
		json_str(b, d->name);
		buf_adds(b, ", \"columns\": ");
		json_strs(b, d->columns, d->ncolumns);
		buf_adds(b, ", \"published_columns\": ");
		json_strs(b, d->published, d->npublished);
		buf_adds(b, ", \"compared\": ");
		slot_names_json(b, d->slots);
		buf_addf(b, ", \"reidentifiable_records\": %lld, \"direct_overlap_records\": %lld}",
			 (long long)d->reidentifiable, (long long)d->overlap);
	}
	buf_addf(b, "%s%*s],\n%*s\"suggestion\": ", r->nds ? "\n" : "", r->nds ? ind + 2 : 0, "", ind + 2, "");
	if (!r->suggested) {
		buf_adds(b, "null");
	} else {
		buf_adds(b, "{\"changes\": [");
		for (i = 0; i < r->nchange; i++) {
			buf_addf(b, "%s{\"columns\": ", i ? ", " : "");
			json_str(b, r->change[i].columns);
			buf_addf(b, ", \"from\": \"%s\", \"to\": \"%s\"}", r->change[i].from, r->change[i].to);
		}
		buf_addf(b, "], \"records_below_k\": %lld, \"unique_records\": %lld, \"reidentifiable_records\": 0}",
			 (long long)r->after.below_k, (long long)r->after.unique);
	}
	buf_addf(b, ",\n%*s\"warnings\": ", ind + 2, "");
	json_strs(b, r->warning, r->nwarning);
	buf_addf(b, ",\n%*s\"risk\": %s\n%*s}", ind + 2, "", link_risky(r) ? "true" : "false", ind, "");
}

/* The text report, in the interface's language: the labels of slots and
 * the warnings are translated here, the column names and the kinds of
 * quasi-identifier (ids, as in the JSON report) are not. */
void link_report_text(const struct link_report *r, struct buf *b, const char *p)
{
	struct buf cols = BUF_INIT, pub = BUF_INIT;
	size_t i, k;
	buf_adds(b, p);
	buf_addf(b, ngettext("linkage (k = %lld): %lld record", "linkage (k = %lld): %lld records",
			     plural_n((unsigned long long)r->records)),
		 (long long)r->k, (long long)r->records);
	if (r->nqi) {
		buf_adds(b, _("; quasi-identifiers: "));
		for (i = 0; i < r->nqi; i++)
			buf_addf(b, "%s%s (%s)", i ? ", " : "", r->qi[i].column, r->qi[i].kind);
	}
	buf_addch(b, '\n');
	if (r->slots) {
		/* TRANSLATORS: then "N classes, N records in classes below k, N unique". */
		buf_addf(b, "%s  %s", p, _("k-anonymity: "));
		buf_addf(b, ngettext("%lld class", "%lld classes", plural_n((unsigned long long)r->ks.classes)),
			 (long long)r->ks.classes);
		buf_adds(b, ", ");
		buf_addf(b, ngettext("%lld record in classes below %lld", "%lld records in classes below %lld",
				     plural_n((unsigned long long)r->ks.below_k)),
			 (long long)r->ks.below_k, (long long)r->k);
		buf_adds(b, ", ");
		buf_addf(b, ngettext("%lld unique", "%lld unique", plural_n((unsigned long long)r->ks.unique)),
			 (long long)r->ks.unique);
		buf_addch(b, '\n');
	} else {
		buf_addf(b, "%s  %s\n", p, _("no quasi-identifiers found"));
	}
	for (i = 0; i < r->nds; i++) {
		const struct link_dataset *d = &r->ds[i];
		buf_addf(b, "%s  ", p);
		/* TRANSLATORS: a published dataset, how many new records it names. */
		buf_addf(b, ngettext("%s: %lld re-identifiable", "%s: %lld re-identifiable",
				     plural_n((unsigned long long)d->reidentifiable)),
			 d->name, (long long)d->reidentifiable);
		if (d->ncolumns) {
			buf_reset(&cols);
			buf_reset(&pub);
			for (k = 0; k < d->ncolumns; k++)
				buf_addf(&cols, "%s%s", k ? ", " : "", d->columns[k]);
			for (k = 0; k < d->npublished; k++)
				buf_addf(&pub, "%s%s", k ? ", " : "", d->published[k]);
			/* TRANSLATORS: the new dataset's columns, then the published one's. */
			buf_addf(b, _(" through %s (its columns: %s)"), cols.ptr, pub.ptr);
		}
		if (d->overlap)
			buf_addf(b, ngettext("; %lld record shares an identifier with it",
					     "; %lld records share an identifier with it",
					     plural_n((unsigned long long)d->overlap)),
				 (long long)d->overlap);
		buf_addch(b, '\n');
	}
	if (r->indexed) {
		buf_addf(b, "%s  ", p);
		buf_addf(b, ngettext("re-identifiable through published datasets: %lld record",
				     "re-identifiable through published datasets: %lld records",
				     plural_n((unsigned long long)r->reidentifiable)),
			 (long long)r->reidentifiable);
		buf_addch(b, '\n');
	}
	if (r->suggested) {
		buf_addf(b, "%s  %s", p, _("suggestion:"));
		for (i = 0; i < r->nchange; i++)
			buf_addf(b, "%s %s: %s -> %s", i ? ";" : "", r->change[i].columns, _(r->change[i].from),
				 _(r->change[i].to));
		buf_addf(b, _(" (then %lld below k, 0 re-identifiable)\n"), (long long)r->after.below_k);
	}
	for (i = 0; i < r->nwarning; i++)
		buf_addf(b, "%s  %s%s\n", p, _("warning: "), r->warning_text[i]);
	buf_release(&cols);
	buf_release(&pub);
}
