/*
 * mkxlsx.c — test fixture tool: turns a CSV file into an .xlsx workbook
 * with libxlsxwriter in its default mode (strings in a shared strings
 * table, as Excel writes them), so that the e2e tests can compare
 * `znes scan` and `znes redact` of a workbook with those of its CSV twin.
 *
 *   mkxlsx [-d DELIM] [-n] [-f] [-t] [-s SHEET] [-S] IN.csv OUT.xlsx
 *
 * -d: the CSV's delimiter (default ;). -n: cells that are plain decimal
 * numbers become number cells; -f: with the number format 0.00. -t: cells
 * dd.mm.yyyy become date cells (libxlsxwriter computes the serial number),
 * in odd rows with Excel's built-in date format 14, in even rows with the
 * format dd.mm.yyyy; dd.mm.yyyy hh:mm with the format dd.mm.yyyy hh:mm.
 * -s: the worksheet's name. -S: add a second worksheet after the first. The CSV is read with quotes ("" inside a
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

int main(int argc, char **argv)
{
	int delim = ';', numbers = 0, second = 0, dates = 0, c, ch, inq = 0, pending = 0;
	lxw_format *builtin = NULL, *custom = NULL, *stamp = NULL, *fixed = NULL;
	lxw_datetime dt;
	const char *sheet = NULL;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *in;
	char *cell = NULL;
	size_t len = 0, cap = 0;
	lxw_row_t row = 0;
	lxw_col_t col = 0;
	while ((c = getopt(argc, argv, "d:nfts:S")) != -1) {
		switch (c) {
		case 'f': fixed = (lxw_format *)1; break;
		case 't': dates = 1; break;
		case 'd': delim = optarg[0] == 't' ? '\t' : optarg[0]; break;
		case 'n': numbers = 1; break;
		case 's': sheet = optarg; break;
		case 'S': second = 1; break;
		default: return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: mkxlsx [-d DELIM] [-n] [-f] [-t] [-s SHEET] [-S] IN.csv OUT.xlsx\n");
		return 2;
	}
	if (!(in = fopen(argv[optind], "rb"))) {
		perror(argv[optind]);
		return 2;
	}
	wb = workbook_new(argv[optind + 1]);
	ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws)
		return 2;
	if (fixed) {
		fixed = workbook_add_format(wb);
		format_set_num_format(fixed, "0.00");
	}
	if (dates) {
		builtin = workbook_add_format(wb);
		format_set_num_format_index(builtin, 14);
		custom = workbook_add_format(wb);
		format_set_num_format(custom, "dd.mm.yyyy");
		stamp = workbook_add_format(wb);
		format_set_num_format(stamp, "dd.mm.yyyy hh:mm");
	}
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
		if (ch == delim || ch == '\n' || (ch == EOF && (len || pending || col))) {
			cell[len] = 0;
			if (len) {
				if (numbers && plain_number(cell))
					worksheet_write_number(ws, row, col, strtod(cell, NULL), fixed);
				else if (dates && date_cell(cell, &dt))
					worksheet_write_datetime(ws, row, col, &dt,
								 dt.hour || dt.min ? stamp : row % 2 ? builtin : custom);
				else
					worksheet_write_string(ws, row, col, cell, NULL);
			}
			len = 0;
			pending = 0;
			col++;
			if (ch != delim) {
				row++;
				col = 0;
			}
		}
		else if (ch != EOF)
			cell[len++] = (char)ch;
		if (ch == EOF)
			break;
	}
	fclose(in);
	free(cell);
	if (second) {
		lxw_worksheet *w2 = workbook_add_worksheet(wb, NULL);
		worksheet_write_string(w2, 0, 0, "second sheet", NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
