/*
 * mkxlsx.c — test fixture tool: turns a CSV file into an .xlsx workbook
 * with libxlsxwriter in its default mode (strings in a shared strings
 * table, as Excel writes them), so that the e2e tests can compare
 * `znes scan` and `znes redact` of a workbook with those of its CSV twin.
 *
 *   mkxlsx [-d DELIM] [-n] [-f] [-t] [-s SHEET] [-S] [-A NAME=MORE.csv]... IN.csv OUT.xlsx
 *
 * -d: the CSV's delimiter (default ;). -n: cells that are plain decimal
 * numbers become number cells; -f: with the number format 0.00. -t: cells
 * dd.mm.yyyy become date cells (libxlsxwriter computes the serial number),
 * in odd rows with Excel's built-in date format 14, in even rows with the
 * format dd.mm.yyyy; dd.mm.yyyy hh:mm with the format dd.mm.yyyy hh:mm.
 * -s: the worksheet's name. -S: add a second worksheet after the first
 * (one cell). -A NAME=MORE.csv: add a worksheet NAME from another CSV
 * (repeatable, in order). The CSV is read with quotes ("" inside a
 * quoted field) and LF or CRLF line ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* dd.mm.yyyy or dd.mm.yyyy hh:mm into dt; 0 if s is neither. */
static int date_cell(const char *s, lxw_datetime *dt)
{
	int n = 0;
	memset(dt, 0, sizeof *dt);
	if (sscanf(s, "%2d.%2d.%4d%n", &dt->day, &dt->month, &dt->year, &n) == 3 && n == 10 && !s[n])
		return 1;
	n = 0;
	return sscanf(s, "%2d.%2d.%4d %2d:%2d%n", &dt->day, &dt->month, &dt->year, &dt->hour,
		      &dt->min, &n) == 5 && n == 16 && !s[n];
}

static int plain_number(const char *s)
{
	int digits = 0, dot = 0;
	if (*s == '-')
		s++;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return 0; /* leading zeros: a code, not a number */
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0 && digits <= 15;
}

/* How cells are written: the options that apply to every sheet. */
struct how {
	int delim, numbers, dates;
	lxw_format *builtin, *custom, *stamp, *fixed;
};

/* The CSV in into worksheet ws; 0, or 2 when out of memory. */
static int fill_sheet(lxw_worksheet *ws, FILE *in, const struct how *h)
{
	int ch, inq = 0, pending = 0;
	lxw_datetime dt;
	char *cell = NULL;
	size_t len = 0, cap = 0;
	lxw_row_t row = 0;
	lxw_col_t col = 0;
	for (;;) {
		ch = getc(in);
		if (len + 2 > cap) {
			cap = cap ? cap * 2 : 256;
			if (!(cell = realloc(cell, cap)))
				return 2;
		}
		if (ch != EOF && inq) {
			if (ch == '"') {
				int nx = getc(in);
				if (nx == '"')
					cell[len++] = '"';
				else {
					inq = 0;
					ungetc(nx, in);
				}
			} else
				cell[len++] = (char)ch;
			continue;
		}
		if (ch == '"' && !len) {
			inq = 1;
			pending = 1;
			continue;
		}
		if (ch == '\r')
			continue;
		if (ch == h->delim || ch == '\n' || (ch == EOF && (len || pending || col))) {
			cell[len] = 0;
			if (len) {
				if (h->numbers && plain_number(cell))
					worksheet_write_number(ws, row, col, strtod(cell, NULL), h->fixed);
				else if (h->dates && date_cell(cell, &dt))
					worksheet_write_datetime(ws, row, col, &dt,
								 dt.hour || dt.min ? h->stamp
								 : row % 2 ? h->builtin : h->custom);
				else
					worksheet_write_string(ws, row, col, cell, NULL);
			}
			len = 0;
			pending = 0;
			col++;
			if (ch != h->delim) {
				row++;
				col = 0;
			}
		}
		else if (ch != EOF)
			cell[len++] = (char)ch;
		if (ch == EOF)
			break;
	}
	free(cell);
	return 0;
}

/* A worksheet named name (NULL: Excel's default) from the CSV at path. */
static int add_sheet(lxw_workbook *wb, const char *name, const char *path, const struct how *h)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	FILE *in;
	int rc;
	if (!ws)
		return 2;
	if (!(in = fopen(path, "rb"))) {
		perror(path);
		return 2;
	}
	rc = fill_sheet(ws, in, h);
	fclose(in);
	return rc;
}

int main(int argc, char **argv)
{
	struct how h = { ';', 0, 0, NULL, NULL, NULL, NULL };
	int second = 0, fixed = 0, c, i, nmore = 0, rc;
	const char *sheet = NULL, *more[16];
	lxw_workbook *wb;
	while ((c = getopt(argc, argv, "d:nfts:SA:")) != -1) {
		switch (c) {
		case 'f': fixed = 1; break;
		case 't': h.dates = 1; break;
		case 'd': h.delim = optarg[0] == 't' ? '\t' : optarg[0]; break;
		case 'n': h.numbers = 1; break;
		case 's': sheet = optarg; break;
		case 'S': second = 1; break;
		case 'A':
			if (nmore == 16 || !strchr(optarg, '='))
				return 2;
			more[nmore++] = optarg;
			break;
		default: return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: mkxlsx [-d DELIM] [-n] [-f] [-t] [-s SHEET] [-S] [-A NAME=MORE.csv]..."
				" IN.csv OUT.xlsx\n");
		return 2;
	}
	wb = workbook_new(argv[optind + 1]);
	if (!wb)
		return 2;
	if (fixed) {
		h.fixed = workbook_add_format(wb);
		format_set_num_format(h.fixed, "0.00");
	}
	if (h.dates) {
		h.builtin = workbook_add_format(wb);
		format_set_num_format_index(h.builtin, 14);
		h.custom = workbook_add_format(wb);
		format_set_num_format(h.custom, "dd.mm.yyyy");
		h.stamp = workbook_add_format(wb);
		format_set_num_format(h.stamp, "dd.mm.yyyy hh:mm");
	}
	if ((rc = add_sheet(wb, sheet, argv[optind], &h)))
		return rc;
	for (i = 0; i < nmore; i++) {
		char *eq = strchr(more[i], '=');
		*eq = 0;
		if ((rc = add_sheet(wb, more[i], eq + 1, &h)))
			return rc;
	}
	if (second) {
		lxw_worksheet *w2 = workbook_add_worksheet(wb, NULL);
		worksheet_write_string(w2, 0, 0, "second sheet", NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
