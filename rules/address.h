/*
 * address.h — the address recognizer: postal addresses in field values,
 * found by their street type (вул., просп., пр-т, ул. …, street_types.tsv)
 * and grown to the settlement, district and region before it and the house,
 * building and apartment after it. Each finding carries its parts (byte
 * spans of settlement, street, house, apartment) so a filter can generalise
 * (keep the settlement, drop the rest), and flags:
 *   F_ADDR_APARTMENT — it has an apartment or a room: a home, personal;
 *   F_INSTITUTION    — an office or cabinet: an institution's premises.
 * What a field cannot tell (whose record it is: a person's or a company's)
 * is left to the record level: in a JSON object that is an organisation's
 * (an ЄДРПОУ, no РНОКПП), the "address" category becomes "org_address"
 * (rules/packs/categories.json), which is not personal.
 *
 * Ownership: address_scan appends to the caller's findings.
 */
#ifndef ZNES_ADDRESS_H
#define ZNES_ADDRESS_H

#include "rules/names.h"

/*
 * Appends the addresses found in the tokenized value to out. Without
 * column support an address needs a street type, a street name and a house
 * number ("вул. Шевченка" alone is a street, not an address); in an
 * address column the street is enough.
 */
void address_scan(const struct lexicon *lx, const struct tokens *t, int column, unsigned cat,
		  unsigned rule, float conf, struct findings *out);

/*
 * Can the value hold an address? address_scan needs a street type right
 * before a capitalised word or a number: only the words before capitals
 * and numbers are looked up, not every word of the value.
 */
int address_may_be(const struct lexicon *lx, const char *s, size_t n);

/*
 * The same for one place: can the word that begins at s[p] be a street
 * type right before a capitalised word or a number? The engine asks it at
 * each word where its gate finds a street literal, so a long letter whose
 * only such word is "майданчик" costs a look at that word, not a walk
 * through every capital of the letter.
 */
int address_may_be_at(const struct lexicon *lx, const char *s, size_t n, size_t p);

#endif
