/*
 * fuzz_reader.c — libFuzzer target for the CSV and JSON readers and writers.
 *
 * The first byte picks the format (CSV, JSON, JSON Lines) and the encoding;
 * the rest is the file. Invariants checked on every input:
 *   - reading ends in EOF or an error, never a crash, a hang or a leak;
 *   - when it ends in EOF, writing every record back unchanged reproduces
 *     the input byte for byte (after the BOM, and for Windows-1251 after
 *     conversion: so only UTF-8 inputs are compared);
 *   - records are numbered 0, 1, 2, … without gaps, and every field's
 *     value and JSON token lie inside the record's bytes or the reader's
 *     value storage (ASan checks the reads);
 *   - CSV: the fuzzer's bytes also make a well-formed file (0x1F splits
 *     fields, LF records; some fields quoted, and every one that must be);
 *     with one field of each record changed (to "[X]") and the rest written
 *     back as they were (spliced from the line: the writer's most delicate
 *     path), it reads back as the same records with just that field
 *     changed: a replacement never lands on another field.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/output.h"
#include "scanner/reader.h"
#include "tests/fuzz/fuzz_support.h"

/* Opens path as CSV with ro; NULL when the input or the reader refuses. */
static struct reader *open_csv(struct input *in, const char *path, const struct read_opts *ro)
{
	struct reader *rd;
	if (input_open(in, path, ENC_UTF8) < 0)
		return NULL;
	if (!(rd = reader_open(in, ro)))
		input_release(in);
	return rd;
}

/* The values of the data records read, one changed per record, as lengths
 * and bytes back to back. */
static void expect_record(struct buf *want, const struct record *rec, size_t k)
{
	size_t i;
	buf_add(want, (const char *)&rec->nf, sizeof rec->nf);
	for (i = 0; i < rec->nf; i++) {
		struct view v = i == k ? (struct view){ "[X]", 3 } : rec->f[i].val;
		buf_add(want, (const char *)&v.len, sizeof v.len);
		buf_add(want, v.ptr, v.len);
	}
}

/*
 * A well-formed CSV from the fuzzer's bytes: 0x1F ends a field, LF a
 * record; a field is quoted when it holds the delimiter, a quote, CR or
 * LF, or when the byte before it is odd (so plain and quoted fields mix).
 */
static void well_formed(const uint8_t *d, size_t n, char delim, struct buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t e = i, k;
		int quote;
		while (e < n && d[e] != 0x1F && d[e] != '\n')
			e++;
		quote = (i > 0 && (d[i - 1] & 1)) || memchr(d + i, delim, e - i) || memchr(d + i, '"', e - i) ||
			memchr(d + i, '\r', e - i);
		if (quote) {
			buf_addch(out, '"');
			for (k = i; k < e; k++) {
				if (d[k] == '"')
					buf_addch(out, '"');
				buf_addch(out, (char)d[k]);
			}
			buf_addch(out, '"');
		} else
			buf_add(out, (const char *)d + i, e - i);
		if (e < n && d[e] == 0x1F)
			buf_addch(out, delim);
		else
			buf_addch(out, '\n');
		i = e + 1;
	}
}

/* The change-one-field round trip of the header comment (CSV, UTF-8). */
static void changed_round_trip(const char *path, const struct read_opts *ro0, char delim)
{
	struct read_opts ro = *ro0;
	struct input in, back;
	struct reader *rd, *rd2;
	struct record rec;
	struct output out;
	struct buf want = BUF_INIT, got = BUF_INIT;
	char outpath[64];
	int st;
	ro.format = FMT_CSV;
	ro.delimiter = delim;
	if (!(rd = open_csv(&in, path, &ro)))
		return;
	snprintf(outpath, sizeof outpath, "/tmp/znes-fuzz-csv-%ld.csv", (long)getpid());
	if (output_open(&out, outpath) < 0)
		abort();
	record_init(&rec);
	while ((st = reader_next(rd, &rec)) == RD_OK) {
		if (rec.kind == REC_DATA && rec.nf) {
			size_t k = rec.index % rec.nf;
			expect_record(&want, &rec, k);
			record_set(&rec, k, (struct view){ "[X]", 3 });
		}
		if (reader_write(rd, &out, &rec) < 0)
			break;
		record_clear_changes(&rec);
	}
	reader_free(rd);
	input_release(&in);
	if (st != RD_EOF || output_commit(&out) < 0) {
		if (st != RD_EOF)
			output_abort(&out);
		unlink(outpath);
		record_release(&rec);
		buf_release(&want);
		return;
	}
	/* read back: the same records, that one field changed */
	if (!(rd2 = open_csv(&back, outpath, &ro)))
		abort();
	while ((st = reader_next(rd2, &rec)) == RD_OK)
		if (rec.kind == REC_DATA && rec.nf)
			expect_record(&got, &rec, (size_t)-1);
	if (st != RD_EOF || got.len != want.len || memcmp(got.ptr, want.ptr, got.len))
		abort();
	reader_free(rd2);
	input_release(&back);
	unlink(outpath);
	record_release(&rec);
	buf_release(&want);
	buf_release(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum format formats[] = { FMT_CSV, FMT_JSON, FMT_JSONL, FMT_AUTO };
	struct read_opts ro;
	struct input in;
	struct reader *rd;
	struct record rec;
	struct buf out = BUF_INIT;
	char path[64];
	int fd, st;
	size_t expect = 0, i;
	enum encoding enc;
	if (!size)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.format = formats[data[0] & 3];
	ro.max_field = 1 << 16;
	enc = (data[0] & 4) ? ENC_AUTO : ENC_UTF8;
	ro.no_header = (data[0] >> 3) & 1;
	fd = fuzz_memfd(data + 1, size - 1, path);
	record_init(&rec);
	if (input_open(&in, path, enc) < 0) {
		input_release(&in);
		close(fd);
		return 0;
	}
	rd = reader_open(&in, &ro);
	if (!rd) {
		/* refused with a message (an archive that is not an .xlsx) */
		input_release(&in);
		close(fd);
		return 0;
	}
	while ((st = reader_next(rd, &rec)) == RD_OK) {
		if (rec.kind == REC_DATA) {
			if (rec.index != expect)
				abort();
			expect++;
		}
		for (i = 0; i < rec.nf; i++) {
			const struct field *f = &rec.f[i];
			volatile char sink = 0;
			if (f->val.len)
				sink = f->val.ptr[0] ^ f->val.ptr[f->val.len - 1];
			if (f->raw_len && f->raw_off + f->raw_len > rec.raw.len && rec.kind != REC_HEADER &&
			    ro.format != FMT_CSV && ro.format != FMT_AUTO)
				abort();
			(void)sink;
		}
		buf_add(&out, rec.raw.ptr, rec.raw.len);
	}
	if (st == RD_EOF && in.enc == ENC_UTF8) {
		size_t skip = in.had_bom ? 3 : 0;
		if (out.len != size - 1 - skip || memcmp(out.ptr, data + 1 + skip, out.len))
			abort();
	}
	buf_release(&out);
	reader_free(rd);
	record_release(&rec);
	input_release(&in);
	close(fd);
	if (data[0] & 0x10) {
		static const char delims[] = ",;\t|";
		char delim = delims[(data[0] >> 5) & 3];
		struct buf csv = BUF_INIT;
		well_formed(data + 1, size - 1, delim, &csv);
		fd = fuzz_memfd((const uint8_t *)csv.ptr, csv.len, path);
		buf_release(&csv);
		changed_round_trip(path, &ro, delim);
		close(fd);
	}
	return 0;
}
