/*
 * action.c — token replacement (see action.h).
 *
 * While a record is being rewritten, a changed field's nval.ptr holds an
 * offset into the arena (as a pointer-sized integer) and becomes a pointer
 * in action_commit: the arena may move while later fields are added.
 */
#include "filters/action.h"

#include <stdint.h>
#include <string.h>

int action_tokenize(const struct ruleset *rs, struct record *rec, size_t i,
		    const struct findings *ff, struct buf *arena)
{
	const struct field *f = &rec->f[i];
	size_t k, at = 0, start = arena->len;
	int any = 0;
	struct view v;
	for (k = 0; k < ff->n; k++)
		any |= rs->cat[ff->v[k].cat].personal;
	if (!any)
		return 0;
	for (k = 0; k < ff->n; k++) {
		const struct finding *fd = &ff->v[k];
		if (!rs->cat[fd->cat].personal)
			continue;
		buf_add(arena, f->val.ptr + at, fd->start - at);
		buf_adds(arena, rs->cat[fd->cat].token);
		at = fd->end;
	}
	buf_add(arena, f->val.ptr + at, f->val.len - at);
	v.ptr = (const char *)(uintptr_t)start;
	v.len = arena->len - start;
	record_set(rec, i, v);
	return 1;
}

void action_commit(struct record *rec, struct buf *arena)
{
	size_t i;
	for (i = 0; i < rec->nf; i++)
		if (rec->f[i].changed)
			rec->f[i].nval.ptr = arena->ptr + (uintptr_t)rec->f[i].nval.ptr;
}
