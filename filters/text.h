/*
 * text.h — comparison forms of short texts for the filters: a name or a
 * position written "КЛИЧКО Віталій", "Кличко  віталій" or with a typographic
 * apostrophe must compare equal when the policy lists officials and when
 * placeholders number the same person once. Only what Ukrainian text needs:
 * ASCII and Cyrillic case, apostrophe variants, runs of white space.
 *
 * Ownership: results are appended to the caller's buffer.
 */
#ifndef ZNES_TEXT_H
#define ZNES_TEXT_H

#include <stddef.h>

#include "scanner/buf.h"

/* Appends the folded form of s[0..n): lower case, one space between words,
 * no leading or trailing space, apostrophes as '. */
void text_fold(struct buf *out, const char *s, size_t n);
/* Whether folded needle occurs in folded hay at word boundaries. */
int text_has_words(const char *hay, size_t hn, const char *needle, size_t nn);

#endif
