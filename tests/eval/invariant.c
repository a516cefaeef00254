/*
 * invariant.c — checks a redaction against its input, record by record,
 * with znes's own readers (issue 7's invariants):
 *   - the output has the same records, of the same kinds, in the same
 *     order, each with the same number of fields under the same column
 *     names: nothing is lost, added or reordered;
 *   - a field whose value differs was rewritten by a token (it holds '[');
 *   - scanning the output with every rule finds no personal data left:
 *     nothing that scan finds survives redact.
 * Usage: invariant INPUT OUTPUT. Exit 0 when all hold, 1 otherwise (the
 * first few differences are printed without values), 2 on a read error.
 */
#include <stdio.h>
#include <string.h>

#include "rules/detect.h"
#include "scanner/reader.h"

static int open_one(const char *path, struct input *in, struct reader **rd)
{
	struct read_opts ro;
	memset(&ro, 0, sizeof ro);
	if (input_open(in, path, ENC_AUTO) < 0)
		return -1;
	*rd = reader_open(in, &ro);
	return *rd ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct input a, b;
	struct reader *ra = NULL, *rb = NULL;
	struct record x, y;
	struct detector d;
	unsigned long recs = 0, changed = 0, problems = 0, left = 0;
	const struct findings *ff;
	size_t i, k;
	int sa, sb;
	if (argc != 3) {
		fprintf(stderr, "usage: invariant INPUT OUTPUT\n");
		return 2;
	}
	if (open_one(argv[1], &a, &ra) < 0 || open_one(argv[2], &b, &rb) < 0)
		return 2;
	if (detector_init(&d, NULL, NULL) < 0)
		return 2;
	record_init(&x);
	record_init(&y);
	for (;;) {
		sa = reader_next(ra, &x);
		sb = reader_next(rb, &y);
		if (sa == RD_ERR || sb == RD_ERR)
			return 2;
		if (sa != sb) {
			printf("record %lu: one file ends before the other\n", recs);
			problems++;
			break;
		}
		if (sa == RD_EOF)
			break;
		recs++;
		if (x.kind != y.kind || x.nf != y.nf) {
			if (problems++ < 10)
				printf("line %lu: kind or field count differs (%zu vs %zu fields)\n", x.line, x.nf, y.nf);
			continue;
		}
		for (i = 0; i < x.nf; i++) {
			const struct field *f = &x.f[i], *g = &y.f[i];
			if (strcmp(reader_colname(ra, f->col), reader_colname(rb, g->col))) {
				if (problems++ < 10)
					printf("line %lu field %zu: column name differs\n", x.line, i);
				continue;
			}
			if (f->val.len == g->val.len && !memcmp(f->val.ptr, g->val.ptr, f->val.len))
				continue;
			changed++;
			if (!memchr(g->val.ptr, '[', g->val.len) && problems++ < 10)
				printf("line %lu field '%s': changed without a token\n", x.line, reader_colname(ra, f->col));
		}
		/* nothing personal may be found in what was written */
		ff = detector_run(&d, rb, &y);
		for (i = 0; i < y.nf; i++)
			for (k = 0; k < ff[i].n; k++)
				if (d.rs.cat[ff[i].v[k].cat].personal) {
					left++;
					if (problems++ < 10)
						printf("output line %lu field '%s': %s still found (rule %s)\n", y.line,
						       reader_colname(rb, y.f[i].col), d.rs.cat[ff[i].v[k].cat].id,
						       d.rs.rule[ff[i].v[k].rule].id);
				}
	}
	printf("%s: %lu records, %lu fields changed, %lu personal findings left, %lu problems\n",
	       argv[2], recs, changed, left, problems);
	detector_release(&d);
	record_release(&x);
	record_release(&y);
	reader_free(ra);
	reader_free(rb);
	input_release(&a);
	input_release(&b);
	return problems ? 1 : 0;
}
