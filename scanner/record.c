/*
 * record.c — growing a record's field array and marking changes.
 */
#include "scanner/record.h"

#include <stdlib.h>
#include <string.h>

void record_init(struct record *r)
{
	memset(r, 0, sizeof *r);
}

void record_release(struct record *r)
{
	free(r->f);
	record_init(r);
}

struct field *record_add_field(struct record *r)
{
	struct field *f;
	if (r->nf == r->cap) {
		r->cap = r->cap ? st_mult(r->cap, 2) : 16;
		r->f = xrealloc(r->f, st_mult(r->cap, sizeof *r->f));
	}
	f = &r->f[r->nf++];
	memset(f, 0, sizeof *f);
	return f;
}

void record_clear_changes(struct record *r)
{
	size_t i;
	if (!r->changed)
		return;
	for (i = 0; i < r->nf; i++)
		r->f[i].changed = 0;
	r->changed = 0;
}

void record_set(struct record *r, size_t i, struct view v)
{
	r->f[i].nval = v;
	r->f[i].nval_utf8 = 0;
	r->f[i].changed = 1;
	r->changed = 1;
}
