/*
 * sql_script.c - a whole SQL script for a compiled program and its data,
 * and the VM's scorecard in the form a SQL client prints it.
 *
 *   sql_script DIALECT FILE.indb ACTUALS [AS-OF]
 *       the script of `indc compile --emit=sql --dialect DIALECT` with the
 *       normalised actuals as INSERT statements, then the two views
 *       selected in key order
 *   sql_script --expect FILE.indb ACTUALS [AS-OF]
 *       rt_evaluate's results as the same rows: columns joined by '|',
 *       decimals with 9 places, as `psql -At` prints NUMERIC(19,9)
 *
 * tests/sql/pg.sh pipes the first through psql and compares it with the
 * second, so the emitted INSERT text and the ANSI dialect are checked on a
 * real server, not only the evaluators' COPY path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/sql_emit.h"
#include "bc.h"
#include "data/actuals.h"
#include "eval.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(f);
  if (s) *len = (size_t)n;
  return s;
}

static void pdec(Dec v, const char *sep) {
  char b[32];
  dec_format(v, 9, b, sizeof b);
  printf("%s%s", b, sep);
}

/* The view's ratio column: B / A of a scored quantitative indicator, or
 * the Dec -1 when there is none.  rt_evaluate leaves the ratio to the
 * reports (RtIndResult.b), so it is computed here as the view does. */
static Dec view_ratio(const RtIndicator *in, const RtIndResult *x) {
  Dec r = -1;
  if (in->target.kind == RT_TGT_QUANT && x->status <= RT_ST_UNMET && in->target.value != 0)
    dec_div(x->b, in->target.value, &r);
  return r;
}

/* Every column of indc_indicator_score, in the order expect prints them. */
static const char view_ind_columns[] = "indicator, status, flags, score, ratio, gap, days_late, b";

static void expect(const RtProgram *p, const RtActuals *a, int32_t as_of) {
  RtArena arena;
  rt_arena_init(&arena, 0);
  RtResult r;
  if (rt_evaluate(p, a, as_of, 100000, &arena, &r) != 0) exit(1);
  for (uint32_t i = 0; i < p->nindicators; i++) {
    const RtIndResult *x = &r.ind[i];
    printf("%u|%d|%d|", i, x->status, x->flags);
    pdec(x->score, "|"), pdec(view_ratio(&p->indicators[i], x), "|"), pdec(x->gap, "|");
    printf("%d|", x->days_late);
    pdec(x->b, "\n");
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProjResult *x = &r.proj[j];
    printf("%u|", j);
    pdec(x->planned, "|"), pdec(x->spent, "|");
    printf("%d|", x->has_spent);
    pdec(x->rate, "|"), pdec(x->rate_score, "|"), pdec(x->applicable, "|"), pdec(x->raw, "|");
    pdec(x->total, "|");
    printf("%d|%d|", x->grade, x->flags);
    pdec(x->elapsed, "|");
    for (int k = 0; k < 4; k++) pdec(x->cat_points[k], "|");
    for (int k = 0; k < 4; k++) pdec(x->cat_scores[k], k == 3 ? "\n" : "|");
  }
  rt_arena_free(&arena);
}

static int script(const RtProgram *p, const RtActuals *a, int32_t as_of, SqlDialect d) {
  SqlText t = {0};
  char err[256] = "";
  int rc = sql_schema(p, d, &t);
  if (rc == 0) rc = sql_program_rows(p, d, SQL_ROWS_INSERT, &t, NULL, NULL);
  if (rc == 0) rc = sql_actual_rows(p, a, as_of, d, SQL_ROWS_INSERT, &t, NULL, NULL);
  if (rc == 0) rc = sql_views(p, d, &t, err, sizeof err);
  if (rc != 0 || !t.ok) {
    fprintf(stderr, "sql_script: %s\n", err[0] ? err : "out of memory");
    return 1;
  }
  fputs(t.s, stdout);
  printf("SELECT %s FROM indc_indicator_score ORDER BY indicator;\n", view_ind_columns);
  printf("SELECT %s FROM indc_project_score ORDER BY project;\n", sql_proj_columns);
  sql_text_free(&t);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fputs("usage: sql_script DIALECT|--expect FILE.indb ACTUALS [YYYY-MM-DD]\n", stderr);
    return 2;
  }
  SqlDialect d = SQL_POSTGRES;
  int want = !strcmp(argv[1], "--expect");
  if (!want && sql_dialect(argv[1], &d) != 0) {
    fprintf(stderr, "sql_script: unknown dialect '%s'\n", argv[1]);
    return 2;
  }
  int32_t as_of = RT_NO_AS_OF;
  int y, m, dd;
  if (argc > 4 && sscanf(argv[4], "%d-%d-%d", &y, &m, &dd) == 3) as_of = rt_days_from_civil(y, m, dd);
  size_t blen, alen;
  char *bc = slurp(argv[2], &blen), *ad = slurp(argv[3], &alen);
  RtProgram p;
  BcError be;
  if (!bc || !ad || bc_load(bc, blen, 0, &p, &be) != INDRT_OK) {
    fprintf(stderr, "sql_script: cannot load %s or %s\n", argv[2], argv[3]);
    return 1;
  }
  RtActuals a;
  if (act_load(&p, argv[3], ad, alen, INDRT_DATA_AUTO, INDRT_ENC_AUTO, 0, &a, NULL) != INDRT_OK) {
    fprintf(stderr, "sql_script: the data does not load\n");
    return 1;
  }
  int rc = 0;
  if (want) expect(&p, &a, as_of);
  else rc = script(&p, &a, as_of, d);
  act_free(&a);
  rt_program_free(&p);
  free(bc);
  free(ad);
  return rc;
}
