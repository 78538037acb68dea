/*
 * test_diff.c - `indc diff` by meaning (compiler/diff, docs/git.md): what
 * is no change (layout, language, units, date forms, comments), how
 * projects and indicators are matched ([DIFF-MATCH]), and that the JSON
 * is well formed and says the same as the text.
 */
#include <check.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "sema/program.h"

static const char base[] =
    "年度 2023\n金额单位 万元\n"
    "项目 \"活动\" {\n"
    "  预算数 20\n"
    "  产出指标 {\n"
    "    数量指标 { 指标 \"场次\": ≥15 场  指标 n1 \"人数\": ≥2000 人次 }\n"
    "    质量指标 { 指标 \"质量\": \"达到预期\" }\n"
    "    时效指标 { 指标 \"完成\": 2023年12月底前完成 }\n"
    "    成本指标 { 指标 \"经费\": ≤20 万元 }\n"
    "  }\n"
    "}\n";

typedef struct Pair {
  Program a, b;
  Diff d;
} Pair;

static void load(Program *p, const char *text) {
  prog_init(p);
  p->no_tests = 1;
  prog_load_buffer(p, "<t>", text, strlen(text));
  ck_assert_msg(sema_check(p) == 0, "does not check:\n%s", text);
}

static void compare(Pair *pr, const char *old, const char *new_) {
  load(&pr->a, old);
  load(&pr->b, new_);
  diff_programs(&pr->a, &pr->b, &pr->d);
}

static void release(Pair *pr) {
  diff_free(&pr->d);
  prog_free(&pr->a);
  prog_free(&pr->b);
}

/* base with every `from` replaced by `to` (once each, in order). */
static char *edit(const char *from1, const char *to1, const char *from2, const char *to2) {
  char *s = strdup(base);
  const char *from[2] = {from1, from2}, *to[2] = {to1, to2};
  for (int i = 0; i < 2 && from[i]; i++) {
    char *at = strstr(s, from[i]);
    ck_assert_msg(at != NULL, "'%s' not in the base", from[i]);
    size_t n = strlen(s) - strlen(from[i]) + strlen(to[i]) + 1;
    char *t = malloc(n);
    snprintf(t, n, "%.*s%s%s", (int)(at - s), s, to[i], at + strlen(from[i]));
    free(s);
    s = t;
  }
  return s;
}

static char *text_of(const Diff *d, int lang) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diff_write_text(d, lang, f);
  fclose(f);
  return buf;
}

/* ---- no change ------------------------------------------------------------------- */

START_TEST(same_meaning_no_change) {
  Pair pr;
  compare(&pr, base,
          "year 2023 # English now\ncurrency 元\n"
          "project \"活 动\" { budget 200000\n"
          "  output {\n"
          "    quantity { indicator \"场次\": ≥15场  indicator n1 \"人数\": ≥2000 人/次 }\n"
          "    quality { indicator \"质量\": “达到预期” }\n"
          "    timeliness { indicator \"完成\": by 2023-12-31 }\n"
          "    cost { indicator \"经费\": ≤200000 元 }\n"
          "  }\n"
          "}\n");
  ck_assert_uint_eq(pr.d.nchanges, 0);
  ck_assert_uint_eq(pr.d.nprojs, 0);
  char *t = text_of(&pr.d, -1);
  ck_assert_str_eq(t, "");
  free(t);
  release(&pr);
}
END_TEST

/* The deadline forms of [LEX-8] that name the same day: 2023-12-31. */
START_TEST(same_deadline_other_spelling) {
  static const char *const same[] = {"2023年第四季度", "2023年四季度末前完成", "2023年下半年",
                                     "2023年年底前", "2023-12-31前", "2023年12月底以前"};
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    Pair pr;
    char *n = edit("2023年12月底前完成", same[i], NULL, NULL);
    compare(&pr, base, n);
    ck_assert_msg(pr.d.nchanges == 0, "%s is another deadline", same[i]);
    release(&pr);
    free(n);
  }
}
END_TEST

/* ---- changes ------------------------------------------------------------------------- */

static const DiffInd *only_ind(const Pair *pr) {
  ck_assert_uint_eq(pr->d.nprojs, 1);
  ck_assert_uint_eq(pr->d.projs[0].ninds, 1);
  return &pr->d.projs[0].inds[0];
}

START_TEST(target_kinds) {
  static const struct {
    const char *from, *to, *what;
    DiffFieldKind field;
  } cases[] = {
      {"≥15 场", "≥20 场", "value", DF_TARGET},
      {"≥15 场", ">15 场", "comparison", DF_TARGET},
      {"≥15 场", "≥15 次", "unit", DF_TARGET},
      {"≥15 场", "\"十五场\"", "kind", DF_TARGET},
      {"2023年12月底前完成", "2023年11月底前完成", "deadline", DF_TARGET},
      {"2023年12月底前完成", "2023年第三季度", "deadline", DF_TARGET},
      {"2023年12月底前完成", "2023年上半年", "deadline", DF_TARGET},
      {"\"达到预期\"", "\"显著提升\"", "text", DF_TARGET},
      {"≤20 万元", "≤18 万元", "value", DF_COST_CAP},
      {"≤20 万元", "≤20 元", "unit", DF_COST_CAP},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Pair pr;
    char *n = edit(cases[i].from, cases[i].to, NULL, NULL);
    compare(&pr, base, n);
    const DiffInd *di = only_ind(&pr);
    ck_assert_uint_eq(di->nfields, 1);
    ck_assert_int_eq(di->fields[0].kind, cases[i].field);
    ck_assert_str_eq(di->fields[0].sub, cases[i].what);
    release(&pr);
    free(n);
  }
}
END_TEST

START_TEST(rename_only_when_nothing_else_changed) {
  Pair pr;
  char *n = edit("\"场次\": ≥15 场", "\"活动场次\": ≥15 场", NULL, NULL);
  compare(&pr, base, n);
  const DiffInd *di = only_ind(&pr);
  ck_assert(di->change == DIFF_CHANGED && di->renamed && !di->moved && di->nfields == 0);
  release(&pr);
  free(n);
  n = edit("\"场次\": ≥15 场", "\"活动场次\": ≥16 场", NULL, NULL);
  compare(&pr, base, n);
  ck_assert_uint_eq(pr.d.projs[0].ninds, 2); /* added and removed */
  ck_assert_int_eq(pr.d.projs[0].inds[0].change, DIFF_ADDED);
  ck_assert_int_eq(pr.d.projs[0].inds[1].change, DIFF_REMOVED);
  release(&pr);
  free(n);
}
END_TEST

START_TEST(moved_and_matched_by_id) {
  Pair pr;
  /* 人数 moves to 质量指标, renamed: its id n1 still matches it */
  char *n = edit("  指标 n1 \"人数\": ≥2000 人次", "",
                 "指标 \"质量\": \"达到预期\"",
                 "指标 \"质量\": \"达到预期\" 指标 n1 \"参与人数\": ≥2000 人次");
  compare(&pr, base, n);
  const DiffInd *di = only_ind(&pr);
  ck_assert(di->renamed && di->moved && di->nfields == 0);
  ck_assert_int_eq(di->a->level2, CAT_QUANTITY);
  ck_assert_int_eq(di->b->level2, CAT_QUALITY);
  char *t = text_of(&pr.d, LANG_EN);
  ck_assert_str_eq(t, "~ project \"活动\"\n"
                      "  ~ indicator n1 \"人数\" → \"参与人数\" [output/quantity → output/quality]\n");
  free(t);
  release(&pr);
  free(n);
}
END_TEST

START_TEST(project_rename_budget_policy) {
  Pair pr;
  char *n = edit("项目 \"活动\"", "项目 \"品牌活动\"", NULL, NULL);
  compare(&pr, base, n);
  ck_assert_uint_eq(pr.d.nprojs, 1);
  ck_assert(pr.d.projs[0].renamed && pr.d.projs[0].nfields == 0 && pr.d.projs[0].ninds == 0);
  release(&pr);
  free(n);
  n = edit("预算数 20", "预算数 21", "金额单位 万元\n",
           "金额单位 万元\n评分规则 { 产出指标 = 60 反向公式 = 比例 }\n");
  compare(&pr, base, n);
  const DiffProj *dp = &pr.d.projs[0];
  ck_assert_uint_eq(dp->nfields, 3);
  ck_assert_int_eq(dp->fields[0].kind, DF_BUDGET);
  ck_assert_str_eq(dp->fields[0].old_text, "20 万元");
  ck_assert_str_eq(dp->fields[0].new_text, "21 万元");
  ck_assert_int_eq(dp->fields[1].kind, DF_POLICY);
  ck_assert_str_eq(dp->fields[1].sub, "产出指标");
  ck_assert_str_eq(dp->fields[1].new_text, "60");
  ck_assert_str_eq(dp->fields[2].sub_en, "reverse");
  release(&pr);
  free(n);
}
END_TEST

START_TEST(added_and_removed_projects) {
  Pair pr;
  load(&pr.a, "");
  load(&pr.b, base);
  diff_programs(&pr.a, &pr.b, &pr.d);
  ck_assert_uint_eq(pr.d.nchanges, 1);
  ck_assert_int_eq(pr.d.projs[0].change, DIFF_ADDED);
  ck_assert_str_eq(pr.d.projs[0].budget_text, "20 万元");
  diff_free(&pr.d);
  diff_programs(&pr.b, &pr.a, &pr.d);
  ck_assert_int_eq(pr.d.projs[0].change, DIFF_REMOVED);
  release(&pr);
}
END_TEST

/* ---- JSON ---------------------------------------------------------------------------- */

START_TEST(json_well_formed) {
  Pair pr;
  char *n = edit("≥15 场", "≥20 场", "\"达到预期\"", "\"说 \\\"好\\\"\\n\"");
  compare(&pr, base, n);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diff_write_json(&pr.d, f);
  fclose(f);
  json_object *o = json_tokener_parse(buf);
  ck_assert_msg(o != NULL, "not JSON:\n%s", buf);
  json_object *v, *projs, *inds, *fields;
  ck_assert(json_object_object_get_ex(o, "changes", &v));
  ck_assert_int_eq(json_object_get_int(v), 2);
  ck_assert(json_object_object_get_ex(o, "projects", &projs));
  ck_assert(json_object_object_get_ex(json_object_array_get_idx(projs, 0), "indicators", &inds));
  ck_assert_uint_eq(json_object_array_length(inds), 2);
  json_object *second = json_object_array_get_idx(inds, 1);
  ck_assert(json_object_object_get_ex(second, "fields", &fields));
  json_object *fld = json_object_array_get_idx(fields, 0);
  ck_assert(json_object_object_get_ex(fld, "new", &v));
  ck_assert_str_eq(json_object_get_string(v), "\"说 \"好\"\n\"");
  json_object_put(o);
  free(buf);
  release(&pr);
  free(n);
}
END_TEST

Suite *diff_suite(void);
Suite *diff_suite(void) {
  Suite *s = suite_create("diff");
  TCase *tc = tcase_create("meaning");
  tcase_add_test(tc, same_meaning_no_change);
  tcase_add_test(tc, same_deadline_other_spelling);
  tcase_add_test(tc, target_kinds);
  tcase_add_test(tc, rename_only_when_nothing_else_changed);
  tcase_add_test(tc, moved_and_matched_by_id);
  tcase_add_test(tc, project_rename_budget_policy);
  tcase_add_test(tc, added_and_removed_projects);
  tcase_add_test(tc, json_well_formed);
  suite_add_tcase(s, tc);
  return s;
}
