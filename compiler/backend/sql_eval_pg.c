/*
 * sql_eval_pg.c - `indc run --backend=postgres --db CONNINFO`: the
 * generated SQL run on a PostgreSQL server through libpq (docs/sql.md).
 *
 * The session sets search_path to pg_temp, so the tables and views of
 * `indc compile --emit=sql --dialect postgres` are created as temporary
 * objects: concurrent runs on one database never meet, and nothing is left
 * behind when the connection closes.  The program's rows and the actuals
 * go in with COPY (the same rows as the INSERT statements of --emit=sql),
 * the tables are analysed, the indicator view is computed once into the
 * table indc_indicator_result, which the project view reads, and both are
 * read back as exact decimal text into an RtResult.  CONNINFO is a libpq connection string or
 * URI; without --db libpq's defaults and PG* environment variables apply.
 *
 * Built only when libpq is found (INDC_HAVE_LIBPQ).  INDC_SQL_TIMING=1
 * prints the time of each step to stderr.
 */
#ifdef INDC_HAVE_LIBPQ

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sql_emit.h"

typedef struct Pg {
  PGconn *db;
  char *err;
  size_t errcap;
  const char *copying; /* table of the COPY in progress, or NULL */
  int failed;
  int timing;
  struct timespec t0;
} Pg;

static void pg_time(Pg *g, const char *what) {
  if (!g->timing) return;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  fprintf(stderr, "postgres: %-8s %.3f s\n", what,
          (double)(t.tv_sec - g->t0.tv_sec) + (double)(t.tv_nsec - g->t0.tv_nsec) / 1e9);
  g->t0 = t;
}

/* Record libpq's message (one line) once. */
static int pg_fail(Pg *g, const char *what) {
  if (!g->failed) {
    snprintf(g->err, g->errcap, "%s: %s", what, PQerrorMessage(g->db));
    size_t n = strlen(g->err);
    while (n && (g->err[n - 1] == '\n' || g->err[n - 1] == ' ')) g->err[--n] = '\0';
  }
  g->failed = 1;
  return -1;
}

static int pg_exec(Pg *g, const char *sql, const char *what) {
  if (g->failed) return -1;
  PGresult *r = PQexec(g->db, sql);
  int st = PQresultStatus(r);
  PQclear(r);
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : pg_fail(g, what);
}

/* SqlCopySink: COPY blocks of one table, then NULL to end it. */
static int pg_sink(void *ud, const char *table, const char *data, size_t len) {
  Pg *g = ud;
  if (g->failed) return -1;
  if (!g->copying) {
    char sql[128];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", table);
    PGresult *r = PQexec(g->db, sql);
    int st = PQresultStatus(r);
    PQclear(r);
    if (st != PGRES_COPY_IN) return pg_fail(g, table);
    g->copying = table;
  }
  if (data) return PQputCopyData(g->db, data, (int)len) == 1 ? 0 : pg_fail(g, table);
  g->copying = NULL;
  if (PQputCopyEnd(g->db, NULL) != 1) return pg_fail(g, table);
  int ok = 1;
  PGresult *r;
  while ((r = PQgetResult(g->db)) != NULL) {
    ok &= PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
  }
  return ok ? 0 : pg_fail(g, table);
}

/* Dec from the exact decimal text of a NUMERIC(19,9) column. */
static int pg_dec(Pg *g, PGresult *r, int row, int col, Dec *out) {
  const char *s = PQgetvalue(r, row, col);
  if (PQgetisnull(r, row, col) || dec_parse(s, strlen(s), out) != DEC_OK) {
    snprintf(g->err, g->errcap, "column %s of row %d is not a decimal: '%s'", PQfname(r, col),
             row, s);
    return -1;
  }
  return 0;
}

static long long pg_int(PGresult *r, int row, int col) {
  return PQgetisnull(r, row, col) ? -1 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static PGresult *pg_query(Pg *g, const char *cols, const char *view, const char *key,
                          uint32_t want) {
  char sql[512];
  snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", cols, view, key);
  PGresult *r = PQexec(g->db, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    pg_fail(g, view);
    PQclear(r);
    return NULL;
  }
  if ((uint32_t)PQntuples(r) != want) {
    snprintf(g->err, g->errcap, "%s has %d rows, not %u", view, PQntuples(r), want);
    PQclear(r);
    return NULL;
  }
  return r;
}

static int pg_read(Pg *g, RtResult *out) {
  const RtProgram *p = out->prog;
  PGresult *r = pg_query(g, sql_ind_columns, SQL_IND_RESULT, "indicator", p->nindicators);
  if (!r) return -1;
  int rc = 0;
  for (int i = 0; i < PQntuples(r) && rc == 0; i++) {
    SqlIndRow x = {pg_int(r, i, 0), pg_int(r, i, 1), pg_int(r, i, 2), pg_int(r, i, 6), 0, 0, 0};
    rc = pg_dec(g, r, i, 3, &x.score) || pg_dec(g, r, i, 4, &x.b) ||
         pg_dec(g, r, i, 5, &x.gap) || sql_result_ind(out, &x, g->err, g->errcap);
  }
  PQclear(r);
  if (rc) return -1;
  r = pg_query(g, sql_proj_columns, "indc_project_score", "project", p->nprojects);
  if (!r) return -1;
  for (int i = 0; i < PQntuples(r) && rc == 0; i++) {
    SqlProjRow x;
    memset(&x, 0, sizeof x);
    x.project = pg_int(r, i, 0);
    x.has_spent = pg_int(r, i, 3);
    x.grade = pg_int(r, i, 9);
    x.flags = pg_int(r, i, 10);
    Dec *d[] = {&x.planned, &x.spent, NULL, &x.rate, &x.rate_score, &x.applicable, &x.raw,
                &x.total, NULL, NULL, &x.elapsed};
    for (int c = 1; c <= 11 && rc == 0; c++)
      if (d[c - 1]) rc = pg_dec(g, r, i, c, d[c - 1]);
    for (int k = 0; k < 4 && rc == 0; k++)
      rc = pg_dec(g, r, i, 12 + k, &x.cat_points[k]) || pg_dec(g, r, i, 16 + k, &x.cat_scores[k]);
    if (rc == 0) rc = sql_result_proj(out, &x, g->err, g->errcap);
  }
  PQclear(r);
  return rc ? -1 : 0;
}

static const char *const pg_tables[] = {"indc_unit", "indc_scale", "indc_scale_member",
                                        "indc_policy", "indc_project", "indc_indicator",
                                        "indc_field", "indc_actual", "indc_spent",
                                        "indc_field_value", "indc_run"};

static int pg_load(Pg *g, const RtProgram *p, const RtActuals *a, int32_t as_of) {
  SqlText t = {0};
  int rc = pg_exec(g, "SET search_path = pg_temp; SET client_min_messages = warning",
                   "search_path");
  if (rc == 0) rc = sql_schema(p, SQL_POSTGRES, &t);
  if (rc == 0) rc = pg_exec(g, t.s, "schema");
  if (rc == 0) rc = sql_program_rows(p, SQL_POSTGRES, SQL_ROWS_COPY, NULL, pg_sink, g);
  pg_time(g, "program");
  if (rc == 0) rc = sql_actual_rows(p, a, as_of, SQL_POSTGRES, SQL_ROWS_COPY, NULL, pg_sink, g);
  for (size_t i = 0; rc == 0 && i < sizeof pg_tables / sizeof pg_tables[0]; i++) {
    char sql[64];
    snprintf(sql, sizeof sql, "ANALYZE %s", pg_tables[i]);
    rc = pg_exec(g, sql, "analyze");
  }
  pg_time(g, "actuals");
  t.len = 0;
  if (rc == 0) rc = sql_view_indicators(p, SQL_POSTGRES, &t, g->err, g->errcap);
  if (rc == 0) rc = pg_exec(g, t.s, "views");
  if (rc == 0)
    rc = pg_exec(g, "CREATE TABLE " SQL_IND_RESULT " AS SELECT * FROM indc_indicator_score; "
                    "ANALYZE " SQL_IND_RESULT, "indicator scores");
  pg_time(g, "scores");
  t.len = 0;
  if (rc == 0) rc = sql_view_projects(SQL_POSTGRES, SQL_IND_RESULT, &t, g->err, g->errcap);
  if (rc == 0) rc = pg_exec(g, t.s, "views");
  if (rc != 0 && !g->failed && !g->err[0]) snprintf(g->err, g->errcap, "out of memory");
  sql_text_free(&t);
  return rc;
}

int eval_postgres(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                  RtResult *out, const char *option, char *err, size_t errcap) {
  Pg g = {NULL, err, errcap, NULL, 0, 0, {0, 0}};
  const char *timing = getenv("INDC_SQL_TIMING");
  g.timing = timing && timing[0] == '1';
  clock_gettime(CLOCK_MONOTONIC, &g.t0);
  err[0] = '\0';
  if (sql_result_init(p, a, as_of, arena, out) != 0) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  g.db = PQconnectdb(option ? option : "");
  if (!g.db || PQstatus(g.db) != CONNECTION_OK) {
    if (g.db) pg_fail(&g, "cannot connect");
    else snprintf(err, errcap, "cannot connect: out of memory");
    PQfinish(g.db);
    return -1;
  }
  PQsetClientEncoding(g.db, "UTF8");
  int rc = pg_load(&g, p, a, as_of);
  if (rc == 0) rc = pg_read(&g, out);
  pg_time(&g, "projects");
  PQfinish(g.db);
  return rc;
}

#else
/* Without libpq this file is empty; ISO C wants a declaration. */
typedef int sql_eval_pg_unused;
#endif
