/*
 * support.c — see support.h.
 */
#include "tests/unit/support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tfile_open(struct tfile *t, const char *data, size_t n, const char *ext,
	       const struct read_opts *ro, enum encoding enc)
{
	struct read_opts def;
	int fd;
	FILE *f;
	memset(t, 0, sizeof *t);
	snprintf(t->path, sizeof t->path, "/tmp/znes-test-XXXXXX%s", ext);
	fd = mkstemps(t->path, (int)strlen(ext));
	if (fd < 0)
		return -1;
	f = fdopen(fd, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f))
		return -1;
	record_init(&t->rec);
	if (input_open(&t->in, t->path, enc) < 0)
		return -1;
	memset(&def, 0, sizeof def);
	t->rd = reader_open(&t->in, ro ? ro : &def);
	return t->rd ? 0 : -1;
}

void tfile_close(struct tfile *t)
{
	reader_free(t->rd);
	record_release(&t->rec);
	input_release(&t->in);
	unlink(t->path);
}

int tfile_roundtrip(struct tfile *t, struct buf *out,
		    void (*edit)(struct record *rec, void *ctx), void *ctx)
{
	char path[64];
	struct output o;
	int st, fd;
	FILE *f;
	long n;
	snprintf(path, sizeof path, "/tmp/znes-out-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return RD_ERR;
	close(fd);
	if (output_open(&o, path) < 0)
		return RD_ERR;
	while ((st = reader_next(t->rd, &t->rec)) == RD_OK) {
		if (edit)
			edit(&t->rec, ctx);
		if (reader_write(t->rd, &o, &t->rec) < 0)
			break;
		record_clear_changes(&t->rec);
	}
	if (st != RD_EOF) {
		output_abort(&o);
		unlink(path);
		return RD_ERR;
	}
	if (output_commit(&o) < 0)
		return RD_ERR;
	f = fopen(path, "rb");
	if (!f)
		return RD_ERR;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf_reset(out);
	buf_grow(out, (size_t)n);
	if (fread(out->ptr, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf_setlen(out, (size_t)n);
	fclose(f);
	unlink(path);
	return RD_EOF;
}

void assert_round_trips(const char *const *files, size_t n, const char *ext)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct tfile t;
		struct buf out = BUF_INIT;
		assert_int_equal(tfile_open(&t, files[i], strlen(files[i]), ext, NULL, ENC_AUTO), 0);
		assert_int_equal(tfile_roundtrip(&t, &out, NULL, NULL), RD_EOF);
		assert_string_equal(out.ptr, files[i]);
		tfile_close(&t);
		buf_release(&out);
	}
}

int view_eq(struct view v, const char *s)
{
	return v.len == strlen(s) && !memcmp(v.ptr, s, v.len);
}

static uint64_t next_seed(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	return *seed >> 33;
}

size_t random_text(char *out, size_t cap, const char *const *pieces, size_t npieces,
		   size_t max_parts, uint64_t *seed)
{
	size_t len = 0, parts = 1 + next_seed(seed) % max_parts, k;
	for (k = 0; k < parts; k++) {
		const char *p = pieces[next_seed(seed) % npieces];
		size_t l = strlen(p);
		if (len + l + 1 > cap)
			break;
		memcpy(out + len, p, l);
		len += l;
	}
	out[len] = '\0';
	return len;
}
