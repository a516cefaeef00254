/*
 * mask.h — masked renderings of personal values, for reports: enough of
 * the shape to recognise what was found (+380 67 *** ** 67), never the
 * value itself. Used by `znes scan` for its examples.
 */
#ifndef ZNES_MASK_H
#define ZNES_MASK_H

#include <stddef.h>

#include "scanner/buf.h"

/*
 * Appends a masked form of v[0..n) to out. `norm` (may be "") is the
 * validator's normal form; for phones it is E.164 and the mask keeps the
 * country and operator code and the last two digits. Otherwise digits and
 * letters become '*' except the last two digits (or the first letter of
 * an e-mail's local part and its domain, or a name's initials); separators
 * stay.
 */
void mask_value(struct buf *out, const char *cat, const char *v, size_t n, const char *norm);

#endif
