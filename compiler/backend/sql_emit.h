/*
 * sql_emit.h - the SQL backend: `indc compile --emit=sql [--dialect D]` and
 * the evaluators `indc run --backend=sqlite` and `--backend=postgres`
 * (docs/sql.md).
 *
 * The generated SQL holds the program as rows (units, scales, policies,
 * projects, indicators, raw fields), empty tables for the normalised
 * actuals, and two views that compute the whole scorecard from them with
 * exact integer or NUMERIC arithmetic, bit for bit as rt_evaluate does:
 *
 *   indc_indicator_score  one row per indicator: status, flags, score,
 *                         ratio, gap, days_late, b (B as scored, from
 *                         which reports compute the ratio they print)
 *   indc_project_score    one row per project: planned, spent, 执行率,
 *                         its points, applicable, raw, total, grade,
 *                         flags, elapsed share, per-category sums
 *
 * The actuals are loaded normalised (indc_actual, indc_spent,
 * indc_field_value): act_load parses the CSV or JSON and converts units,
 * and sql_actual_rows writes what it produced.  indc_run holds the as-of
 * day of mid-year monitoring (no row or NULL: year end).
 *
 * Dialects: SQLITE keeps every amount as an INTEGER count of 10^-9 units
 * (dec.h) and does the 128-bit steps of dec_muldiv with 21-bit limbs;
 * POSTGRES and ANSI keep amounts as NUMERIC(19,9) / DECIMAL(19,9) and
 * compute with exact NUMERIC integers.
 */
#ifndef INDC_SQL_EMIT_H
#define INDC_SQL_EMIT_H

#include <stddef.h>

#include "backend.h"
#include "model.h"

typedef enum SqlDialect { SQL_SQLITE, SQL_POSTGRES, SQL_ANSI } SqlDialect;

/* "sqlite", "postgres" (or "postgresql", "pg"), "ansi"; NULL is sqlite.
 * Returns 0, or -1 for an unknown name. */
int sql_dialect(const char *name, SqlDialect *out);

/* A growable text buffer (malloc); ok is 0 once an allocation failed. */
typedef struct SqlText {
  char *s;
  size_t len, cap;
  int ok;
} SqlText;

void sql_text_free(SqlText *t);

/* Row formats: INSERT statements (any dialect) or PostgreSQL COPY text
 * (tab-separated, \N for NULL), one block per table. */
typedef enum SqlRows { SQL_ROWS_INSERT, SQL_ROWS_COPY } SqlRows;

/* Receives rows as they are made.  COPY: blocks of whole lines of one
 * table, then data == NULL when that table is complete.  INSERT: whole
 * statements (out is the buffer and is emptied after each call). */
typedef int (*SqlCopySink)(void *ud, const char *table, const char *data, size_t len);

/*
 * The parts of the generated SQL, appended to out.  Each returns 0, or -1
 * with a one-line reason in err (only out of memory).
 *   schema   CREATE TABLE for the program and the actuals
 *   views    CREATE VIEW indc_indicator_score, indc_project_score
 */
int sql_schema(const RtProgram *p, SqlDialect d, SqlText *out);
int sql_views(const RtProgram *p, SqlDialect d, SqlText *out, char *err, size_t errcap);

/* The two views one at a time.  indicator_source is the relation that
 * indc_project_score reads the indicator results from (NULL: the view
 * indc_indicator_score); the evaluators give it a table filled once from
 * that view, so the indicator pipeline is not computed twice. */
int sql_view_indicators(const RtProgram *p, SqlDialect d, SqlText *out, char *err,
                        size_t errcap);
int sql_view_projects(SqlDialect d, const char *indicator_source, SqlText *out, char *err,
                      size_t errcap);

/* The table the evaluators materialise indc_indicator_score into. */
#define SQL_IND_RESULT "indc_indicator_result"

/* The program's rows: INSERT statements appended to out (rows ==
 * SQL_ROWS_INSERT; handed to sink as they are complete when sink is set),
 * or COPY blocks handed to sink (SQL_ROWS_COPY). */
int sql_program_rows(const RtProgram *p, SqlDialect d, SqlRows rows, SqlText *out,
                     SqlCopySink sink, void *ud);

/* The normalised actuals of a and the as-of day (RT_NO_AS_OF: year end),
 * in the same two forms. */
int sql_actual_rows(const RtProgram *p, const RtActuals *a, int32_t as_of, SqlDialect d,
                    SqlRows rows, SqlText *out, SqlCopySink sink, void *ud);

/*
 * A query over a table md_in(k INTEGER, x, y, z) of Decs (nano-unit
 * integers in every dialect) that returns (k, r) with r = dec_muldiv(x, y,
 * z), NULL on overflow or division by zero: the exact arithmetic of the
 * views, for tests/sql/sql_arith.c.
 */
int sql_muldiv_query(SqlDialect d, SqlText *out);

/* The Emitter and the Evaluators of backends.c. */
int emit_sql(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
             size_t errcap);
int eval_sqlite(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                RtResult *out, const char *option, char *err, size_t errcap);
#ifdef INDC_HAVE_LIBPQ
int eval_postgres(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                  RtResult *out, const char *option, char *err, size_t errcap);
#endif

/*
 * Filling an RtResult from the views' rows (shared by both evaluators).
 * sql_result_init allocates out's arrays in arena; the row setters take the
 * columns of indc_indicator_score and indc_project_score as Decs (nano
 * units) and integers.
 */
int sql_result_init(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                    RtResult *out);
typedef struct SqlIndRow {
  long long indicator, status, flags, days_late;
  Dec score, b, gap;
} SqlIndRow;
typedef struct SqlProjRow {
  long long project, has_spent, grade, flags;
  Dec planned, spent, rate, rate_score, applicable, raw, total, elapsed;
  Dec cat_points[4], cat_scores[4];
} SqlProjRow;
/* 0, or -1 with a reason when the row is out of range. */
int sql_result_ind(RtResult *out, const SqlIndRow *r, char *err, size_t errcap);
int sql_result_proj(RtResult *out, const SqlProjRow *r, char *err, size_t errcap);

/* Column lists of the two views, in the order the setters expect. */
extern const char sql_ind_columns[];
extern const char sql_proj_columns[];

#endif
