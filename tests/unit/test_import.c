/*
 * test_import.c - indc import (compiler/import, docs/import.md).
 *
 * The round trip: importing the seed document (tests/import/seed/, a copy
 * of the seed) gives, project by project, the same checked trees as the
 * hand-written specs/tianjin-youth-league-2023/: names, levels, order,
 * descriptions, targets, budgets, texts and ids.  Ids are compared by
 * their kind suffix ([IMPORT-IDS]): the importer names the twins of
 * project 4 dup1_text/dup1_count where the hand-written spec says
 * xj_text/xj_count.  Then the guarantee that rows read equal indicators
 * written, per project; the space rule; the repairs and errors of
 * [IMPORT-TABLE] and [IMPORT-VALUE] on small hand-made documents of each
 * layout (tab, pipe, CSV in UTF-8 and GBK, 自评表).  The golden tests of
 * the command are tests/import/run.sh.
 */
#include <check.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/import/imp_internal.h"
#include "../../compiler/import/import.h"
#include "../../compiler/sema/program.h"
#include "test_util.h"

/* ---- helpers --------------------------------------------------------------- */

static char *slurp(const char *rel, size_t *len) {
  char *path = test_path("%s", rel);
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  free(path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  ck_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static size_t run_text(ImpResult *r, const char *text, const ImpOptions *o) {
  imp_init(r);
  return imp_run("<test>", text, strlen(text), o, r);
}

/* The message at line, or NULL. */
static const ImpMsg *msg_at(const ImpResult *r, unsigned line, int error) {
  for (size_t i = 0; i < r->nmsgs; i++)
    if (r->msgs[i].line == line && r->msgs[i].error == error) return &r->msgs[i];
  return NULL;
}

static const char *const seed_specs[] = {
    "01-it-operations.ind",          "02-qingchun-brand.ind",
    "03-student-leadership.ind",     "04-league-work.ind",
    "05-youth-development-plan.ind", "06-youth-federation-plenary.ind",
    "07-young-marxists.ind",         "08-young-pioneers.ind",
    "09-student-federation-congress.ind", "10-property-services.ind",
    "11-youth-social-work.ind",
};
enum { NSEED = sizeof seed_specs / sizeof seed_specs[0] };

/* ---- comparing checked trees ------------------------------------------------ */

static const char *str(const char *s) { return s ? s : "(none)"; }

#define SAME_STR(a, b, what)                                                             \
  ck_assert_msg(((a) == NULL) == ((b) == NULL) && (!(a) || !strcmp((a), (b))),           \
                "%s: %s: imported '%s', hand-written '%s'", pname, what, str(a), str(b))

/* [IMPORT-IDS]: both absent, or both present with the same kind suffix. */
static const char *suffix(const char *id) {
  const char *u = strrchr(id, '_');
  return u ? u + 1 : id;
}

static void same_target(const char *pname, const char *iname, const Target *a, const Target *b) {
  ck_assert_msg(a && b, "%s / %s: a target is missing", pname, iname);
  ck_assert_msg(a->kind == b->kind, "%s / %s: target kind %d, hand-written %d", pname, iname,
                a->kind, b->kind);
  switch (a->kind) {
  case TGT_QUANT:
    ck_assert_msg(a->u.q.cmp == b->u.q.cmp && a->u.q.explicit_cmp == b->u.q.explicit_cmp &&
                      a->u.q.value == b->u.q.value,
                  "%s / %s: quantity differs", pname, iname);
    SAME_STR(a->u.q.unit, b->u.q.unit, iname);
    SAME_STR(a->u.q.value_text, b->u.q.value_text, iname);
    break;
  case TGT_DEADLINE:
    ck_assert_msg(!memcmp(&a->u.deadline.date, &b->u.deadline.date, sizeof(Date)),
                  "%s / %s: deadline differs", pname, iname);
    SAME_STR(a->u.deadline.text, b->u.deadline.text, iname);
    break;
  case TGT_PERIOD:
    ck_assert_int_eq(a->u.period.year, b->u.period.year);
    SAME_STR(a->u.period.text, b->u.period.text, iname);
    break;
  case TGT_GRADE: SAME_STR(a->u.grade.grade, b->u.grade.grade, iname); break;
  case TGT_TEXT: SAME_STR(a->u.text.text, b->u.text.text, iname); break;
  }
}

static void same_indicator(const char *pname, const Indicator *a, const Indicator *b) {
  SAME_STR(a->name, b->name, "三级指标");
  SAME_STR(a->desc, b->desc, a->name);
  ck_assert_msg((a->id == NULL) == (b->id == NULL), "%s / %s: id %s vs %s", pname, a->name,
                str(a->id), str(b->id));
  if (a->id) SAME_STR(suffix(a->id), suffix(b->id), "id suffix");
  ck_assert_int_eq(a->has_weight, b->has_weight);
  ck_assert_msg(a->level1 == b->level1 && a->level2 == b->level2, "%s / %s: levels", pname,
                a->name);
  same_target(pname, a->name, a->target, b->target);
}

static void same_money(const char *pname, const Money *a, const Money *b, const char *what) {
  ck_assert_msg(a->present == b->present && a->in_currency == b->in_currency, "%s: %s", pname,
                what);
  SAME_STR(a->text, b->text, what);
}

static void same_project(const Project *a, const Project *b) {
  const char *pname = b->name;
  SAME_STR(a->name, b->name, "项目");
  same_money(pname, &a->budget, &b->budget, "预算数");
  same_money(pname, &a->fiscal, &b->fiscal, "财政资金");
  same_money(pname, &a->other, &b->other, "其他资金");
  SAME_STR(a->purpose, b->purpose, "资金用途");
  SAME_STR(a->goal, b->goal, "绩效目标");
  ck_assert_uint_eq(a->ncats, b->ncats);
  for (size_t i = 0; i < a->ncats; i++) {
    const CatBlock *x = a->cats[i], *y = b->cats[i];
    ck_assert_msg(x->cat == y->cat && x->nsubs == y->nsubs, "%s: level-1 block %zu", pname, i);
    for (size_t j = 0; j < x->nsubs; j++) {
      const CatBlock *s = x->subs[j], *t = y->subs[j];
      ck_assert_msg(s->cat == t->cat && s->ninds == t->ninds, "%s: level-2 block %zu.%zu (%s)",
                    pname, i, j, ast_category_name(t->cat, LANG_ZH));
      for (size_t k = 0; k < s->ninds; k++) same_indicator(pname, s->inds[k], t->inds[k]);
    }
  }
  ck_assert_uint_eq(a->nall, b->nall);
}

/* ---- the seed ---------------------------------------------------------------- */

static ImpResult seed;
static Program imported, hand;

static void import_seed(void) {
  size_t len;
  char *text = slurp("tests/import/seed/tianjin-2023.txt", &len);
  imp_init(&seed);
  ck_assert_uint_eq(imp_run("tianjin-2023.txt", text, len, NULL, &seed), 0);
  free(text);
}

static void load_both(void) {
  import_seed();
  prog_init(&imported);
  for (size_t i = 0; i < seed.nout; i++) {
    ck_assert_ptr_nonnull(seed.out[i].text);
    prog_load_buffer(&imported, seed.out[i].file, seed.out[i].text, seed.out[i].len);
  }
  sema_check(&imported);
  char *paths[NSEED];
  for (size_t i = 0; i < NSEED; i++)
    paths[i] = test_path("specs/tianjin-youth-league-2023/%s", seed_specs[i]);
  prog_init(&hand);
  prog_load(&hand, paths, NSEED);
  sema_check(&hand);
  for (size_t i = 0; i < NSEED; i++) free(paths[i]);
}

static void free_both(void) {
  prog_free(&imported);
  prog_free(&hand);
  imp_free(&seed);
}

START_TEST(seed_round_trip) {
  load_both();
  ck_assert_uint_eq(imported.diags.nerrors, 0);
  ck_assert_uint_eq(hand.diags.nerrors, 0);
  ck_assert_uint_eq(imported.nprojects, 11);
  ck_assert_uint_eq(hand.nprojects, 11);
  ck_assert_uint_eq(imported.nindicators, 187);
  ck_assert_uint_eq(hand.nindicators, 187);
  for (size_t i = 0; i < 11; i++) same_project(imported.projects[i], hand.projects[i]);
  /* the warnings that remain are the same as the hand-written specs' */
  ck_assert_uint_eq(imported.diags.nwarnings, hand.diags.nwarnings);
  free_both();
}
END_TEST

/* The guarantee: per project, indicator rows read = indicators written. */
START_TEST(seed_rows_equal_written) {
  static const size_t want[] = {8, 7, 18, 65, 15, 8, 10, 13, 8, 15, 20};
  import_seed();
  ck_assert_uint_eq(seed.nout, 11);
  size_t total = 0;
  for (size_t i = 0; i < seed.nout; i++) {
    ck_assert_uint_eq(seed.out[i].nrows, want[i]);
    ck_assert_uint_eq(seed.out[i].nwritten, want[i]);
    total += seed.out[i].nwritten;
  }
  ck_assert_uint_eq(total, 187);
  ck_assert_str_eq(seed.layout, "tab");
  ck_assert_str_eq(seed.encoding, "UTF-8");
  imp_free(&seed);
}
END_TEST

/* Every oddity of the seed is reported at its line, with a comment. */
START_TEST(seed_repairs_reported) {
  static const unsigned lines[] = {32, 81, 153, 176, 180, 195, 262, 353, 358, 386};
  import_seed();
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    ck_assert_msg(msg_at(&seed, lines[i], 0) != NULL, "no warning at seed line %u", lines[i]);
  ck_assert_uint_eq(seed.nerrors, 0);
  ck_assert_ptr_nonnull(strstr(seed.out[9].text, "# 导入：原表第353行整行左移一列"));
  ck_assert_ptr_nonnull(strstr(seed.out[3].text, "指标 dup1_text \"党的二十大精神"));
  ck_assert_ptr_nonnull(strstr(seed.out[3].text, "指标 dup1_count \"党的二十大精神"));
  ck_assert_ptr_nonnull(strstr(seed.out[0].text, "# 1.团市委政务信息化系统运维项目绩效目标表\n"));
  ck_assert_str_eq(seed.out[0].file, "01-团市委政务信息化系统运维项目.ind");
  imp_free(&seed);
}
END_TEST

START_TEST(seed_single_file) {
  size_t len;
  char *text = slurp("tests/import/seed/tianjin-2023.txt", &len);
  ImpOptions o = {.single = 1};
  imp_init(&seed);
  ck_assert_uint_eq(imp_run("s.txt", text, len, &o, &seed), 0);
  free(text);
  ck_assert_ptr_nonnull(seed.single);
  Program p;
  prog_init(&p);
  prog_load_buffer(&p, "single.ind", seed.single, seed.single_len);
  sema_check(&p);
  ck_assert_uint_eq(p.diags.nerrors, 0);
  ck_assert_uint_eq(p.nprojects, 11);
  ck_assert_uint_eq(p.nindicators, 187);
  prog_free(&p);
  imp_free(&seed);
}
END_TEST

/* ---- the space rule ----------------------------------------------------------- */

START_TEST(space_rule) {
  static const char *const cases[][2] = {
      {"12355 工单 处置比例", "12355工单处置比例"},
      {"完成 2023 年“青马工程”", "完成2023年“青马工程”"},
      {"成果, 提高", "成果, 提高"},
      {"服务对象满意度 > 90%", "服务对象满意度 > 90%"},
      {"“青” 字号", "“青”字号"},
      {"  社会效益指 标 ", "社会效益指标"},
      {"2023 12", "2023 12"},
      {"达到 3A 级", "达到3A 级"},
      {"a\u3000b", "a b"},
      {"中\u3000文", "中文"},
  };
  Arena a;
  arena_init(&a);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    ck_assert_str_eq(imp_clean(&a, cases[i][0]), cases[i][1]);
  arena_free(&a);
}
END_TEST

/* [IMPORT-CATS] category cells with a list number and a weight; dashes as
 * empty cells; money with a currency sign or 万. */
START_TEST(cells_and_amounts) {
  static const struct {
    const char *cell;
    int cat;
  } cats[] = {
      {"一、产出指标（50分）", CAT_OUTPUT},   {"（二）效益指标", CAT_BENEFIT},
      {"3.满意度指标(权重10%)", CAT_SATISFACTION}, {"质量指标（15分）", CAT_QUALITY},
      {"十、产出指标", CAT_OUTPUT},          {"产出指标（群众）", -1},
      {"一、", -1},                          {"（50分）", -1},
  };
  Arena a;
  arena_init(&a);
  for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
    ck_assert_msg(imp_category(&a, cats[i].cell) == cats[i].cat, "%s", cats[i].cell);
  static const char *const voids[] = {"", " ", "—", "/", "／", "-", "无", "——"};
  for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++) ck_assert(imp_void(&a, voids[i]));
  ck_assert(!imp_void(&a, "0"));
  ck_assert(!imp_void(&a, "无影响"));
  arena_free(&a);
}
END_TEST

/* ---- small documents ------------------------------------------------------------- */

#define HEAD "(2024 年)\n单位：万元\n"
#define TABLE "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\n"

START_TEST(tab_kinds_and_carry_down) {
  ImpResult r;
  ck_assert_uint_eq(run_text(&r,
                             HEAD "项目名称\t甲\n预算数\t5.00\t其中：财政资金\t5.00\t其他资金\n" TABLE
                                  "产出指标\t数量指标\t场次\t场次\t≥2场\n"
                                  "\t\t人数\t人数\t50 人\n"
                                  "\t时效指标\t完成\t完成\t2024 年 6 月底前完成\n"
                                  "\t\t期间\t期间\t全年\n"
                                  "\t质量指标\t评估\t评估\t达到 3A 级\n"
                                  "\t成本指标\t经费\t经费\t≤5万元\n"
                                  "满意度指标\t服务对象满意度指标\t满意度\t满意度\t>90%\n",
                             NULL),
                    0);
  ck_assert_uint_eq(r.nout, 1);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "指标 \"人数\": 50 人"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"完成\": 2024年6月底前完成"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"期间\": 全年"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"评估\": 达到 3A 级"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"经费\": ≤5 万元"));
  ck_assert_ptr_nonnull(strstr(t, "其他资金 0\n"));
  ck_assert_uint_eq(r.out[0].nrows, 7);
  ck_assert_uint_eq(r.out[0].nwritten, 7);
  ck_assert_uint_eq(r.nwarnings, 0);
  imp_free(&r);
}
END_TEST

START_TEST(pipe_variant_columns) {
  ImpResult r;
  ck_assert_uint_eq(run_text(&r,
                             HEAD "项目名称 | 乙\n预算数 | 3 | 财政资金 | 3\n"
                                  "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位\n"
                                  "产出 | 数量 | 场次 | ≥ | 15 | 场\n"
                                  " | 质量 | 完成率 | = | 100 | %\n"
                                  " | 成本 | 经费 | ≤ | 3 | 万元\n"
                                  "效益 | 社会效益 | 影响 | 定性 | 明显 | \n",
                             NULL),
                    0);
  ck_assert_str_eq(r.layout, "pipe");
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "指标 \"场次\": ≥15 场"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"完成率\": 100%"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"经费\": ≤3 万元"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"影响\": \"明显\""));
  ck_assert_uint_eq(r.nwarnings, 0);
  imp_free(&r);
}
END_TEST

START_TEST(csv_gbk_and_quotes) {
  /* "项目名称,一级指标,…" in GBK, with a quoted field holding a comma; its
   * first line "目 录" is C4 BF 20 C2 BC in GBK, valid UTF-8 by chance */
  const char *utf8 = "目 录\r\n项目名称,一级指标,二级指标,三级指标,绩效指标描述,指标值\r\n"
                     "丙,产出指标,成本指标,经费,\"经费, 含场地\",≤2万元\r\n"
                     ",,数量指标,场次,场次,≥1场\r\n";
  ImpResult r;
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  ck_assert(cd != (iconv_t)-1);
  char gbk[512], *ip = (char *)(uintptr_t)utf8, *op = gbk;
  size_t il = strlen(utf8), ol = sizeof gbk - 1;
  ck_assert(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
  *op = '\0';
  iconv_close(cd);
  ImpOptions o = {.year = 2024};
  ck_assert_uint_eq(run_text(&r, gbk, &o), 0);
  ck_assert_str_eq(r.encoding, "GB18030");
  ck_assert_str_eq(r.layout, "csv");
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "描述 \"经费, 含场地\""));
  ck_assert_ptr_nonnull(strstr(t, "预算数 2.00")); /* guessed from the cost cap */
  ck_assert_ptr_nonnull(msg_at(&r, 3, 0));
  imp_free(&r);
}
END_TEST

START_TEST(selfeval_weights_and_actuals) {
  ImpResult r;
  ck_assert_uint_eq(
      run_text(&r,
               "（2023年度）\n项目名称\t丁\n"
               "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\n"
               "\t年度资金总额\t10\t10\t9\n"
               "\t其中：当年财政拨款\t10\t10\t9\n"
               "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t"
               "偏差原因分析及改进措施\n"
               "\t产出指标\t数量指标\t场次\t≥10场\t12场\t30\t30\t\n"
               "\t\t成本指标\t经费\t≤10万元\t9万元\t20\t20\t\n"
               "\t效益指标\t社会效益指标\t影响\t扩大\t部分达成\t30\t20\t宣传不足\n"
               "\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10\t\n",
               NULL),
      0);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "产出指标 分值 50 {"));
  ck_assert_ptr_nonnull(strstr(t, "分值 30\n"));
  ck_assert(r.has_actuals);
  ck_assert_str_eq(r.actuals, "project,indicator,actual,note\n"
                              "丁,执行数,9,\n"
                              "丁,场次,12场,\n"
                              "丁,经费,9万元,\n"
                              "丁,影响,部分达成:20,宣传不足\n" /* [IMPORT-SCORE] */
                              "丁,满意度,95%,\n");
  ck_assert_uint_eq(r.nactuals, 5);
  imp_free(&r);
}
END_TEST

/* The first row after a page break continues the row before it; a
 * joined text one character off the project's standard text is read as
 * that text ([IMPORT-CONT], [IMPORT-JOIN]). */
START_TEST(page_break_joins) {
  ImpResult r;
  ck_assert_uint_eq(run_text(&r,
                             HEAD "项目名称\t戊\n预算数\t3\t财政资金\t3\n" TABLE
                                  "产出指标\t数量指标\t甲\t标准描述文字。\t1场\n"
                                  "\t数量指标\t乙\t标准描述文字。\t2场\n"
                                  "\t数量指标\t丙\t标准描述文字。\t3场\n"
                                  "\t数量指标\t丁项\t标准描\t4场\n"
                                  "\n" TABLE
                                  "\t\t目名称\t描述文字。\t\n"
                                  "\t成本指标\t经费\t经费\t≤3万元\n",
                             NULL),
                    0);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "指标 \"丁项目名称\": 4 场 {\n        描述 \"标准描述文字。\""));
  ck_assert_uint_eq(r.out[0].nrows, 5);
  ck_assert_uint_eq(r.out[0].ncontinued, 1);
  ck_assert_ptr_nonnull(msg_at(&r, 12, 0)); /* the join */
  imp_free(&r);
}
END_TEST

/* A row that cannot be placed fails its project only, naming its line;
 * the failed project still counts its rows. */
START_TEST(unplaceable_row) {
  ImpResult r;
  ck_assert_uint_eq(run_text(&r,
                             HEAD "项目名称\t己\n预算数\t1\t财政资金\t1\n" TABLE
                                  "产出指标\t数量指标\t场次\t场次\t1场\n"
                                  "\t杂项\t宣传\t宣传\t2场\n"
                                  "项目名称\t庚\n预算数\t1\t财政资金\t1\n" TABLE
                                  "产出指标\t数量指标\t场次\t场次\t1场\n",
                             NULL),
                    1);
  ck_assert_uint_eq(r.nout, 2);
  ck_assert_ptr_null(r.out[0].text);
  ck_assert_uint_eq(r.out[0].nrows, 2);
  ck_assert_ptr_nonnull(r.out[1].text);
  const ImpMsg *m = msg_at(&r, 7, 1);
  ck_assert_ptr_nonnull(m);
  ck_assert_ptr_nonnull(strstr(m->text, "'杂项' is not a category"));
  imp_free(&r);
}
END_TEST

/* A template's empty category rows, a year under 项目名称, amounts with
 * ¥ and —, a satisfaction level 2 of another name. */
START_TEST(template_rows) {
  ImpResult r;
  ck_assert_uint_eq(
      run_text(&r,
               "单位：万元\n项目名称\t寅\n年度：2023年\n预算数\t￥5.00\t其中：财政资金\t5.00\t"
               "其他资金\t—\n" TABLE "产出指标\t数量指标\t场次\t场次\t≥2场\n"
               "\t质量指标\t\t\t\n"
               "\t时效指标\t/\t/\t/\n"
               "成本指标\t社会成本指标\t\t\t无\n"
               "满意度指标\t社会公众满意度指标\t满意度\t满意度\t≥90%\n"
               "\t\t时间\t时间\t2024年3月底前\n",
               NULL),
      0);
  ck_assert_uint_eq(r.nout, 1);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "年度 2023\n"));
  ck_assert_ptr_nonnull(strstr(t, "其他资金 0\n"));
  ck_assert_ptr_nonnull(strstr(t, "服务对象满意度指标 {"));
  ck_assert_ptr_null(strstr(t, "社会成本指标"));
  ck_assert_uint_eq(r.out[0].nrows, 3);
  ck_assert_uint_eq(r.out[0].nwritten, 3);
  for (unsigned line = 7; line <= 9; line++) {
    const ImpMsg *m = msg_at(&r, line, 0);
    ck_assert_msg(m && strstr(m->text, "has no indicator in this row"), "line %u", line);
  }
  ck_assert_ptr_nonnull(msg_at(&r, 10, 0));
  imp_free(&r);
}
END_TEST

/* [IMPORT-DEPT] A 部门整体支出 table: one project named after the
 * department, 预算单位 from its name row, the budget from the amounts under
 * 总额 | 财政拨款 | 其他资金, the tasks as 资金用途; a 序号 | 绩效指标 row
 * above the header lends it 指标值; a 填报单位 row is read past. */
START_TEST(department_table) {
  ImpResult r;
  ck_assert_uint_eq(
      run_text(&r,
               "某局2024年部门整体支出绩效目标表\n填报单位：某局\t填报人：张三\t单位：万元\n"
               "部门（单位）名称\t561301 某局\n年度预算\t总额\t财政拨款\t其他资金\n"
               "\t10.00\t8.00\t2.00\n年度主要任务\t任务名称\t主要内容\t预算金额\n"
               "\t宣传\t开展宣传\t10.00\n\t金额合计\t\t10.00\n年度总体目标\t做好宣传。\n"
               "序号\t绩效指标\t\t\t指标值\n\t一级指标\t二级指标\t三级指标\t\n"
               "1\t产出指标\t成本指标\t宣传费\t≤10万\n"
               "2\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\n",
               NULL),
      0);
  ck_assert_uint_eq(r.nout, 1);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_str_eq(r.out[0].project, "某局部门整体支出");
  ck_assert_ptr_nonnull(strstr(t, "预算单位 561301 \"某局\"\n"));
  ck_assert_ptr_nonnull(strstr(t, "预算数 10.00\n  财政资金 8.00\n  其他资金 2.00\n"));
  ck_assert_ptr_nonnull(strstr(t, "资金用途 \"宣传：开展宣传\""));
  ck_assert_ptr_nonnull(strstr(t, "绩效目标 \"做好宣传。\""));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"宣传费\": ≤10 万元"));
  ck_assert_ptr_nonnull(strstr(msg_at(&r, 3, 0)->text, "部门整体支出"));
  ck_assert_ptr_null(msg_at(&r, 2, 0)); /* the 填报 row: read past */
  ck_assert_ptr_null(msg_at(&r, 10, 0)); /* the group row: read past */
  ck_assert_uint_eq(r.nwarnings, 2);
  imp_free(&r);
}
END_TEST

/* [IMPORT-MONEY] 万 alone is 万元 in a money place only; ¥ anywhere. */
START_TEST(money_forms) {
  ImpResult r;
  ck_assert_uint_eq(run_text(&r,
                             HEAD "项目名称\t卯\n预算数\t5.00\n" TABLE
                                  "产出指标\t成本指标\t印刷\t印刷\t不超过5万\n"
                                  "\t数量指标\t覆盖人数\t覆盖人数\t覆盖5万\n"
                                  "\t数量指标\t免费体检\t免费体检\t≥5万\n"
                                  "\t数量指标\t资金投入\t资金投入\t≥5万\n"
                                  "\t数量指标\t补助\t补助\t≤¥1,200元\n",
                             NULL),
                    0);
  const char *t = r.out[0].text;
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(strstr(t, "指标 \"印刷\": ≤5 万元"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"覆盖人数\": \"覆盖5万\""));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"免费体检\": \"≥5万\""));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"资金投入\": ≥5 万元"));
  ck_assert_ptr_nonnull(strstr(t, "指标 \"补助\": ≤1200 元"));
  ck_assert_ptr_nonnull(strstr(msg_at(&r, 6, 0)->text, "万 under a cost category is 万元"));
  ck_assert_ptr_null(msg_at(&r, 7, 0));
  imp_free(&r);
}
END_TEST

START_TEST(broken_inputs) {
  static const struct {
    const char *text;
    unsigned line;
    const char *needle;
  } cases[] = {
      {"随便一些文字\n没有表格\n", 1, "no indicator table found"},
      {HEAD "项目名称\t辛\n产出指标\t数量指标\t场次\t场次\t1场\n", 4, "without a table header"},
      {HEAD TABLE "产出指标\t数量指标\t场次\t场次\t1场\n", 4, "outside any project"},
      {HEAD "项目名称\t壬\n预算数\t1\n" TABLE, 3, "has no indicator rows"},
      {HEAD "项目名称\t癸\n预算数\t1\n" TABLE "产出指标\t数量指标\t场次\t场次\n", 6,
       "has no 指标值"},
      {HEAD "项目名称\t子\n预算数\t1\n一级指标\t二级指标\t三级指标\t绩效指标描述\n", 5,
       "no 指标值 column"},
      {"项目名称,一级指标,二级指标,三级指标,绩效指标描述,指标值\n丑,产出指标,数量指标,\"x", 2,
       "never ends"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ImpResult r;
    ck_assert_msg(run_text(&r, cases[i].text, NULL) > 0, "case %zu: no error", i);
    const ImpMsg *m = msg_at(&r, cases[i].line, 1);
    ck_assert_msg(m && strstr(m->text, cases[i].needle), "case %zu: expected '%s' at line %u",
                  i, cases[i].needle, cases[i].line);
    for (size_t k = 0; k < r.nout; k++) ck_assert_ptr_null(r.out[k].text);
    imp_free(&r);
  }
}
END_TEST

START_TEST(broken_encodings) {
  ImpResult r;
  /* UTF-8 lines, then a GBK line (0xB3 0xC9 is 成) */
  const char mixed[] = HEAD "项目名称\t寅\n\t\xB3\xC9\xB1\xBE\n";
  imp_init(&r);
  ck_assert_uint_gt(imp_run("m", mixed, sizeof mixed - 1, NULL, &r), 0);
  ck_assert_ptr_nonnull(msg_at(&r, 4, 1));
  ck_assert_ptr_nonnull(strstr(msg_at(&r, 4, 1)->text, "mixed encodings"));
  imp_free(&r);
  /* a file cut inside a UTF-8 character */
  const char cut[] = HEAD "项目名称\t\xE5\x8D";
  imp_init(&r);
  ck_assert_uint_gt(imp_run("c", cut, sizeof cut - 1, NULL, &r), 0);
  ck_assert_ptr_nonnull(strstr(msg_at(&r, 3, 1)->text, "truncated"));
  imp_free(&r);
  /* NUL bytes */
  const char bin[] = "PK\x03\x04\0\0";
  imp_init(&r);
  ck_assert_uint_gt(imp_run("b", bin, sizeof bin - 1, NULL, &r), 0);
  ck_assert_ptr_nonnull(strstr(msg_at(&r, 1, 1)->text, "NUL byte"));
  imp_free(&r);
}
END_TEST

Suite *import_suite(void);
Suite *import_suite(void) {
  Suite *s = suite_create("import");
  TCase *tc = tcase_create("seed");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, seed_round_trip);
  tcase_add_test(tc, seed_rows_equal_written);
  tcase_add_test(tc, seed_repairs_reported);
  tcase_add_test(tc, seed_single_file);
  suite_add_tcase(s, tc);
  tc = tcase_create("documents");
  tcase_add_test(tc, space_rule);
  tcase_add_test(tc, cells_and_amounts);
  tcase_add_test(tc, template_rows);
  tcase_add_test(tc, tab_kinds_and_carry_down);
  tcase_add_test(tc, pipe_variant_columns);
  tcase_add_test(tc, csv_gbk_and_quotes);
  tcase_add_test(tc, selfeval_weights_and_actuals);
  tcase_add_test(tc, page_break_joins);
  tcase_add_test(tc, unplaceable_row);
  tcase_add_test(tc, department_table);
  tcase_add_test(tc, money_forms);
  tcase_add_test(tc, broken_inputs);
  tcase_add_test(tc, broken_encodings);
  suite_add_tcase(s, tc);
  return s;
}
