/*
 * test_actuals.c - binding data to a program (runtime/data/actuals.c,
 * bind.c) and parsing values (value.c): every value form per target kind,
 * 执行数 and raw fields, naming indicators, and every error with its exact
 * message and position ([DATA-NAMES], [DATA-VALUE], [DATA-ERRORS] in
 * docs/data-formats.md).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/data_limits.h"
#include "data_fixture.h"
#include "indrt.h"

static RtProgram prog;
static void setup(void) { fx_program(&prog); }
static void teardown(void) { fx_program_free(&prog); }

/* The last single-row load: its actual, 执行数 and problems. */
static RtActual got;
static Dec got_spent;
static char got_log[sizeof ((FxLoad *)0)->log];

/* Load one CSV row (project, indicator, value) and keep what it gave. */
static const char *row(const char *project, const char *indicator, const char *value) {
  char text[2048];
  FxLoad l;
  snprintf(text, sizeof text, "project,indicator,actual\n%s,%s,\"%s\"\n", project, indicator, value);
  fx_load_text(&l, &prog, "t.csv", text);
  memset(&got, 0, sizeof got);
  got_spent = 0;
  snprintf(got_log, sizeof got_log, "%s", l.log);
  if (l.status == INDRT_OK) {
    got_spent = l.act.spent[0];
    for (uint32_t i = 0; i < prog.nindicators; i++)
      if (l.act.ind[i].line) got = l.act.ind[i], got.text = NULL, got.note = NULL;
  }
  fx_load_free(&l);
  return got_log;
}

/* Value of indicator i of project 0 from text: it must load without problems. */
static void ok(int i, const char *value, int kind) {
  const char *name = prog.indicators[i].id ? prog.indicators[i].id : prog.indicators[i].name;
  if (i == FX_COVER_S || i == FX_COVER_E)
    name = i == FX_COVER_S ? "社会效益指标/覆盖青联委员" : "经济效益指标/覆盖青联委员";
  const char *log = row(i >= FX_P1_RATE ? FX_P1 : FX_P0, name, value);
  ck_assert_msg(*log == '\0', "%s = \"%s\": %s", name, value, log);
  ck_assert_msg(got.kind == kind, "%s = \"%s\": kind %d, want %d", name, value, got.kind, kind);
}

static void ok_num(int i, const char *value, const char *want) {
  ok(i, value, RT_ACT_NUMBER);
  ck_assert_msg(got.value == fx_dec(want), "\"%s\": got %lld, want %s", value,
                (long long)got.value, want);
}

/* The one problem of a row whose value is bad, without "t.csv:2:col: ". */
static const char *bad(int i, const char *value) {
  const char *name = prog.indicators[i].id ? prog.indicators[i].id : prog.indicators[i].name;
  if (i == FX_COVER_S) name = "社会效益指标/覆盖青联委员";
  const char *log = row(i >= FX_P1_RATE ? FX_P1 : FX_P0, name, value);
  const char *msg = log;
  for (int colons = 0; colons < 3 && msg; colons++) msg = strchr(msg, ':'), msg = msg ? msg + 1 : NULL;
  ck_assert_msg(msg != NULL, "no problem for \"%s\"", value);
  static char out[2048];
  snprintf(out, sizeof out, "%s", msg + 1);
  ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "more than one problem: %s", log);
  out[strlen(out) - 1] = '\0';
  return out;
}

/* ---- quantitative ------------------------------------------------------------- */

START_TEST(quant_numbers) {
  ok_num(FX_HY, "3", "3");          /* a bare number is in the target's unit */
  ok_num(FX_HY, "3场", "3");
  ok_num(FX_HY, " 3 场 ", "3");
  ok_num(FX_HY, "３场", "3");       /* full-width digit */
  ok_num(FX_HY, "+3", "3");
  ok_num(FX_HY, "-2", "-2");        /* negative numbers are data too */
  ok_num(FX_COVER_S, "142500人次", "142500");
  ok_num(FX_COVER_S, "142,500人次", "142500");
  ok_num(FX_COVER_S, "1,142,500", "1142500");
  ok_num(FX_COVER_S, "142，500人次", "142500"); /* full-width comma */
  ok_num(FX_PCT, "96.5%", "96.5");
  ok_num(FX_PCT, "96.5％", "96.5");
  ok_num(FX_PCT, "96.5", "96.5");
  ok_num(FX_PCT, "100.000000000000", "100"); /* extra zero decimals are exact */
  ok_num(FX_BARE, "92", "92");
  ok_num(FX_BARE, "92.25", "92.25");
}
END_TEST

START_TEST(quant_units) {
  ok_num(FX_MONEY, "9.8万元", "9.8");
  ok_num(FX_MONEY, "98000元", "9.8");       /* converted exactly */
  ok_num(FX_MONEY, "98,000.5 元", "9.80005");
  ok_num(FX_MONEY, "0.000000001万元", "0.000000001");
  ok_num(FX_MONEY, "-5万元", "-5");
  /* [DATA-WIDE] beyond the Dec range in 元, within it in 万元 */
  ok_num(FX_MONEY, "12,000,000,000元", "1200000");
  ok_num(FX_MONEY, "12,000,000,000.55元", "1200000.000055");
  ok_num(FX_MONEY, "-98,765,432,100元", "-9876543.21");
  ok_num(FX_P1_RATE, "100%", "100");
}
END_TEST

START_TEST(quant_errors) {
  ck_assert_str_eq(bad(FX_HY, "3人次"),
                   "unit 人次 of \"3人次\" is of dimension 人次, but \"举办会议场次\" wants dimension 场 "
                   "(its target is in 场)");
  ck_assert_str_eq(bad(FX_MONEY, "98000人次"),
                   "unit 人次 of \"98000人次\" is of dimension 人次, but \"会议经费\" wants dimension 元 "
                   "(its target is in 万元)");
  ck_assert_str_eq(bad(FX_HY, "3场次"),
                   "unknown unit \"场次\" in \"3场次\": \"举办会议场次\" is measured in 场");
  ck_assert_str_eq(bad(FX_HY, "abc"),
                   "invalid value \"abc\" for \"举办会议场次\": expected a number with unit 场, e.g. "
                   "15场 (a bare number is in 场)");
  ck_assert_str_eq(bad(FX_HY, "≥15场"),
                   "invalid value \"≥15场\" for \"举办会议场次\": expected a number with unit 场, e.g. "
                   "15场 (a bare number is in 场)");
  ck_assert_str_eq(bad(FX_HY, "达成"),
                   "\"达成\" is a grade, but \"举办会议场次\" has a quantitative target (≥1 场): "
                   "expected a number with unit 场, e.g. 15场 (a bare number is in 场)");
  ck_assert_str_eq(bad(FX_COVER_S, "1,42,500"),
                   "invalid number \"1,42,500\" for \"覆盖青联委员\": thousands separators must "
                   "group three digits, as in 142,500");
  /* a space is no thousands separator: digits on both sides of one are an
   * error, where the key form would join them into one number */
  ck_assert_str_eq(bad(FX_HY, "1 5"),
                   "spaces inside a number in \"1 5\": write the number without them (1500, or "
                   "1,500 with a thousands separator)");
  ck_assert_str_eq(bad(FX_COVER_S, "142\xE3\x80\x80" "500人次"), /* an ideographic space */
                   "spaces inside a number in \"142\xE3\x80\x80" "500人次\": write the number "
                   "without them (1500, or 1,500 with a thousands separator)");
  ck_assert_str_eq(bad(FX_COVER_S, "１ ５"), /* full-width digits */
                   "spaces inside a number in \"１ ５\": write the number without them (1500, or "
                   "1,500 with a thousands separator)");
  ck_assert_str_eq(bad(FX_COVER_S, "1425,00"),
                   "invalid number \"1425,00\" for \"覆盖青联委员\": thousands separators must "
                   "group three digits, as in 142,500");
  ck_assert_str_eq(bad(FX_PCT, "96.1234567891%"),
                   "invalid number \"96.1234567891%\" for \"参会人员满意度\": more than 9 decimal places");
  ck_assert_str_eq(bad(FX_PCT, "99999999999%"), "\"99999999999%\" is out of range in %");
  ck_assert_str_eq(bad(FX_PCT, "999999999999999999999%"), /* beyond a shift of 10^9 */
                   "invalid number \"999999999999999999999%\" for \"参会人员满意度\": the number "
                   "is out of range");
  ck_assert_str_eq(bad(FX_MONEY, "0.000000001元"),
                   "\"0.000000001元\" cannot be converted exactly to 万元 (more than 9 decimal places)");
  ck_assert_str_eq(bad(FX_MONEY, "9300000000万元"), "\"9300000000万元\" is out of range in 万元");
  ck_assert_str_eq(bad(FX_HY, "99999999999"), /* no unit: no conversion to bring it in range */
                   "invalid number \"99999999999\" for \"举办会议场次\": the number is out of range");
  ck_assert_str_eq(bad(FX_BARE, "92分"),
                   "\"满意度得分\" has a target without unit (≥90): expected a bare number, not \"92分\"");
  ck_assert_str_eq(bad(FX_BARE, "92%"),
                   "\"满意度得分\" has a target without unit (≥90): expected a bare number, not \"92%\"");
  ck_assert_str_eq(bad(FX_BARE, "x"),
                   "invalid value \"x\" for \"满意度得分\": expected a bare number (the target has no unit)");
}
END_TEST

/* A percentage written as a fraction (Excel's 0.95 for a General cell of
 * 95%) against a target of 10% or more is ambiguous, not 0.95% ([DATA-FRACTION]). */
START_TEST(quant_fraction_of_percent) {
  ck_assert_str_eq(bad(FX_PCT, "0.95"),
                   "\"0.95\" for \"参会人员满意度\" (≥95%) could be 95% or 0.95%: write it with %, "
                   "95% or 0.95%");
  ck_assert_str_eq(bad(FX_PCT, "1"), /* the boundary: at most 1 */
                   "\"1\" for \"参会人员满意度\" (≥95%) could be 100% or 1%: write it with %, 100% "
                   "or 1%");
  ck_assert_str_eq(bad(FX_PCT, "0.955"),
                   "\"0.955\" for \"参会人员满意度\" (≥95%) could be 95.5% or 0.955%: write it "
                   "with %, 95.5% or 0.955%");
  ck_assert_str_eq(bad(FX_PCT, "０.９５"), /* full-width, quoted as written */
                   "\"０.９５\" for \"参会人员满意度\" (≥95%) could be 95% or 0.95%: write it with "
                   "%, 95% or 0.95%");
  ck_assert_str_eq(bad(FX_P1_RATE, "1"), /* any comparison: = 100% */
                   "\"1\" for \"物业服务覆盖率\" (100%) could be 100% or 1%: write it with %, 100% "
                   "or 1%");
  /* what stays as it was: with a unit, above 1, zero, below zero, another unit */
  ok_num(FX_PCT, "0.95%", "0.95");
  ok_num(FX_PCT, "95%", "95");
  ok_num(FX_PCT, "1.01", "1.01");
  ok_num(FX_PCT, "0", "0");
  ok_num(FX_PCT, "-0.5", "-0.5");
  ok_num(FX_HY, "0.5", "0.5");
  ok_num(FX_BARE, "0.95", "0.95"); /* a target without unit */
  /* a threshold below 10%: a small value is the likely reading (≤5% 投诉率) */
  prog.indicators[FX_PCT].target.value = fx_dec("9.999999999");
  ok_num(FX_PCT, "0.5", "0.5");
  prog.indicators[FX_PCT].target.value = fx_dec("10"); /* the boundary: at least 10% */
  ck_assert_str_ne(row(FX_P0, "参会人员满意度", "0.5"), "");
  /* a JSON number is a bare number too */
  FxLoad l;
  fx_load_text(&l, &prog, "f.json", "{\"projects\": {\"" FX_P0 "\": {\"参会人员满意度\": 0.95}}}");
  ck_assert_str_eq(l.log, "f.json:1:50: \"0.95\" for \"参会人员满意度\" (≥95%) could be 95% or "
                          "0.95%: write it with %, 95% or 0.95%\n");
  fx_load_free(&l);
}
END_TEST

/* ---- dates and ranks ----------------------------------------------------------- */

START_TEST(deadline) {
  int32_t nov30 = rt_days_from_civil(2023, 11, 30);
  const char *forms[] = {"2023-11-30", "2023/11/30", "2023年11月30日", "2023 年 11 月 30 日",
                         "２０２３－１１－３０", "2023.11.30", "２０２３．１１．３０"};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    ok(FX_DATE, forms[i], RT_ACT_DATE);
    ck_assert_int_eq(got.date, nov30);
  }
  ok(FX_DATE, "2023/9/5", RT_ACT_DATE);
  ck_assert_int_eq(got.date, rt_days_from_civil(2023, 9, 5));
  ok(FX_DATE, "2024-02-29", RT_ACT_DATE);
  ck_assert_str_eq(bad(FX_DATE, "2023-02-29"),
                   "invalid date \"2023-02-29\" for \"会议完成时间\": there is no such day");
  ck_assert_str_eq(bad(FX_DATE, "2023-13-01"),
                   "invalid date \"2023-13-01\" for \"会议完成时间\": there is no such day");
  const char *expect = "expected a date like 2023-11-30, 2023/11/30 or 2023年11月30日";
  const char *wrong[] = {"11月30日", "2023-11", "2023-11/30", "2023年11月30", "23-11-30",
                         "2023.11/30"};
  for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
    char want[256];
    snprintf(want, sizeof want, "invalid date \"%s\" for \"会议完成时间\": %s", wrong[i], expect);
    ck_assert_str_eq(bad(FX_DATE, wrong[i]), want);
  }
  /* done, but not when: the message asks for the day */
  ck_assert_str_eq(bad(FX_DATE, "已完成"),
                   "\"已完成\" for \"会议完成时间\" says it was done but not when: a deadline "
                   "target wants the day it was done, e.g. 2023-11-30 (any day on or before the "
                   "deadline scores full points)");
  ck_assert_str_eq(bad(FX_DATE, "达成"),
                   "\"达成\" for \"会议完成时间\" says it was done but not when: a deadline "
                   "target wants the day it was done, e.g. 2023-11-30 (any day on or before the "
                   "deadline scores full points)");
}
END_TEST

START_TEST(rank) {
  ok(FX_RANK, "3A", RT_ACT_RANK);
  ck_assert_int_eq(got.rank, 3);
  ok(FX_RANK, "4A级", RT_ACT_RANK);
  ck_assert_int_eq(got.rank, 4);
  ok(FX_RANK, "５Ａ 级", RT_ACT_RANK);
  ck_assert_int_eq(got.rank, 5);
  ok(FX_RANK, "1A", RT_ACT_RANK);
  ck_assert_int_eq(got.rank, 1);
  ck_assert_str_eq(bad(FX_RANK, "6A"),
                   "\"6A\" is not a grade on scale 社会组织评估等级 (1A, 2A, 3A, 4A, 5A), which "
                   "\"社会组织评估等级\" is measured on");
  ck_assert_str_eq(bad(FX_RANK, "达成"),
                   "\"达成\" is not a grade on scale 社会组织评估等级 (1A, 2A, 3A, 4A, 5A), which "
                   "\"社会组织评估等级\" is measured on");
}
END_TEST

/* ---- graded: qualitative and period ----------------------------------------------- */

START_TEST(grades) {
  static const struct { const char *text; int grade; } forms[] = {
      {"达成", RT_GRADE_MET},
      {"部分达成", RT_GRADE_PARTIAL},
      {"未达成", RT_GRADE_UNMET},
      {"达成年度指标", RT_GRADE_MET},
      {"部分达成年度指标并具有一定效果", RT_GRADE_PARTIAL},
      {"未达成年度指标且效果较差", RT_GRADE_UNMET},
      {"达成预期指标", RT_GRADE_MET},
      {"met", RT_GRADE_MET},
      {"Partial", RT_GRADE_PARTIAL},
      {"UNMET", RT_GRADE_UNMET},
      {" 部分 达成 ", RT_GRADE_PARTIAL},
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    ok(FX_TEXT, forms[i].text, RT_ACT_GRADE);
    ck_assert_int_eq(got.grade, forms[i].grade);
    ck_assert_int_eq(got.has_score, 0);
    ok(FX_PERIOD, forms[i].text, RT_ACT_GRADE);
    ck_assert_int_eq(got.grade, forms[i].grade);
  }
}
END_TEST

/* 会议质量 has 20 points: met [16, 20], partial [12, 16), unmet [0, 12). */
START_TEST(grade_scores) {
  static const struct { const char *text; int grade; const char *points; } forms[] = {
      {"部分达成:13", RT_GRADE_PARTIAL, "13"},
      {"部分达成：13", RT_GRADE_PARTIAL, "13"},
      {"部分达成: 13.5分", RT_GRADE_PARTIAL, "13.5"},
      {"部分达成:70%", RT_GRADE_PARTIAL, "14"},
      {"部分达成:60%", RT_GRADE_PARTIAL, "12"},
      {"部分达成：７０％", RT_GRADE_PARTIAL, "14"},
      {"达成:100%", RT_GRADE_MET, "20"}, /* the top of met is inside */
      {"达成:20", RT_GRADE_MET, "20"},
      {"达成:16", RT_GRADE_MET, "16"},
      {"met:80%", RT_GRADE_MET, "16"},
      {"未达成:0", RT_GRADE_UNMET, "0"},
      {"未达成:11.999", RT_GRADE_UNMET, "11.999"},
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    ok(FX_TEXT, forms[i].text, RT_ACT_GRADE);
    ck_assert_int_eq(got.grade, forms[i].grade);
    ck_assert_int_eq(got.has_score, 1);
    ck_assert_msg(got.value == fx_dec(forms[i].points), "%s: %lld", forms[i].text,
                  (long long)got.value);
  }
  ok(FX_PERIOD, "部分达成:7", RT_ACT_GRADE); /* 10 points: partial [6, 8) */
  ck_assert_int_eq(got.value, fx_dec("7"));
}
END_TEST

START_TEST(grade_errors) {
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:16"),
                   "score of \"部分达成:16\" is outside the band of 部分达成 for \"会议质量\": [12, 16) "
                   "of its 20 points ([60%, 80%))");
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:80%"),
                   "score of \"部分达成:80%\" is outside the band of 部分达成 for \"会议质量\": [12, 16) "
                   "of its 20 points ([60%, 80%))");
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:11.5"),
                   "score of \"部分达成:11.5\" is outside the band of 部分达成 for \"会议质量\": [12, 16) "
                   "of its 20 points ([60%, 80%))");
  ck_assert_str_eq(bad(FX_TEXT, "达成:21"),
                   "score of \"达成:21\" is outside the band of 达成 for \"会议质量\": [16, 20] of its "
                   "20 points ([80%, 100%])");
  ck_assert_str_eq(bad(FX_TEXT, "未达成:12"),
                   "score of \"未达成:12\" is outside the band of 未达成 for \"会议质量\": [0, 12) of "
                   "its 20 points ([0%, 60%))");
  ck_assert_str_eq(bad(FX_TEXT, "未达成:-1"),
                   "score of \"未达成:-1\" is outside the band of 未达成 for \"会议质量\": [0, 12) of "
                   "its 20 points ([0%, 60%))");
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:abc"),
                   "invalid score in \"部分达成:abc\" for \"会议质量\": expected points (部分达成:11) or "
                   "a percentage of the points (部分达成:70%)");
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:"),
                   "invalid score in \"部分达成:\" for \"会议质量\": expected points (部分达成:11) or "
                   "a percentage of the points (部分达成:70%)");
  ck_assert_str_eq(bad(FX_TEXT, "部分达成:13人次"),
                   "invalid score in \"部分达成:13人次\" for \"会议质量\": expected points (部分达成:11) or "
                   "a percentage of the points (部分达成:70%)");
  const char *expect = "expected 达成, 部分达成 or 未达成, optionally with a score (部分达成:11 or 部分达成:70%)";
  const char *wrong[] = {"好", "进一步提升", "95", "达 成 了", "2023-11-30"};
  for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
    char want[256];
    snprintf(want, sizeof want, "invalid value \"%s\" for \"会议质量\": %s", wrong[i], expect);
    ck_assert_str_eq(bad(FX_TEXT, wrong[i]), want);
  }
  ck_assert_str_eq(bad(FX_PERIOD, "全年"),
                   "invalid value \"全年\" for \"活动开展\": expected 达成, 部分达成 or 未达成, "
                   "optionally with a score (部分达成:11 or 部分达成:70%)");
}
END_TEST

/* ---- not applicable, empty ------------------------------------------------------------ */

START_TEST(not_applicable) {
  const char *forms[] = {"不适用", "N/A", "n/a", "na", "NA", "Ｎ／Ａ", " 不 适用 "};
  int kinds[] = {FX_HY, FX_DATE, FX_RANK, FX_TEXT, FX_PERIOD, FX_BARE, FX_P1_RATE};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) ok(kinds[k], forms[i], RT_ACT_NA);
}
END_TEST

START_TEST(empty_value_is_missing) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "e.csv",
                                "project,indicator,actual,note\n"
                                FX_P0 ",hy,,未填报\n"
                                FX_P0 ",hy,3,\n"),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log, "e.csv:3:21: duplicate row for \"举办会议场次\" in project \"" FX_P0
                          "\" (first at line 2)\n");
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "e.csv",
                                "project,indicator,actual,note\n" FX_P0 ",hy,  ,未填报\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].kind, RT_ACT_MISSING);
  ck_assert_uint_eq(l.act.ind[FX_HY].line, 2);
  ck_assert_str_eq(l.act.ind[FX_HY].note, "未填报");
  ck_assert_str_eq(l.act.ind[FX_HY].text, "");
  for (int i = 1; i < FX_NIND; i++) {
    ck_assert_int_eq(l.act.ind[i].kind, RT_ACT_MISSING); /* no row: missing */
    ck_assert_uint_eq(l.act.ind[i].line, 0);
  }
  ck_assert_int_eq(l.act.has_spent[0], 0);
  fx_load_free(&l);
}
END_TEST

/* ---- 执行数 and raw fields --------------------------------------------------------------- */

START_TEST(spent) {
  const struct { const char *text; const char *want; } forms[] = {
      {"28.5", "28.5"}, {"28.5万元", "28.5"}, {"285000元", "28.5"}, {"285,000 元", "28.5"},
      {"0", "0"}, {"-0", "0"}, {"11,800,000,000元", "1180000"}};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    ck_assert_str_eq(row(FX_P0, "执行数", forms[i].text), "");
    ck_assert_int_eq(got_spent, fx_dec(forms[i].want));
  }
  /* [PROJ-1] amounts are never negative, spent money neither */
  ck_assert_str_eq(row(FX_P0, "执行数", "-5"),
                   "t.csv:2:25: invalid 执行数 \"-5\": money spent cannot be negative\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "-1万元"),
                   "t.csv:2:25: invalid 执行数 \"-1万元\": money spent cannot be negative\n");
  ck_assert_str_eq(row(FX_P1, "执行数", "-0.000001万元"), /* converted, still below zero */
                   "t.csv:2:15: invalid 执行数 \"-0.000001万元\": money spent cannot be negative\n");
  /* [DATA-SPENT] a bare number over 100 times the budget (30 万元) is in
   * another unit; 100 times is still spending, and a unit makes it sure */
  ck_assert_str_eq(row(FX_P0, "执行数", "300000"),
                   "t.csv:2:25: invalid 执行数 \"300000\": more than 100 times 预算数 30 万元; if "
                   "it is in 元, write the unit after it (\"300000元\")\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "3000"), "");
  ck_assert_str_eq(row(FX_P0, "执行数", "3001万元"), "");
  ck_assert_str_eq(row(FX_P0, "执行数", "abc"),
                   "t.csv:2:25: invalid 执行数 \"abc\": expected a money amount, e.g. 13.5万元 (a bare "
                   "number is in 万元)\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "3人次"),
                   "t.csv:2:25: unit 人次 of 执行数 \"3人次\" is of dimension 人次, but money is of "
                   "dimension 元 (amounts are in 万元)\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "3块"),
                   "t.csv:2:25: unknown unit \"块\" in 执行数 \"3块\": amounts are in 万元\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "0.000000001元"),
                   "t.csv:2:25: 执行数 \"0.000000001元\" cannot be converted exactly to 万元 (more "
                   "than 9 decimal places)\n");
  ck_assert_str_eq(row(FX_P1, "执行数", "1000000万元"),
                   "t.csv:2:15: 执行数 \"1000000万元\" is out of range in 元\n");
  ck_assert_str_eq(row(FX_P0, "执行数", "11800000000"), /* a bare number is in 万元 */
                   "t.csv:2:25: invalid 执行数 \"11800000000\": the number is out of range in 万元; "
                   "if it is in a smaller unit, write the unit after it (\"11800000000元\")\n");
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "s.csv",
                                "project,indicator,actual\n" FX_P1 ",执行数,9.8万元\n"
                                FX_P1 ",执行数,1\n"),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log, "s.csv:3:11: duplicate 执行数 for project \"" FX_P1 "\" (first at line 2)\n");
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "s.csv",
                                "project,indicator,actual\n" FX_P1 ",执行数,9.8万元\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.spent[1], fx_dec("98000"));
  ck_assert_int_eq(l.act.has_spent[1], 1);
  ck_assert_int_eq(l.act.has_spent[0], 0);
  fx_load_free(&l);
}
END_TEST

START_TEST(raw_fields) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "f.csv",
                                "project,indicator,actual\n"
                                FX_P0 ",已处置工单,1180\n"
                                FX_P0 ",工单 总数,\"1,200\"\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.field_set[FX_F_DONE], 1);
  ck_assert_int_eq(l.act.fields[FX_F_DONE], fx_dec("1180"));
  ck_assert_int_eq(l.act.field_set[FX_F_TOTAL], 1);
  ck_assert_int_eq(l.act.fields[FX_F_TOTAL], fx_dec("1200"));
  ck_assert_int_eq(l.act.field_set[FX_F_UNUSED], 0);
  ck_assert_int_eq(l.act.ind[FX_DERIVED].kind, RT_ACT_MISSING);
  fx_load_free(&l);
  fx_load_text(&l, &prog, "f.csv",
               "project,indicator,actual\n"
               FX_P0 ",12355工单处置比例,98.3%\n"
               FX_P0 ",gd,98.3%\n"
               FX_P0 ",工单总数,12件\n"
               FX_P0 ",活动经费,3\n"
               FX_P1 ",已处置工单,3\n"
               FX_P0 ",已处置工单,1\n"
               FX_P0 ",已处置工单,2\n");
  ck_assert_str_eq(l.log,
                   "f.csv:2:21: \"12355工单处置比例\" is computed from raw fields (实际 = …); give the "
                   "fields instead: 已处置工单, 工单总数\n"
                   "f.csv:3:21: \"12355工单处置比例\" is computed from raw fields (实际 = …); give the "
                   "fields instead: 已处置工单, 工单总数\n"
                   "f.csv:4:26: invalid value \"12件\" for raw field \"工单总数\": expected a plain "
                   "number without unit\n"
                   "f.csv:5:21: raw field \"活动经费\" is not read by any indicator of project \"" FX_P0
                   "\"\n"
                   "f.csv:6:11: raw field \"已处置工单\" is not read by any indicator of project \"" FX_P1
                   "\"\n"
                   "f.csv:8:21: duplicate raw field \"已处置工单\" for project \"" FX_P0
                   "\" (first at line 7)\n");
  fx_load_free(&l);
}
END_TEST

/* [DATA-FIELDS] A derived indicator's row with a blank actual, as in the
 * filled sheet of indc template ([DATA-TEMPLATE]), gives nothing but its
 * note; a value in it is still the error above. */
START_TEST(derived_blank_row) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "f.csv",
                                "项目名称,一级指标,二级指标,三级指标,指标值,实际完成值,备注\n"
                                FX_P0 ",效益指标,社会效益指标,12355工单处置比例,≥90%,,按工单计算\n"
                                FX_P0 ",,,已处置工单,,1180,\n"
                                FX_P0 ",,,工单总数,,1200,\n"),
                   INDRT_OK);
  ck_assert_str_eq(l.log, "");
  ck_assert_int_eq(l.act.ind[FX_DERIVED].kind, RT_ACT_MISSING); /* computed, not given */
  ck_assert_str_eq(l.act.ind[FX_DERIVED].text, "");
  ck_assert_str_eq(l.act.ind[FX_DERIVED].note, "按工单计算");
  ck_assert_int_eq(l.act.fields[FX_F_DONE], fx_dec("1180"));
  fx_load_free(&l);
  /* spaces are blank; by id; a second row is a duplicate as for any indicator */
  fx_load_text(&l, &prog, "f.csv",
               "project,indicator,actual\n" FX_P0 ",gd,\"  \"\n" FX_P0 ",12355工单处置比例,\n"
               FX_P0 ",gd,98%\n");
  ck_assert_str_eq(l.log,
                   "f.csv:3:21: duplicate row for \"12355工单处置比例\" in project \"" FX_P0
                   "\" (first at line 2)\n"
                   "f.csv:4:21: \"12355工单处置比例\" is computed from raw fields (实际 = …); give the "
                   "fields instead: 已处置工单, 工单总数\n");
  fx_load_free(&l);
  /* the same in JSON: an empty string, or an object with an empty actual */
  ck_assert_int_eq(fx_load_text(&l, &prog, "f.json",
                                "{\"projects\": {\"" FX_P0 "\": {\"gd\": \"\"}}}"),
                   INDRT_OK);
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "f.json",
                                "{\"projects\": {\"" FX_P0 "\": {\"gd\": {\"actual\": \"\", "
                                "\"note\": \"按工单计算\"}}}}"),
                   INDRT_OK);
  ck_assert_str_eq(l.act.ind[FX_DERIVED].note, "按工单计算");
  fx_load_free(&l);
}
END_TEST

/* ---- naming projects and indicators --------------------------------------------------------- */

START_TEST(indicator_names) {
  ok(FX_HY, "3", RT_ACT_NUMBER); /* by id */
  ck_assert_str_eq(row(FX_P0, "举办会议场次", "3"), "");
  ck_assert_int_eq(got.value, fx_dec("3"));
  ck_assert_str_eq(row(FX_P0, " 举办 会议场次 ", "3"), "");
  ck_assert_str_eq(row(FX_P0, "举办会议场次", "3"), "");
  const char *social[] = {"社会效益指标/覆盖青联委员", "社会效益/覆盖青联委员", "social/覆盖青联委员",
                          "Social / 覆盖 青联委员", "社会效益／覆盖青联委员"};
  for (size_t i = 0; i < sizeof social / sizeof social[0]; i++) {
    ck_assert_str_eq(row(FX_P0, social[i], "7人次"), "");
    ck_assert_uint_eq(got.line, 2);
  }
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "n.csv",
                                "project,indicator,actual\n"
                                FX_P0 ",社会效益/覆盖青联委员,1\n"
                                FX_P0 ",economic/覆盖青联委员,2\n"
                                FX_P1 ",覆盖青联委员,3\n"),
                   INDRT_OK); /* unique in project 1 */
  ck_assert_int_eq(l.act.ind[FX_COVER_S].value, fx_dec("1"));
  ck_assert_int_eq(l.act.ind[FX_COVER_E].value, fx_dec("2"));
  ck_assert_int_eq(l.act.ind[FX_P1_COVER].value, fx_dec("3"));
  fx_load_free(&l);
}
END_TEST

/* Level-2 names with an underscore (economic_cost) match in any case of
 * their letters; the underscore itself is not folded (bind.c). */
START_TEST(multiword_level2_names) {
  prog.indicators[FX_COVER_E].level2 = RT_CAT_ECONOMIC_COST;
  const char *names[] = {"economic_cost/覆盖青联委员", "Economic_Cost/覆盖青联委员",
                         "ECONOMIC_COST/覆盖青联委员", "经济成本指标/覆盖青联委员",
                         "经济成本/覆盖青联委员"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    ck_assert_str_eq(row(FX_P0, names[i], "7人次"), "");
    ck_assert_uint_eq(got.line, 2);
    ck_assert_int_eq(got.value, fx_dec("7"));
  }
  /* and nothing else: not a category, so not found */
  ck_assert_str_ne(row(FX_P0, "economic-cost/覆盖青联委员", "7人次"), "");
  ck_assert_str_ne(row(FX_P0, "economic\x7F" "cost/覆盖青联委员", "7人次"), "");
}
END_TEST

START_TEST(name_errors) {
  ck_assert_str_eq(row(FX_P0, "覆盖青联委员", "1"),
                   "t.csv:2:21: ambiguous indicator \"覆盖青联委员\" in project \"" FX_P0 "\": write "
                   "\"社会效益指标/覆盖青联委员\" or \"经济效益指标/覆盖 青联委员\"\n");
  ck_assert_str_eq(row(FX_P0, "举办会议次数", "1"),
                   "t.csv:2:21: unknown indicator \"举办会议次数\" in project \"" FX_P0 "\" (did you "
                   "mean \"举办会议场次\"?); name an indicator by its id, its name or 二级/name, e.g. "
                   "\"数量指标/举办会议场次\"\n");
  ck_assert_str_eq(row(FX_P0, "生态效益/覆盖青联委员", "1"),
                   "t.csv:2:21: unknown indicator \"生态效益/覆盖青联委员\" in project \"" FX_P0 "\" "
                   "(did you mean \"社会效益指标/覆盖青联委员\" or \"经济效益指标/覆盖 青联委员\"?); "
                   "name an indicator by its id, its name or 二级/name, e.g. "
                   "\"社会效益指标/覆盖青联委员\"\n");
  ck_assert_str_eq(row(FX_P0, "会议", "1"),
                   "t.csv:2:21: unknown indicator \"会议\" in project \"" FX_P0 "\" (did you mean "
                   "\"举办会议场次\", \"会议完成时间\" or \"会议质量\"?); name an indicator by its id, "
                   "its name or 二级/name, e.g. \"数量指标/举办会议场次\"\n");
  ck_assert_str_eq(row(FX_P0, "预算执行率", "1"),
                   "t.csv:2:21: unknown indicator \"预算执行率\" in project \"" FX_P0 "\"; "
                   "name an indicator by its id, its name or 二级/name, e.g. \"数量指标/举办会议场次\"\n");
  ck_assert_str_eq(row(FX_P0, "", "1"), "t.csv:2:21: missing indicator name\n");
  ck_assert_str_eq(row("天津市青年联合会第十四届委员会全体会", "hy", "1"),
                   "t.csv:2:1: unknown project \"天津市青年联合会第十四届委员会全体会\"; did you mean "
                   "\"" FX_P0 "\"?\n");
  ck_assert_str_eq(row("共青团工作项目经费", "hy", "1"),
                   "t.csv:2:1: unknown project \"共青团工作项目经费\"; the program's projects are "
                   "\"" FX_P0 "\" or \"" FX_P1 "\"\n");
  ck_assert_str_eq(row("", "hy", "1"), "t.csv:2:1: missing project name\n");
  /* a bidirectional control in the data is not printed raw ("Trojan Source") */
  ck_assert_str_eq(row("共青团\xE2\x80\xAE工作\xD8\x9C", "hy", "1"),
                   "t.csv:2:1: unknown project \"共青团<U+202E>工作<U+061C>\"; the program's "
                   "projects are \"" FX_P0 "\" or \"" FX_P1 "\"\n");
}
END_TEST

START_TEST(ambiguous_with_ids) {
  /* two names alike under one level-2 category are told apart by id */
  prog.indicators[FX_COVER_E].level2 = RT_CAT_SOCIAL;
  prog.indicators[FX_COVER_E].id = "cover2";
  ck_assert_str_eq(row(FX_P0, "社会效益/覆盖青联委员", "1"),
                   "t.csv:2:21: ambiguous indicator \"社会效益/覆盖青联委员\" in project \"" FX_P0 "\": "
                   "write the one on line 11 of the spec (give it an id) or \"cover2\"\n");
  ck_assert_str_eq(row(FX_P0, "cover2", "1"), "");
}
END_TEST

START_TEST(unknown_project_once) {
  FxLoad l;
  fx_load_text(&l, &prog, "u.csv",
               "project,indicator,actual\n"
               "团市委物业服务,a,1\n"
               "团市委物业服务,b,2\n"
               " 团市委 物业服务 ,c,3\n"
               ",d,4\n"
               FX_P1 ",物业服务覆盖率,100%\n"
               ",覆盖青联委员,600人次\n");
  ck_assert_str_eq(l.log, "u.csv:2:1: unknown project \"团市委物业服务\"; did you mean \"" FX_P1 "\"?\n");
  ck_assert_uint_eq(l.sink.count, 1);
  fx_load_free(&l);
}
END_TEST

START_TEST(fill_down_project) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "m.csv",
                                "项目,指标,实际完成值\n"
                                FX_P0 ",hy,3\n"
                                ",会议质量,达成\n"
                                " ,执行数,28\n"
                                FX_P1 ",物业服务覆盖率,100%\n"
                                ",覆盖青联委员,600人次\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_TEXT].kind, RT_ACT_GRADE);
  ck_assert_int_eq(l.act.spent[0], fx_dec("28"));
  ck_assert_int_eq(l.act.ind[FX_P1_COVER].value, fx_dec("600"));
  ck_assert_int_eq(l.act.ind[FX_COVER_S].kind, RT_ACT_MISSING);
  fx_load_free(&l);
}
END_TEST

/* ---- headers ------------------------------------------------------------------------------------ */

START_TEST(headers) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "备注,实际值,指标,项目\n"
                                "好,3,hy," FX_P0 "\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("3"));
  ck_assert_str_eq(l.act.ind[FX_HY].note, "好");
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv", " Project , INDICATOR,Actual,Note\n"), INDRT_OK);
  fx_load_free(&l);
  /* the column names of the tables analysts copy from */
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "项目名称,三级指标,全年实际值,说明\n" FX_P0 ",举办会议场次,4,好\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("4"));
  ck_assert_str_eq(l.act.ind[FX_HY].note, "好");
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "项目名称,指标名称,实际完成情况\n" FX_P0 ",hy,5\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("5"));
  fx_load_free(&l);
  /* the target table's own columns beside the actuals are read past */
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "序号,一级指标,二级指标,三级指标,指标值,度量单位,分值,实际完成值,"
                                "偏差原因分析及改进措施,项目名称\n"
                                "1,产出指标,数量指标,举办会议场次,≥1,场,10,6,多办五场," FX_P0 "\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("6"));
  ck_assert_str_eq(l.act.ind[FX_HY].note, "多办五场");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "h.csv", "project,indicator,actual,数目,年度\n" FX_P0 ",hy,3,个,2023\n");
  ck_assert_str_eq(l.log,
                   "h.csv:1:26: unknown column \"数目\"; the columns are project, indicator, actual "
                   "and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)\n"
                   "h.csv:1:29: unknown column \"年度\"; the columns are project, indicator, actual "
                   "and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "h.csv", "project,指标,indicator\n");
  ck_assert_str_eq(l.log,
                   "h.csv:1:12: duplicate column \"indicator\" (the same as column 2)\n"
                   "h.csv:1:0: the header has no column actual (实际完成值 or 实际值)\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "h.csv", FX_P0 ",hy,3\n");
  ck_assert_str_eq(l.log,
                   "h.csv:1:1: the first row is not a header: expected the columns project, "
                   "indicator, actual and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "h.csv", "");
  ck_assert_str_eq(l.log,
                   "h.csv:1:0: no data: expected a header row with the columns project, "
                   "indicator, actual and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)\n");
  fx_load_free(&l);
}
END_TEST

/* [DATA-CSV] A header cell left blank (Excel's trailing comma) names no
 * column: read past while the column is blank, an error at the header,
 * naming the first line with text, when it is not. */
START_TEST(nameless_columns) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "项目名称,三级指标,实际完成值,\n" FX_P0 ",hy,3,\n" FX_P0 ",会议质量,达成,\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("3"));
  fx_load_free(&l);
  /* several, in the middle too, and spaces are blank */
  ck_assert_int_eq(fx_load_text(&l, &prog, "h.csv",
                                "project, ,indicator,actual,,\n" FX_P0 ",,hy,3, ,\n"),
                   INDRT_OK);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("3"));
  fx_load_free(&l);
  /* text under one: once per column, at its header cell, with the first line */
  fx_load_text(&l, &prog, "h.csv",
               "project,indicator,actual,,\n"
               FX_P0 ",hy,3,,\n"
               FX_P0 ",会议质量,达成,好,\n"
               FX_P0 ",执行数,5,又,\n"
               FX_P0 ",活动开展,达成,,x\n");
  ck_assert_str_eq(l.log,
                   "h.csv:1:26: column 4 has no name, but line 3 has text in it: name the column, "
                   "or delete it\n"
                   "h.csv:1:27: column 5 has no name, but line 5 has text in it: name the column, "
                   "or delete it\n");
  ck_assert_uint_eq(l.sink.count, 2);
  fx_load_free(&l);
  /* a header of blank cells alone is no header */
  fx_load_text(&l, &prog, "h.csv", ",,\n" FX_P0 ",hy,3\n");
  ck_assert_str_eq(l.log,
                   "h.csv:1:1: the first row is not a header: expected the columns project, "
                   "indicator, actual and optionally note (or 项目, 指标, 实际完成值 or 实际值, 备注)\n");
  fx_load_free(&l);
}
END_TEST

/* ---- reporting --------------------------------------------------------------------------------------- */

START_TEST(all_problems_reported) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "all.csv",
                                "project,indicator,actual\n"
                                FX_P0 ",hy,3人次\n"
                                FX_P0 ",会议完成时间,2023-11-31\n"
                                FX_P0 ",hy,3\n"
                                ",,\n"
                                FX_P0 ",社会组织评估等级,3A\n"
                                FX_P0 ",会议质量,部分达成:19\n"),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log,
                   "all.csv:2:24: unit 人次 of \"3人次\" is of dimension 人次, but \"举办会议场次\" wants "
                   "dimension 场 (its target is in 场)\n"
                   "all.csv:3:28: invalid date \"2023-11-31\" for \"会议完成时间\": there is no such day\n"
                   "all.csv:4:21: duplicate row for \"举办会议场次\" in project \"" FX_P0
                   "\" (first at line 2)\n"
                   "all.csv:7:26: score of \"部分达成:19\" is outside the band of 部分达成 for "
                   "\"会议质量\": [12, 16) of its 20 points ([60%, 80%))\n");
  ck_assert_uint_eq(l.sink.count, 4);
  fx_load_free(&l);
}
END_TEST

START_TEST(error_cap) {
  char text[4096] = "project,indicator,actual\n";
  for (int i = 0; i < 5; i++) strcat(text, FX_P0 ",nosuch,1\n");
  FxLoad l;
  memset(&l, 0, sizeof l);
  DataSink sink = {NULL, NULL, 3, 0, NULL};
  ck_assert_int_eq(act_load(&prog, "cap.csv", text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO,
                            0, &l.act, &sink),
                   INDRT_E_DATA);
  ck_assert_uint_eq(sink.count, 5); /* counted past the cap */
  ck_assert_ptr_null(l.act.ind);
  ck_assert_int_eq(act_load(&prog, "cap.csv", text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO,
                            0, &l.act, NULL),
                   INDRT_E_DATA); /* no sink: still fails */
}
END_TEST

static unsigned reported;
static void count_report(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud, (void)file, (void)line, (void)col, (void)msg;
  reported++;
}

START_TEST(error_cap_reports) {
  char text[4096] = "project,indicator,actual\n";
  for (int i = 0; i < 5; i++) strcat(text, FX_P0 ",nosuch,1\n");
  RtActuals a;
  DataSink sink = {count_report, NULL, 3, 0, NULL};
  reported = 0;
  act_load(&prog, "cap.csv", text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO, 0, &a, &sink);
  ck_assert_uint_eq(reported, 3);
  ck_assert_uint_eq(sink.count, 5);
  /* the default cap: DATA_MAX_ERRORS reported, one past it only counted */
  size_t cap = 64 * (DATA_MAX_ERRORS + 2), o = 0;
  char *many = malloc(cap);
  o += (size_t)snprintf(many, cap, "project,indicator,actual\n");
  for (unsigned i = 0; i < DATA_MAX_ERRORS + 1; i++)
    o += (size_t)snprintf(many + o, cap - o, FX_P1 ",x%u,1\n", i);
  DataSink dflt = {count_report, NULL, 0, 0, NULL};
  reported = 0;
  act_load(&prog, "cap.csv", many, o, INDRT_DATA_AUTO, INDRT_ENC_AUTO, 0, &a, &dflt);
  ck_assert_uint_eq(reported, DATA_MAX_ERRORS);
  ck_assert_uint_eq(dflt.count, DATA_MAX_ERRORS + 1);
  free(many);
}
END_TEST

/* ---- translation (DataSink.translate) -------------------------------------------------------------- */

/* A translator with a few messages; NULL (English) for the others.  Every
 * text it is asked for is a message, never a composed one. */
static const char *const tr_table[][2] = {
    {"unknown project \"%.*s\"; did you mean %s?", "未知项目“%.*s”；是否应为%s？"},
    {"\"%s\"", "“%s”"},
    {"invalid date \"%s\" for \"%s\": there is no such day", "日期“%s”无效（指标“%s”）：没有这一天"},
    {"expected %s, found %s", "应为%s，实际为%s"},
    {"a value", "一个值"},
    {"end of text", "文本结尾"},
};
static unsigned tr_calls, tr_composed;

static const char *tr_zh(void *ud, const char *msgid) {
  ck_assert_ptr_nonnull(ud); /* the sink's user data */
  tr_calls++;
  tr_composed += strstr(msgid, FX_P0) != NULL || strstr(msgid, "2023-11-31") != NULL;
  for (size_t i = 0; i < sizeof tr_table / sizeof tr_table[0]; i++)
    if (strcmp(msgid, tr_table[i][0]) == 0) return tr_table[i][1];
  return NULL;
}

START_TEST(translate) {
  static const char csv[] = "project,indicator,actual\n"
                            "天津市青年联合会第十四届委员会全体会,hy,3\n"
                            FX_P0 ",会议完成时间,2023-11-31\n"
                            FX_P0 ",hy,3人次\n";
  FxLoad en, zh, js;
  tr_calls = tr_composed = 0;
  ck_assert_int_eq(fx_load_text(&en, &prog, "t.csv", csv), INDRT_E_DATA);
  ck_assert_int_eq(fx_load_text_tr(&zh, &prog, "t.csv", csv, tr_zh), INDRT_E_DATA);
  ck_assert_str_eq(zh.log,
                   "t.csv:2:1: 未知项目“天津市青年联合会第十四届委员会全体会”；是否应为“" FX_P0 "”？\n"
                   "t.csv:3:28: 日期“2023-11-31”无效（指标“会议完成时间”）：没有这一天\n"
                   "t.csv:4:24: unit 人次 of \"3人次\" is of dimension 人次, but \"举办会议场次\" wants "
                   "dimension 场 (its target is in 场)\n");
  ck_assert_uint_gt(tr_calls, 3);
  ck_assert_uint_eq(tr_composed, 0);
  /* without a translator, English as ever */
  ck_assert_str_eq(en.log,
                   "t.csv:2:1: unknown project \"天津市青年联合会第十四届委员会全体会\"; did you mean \""
                   FX_P0 "\"?\n"
                   "t.csv:3:28: invalid date \"2023-11-31\" for \"会议完成时间\": there is no such day\n"
                   "t.csv:4:24: unit 人次 of \"3人次\" is of dimension 人次, but \"举办会议场次\" wants "
                   "dimension 场 (its target is in 场)\n");
  /* the readers' messages, and a word spliced into one */
  ck_assert_int_eq(fx_load_text_tr(&js, &prog, "t.json", "{\"projects\": ", tr_zh), INDRT_E_DATA);
  ck_assert_str_eq(js.log, "t.json:1:14: 应为一个值，实际为文本结尾\n");
  fx_load_free(&en);
  fx_load_free(&zh);
  fx_load_free(&js);
}
END_TEST

START_TEST(limit_file_size) {
  /* the size is checked before a byte is read: the buffer need not be that long */
  static const char text[] = "project,indicator,actual\n";
  FxLoad l;
  ck_assert_int_eq(fx_load(&l, &prog, "big.csv", text, (size_t)DATA_MAX_FILE_BYTES + 1,
                           INDRT_DATA_AUTO, INDRT_ENC_AUTO),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log, "big.csv:0:0: file too large (268435457 bytes; the limit is 268435456)\n");
  fx_load_free(&l);
}
END_TEST

START_TEST(memory_limit) {
  const char *text = "project,indicator,actual\n" FX_P0 ",hy,3\n";
  RtActuals a;
  size_t limit = 16;
  indrt_status st;
  /* step the limit upward: every load fails cleanly until one fits */
  while ((st = act_load(&prog, "m.csv", text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO,
                        limit, &a, NULL)) != INDRT_OK) {
    ck_assert_int_eq(st, INDRT_E_NOMEM);
    ck_assert_ptr_null(a.ind);
    limit += 16;
  }
  ck_assert_uint_le(a.arena.used, limit);
  ck_assert_int_eq(a.ind[FX_HY].value, fx_dec("3"));
  act_free(&a);
  act_free(&a); /* twice is fine */
}
END_TEST

/* ---- the sample files of docs/data-formats.md ------------------------------------------------------ */

static void load_file(FxLoad *l, const char *file) {
  size_t len;
  char *bytes = fx_read_file(fx_data_path(file), &len);
  ck_assert_ptr_nonnull(bytes);
  fx_load(l, &prog, file, bytes, len, INDRT_DATA_AUTO, INDRT_ENC_AUTO);
  free(bytes);
  ck_assert_msg(l->status == INDRT_OK, "%s: %s", file, l->log);
}

START_TEST(sample_files) {
  FxLoad c, j;
  load_file(&c, "actuals.csv");
  load_file(&j, "actuals.json");
  const RtActual *a = c.act.ind;
  ck_assert_int_eq(a[FX_HY].value, fx_dec("3"));
  ck_assert_int_eq(a[FX_COVER_S].value, fx_dec("142500"));
  ck_assert_int_eq(a[FX_COVER_E].kind, RT_ACT_NA);
  ck_assert_int_eq(a[FX_DATE].date, rt_days_from_civil(2023, 11, 30));
  ck_assert_int_eq(a[FX_RANK].rank, 4);
  ck_assert_int_eq(a[FX_TEXT].grade, RT_GRADE_PARTIAL);
  ck_assert_int_eq(a[FX_TEXT].value, fx_dec("14"));
  ck_assert_int_eq(a[FX_PERIOD].grade, RT_GRADE_MET);
  ck_assert_int_eq(a[FX_PCT].value, fx_dec("96.5"));
  ck_assert_int_eq(a[FX_DERIVED].kind, RT_ACT_MISSING);
  ck_assert_int_eq(a[FX_MONEY].value, fx_dec("9.8"));
  ck_assert_int_eq(a[FX_BARE].value, fx_dec("92"));
  ck_assert_int_eq(a[FX_P1_RATE].value, fx_dec("100"));
  ck_assert_int_eq(a[FX_P1_COVER].kind, RT_ACT_MISSING);
  ck_assert_str_eq(a[FX_TEXT].note, "受疫情影响，\n部分议程改为线上");
  /* the CSV and the JSON file say the same */
  for (int i = 0; i < FX_NIND; i++) {
    const RtActual *x = &c.act.ind[i], *y = &j.act.ind[i];
    ck_assert_msg(x->kind == y->kind && x->value == y->value && x->date == y->date &&
                      x->rank == y->rank && x->grade == y->grade && x->has_score == y->has_score,
                  "indicator %d differs", i);
    ck_assert_msg((x->note == NULL) == (y->note == NULL), "note of %d", i);
    if (x->note) ck_assert_str_eq(x->note, y->note);
  }
  for (int p = 0; p < 2; p++) {
    ck_assert_int_eq(c.act.has_spent[p], 1);
    ck_assert_int_eq(c.act.spent[p], j.act.spent[p]);
  }
  ck_assert_int_eq(c.act.spent[1], fx_dec("98000"));
  for (int f = 0; f < 6; f++) {
    ck_assert_int_eq(c.act.field_set[f], j.act.field_set[f]);
    ck_assert_int_eq(c.act.fields[f], j.act.fields[f]);
  }
  ck_assert_int_eq(c.act.fields[FX_F_TOTAL], fx_dec("1200"));
  fx_load_free(&c);
  fx_load_free(&j);
}
END_TEST

Suite *actuals_suite(void); /* called by check_main.c */

Suite *actuals_suite(void) {
  Suite *s = suite_create("actuals");
  TCase *tc_values = tcase_create("values");
  TCase *tc_money = tcase_create("spent_and_fields");
  TCase *tc_names = tcase_create("names");
  TCase *tc_report = tcase_create("reporting");
  TCase *all[] = {tc_values, tc_money, tc_names, tc_report};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    tcase_add_checked_fixture(all[i], setup, teardown);
    suite_add_tcase(s, all[i]);
  }
  tcase_add_test(tc_values, quant_numbers);
  tcase_add_test(tc_values, quant_units);
  tcase_add_test(tc_values, quant_errors);
  tcase_add_test(tc_values, quant_fraction_of_percent);
  tcase_add_test(tc_values, deadline);
  tcase_add_test(tc_values, rank);
  tcase_add_test(tc_values, grades);
  tcase_add_test(tc_values, grade_scores);
  tcase_add_test(tc_values, grade_errors);
  tcase_add_test(tc_values, not_applicable);
  tcase_add_test(tc_values, empty_value_is_missing);
  tcase_add_test(tc_money, spent);
  tcase_add_test(tc_money, raw_fields);
  tcase_add_test(tc_money, derived_blank_row);
  tcase_add_test(tc_names, indicator_names);
  tcase_add_test(tc_names, multiword_level2_names);
  tcase_add_test(tc_names, name_errors);
  tcase_add_test(tc_names, ambiguous_with_ids);
  tcase_add_test(tc_names, unknown_project_once);
  tcase_add_test(tc_names, fill_down_project);
  tcase_add_test(tc_names, headers);
  tcase_add_test(tc_names, nameless_columns);
  tcase_add_test(tc_report, all_problems_reported);
  tcase_add_test(tc_report, error_cap);
  tcase_add_test(tc_report, error_cap_reports);
  tcase_add_test(tc_report, memory_limit);
  tcase_add_test(tc_report, limit_file_size);
  tcase_add_test(tc_report, translate);
  tcase_add_test(tc_names, sample_files);
  return s;
}
