/*
 * cli.c — option handling shared by the subcommands: the dataset options of
 * design.md (--format, --delimiter, --encoding, --max-field, --no-header),
 * and --sheet for workbooks.
 */
#include "scanner/cli.h"
#include "scanner/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char common_options_help[] = N_(
	"  --input-format FMT  csv, json, jsonl or xlsx (default: from the name, then\n"
	"                      the content)\n"
	"  --delimiter C       CSV delimiter: , ; | or tab (default: sniffed)\n"
	"  --encoding ENC      utf-8, windows-1251 or auto (default: auto)\n"
	"  --no-header         the first CSV row is data, not column names\n"
	"  --sheet NAME|N      xlsx: read only this worksheet (default: all of them)\n"
	"  --max-field SIZE    largest field accepted, e.g. 16M (default: 16M)\n"
	"  --rules DIR         add or override rule packs from DIR (*.json)\n"
	"  --profile-records N look-ahead used to profile columns (default: 1000)\n"
	"  --profile-bytes SIZE  the same, in bytes (default: 8M)\n"
	"  --threads N         detection threads (default: one per processor; 1: no\n"
	"                      threads); the output is the same for any N\n"
	"  -q, --quiet         no progress or notes on stderr\n"
	"  --lang LANG         uk or en: the language of messages (default: locale)\n");

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end == 'i' && end[1] == 'B')
		end += 2;
	else if (*end == 'B')
		end++;
	if (*end || !v)
		return -1;
	*out = (size_t)v;
	return 0;
}

int common_option(struct common_opts *o, const char *name, const char *arg)
{
	if (!strcmp(name, "format") || !strcmp(name, "input-format")) {
		if (format_parse(arg, &o->pipe.read.format) < 0)
			return error("unknown format '%s' (expected csv, json, jsonl or xlsx)", arg);
	} else if (!strcmp(name, "delimiter")) {
		if (!strcmp(arg, "tab") || !strcmp(arg, "\\t") || !strcmp(arg, "\t"))
			o->pipe.read.delimiter = '\t';
		else if (strlen(arg) == 1 && strchr(",;|", arg[0]))
			o->pipe.read.delimiter = arg[0];
		else
			return error("unsupported delimiter '%s' (expected , ; | or tab)", arg);
	} else if (!strcmp(name, "encoding")) {
		if (encoding_parse(arg, &o->pipe.encoding) < 0)
			return error("unknown encoding '%s' (expected utf-8, windows-1251 or auto)", arg);
	} else if (!strcmp(name, "max-field")) {
		if (parse_size(arg, &o->pipe.read.max_field) < 0)
			return error("bad size '%s' for --max-field (e.g. 16M)", arg);
	} else if (!strcmp(name, "rules")) {
		o->rules_dir = arg;
	} else if (!strcmp(name, "profile-records")) {
		if (parse_size(arg, &o->pipe.window_records) < 0)
			return error("bad number '%s' for --profile-records", arg);
	} else if (!strcmp(name, "profile-bytes")) {
		if (parse_size(arg, &o->pipe.window_bytes) < 0)
			return error("bad size '%s' for --profile-bytes (e.g. 8M)", arg);
	} else if (!strcmp(name, "threads")) {
		size_t n;
		if (parse_size(arg, &n) < 0 || n > 256)
			return error("bad number '%s' for --threads (1 to 256)", arg);
		o->threads = (unsigned)n;
	} else if (!strcmp(name, "pass-through")) {
		o->pipe.bare = 1;
	} else if (!strcmp(name, "no-header")) {
		o->pipe.read.no_header = 1;
	} else if (!strcmp(name, "sheet")) {
		o->pipe.read.sheet = arg;
	} else if (!strcmp(name, "quiet")) {
		o->pipe.quiet = 1;
	} else
		return 0;
	return 1;
}

int common_case(struct common_opts *o, int c, const struct option *longopts, int idx,
		const char *cmd, const char *help)
{
	switch (c) {
	case 'h':
		printf(_(help), _(common_options_help));
		return fflush(stdout) ? EXIT_ERROR : EXIT_OK;
	case 'q':
		o->pipe.quiet = 1;
		return -1;
	case 0:
		return common_option(o, longopts[idx].name, optarg) < 0 ? EXIT_ERROR : -1;
	default:
		fprintf(stderr, _("see znes %s --help\n"), cmd);
		return EXIT_ERROR;
	}
}
