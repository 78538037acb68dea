/*
 * sql_eval_sqlite.c - `indc run --backend=sqlite`: the generated SQL run in
 * SQLite through its C library (docs/sql.md).
 *
 * The database is in memory, or the file named by --db (which must not hold
 * indc's tables yet; it is left behind with the program, the actuals and
 * the views, for inspection).  Everything goes through the SQL that
 * `indc compile --emit=sql --dialect sqlite` writes: the schema, the
 * program's INSERT statements, the actuals as INSERT statements, the
 * views.  The indicator view is computed once into the table
 * indc_indicator_result, which the project view then reads; both are read
 * back into an RtResult.  No function is registered in the connection:
 * the views compute with integers only.
 *
 * INDC_SQL_TIMING=1 in the environment prints the time of each step to
 * stderr (bench/sql.sh reads it).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sql_emit.h"

typedef struct Lite {
  sqlite3 *db;
  char *err;
  size_t errcap;
  int failed;
  int timing;
  struct timespec t0;
} Lite;

static void lite_time(Lite *l, const char *what) {
  if (!l->timing) return;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  fprintf(stderr, "sqlite: %-8s %.3f s\n", what,
          (double)(t.tv_sec - l->t0.tv_sec) + (double)(t.tv_nsec - l->t0.tv_nsec) / 1e9);
  l->t0 = t;
}

/* Run statements; on failure record the first error. */
static int lite_exec(Lite *l, const char *sql) {
  char *msg = NULL;
  if (l->failed) return -1;
  if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    snprintf(l->err, l->errcap, "%s", msg ? msg : sqlite3_errmsg(l->db));
    sqlite3_free(msg);
    l->failed = 1;
    return -1;
  }
  return 0;
}

/* SqlCopySink for INSERT text: execute each batch of statements. */
static int lite_sink(void *ud, const char *table, const char *data, size_t len) {
  Lite *l = ud;
  (void)table;
  (void)len;
  return data ? lite_exec(l, data) : 0;
}

static Dec col_dec(sqlite3_stmt *st, int i) { return (Dec)sqlite3_column_int64(st, i); }

static int lite_prepare(Lite *l, const char *cols, const char *view, const char *key,
                        sqlite3_stmt **st) {
  char sql[512];
  snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", cols, view, key);
  if (sqlite3_prepare_v2(l->db, sql, -1, st, NULL) != SQLITE_OK) {
    snprintf(l->err, l->errcap, "%s", sqlite3_errmsg(l->db));
    return -1;
  }
  return 0;
}

/* A NULL or non-integer column means the view has a bug. */
static int lite_row_ok(Lite *l, sqlite3_stmt *st, const char *view) {
  for (int i = 0; i < sqlite3_column_count(st); i++)
    if (sqlite3_column_type(st, i) != SQLITE_INTEGER) {
      snprintf(l->err, l->errcap, "%s: column %s is not an integer",
               view, sqlite3_column_name(st, i));
      return 0;
    }
  return 1;
}

static int lite_read(Lite *l, RtResult *out) {
  sqlite3_stmt *st;
  uint32_t n = 0;
  if (lite_prepare(l, sql_ind_columns, SQL_IND_RESULT, "indicator", &st) != 0) return -1;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!lite_row_ok(l, st, "indc_indicator_score")) break;
    SqlIndRow r = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 6),
                   col_dec(st, 3), col_dec(st, 4), col_dec(st, 5)};
    if (sql_result_ind(out, &r, l->err, l->errcap) != 0) break;
    n++;
  }
  if (rc == SQLITE_ERROR) snprintf(l->err, l->errcap, "%s", sqlite3_errmsg(l->db));
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return -1;
  if (n != out->prog->nindicators) {
    snprintf(l->err, l->errcap, "indc_indicator_score has %u rows, not %u", n,
             out->prog->nindicators);
    return -1;
  }
  if (lite_prepare(l, sql_proj_columns, "indc_project_score", "project", &st) != 0) return -1;
  n = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!lite_row_ok(l, st, "indc_project_score")) break;
    SqlProjRow r;
    r.project = sqlite3_column_int64(st, 0);
    r.planned = col_dec(st, 1), r.spent = col_dec(st, 2);
    r.has_spent = sqlite3_column_int64(st, 3);
    r.rate = col_dec(st, 4), r.rate_score = col_dec(st, 5), r.applicable = col_dec(st, 6);
    r.raw = col_dec(st, 7), r.total = col_dec(st, 8);
    r.grade = sqlite3_column_int64(st, 9), r.flags = sqlite3_column_int64(st, 10);
    r.elapsed = col_dec(st, 11);
    for (int k = 0; k < 4; k++) r.cat_points[k] = col_dec(st, 12 + k);
    for (int k = 0; k < 4; k++) r.cat_scores[k] = col_dec(st, 16 + k);
    if (sql_result_proj(out, &r, l->err, l->errcap) != 0) break;
    n++;
  }
  if (rc == SQLITE_ERROR) snprintf(l->err, l->errcap, "%s", sqlite3_errmsg(l->db));
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return -1;
  if (n != out->prog->nprojects) {
    snprintf(l->err, l->errcap, "indc_project_score has %u rows, not %u", n,
             out->prog->nprojects);
    return -1;
  }
  return 0;
}

/* Load the program and the actuals; create the views. */
static int lite_load(Lite *l, const RtProgram *p, const RtActuals *a, int32_t as_of) {
  SqlText t = {0};
  int rc = sql_schema(p, SQL_SQLITE, &t);
  if (rc == 0) rc = lite_exec(l, "BEGIN");
  if (rc == 0) rc = lite_exec(l, t.s);
  t.len = 0;
  if (rc == 0) rc = sql_program_rows(p, SQL_SQLITE, SQL_ROWS_INSERT, &t, lite_sink, l);
  lite_time(l, "program");
  if (rc == 0) rc = sql_actual_rows(p, a, as_of, SQL_SQLITE, SQL_ROWS_INSERT, &t, lite_sink, l);
  lite_time(l, "actuals");
  if (rc == 0) rc = sql_view_indicators(p, SQL_SQLITE, &t, l->err, l->errcap);
  if (rc == 0) rc = lite_exec(l, t.s);
  if (rc == 0)
    rc = lite_exec(l, "CREATE TABLE " SQL_IND_RESULT " AS SELECT * FROM indc_indicator_score");
  lite_time(l, "scores");
  t.len = 0;
  if (rc == 0) rc = sql_view_projects(SQL_SQLITE, SQL_IND_RESULT, &t, l->err, l->errcap);
  if (rc == 0) rc = lite_exec(l, t.s);
  if (rc == 0) rc = lite_exec(l, "COMMIT");
  if (rc != 0 && !l->failed && !l->err[0]) snprintf(l->err, l->errcap, "out of memory");
  sql_text_free(&t);
  return rc;
}

int eval_sqlite(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                RtResult *out, const char *option, char *err, size_t errcap) {
  Lite l = {NULL, err, errcap, 0, 0, {0, 0}};
  const char *timing = getenv("INDC_SQL_TIMING");
  l.timing = timing && timing[0] == '1';
  clock_gettime(CLOCK_MONOTONIC, &l.t0);
  err[0] = '\0';
  if (sql_result_init(p, a, as_of, arena, out) != 0) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  if (sqlite3_open(option && option[0] ? option : ":memory:", &l.db) != SQLITE_OK) {
    snprintf(err, errcap, "cannot open %s: %s", option ? option : ":memory:",
             l.db ? sqlite3_errmsg(l.db) : "out of memory");
    sqlite3_close(l.db);
    return -1;
  }
  int rc = lite_load(&l, p, a, as_of);
  if (rc == 0) rc = lite_read(&l, out);
  lite_time(&l, "projects");
  sqlite3_close(l.db);
  return rc;
}

/* ---- results, shared with sql_eval_pg.c (sql_emit.h) ------------------------------- */

int sql_result_init(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                    RtResult *out) {
  memset(out, 0, sizeof *out);
  out->prog = p;
  out->act = a;
  out->as_of = as_of;
  out->proj = rt_alloc(arena, (p->nprojects ? p->nprojects : 1) * sizeof *out->proj);
  out->ind = rt_alloc(arena, (p->nindicators ? p->nindicators : 1) * sizeof *out->ind);
  return out->proj && out->ind ? 0 : -1;
}

int sql_result_ind(RtResult *out, const SqlIndRow *r, char *err, size_t errcap) {
  if (r->indicator < 0 || r->indicator >= (long long)out->prog->nindicators || r->status < 0 ||
      r->status > RT_ST_PENDING) {
    snprintf(err, errcap, "indicator row %lld out of range", r->indicator);
    return -1;
  }
  RtIndResult *x = &out->ind[r->indicator];
  x->status = (uint8_t)r->status;
  x->flags = (uint8_t)r->flags;
  x->score = r->score;
  x->b = r->b;
  x->gap = r->gap;
  x->days_late = (int32_t)r->days_late;
  return 0;
}

int sql_result_proj(RtResult *out, const SqlProjRow *r, char *err, size_t errcap) {
  if (r->project < 0 || r->project >= (long long)out->prog->nprojects) {
    snprintf(err, errcap, "project row %lld out of range", r->project);
    return -1;
  }
  RtProjResult *x = &out->proj[r->project];
  x->planned = r->planned;
  x->spent = r->spent;
  x->has_spent = (uint8_t)r->has_spent;
  x->rate = r->rate;
  x->rate_score = r->rate_score;
  x->applicable = r->applicable;
  x->raw = r->raw;
  x->total = r->total;
  x->grade = (uint8_t)r->grade;
  x->flags = (uint8_t)r->flags;
  x->elapsed = r->elapsed;
  memcpy(x->cat_points, r->cat_points, sizeof x->cat_points);
  memcpy(x->cat_scores, r->cat_scores, sizeof x->cat_scores);
  return 0;
}
