/*
 * input.c — reading, encoding detection and conversion to UTF-8 (see
 * input.h). Bytes flow raw -> out -> caller. Conversion runs one read
 * chunk at a time and tracks the line and column of what it has produced,
 * so an invalid byte is reported where the user's editor will show it. An
 * error found while converting is held back until the caller has taken
 * every valid byte before it: records before the bad byte are processed,
 * nothing after it is.
 */
#include "scanner/input.h"
#include "scanner/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK (256u << 10)

const char *encoding_name(enum encoding e)
{
	switch (e) {
	case ENC_UTF8: return "utf-8";
	case ENC_CP1251: return "windows-1251";
	default: return "auto";
	}
}

int encoding_parse(const char *s, enum encoding *e)
{
	if (!strcmp(s, "auto"))
		*e = ENC_AUTO;
	else if (!strcmp(s, "utf-8") || !strcmp(s, "utf8") || !strcmp(s, "UTF-8"))
		*e = ENC_UTF8;
	else if (!strcmp(s, "windows-1251") || !strcmp(s, "cp1251") || !strcmp(s, "CP1251"))
		*e = ENC_CP1251;
	else
		return -1;
	return 0;
}

int input_error(const struct input *in, unsigned long line, size_t col,
		const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	diagnostic_begin();
	fprintf(stderr, "%s:%lu:%zu: %s\n", in->name, line, col, msg);
	return -1;
}

/* Advances the conversion position (line, column) past the converted
 * text p[0..n), which is in out already. */
static void advance(struct input *in, const char *p, size_t n)
{
	const char *nl, *end = p + n, *last = NULL, *q = p;
	while ((nl = memchr(q, '\n', (size_t)(end - q)))) {
		in->conv_line++;
		last = nl;
		q = nl + 1;
	}
	if (last)
		in->conv_col = utf8_count(last + 1, (size_t)(end - last - 1));
	else
		in->conv_col += utf8_count(p, n);
}

/* Appends converted text to out and advances the conversion position. */
static void emit(struct input *in, const char *p, size_t n)
{
	buf_add(&in->out, p, n);
	advance(in, in->out.ptr + in->out.len - n, n);
}

/*
 * Windows-1251 s[0..n) into out, each byte by its UTF-8 bytes in the table
 * (ICU's, struct cp1251: three at most); where it stops, at a byte the
 * code page leaves undefined, or n. One pass writing straight into out,
 * then one over what it wrote for the lines: a text in Cyrillic has a
 * byte to convert every other byte, and a call for each ran at a tenth
 * of this speed.
 */
static size_t convert_cp1251(struct input *in, const char *s, size_t n)
{
	const struct cp1251 *cp = in->cp;
	size_t i, from = in->out.len;
	char *o;
	buf_grow(&in->out, st_mult(n, 3));
	o = in->out.ptr + in->out.len;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			*o++ = (char)c;
			continue;
		}
		if (!cp->len[c])
			break;
		memcpy(o, cp->utf8[c], 4); /* room: 3 a byte, and 1 past (the NUL's) */
		o += cp->len[c];
	}
	buf_setlen(&in->out, (size_t)(o - in->out.ptr));
	advance(in, in->out.ptr + from, in->out.len - from);
	return i;
}

static void set_pending(struct input *in, unsigned char byte, const char *what)
{
	in->pend.set = 1;
	in->pend.line = in->conv_line;
	in->pend.col = in->conv_col + 1;
	snprintf(in->pend.msg, sizeof in->pend.msg, _("%s (byte 0x%02X)"), _(what), byte);
}

/* Converts what raw holds; keeps an incomplete UTF-8 tail unless at EOF. */
static void convert(struct input *in)
{
	const char *s = in->raw.ptr + in->raw_pos;
	size_t n = in->raw.len - in->raw_pos;
	if (in->pend.set || !n)
		return;
	if (in->enc == ENC_UTF8) {
		int trunc;
		size_t ok = utf8_valid_prefix(s, n, &trunc);
		emit(in, s, ok);
		in->raw_pos += ok;
		if (ok < n && (!trunc || in->eof))
			set_pending(in, (unsigned char)s[ok], trunc ? N_("truncated UTF-8 sequence at end of input")
					: N_("invalid UTF-8; use --encoding windows-1251 if the file is not UTF-8"));
	} else {
		size_t i = convert_cp1251(in, s, n);
		in->raw_pos += i;
		if (i < n) {
			set_pending(in, (unsigned char)s[i], "byte not defined in Windows-1251");
			return;
		}
	}
	if (in->raw_pos == in->raw.len) {
		buf_reset(&in->raw);
		in->raw_pos = 0;
	}
}

/* Reads one chunk of raw bytes; -1 after reporting a read error. */
static int fill_raw(struct input *in, size_t want)
{
	ssize_t r;
	if (in->raw_pos && in->raw_pos == in->raw.len) {
		buf_reset(&in->raw);
		in->raw_pos = 0;
	}
	buf_grow(&in->raw, want);
	do
		r = read(in->fd, in->raw.ptr + in->raw.len, want);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		in->failed = 1;
		return error("cannot read '%s': %s", in->name, strerror(errno));
	}
	if (r == 0)
		in->eof = 1;
	in->in_bytes += (unsigned long long)r;
	if (in->tap && r > 0)
		in->tap(in->tap_ctx, in->raw.ptr + in->raw.len, (size_t)r);
	buf_setlen(&in->raw, in->raw.len + (size_t)r);
	return 0;
}

int input_open(struct input *in, const char *path, enum encoding enc)
{
	return input_open_tap(in, path, enc, NULL, NULL);
}

int input_open_tap(struct input *in, const char *path, enum encoding enc,
		   void (*tap)(void *ctx, const void *p, size_t n), void *tap_ctx)
{
	static struct cp1251 cp;
	static int cp_ready;
	memset(in, 0, sizeof *in);
	in->tap = tap;
	in->tap_ctx = tap_ctx;
	buf_init(&in->raw, 0);
	buf_init(&in->out, 0);
	buf_init(&in->head, 0);
	in->conv_line = 1;
	if (!path || !strcmp(path, "-")) {
		in->name = xstrdup("<stdin>");
		in->fd = 0;
	} else {
		in->name = xstrdup(path);
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			in->failed = 1;
			return error("cannot open '%s': %s", path, strerror(errno));
		}
		in->owns_fd = 1;
	}
	while (!in->eof && in->raw.len < INPUT_HEAD_MAX)
		if (fill_raw(in, INPUT_HEAD_MAX - in->raw.len) < 0)
			return -1;
	if (in->raw.len >= 4 && !memcmp(in->raw.ptr, "PK\3\4", 4)) {
		/* Binary: decoded lazily only if a text reader is forced on it. */
		in->zip = 1;
		in->enc = ENC_UTF8;
		buf_add(&in->head, in->raw.ptr, in->raw.len);
		return 0;
	}
	if (enc != ENC_CP1251 && in->raw.len >= 3 && !memcmp(in->raw.ptr, "\xEF\xBB\xBF", 3)) {
		in->had_bom = 1;
		in->raw_pos = 3;
		enc = ENC_UTF8;
	}
	if (enc == ENC_AUTO) {
		int trunc;
		size_t n = in->raw.len - in->raw_pos;
		size_t ok = utf8_valid_prefix(in->raw.ptr + in->raw_pos, n, &trunc);
		enc = (ok == n || (trunc && !in->eof)) ? ENC_UTF8 : ENC_CP1251;
	}
	in->enc = enc;
	if (enc == ENC_CP1251) {
		if (!cp_ready && cp1251_init(&cp) < 0)
			return -1;
		cp_ready = 1;
		in->cp = &cp;
	}
	convert(in);
	buf_add(&in->head, in->out.ptr, in->out.len);
	return 0;
}

struct view input_head(struct input *in)
{
	struct view v = { in->head.ptr, in->head.len };
	return v;
}

ssize_t input_read(struct input *in, char *dst, size_t cap)
{
	size_t n;
	if (in->failed)
		return -1;
	while (in->out_pos == in->out.len) {
		buf_reset(&in->out);
		in->out_pos = 0;
		if (in->pend.set) {
			in->failed = 1;
			return input_error(in, in->pend.line, in->pend.col, "%s", in->pend.msg);
		}
		if (in->eof && in->raw_pos == in->raw.len)
			return 0;
		if (!in->eof && fill_raw(in, READ_CHUNK) < 0)
			return -1;
		convert(in);
	}
	n = in->out.len - in->out_pos;
	if (n > cap)
		n = cap;
	memcpy(dst, in->out.ptr + in->out_pos, n);
	in->out_pos += n;
	in->offset += n;
	return (ssize_t)n;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int input_spool(struct input *in)
{
	struct stat st;
	int fd = -1, e;
	if (in->failed)
		return -1;
	if (fstat(in->fd, &st) < 0)
		return error("cannot read '%s': %s", in->name, strerror(errno));
	if (!S_ISREG(st.st_mode) && (fd = tmpfile_unlinked("znes-spool")) < 0)
		return error("cannot spool '%s' to a temporary file: %s", in->name, strerror(errno));
	/* The rest of the bytes pass fill_raw, so the taps and counts see them. */
	for (;;) {
		if (fd >= 0 && write_all(fd, in->raw.ptr + in->raw_pos, in->raw.len - in->raw_pos) < 0) {
			e = errno;
			close(fd);
			in->failed = 1;
			return error("cannot spool '%s' to a temporary file: %s", in->name, strerror(e));
		}
		buf_reset(&in->raw);
		in->raw_pos = 0;
		if (in->eof)
			break;
		if (fill_raw(in, READ_CHUNK) < 0) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
	}
	if (fd < 0 && (fd = dup(in->fd)) < 0)
		return error("cannot read '%s': %s", in->name, strerror(errno));
	if (lseek(fd, 0, SEEK_SET) < 0) {
		e = errno;
		close(fd);
		return error("cannot read '%s': %s", in->name, strerror(e));
	}
	return fd;
}

void input_release(struct input *in)
{
	if (in->owns_fd && in->fd >= 0)
		close(in->fd);
	free(in->name);
	buf_release(&in->raw);
	buf_release(&in->out);
	buf_release(&in->head);
	memset(in, 0, sizeof *in);
	in->fd = -1;
}
