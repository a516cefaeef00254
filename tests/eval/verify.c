/*
 * verify.c - re-check a generated evaluation set against its truth files.
 *
 * Test tooling for znes: `verify DIR` reads what tests/eval/gen.c wrote to
 * DIR with its own parsers (an RFC 4180 CSV reader, a Windows-1251 decoder,
 * jansson for JSON), and for every truth item checks that the record and
 * field exist, that value[start:end] of the decoded field is exactly the
 * recorded value, and that the value is valid for its category (РНОКПП and
 * ЄДРПОУ checksums, IBAN mod 97, card Luhn, phone numbering plan, УНЗР
 * check digit, calendar dates; decoys must FAIL the personal checks).  It
 * also scans every field for digit runs that look personal (10 digits
 * passing the РНОКПП checksum, 16 digits passing Luhn, 380 + 9 digits) and
 * are not covered by any truth item, so the generator cannot leak untracked
 * personal-looking values.  Exit 0 when everything holds, 1 otherwise.
 * The checks are written independently of gen.c on purpose.
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp1251.h"

static int problems;

/* Report a problem in dataset ds (truth line 0: the dataset as a whole). */
static void problem(const char *ds, long line, const char *fmt, ...)
{
	va_list ap;

	if (problems < 40) {
		if (line)
			fprintf(stderr, "verify: %s truth line %ld: ", ds, line);
		else
			fprintf(stderr, "verify: %s: ", ds);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	problems++;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("verify: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("verify: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0, k;

	if (!f) {
		fprintf(stderr, "verify: cannot open '%s': %s\n", path, strerror(errno));
		exit(2);
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			p = xrealloc(p, cap + 1);
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

/* ------------------------------------------------------------------ */
/* independent validators                                             */

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

static int rnokpp_ok(const char *d)
{
	static const int w[9] = {-1, 5, 7, 9, 4, 6, 10, 5, 7};
	long s = 0;
	int i;

	for (i = 0; i < 9; i++)
		s += w[i] * (d[i] - '0');
	s %= 11;
	if (s < 0)
		s += 11;
	return s % 10 == d[9] - '0';
}

static int edrpou_ok(const char *d)
{
	long code = atol(d);
	int base = (code > 30000000 && code < 60000000) ? 7 : 1, i, s = 0, c;

	/* weights 1..7, or 7,1,2..6 */
	for (i = 0; i < 7; i++)
		s += (base == 7 ? (i == 0 ? 7 : i) : i + 1) * (d[i] - '0');
	c = s % 11;
	if (c == 10) {
		s = 0;
		for (i = 0; i < 7; i++)
			s += ((base == 7 ? (i == 0 ? 7 : i) : i + 1) + 2) * (d[i] - '0');
		c = s % 11;
		if (c == 10)
			c = 0;
	}
	return c == d[7] - '0';
}

static int iban_ok(const char *s)
{
	char c[64];
	size_t n = 0, i;
	int m = 0;

	for (; *s; s++)
		if (*s != ' ' && n < sizeof c - 1)
			c[n++] = *s;
	c[n] = '\0';
	if (n != 29 || c[0] != 'U' || c[1] != 'A' || !all_digits(c + 2, 27))
		return 0;
	for (i = 4; i < n + 4; i++) {
		char ch = c[i % n];

		if (ch >= 'A' && ch <= 'Z')
			m = (m * 100 + (ch - 'A' + 10)) % 97;
		else
			m = (m * 10 + (ch - '0')) % 97;
	}
	return m == 1;
}

static int luhn_ok(const char *d, size_t n)
{
	int s = 0, i;

	for (i = 0; i < (int)n; i++) {
		int x = d[n - 1 - (size_t)i] - '0';

		if (i % 2 == 1) {
			x *= 2;
			if (x > 9)
				x -= 9;
		}
		s += x;
	}
	return s % 10 == 0;
}

/* The 9-digit NSN of a phone as written, or 0. */
static int phone_nsn(const char *s, char nsn[10])
{
	char d[32];
	size_t n = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n >= sizeof d - 1)
				return 0;
			d[n++] = *p;
		} else if (!strchr(" +()-", *p)) {
			return 0;
		}
	}
	d[n] = '\0';
	if (n == 12 && strncmp(d, "380", 3) == 0)
		p = d + 3;
	else if (n == 13 && strncmp(d, "3800", 4) == 0)
		p = d + 4;       /* "+380 0..." typo'd trunk prefix */
	else if (n == 11 && strncmp(d, "80", 2) == 0)
		p = d + 2;
	else if (n == 10 && d[0] == '0')
		p = d + 1;
	else
		return 0;
	memcpy(nsn, p, 9);
	nsn[9] = '\0';
	return 1;
}

/* libphonenumber UA mobile / fixed-line patterns on the NSN. */
static int nsn_ok(const char *n)
{
	static const char *const mob[] = {"39", "50", "63", "66", "67", "68", "73", "91", "92",
					  "93", "94", "95", "96", "97", "98", "99"};
	size_t i;
	int a = n[0] - '0', b = n[1] - '0';

	for (i = 0; i < sizeof mob / sizeof mob[0]; i++)
		if (strncmp(n, mob[i], 2) == 0)
			return 1;
	return (a == 3 && b >= 1 && b <= 8) || (a == 4 && (b == 1 || (b >= 3 && b <= 8))) ||
	       (a == 5 && b >= 1 && b <= 7) ||
	       (a == 6 && (b == 1 || b == 2 || b == 4 || b == 5 || b == 9));
}

static int dim(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

static const char *const months[12] = {
	"січня", "лютого", "березня", "квітня", "травня", "червня",
	"липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
};

/* Parse 01.02.1980 / 1980-02-01 / 1 лютого 1980 р. (+ optional " р.") */
static int date_parse(const char *s, int *y, int *m, int *d)
{
	int n = 0, i;
	char mon[64];

	if (sscanf(s, "%2d.%2d.%4d%n", d, m, y, &n) == 3 && n == 10) {
		/* ok */
	} else if (sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) == 3 && n == 10) {
		/* ok */
	} else if (sscanf(s, "%2d %63s %4d%n", d, mon, y, &n) == 3) {
		for (i = 0; i < 12; i++)
			if (strcmp(mon, months[i]) == 0)
				break;
		if (i == 12)
			return 0;
		*m = i + 1;
	} else {
		return 0;
	}
	if (s[n] && strcmp(s + n, " р.") != 0)
		return 0;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= dim(*y, *m) && *y > 1899 && *y < 2030;
}

static long days_civil(int y, int m, int d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Category check of a truth value; returns NULL or what is wrong. */
static const char *check_value(const char *cat, const char *v, int decoy)
{
	size_t n = strlen(v);
	char nsn[10];
	int y, m, d;

	if (strcmp(cat, "tax_id") == 0)
		return n == 10 && all_digits(v, 10) && rnokpp_ok(v) ? NULL : "bad РНОКПП";
	if (strcmp(cat, "org_id") == 0)
		return n == 8 && all_digits(v, 8) && edrpou_ok(v) ? NULL : "bad ЄДРПОУ";
	if (strcmp(cat, "iban") == 0 || strcmp(cat, "org_iban") == 0) {
		if (!iban_ok(v))
			return "bad IBAN";
		if (strcmp(cat, "org_iban") == 0 && !decoy)
			return "org_iban must be a decoy";
		return NULL;
	}
	if (strcmp(cat, "card") == 0) {
		char c[32];
		size_t k = 0, i;

		for (i = 0; i < n && k < sizeof c; i++)
			if (isdigit((unsigned char)v[i]))
				c[k++] = v[i];
			else if (v[i] != ' ' && v[i] != '-')
				return "bad card character";
		return k == 16 && luhn_ok(c, 16) ? NULL : "bad card (Luhn)";
	}
	if (strcmp(cat, "phone") == 0)
		return phone_nsn(v, nsn) && nsn_ok(nsn) ? NULL : "not a UA phone";
	if (strcmp(cat, "unzr") == 0) {
		static const int w[3] = {7, 3, 1};
		char c[13];
		int i, s = 0;

		if (n != 14 || v[8] != '-' || !all_digits(v, 8) || !all_digits(v + 9, 5))
			return "bad УНЗР shape";
		memcpy(c, v, 8);
		memcpy(c + 8, v + 9, 4);
		for (i = 0; i < 12; i++)
			s += w[i % 3] * (c[i] - '0');
		return s % 10 == v[13] - '0' ? NULL : "bad УНЗР check digit";
	}
	/* a date of birth may be its year alone ("1975 р.н.") */
	if (strcmp(cat, "dob") == 0 && strlen(v) == 4 && all_digits(v, 4))
		return atoi(v) >= 1900 && atoi(v) <= 2099 ? NULL : "bad year of birth";
	if (strcmp(cat, "dob") == 0 || strcmp(cat, "date") == 0)
		return date_parse(v, &y, &m, &d) ? NULL : "bad date";
	if (strcmp(cat, "email") == 0) {
		const char *at = strchr(v, '@');

		return at && at > v && strchr(at, '.') && !strchr(at + 1, '@') ? NULL : "bad e-mail";
	}
	if (strcmp(cat, "postal_code") == 0)
		return n == 5 && all_digits(v, 5) ? NULL : "bad postal code";
	if (strcmp(cat, "budget_code") == 0)
		return (n == 4 || n == 7) && all_digits(v, n) ? NULL : "bad budget code";
	if (strcmp(cat, "number") == 0) {
		if (n == 10 && all_digits(v, 10) && rnokpp_ok(v))
			return "10-digit decoy passes the РНОКПП checksum";
		if (phone_nsn(v, nsn) && nsn_ok(nsn))
			return "number decoy is a valid phone";
		return NULL;
	}
	if (strcmp(cat, "amount") == 0 || strcmp(cat, "decision_no") == 0)
		return strpbrk(v, "0123456789") ? NULL : "no digits";
	if (strcmp(cat, "passport") == 0 || strcmp(cat, "birth_cert") == 0 ||
	    strcmp(cat, "plate") == 0 || strcmp(cat, "cadastral") == 0)
		return strpbrk(v, "0123456789") ? NULL : "no digits";
	if (strcmp(cat, "name") == 0 || strcmp(cat, "address") == 0)
		return n >= 3 ? NULL : "too short";
	return "unknown category";
}

/* ------------------------------------------------------------------ */
/* datasets as records of (path, value) pairs                         */

struct fieldval {
	char *path;
	char *val;
	size_t len;
	int in_array;
};

struct record {
	struct fieldval *f;
	int n, cap;
};

struct dataset {
	struct record *r;
	long n;
};

static void rec_add(struct record *r, const char *path, const char *val, size_t len, int in_array)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = xrealloc(r->f, (size_t)r->cap * sizeof *r->f);
	}
	r->f[r->n].path = xstrndup(path, strlen(path));
	r->f[r->n].val = xstrndup(val, len);
	r->f[r->n].len = len;
	r->f[r->n].in_array = in_array;
	r->n++;
}

static struct record *ds_new_record(struct dataset *ds)
{
	ds->r = xrealloc(ds->r, (size_t)(ds->n + 1) * sizeof *ds->r);
	memset(&ds->r[ds->n], 0, sizeof ds->r[0]);
	return &ds->r[ds->n++];
}

/* cp1251 -> UTF-8 */
static char *decode_cp1251(const char *s, size_t n, size_t *out_len)
{
	char *o = xmalloc(n * 3 + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		uint32_t u = cp1251_to_ucs((unsigned char)s[i]);

		if (u < 0x80) {
			o[k++] = (char)u;
		} else if (u < 0x800) {
			o[k++] = (char)(0xC0 | (u >> 6));
			o[k++] = (char)(0x80 | (u & 0x3F));
		} else {
			o[k++] = (char)(0xE0 | (u >> 12));
			o[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
			o[k++] = (char)(0x80 | (u & 0x3F));
		}
	}
	o[k] = '\0';
	*out_len = k;
	return o;
}

/* RFC 4180: quoted fields may hold sep, "" and line breaks; rows end in
 * LF or CRLF.  Returns the number of rows with a wrong field count. */
static long parse_csv(const char *p, size_t n, char sep, struct dataset *ds, const char *name)
{
	char **hdr = NULL;
	int nh = 0, col = 0, header = 1;
	size_t i = 0;
	long bad = 0;
	char *cell = xmalloc(n + 1);
	struct record *cur = NULL;

	while (i < n) {
		size_t k = 0;
		int end_row;

		if (p[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					fprintf(stderr, "verify: %s: unterminated quoted field\n", name);
					exit(1);
				}
				if (p[i] == '"') {
					if (i + 1 < n && p[i + 1] == '"') {
						cell[k++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				cell[k++] = p[i++];
			}
		} else {
			while (i < n && p[i] != sep && p[i] != '\n' && p[i] != '\r') {
				if (p[i] == '"') {
					fprintf(stderr, "verify: %s: quote inside an unquoted field\n", name);
					exit(1);
				}
				cell[k++] = p[i++];
			}
		}
		cell[k] = '\0';
		if (i < n && p[i] == sep) {
			end_row = 0;
			i++;
		} else if (i + 1 < n && p[i] == '\r' && p[i + 1] == '\n') {
			end_row = 1;
			i += 2;
		} else if (i < n && p[i] == '\n') {
			end_row = 1;
			i++;
		} else if (i >= n) {
			end_row = 1;
		} else {
			fprintf(stderr, "verify: %s: garbage after a quoted field\n", name);
			exit(1);
		}
		if (header) {
			hdr = xrealloc(hdr, (size_t)(nh + 1) * sizeof *hdr);
			hdr[nh++] = xstrndup(cell, k);
		} else {
			if (!cur)
				cur = ds_new_record(ds);
			if (col < nh)
				rec_add(cur, hdr[col], cell, k, 0);
			col++;
		}
		if (end_row) {
			if (!header && col != nh)
				bad++;
			header = 0;
			col = 0;
			cur = NULL;
		}
	}
	free(cell);
	return bad;
}

static void walk_json(json_t *j, char *path, size_t plen, size_t cap, int in_array, struct record *r)
{
	const char *key;
	json_t *v;
	size_t idx;
	char num[64];

	if (json_is_object(j)) {
		json_object_foreach(j, key, v) {
			size_t n = strlen(key), np = plen;

			if (plen + n + 4 >= cap)
				continue;
			if (plen)
				path[np++] = '.';
			memcpy(path + np, key, n);
			path[np + n] = '\0';
			walk_json(v, path, np + n, cap, in_array, r);
			path[plen] = '\0';
		}
	} else if (json_is_array(j)) {
		if (plen + 3 >= cap)
			return;
		memcpy(path + plen, "[]", 3);
		json_array_foreach(j, idx, v)
			walk_json(v, path, plen + 2, cap, 1, r);
		path[plen] = '\0';
	} else if (json_is_string(j)) {
		rec_add(r, path, json_string_value(j), json_string_length(j), in_array);
	} else if (json_is_integer(j)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		rec_add(r, path, num, strlen(num), in_array);
	} else if (json_is_real(j)) {
		snprintf(num, sizeof num, "%.2f", json_real_value(j));
		rec_add(r, path, num, strlen(num), in_array);
	}
}

static void json_record(json_t *j, struct dataset *ds)
{
	char path[1024] = "";
	struct record *r = ds_new_record(ds);

	walk_json(j, path, 0, sizeof path, 0, r);
}

/* ------------------------------------------------------------------ */

/* A copy of a JSON string value ("" if it is not a string). */
static char *json_dup(const json_t *s)
{
	return json_is_string(s) ? xstrndup(json_string_value(s), json_string_length(s))
				 : xstrndup("", 0);
}

struct item {
	long record, line;
	char *field, *cat, *value;
	size_t start, end;
	int decoy;
};

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->record != y->record)
		return x->record < y->record ? -1 : 1;
	c = strcmp(x->field, y->field);
	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* [*lo, *hi) = the items of record rec in an array sorted by item_cmp */
static void record_range(const struct item *it, size_t nit, long rec, size_t *lo, size_t *hi)
{
	size_t a = 0, b = nit;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (it[mid].record < rec)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a < nit && it[a].record == rec)
		a++;
	*hi = a;
}

static int covered(const struct item *it, size_t nit, long rec, const char *field, size_t s, size_t e)
{
	size_t i, lo, hi;

	record_range(it, nit, rec, &lo, &hi);
	for (i = lo; i < hi; i++)
		if (strcmp(it[i].field, field) == 0 && it[i].start <= s && it[i].end >= e)
			return 1;
	return 0;
}

static void verify_dataset(const char *dir, const char *file, int kind)
{
	char path[4096], tpath[4096];
	size_t n, tn, nit = 0, cap = 0, i;
	char *text, *ttext, *line, *next;
	struct dataset ds = {0};
	struct item *it = NULL;
	long lineno = 0, bad = 0, uncovered = 0, dob_mismatch = 0, counts[32] = {0};
	static const char *const cats[] = {
		"phone", "tax_id", "email", "iban", "card", "passport", "unzr", "birth_cert",
		"dob", "plate", "cadastral", "name", "address", "org_id", "amount",
		"decision_no", "date", "budget_code", "postal_code", "number", "org_iban",
	};
	const char *dot = strrchr(file, '.');

	snprintf(path, sizeof path, "%s/%s", dir, file);
	snprintf(tpath, sizeof tpath, "%s/%.*s.truth.jsonl", dir, (int)(dot - file), file);
	text = slurp(path, &n);

	if (kind == 0 || kind == 1 || kind == 2) {
		char *utf = text;
		size_t un = n;

		if (kind == 1)
			utf = decode_cp1251(text, n, &un);
		bad = parse_csv(utf, un, kind == 2 ? ',' : ';', &ds, file);
		if (bad)
			problem(file, 0, "%ld rows with a wrong number of fields", bad);
		if (utf != text)
			free(utf);
	} else if (kind == 3) {
		json_error_t err;
		json_t *root = json_loadb(text, n, 0, &err);
		size_t idx;
		json_t *el;

		if (!root || !json_is_array(root)) {
			fprintf(stderr, "verify: %s:%d: %s\n", file, err.line, err.text);
			exit(1);
		}
		json_array_foreach(root, idx, el)
			json_record(el, &ds);
		json_decref(root);
	} else {
		for (line = text; line && *line; line = next) {
			json_error_t err;
			json_t *j;

			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (strspn(line, " \t\r") == strlen(line))
				continue;
			j = json_loads(line, 0, &err);
			if (!j || !json_is_object(j)) {
				fprintf(stderr, "verify: %s: bad JSON line: %s\n", file, err.text);
				exit(1);
			}
			json_record(j, &ds);
			json_decref(j);
		}
	}

	ttext = slurp(tpath, &tn);
	for (line = ttext; line && *line; line = next) {
		json_error_t err;
		json_t *j;
		struct item x;
		const char *why;
		int ok = 0, k;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		j = json_loads(line, 0, &err);
		if (!j) {
			problem(file, lineno, "truth is not JSON: %s", err.text);
			continue;
		}
		x.record = (long)json_integer_value(json_object_get(j, "record"));
		x.field = json_dup(json_object_get(j, "field"));
		x.start = (size_t)json_integer_value(json_object_get(j, "start"));
		x.end = (size_t)json_integer_value(json_object_get(j, "end"));
		x.cat = json_dup(json_object_get(j, "category"));
		x.value = json_dup(json_object_get(j, "value"));
		x.decoy = json_is_true(json_object_get(j, "decoy"));
		x.line = lineno;
		json_decref(j);

		for (k = 0; k < (int)(sizeof cats / sizeof cats[0]); k++)
			if (strcmp(cats[k], x.cat) == 0)
				counts[k]++;
		if (x.record < 0 || x.record >= ds.n || x.end <= x.start) {
			problem(file, lineno, "record out of range or empty span");
		} else {
			struct record *r = &ds.r[x.record];

			for (k = 0; k < r->n; k++)
				if (strcmp(r->f[k].path, x.field) == 0 && r->f[k].len >= x.end &&
				    memcmp(r->f[k].val + x.start, x.value, x.end - x.start) == 0 &&
				    strlen(x.value) == x.end - x.start)
					ok = 1;
			if (!ok)
				problem(file, lineno, "value '%s' not at its offsets in field '%s'", x.value, x.field);
		}
		why = check_value(x.cat, x.value, x.decoy);
		if (why)
			problem(file, lineno, "%s: '%s'", why, x.value);
		{
			int is_decoy_cat = strcmp(x.cat, "org_id") == 0 || strcmp(x.cat, "amount") == 0 ||
					   strcmp(x.cat, "decision_no") == 0 || strcmp(x.cat, "date") == 0 ||
					   strcmp(x.cat, "budget_code") == 0 || strcmp(x.cat, "postal_code") == 0 ||
					   strcmp(x.cat, "number") == 0 || strcmp(x.cat, "org_iban") == 0;

			if (is_decoy_cat != x.decoy)
				problem(file, lineno, "decoy flag does not match category %s", x.cat);
		}
		if (nit == cap) {
			cap = cap ? cap * 2 : 1024;
			it = xrealloc(it, cap * sizeof *it);
		}
		it[nit++] = x;
	}

	/* spans in one scalar field must not overlap */
	qsort(it, nit, sizeof *it, item_cmp);
	for (i = 1; i < nit; i++)
		if (it[i].record == it[i - 1].record && strcmp(it[i].field, it[i - 1].field) == 0 &&
		    !strstr(it[i].field, "[]") && it[i].start < it[i - 1].end)
			problem(file, (long)it[i].line, "overlaps the previous item in '%s'", it[i].field);

	/* РНОКПП encodes the date of birth given in the same record */
	for (i = 0; i < nit; i++) {
		size_t j, lo, hi;
		int y, m, d;

		if (strcmp(it[i].cat, "tax_id") != 0)
			continue;
		record_range(it, nit, it[i].record, &lo, &hi);
		for (j = lo; j < hi; j++) {
			char five[6];

			if (strcmp(it[j].cat, "dob") != 0 ||
			    (strcmp(it[j].field, "Дата народження") != 0 &&
			     strcmp(it[j].field, "Дата нар.") != 0 && strcmp(it[j].field, "birth_date") != 0) ||
			    !date_parse(it[j].value, &y, &m, &d))
				continue;
			memcpy(five, it[i].value, 5);
			five[5] = '\0';
			if (atol(five) != days_civil(y, m, d) - days_civil(1899, 12, 31))
				dob_mismatch++;
		}
	}
	if (dob_mismatch)
		problem(file, 0, "РНОКПП and date of birth disagree in %ld records", dob_mismatch);

	/* personal-looking digit runs must be covered by a truth item */
	for (i = 0; i < (size_t)ds.n; i++) {
		struct record *r = &ds.r[i];
		int k;

		for (k = 0; k < r->n; k++) {
			const char *v = r->f[k].val;
			size_t len = r->f[k].len, a = 0;

			while (a < len) {
				size_t b = a, run;
				int suspicious = 0;

				if (!isdigit((unsigned char)v[a])) {
					a++;
					continue;
				}
				while (b < len && isdigit((unsigned char)v[b]))
					b++;
				run = b - a;
				if (run == 10 && rnokpp_ok(v + a))
					suspicious = 1;
				if (run == 16 && luhn_ok(v + a, 16))
					suspicious = 1;
				if (run == 12 && strncmp(v + a, "380", 3) == 0)
					suspicious = 1;
				if (suspicious && !covered(it, nit, (long)i, r->f[k].path, a, b)) {
					if (uncovered < 5)
						fprintf(stderr, "verify: %s record %zu field '%s': uncovered '%.*s'\n",
							file, i, r->f[k].path, (int)run, v + a);
					uncovered++;
				}
				a = b;
			}
		}
	}
	if (uncovered)
		problem(file, 0, "%ld personal-looking numbers without truth", uncovered);

	printf("%-26s records %5ld  truth %6zu:", file, ds.n, nit);
	for (i = 0; i < sizeof cats / sizeof cats[0]; i++)
		if (counts[i])
			printf(" %s=%ld", cats[i], counts[i]);
	printf("\n");

	for (i = 0; i < nit; i++) {
		free(it[i].field);
		free(it[i].cat);
		free(it[i].value);
	}
	free(it);
	for (i = 0; i < (size_t)ds.n; i++) {
		int k;

		for (k = 0; k < ds.r[i].n; k++) {
			free(ds.r[i].f[k].path);
			free(ds.r[i].f[k].val);
		}
		free(ds.r[i].f);
	}
	free(ds.r);
	free(text);
	free(ttext);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: verify DIR   (a directory written by gen --out)\n", stderr);
		return 2;
	}
	verify_dataset(argv[1], "aid_register.csv", 0);
	verify_dataset(argv[1], "aid_register_cp1251.csv", 1);
	verify_dataset(argv[1], "appeals.csv", 2);
	verify_dataset(argv[1], "staff.json", 3);
	verify_dataset(argv[1], "contracts.jsonl", 4);
	if (problems) {
		fprintf(stderr, "verify: %d problem(s)\n", problems);
		return 1;
	}
	printf("verify: ok\n");
	return 0;
}
