/*
 * evaluate.c - score znes findings against a generated truth file.
 *
 * Test tooling for znes: the last step of the evaluation pipeline
 * (tests/eval/gen.c writes datasets and X.truth.jsonl, `znes scan --format
 * jsonl` writes findings, this program compares the two).  Both inputs are
 * JSON Lines with the same coordinates: record index, field name or JSON
 * path, and a byte span [start, end) in the field's decoded UTF-8 value.
 * A finding matches a truth item with the same record, field and category
 * whose span overlaps it.  Per personal category it prints truth count,
 * found, recall, findings, correct findings, precision and "whole": the
 * share of truth items covered end to end by findings of their category
 * (a name found without its patronymic is found, not whole: the rest of
 * it would be published; whole is held to --min-recall too); per decoy
 * category the share "kept" (not overlapped by any personal finding).  A
 * finding in a decoy category (org_id above all: ЄДРПОУ codes are kept by
 * policy) is never a false positive.  Exit status: 0 when every checked
 * category meets --min-recall and --min-precision and the decoys meet
 * --min-kept, 1 when one does not, 2 on bad usage or malformed input.
 * Parsing is jansson's, behind read_jsonl(); the rest is plain C.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_PASS = 0, EXIT_BELOW = 1, EXIT_ERROR = 2 };

static void fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("evaluate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xrealloc(NULL, n);

	memcpy(p, s, n);
	return p;
}

/* ------------------------------------------------------------------ */
/* categories                                                         */

/* Personal categories first, then decoys; unknown names are appended and
 * treated as personal (a finding that claims personal data). */
static const char *const known_personal[] = {
	"phone", "tax_id", "email", "iban", "card", "passport", "unzr", "birth_cert",
	"dob", "plate", "cadastral", "name", "address",
};
static const char *const known_decoy[] = {
	"org_id", "amount", "decision_no", "date", "budget_code", "postal_code",
	"number", "org_iban",
};

#define MAX_CATS 64

struct cat {
	const char *name;
	int decoy;
	long truth, found, findings, correct;   /* personal */
	long whole;                             /* truth items covered end to end */
	long parts, parts_ok;                   /* addresses: house and apartment parts, and found */
	long off_truth, off_found;              /* officials among truth */
	long dec_n, dec_kept;                   /* decoys */
	int checked;
};

static struct cat cats[MAX_CATS];
static int ncats;

static int cat_index(const char *name)
{
	int i;

	for (i = 0; i < ncats; i++)
		if (strcmp(cats[i].name, name) == 0)
			return i;
	if (ncats == MAX_CATS)
		fatal("too many categories (more than %d)", MAX_CATS);
	memset(&cats[ncats], 0, sizeof cats[0]);
	cats[ncats].name = xstrdup(name);
	return ncats++;
}

static void cats_init(void)
{
	size_t i;

	for (i = 0; i < sizeof known_personal / sizeof known_personal[0]; i++)
		cat_index(known_personal[i]);
	for (i = 0; i < sizeof known_decoy / sizeof known_decoy[0]; i++)
		cats[cat_index(known_decoy[i])].decoy = 1;
}

/* ------------------------------------------------------------------ */
/* truth items and findings                                           */

struct item {
	long record, line;
	char *field, *value, *rule;
	long start, end;
	int cat, decoy, official;
	int hit;        /* truth: matched by a finding of its category; decoy: overlapped by a personal finding */
	long cov;       /* truth: covered from start up to here by findings of its category */
	long part[2][2];  /* an address's house and apartment spans ({-1, -1}: none) */
	int part_ok[2];   /* truth: a finding of its category has the same part */
	int status;     /* finding: 0 false positive, 1 correct, 2 ignored (official, --ignore-officials) */
};

struct items {
	struct item *v;
	size_t n, cap;
};

static long get_int(json_t *o, const char *key, const char *path, long line)
{
	json_t *j = json_object_get(o, key);

	if (!json_is_integer(j) || json_integer_value(j) < 0)
		fatal("%s:%ld: \"%s\" must be a non-negative integer", path, line, key);
	return (long)json_integer_value(j);
}

static const char *get_str(json_t *o, const char *key, const char *path, long line)
{
	json_t *j = json_object_get(o, key);

	if (!json_is_string(j))
		fatal("%s:%ld: \"%s\" must be a string", path, line, key);
	return json_string_value(j);
}

/* "parts": {"house": [s, e], "apartment": [s, e]}, either optional. */
static void read_parts(json_t *o, struct item *it, const char *path, long line)
{
	static const char *const names[2] = { "house", "apartment" };
	json_t *parts = json_object_get(o, "parts");
	int k;
	for (k = 0; k < 2; k++) {
		json_t *a = parts ? json_object_get(parts, names[k]) : NULL;
		it->part[k][0] = it->part[k][1] = -1;
		if (!a)
			continue;
		if (!json_is_array(a) || json_array_size(a) != 2 ||
		    !json_is_integer(json_array_get(a, 0)) || !json_is_integer(json_array_get(a, 1)))
			fatal("%s:%ld: \"parts\": \"%s\" must be [start, end]", path, line, names[k]);
		it->part[k][0] = (long)json_integer_value(json_array_get(a, 0));
		it->part[k][1] = (long)json_integer_value(json_array_get(a, 1));
	}
}

/* Read one JSON object per non-blank line. */
static void read_jsonl(const char *path, struct items *out, int truth)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;

	if (!f)
		fatal("cannot open '%s': %s", path, strerror(errno));
	while ((len = getline(&line, &cap, f)) >= 0) {
		json_error_t err;
		json_t *o, *j;
		struct item *it;

		lineno++;
		if ((size_t)len == strspn(line, " \t\r\n"))
			continue;
		o = json_loadb(line, (size_t)len, 0, &err);
		if (!o || !json_is_object(o))
			fatal("%s:%ld:%d: %s", path, lineno, err.column,
			      o ? "not a JSON object" : err.text);
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 4096;
			out->v = xrealloc(out->v, out->cap * sizeof *out->v);
		}
		it = &out->v[out->n++];
		memset(it, 0, sizeof *it);
		it->line = lineno;
		it->record = get_int(o, "record", path, lineno);
		it->field = xstrdup(get_str(o, "field", path, lineno));
		it->start = get_int(o, "start", path, lineno);
		it->end = get_int(o, "end", path, lineno);
		if (it->end < it->start)
			fatal("%s:%ld: end < start", path, lineno);
		it->cat = cat_index(get_str(o, "category", path, lineno));
		read_parts(o, it, path, lineno);
		if (truth) {
			it->decoy = json_is_true(json_object_get(o, "decoy"));
			it->official = json_is_true(json_object_get(o, "official"));
			if (it->decoy)
				cats[it->cat].decoy = 1;
			else if (cats[it->cat].decoy)
				fatal("%s:%ld: category %s is a decoy category but \"decoy\" is not true",
				      path, lineno, cats[it->cat].name);
			j = json_object_get(o, "value");
			it->value = xstrdup(json_is_string(j) ? json_string_value(j) : "");
		} else {
			j = json_object_get(o, "rule");
			it->rule = xstrdup(json_is_string(j) ? json_string_value(j) : "");
		}
		json_decref(o);
	}
	if (ferror(f))
		fatal("cannot read '%s'", path);
	free(line);
	fclose(f);
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->record != y->record)
		return x->record < y->record ? -1 : 1;
	c = strcmp(x->field, y->field);
	if (c)
		return c;
	return (x->start > y->start) - (x->start < y->start);
}

/* First truth item with (record, field) >= the finding's, by binary search. */
static size_t lower_bound(const struct items *t, const struct item *f)
{
	size_t a = 0, b = t->n;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		const struct item *x = &t->v[mid];
		int c = x->record != f->record ? (x->record < f->record ? -1 : 1)
					       : strcmp(x->field, f->field);

		if (c < 0)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

static int overlaps(const struct item *a, const struct item *b)
{
	return a->start < b->end && b->start < a->end;
}

/*
 * Match every finding against the truth items of its record and field.
 * Official truth items with --ignore-officials: a finding on one is neither
 * correct nor false, and the item does not count towards recall.
 */
static void match(struct items *t, struct items *fs, int ignore_officials)
{
	size_t i, k;
	int p;

	for (i = 0; i < fs->n; i++) {
		struct item *f = &fs->v[i];
		int personal = !cats[f->cat].decoy, ignored = 0;

		for (k = lower_bound(t, f); k < t->n; k++) {
			struct item *x = &t->v[k];

			if (x->record != f->record || strcmp(x->field, f->field) != 0)
				break;
			if (!overlaps(x, f))
				continue;
			if (x->decoy) {
				if (personal)
					x->hit = 1;
			} else if (x->cat == f->cat) {
				x->hit = 1;
				/* findings come in order of their start: each that
				 * begins within the covered part extends it */
				if (f->start <= x->cov && f->end > x->cov)
					x->cov = f->end;
				for (p = 0; p < 2; p++)
					x->part_ok[p] |= x->part[p][0] >= 0 && f->part[p][0] == x->part[p][0] &&
							 f->part[p][1] == x->part[p][1];
				if (x->official && ignore_officials) {
					ignored = 1;
				} else {
					f->status = 1;
				}
			}
		}
		if (f->status != 1 && ignored)
			f->status = 2;
	}
}

/* ------------------------------------------------------------------ */
/* report                                                             */

/* Is num/den (den > 0) below min? Then 1, and the measure joins the
 * failures ("name what 0.9512 < 0.9900"); 0 when it meets it or den = 0. */
static int below_target(char *failures, size_t cap, const char *name, const char *what, long num,
			long den, double min)
{
	size_t n = strlen(failures);
	if (den <= 0 || (double)num >= min * (double)den)
		return 0;
	snprintf(failures + n, cap - n, "%s%s %s %.4f < %.4f", n ? "; " : "", name, what,
		 (double)num / (double)den, min);
	return 1;
}

static void print_ratio(long num, long den)
{
	if (den)
		printf(" %9.4f", (double)num / (double)den);
	else
		printf(" %9s", "-");
}

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);

		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

static void usage(void)
{
	fputs("usage: evaluate TRUTH.jsonl FINDINGS.jsonl [--min-recall R] [--min-precision P]\n"
	      "                [--min-kept K] [--categories a,b,...] [--ignore-officials] [--list N]\n"
	      "  defaults: --min-recall 0.99 --min-precision 0.98 --min-kept 0.99; without\n"
	      "  --categories every personal category present in truth or findings is checked\n",
	      stderr);
	exit(EXIT_ERROR);
}

static double parse_ratio(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < 0 || v > 1)
		fatal("bad ratio '%s' (want 0..1)", s);
	return v;
}

int main(int argc, char **argv)
{
	const char *truth_path = NULL, *find_path = NULL, *only = NULL;
	double min_recall = 0.99, min_precision = 0.98, min_kept = 0.99;
	int ignore_officials = 0, nfail = 0, i, c;
	long list = 0, shown, dec_n = 0, dec_kept = 0, unmatched_noncat = 0;
	struct items t = {0}, fs = {0};
	char failures[4096] = "";
	size_t k;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--min-recall") == 0 && i + 1 < argc)
			min_recall = parse_ratio(argv[++i]);
		else if (strcmp(argv[i], "--min-precision") == 0 && i + 1 < argc)
			min_precision = parse_ratio(argv[++i]);
		else if (strcmp(argv[i], "--min-kept") == 0 && i + 1 < argc)
			min_kept = parse_ratio(argv[++i]);
		else if (strcmp(argv[i], "--categories") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (strcmp(argv[i], "--ignore-officials") == 0)
			ignore_officials = 1;
		else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc)
			list = atol(argv[++i]);
		else if (argv[i][0] == '-' && argv[i][1])
			usage();
		else if (!truth_path)
			truth_path = argv[i];
		else if (!find_path)
			find_path = argv[i];
		else
			usage();
	}
	if (!truth_path || !find_path)
		usage();

	cats_init();
	read_jsonl(truth_path, &t, 1);
	read_jsonl(find_path, &fs, 0);
	if (only) {
		const char *p = only;

		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			char name[64];

			if (n == 0 || n >= sizeof name)
				fatal("bad --categories '%s'", only);
			memcpy(name, p, n);
			name[n] = '\0';
			c = cat_index(name);
			if (cats[c].decoy)
				fatal("--categories: %s is a decoy category", name);
			p = comma ? comma + 1 : p + n;
		}
	}
	qsort(t.v, t.n, sizeof *t.v, item_cmp);
	/* the whole measure extends coverage finding by finding: in order of
	 * their start, whatever order the findings file has */
	qsort(fs.v, fs.n, sizeof *fs.v, item_cmp);
	for (k = 0; k < t.n; k++)
		t.v[k].cov = t.v[k].start;
	match(&t, &fs, ignore_officials);

	for (k = 0; k < t.n; k++) {
		struct item *x = &t.v[k];
		struct cat *ct = &cats[x->cat];

		if (x->decoy) {
			ct->dec_n++;
			ct->dec_kept += !x->hit;
			continue;
		}
		if (x->official) {
			ct->off_truth++;
			ct->off_found += x->hit;
			if (ignore_officials)
				continue;
		}
		ct->truth++;
		ct->found += x->hit;
		ct->whole += x->hit && x->cov >= x->end;
		for (c = 0; c < 2; c++)
			if (x->part[c][0] >= 0) {
				ct->parts++;
				ct->parts_ok += x->part_ok[c];
			}
	}
	for (k = 0; k < fs.n; k++) {
		struct item *f = &fs.v[k];
		struct cat *ct = &cats[f->cat];

		if (ct->decoy) {
			unmatched_noncat++;     /* kept by policy, never a false positive */
			continue;
		}
		if (f->status == 2)
			continue;
		ct->findings++;
		ct->correct += f->status == 1;
	}

	printf("truth %s: %zu items; findings %s: %zu\n", truth_path, t.n, find_path, fs.n);
	printf("\n%-12s %7s %7s %9s %9s %8s %9s %9s  %s\n", "category", "truth", "found", "recall",
	       "findings", "correct", "precision", "whole", "check");
	for (c = 0; c < ncats; c++) {
		struct cat *ct = &cats[c];
		const char *verdict;

		if (ct->decoy || (ct->truth == 0 && ct->findings == 0 && ct->off_truth == 0))
			continue;
		ct->checked = only ? in_list(only, ct->name) : 1;
		verdict = ct->checked ? "ok" : "info";
		if (ct->checked && ct->truth == 0 && ct->findings == 0)
			verdict = "skipped";
		if (ct->checked) {
			int below = below_target(failures, sizeof failures, ct->name, "recall", ct->found,
						 ct->truth, min_recall);
			/* found but cut short is a leak: the rest of the value is
			 * published ("Бондаренко Сергій [Ілліч]") */
			below += below_target(failures, sizeof failures, ct->name, "whole", ct->whole,
					      ct->truth, min_recall);
			below += below_target(failures, sizeof failures, ct->name, "precision", ct->correct,
					      ct->findings, min_precision);
			/* an address's house and apartment, as the truth has them */
			below += below_target(failures, sizeof failures, ct->name, "parts", ct->parts_ok,
					      ct->parts, min_recall);
			if (below)
				verdict = "FAIL";
			nfail += below;
		}
		printf("%-12s %7ld %7ld", ct->name, ct->truth, ct->found);
		print_ratio(ct->found, ct->truth);
		printf(" %9ld %8ld", ct->findings, ct->correct);
		print_ratio(ct->correct, ct->findings);
		print_ratio(ct->whole, ct->truth);
		printf("  %s\n", verdict);
		if (ct->parts)
			printf("  %-10s %7ld %7ld %9.4f  (house and apartment numbers as the finding's parts)\n",
			       "parts", ct->parts, ct->parts_ok, (double)ct->parts_ok / (double)ct->parts);
		if (ct->off_truth)
			printf("  %-10s %7ld %7ld%s\n", "officials", ct->off_truth, ct->off_found,
			       ignore_officials ? "  (ignored: --ignore-officials)" : "  (included above)");
	}
	if (only) {
		const char *p = only;

		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);

			for (c = 0; c < ncats; c++)
				if (strlen(cats[c].name) == n && strncmp(cats[c].name, p, n) == 0 &&
				    cats[c].truth == 0 && cats[c].findings == 0 && cats[c].off_truth == 0)
					printf("%-12s (absent from truth and findings: skipped)\n", cats[c].name);
			p = comma ? comma + 1 : p + n;
		}
	}

	printf("\n%-12s %7s %7s %9s\n", "decoy", "count", "kept", "share");
	for (c = 0; c < ncats; c++) {
		struct cat *ct = &cats[c];

		if (!ct->decoy || ct->dec_n == 0)
			continue;
		printf("%-12s %7ld %7ld", ct->name, ct->dec_n, ct->dec_kept);
		print_ratio(ct->dec_kept, ct->dec_n);
		printf("\n");
		dec_n += ct->dec_n;
		dec_kept += ct->dec_kept;
	}
	printf("%-12s %7ld %7ld", "all decoys", dec_n, dec_kept);
	print_ratio(dec_kept, dec_n);
	if (dec_n && (double)dec_kept < min_kept * (double)dec_n) {
		printf("  FAIL\n");
		nfail++;
		snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
			 "%sdecoys kept %.4f < %.4f", *failures ? "; " : "",
			 (double)dec_kept / (double)dec_n, min_kept);
	} else {
		printf("  %s\n", dec_n ? "ok" : "-");
	}
	if (unmatched_noncat)
		printf("%ld finding(s) in decoy categories (kept by policy, not false positives)\n",
		       unmatched_noncat);

	if (list > 0) {
		printf("\nmissed (up to %ld):\n", list);
		for (k = 0, shown = 0; k < t.n && shown < list; k++) {
			struct item *x = &t.v[k];

			if (x->decoy || x->hit || (x->official && ignore_officials))
				continue;
			if (only && !in_list(only, cats[x->cat].name))
				continue;
			printf("  record %ld field '%s' [%ld,%ld) %s%s '%s'\n", x->record, x->field,
			       x->start, x->end, cats[x->cat].name, x->official ? " (official)" : "",
			       x->value);
			shown++;
		}
		printf("false positives (up to %ld):\n", list);
		for (k = 0, shown = 0; k < fs.n && shown < list; k++) {
			struct item *f = &fs.v[k];
			size_t j;

			if (f->status != 0 || cats[f->cat].decoy)
				continue;
			if (only && !in_list(only, cats[f->cat].name))
				continue;
			printf("  %s:%ld record %ld field '%s' [%ld,%ld) %s rule '%s'", find_path,
			       f->line, f->record, f->field, f->start, f->end, cats[f->cat].name, f->rule);
			for (j = lower_bound(&t, f); j < t.n; j++) {
				struct item *x = &t.v[j];

				if (x->record != f->record || strcmp(x->field, f->field) != 0)
					break;
				if (overlaps(x, f)) {
					printf(" over %s '%s'", cats[x->cat].name, x->value);
					break;
				}
			}
			printf("\n");
			shown++;
		}
	}

	if (list > 0) {
		printf("decoys not kept (up to %ld):\n", list);
		for (k = 0, shown = 0; k < t.n && shown < list; k++) {
			struct item *x = &t.v[k];

			if (!x->decoy || !x->hit)
				continue;
			printf("  record %ld field '%s' [%ld,%ld) %s '%s'\n", x->record, x->field,
			       x->start, x->end, cats[x->cat].name, x->value);
			shown++;
		}
	}

	if (nfail)
		printf("\nresult: FAIL (%s)\n", failures);
	else
		printf("\nresult: ok\n");
	if (fflush(stdout) != 0 || ferror(stdout))
		fatal("cannot write to stdout");
	return nfail ? EXIT_BELOW : EXIT_PASS;
}
