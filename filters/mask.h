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

/*
 * An address, masked so an officer still sees what kind of address it is:
 * "м. Київ, вул. Ш*******, **, кв. *". The settlement, v[set_s..set_e)
 * (empty when the finding has none), stays as written: a town alone
 * identifies nobody. So do abbreviations (a word of up to five letters
 * with its dot: вул., просп., буд., кв.); other words keep their first
 * letter; every digit, and a house's letter (37-А), is masked (house
 * and apartment point at a home).
 */
void mask_address(struct buf *out, const char *v, size_t n, size_t set_s, size_t set_e);

#endif
