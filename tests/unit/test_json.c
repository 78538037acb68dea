/*
 * test_json.c - the JSON reader (runtime/data/json.c) and JSON actuals
 * through act_load: escapes, positions, exact number text, every syntax
 * error with its position, the depth and size limits ([DATA-JSON] in
 * docs/data-formats.md).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/data_limits.h"
#include "data/json.h"
#include "data_fixture.h"
#include "indrt.h"

/* A compact dump of v: {k:v,…} [v,…] "s" numbers as written. */
static void dump(const JsonValue *v, char *out, size_t cap, size_t *o) {
  static const char *const lits[] = {"null", "false", "true"};
  const JsonValue *c;
  switch (v->kind) {
  case JSON_NULL: case JSON_FALSE: case JSON_TRUE:
    *o += (size_t)snprintf(out + *o, cap - *o, "%s", lits[v->kind]);
    break;
  case JSON_NUMBER:
    *o += (size_t)snprintf(out + *o, cap - *o, "%.*s", (int)v->len, v->text);
    break;
  case JSON_STRING:
    *o += (size_t)snprintf(out + *o, cap - *o, "\"%.*s\"", (int)v->len, v->text);
    break;
  default:
    *o += (size_t)snprintf(out + *o, cap - *o, "%c", v->kind == JSON_ARRAY ? '[' : '{');
    for (c = v->first; c; c = c->next) {
      if (v->kind == JSON_OBJECT) *o += (size_t)snprintf(out + *o, cap - *o, "%s:", c->key);
      dump(c, out, cap, o);
      if (c->next) *o += (size_t)snprintf(out + *o, cap - *o, ",");
    }
    *o += (size_t)snprintf(out + *o, cap - *o, "%c", v->kind == JSON_ARRAY ? ']' : '}');
  }
}

/* The dump of text, or "!line:col message". */
static const char *parse(const char *text) {
  static char out[8192];
  RtArena a;
  rt_arena_init(&a, 0);
  JsonError err;
  JsonValue *v = json_parse(&a, text, strlen(text), NULL, &err);
  size_t o = 0;
  if (v) dump(v, out, sizeof out, &o);
  else snprintf(out, sizeof out, "!%u:%u %s", err.line, err.col, err.msg);
  rt_arena_free(&a);
  return out;
}

START_TEST(values) {
  ck_assert_str_eq(parse("{\"a\": [1, -2.5e3, 0, 0.125], \"b\": true, \"c\": null, \"d\": false}"),
                   "{a:[1,-2.5e3,0,0.125],b:true,c:null,d:false}");
  ck_assert_str_eq(parse("  [ ]  "), "[]");
  ck_assert_str_eq(parse("{}"), "{}");
  ck_assert_str_eq(parse("\"x\""), "\"x\"");
  ck_assert_str_eq(parse("[[[1]],{}]"), "[[[1]],{}]");
  /* numbers keep their exact text */
  ck_assert_str_eq(parse("[98000.000000000001, 1E+2, -0]"), "[98000.000000000001,1E+2,-0]");
}
END_TEST

START_TEST(escapes) {
  ck_assert_str_eq(parse("\"a\\\"b\\\\c\\/d\""), "\"a\"b\\c/d\"");
  ck_assert_str_eq(parse("\"\\u4e2d\\u6587\""), "\"中文\"");
  ck_assert_str_eq(parse("\"\\ud83d\\ude00\""), "\"\xF0\x9F\x98\x80\"");
  ck_assert_str_eq(parse("\"\\u00e9\\u0041\""), "\"\xC3\xA9" "A\"");
  ck_assert_str_eq(parse("\"tab\\tnl\\n\""), "\"tab\tnl\n\"");
  ck_assert_str_eq(parse("\"直接写中文\""), "\"直接写中文\"");
}
END_TEST

START_TEST(positions) {
  const char *text = "{\n  \"项目甲\": {\"指标\": 1,\n    \"x\": \"v\"}}";
  RtArena a;
  rt_arena_init(&a, 0);
  JsonError err;
  JsonValue *v = json_parse(&a, text, strlen(text), NULL, &err);
  ck_assert_ptr_nonnull(v);
  ck_assert_uint_eq(v->line, 1);
  ck_assert_uint_eq(v->col, 1);
  const JsonValue *p = v->first;
  ck_assert_uint_eq(p->key_line, 2);
  ck_assert_uint_eq(p->key_col, 3);
  ck_assert_uint_eq(p->line, 2);
  ck_assert_uint_eq(p->col, 10);
  const JsonValue *i = p->first;
  ck_assert_uint_eq(i->key_col, 11);
  ck_assert_uint_eq(i->col, 17);
  ck_assert_uint_eq(i->next->key_line, 3);
  ck_assert_uint_eq(i->next->key_col, 5);
  ck_assert_uint_eq(i->next->col, 10);
  ck_assert_uint_eq(p->n, 2);
  rt_arena_free(&a);
}
END_TEST

START_TEST(syntax_errors) {
  ck_assert_str_eq(parse(""), "!1:1 expected a value, found end of text");
  ck_assert_str_eq(parse("{\"a\": 1,}"), "!1:9 trailing comma before '}'");
  ck_assert_str_eq(parse("[1,\n ]"), "!2:2 trailing comma before ']'");
  ck_assert_str_eq(parse("{'a': 1}"), "!1:2 expected a string key, found '\\'' (JSON strings use double quotes)");
  ck_assert_str_eq(parse("{\"a\": 1 // x\n}"), "!1:9 expected ',' or '}' after an object member, found '/' (JSON has no comments)");
  ck_assert_str_eq(parse("{\"a\" 1}"), "!1:6 expected ':' after the key, found '1'");
  ck_assert_str_eq(parse("[1 2]"), "!1:4 expected ',' or ']' after an array element, found '2'");
  ck_assert_str_eq(parse("{\"a\": \"x}"), "!1:7 unterminated string (its quote opens here)");
  ck_assert_str_eq(parse("\"a\nb\""), "!1:3 line break in a string (write \\n)");
  ck_assert_str_eq(parse("\"a\tb\""), "!1:3 control character in a string (escape it)");
  ck_assert_str_eq(parse("\"\\x\""), "!1:3 expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), found 'x'");
  ck_assert_str_eq(parse("\"\\u12\""), "!1:4 invalid \\u escape: expected four hex digits");
  ck_assert_str_eq(parse("\"\\ud800x\""), "!1:8 invalid \\u escape: unpaired surrogate");
  ck_assert_str_eq(parse("\"\\udc00\""), "!1:8 invalid \\u escape: unpaired surrogate");
  ck_assert_str_eq(parse("\"\\u0000\""), "!1:8 \\u0000 is not allowed in a string");
  ck_assert_str_eq(parse("012"), "!1:2 leading zeros are not allowed in a number");
  ck_assert_str_eq(parse("1."), "!1:3 expected a digit after '.', found end of text");
  ck_assert_str_eq(parse("-"), "!1:2 expected a digit, found end of text");
  ck_assert_str_eq(parse("1e"), "!1:3 expected a digit in the exponent, found end of text");
  ck_assert_str_eq(parse("tru"), "!1:1 expected a value, found 't'");
  ck_assert_str_eq(parse("{} x"), "!1:4 expected the end of the text after the JSON value, found 'x'");
  ck_assert_str_eq(parse("[1,\n 中]"), "!2:2 expected a value, found '中'");
  ck_assert_str_eq(parse("{\"a\": NaN}"), "!1:7 expected a value, found 'N'");
}
END_TEST

/* n nested arrays around 1. */
static char *nested(unsigned n) {
  char *s = malloc(2 * n + 2);
  memset(s, '[', n);
  s[n] = '1';
  memset(s + n + 1, ']', n);
  s[2 * n + 1] = '\0';
  return s;
}

START_TEST(limit_depth) {
  char *ok = nested(DATA_MAX_DEPTH), *over = nested(DATA_MAX_DEPTH + 1);
  ck_assert_str_eq(parse(ok), ok);
  ck_assert_str_eq(parse(over), "!1:33 nesting too deep (the limit is 32 levels)");
  free(ok);
  free(over);
  char *deep = nested(100000); /* no stack overflow, however deep */
  ck_assert_str_eq(parse(deep), "!1:33 nesting too deep (the limit is 32 levels)");
  free(deep);
}
END_TEST

START_TEST(limit_number_and_string) {
  char num[DATA_MAX_NUMBER_CHARS + 2];
  memset(num, '1', sizeof num - 1);
  num[DATA_MAX_NUMBER_CHARS] = '\0';
  ck_assert_str_eq(parse(num), num);
  num[DATA_MAX_NUMBER_CHARS] = '1';
  num[DATA_MAX_NUMBER_CHARS + 1] = '\0';
  ck_assert_str_eq(parse(num), "!1:1 number too long (101 characters; the limit is 100)");
  size_t n = DATA_MAX_FIELD_BYTES;
  char *s = malloc(n + 4);
  s[0] = '"';
  memset(s + 1, 'a', n);
  strcpy(s + n + 1, "\"");
  RtArena a;
  rt_arena_init(&a, 0);
  JsonError err;
  ck_assert_ptr_nonnull(json_parse(&a, s, strlen(s), NULL, &err));
  memset(s + 1, 'a', n + 1);
  strcpy(s + n + 2, "\"");
  ck_assert_ptr_null(json_parse(&a, s, strlen(s), NULL, &err));
  ck_assert_str_eq(err.msg, "string too long (65537 bytes; the limit is 65536)");
  rt_arena_free(&a);
  free(s);
}
END_TEST

/* "[0,0,…]" with n values in all (the array is one). */
static char *array_of(unsigned n) {
  char *s = malloc(2 * (size_t)n + 2);
  size_t o = 0;
  s[o++] = '[';
  for (unsigned i = 1; i < n; i++) s[o++] = '0', s[o++] = i + 1 < n ? ',' : ']';
  s[o] = '\0';
  return s;
}

START_TEST(limit_values) {
  char *ok = array_of(DATA_MAX_JSON_VALUES), *over = array_of(DATA_MAX_JSON_VALUES + 1);
  RtArena a;
  rt_arena_init(&a, 0);
  JsonError err;
  JsonValue *v = json_parse(&a, ok, strlen(ok), NULL, &err);
  ck_assert_ptr_nonnull(v);
  ck_assert_uint_eq(v->n, DATA_MAX_JSON_VALUES - 1);
  rt_arena_free(&a);
  ck_assert_ptr_null(json_parse(&a, over, strlen(over), NULL, &err));
  ck_assert_str_eq(err.msg, "too many values (the limit is 1000000)");
  ck_assert_uint_eq(err.col, 2 * DATA_MAX_JSON_VALUES);
  rt_arena_free(&a);
  free(ok);
  free(over);
}
END_TEST

START_TEST(memory_limit) {
  RtArena a;
  rt_arena_init(&a, 64); /* less than one value */
  JsonError err;
  ck_assert_ptr_null(json_parse(&a, "[1,2,3]", 7, NULL, &err));
  ck_assert_int_eq(err.nomem, 1);
  rt_arena_free(&a);
}
END_TEST

/* ---- JSON actuals ------------------------------------------------------------------ */

static RtProgram prog;
static void setup(void) { fx_program(&prog); }
static void teardown(void) { fx_program_free(&prog); }

START_TEST(actuals_json) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "a.json",
                                "{\"projects\": {\n"
                                "  \"" FX_P0 "\": {\n"
                                "    \"hy\": 3,\n"
                                "    \"社会效益/覆盖青联委员\": \"142,500人次\",\n"
                                "    \"经济效益指标/覆盖青联委员\": 1.425e5,\n"
                                "    \"会议质量\": {\"actual\": \"部分达成:70%\", \"note\": \"受疫情影响\"},\n"
                                "    \"会议经费\": {\"actual\": 98000.5, \"note\": null},\n"
                                "    \"执行数\": 28.5,\n"
                                "    \"已处置工单\": 1180, \"工单总数\": \"1,200\"\n"
                                "  },\n"
                                "  \"" FX_P1 "\": {\"执行数\": \"9.8万元\"}\n"
                                "}}\n"),
                   INDRT_OK);
  ck_assert_str_eq(l.log, "");
  const RtActuals *a = &l.act;
  ck_assert_int_eq(a->ind[FX_HY].kind, RT_ACT_NUMBER);
  ck_assert_int_eq(a->ind[FX_HY].value, fx_dec("3"));
  ck_assert_str_eq(a->ind[FX_HY].text, "3");
  ck_assert_uint_eq(a->ind[FX_HY].line, 3);
  ck_assert_int_eq(a->ind[FX_COVER_S].value, fx_dec("142500"));
  ck_assert_int_eq(a->ind[FX_COVER_E].value, fx_dec("142500"));
  ck_assert_str_eq(a->ind[FX_COVER_E].text, "1.425e5");
  ck_assert_int_eq(a->ind[FX_TEXT].kind, RT_ACT_GRADE);
  ck_assert_int_eq(a->ind[FX_TEXT].has_score, 1);
  ck_assert_int_eq(a->ind[FX_TEXT].value, fx_dec("14"));
  ck_assert_str_eq(a->ind[FX_TEXT].note, "受疫情影响");
  /* a bare number is in the target's unit: 98000.5 万元 */
  ck_assert_int_eq(a->ind[FX_MONEY].value, fx_dec("98000.5"));
  ck_assert_ptr_null(a->ind[FX_MONEY].note);
  ck_assert_int_eq(a->spent[0], fx_dec("28.5"));
  ck_assert_int_eq(a->spent[1], fx_dec("98000")); /* project 1 counts in 元 */
  ck_assert_int_eq(a->field_set[0 * 3 + FX_F_DONE], 1);
  ck_assert_int_eq(a->fields[0 * 3 + FX_F_DONE], fx_dec("1180"));
  ck_assert_int_eq(a->fields[0 * 3 + FX_F_TOTAL], fx_dec("1200"));
  ck_assert_int_eq(a->field_set[1 * 3 + FX_F_DONE], 0);
  ck_assert_int_eq(a->ind[FX_DATE].kind, RT_ACT_MISSING); /* no row: missing */
  ck_assert_int_eq(a->ind[FX_DERIVED].kind, RT_ACT_MISSING);
  ck_assert_str_eq(a->source, "a.json");
  fx_load_free(&l);
}
END_TEST

START_TEST(detect_format) {
  FxLoad l;
  const char *json = "\n  {\"projects\": {\"" FX_P1 "\": {\"物业服务覆盖率\": \"100%\"}}}";
  ck_assert_int_eq(fx_load_text(&l, &prog, "data.txt", json), INDRT_OK); /* by '{' */
  ck_assert_int_eq(l.act.ind[FX_P1_RATE].value, fx_dec("100"));
  fx_load_free(&l);
  ck_assert_int_eq(fx_load_text(&l, &prog, "DATA.JSON", "{\"projects\": {}}"), INDRT_OK);
  fx_load_free(&l);
  /* a .json name is JSON even when the text is not */
  ck_assert_int_eq(fx_load_text(&l, &prog, "x.json", "project,indicator,actual\n"), INDRT_E_DATA);
  ck_assert_str_eq(l.log, "x.json:1:1: expected a value, found 'p'\n");
  fx_load_free(&l);
  /* format given explicitly wins */
  ck_assert_int_eq(fx_load(&l, &prog, "x.json", "project,indicator,actual\n", 25, INDRT_DATA_CSV,
                           INDRT_ENC_AUTO), INDRT_OK);
  fx_load_free(&l);
}
END_TEST

START_TEST(structure_errors) {
  FxLoad l;
  fx_load_text(&l, &prog, "s.json", "[1]");
  ck_assert_str_eq(l.log, "s.json:1:1: expected an object {\"projects\": {…}} at the top level, found an array\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "s.json", "{\"project\": {}}");
  ck_assert_str_eq(l.log,
                   "s.json:1:2: unknown key \"project\" at the top level (it has only \"projects\")\n"
                   "s.json:1:1: missing \"projects\" in the top-level object\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "s.json", "{\"projects\": []}");
  ck_assert_str_eq(l.log, "s.json:1:14: invalid \"projects\": expected an object of projects, found an array\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "s.json", "{\"projects\": {\"" FX_P1 "\": \"x\"}}");
  ck_assert_str_eq(l.log, "s.json:1:28: invalid project \"" FX_P1 "\": expected an object of indicators, found a string\n");
  fx_load_free(&l);
}
END_TEST

START_TEST(value_errors) {
  FxLoad l;
  fx_load_text(&l, &prog, "v.json",
               "{\"projects\": {\"" FX_P1 "\": {\n"
               "  \"物业服务覆盖率\": null,\n"
               "  \"覆盖青联委员\": {\"value\": 3},\n"
               "  \"执行数\": [1],\n"
               "  \"物业服务覆盖率\": {\"actual\": \"100%\", \"note\": 5}\n"
               "}}}");
  ck_assert_str_eq(l.log,
                   "v.json:2:14: invalid value for \"物业服务覆盖率\": expected a string, a number or "
                   "{\"actual\": …, \"note\": …}, found null\n"
                   "v.json:3:14: unknown key \"value\" in a value object (its keys are \"actual\" "
                   "and \"note\")\n"
                   "v.json:3:13: missing \"actual\" in the value of \"覆盖青联委员\"\n"
                   "v.json:4:10: invalid value for \"执行数\": expected a string, a number or "
                   "{\"actual\": …, \"note\": …}, found an array\n"
                   "v.json:5:41: invalid note: expected a string, found a number\n");
  fx_load_free(&l);
}
END_TEST

START_TEST(duplicates_and_syntax) {
  FxLoad l;
  fx_load_text(&l, &prog, "d.json",
               "{\"projects\": {\"" FX_P1 "\": {\n"
               "  \"物业服务覆盖率\": \"100%\",\n"
               "  \"物业服务 覆盖率\": \"99%\"\n"
               "}}}");
  /* a key is placed by line and column: both of the two, and for every
   * kind of row, as in c/j5.json where both are on line 1 */
  ck_assert_str_eq(l.log, "d.json:3:3: duplicate key for \"物业服务覆盖率\" in project \"" FX_P1
                          "\" (first at line 2, column 3)\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "d.json",
               "{\"projects\": {\"" FX_P1 "\": {\"物业服务覆盖率\": 90, \"物业服务覆盖率\": 95, "
               "\"执行数\": 1, \"执行数\": 2}, \"" FX_P0 "\": {\"已处置工单\": 1, \"已处置工单\": 2}}}");
  ck_assert_str_eq(l.log,
                   "d.json:1:44: duplicate key for \"物业服务覆盖率\" in project \"" FX_P1
                   "\" (first at line 1, column 29)\n"
                   "d.json:1:69: duplicate key for 执行数 in project \"" FX_P1
                   "\" (first at line 1, column 59)\n"
                   "d.json:1:116: duplicate key for raw field \"已处置工单\" in project \"" FX_P0
                   "\" (first at line 1, column 104)\n");
  fx_load_free(&l);
  /* a project named twice is one project: its keys still once each */
  fx_load_text(&l, &prog, "d.json",
               "{\"projects\": {\"" FX_P1 "\": {\"执行数\": 1},\n \"" FX_P1 "\": {\"执行数\": 2}}}");
  ck_assert_str_eq(l.log, "d.json:2:16: duplicate key for 执行数 in project \"" FX_P1
                          "\" (first at line 1, column 29)\n");
  fx_load_free(&l);
  /* a value object's keys once each: the second "actual" or "note" is
   * not taken silently over the first */
  fx_load_text(&l, &prog, "d.json",
               "{\"projects\": {\"" FX_P1 "\": {\n"
               "  \"物业服务覆盖率\": {\"actual\": \"90%\", \"actual\": \"99%\",\n"
               "    \"note\": \"a\", \"note\": \"b\"}\n"
               "}}}");
  ck_assert_str_eq(l.log,
                   "d.json:2:32: duplicate key \"actual\" in a value object (first at line 2, "
                   "column 15); keep one\n"
                   "d.json:3:18: duplicate key \"note\" in a value object (first at line 3, column "
                   "5); keep one\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "d.json", "{\"projects\": {},\n \"projects\": {}}");
  ck_assert_str_eq(l.log, "d.json:2:2: duplicate key \"projects\" (first at line 1, column 2)\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "d.json", "{\"projects\": {\n  \"" FX_P1 "\": {\"a\": 1,}}}");
  ck_assert_str_eq(l.log, "d.json:2:24: trailing comma before '}'\n");
  fx_load_free(&l);
  fx_load_text(&l, &prog, "d.json", "{\"projects\": {\"" FX_P1 "\": {\"物业服务覆盖率\": 1e99}}}");
  ck_assert_str_eq(l.log, "d.json:1:40: number 1e99 is out of range\n");
  fx_load_free(&l);
}
END_TEST

Suite *json_suite(void); /* called by check_main.c */

Suite *json_suite(void) {
  Suite *s = suite_create("json");
  TCase *tc_read = tcase_create("read");
  TCase *tc_limits = tcase_create("limits");
  TCase *tc_load = tcase_create("load");
  tcase_add_test(tc_read, values);
  tcase_add_test(tc_read, escapes);
  tcase_add_test(tc_read, positions);
  tcase_add_test(tc_read, syntax_errors);
  tcase_add_test(tc_limits, limit_depth);
  tcase_add_test(tc_limits, limit_number_and_string);
  tcase_add_test(tc_limits, limit_values);
  tcase_add_test(tc_limits, memory_limit);
  tcase_add_checked_fixture(tc_load, setup, teardown);
  tcase_add_test(tc_load, actuals_json);
  tcase_add_test(tc_load, detect_format);
  tcase_add_test(tc_load, structure_errors);
  tcase_add_test(tc_load, value_errors);
  tcase_add_test(tc_load, duplicates_and_syntax);
  suite_add_tcase(s, tc_read);
  suite_add_tcase(s, tc_limits);
  suite_add_tcase(s, tc_load);
  return s;
}
