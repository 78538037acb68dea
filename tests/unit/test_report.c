/*
 * test_report.c - the scorecard writers (runtime/report/, docs/report.md)
 * on the hand-built fixture of report_fixture.h.
 *
 * Exact output is pinned by the files in tests/golden/report/ (below
 * $INDC_SOURCE_DIR, else found through __FILE__); each was read and
 * checked by hand.
 * After a deliberate change of wording or layout, run the unit tests with
 * INDC_UPDATE_GOLDEN=1 to rewrite them, and review the diff line by line.
 */
#include <check.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "report/report.h"
#include "report/report_int.h"
#include "report_fixture.h"
#include "test_util.h"

Suite *report_suite(void);

/* ---- capturing output ---------------------------------------------------- */

typedef struct Sink {
  char *p;
  size_t len, cap;
  int calls;     /* calls so far */
  int fail_at;   /* fail this call (1-based) and after; 0 never */
  int after;     /* calls made after a failure */
} Sink;

static int sink_write(void *ud, const void *bytes, size_t len) {
  Sink *s = ud;
  s->calls++;
  if (s->fail_at && s->calls > s->fail_at) s->after++;
  if (s->fail_at && s->calls >= s->fail_at) return 7;
  if (s->len + len + 1 > s->cap) {
    s->cap = (s->len + len + 1) * 2;
    s->p = realloc(s->p, s->cap);
    ck_assert_ptr_nonnull(s->p);
  }
  memcpy(s->p + s->len, bytes, len);
  s->len += len;
  s->p[s->len] = '\0';
  return 0;
}

typedef int (*Writer)(const RtResult *, const RepOptions *, RepWrite, void *);

static const struct {
  const char *name;
  Writer fn;
} writers[] = {{"table", rep_table}, {"json", rep_json}, {"csv", rep_csv}, {"md", rep_md}};

/* The whole output of fn; the caller frees it. */
static char *run(Writer fn, const RtResult *r, int english, size_t *len) {
  Sink s = {0};
  RepOptions o = {.english = english};
  ck_assert_int_eq(fn(r, &o, sink_write, &s), 0);
  if (!s.p) s.p = calloc(1, 1);
  if (len) *len = s.len;
  return s.p;
}

static RepFixture *fixture(int midyear) {
  RepFixture *f = fx_build(midyear);
  ck_assert_ptr_nonnull(f);
  return f;
}

/* ---- golden files ------------------------------------------------------------ */

/* tests/golden/report/name: below $INDC_SOURCE_DIR when set (CTest),
 * else next to this file. */
static void golden_path(const char *name, char *buf, size_t cap) {
  if (getenv("INDC_SOURCE_DIR")) {
    char *p = test_path("tests/golden/report/%s", name);
    ck_assert_ptr_nonnull(p);
    snprintf(buf, cap, "%s", p);
    free(p);
    return;
  }
  const char *file = __FILE__, *slash = strrchr(file, '/');
  size_t dir = slash ? (size_t)(slash - file) : 0;  /* .../tests/unit */
  while (dir > 0 && file[dir - 1] != '/') dir--;    /* .../tests/ */
  snprintf(buf, cap, "%.*sgolden/report/%s", (int)dir, file, name);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *p = NULL;
  size_t n = 0, cap = 0, k;
  char chunk[4096];
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (n + k + 1 > cap) p = realloc(p, cap = (n + k + 1) * 2);
    memcpy(p + n, chunk, k);
    n += k;
  }
  fclose(f);
  if (!p) p = calloc(1, 1);
  p[n] = '\0';
  *len = n;
  return p;
}

/* The first line where got and want differ, for the failure message. */
static int first_diff_line(const char *got, const char *want) {
  int line = 1;
  for (; *got && *got == *want; got++, want++)
    if (*got == '\n') line++;
  return line;
}

static void check_golden(Writer fn, int midyear, int english, const char *name) {
  RepFixture *f = fixture(midyear);
  size_t len, wlen;
  char *got = run(fn, &f->res, english, &len), path[4096];
  golden_path(name, path, sizeof path);
  if (getenv("INDC_UPDATE_GOLDEN")) {
    FILE *out = fopen(path, "wb");
    ck_assert_msg(out != NULL, "cannot write %s", path);
    fwrite(got, 1, len, out);
    fclose(out);
  }
  char *want = slurp(path, &wlen);
  ck_assert_msg(want != NULL, "missing golden file %s", path);
  ck_assert_msg(len == wlen && memcmp(got, want, len) == 0,
                "%s differs from the output from line %d", path, first_diff_line(got, want));
  free(want);
  free(got);
  fx_free(f);
}

START_TEST(golden_json) {
  check_golden(rep_json, 0, 0, "year.json");
  check_golden(rep_json, 1, 1, "midyear-en.json");
}
END_TEST

START_TEST(golden_csv) {
  check_golden(rep_csv, 0, 0, "year.csv");
  check_golden(rep_csv, 1, 1, "midyear-en.csv");
}
END_TEST

START_TEST(golden_table_md) {
  check_golden(rep_table, 0, 0, "year.txt");
  check_golden(rep_table, 1, 1, "midyear-en.txt");
  check_golden(rep_md, 0, 0, "year.md");
  check_golden(rep_md, 1, 1, "midyear-en.md");
}
END_TEST

/* ---- determinism and write failures ------------------------------------------ */

START_TEST(deterministic) {
  for (int m = 0; m < 2; m++) {
    RepFixture *f1 = fixture(m), *f2 = fixture(m);
    for (size_t k = 0; k < sizeof writers / sizeof writers[0]; k++) {
      for (int en = 0; en < 2; en++) {
        size_t n1, n2, n3;
        char *a = run(writers[k].fn, &f1->res, en, &n1);
        char *b = run(writers[k].fn, &f1->res, en, &n2);
        char *c = run(writers[k].fn, &f2->res, en, &n3);
        ck_assert_msg(n1 == n2 && memcmp(a, b, n1) == 0, "%s: two runs differ", writers[k].name);
        ck_assert_msg(n1 == n3 && memcmp(a, c, n1) == 0, "%s: two fixtures differ",
                      writers[k].name);
        free(a), free(b), free(c);
      }
    }
    fx_free(f1), fx_free(f2);
  }
}
END_TEST

/* [REP-PARTS]: the parts of a split, written in order, are the report:
 * every cut of the fixture's projects into one, two and (where there are
 * projects enough) three parts, for every writer (HTML too), in both
 * languages and mid-year. */
static char *run_part(Writer fn, const RtResult *r, int en, uint32_t from, uint32_t to,
                      size_t *len) {
  Sink s = {0};
  RepOptions o = {.english = en, .part = 1, .from = from, .to = to};
  ck_assert_int_eq(fn(r, &o, sink_write, &s), 0);
  if (!s.p) s.p = calloc(1, 1);
  *len = s.len;
  return s.p;
}

START_TEST(parts) {
  static const struct {
    const char *name;
    Writer fn;
  } all[] = {{"table", rep_table}, {"json", rep_json}, {"csv", rep_csv}, {"md", rep_md},
             {"html", rep_html}};
  for (int m = 0; m < 2; m++) {
    RepFixture *f = fixture(m);
    uint32_t n = f->res.prog->nprojects;
    ck_assert_uint_ge(n, 2);
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
      for (int en = 0; en < 2; en++) {
        size_t nw;
        char *whole = run(all[k].fn, &f->res, en, &nw);
        /* cuts 0 <= a <= b <= n, a part for each nonempty range */
        for (uint32_t a = 0; a <= n; a++) {
          for (uint32_t b = a; b <= n; b++) {
            uint32_t cut[4] = {0, a, b, n};
            size_t len = 0;
            char *cat = malloc(nw + 1);
            ck_assert_ptr_nonnull(cat);
            for (int q = 0; q < 3; q++) {
              if (cut[q] == cut[q + 1] && !(q == 2 && cut[q] == 0)) continue;
              size_t np;
              /* the last part's end past the projects is clamped */
              char *pp = run_part(all[k].fn, &f->res, en, cut[q], q == 2 ? n + 5 : cut[q + 1], &np);
              ck_assert_msg(len + np <= nw, "%s: the parts are longer than the report", all[k].name);
              memcpy(cat + len, pp, np);
              len += np;
              free(pp);
            }
            ck_assert_msg(len == nw && memcmp(cat, whole, nw) == 0,
                          "%s (en %d, mid-year %d): the parts cut at %u, %u differ from the "
                          "whole report",
                          all[k].name, en, m, a, b);
            free(cat);
          }
        }
        free(whole);
      }
    }
    fx_free(f);
  }
}
END_TEST

/* A failing callback: the writer returns its value and stops calling. */
START_TEST(write_failure) {
  RepFixture *f = fixture(1);
  for (size_t k = 0; k < sizeof writers / sizeof writers[0]; k++) {
    Sink all = {0};
    ck_assert_int_eq(writers[k].fn(&f->res, NULL, sink_write, &all), 0);
    for (int at = 1; at <= all.calls; at += at < 40 ? 1 : 97) {
      Sink s = {.fail_at = at};
      ck_assert_int_eq(writers[k].fn(&f->res, NULL, sink_write, &s), 7);
      ck_assert_msg(s.after == 0, "%s: %d calls after the failure at %d", writers[k].name,
                    s.after, at);
      free(s.p);
    }
    free(all.p);
  }
  fx_free(f);
}
END_TEST

/* NULL options mean Chinese. */
START_TEST(default_language) {
  RepFixture *f = fixture(0);
  Sink a = {0};
  ck_assert_int_eq(rep_md(&f->res, NULL, sink_write, &a), 0);
  char *b = run(rep_md, &f->res, 0, NULL);
  ck_assert_str_eq(a.p, b);
  free(a.p), free(b);
  fx_free(f);
}
END_TEST

/* ---- explanations ------------------------------------------------------------------ */

static void check_expl(const RtResult *r, uint32_t i, const char *zh, const char *en) {
  char buf[1024];
  rep_explain(r, i, 0, buf, sizeof buf);
  ck_assert_msg(strcmp(buf, zh) == 0, "indicator %u (zh): got \"%s\", want \"%s\"", i, buf, zh);
  rep_explain(r, i, 1, buf, sizeof buf);
  ck_assert_msg(strcmp(buf, en) == 0, "indicator %u (en): got \"%s\", want \"%s\"", i, buf, en);
}

START_TEST(explain_fixture) {
  RepFixture *f = fixture(0);
  const RtResult *r = &f->res;
  check_expl(r, FX_P0_COUNT, "16 场 ≥ 15 场: 达标, 106.67%", "16 场 ≥ 15 场: met, 106.67%");
  check_expl(r, FX_P0_RANK, "2A < 3A: 差 1 级", "2A < 3A: short by 1 grade");
  check_expl(r, FX_P0_LATE, "2024-01-15, 逾期 15 天 (期限 2023-12-31)",
             "2024-01-15, 15 days late (deadline 2023-12-31)");
  check_expl(r, FX_P0_COST, "11.5 万元 > 10 万元: 超出 1.5 万元, 115.00%",
             "11.5 万元 > 10 万元: over by 1.5 万元, 115.00%");
  check_expl(r, FX_P0_SOCIAL, "部分达成 (默认 70%)", "partially met (default 70%)");
  check_expl(r, FX_P0_SUSTAIN, "达成 (默认 100%)", "met (default 100%)");
  check_expl(r, FX_P0_MISSING, "未填报", "not reported");
  check_expl(r, FX_P1_COUNT, "12 场 < 15 场: 差 3 场, 80.00%",
             "12 场 < 15 场: short by 3 场, 80.00%");
  check_expl(r, FX_P1_PEOPLE, "1200 人次 ≥ 500 人次: 达标, 240.00%",
             "1200 人次 ≥ 500 人次: met, 240.00%");
  check_expl(r, FX_P1_NA, "不适用, 不计分", "not applicable, excluded");
  check_expl(r, FX_P1_ONTIME, "按期完成 (2023-11-30)", "on time (2023-11-30)");
  check_expl(r, FX_P1_COST, "4.5 万元 > 2 万元: 超出 2.5 万元, 225.00%",
             "4.5 万元 > 2 万元: over by 2.5 万元, 225.00%");
  check_expl(r, FX_P1_GIVEN, "部分达成 (11 分)", "partially met (11 points)");
  check_expl(r, FX_P1_UNMET, "未达成 (默认 0%)", "not met (default 0%)");
  check_expl(r, FX_P1_SATISFY, "98% ≥ 95%: 达标, 103.16%", "98% ≥ 95%: met, 103.16%");
  fx_free(f);
}
END_TEST

START_TEST(explain_midyear) {
  RepFixture *f = fixture(1);
  check_expl(&f->res, FX_P0_LATE, "未到期 (期限 2023-12-31)", "pending (deadline 2023-12-31)");
  check_expl(&f->res, FX_P1_ONTIME, "未到期 (期限 2023-12-31)", "pending (deadline 2023-12-31)");
  check_expl(&f->res, FX_P0_MISSING, "未到期", "pending");
  fx_free(f);
}
END_TEST

static void set_number(RepFixture *f, uint32_t i, int cmp, const char *a, const char *b) {
  RtIndicator *in = &f->prog.indicators[i];
  in->target.cmp = (uint8_t)cmp;
  dec_parse(a, strlen(a), &in->target.value);
  f->act.ind[i].kind = RT_ACT_NUMBER;
  f->act.ind[i].text = NULL;
  dec_parse(b, strlen(b), &f->act.ind[i].value);
  fx_rescore(f);
}

/* Quantitative cases that the fixture lacks. */
START_TEST(explain_quant_cases) {
  RepFixture *f = fixture(0);
  const RtResult *r = &f->res;
  uint32_t i = FX_P1_SATISFY; /* unit % */
  set_number(f, i, RT_CMP_EQ, "100", "100");
  check_expl(r, i, "100% = 100%: 达标, 100.00%", "100% = 100%: met, 100.00%");
  set_number(f, i, RT_CMP_EQ, "100", "97.5");
  check_expl(r, i, "97.5% < 100%: 差 2.5%, 97.50%", "97.5% < 100%: short by 2.5%, 97.50%");
  set_number(f, i, RT_CMP_GT, "98", "98"); /* a strict target missed by nothing */
  check_expl(r, i, "98% = 98%: 未达标, 100.00%", "98% = 98%: not met, 100.00%");
  set_number(f, i, RT_CMP_LT, "5", "4");
  check_expl(r, i, "4% < 5%: 达标, 80.00%", "4% < 5%: met, 80.00%");
  set_number(f, i, RT_CMP_EQ, "0", "0"); /* A = 0: no ratio */
  check_expl(r, i, "0% = 0%: 达标", "0% = 0%: met");
  i = FX_P1_COUNT; /* unit 场 */
  set_number(f, i, RT_CMP_EQ, "15", "16"); /* "=" scores like "≥" */
  check_expl(r, i, "16 场 > 15 场: 达标, 106.67%", "16 场 > 15 场: met, 106.67%");
  set_number(f, i, RT_CMP_GE, "2", "0.666666667");
  check_expl(r, i, "0.666666667 场 < 2 场: 差 1.333333333 场, 33.33%",
             "0.666666667 场 < 2 场: short by 1.333333333 场, 33.33%");
  set_number(f, i, RT_CMP_GE, "15", "-3"); /* B/A < 0: no ratio */
  check_expl(r, i, "-3 场 < 15 场: 差 18 场", "-3 场 < 15 场: short by 18 场");
  set_number(f, i, RT_CMP_GE, "-15", "3"); /* A < 0 < B: none either */
  check_expl(r, i, "3 场 ≥ -15 场: 达标", "3 场 ≥ -15 场: met");
  set_number(f, i, RT_CMP_LE, "-4", "-5"); /* A < 0: B is compared as it is, no ratio */
  check_expl(r, i, "-5 场 ≤ -4 场: 达标", "-5 场 ≤ -4 场: met");
  set_number(f, i, RT_CMP_LE, "-4", "-3");
  check_expl(r, i, "-3 场 > -4 场: 超出 1 场", "-3 场 > -4 场: over by 1 场");
  f->prog.indicators[i].target.unit = -1; /* no unit */
  set_number(f, i, RT_CMP_GE, "15", "12");
  check_expl(r, i, "12 < 15: 差 3, 80.00%", "12 < 15: short by 3, 80.00%");
  i = FX_P0_COST; /* reverse, 万元 */
  set_number(f, i, RT_CMP_LE, "10", "9.8");
  check_expl(r, i, "9.8 万元 ≤ 10 万元: 达标, 98.00%", "9.8 万元 ≤ 10 万元: met, 98.00%");
  set_number(f, i, RT_CMP_LE, "10", "10");
  check_expl(r, i, "10 万元 ≤ 10 万元: 达标, 100.00%", "10 万元 ≤ 10 万元: met, 100.00%");
  fx_free(f);
}
END_TEST

START_TEST(explain_other_cases) {
  RepFixture *f = fixture(0);
  const RtResult *r = &f->res;
  RtActual *x = &f->act.ind[FX_P0_LATE];
  x->date = rt_days_from_civil(2024, 1, 1);
  fx_rescore(f);
  check_expl(r, FX_P0_LATE, "2024-01-01, 逾期 1 天 (期限 2023-12-31)",
             "2024-01-01, 1 day late (deadline 2023-12-31)");
  x->date = rt_days_from_civil(2023, 12, 31); /* on the day */
  fx_rescore(f);
  check_expl(r, FX_P0_LATE, "按期完成 (2023-12-31)", "on time (2023-12-31)");
  x = &f->act.ind[FX_P0_RANK];
  x->rank = 4;
  fx_rescore(f);
  check_expl(r, FX_P0_RANK, "4A ≥ 3A: 达标", "4A ≥ 3A: met");
  x->rank = 3;
  fx_rescore(f);
  check_expl(r, FX_P0_RANK, "3A ≥ 3A: 达标", "3A ≥ 3A: met");
  x->rank = 1;
  fx_rescore(f);
  check_expl(r, FX_P0_RANK, "1A < 3A: 差 2 级", "1A < 3A: short by 2 grades");
  x = &f->act.ind[FX_P1_GIVEN];
  x->grade = RT_GRADE_MET, x->value = DEC_ONE;
  fx_rescore(f);
  check_expl(r, FX_P1_GIVEN, "达成 (1 分)", "met (1 point)");
  x->grade = RT_GRADE_PARTIAL, x->value = 10500000000; /* 10.5 */
  fx_rescore(f);
  check_expl(r, FX_P1_GIVEN, "部分达成 (10.5 分)", "partially met (10.5 points)");
  /* A number for a qualitative target: the actual and the status. */
  x->kind = RT_ACT_NUMBER, x->text = "12", x->value = 12 * DEC_ONE;
  fx_rescore(f);
  f->res.ind[FX_P1_GIVEN].status = RT_ST_PARTIAL;
  check_expl(r, FX_P1_GIVEN, "12: 部分达成", "12: partial");
  fx_free(f);
}
END_TEST

/* A derived actual has no RtActual value: B is shown as A + gap, and the
 * ratio is computed by the report from RtIndResult.b ([REP-RATIO]). */
START_TEST(explain_derived) {
  RepFixture *f = fixture(0);
  uint32_t i = FX_P1_COUNT;
  f->prog.indicators[i].derived = 1;
  f->act.ind[i] = (RtActual){.kind = RT_ACT_MISSING};
  RtIndResult *res = &f->res.ind[i];
  res->status = RT_ST_PARTIAL, res->gap = -3 * DEC_ONE, res->b = 12 * DEC_ONE;
  check_expl(&f->res, i, "12 场 < 15 场: 差 3 场, 80.00%", "12 场 < 15 场: short by 3 场, 80.00%");
  /* B - A out of the Dec range leaves gap 0 (B shows as A), while the
   * ratio still comes from B itself; here a negative one, not shown */
  res->status = RT_ST_UNMET, res->gap = 0, res->b = DEC_MIN;
  check_expl(&f->res, i, "15 场 ≥ 15 场: 未达标", "15 场 ≥ 15 场: not met");
  res->b = 9 * DEC_ONE; /* the ratio is B / A, not (A + gap) / A */
  check_expl(&f->res, i, "15 场 ≥ 15 场: 未达标, 60.00%", "15 场 ≥ 15 场: not met, 60.00%");
  res->status = RT_ST_PARTIAL, res->gap = -3 * DEC_ONE, res->b = 12 * DEC_ONE;
  res->status = RT_ST_MISSING; /* a raw field was absent */
  check_expl(&f->res, i, "未填报", "not reported");
  char *csv = run(rep_csv, &f->res, 0, NULL);
  fx_free(f);
  free(csv);
}
END_TEST

START_TEST(explain_buffer) {
  RepFixture *f = fixture(0);
  char buf[64];
  memset(buf, 'x', sizeof buf);
  rep_explain(&f->res, FX_P0_COST, 0, buf, 0);
  ck_assert_int_eq(buf[0], 'x');
  rep_explain(&f->res, FX_NIND, 0, buf, sizeof buf);
  ck_assert_str_eq(buf, "");
  /* "11.5 万元 > …": 9 bytes fit, the 10th would split 万 (3 bytes). */
  for (size_t cap = 1; cap < 20; cap++) {
    rep_explain(&f->res, FX_P0_COST, 0, buf, cap);
    ck_assert_uint_lt(strlen(buf), cap);
    ck_assert_int_eq(strncmp(buf, "11.5 万元 > 10 万元: 超出", strlen(buf)), 0);
  }
  rep_explain(&f->res, FX_P0_COST, 0, buf, 8);
  ck_assert_str_eq(buf, "11.5 ");
  fx_free(f);
}
END_TEST

/* ---- display width and the table -------------------------------------------------- */

START_TEST(width) {
  ck_assert_uint_eq(rep_width("abc", 3), 3);
  ck_assert_uint_eq(rep_width("场次", strlen("场次")), 4);
  ck_assert_uint_eq(rep_width("≥15 场", strlen("≥15 场")), 6);
  ck_assert_uint_eq(rep_width("（含税）", strlen("（含税）")), 8);
  ck_assert_uint_eq(rep_width("e\xCC\x81", 3), 1);        /* e + combining acute */
  ck_assert_uint_eq(rep_width("a\tb", 3), 3);             /* a control: one column */
  ck_assert_uint_eq(rep_width("a\xFF" "b", 3), 3);        /* an invalid byte: one */
  ck_assert_uint_eq(rep_width("\xE5\x9C", 2), 2);         /* truncated 场 */
  ck_assert_uint_eq(rep_width("", 0), 0);
}
END_TEST

/* The fast paths of rep_next and rep_width (ASCII, three-byte sequences,
 * CJK ideographs) agree with utf8proc on every character of the BMP. */
START_TEST(width_fast) {
  for (int32_t cp = 0x20; cp <= 0xFFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    utf8proc_uint8_t b[8];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, b);
    int32_t got;
    ck_assert_uint_eq(rep_next((const char *)b, (size_t)n, &got), (size_t)n);
    ck_assert_int_eq(got, cp);
    size_t want = cp >= 0x7F && cp < 0xA0 ? 1 : (size_t)utf8proc_charwidth(cp);
    ck_assert_msg(rep_width((const char *)b, (size_t)n) == want, "U+%04X: width %zu, utf8proc %zu",
                  (unsigned)cp, rep_width((const char *)b, (size_t)n), want);
  }
  /* a surrogate's bytes are invalid: one column each */
  ck_assert_uint_eq(rep_width("\xED\xA0\x80", 3), 3);
}
END_TEST

/* Display column at which byte offset `off` of line starts. */
static size_t col_of(const char *line, size_t off) { return rep_width(line, off); }

/* Byte offset of display column col in line[0..len), or -1 if none. */
static long byte_at_col(const char *line, size_t len, size_t col) {
  for (size_t i = 0; i <= len; i++) {
    if (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) continue;
    size_t c = col_of(line, i);
    if (c == col) return (long)i;
    if (c > col) return -1;
  }
  return -1;
}

static int is_rule(const char *line) {
  return line[0] == '-' && strspn(line, "- ") == strlen(line);
}

/* The columns of a rule line: display column of each start. */
static size_t rule_columns(const char *rule, size_t *starts, size_t max) {
  size_t n = 0, pos = 0;
  while (rule[pos] && n < max) {
    starts[n++] = pos;
    pos += strspn(rule + pos, "-");
    pos += strspn(rule + pos, " ");
  }
  return n;
}

/* The line's columns start where the rule's do, after two spaces; returns
 * the byte offset of the last column. */
static size_t check_columns(const char *line, const size_t *starts, size_t ncol) {
  size_t len = strlen(line);
  long b = 0;
  for (size_t c = 1; c < ncol; c++) {
    b = byte_at_col(line, len, starts[c]);
    ck_assert_msg(b >= 2 && line[b - 1] == ' ' && line[b - 2] == ' ',
                  "line \"%s\": column %zu does not start at display column %zu", line, c,
                  starts[c]);
  }
  return (size_t)b;
}

/*
 * Every indicator table of a table report: the rule line under the
 * header gives the columns; on the header and on every row each column
 * starts at the same display column, after two spaces, and the last
 * column holds exactly the indicator's explanation.  Returns the number
 * of rows checked.
 */
static int check_alignment(const RtResult *r, int en) {
  char *out = run(rep_table, r, en, NULL), *lines[256];
  int n = 0, rows = 0;
  uint32_t proj = 0;
  for (char *s = strtok(out, "\n"); s && n < 256; s = strtok(NULL, "\n")) lines[n++] = s;
  for (int l = 1; l < n; l++) {
    size_t starts[16], ncol;
    if (!is_rule(lines[l]) || (ncol = rule_columns(lines[l], starts, 16)) != 9) continue;
    const RtProject *p = &r->prog->projects[proj++];
    check_columns(lines[l - 1], starts, ncol);
    for (uint32_t k = 0; k < p->nind; k++) {
      ck_assert_int_lt(l + 1 + (int)k, n);
      const char *line = lines[l + 1 + k];
      size_t b = check_columns(line, starts, ncol);
      char expl[1024];
      rep_explain(r, p->first + k, en, expl, sizeof expl);
      ck_assert_str_eq(line + b, expl);
      rows++;
    }
  }
  ck_assert_uint_eq(proj, r->prog->nprojects);
  free(out);
  return rows;
}

START_TEST(table_alignment) {
  for (int m = 0; m < 2; m++) {
    RepFixture *f = fixture(m);
    ck_assert_int_eq(check_alignment(&f->res, 0), FX_NIND);
    ck_assert_int_eq(check_alignment(&f->res, 1), FX_NIND);
    fx_free(f);
  }
}
END_TEST

/* Long names are cut to 24 columns with …; JSON and CSV keep them whole. */
START_TEST(table_truncation) {
  RepFixture *f = fixture(0);
  char *t = run(rep_table, &f->res, 0, NULL);
  char *j = run(rep_json, &f->res, 0, NULL);
  char *c = run(rep_csv, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(strstr(t, "  持续引导青少年社会工作… "));
  ck_assert_ptr_null(strstr(t, "持续引导青少年社会工作重要性"));
  ck_assert_ptr_nonnull(strstr(j, "\"持续引导青少年社会工作重要性及必要性\""));
  ck_assert_ptr_nonnull(strstr(c, ",持续引导青少年社会工作重要性及必要性,"));
  /* A cut target: 24 columns at most, and the ellipsis. */
  ck_assert_ptr_nonnull(strstr(t, "  明确青少年社工身份及主… "));
  free(t), free(j), free(c);
  fx_free(f);
}
END_TEST

/* Control characters and invalid bytes in names stay one column each. */
START_TEST(table_odd_bytes) {
  RepFixture *f = fixture(0);
  f->prog.indicators[FX_P0_COUNT].name = "场次\t(含\n线上)\xFF";
  ck_assert_int_eq(check_alignment(&f->res, 0), FX_NIND);
  char *t = run(rep_table, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(strstr(t, "场次 (含 线上)\xEF\xBF\xBD"));
  free(t);
  fx_free(f);
}
END_TEST

START_TEST(table_content) {
  RepFixture *f = fixture(0);
  char *t = run(rep_table, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(strstr(t, "预算数 580.00 万元 | 执行数 497.00 万元 | 执行率 85.69% | "
                                  "执行率得分 8.57 / 10.00\n"));
  ck_assert_ptr_nonnull(strstr(t, "执行数 未填报 | 执行率 -"));
  ck_assert_ptr_nonnull(strstr(t, "\n汇总\n"));
  free(t);
  fx_free(f);
  f = fixture(1);
  t = run(rep_table, &f->res, 1, NULL);
  ck_assert_ptr_nonnull(strstr(t, "Execution rate 20.69% (as of 2023-06-30, elapsed 49.59%)"));
  ck_assert_ptr_nonnull(strstr(t, "Flags lag\n"));
  free(t);
  fx_free(f);
}
END_TEST

/* One project: no summary table. */
START_TEST(table_one_project) {
  RepFixture *f = fixture(0);
  f->prog.nprojects = 1;
  char *t = run(rep_table, &f->res, 0, NULL);
  ck_assert_ptr_null(strstr(t, "汇总"));
  free(t);
  t = run(rep_md, &f->res, 0, NULL);
  ck_assert_ptr_null(strstr(t, "汇总"));
  free(t);
  fx_free(f);
}
END_TEST

/* ---- JSON -------------------------------------------------------------------------- */

static json_object *parse_json(const char *text) {
  json_object *o = json_tokener_parse(text);
  ck_assert_msg(o != NULL, "the JSON report does not parse");
  return o;
}

static json_object *jget(json_object *o, const char *key) {
  json_object *v = NULL;
  ck_assert_msg(json_object_object_get_ex(o, key, &v), "no key \"%s\"", key);
  return v;
}

START_TEST(json_valid) {
  for (int m = 0; m < 2; m++) {
    RepFixture *f = fixture(m);
    char *text = run(rep_json, &f->res, m, NULL);
    json_object *root = parse_json(text);
    ck_assert_int_eq(json_object_get_int(jget(root, "version")), 1);
    json_object *projects = jget(root, "projects");
    ck_assert_uint_eq(json_object_array_length(projects), 2);
    json_object *p1 = json_object_array_get_idx(projects, 1);
    ck_assert_ptr_null(jget(jget(p1, "budget"), "spent"));
    ck_assert_ptr_null(jget(jget(p1, "budget"), "rate"));
    json_object *inds = jget(p1, "indicators");
    ck_assert_uint_eq(json_object_array_length(inds), FX_NIND - FX_P1_COUNT);
    json_object *na = json_object_array_get_idx(inds, FX_P1_NA - FX_P1_COUNT);
    ck_assert_str_eq(json_object_get_string(jget(na, "status")), "na");
    ck_assert_ptr_null(jget(na, "score"));
    json_object *summary = jget(root, "summary");
    ck_assert_int_eq(json_object_get_int(jget(summary, "indicators")), FX_NIND);
    json_object_put(root);
    free(text);
    fx_free(f);
  }
}
END_TEST

/* Control characters, quotes, backslashes and invalid UTF-8 in strings. */
START_TEST(json_escaping) {
  RepFixture *f = fixture(0);
  f->prog.indicators[0].name = "a\"b\\c\x01\t\n\x1f\xFF 场";
  char *text = run(rep_json, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(
      strstr(text, "\"name\": \"a\\\"b\\\\c\\u0001\\u0009\\u000a\\u001f\\ufffd 场\""));
  json_object *root = parse_json(text);
  json_object *ind = json_object_array_get_idx(
      jget(json_object_array_get_idx(jget(root, "projects"), 0), "indicators"), 0);
  ck_assert_str_eq(json_object_get_string(jget(ind, "name")), "a\"b\\c\x01\t\n\x1f\xEF\xBF\xBD 场");
  json_object_put(root);
  free(text);
  fx_free(f);
}
END_TEST

/* ---- CSV ---------------------------------------------------------------------------- */

/* Split RFC 4180 records; returns the number of fields of each record in
 * nf[] and the record count.  Fails on a bare LF or a stray quote. */
static int csv_records(const char *s, int *nf, int max) {
  int nrec = 0, fields = 1, quoted = 0, start = 1;
  for (; *s; s++) {
    if (quoted) {
      if (*s == '"' && s[1] == '"') s++;
      else if (*s == '"') quoted = 0;
      continue;
    }
    ck_assert_msg(*s != '"' || start, "a quote inside an unquoted field");
    if (*s == '"') quoted = 1;
    start = 0;
    if (*s == ',') fields++, start = 1;
    else if (*s == '\n') ck_assert_msg(0, "LF without CR");
    else if (*s == '\r') {
      ck_assert_int_eq(s[1], '\n');
      s++;
      if (nrec < max) nf[nrec] = fields;
      nrec++, fields = 1, start = 1;
    }
  }
  ck_assert_msg(!quoted, "unterminated quote");
  return nrec;
}

START_TEST(csv_shape) {
  for (int m = 0; m < 2; m++) {
    RepFixture *f = fixture(m);
    char *text = run(rep_csv, &f->res, 0, NULL);
    int nf[64];
    ck_assert_int_eq(memcmp(text, "\xEF\xBB\xBF", 3), 0);
    int n = csv_records(text + 3, nf, 64);
    ck_assert_int_eq(n, 1 + 2 + FX_NIND); /* header, two rate rows, indicators */
    for (int k = 0; k < n; k++) ck_assert_int_eq(nf[k], m ? 21 : 19);
    ck_assert_ptr_nonnull(strstr(text, ",\"明确青少年社工身份及主责主业内容,加强社工基层事务及业务能力管理\","));
    free(text);
    fx_free(f);
  }
}
END_TEST

START_TEST(csv_quotes) {
  RepFixture *f = fixture(0);
  f->prog.indicators[0].name = "“青春+”\"品牌\"\r\n活动";
  char *text = run(rep_csv, &f->res, 1, NULL);
  int nf[64];
  ck_assert_int_eq(csv_records(text + 3, nf, 64), 1 + 2 + FX_NIND);
  ck_assert_ptr_nonnull(strstr(text, ",\"“青春+”\"\"品牌\"\"\r\n活动\","));
  free(text);
  fx_free(f);
}
END_TEST

/* A project's columns are kept once for its rows (report_csv.c): quoted
 * there as in any field, and written field by field when the name is too
 * long to keep; each row of the project has them, in either case. */
START_TEST(csv_project_columns) {
  for (int big = 0; big < 2; big++) {
    RepFixture *f = fixture(0);
    char *name = malloc(5000);
    strcpy(name, "团市委,\"青年\"");
    if (big) { /* longer than the room for the kept columns */
      size_t n = strlen(name);
      while (n < 4000) name[n++] = 'x';
      name[n] = '\0';
    }
    f->prog.projects[1].name = name;
    char *text = run(rep_csv, &f->res, 0, NULL);
    int nf[64];
    ck_assert_int_eq(csv_records(text + 3, nf, 64), 1 + 2 + FX_NIND);
    char *quoted = malloc(5100);
    snprintf(quoted, 5100, "\r\n\"团市委,\"\"青年\"\"%s\",", name + strlen("团市委,\"青年\""));
    size_t rows = 0;
    for (const char *p = text; (p = strstr(p, quoted)); p++) rows++;
    ck_assert_uint_eq(rows, 1 + f->prog.projects[1].nind); /* the rate row and each indicator */
    free(quoted);
    free(text);
    fx_free(f);
    free(name);
  }
}
END_TEST

/* ---- Markdown ------------------------------------------------------------------------ */

/* Pipes not escaped by a backslash. */
static int md_pipes(const char *line) {
  int n = 0;
  for (const char *p = line; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (*p == '|') n++;
  }
  return n;
}

START_TEST(md_escaping) {
  RepFixture *f = fixture(0);
  f->prog.indicators[0].name = "a|b *c* _d_ `e` [f](g) <h> </i> 1 < 2 > 0 #i \\j\nk R&D &amp;";
  f->prog.projects[1].name = "项目 | 2 ## x";
  char *text = run(rep_md, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(strstr(text, "| a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h> \\</i> "
                                     "1 < 2 > 0 \\#i \\\\j k R\\&D \\&amp; |"));
  ck_assert_ptr_nonnull(strstr(text, "\n## 项目 \\| 2 \\#\\# x\n"));
  /* Every row of a table has as many cells as its header. */
  int want = -1;
  for (char *line = text, *end; *line; line = end + (*end != '\0')) {
    end = line + strcspn(line, "\n");
    char save = *end;
    *end = '\0';
    if (line[0] != '|') {
      want = -1;
    } else {
      if (want < 0) want = md_pipes(line);
      ck_assert_msg(md_pipes(line) == want, "row \"%s\" has %d pipes, want %d", line,
                    md_pipes(line), want);
    }
    *end = save;
  }
  free(text);
  fx_free(f);
}
END_TEST

START_TEST(md_midyear) {
  RepFixture *f = fixture(1);
  char *text = run(rep_md, &f->res, 0, NULL);
  ck_assert_ptr_nonnull(strstr(text, "# 绩效运行监控 (截至 2023-06-30)\n"));
  ck_assert_ptr_nonnull(strstr(text, "| 20.69% | 2023-06-30 | 49.59% |"));
  free(text);
  fx_free(f);
}
END_TEST

/* No projects, and a project without indicators: still well-formed. */
START_TEST(empty) {
  RepFixture *f = fixture(0);
  f->prog.projects[1].nind = 0;
  ck_assert_int_eq(check_alignment(&f->res, 0), FX_P1_COUNT);
  f->prog.nprojects = 0;
  for (size_t k = 0; k < sizeof writers / sizeof writers[0]; k++)
    free(run(writers[k].fn, &f->res, 0, NULL));
  char *text = run(rep_json, &f->res, 0, NULL);
  json_object *root = parse_json(text);
  ck_assert_uint_eq(json_object_array_length(jget(root, "projects")), 0);
  ck_assert_ptr_nonnull(strstr(text, "\"projects\": [],"));
  json_object_put(root);
  free(text);
  text = run(rep_csv, &f->res, 1, NULL);
  ck_assert_str_eq(text, "\xEF\xBB\xBFproject,project_score,project_grade,currency,budget,spent,rate,"
                         "level1,level2,id,name,target,actual,status,weight,score,flags,explanation,"
                         "note\r\n");
  free(text);
  fx_free(f);
}
END_TEST

Suite *report_suite(void) {
  Suite *s = suite_create("report");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, golden_json);
  tcase_add_test(tc, golden_csv);
  tcase_add_test(tc, golden_table_md);
  tcase_add_test(tc, deterministic);
  tcase_add_test(tc, parts);
  tcase_add_test(tc, write_failure);
  tcase_add_test(tc, default_language);
  tcase_add_test(tc, empty);
  tcase_add_test(tc, explain_fixture);
  tcase_add_test(tc, explain_midyear);
  tcase_add_test(tc, explain_quant_cases);
  tcase_add_test(tc, explain_other_cases);
  tcase_add_test(tc, explain_derived);
  tcase_add_test(tc, explain_buffer);
  tcase_add_test(tc, width);
  tcase_add_test(tc, width_fast);
  tcase_add_test(tc, table_alignment);
  tcase_add_test(tc, table_truncation);
  tcase_add_test(tc, table_odd_bytes);
  tcase_add_test(tc, table_content);
  tcase_add_test(tc, table_one_project);
  tcase_add_test(tc, json_valid);
  tcase_add_test(tc, json_escaping);
  tcase_add_test(tc, csv_shape);
  tcase_add_test(tc, csv_quotes);
  tcase_add_test(tc, csv_project_columns);
  tcase_add_test(tc, md_escaping);
  tcase_add_test(tc, md_midyear);
  suite_add_tcase(s, tc);
  return s;
}
