/*
 * output.c — buffered, checked, atomic output (see output.h). We write with
 * write(2) from our own buffer rather than stdio so that every error is seen
 * where it happens and EPIPE/ENOSPC cannot be swallowed by a late fclose.
 */
#include "scanner/output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUT_BUF (256u << 10)

/* The temporary file to remove if a fatal signal arrives mid-write. */
static volatile sig_atomic_t have_tmp;
static char tmp_for_signal[4096];

static void on_fatal_signal(int sig)
{
	if (have_tmp)
		unlink(tmp_for_signal);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_signals(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	signal(SIGINT, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
}

int output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	buf_init(&o->buf, OUT_BUF);
	o->fd = -1;
	if (!path || !strcmp(path, "-")) {
		o->name = xstrdup("<stdout>");
		o->fd = 1;
		return 0;
	}
	{
		struct buf t = BUF_INIT;
		mode_t mask;
		buf_addf(&t, "%s.znes-XXXXXX", path);
		o->fd = mkstemp(t.ptr);
		if (o->fd < 0) {
			int e = errno;
			buf_release(&t);
			buf_release(&o->buf);
			o->failed = 1;
			return error("cannot create '%s': %s", path, strerror(e));
		}
		/* mkstemp makes 0600; give the file the mode a plain create would. */
		mask = umask(0);
		umask(mask);
		if (fchmod(o->fd, 0666 & ~mask) < 0)
			warning("cannot set the mode of '%s': %s", path, strerror(errno));
		o->tmp = buf_detach(&t, NULL);
	}
	o->path = xstrdup(path);
	o->name = xstrdup(path);
	if (strlen(o->tmp) < sizeof tmp_for_signal) {
		memcpy(tmp_for_signal, o->tmp, strlen(o->tmp) + 1);
		have_tmp = 1;
	}
	watch_signals();
	return 0;
}

static int flush(struct output *o)
{
	size_t off = 0;
	while (off < o->buf.len) {
		ssize_t w = write(o->fd, o->buf.ptr + off, o->buf.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->failed = 1;
			return error("cannot write '%s': %s", o->name,
				     w < 0 ? strerror(errno) : "short write");
		}
		off += (size_t)w;
	}
	buf_reset(&o->buf);
	return 0;
}

int output_write(struct output *o, const void *p, size_t n)
{
	if (o->failed)
		return -1;
	if (o->tap)
		o->tap(o->tap_ctx, p, n);
	o->bytes += n;
	if (o->buf.len + n > OUT_BUF) {
		if (flush(o) < 0)
			return -1;
		if (n > OUT_BUF) {
			buf_add(&o->buf, p, n);
			return flush(o);
		}
	}
	buf_add(&o->buf, p, n);
	return 0;
}

struct buf *output_begin(struct output *o, size_t *mark)
{
	if (o->failed || (o->buf.len >= OUT_BUF && flush(o) < 0))
		return NULL;
	*mark = o->buf.len;
	return &o->buf;
}

int output_end(struct output *o, size_t mark)
{
	size_t n = o->buf.len - mark;
	if (o->tap)
		o->tap(o->tap_ctx, o->buf.ptr + mark, n);
	o->bytes += n;
	return o->buf.len >= OUT_BUF ? flush(o) : 0;
}

int output_commit(struct output *o)
{
	int rc = 0;
	if (o->failed) {
		/* a write failed before: nothing more to write, all to free */
		output_abort(o);
		return -1;
	}
	if (flush(o) < 0)
		rc = -1;
	if (o->path) {
		if (!rc && fsync(o->fd) < 0 && errno != EINVAL)
			rc = error("cannot write '%s': %s", o->name, strerror(errno));
		if (close(o->fd) < 0 && !rc)
			rc = error("cannot write '%s': %s", o->name, strerror(errno));
		o->fd = -1;
		if (!rc && rename(o->tmp, o->path) < 0)
			rc = error("cannot rename '%s' to '%s': %s", o->tmp, o->path, strerror(errno));
		if (rc)
			unlink(o->tmp);
		have_tmp = 0;
		free(o->tmp);
		o->tmp = NULL;
	}
	if (rc)
		o->failed = 1;
	free(o->path);
	o->path = NULL;
	free(o->name);
	o->name = NULL;
	buf_release(&o->buf);
	return rc;
}

void output_abort(struct output *o)
{
	if (o->tmp) {
		if (o->fd >= 0)
			close(o->fd);
		unlink(o->tmp);
		have_tmp = 0;
		free(o->tmp);
		o->tmp = NULL;
	}
	free(o->path);
	o->path = NULL;
	free(o->name);
	o->name = NULL;
	buf_release(&o->buf);
	o->fd = -1;
}
