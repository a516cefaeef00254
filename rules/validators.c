/*
 * validators.c — the checksum and format checks behind znes's structured
 * rules. In the pipeline a rule's pattern proposes a candidate span inside a
 * field; the rule then asks one of these functions whether the span is
 * really an РНОКПП, an IBAN, a phone… A pattern alone matches any ten
 * digits; the check digit, the calendar and the numbering plan are what
 * separate a tax number from an invoice total. Everything here is a pure
 * function of its bytes: no allocation, no state, no clock, no locale, so
 * the same input gives the same verdict in every run and every thread.
 *
 * Each algorithm was checked against an independent reference (cited where
 * it is implemented) and the unit tests use that reference's vectors where
 * it publishes any (tests/unit/test_validators.c).
 */
#include <stdint.h>
#include <string.h>

#include "rules/validators.h"
#include "scanner/util.h"
#include "scanner/banned.h"

/* ---------------------------------------------------------------- bytes */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* "0000000000" passes the РНОКПП checksum; no real number repeats one
 * digit, and placeholders in datasets often do. */
static int all_same(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return 1;
}

/*
 * Byte length of a space at s[i]: ASCII space, U+00A0 or U+202F (the
 * no-break spaces Excel and 1C put between digit groups, as in "1 500,00"),
 * or 0 when s[i] starts something else.
 */
static size_t space_len(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= n)
		return 0;
	if (u[0] == ' ')
		return 1;
	if (u[0] == 0xC2 && n - i >= 2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && n - i >= 3 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

/*
 * Decodes one UTF-8 code point at s[i] into *cp; returns its length, or 0
 * for anything RFC 3629 forbids (overlongs, surrogates, > U+10FFFF, a
 * sequence cut by the end of the view), so a malformed byte is never
 * taken for a letter.
 */
static size_t utf8_next(const char *s, size_t n, size_t i, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t len, k;
	unsigned long c, min;

	if (i >= n)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
		min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
		min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* ---------------------------------------------------------------- dates */

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* civil_from_days (util.h) as a struct ymd. */
static struct ymd ymd_from_days(long long z)
{
	struct ymd r;
	long long y;
	unsigned m, d;
	civil_from_days(z, &y, &m, &d);
	r.y = (int)y;
	r.m = (int)m;
	r.d = (int)d;
	return r;
}

int val_ymd(int y, int m, int d)
{
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days_in_month(y, m);
}

/* Reads up to five digits at s[i] (enough to see that a run is too long,
 * never enough to overflow *val); returns how many it read. */
static size_t digit_run(const char *s, size_t n, size_t i, int *val)
{
	size_t k = 0;

	*val = 0;
	while (i + k < n && k < 5 && is_digit(s[i + k])) {
		*val = *val * 10 + (s[i + k] - '0');
		k++;
	}
	return k;
}

int parse_date_numeric(const char *s, size_t n, struct ymd *out)
{
	size_t i, a, b, c;
	int v1, v2, v3, y, m, d;
	char sep;

	if (!s)
		return 0;
	a = digit_run(s, n, 0, &v1);
	i = a;
	if (a == 0 || i >= n)
		return 0;
	sep = s[i++];
	if (sep != '.' && sep != '/' && sep != '-')
		return 0;
	b = digit_run(s, n, i, &v2);
	i += b;
	if (b == 0 || b > 2 || i >= n || s[i] != sep)
		return 0;
	i++;
	c = digit_run(s, n, i, &v3);
	i += c;
	if (i != n)
		return 0;

	if (a == 4) {
		/* yyyy-mm-dd and yyyy.mm.dd; nobody here writes yyyy/mm/dd */
		if (sep == '/' || c == 0 || c > 2)
			return 0;
		y = v1;
		m = v2;
		d = v3;
	} else if (a <= 2) {
		d = v1;
		m = v2;
		if (c == 4)
			y = v3;
		else if (c == 2 && sep == '.')
			/* Two-digit years only in the dotted form, where
			 * "01.02.80" is common; "01-02-80" reads as a code. */
			y = v3 > VAL_YY_PIVOT ? 1900 + v3 : 2000 + v3;
		else
			return 0;
	} else {
		return 0;
	}
	if (!val_ymd(y, m, d))
		return 0;
	if (out) {
		out->y = y;
		out->m = m;
		out->d = d;
	}
	return 1;
}

/* --------------------------------------------------------------- РНОКПП */

/* The birth date an РНОКПП's first five digits give, as days from
 * 1970-01-01 (the digits count days from 1899-12-31). */
static long long rnokpp_birth_days(const char *s)
{
	long days = 0;
	int i;
	for (i = 0; i < 5; i++)
		days = days * 10 + (s[i] - '0');
	return days_from_civil(1899, 12, 31) + days;
}

/*
 * Weights, the "(Σ mod 11) mod 10" rule and the vectors 1759013776,
 * 2530414071, 3451517675 come from python-stdnum's stdnum/ua/rntrc.py and
 * tests/test_ua_rntrc.doctest (Python's % is never negative, which is the
 * behaviour C needs spelled out: the weight −1 can make Σ negative, e.g.
 * 9000000002 has Σ = −9 and check digit 2, while C's −9 % 11 is −9).
 * Birth date: 3184710691 decodes to 1987-03-12, as the ua-pii project's
 * test cites from Wikipedia's РНОКПП article.
 */
int val_rnokpp(const char *s, size_t n, struct rnokpp_info *info)
{
	static const int w[9] = { -1, 5, 7, 9, 4, 6, 10, 5, 7 };
	int sum = 0, r, i;

	if (!s || n != 10 || !all_digits(s, n) || all_same(s, n))
		return 0;
	for (i = 0; i < 9; i++)
		sum += w[i] * (s[i] - '0');
	r = sum % 11;
	if (r < 0)
		r += 11;
	if (r % 10 != s[9] - '0')
		return 0;
	if (info) {
		info->birth = ymd_from_days(rnokpp_birth_days(s));
		info->sex = (s[8] - '0') % 2 ? 'M' : 'F';
	}
	return 1;
}

int rnokpp_born_before(const char *s, int year)
{
	return rnokpp_birth_days(s) < days_from_civil(year, 1, 1);
}

int val_birth_year(const char *s, size_t n)
{
	int y;
	if (!s || n != 4 || !all_digits(s, n))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return y >= 1900 && y <= 2099;
}

/* --------------------------------------------------------------- ЄДРПОУ */

static int edrpou_sum(const char *s, const int *w, int add)
{
	int sum = 0, i;

	for (i = 0; i < 7; i++)
		sum += (w[i] + add) * (s[i] - '0');
	return sum % 11;
}

/*
 * domain.md's algorithm; python-stdnum's stdnum/ua/edrpou.py is the same
 * (it switches weights on a first digit of 3, 4 or 5, which differs from
 * "30000000 < code < 60000000" only at 30000000 itself, invalid either
 * way), and its tests/test_ua_edrpou.doctest vectors pass here.
 */
int val_edrpou(const char *s, size_t n)
{
	static const int low[7] = { 1, 2, 3, 4, 5, 6, 7 };
	static const int mid[7] = { 7, 1, 2, 3, 4, 5, 6 };
	const int *w;
	long code = 0;
	int c;
	size_t i;

	if (!s || n != 8 || !all_digits(s, n))
		return 0;
	for (i = 0; i < 8; i++)
		code = code * 10 + (s[i] - '0');
	if (code == 0)
		return 0;
	w = code > 30000000L && code < 60000000L ? mid : low;
	c = edrpou_sum(s, w, 0);
	if (c >= 10) {
		c = edrpou_sum(s, w, 2);
		if (c >= 10)
			c = 0;
	}
	return c == s[7] - '0';
}

/* ----------------------------------------------------------------- УНЗР */

/*
 * The check digit is the ICAO Doc 9303 machine-readable-zone method:
 * weights 7, 3, 1 repeated over the 12 digits, Σ mod 10. Confirmed by:
 *  - the State Migration Service (mvs.gov.ua, "Unique registration number
 *    in the Unified State Register", 14.11.2023): 8 date digits, a code
 *    0001..9999, and a control digit computed "by the method of control
 *    digits in the machine-readable zone of passports";
 *  - datafaker (net/datafaker/idnumbers/UkrainianIdNumber.java and its
 *    test), an independent generator/validator with weights 7,3,1 ×4, mod 10;
 *  - the ua-pii project's validator and its "official worked example"
 *    19550212-01110 (Σ = 100, check digit 0), used in the tests.
 */
int val_unzr(const char *s, size_t n, struct ymd *birth)
{
	static const int w[3] = { 7, 3, 1 };
	char d[13];
	size_t i, k = 0;
	int sum = 0, y, m, day, serial;

	if (!s || (n != 13 && n != 14))
		return 0;
	for (i = 0; i < n; i++) {
		if (n == 14 && i == 8) {
			if (s[i] != '-')
				return 0;
			continue;
		}
		if (!is_digit(s[i]))
			return 0;
		d[k++] = s[i];
	}
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[4] - '0') * 10 + (d[5] - '0');
	day = (d[6] - '0') * 10 + (d[7] - '0');
	serial = (d[8] - '0') * 1000 + (d[9] - '0') * 100 + (d[10] - '0') * 10 + (d[11] - '0');
	if (!val_ymd(y, m, day) || serial == 0)
		return 0;
	for (i = 0; i < 12; i++)
		sum += w[i % 3] * (d[i] - '0');
	if (sum % 10 != d[12] - '0')
		return 0;
	if (birth) {
		birth->y = y;
		birth->m = m;
		birth->d = day;
	}
	return 1;
}

/* ----------------------------------------------------------------- IBAN */

/*
 * ISO 13616: move "UA" and the check digits to the end, read U = 30 and
 * A = 10, the whole number mod 97 must be 1; computed digit by digit so
 * nothing overflows. The registry entry for UA (UA2!n6!n19!c, example
 * UA21 3223 1300 0002 6007 2335 6600 1) allows letters in the account
 * part; Ukrainian banks issue digits only, so 27 digits are required.
 */
/*
 * ISO 7064 mod 97-10 over the digits of bban, then "UA" as 30 10, then
 * the two check digits: the number taken nine digits at a time (r < 97
 * keeps r * 10^9 + 999999999 within 64 bits), a division per nine
 * digits rather than one per digit.
 */
static unsigned mod97(const char *bban, size_t n, const char check[2])
{
	char d[40];
	size_t k, i;
	uint64_t r = 0;
	memcpy(d, bban, n);
	memcpy(d + n, "3010", 4);
	d[n + 4] = check[0];
	d[n + 5] = check[1];
	n += 6;
	for (i = 0; i < n; i += k) {
		uint64_t chunk = 0, scale = 1;
		for (k = 0; k < 9 && i + k < n; k++) {
			chunk = chunk * 10 + (uint64_t)(d[i + k] - '0');
			scale *= 10;
		}
		r = (r * scale + chunk) % 97;
	}
	return (unsigned)r;
}

int val_iban_ua(const char *s, size_t n)
{
	char b[29];
	size_t i = 0, k = 0, sp;

	/* starts with the letters, ends with a digit: no stray spaces */
	if (!s || n < 29 || (s[0] != 'U' && s[0] != 'u') || !is_digit(s[n - 1]))
		return 0;
	while (i < n) {
		sp = space_len(s, n, i);
		if (sp) {
			i += sp;
			continue;
		}
		if (k == sizeof b)
			return 0;
		b[k++] = s[i++];
	}
	if (k != sizeof b || (b[0] != 'U' && b[0] != 'u') || (b[1] != 'A' && b[1] != 'a'))
		return 0;
	if (!all_digits(b + 2, sizeof b - 2))
		return 0;
	return mod97(b + 4, sizeof b - 4, b + 2) == 1;
}

/* ----------------------------------------------------------------- Luhn */

/* Luhn over digits[0..n), rightmost digit undoubled (ISO/IEC 7812-1). */
static int luhn_digits(const char *d, size_t n)
{
	size_t i;
	int sum = 0, x;

	for (i = 0; i < n; i++) {
		x = d[n - 1 - i] - '0';
		if (i % 2) {
			x *= 2;
			if (x > 9)
				x -= 9;
		}
		sum += x;
	}
	return sum % 10 == 0;
}

int val_luhn(const char *s, size_t n)
{
	size_t i, nd = 0;
	int sum = 0, x;

	if (!s)
		return 0;
	/* Walk from the right so the doubling parity needs no digit buffer. */
	for (i = n; i > 0; i--) {
		char c = s[i - 1];

		if (is_digit(c)) {
			x = c - '0';
			if (nd % 2) {
				x *= 2;
				if (x > 9)
					x -= 9;
			}
			sum += x;
			nd++;
			continue;
		}
		if (c == ' ' || c == '-')
			continue;
		/* a no-break space ends in A0 or AF: find its first byte */
		if (i >= 2 && space_len(s, n, i - 2) == 2) {
			i--;
			continue;
		}
		if (i >= 3 && space_len(s, n, i - 3) == 3) {
			i -= 2;
			continue;
		}
		return 0;
	}
	return nd >= 2 && sum % 10 == 0;
}

/* ----------------------------------------------------------------- card */

/*
 * Issuer prefixes (ISO/IEC 7812 IIN): 2 (Mastercard 2221–2720, Мир
 * 2200–2204), 3 (Amex 34/37, JCB 35, Diners 30/36/38), 4 (Visa),
 * 5 (Maestro 50, Mastercard 51–55, Maestro 56–59), 6 (Maestro, Discover,
 * UnionPay 62). ПРОСТІР, Ukraine's national scheme, issues 9804…: major
 * industry identifier 9 (national assignment) + 804, Ukraine's ISO 3166
 * numeric code. That prefix is derived from ISO/IEC 7812, not from a
 * published ПРОСТІР BIN table.
 */
static int card_prefix_ok(const char *d)
{
	if (d[0] >= '2' && d[0] <= '6')
		return 1;
	return memcmp(d, "9804", 4) == 0;
}

int val_card(const char *s, size_t n)
{
	char d[19];
	size_t i = 0, nd = 0, sep;

	if (!s || n == 0 || !is_digit(s[0]))
		return 0;
	while (i < n) {
		if (is_digit(s[i])) {
			if (nd == sizeof d)
				return 0;
			d[nd++] = s[i++];
			continue;
		}
		sep = s[i] == '-' ? 1 : space_len(s, n, i);
		/* one separator, between two digits: groups, not free text */
		if (!sep || i + sep >= n || !is_digit(s[i + sep]))
			return 0;
		i += sep;
	}
	if (nd < 13 || all_same(d, nd) || !card_prefix_ok(d))
		return 0;
	return luhn_digits(d, nd);
}

/* ---------------------------------------------------------------- phone */

/*
 * libphonenumber's UA metadata (PhoneNumberMetadata.xml, as generated into
 * libphonenumber-for-php-lite's UA data file), on the national significant
 * number:
 *   mobile     790\d{6}|(?:39|50|6[36-8]|7[1-357]|9[1-9])\d{7}
 *   fixed line (?:3[1-8]|4[13-8]|5[1-7]|6[12459])\d{7}
 *   toll-free  800[1-8]\d{5,6}     premium  900[239]\d{5,6}
 *   VoIP       89[1-579]\d{6}
 * Toll-free and premium numbers may thus have 10 digits.
 */
static enum phone_kind nsn_kind(const char *p, size_t n)
{
	int two;

	if (n != 9 && n != 10)
		return PHONE_INVALID;
	if (memcmp(p, "800", 3) == 0 && p[3] >= '1' && p[3] <= '8')
		return PHONE_TOLLFREE;
	if (memcmp(p, "900", 3) == 0 && (p[3] == '2' || p[3] == '3' || p[3] == '9'))
		return PHONE_PREMIUM;
	if (n != 9)
		return PHONE_INVALID;
	if (memcmp(p, "790", 3) == 0)
		return PHONE_MOBILE;
	if (p[0] == '8' && p[1] == '9' && p[2] >= '1' && p[2] <= '9' && p[2] != '6' && p[2] != '8')
		return PHONE_VOIP;
	two = (p[0] - '0') * 10 + (p[1] - '0');
	switch (two) {
	case 39: case 50: case 63: case 66: case 67: case 68:
	case 71: case 72: case 73: case 75: case 77:
	case 91: case 92: case 93: case 94: case 95: case 96: case 97: case 98: case 99:
		return PHONE_MOBILE;
	case 31: case 32: case 33: case 34: case 35: case 36: case 37: case 38:
	case 41: case 43: case 44: case 45: case 46: case 47: case 48:
	case 51: case 52: case 53: case 54: case 55: case 56: case 57:
	case 61: case 62: case 64: case 65: case 69:
		return PHONE_FIXED;
	default:
		return PHONE_INVALID;
	}
}

enum phone_kind phone_ua_normalize(const char *s, size_t n, char e164[16])
{
	char d[16];
	size_t i, sp, nd = 0, skip = 0;
	int plus = 0;
	enum phone_kind kind;

	if (e164)
		e164[0] = '\0';
	if (!s)
		return PHONE_INVALID;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (is_digit(c)) {
			if (nd == sizeof d)
				return PHONE_INVALID;
			d[nd++] = c;
		} else if (c == '+') {
			if (nd || plus)
				return PHONE_INVALID;
			plus = 1;
		} else if (c == ' ' || c == '(' || c == ')' || c == '-' || c == '.') {
			continue;
		} else if ((sp = space_len(s, n, i)) != 0) {
			i += sp - 1;
		} else {
			return PHONE_INVALID;
		}
	}
	/* skip = how many leading digits precede the NSN */
	if (!plus && nd >= 5 && memcmp(d, "00380", 5) == 0) {
		skip = 2; /* the international prefix dialled from Ukraine */
		plus = 1;
	}
	if (nd - skip >= 3 && memcmp(d + skip, "380", 3) == 0) {
		/* "+38 (067)…" has the same digits as "+380 67…"; a second 0,
		 * as in "+380 067…", is the trunk prefix kept by mistake: no
		 * NSN starts with 0, so dropping it cannot change a number. */
		skip += 3;
		if (skip < nd && d[skip] == '0')
			skip++;
	} else if (plus) {
		return PHONE_INVALID; /* another country */
	} else if (nd >= 2 && d[0] == '8' && d[1] == '0') {
		skip = 2; /* long-distance 8 before the trunk 0 */
	} else if (nd >= 1 && d[0] == '0') {
		skip = 1;
	} else {
		return PHONE_INVALID;
	}
	kind = nsn_kind(d + skip, nd - skip);
	if (kind != PHONE_INVALID && e164) {
		memcpy(e164, "+380", 4);
		memcpy(e164 + 4, d + skip, nd - skip);
		e164[4 + nd - skip] = '\0';
	}
	return kind;
}

int phone_ua_local(const char *s, size_t n)
{
	size_t i = 0, nd = 0, sep;

	if (!s || n == 0 || !is_digit(s[0]) || s[0] == '0')
		return 0;
	while (i < n) {
		if (is_digit(s[i])) {
			nd++;
			i++;
			continue;
		}
		sep = s[i] == '-' ? 1 : space_len(s, n, i);
		if (!sep || i + sep >= n || !is_digit(s[i + sep]))
			return 0;
		i += sep;
	}
	return nd >= 5 && nd <= 7;
}

/* --------------------------------------------------------------- e-mail */

/* RFC 5322 atext, ASCII only (SMTPUTF8 local parts are rare in datasets). */
static int is_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	       (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static int is_alpha(unsigned long c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A non-ASCII code point that may be a letter of an IDN label (".укр",
 * "київ.укр"). Without Unicode tables we exclude what is certainly not a
 * letter: C1 controls and Latin-1 symbols, × and ÷, the punctuation,
 * symbol and arrow blocks U+2000–U+2BFF, CJK punctuation, variation
 * selectors, the BOM and specials.
 */
static int idn_letter(unsigned long c)
{
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return 0;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F))
		return 0;
	if ((c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c >= 0xFFF0)
		return 0;
	return 1;
}

static int ascii_ieq(const char *s, const char *lower, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return 0;
	}
	return 1;
}

/* The top-level label: letters only (≥ 2 code points), or an A-label. */
static int tld_ok(const char *s, size_t n)
{
	size_t i = 0, len, letters = 0;
	unsigned long cp;

	if (n >= 5 && ascii_ieq(s, "xn--", 4))
		return 1; /* the label loop already checked its characters */
	while (i < n) {
		len = utf8_next(s, n, i, &cp);
		if (!len || !(is_alpha(cp) || (cp >= 0x80 && idn_letter(cp))))
			return 0;
		letters++;
		i += len;
	}
	return letters >= 2;
}

int val_email(const char *s, size_t n)
{
	size_t i, at, start, labels = 0, len;
	unsigned long cp;

	if (!s || n < 6 || n > 254)
		return 0;
	for (at = 0; at < n && s[at] != '@'; at++) {
		if (s[at] == '.') {
			if (at == 0 || s[at - 1] == '.')
				return 0;
		} else if (!is_atext(s[at])) {
			return 0;
		}
	}
	if (at == 0 || at == n || at > 64 || s[at - 1] == '.')
		return 0;

	start = i = at + 1;
	for (;;) {
		if (i == n || s[i] == '.') {
			if (i == start || i - start > 63 || s[start] == '-' || s[i - 1] == '-')
				return 0;
			labels++;
			if (i == n)
				break;
			start = ++i;
			continue;
		}
		len = utf8_next(s, n, i, &cp);
		if (!len)
			return 0;
		if (!(is_alpha(cp) || (cp < 0x80 && is_digit((char)cp)) || cp == '-' ||
		      (cp >= 0x80 && idn_letter(cp))))
			return 0;
		i += len;
	}
	return labels >= 2 && tld_ok(s + start, n - start);
}

/* ---------------------------------------------------------------- plate */

/*
 * The plate alphabet (ДСТУ 4278:2004): the 12 Cyrillic capitals whose
 * glyphs match Latin ones, so a plate reads the same abroad (Vienna
 * Convention). cyr is the second byte of the letter's UTF-8 form, D0 xx.
 */
static const struct plate_letter {
	char latin;
	unsigned char cyr;
} plate_letters[] = {
	{ 'A', 0x90 }, { 'B', 0x92 }, { 'E', 0x95 }, { 'I', 0x86 },
	{ 'K', 0x9A }, { 'M', 0x9C }, { 'H', 0x9D }, { 'O', 0x9E },
	{ 'P', 0xA0 }, { 'C', 0xA1 }, { 'T', 0xA2 }, { 'X', 0xA5 },
};

/*
 * Reads one plate letter at s[*i], Cyrillic or Latin look-alike; returns
 * its entry and advances *i, or NULL. *latin_out receives the Latin byte
 * when the letter is one of `extra` (Latin letters with no Cyrillic twin
 * allowed at this position), with NULL returned and *i advanced.
 */
static const struct plate_letter *read_plate_letter(const char *s, size_t n, size_t *i,
						    const char *extra, char *latin_out)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t k;

	*latin_out = '\0';
	if (*i >= n)
		return NULL;
	for (k = 0; k < sizeof plate_letters / sizeof plate_letters[0]; k++) {
		if (s[*i] == plate_letters[k].latin) {
			*i += 1;
			return &plate_letters[k];
		}
		if (u[0] == 0xD0 && n - *i >= 2 && u[1] == plate_letters[k].cyr) {
			*i += 2;
			return &plate_letters[k];
		}
	}
	if (extra && s[*i] != '\0' && strchr(extra, s[*i])) {
		*latin_out = s[*i];
		*i += 1;
	}
	return NULL;
}

static size_t put_letter(char *out, size_t o, const struct plate_letter *l, char latin)
{
	if (l) {
		out[o++] = (char)0xD0;
		out[o++] = (char)l->cyr;
	} else {
		out[o++] = latin;
	}
	return o;
}

static size_t skip_one_space(const char *s, size_t n, size_t i)
{
	return i + space_len(s, n, i);
}

/*
 * Electric cars since 2020 (law No. 10405): the series carries the Latin
 * Z (Zero emission) or, since May 2022, Y first; electric taxis use TV,
 * TW, TY, TZ (uamotors.com.ua, bigkyiv.com.ua reports, 2020–2022).
 */
int val_plate(const char *s, size_t n, char out[32])
{
	char buf[32], lat1, lat2;
	const struct plate_letter *l1, *l2;
	size_t i = 0, o = 0, k;

	if (out)
		out[0] = '\0';
	if (!s)
		return 0;
	/* region code */
	for (k = 0; k < 2; k++) {
		l1 = read_plate_letter(s, n, &i, NULL, &lat1);
		if (!l1)
			return 0;
		o = put_letter(buf, o, l1, 0);
	}
	i = skip_one_space(s, n, i);
	for (k = 0; k < 4; k++) {
		if (i >= n || !is_digit(s[i]))
			return 0;
		buf[o++] = s[i++];
	}
	i = skip_one_space(s, n, i);
	/* series */
	l1 = read_plate_letter(s, n, &i, "ZY", &lat1);
	if (!l1 && !lat1)
		return 0;
	l2 = read_plate_letter(s, n, &i, l1 && l1->latin == 'T' ? "VWYZ" : NULL, &lat2);
	if (!l2 && !lat2)
		return 0;
	if (i != n)
		return 0;
	o = put_letter(buf, o, l1, lat1);
	o = put_letter(buf, o, l2, lat2);
	buf[o] = '\0';
	if (out)
		memcpy(out, buf, o + 1);
	return 1;
}

/* ----------------------------------------------------------- cadastral */

/*
 * The first two digits of a cadastral number are the КОАТУУ code of the
 * region (Order of the State Land Cadastre on cadastral numbering; the
 * 27 first-level КОАТУУ codes: 24 oblasts, Crimea 01, Kyiv 80,
 * Sevastopol 85).
 */
int val_cadastral(const char *s, size_t n)
{
	static const char regions[] =
		"01 05 07 12 14 18 21 23 26 32 35 44 46 48 51 53 56 59 "
		"61 63 65 68 71 73 74 80 85";
	size_t i;

	if (!s || n != 22)
		return 0;
	for (i = 0; i < n; i++) {
		if (i == 10 || i == 13 || i == 17) {
			if (s[i] != ':')
				return 0;
		} else if (!is_digit(s[i])) {
			return 0;
		}
	}
	for (i = 0; i + 1 < sizeof regions; i += 3)
		if (regions[i] == s[0] && regions[i + 1] == s[1])
			return 1;
	return 0;
}

/* ------------------------------------------------------------- passports */

/*
 * Reads one booklet series letter at s[*i]: a capital of the Ukrainian
 * alphabet (А–Я without Ё Ъ Ы Э, plus Ґ Є І Ї), or a Latin look-alike,
 * which sets *latin. Returns 0 when there is none.
 */
static int series_letter(const char *s, size_t n, size_t *i, int *latin)
{
	unsigned long cp;
	size_t len;

	*latin = 0;
	if (*i < n && s[*i] != '\0' && strchr("ABCEHIKMOPTX", s[*i])) {
		*latin = 1;
		*i += 1;
		return 1;
	}
	len = utf8_next(s, n, *i, &cp);
	if (!len)
		return 0;
	if ((cp >= 0x0410 && cp <= 0x042F && cp != 0x042A && cp != 0x042B && cp != 0x042D) ||
	    cp == 0x0404 || cp == 0x0406 || cp == 0x0407 || cp == 0x0490) {
		*i += len;
		return 1;
	}
	return 0;
}

static int six_digits_to_end(const char *s, size_t n, size_t i)
{
	return n - i == 6 && all_digits(s + i, 6);
}

int val_passport_booklet(const char *s, size_t n)
{
	size_t i = 0;
	int lat1, lat2;

	if (!s || !series_letter(s, n, &i, &lat1) || !series_letter(s, n, &i, &lat2))
		return 0;
	/* two Latin capitals are a foreign passport's series, not ours */
	if (lat1 && lat2)
		return 0;
	if (i < n && s[i] == '-')
		i++;
	else
		i = skip_one_space(s, n, i);
	if (n - i >= 3 && memcmp(s + i, "\xE2\x84\x96", 3) == 0) /* № */
		i = skip_one_space(s, n, i + 3);
	return six_digits_to_end(s, n, i);
}

int val_passport_foreign(const char *s, size_t n)
{
	size_t i = 2;

	if (!s || n < 8 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return 0;
	if (s[i] == ' ')
		i++;
	return six_digits_to_end(s, n, i);
}

int val_id_card(const char *s, size_t n)
{
	return s && n == 9 && all_digits(s, n);
}
