/*
 * sql_arith.c - the SQL backend's exact arithmetic against dec_muldiv.
 *
 *   sql_arith [N [SEED]]            SQLite, through its C library
 *   sql_arith --pg CONNINFO [N]     also PostgreSQL (dialects postgres, ansi)
 *
 * Builds md_in(k, x, y, z) with edge cases (0, 1, powers of two and ten
 * around the limb and 64-bit boundaries, DEC_MAX, exact halves) and N
 * random triples of assorted magnitudes, runs sql_muldiv_query and
 * compares every row with dec_muldiv (NULL for overflow and division by
 * zero).  Prints "sql arith: N passed, M failed" and exits 1 on any
 * mismatch.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#ifdef INDC_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

#include "backend/sql_emit.h"
#include "dec.h"

typedef struct Case { Dec x, y, z; } Case;

static uint64_t rng = 88172645463325252u;
static uint64_t next64(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* A value of a random bit length, sign and shape. */
static Dec rnd(void) {
  int bits = (int)(next64() % 64);
  uint64_t m = bits == 0 ? 0 : next64() >> (64 - bits);
  if (m > (uint64_t)DEC_MAX) m = (uint64_t)DEC_MAX;
  Dec v = (Dec)m;
  switch (next64() % 6) {
  case 0: v = v / DEC_ONE * DEC_ONE; break;            /* whole units */
  case 1: v = (Dec)(next64() % 1000) * 10000000; break; /* a score-like value */
  default: break;
  }
  return next64() % 5 == 0 ? -v : v;
}

static size_t cases(Case **out, size_t n) {
  static const Dec edge[] = {0, 1, 2, 3, 7, 1000000000, 999999999, 1000000001,
                             (Dec)1 << 21, ((Dec)1 << 21) - 1, (Dec)1 << 42, ((Dec)1 << 42) + 1,
                             (Dec)1 << 44, (Dec)1 << 50, ((Dec)1 << 50) - 1, (Dec)1 << 62,
                             ((Dec)1 << 62) + 1, ((Dec)1 << 62) - 1, DEC_MAX, DEC_MAX - 1,
                             DEC_MAX / 2, DEC_MAX / 3, 100000000000, 4294967296, 3037000499,
                             3037000500, 50000000000, 150000000000000, 9200000000000000000};
  size_t ne = sizeof edge / sizeof edge[0];
  size_t total = ne * ne * ne * 2 + n;
  Case *c = malloc(total * sizeof *c);
  size_t k = 0;
  for (size_t i = 0; i < ne; i++)
    for (size_t j = 0; j < ne; j++)
      for (size_t l = 0; l < ne; l++) {
        c[k++] = (Case){edge[i], edge[j], edge[l]};
        c[k++] = (Case){-edge[i], edge[j], edge[l] + (l % 2)};
      }
  for (size_t i = 0; i < n; i++) {
    Case t = {rnd(), rnd(), rnd()};
    if (i % 3 == 0) { /* a large divisor and a quotient near 2^63 or another target */
      __extension__ unsigned __int128 want, zz, yy;
      int sh = 40 + (int)(next64() % 23);
      zz = (next64() >> (64 - sh)) | ((uint64_t)1 << (sh - 1));
      yy = (next64() >> 1) | ((uint64_t)1 << 61);
      want = next64() % 2 ? ((unsigned __int128)1 << 63) - (next64() % 4096)
                          : (unsigned __int128)(next64() >> (1 + next64() % 40));
      unsigned __int128 xx = want * zz / yy + (next64() % 3);
      if (xx <= (unsigned __int128)DEC_MAX && zz <= (unsigned __int128)DEC_MAX) {
        t.x = (Dec)xx;
        t.y = (Dec)yy;
        t.z = (Dec)zz;
      }
    }
    c[k++] = t;
  }
  *out = c;
  return k;
}

static int expect(const Case *c, Dec *r) {
  return dec_muldiv(c->x, c->y, c->z, r) == DEC_OK;
}

static int check(const char *what, size_t i, const Case *c, int have, Dec got, unsigned *fail) {
  Dec want;
  int ok = expect(c, &want);
  if (ok == have && (!ok || want == got)) return 1;
  if (*fail < 20)
    fprintf(stderr, "%s: case %zu: muldiv(%" PRId64 ", %" PRId64 ", %" PRId64 ") = %s%" PRId64
            ", SQL gave %s%" PRId64 "\n",
            what, i, c->x, c->y, c->z, ok ? "" : "overflow ", ok ? want : 0,
            have ? "" : "NULL ", have ? got : 0);
  (*fail)++;
  return 0;
}

static int run_sqlite(const Case *c, size_t n, unsigned *pass, unsigned *fail) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return -1;
  sqlite3_exec(db, "CREATE TABLE md_in(k INTEGER PRIMARY KEY, x INTEGER, y INTEGER, z INTEGER);"
               "BEGIN", NULL, NULL, NULL);
  sqlite3_stmt *ins;
  sqlite3_prepare_v2(db, "INSERT INTO md_in VALUES (?, ?, ?, ?)", -1, &ins, NULL);
  for (size_t i = 0; i < n; i++) {
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)i);
    sqlite3_bind_int64(ins, 2, c[i].x);
    sqlite3_bind_int64(ins, 3, c[i].y);
    sqlite3_bind_int64(ins, 4, c[i].z);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  SqlText q = {0};
  if (sql_muldiv_query(SQL_SQLITE, &q) != 0) return -1;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, q.s, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  size_t seen = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    size_t k = (size_t)sqlite3_column_int64(st, 0);
    int t = sqlite3_column_type(st, 1);
    if (t != SQLITE_NULL && t != SQLITE_INTEGER) {
      fprintf(stderr, "sqlite: case %zu: result of type %d, not an integer\n", k, t);
      (*fail)++;
    } else if (check("sqlite", k, &c[k], t == SQLITE_INTEGER, sqlite3_column_int64(st, 1), fail)) {
      (*pass)++;
    }
    seen++;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  sql_text_free(&q);
  if (seen != n) {
    fprintf(stderr, "sqlite: %zu rows of %zu\n", seen, n);
    (*fail)++;
  }
  return 0;
}

#ifdef INDC_HAVE_LIBPQ
static int run_pg(const char *conninfo, SqlDialect d, const Case *c, size_t n, unsigned *pass,
                  unsigned *fail) {
  PGconn *db = PQconnectdb(conninfo);
  if (PQstatus(db) != CONNECTION_OK) {
    fprintf(stderr, "postgres: %s", PQerrorMessage(db));
    PQfinish(db);
    return -1;
  }
  PQclear(PQexec(db, "CREATE TEMP TABLE md_in(k BIGINT PRIMARY KEY, x NUMERIC(38,0), "
                     "y NUMERIC(38,0), z NUMERIC(38,0))"));
  PGresult *r = PQexec(db, "COPY md_in FROM STDIN");
  PQclear(r);
  char line[128];
  for (size_t i = 0; i < n; i++) {
    int len = snprintf(line, sizeof line, "%zu\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\n", i,
                       c[i].x, c[i].y, c[i].z);
    PQputCopyData(db, line, len);
  }
  PQputCopyEnd(db, NULL);
  PQclear(PQgetResult(db));
  SqlText q = {0};
  sql_muldiv_query(d, &q);
  r = PQexec(db, q.s);
  sql_text_free(&q);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fprintf(stderr, "postgres: %s", PQerrorMessage(db));
    PQclear(r);
    PQfinish(db);
    return -1;
  }
  const char *what = d == SQL_ANSI ? "ansi" : "postgres";
  for (int i = 0; i < PQntuples(r); i++) {
    size_t k = (size_t)strtoull(PQgetvalue(r, i, 0), NULL, 10);
    int have = !PQgetisnull(r, i, 1);
    Dec got = 0;
    if (have) { /* an integer count of nano units */
      const char *v = PQgetvalue(r, i, 1);
      char *end;
      errno = 0;
      got = strtoll(v, &end, 10);
      if (errno || *end || end == v) {
        fprintf(stderr, "%s: case %zu: cannot read '%s'\n", what, k, v);
        (*fail)++;
        continue;
      }
    }
    if (check(what, k, &c[k], have, got, fail)) (*pass)++;
  }
  if ((size_t)PQntuples(r) != n) (*fail)++;
  PQclear(r);
  PQfinish(db);
  return 0;
}
#endif

int main(int argc, char **argv) {
  const char *pg = NULL;
  int a = 1;
  if (argc > 2 && !strcmp(argv[1], "--pg")) {
    pg = argv[2];
    a = 3;
  }
  size_t n = argc > a ? strtoul(argv[a], NULL, 10) : 200000;
  if (argc > a + 1) rng ^= strtoull(argv[a + 1], NULL, 10) * 2654435761u;
  Case *c;
  size_t total = cases(&c, n);
  unsigned pass = 0, fail = 0;
  if (run_sqlite(c, total, &pass, &fail) != 0) fail++;
#ifdef INDC_HAVE_LIBPQ
  if (pg && (run_pg(pg, SQL_POSTGRES, c, total, &pass, &fail) != 0 ||
             run_pg(pg, SQL_ANSI, c, total, &pass, &fail) != 0))
    fail++;
#else
  if (pg) {
    fprintf(stderr, "sql_arith: built without libpq\n");
    fail++;
  }
#endif
  free(c);
  printf("sql arith: %u passed, %u failed\n", pass, fail);
  return fail ? 1 : 0;
}
