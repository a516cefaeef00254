/*
 * validators.h — pure checks for the structured Ukrainian identifiers the
 * rules look for (domain.md §2–3): tax numbers, register numbers, bank
 * accounts and cards, phones, e-mail, plates, cadastral and passport
 * numbers, numeric dates. A detector finds a candidate span with a pattern;
 * these functions decide whether the span really is such an identifier and,
 * where it carries one, decode what it leaks (the birth date in a РНОКПП or
 * УНЗР) or normalize it (a phone to E.164, a plate to Cyrillic).
 *
 * Ownership: nothing here allocates, keeps state or does I/O. Every input is
 * a byte view (s, n) in UTF-8, not NUL-terminated, read only within
 * s[0..n); s may be NULL when n is 0. Outputs go to caller-owned objects of
 * the stated size: a struct result (date, birth, info) is written only on
 * success and may be NULL; a text result (e164, plate) holds "" after a
 * failure, so a caller never reads stale text. Unless stated, a function
 * returns 1 for valid and 0 for invalid.
 */
#ifndef ZNES_VALIDATORS_H
#define ZNES_VALIDATORS_H

#include <stddef.h>

/* The pivot for two-digit years: yy > 26 is 19yy, otherwise 20yy. A fixed
 * constant, not today's date, so results do not change with the clock. */
#define VAL_YY_PIVOT 26

struct ymd {
	int y, m, d;
};

/* 1 when y-m-d is a real calendar date in 1900..2100 (Gregorian leap years). */
int val_ymd(int y, int m, int d);

/*
 * A numeric date that is the whole input: dd.mm.yyyy, d.m.yyyy, dd/mm/yyyy,
 * dd-mm-yyyy, yyyy-mm-dd, yyyy.mm.dd, and dd.mm.yy (two-digit years only
 * with dots, see VAL_YY_PIVOT). Day and month take one or two digits; both
 * separators must be the same. On success fills *out (out may be NULL).
 */
int parse_date_numeric(const char *s, size_t n, struct ymd *out);

struct rnokpp_info {
	struct ymd birth; /* 1899-12-31 + the first five digits, in days */
	char sex;         /* 'M' or 'F', from the parity of the ninth digit */
};

/*
 * РНОКПП (ІПН): exactly 10 ASCII digits whose tenth is the check digit,
 * not all the same digit. On success fills *info when info is not NULL.
 */
int val_rnokpp(const char *s, size_t n, struct rnokpp_info *info);

/* Is the birth date a valid РНОКПП s encodes before 1 January of year?
 * (the detector's one question of it, without making the date) */
int rnokpp_born_before(const char *s, int year);

/* A year someone alive may be born in: four ASCII digits, 1900-2099
 * ("1975 р.н."; the rule asks for the words after it). */
int val_birth_year(const char *s, size_t n);

/* ЄДРПОУ: exactly 8 ASCII digits with a valid check digit, not 00000000. */
int val_edrpou(const char *s, size_t n);

/*
 * УНЗР: YYYYMMDD-NNNNC or YYYYMMDDNNNNC, a valid birth date, a serial
 * NNNN in 0001..9999 and the check digit C. On success fills *birth when
 * birth is not NULL.
 */
int val_unzr(const char *s, size_t n, struct ymd *birth);

/*
 * IBAN of Ukraine: "UA" (either case) + 27 digits once spaces (ASCII or
 * no-break) are removed, with ISO 13616 check digits (mod 97 == 1).
 */
int val_iban_ua(const char *s, size_t n);

/*
 * Luhn (mod 10) over the digits of s; spaces, no-break spaces and hyphens
 * are skipped, any other byte makes it invalid; at least two digits.
 */
int val_luhn(const char *s, size_t n);

/*
 * Payment card: 13..19 digits, optionally grouped by single separators
 * (space, no-break space or hyphen) between digits, Luhn valid, not all
 * one digit, with an issuer prefix: first digit 2..6 (Mastercard 2221–2720
 * and 51–55, Amex/JCB/Diners 3x, Visa 4, Maestro 50/56–69, UnionPay 62)
 * or 9804 (ПРОСТІР).
 */
int val_card(const char *s, size_t n);

enum phone_kind {
	PHONE_INVALID = 0,
	PHONE_MOBILE,
	PHONE_FIXED,
	PHONE_TOLLFREE,
	PHONE_PREMIUM,
	PHONE_VOIP
};

/*
 * Normalizes a Ukrainian phone number written as +380…, 380…, +38 0…,
 * 0…, 00380…, legacy 8 0… (the old long-distance 8) or the typo +380 0….
 * Separators: spaces, no-break spaces, ( ) - . ; a '+' only in front. The
 * national significant number must fit libphonenumber's UA plan (9 digits;
 * toll-free and premium also 10). On success writes "+380" + NSN into
 * e164 and returns the kind; otherwise writes "" and returns PHONE_INVALID.
 * Local numbers without an area code are phone_ua_local's business.
 */
enum phone_kind phone_ua_normalize(const char *s, size_t n, char e164[16]);

/*
 * A local number without an area code: 5..7 digits, separated by single
 * spaces or hyphens ("35 83 70", "2-34-56", "234-56-78"), not starting
 * with 0. Weak evidence: call it only when the context says "phone".
 */
int phone_ua_local(const char *s, size_t n);

/*
 * E-mail, a practical RFC 5322 subset: ASCII atext local part with single
 * inner dots (≤ 64 bytes), '@', two or more domain labels of letters,
 * digits and inner hyphens (UTF-8 letters allowed, ≤ 63 bytes each), and a
 * top-level label of ≥ 2 letters or an "xn--" A-label.
 */
int val_email(const char *s, size_t n);

/*
 * Vehicle plate of the 2004 format (ДСТУ 4278): 2 letters + 4 digits + 2
 * letters, with optional single spaces between the groups, letters from
 * А В Е І К М Н О Р С Т Х (Cyrillic capitals) or their Latin look-alikes,
 * mixed freely. The series (last two letters) of an electric car may start
 * with the Latin Z or Y, or be TV, TW, TY, TZ for an electric taxi. Formats
 * older than 2004 are not accepted. On success writes the form without
 * spaces, look-alikes turned Cyrillic (Z, Y, V, W stay Latin: they have no
 * Cyrillic twin on plates), to out; otherwise writes "".
 */
int val_plate(const char *s, size_t n, char out[32]);

/*
 * Cadastral number NNNNNNNNNN:NN:NNN:NNNN whose first two digits are a
 * КОАТУУ region code (01 Crimea … 85 Sevastopol).
 */
int val_cadastral(const char *s, size_t n);

/*
 * Passport booklet: 2 Ukrainian Cyrillic capitals (a Latin look-alike may
 * stand for one of them, not both), then optionally a space or hyphen,
 * optionally "№" with an optional space, then 6 digits: "СН 123456",
 * "КВ123456", "КВ №123456".
 */
int val_passport_booklet(const char *s, size_t n);

/* Foreign passport: 2 Latin capitals, an optional space, 6 digits. */
int val_passport_foreign(const char *s, size_t n);

/* ID card (passport since 2016): exactly 9 ASCII digits. */
int val_id_card(const char *s, size_t n);

#endif
