/*
 * action.h — what happens to a field once its findings are known. For now
 * one action: each personal finding's span is replaced by its category
 * token ([ТЕЛЕФОН], [РНОКПП], …); non-personal categories (org_id) are kept.
 * The policy module (issue #4) chooses among more actions per finding.
 *
 * Ownership: rewritten values are appended to the caller's arena buffer;
 * the views handed back point into it and stay valid until the arena is
 * reset or grows (callers finish a record before reusing it).
 */
#ifndef ZNES_ACTION_H
#define ZNES_ACTION_H

#include "rules/engine.h"
#include "scanner/record.h"

/*
 * Rewrites field i of rec when any finding in ff is personal; returns 1 if
 * it changed. Offsets (not pointers) are recorded so the arena may grow;
 * call action_commit after the last field to set the records' views.
 */
int action_tokenize(const struct ruleset *rs, struct record *rec, size_t i,
		    const struct findings *ff, struct buf *arena);
void action_commit(struct record *rec, struct buf *arena);

#endif
