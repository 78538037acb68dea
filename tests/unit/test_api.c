/*
 * test_api.c - libindrt's public API (include/indrt.h) with the host's
 * allocator (indrt_config.reallocate): every object's memory comes from
 * it and goes back to it, the scorecard is the same as with the C
 * library's, and an allocator that runs dry fails a call cleanly (a
 * status, nothing left allocated) at every point it can.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "bc.h"
#include "include/indrt.h"
#include "sema/program.h"
#include "test_util.h"

/* A realloc-style allocator that counts, and fails once `budget` calls
 * that allocate have been made (budget < 0: never). */
typedef struct Counter {
  long calls;    /* allocating calls made */
  long live;     /* blocks allocated and not freed */
  long budget;
  long reported; /* problems reported to the error callback */
} Counter;

/* The error callback of a counted run (its user is the Counter). */
static void count_error(void *user, const indrt_diag *d) {
  (void)d;
  ((Counter *)user)->reported++;
}

/* Each block carries its size in front, so that the counter can tell
 * freeing from allocating without a table. */
static void *counting(void *ptr, size_t size, void *user) {
  Counter *c = user;
  if (size == 0) {
    if (ptr) {
      c->live--;
      free((char *)ptr - 16);
    }
    return NULL;
  }
  if (c->budget >= 0 && c->calls >= c->budget) return NULL;
  c->calls++;
  char *old = ptr ? (char *)ptr - 16 : NULL;
  char *p = realloc(old, size + 16);
  if (!p) return NULL;
  if (!old) c->live++;
  return p + 16;
}

/* The seed's program, compiled here, as .indb bytes. */
static BcBuf seed_program(void) {
  Program p;
  RtProgram rp;
  test_seed_program(&p, &rp);
  BcBuf b = {0};
  ck_assert_int_eq(bc_write(&rp, &b), 0);
  rt_program_free(&rp);
  prog_free(&p);
  return b;
}

typedef struct Text {
  char *s;
  size_t n;
} Text;

static int collect(void *user, const void *bytes, size_t len) {
  Text *t = user;
  char *s = realloc(t->s, t->n + len + 1);
  if (!s) return 1;
  memcpy(s + t->n, bytes, len);
  t->s = s;
  t->n += len;
  s[t->n] = '\0';
  return 0;
}

/* Load, evaluate and write the JSON scorecard with cfg; the status of the
 * first call that failed, or INDRT_OK with the report in *out. */
static indrt_status scorecard(const indrt_config *cfg, const BcBuf *prog, const char *csv,
                              Text *out) {
  indrt_program *p = NULL;
  indrt_actuals *a = NULL;
  indrt_result *r = NULL;
  indrt_status st = indrt_program_load(cfg, prog->data, prog->len, "seed.indb", &p);
  if (st == INDRT_OK) st = indrt_actuals_load_file(cfg, p, csv, NULL, &a);
  if (st == INDRT_OK) st = indrt_evaluate(cfg, p, a, NULL, &r);
  if (st == INDRT_OK) st = indrt_report_write(r, INDRT_REPORT_JSON, NULL, collect, out);
  indrt_result_free(r);
  indrt_actuals_free(a);
  indrt_program_free(p);
  return st;
}

START_TEST(host_allocator_used) {
  BcBuf prog = seed_program();
  char *csv = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  indrt_config cfg = indrt_default_config();
  Text plain = {0}, counted = {0};
  ck_assert_int_eq(scorecard(&cfg, &prog, csv, &plain), INDRT_OK);
  Counter c = {0, 0, -1, 0};
  cfg.reallocate = counting;
  cfg.user = &c;
  ck_assert_int_eq(scorecard(&cfg, &prog, csv, &counted), INDRT_OK);
  ck_assert_int_gt(c.calls, 6); /* three objects, their arenas, the file buffer */
  ck_assert_int_eq(c.live, 0);  /* every block came back */
  ck_assert_uint_eq(plain.n, counted.n);
  ck_assert(memcmp(plain.s, counted.s, plain.n) == 0);
  free(plain.s);
  free(counted.s);
  free(csv);
  bc_buf_free(&prog);
}
END_TEST

/* The error callback: counts the problems, keeps the last message. */
typedef struct Errs {
  int n;
  indrt_status last;
  char msg[256];
} Errs;

static void on_error(void *user, const indrt_diag *d) {
  Errs *e = user;
  e->n++;
  e->last = d->status;
  snprintf(e->msg, sizeof e->msg, "%s", d->message ? d->message : "");
}

START_TEST(usage_errors_reported) {
  BcBuf prog = seed_program();
  indrt_config cfg = indrt_default_config();
  Errs e = {0};
  cfg.error = on_error;
  cfg.user = &e;
  indrt_program *p = NULL, *q = NULL;
  indrt_actuals *a = NULL;
  indrt_result *r = NULL;
  /* a NULL out is a usage error, not a store through NULL */
  ck_assert_int_eq(indrt_program_load(&cfg, prog.data, prog.len, "s.indb", NULL), INDRT_E_USAGE);
  ck_assert_int_eq(e.n, 1);
  ck_assert_ptr_nonnull(strstr(e.msg, "out is NULL"));
  ck_assert_int_eq(indrt_program_load_file(&cfg, NULL, &p), INDRT_E_USAGE);
  ck_assert_ptr_nonnull(strstr(e.msg, "path is NULL"));
  ck_assert_int_eq(indrt_program_load(&cfg, prog.data, prog.len, "s.indb", &p), INDRT_OK);
  ck_assert_int_eq(indrt_program_load(&cfg, prog.data, prog.len, "t.indb", &q), INDRT_OK);
  /* an unknown format in the options */
  indrt_data_options bad = {(indrt_data_format)77, INDRT_ENC_AUTO};
  ck_assert_int_eq(indrt_actuals_load(&cfg, p, "", 0, "a.csv", &bad, &a), INDRT_E_USAGE);
  ck_assert_ptr_null(a);
  ck_assert_ptr_nonnull(strstr(e.msg, "unknown format"));
  /* actuals of another program */
  const char *csv = "project,indicator,actual\n";
  ck_assert_int_eq(indrt_actuals_load(&cfg, q, csv, strlen(csv), "a.csv", NULL, &a), INDRT_OK);
  int before = e.n;
  ck_assert_int_eq(indrt_evaluate(&cfg, p, a, NULL, &r), INDRT_E_USAGE);
  ck_assert_ptr_null(r);
  ck_assert_int_eq(e.n, before + 1);
  ck_assert_int_eq(e.last, INDRT_E_USAGE);
  ck_assert_ptr_nonnull(strstr(e.msg, "another program"));
  ck_assert_int_eq(indrt_evaluate(&cfg, q, a, NULL, &r), INDRT_OK);
  indrt_result_free(r);
  indrt_actuals_free(a);
  indrt_program_free(q);
  indrt_program_free(p);
  bc_buf_free(&prog);
}
END_TEST

START_TEST(host_allocator_runs_dry) {
  BcBuf prog = seed_program();
  char *csv = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  indrt_config cfg = indrt_default_config();
  Counter all = {0, 0, -1, 0};
  cfg.reallocate = counting;
  cfg.error = count_error;
  cfg.user = &all;
  Text t = {0};
  ck_assert_int_eq(scorecard(&cfg, &prog, csv, &t), INDRT_OK);
  free(t.s);
  /* fail the first call, the second, … up to the last: a status each
   * time, and every block given back */
  for (long k = 0; k < all.calls; k++) {
    Counter c = {0, 0, k, 0};
    cfg.user = &c;
    t = (Text){0};
    indrt_status st = scorecard(&cfg, &prog, csv, &t);
    ck_assert_msg(st == INDRT_E_NOMEM, "allocation %ld failed, status %d", k, (int)st);
    ck_assert_msg(c.reported > 0, "allocation %ld failed: not reported", k);
    ck_assert_msg(c.live == 0, "allocation %ld failed: %ld blocks left", k, c.live);
    free(t.s);
  }
  free(csv);
  bc_buf_free(&prog);
}
END_TEST

/* tests/golden/run/edges.ind compiled here, as .indb bytes. */
static BcBuf edges_program(void) {
  Program p;
  RtProgram rp;
  char *path = test_path("tests/golden/run/edges.ind");
  prog_init(&p);
  prog_load(&p, &path, 1);
  free(path);
  ck_assert_uint_eq(sema_check(&p), 0);
  ck_assert_int_eq(lower_program(&p, &rp), 0);
  BcBuf b = {0};
  ck_assert_int_eq(bc_write(&rp, &b), 0);
  rt_program_free(&rp);
  prog_free(&p);
  return b;
}

/* Flags and 执行率 through the API: the scorecard of edges.ind (its JSON
 * golden, tests/golden/run/edges.json.expected, shows the same). */
START_TEST(flags_and_rate) {
  BcBuf prog = edges_program();
  char *csv = test_path("tests/golden/run/edges.csv");
  indrt_config cfg = indrt_default_config();
  indrt_program *p = NULL;
  indrt_actuals *a = NULL;
  indrt_result *r = NULL;
  ck_assert_int_eq(indrt_program_load(&cfg, prog.data, prog.len, "edges.indb", &p), INDRT_OK);
  ck_assert_int_eq(indrt_actuals_load_file(&cfg, p, csv, NULL, &a), INDRT_OK);
  ck_assert_int_eq(indrt_evaluate(&cfg, p, a, NULL, &r), INDRT_OK);
  ck_assert_str_eq(indrt_project_name(p, 3), "零预算");
  indrt_dec rate = 7, score = 7;
  /* 负目标: a not met, b met */
  ck_assert_uint_eq(indrt_indicator_flags(r, 0, 0), INDRT_FLAG_NOT_MET);
  ck_assert_uint_eq(indrt_indicator_flags(r, 0, 1), 0);
  /* 计算: 90% spent, 9 of 10 points; 人均 divides by zero */
  ck_assert_int_eq(indrt_project_rate(r, 2, &rate, &score), 1);
  ck_assert(rate == INT64_C(900000000) && score == INT64_C(9000000000));
  ck_assert_uint_eq(indrt_indicator_flags(r, 2, 1), INDRT_FLAG_NOT_MET | INDRT_FLAG_UNDEFINED);
  ck_assert_uint_eq(indrt_project_flags(r, 2), 0);
  /* 零预算: spent against a budget of 0, no rate */
  ck_assert_int_eq(indrt_project_rate(r, 3, &rate, &score), 0);
  ck_assert(rate == -1 && score == 0);
  ck_assert_uint_eq(indrt_project_flags(r, 3), INDRT_FLAG_UNDEFINED);
  /* 零预算未支出: nothing spent of nothing is 100% */
  ck_assert_int_eq(indrt_project_rate(r, 4, NULL, &score), 1);
  ck_assert(score == INT64_C(10000000000));
  /* out of range */
  ck_assert_int_eq(indrt_project_rate(r, 99, &rate, NULL), 0);
  ck_assert(rate == -1);
  ck_assert_uint_eq(indrt_project_flags(r, 99), 0);
  ck_assert_uint_eq(indrt_indicator_flags(r, 0, 99), 0);
  ck_assert_uint_eq(indrt_indicator_flags(NULL, 0, 0), 0);
  indrt_result_free(r);
  indrt_actuals_free(a);
  indrt_program_free(p);
  free(csv);
  bc_buf_free(&prog);
}
END_TEST

Suite *api_suite(void); /* called by check_main.c */

Suite *api_suite(void) {
  Suite *s = suite_create("api");
  TCase *tc = tcase_create("api");
  tcase_add_test(tc, host_allocator_used);
  tcase_add_test(tc, host_allocator_runs_dry);
  tcase_add_test(tc, usage_errors_reported);
  tcase_add_test(tc, flags_and_rate);
  suite_add_tcase(s, tc);
  return s;
}
