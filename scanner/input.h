/*
 * input.h — where the bytes of a dataset come from. An input opens a file or
 * stdin, reads a bounded look-ahead (the head) to decide the encoding, then
 * hands out UTF-8 only: Windows-1251 is converted on the fly, UTF-8 is
 * validated strictly (a file judged UTF-8 that later turns invalid is an
 * error, never a second guess). A UTF-8 byte order mark is not passed on to
 * readers; the input remembers it so writers can put it back.
 *
 * Errors are reported as "NAME:LINE:COL: message" (line and column of the
 * offending byte, counted in characters) and make input_read return -1.
 * The input does not emit bytes that follow an invalid one.
 *
 * A zip archive (an .xlsx workbook: the first bytes are "PK\3\4") is not
 * text: it is neither decoded nor validated, its head holds the raw bytes,
 * and its reader takes all of it at once with input_spool.
 *
 * Ownership: struct input owns its descriptor (except stdin) and buffers;
 * input_release closes and frees them.
 */
#ifndef ZNES_INPUT_H
#define ZNES_INPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "scanner/buf.h"
#include "scanner/unicode.h"

enum encoding { ENC_AUTO = 0, ENC_UTF8, ENC_CP1251 };

struct input {
	char *name;            /* display name: the path or "<stdin>" */
	int fd;
	int owns_fd;
	enum encoding enc;     /* decided by input_open */
	int had_bom;           /* a UTF-8 BOM opened the input */
	int zip;               /* starts with a zip signature: head is raw bytes */
	int eof;               /* the descriptor is exhausted */
	int failed;            /* an error was reported; reads return -1 */
	struct buf raw;        /* bytes read, not yet delivered */
	size_t raw_pos;
	struct buf out;        /* converted bytes waiting for the caller */
	size_t out_pos;
	struct buf head;       /* converted look-ahead for sniffing */
	unsigned long long offset; /* delivered UTF-8 bytes so far */
	unsigned long long in_bytes; /* input bytes consumed so far */
	/* Sees every byte read, before decoding (the audit's input digest). */
	void (*tap)(void *ctx, const void *p, size_t n);
	void *tap_ctx;
	struct cp1251 *cp;
	/* Conversion position and an error held back until delivery. */
	unsigned long conv_line;
	size_t conv_col;
	struct {
		int set;
		unsigned long line;
		size_t col;
		char msg[128];
	} pend;
};

#define INPUT_HEAD_MAX (1u << 20) /* look-ahead for encoding and format */

/* path NULL or "-" = stdin. Returns 0, or -1 after printing an error. */
int input_open(struct input *in, const char *path, enum encoding enc);
/* The same, with a tap (may be NULL) that sees every byte as read. */
int input_open_tap(struct input *in, const char *path, enum encoding enc,
		   void (*tap)(void *ctx, const void *p, size_t n), void *tap_ctx);
void input_release(struct input *in);
/* The first up-to-INPUT_HEAD_MAX bytes, converted, for sniffing. */
struct view input_head(struct input *in);
/* Copies up to cap UTF-8 bytes to dst: >0 bytes, 0 at end, -1 on error. */
ssize_t input_read(struct input *in, char *dst, size_t cap);
/* Reports an error in the input at the given line and column. */
int input_error(const struct input *in, unsigned long line, size_t col,
		const char *fmt, ...) ZNES_PRINTF(4, 5);
/*
 * Takes every remaining byte of a zip input (the taps see them all) and
 * returns a new descriptor, positioned at 0, from which the whole input
 * can be read at random: the file itself when it is a regular file, else
 * a temporary copy that is already unlinked (stdin is spooled to $TMPDIR,
 * default /tmp). The caller closes it. -1 after printing an error.
 */
int input_spool(struct input *in);
const char *encoding_name(enum encoding e);
int encoding_parse(const char *s, enum encoding *e);

#endif
