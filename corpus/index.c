/*
 * index.c — the SQLite side of the linkage analysis (see index.h): the
 * schema, the key file, adding and removing published datasets, and the
 * queries of the analysis (k-anonymity classes of the new dataset,
 * unique matches against a published one, identifier look-ups). No other
 * znes module calls SQLite. Memory is bounded by SQLite's page cache and
 * sorter (set below); big GROUP BYs spill to temporary files.
 */
#include "corpus/index.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "filters/crypto.h"

#include "scanner/buf.h"

#define KEY_BYTES 32
#define SCHEMA_VERSION "1"

struct corpus {
	sqlite3 *db;
	char *path;
	unsigned char key[KEY_BYTES];
	sqlite3_stmt *ins_row, *ins_ident, *ins_new, *find_ident;
	int in_txn;
};

static const char *const ident_names[ID_N] = {
	"", "name", "tax_id", "phone", "email", "document", "account", "hex",
};

const char *ident_kind_name(int kind)
{
	return kind > 0 && kind < ID_N ? ident_names[kind] : "?";
}

static int sqlerr(struct corpus *c, const char *what)
{
	return error("%s: %s: %s", c->path, what, sqlite3_errmsg(c->db));
}

static int exec(struct corpus *c, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = error("%s: %s", c->path, msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static int prepare(struct corpus *c, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(c->db, sql, -1, st, NULL) != SQLITE_OK)
		return sqlerr(c, "cannot prepare a query");
	return 0;
}

/* Ends the open transaction with sql (ending in COMMIT), or rolls it back. */
static int commit(struct corpus *c, const char *sql)
{
	if (exec(c, sql) < 0) {
		corpus_add_abort(c);
		return -1;
	}
	c->in_txn = 0;
	return 0;
}

/* Runs one statement whose parameters are the integers v[0..n). */
static int step_ints(struct corpus *c, const char *sql, const int64_t *v, size_t n, const char *what)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;
	if (prepare(c, sql, &st) < 0)
		return -1;
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 1, v[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(c, what);
}

int64_t corpus_hash(const struct corpus *c, const char *s, size_t n)
{
	unsigned char out[16];
	uint64_t v = 0;
	int i;
	keyed_hash128(c->key, s, n, out);
	for (i = 0; i < 8; i++)
		v = v << 8 | out[i];
	return (int64_t)v;
}

char *corpus_default_path(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	struct buf b = BUF_INIT;
	if (x && *x)
		buf_addf(&b, "%s/znes/corpus.db", x);
	else if (home && *home)
		buf_addf(&b, "%s/.local/share/znes/corpus.db", home);
	else {
		error("neither XDG_DATA_HOME nor HOME is set: give the index with --db FILE");
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* mkdir -p of the folder of path, private to the user. */
static int make_parent(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rc = error("cannot create folder '%s': %s", p, strerror(errno));
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* Reads the key, or creates it (0600, O_EXCL: never overwrite) when allowed. */
static int load_key(struct corpus *c, int may_create)
{
	struct buf kp = BUF_INIT;
	struct stat st;
	int fd, rc = 0;
	ssize_t got;
	buf_addf(&kp, "%s.key", c->path);
	fd = open(kp.ptr, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && may_create) {
		crypto_random(c->key, KEY_BYTES);
		fd = open(kp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = error("cannot create key file '%s': %s", kp.ptr, strerror(errno));
		} else {
			if (write(fd, c->key, KEY_BYTES) != KEY_BYTES || fsync(fd) < 0)
				rc = error("cannot write key file '%s': %s", kp.ptr, strerror(errno));
			if (close(fd) < 0 && !rc)
				rc = error("cannot write key file '%s': %s", kp.ptr, strerror(errno));
			if (rc)
				unlink(kp.ptr);
		}
		buf_release(&kp);
		return rc;
	}
	if (fd < 0) {
		rc = error("cannot open key file '%s': %s (the index cannot be read without its key)",
			   kp.ptr, strerror(errno));
	} else {
		if (fstat(fd, &st) == 0 && (st.st_mode & 077))
			warning("key file '%s' is readable by others (chmod 600 it)", kp.ptr);
		got = read(fd, c->key, KEY_BYTES);
		if (got != KEY_BYTES)
			rc = error("key file '%s' is damaged: expected %d bytes", kp.ptr, KEY_BYTES);
		close(fd);
	}
	buf_release(&kp);
	return rc;
}

/* The key's fingerprint, stored in meta, tells a wrong key from no match. */
static void fingerprint(const struct corpus *c, char out[33])
{
	unsigned char h[16];
	static const char xd[] = "0123456789abcdef";
	int i;
	keyed_hash128(c->key, "znes corpus key", 15, h);
	for (i = 0; i < 16; i++) {
		out[2 * i] = xd[h[i] >> 4];
		out[2 * i + 1] = xd[h[i] & 15];
	}
	out[32] = '\0';
}

static int setup(struct corpus *c)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *st;
	char fp[33];
	int i, rc;
	/* bounded memory: a 16 MiB page cache, sorts and temp tables on disk */
	if (exec(c, "PRAGMA cache_size=-16384; PRAGMA temp_store=FILE; PRAGMA synchronous=NORMAL;"
		    " PRAGMA foreign_keys=OFF;") < 0)
		return -1;
	buf_adds(&sql, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
		       "CREATE TABLE IF NOT EXISTS dataset(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
		       " source TEXT, file TEXT, added TEXT, records INTEGER, direct INTEGER, slots INTEGER);"
		       "CREATE TABLE IF NOT EXISTS dscol(ds INTEGER NOT NULL, col TEXT, kind TEXT, slots INTEGER);"
		       "CREATE TABLE IF NOT EXISTS ident(h INTEGER NOT NULL, kind INTEGER NOT NULL,"
		       " ds INTEGER NOT NULL, PRIMARY KEY(h, kind, ds)) WITHOUT ROWID;"
		       "CREATE TABLE IF NOT EXISTS rec(ds INTEGER NOT NULL, row INTEGER NOT NULL,"
		       " direct INTEGER NOT NULL");
	for (i = 0; i < QS_N; i++)
		buf_addf(&sql, ", %s INTEGER", qi_slot_name(i));
	buf_adds(&sql, ", PRIMARY KEY(ds, row)) WITHOUT ROWID;"
		       "CREATE TEMP TABLE IF NOT EXISTS istage(h INTEGER, kind INTEGER);");
	rc = exec(c, sql.ptr);
	buf_release(&sql);
	if (rc < 0)
		return -1;
	fingerprint(c, fp);
	if (prepare(c, "SELECT value FROM meta WHERE key='key_fingerprint'", &st) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *have = (const char *)sqlite3_column_text(st, 0);
		if (!have || strcmp(have, fp)) {
			sqlite3_finalize(st);
			return error("%s: the key file '%s.key' is not the one this index was built with", c->path,
				     c->path);
		}
		sqlite3_finalize(st);
	} else {
		sqlite3_finalize(st);
		buf_addf(&sql, "INSERT OR REPLACE INTO meta VALUES('key_fingerprint', '%s'),"
			       " ('schema', '" SCHEMA_VERSION "');", fp);
		rc = exec(c, sql.ptr);
		buf_release(&sql);
		if (rc < 0)
			return -1;
	}
	buf_adds(&sql, "INSERT INTO rec(ds, row, direct");
	for (i = 0; i < QS_N; i++)
		buf_addf(&sql, ", %s", qi_slot_name(i));
	buf_adds(&sql, ") VALUES(?, ?, ?");
	for (i = 0; i < QS_N; i++)
		buf_adds(&sql, ", ?");
	buf_adds(&sql, ")");
	rc = prepare(c, sql.ptr, &c->ins_row);
	buf_release(&sql);
	if (rc < 0 || prepare(c, "INSERT INTO temp.istage VALUES(?, ?)", &c->ins_ident) < 0 ||
	    prepare(c, "SELECT DISTINCT ds FROM ident WHERE h = ? AND kind = ?", &c->find_ident) < 0)
		return -1;
	return 0;
}

static struct corpus *open_db(const char *path, const char *file, int create, int memory)
{
	struct corpus *c = xcalloc(1, sizeof *c);
	struct stat st;
	int exists = !memory && stat(path, &st) == 0;
	if (crypto_ready() < 0) {
		free(c);
		return NULL;
	}
	c->path = xstrdup(path);
	if (!memory && !exists && !create) {
		error("no index at '%s' (add a published dataset with znes corpus add)", path);
		goto fail;
	}
	if (!memory && create && !exists && make_parent(path) < 0)
		goto fail;
	if (memory)
		crypto_random(c->key, KEY_BYTES);
	else if (load_key(c, !exists) < 0)
		goto fail;
	if (sqlite3_open_v2(file, &c->db, SQLITE_OPEN_READWRITE | (create || memory ? SQLITE_OPEN_CREATE : 0),
			    NULL) != SQLITE_OK) {
		error("cannot open index '%s': %s", path, c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, 5000);
	if (!memory && !exists)
		chmod(path, 0600);
	if (setup(c) < 0)
		goto fail;
	return c;
fail:
	corpus_close(c);
	return NULL;
}

struct corpus *corpus_open(const char *path, int create)
{
	return open_db(path, path, create, 0);
}

struct corpus *corpus_open_memory(void)
{
	return open_db("<memory>", ":memory:", 1, 1);
}

void corpus_close(struct corpus *c)
{
	if (!c)
		return;
	if (c->in_txn)
		corpus_add_abort(c);
	sqlite3_finalize(c->ins_row);
	sqlite3_finalize(c->ins_ident);
	sqlite3_finalize(c->ins_new);
	sqlite3_finalize(c->find_ident);
	if (c->db)
		sqlite3_close(c->db);
	crypto_wipe(c->key, sizeof c->key);
	free(c->path);
	free(c);
}

/* ---- adding --------------------------------------------------------------- */

int corpus_add_begin(struct corpus *c, const char *name, const char *source, const char *file,
		     int64_t *id)
{
	sqlite3_stmt *st;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;
	if (exec(c, "BEGIN IMMEDIATE") < 0)
		return -1;
	c->in_txn = 1;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (prepare(c, "INSERT INTO dataset(name, source, file, added, records, direct, slots)"
		       " VALUES(?, ?, ?, ?, 0, 0, 0)", &st) < 0)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, source ? source : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, file, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT) {
		error("%s: a dataset named '%s' is already indexed (znes corpus remove it first)", c->path, name);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		sqlerr(c, "cannot add the dataset");
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(c->db);
	return exec(c, "DELETE FROM temp.istage");
fail:
	corpus_add_abort(c);
	return -1;
}

int corpus_add_column(struct corpus *c, int64_t id, const char *col, const char *kind,
		      unsigned slots)
{
	sqlite3_stmt *st;
	int rc;
	if (prepare(c, "INSERT INTO dscol VALUES(?, ?, ?, ?)", &st) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, slots);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(c, "cannot record a column");
}

static void bind_slots(sqlite3_stmt *st, int first, const int64_t *h, unsigned set)
{
	int i;
	for (i = 0; i < QS_N; i++) {
		if (set & (1u << i))
			sqlite3_bind_int64(st, first + i, h[i]);
		else
			sqlite3_bind_null(st, first + i);
	}
}

int corpus_add_row(struct corpus *c, int64_t id, int64_t row, int direct, const int64_t *h,
		   unsigned set)
{
	sqlite3_stmt *st = c->ins_row;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, row);
	sqlite3_bind_int(st, 3, direct);
	bind_slots(st, 4, h, set);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return sqlerr(c, "cannot store a record");
	}
	sqlite3_reset(st);
	return 0;
}

int corpus_add_ident(struct corpus *c, int kind, int64_t h)
{
	sqlite3_stmt *st = c->ins_ident;
	sqlite3_bind_int64(st, 1, h);
	sqlite3_bind_int(st, 2, kind);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return sqlerr(c, "cannot store an identifier");
	}
	sqlite3_reset(st);
	return 0;
}

int corpus_add_end(struct corpus *c, int64_t id, int64_t records, int64_t direct, unsigned slots)
{
	sqlite3_stmt *st;
	int rc;
	/* identifiers go in sorted: B-tree appends instead of random inserts */
	if (prepare(c, "INSERT OR IGNORE INTO ident(h, kind, ds) SELECT h, kind, ? FROM temp.istage"
		       " ORDER BY h, kind", &st) < 0)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sqlerr(c, "cannot store the identifiers");
		goto fail;
	}
	{
		const int64_t v[] = { records, direct, slots, id };
		if (step_ints(c, "UPDATE dataset SET records = ?, direct = ?, slots = ? WHERE id = ?",
			      v, 4, "cannot update the dataset") < 0)
			goto fail;
	}
	return commit(c, "DELETE FROM temp.istage; COMMIT");
fail:
	corpus_add_abort(c);
	return -1;
}

void corpus_add_abort(struct corpus *c)
{
	if (c->in_txn)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	c->in_txn = 0;
}

int corpus_remove(struct corpus *c, const char *name)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;
	if (prepare(c, "SELECT id FROM dataset WHERE name = ?", &st) < 0)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (id < 0)
		return error("%s: no dataset named '%s' (see znes corpus list)", c->path, name);
	if (exec(c, "BEGIN IMMEDIATE") < 0)
		return -1;
	c->in_txn = 1;
	{
		static const char *const del[] = {
			"DELETE FROM rec WHERE ds = ?", "DELETE FROM ident WHERE ds = ?",
			"DELETE FROM dscol WHERE ds = ?", "DELETE FROM dataset WHERE id = ?",
		};
		size_t i;
		for (i = 0; i < sizeof del / sizeof del[0]; i++)
			if (step_ints(c, del[i], &id, 1, "cannot remove the dataset") < 0)
				goto fail;
	}
	return commit(c, "COMMIT");
fail:
	corpus_add_abort(c);
	return -1;
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

int corpus_datasets(struct corpus *c, struct corpus_dataset **out, size_t *n)
{
	sqlite3_stmt *st, *cs;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (prepare(c, "SELECT id, name, source, file, added, records, direct, slots FROM dataset ORDER BY name",
		    &st) < 0)
		return -1;
	if (prepare(c, "SELECT col, kind, slots FROM dscol WHERE ds = ? ORDER BY rowid", &cs) < 0) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct corpus_dataset *d;
		size_t ccap = 0;
		if (*n == cap) {
			cap = cap ? st_mult(cap, 2) : 8;
			*out = xrealloc(*out, st_mult(cap, sizeof **out));
		}
		d = &(*out)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(st, 0);
		d->name = col_text(st, 1);
		d->source = col_text(st, 2);
		d->file = col_text(st, 3);
		d->added = col_text(st, 4);
		d->records = sqlite3_column_int64(st, 5);
		d->direct = sqlite3_column_int64(st, 6);
		d->slots = (unsigned)sqlite3_column_int64(st, 7);
		sqlite3_bind_int64(cs, 1, d->id);
		while (sqlite3_step(cs) == SQLITE_ROW) {
			if (d->ncol == ccap) {
				ccap = ccap ? st_mult(ccap, 2) : 8;
				d->col = xrealloc(d->col, st_mult(ccap, sizeof *d->col));
			}
			d->col[d->ncol].name = col_text(cs, 0);
			d->col[d->ncol].kind = col_text(cs, 1);
			d->col[d->ncol].slots = (unsigned)sqlite3_column_int64(cs, 2);
			d->ncol++;
		}
		sqlite3_reset(cs);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cs);
	if (rc != SQLITE_DONE) {
		corpus_datasets_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sqlerr(c, "cannot list the datasets");
	}
	return 0;
}

void corpus_datasets_free(struct corpus_dataset *d, size_t n)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].source);
		free(d[i].file);
		free(d[i].added);
		for (k = 0; k < d[i].ncol; k++) {
			free(d[i].col[k].name);
			free(d[i].col[k].kind);
		}
		free(d[i].col);
	}
	free(d);
}

/* ---- the new dataset -------------------------------------------------------- */

int corpus_new_begin(struct corpus *c)
{
	struct buf sql = BUF_INIT;
	int i, rc;
	buf_adds(&sql, "DROP TABLE IF EXISTS temp.nrow; CREATE TEMP TABLE nrow(row INTEGER PRIMARY KEY");
	for (i = 0; i < QS_N; i++)
		buf_addf(&sql, ", %s INTEGER", qi_slot_name(i));
	buf_adds(&sql, "); BEGIN");
	rc = exec(c, sql.ptr);
	buf_reset(&sql);
	if (rc < 0) {
		buf_release(&sql);
		return -1;
	}
	c->in_txn = 1;
	buf_adds(&sql, "INSERT INTO temp.nrow VALUES(?");
	for (i = 0; i < QS_N; i++)
		buf_adds(&sql, ", ?");
	buf_adds(&sql, ")");
	sqlite3_finalize(c->ins_new);
	c->ins_new = NULL;
	rc = prepare(c, sql.ptr, &c->ins_new);
	buf_release(&sql);
	return rc;
}

int corpus_new_row(struct corpus *c, int64_t row, const int64_t *h, unsigned set)
{
	sqlite3_stmt *st = c->ins_new;
	sqlite3_bind_int64(st, 1, row);
	bind_slots(st, 2, h, set);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return sqlerr(c, "cannot store a record of the new dataset");
	}
	sqlite3_reset(st);
	return 0;
}

int corpus_new_end(struct corpus *c)
{
	if (exec(c, "COMMIT") < 0)
		return -1;
	c->in_txn = 0;
	return 0;
}

static void slot_list(struct buf *b, unsigned slots, const char *prefix, const char *sep)
{
	int i, first = 1;
	for (i = 0; i < QS_N; i++)
		if (slots & (1u << i)) {
			buf_addf(b, "%s%s%s", first ? "" : sep, prefix, qi_slot_name(i));
			first = 0;
		}
}

int corpus_classes(struct corpus *c, unsigned slots, int64_t k, struct kstats *out)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *st;
	int rc;
	memset(out, 0, sizeof *out);
	buf_adds(&sql, "SELECT count(*), total(CASE WHEN n < ?1 THEN n ELSE 0 END), total(n = 1)"
		       " FROM (SELECT count(*) AS n FROM temp.nrow");
	if (slots) {
		buf_adds(&sql, " GROUP BY ");
		slot_list(&sql, slots, "", ", ");
	}
	buf_adds(&sql, ") WHERE n > 0");
	rc = prepare(c, sql.ptr, &st);
	buf_release(&sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(st, 1, k);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->classes = sqlite3_column_int64(st, 0);
		out->below_k = (int64_t)sqlite3_column_double(st, 1);
		out->unique = (int64_t)sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sqlerr(c, "cannot count the equivalence classes");
}

int corpus_link(struct corpus *c, int64_t ds, unsigned slots, void (*hit)(void *ctx, int64_t row),
		void *ctx, int64_t *count)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *st;
	int rc, i, first = 1;
	*count = 0;
	if (!slots)
		return 0;
	/* the combinations that occur exactly once in ds, on a record with a
	 * direct identifier, joined with the new rows holding them */
	buf_adds(&sql, "SELECT n.row FROM temp.nrow AS n JOIN (SELECT ");
	slot_list(&sql, slots, "", ", ");
	buf_adds(&sql, " FROM rec WHERE ds = ?1");
	for (i = 0; i < QS_N; i++)
		if (slots & (1u << i))
			buf_addf(&sql, " AND %s IS NOT NULL", qi_slot_name(i));
	buf_adds(&sql, " GROUP BY ");
	slot_list(&sql, slots, "", ", ");
	buf_adds(&sql, " HAVING count(*) = 1 AND max(direct) = 1) AS g ON ");
	for (i = 0; i < QS_N; i++)
		if (slots & (1u << i)) {
			buf_addf(&sql, "%sn.%s = g.%s", first ? "" : " AND ", qi_slot_name(i), qi_slot_name(i));
			first = 0;
		}
	rc = prepare(c, sql.ptr, &st);
	buf_release(&sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(st, 1, ds);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*count)++;
		if (hit)
			hit(ctx, sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(c, "cannot match against a published dataset");
}

int corpus_ident_find(struct corpus *c, int kind, int64_t h, void (*found)(void *ctx, int64_t ds),
		      void *ctx)
{
	sqlite3_stmt *st = c->find_ident;
	int rc;
	sqlite3_bind_int64(st, 1, h);
	sqlite3_bind_int(st, 2, kind);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		found(ctx, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(c, "cannot look up an identifier");
}
