/*
 * test_diag.c - diagnostics: recording, warning switches, the error cap,
 * sorting, and the exact rendered text (compiler/support/diag.c).
 *
 * Rendering tests compare whole transcripts, as jq's %%FAIL blocks do, so a
 * caret that moves by one cell fails a test.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/support/diag.h"
#include "../../compiler/support/indc_limits.h"

static SourceSet ss;
static DiagList dl;

static void setup(void) {
  src_init(&ss);
  diag_init(&dl);
}

static void teardown(void) {
  diag_free(&dl);
  src_free(&ss);
}

static uint32_t add(const char *path, const char *text) {
  return src_add(&ss, path, text, strlen(text));
}

static Span span(uint32_t file, uint32_t lo, uint32_t hi) {
  Span s = {file, lo, hi};
  return s;
}

/* Span of the n-th (0-based) occurrence of needle in file f. */
static Span find(uint32_t f, const char *needle, int n) {
  const char *text = src_get(&ss, f)->text, *p = text;
  for (;; p++) {
    p = strstr(p, needle);
    ck_assert_ptr_nonnull(p);
    if (n-- == 0) break;
  }
  uint32_t lo = (uint32_t)(p - text);
  return span(f, lo, lo + (uint32_t)strlen(needle));
}

static const Span nowhere = {UINT32_MAX, 0, 0};

/* Everything diag_render writes, as a malloc'd string. */
static char *render_all(void) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(f);
  diag_render(&dl, &ss, f);
  fclose(f);
  return buf;
}

#define ck_render(want)                                                      \
  do {                                                                       \
    char *got_ = render_all();                                               \
    ck_assert_msg(strcmp(got_, (want)) == 0, "rendered:\n%s\nwanted:\n%s",   \
                  got_, (want));                                             \
    free(got_);                                                              \
  } while (0)

/* ---- recording -------------------------------------------------------- */

START_TEST(defaults) {
  ck_assert_uint_eq(dl.max_errors, LIM_ERRORS);
  ck_assert_int_eq(dl.werror, 0);
  for (int c = 0; c < DIAG__COUNT; c++)
    if (diag_warning_name((DiagCode)c)) ck_assert_int_eq(dl.enabled[c], 1);
  ck_assert_uint_eq(dl.n, 0);
}
END_TEST

START_TEST(code_table) {
  /* Codes are unique; E codes are errors, W codes are named warnings. */
  for (int c = 0; c < DIAG__COUNT; c++) {
    const char *code = diag_code_str((DiagCode)c);
    ck_assert_uint_eq(strlen(code), 5);
    ck_assert(code[0] == 'E' || code[0] == 'W');
    ck_assert_int_eq(code[0] == 'W', diag_warning_name((DiagCode)c) != NULL);
    ck_assert_ptr_nonnull(diag_summary((DiagCode)c));
    for (int d = 0; d < c; d++)
      ck_assert_str_ne(code, diag_code_str((DiagCode)d));
  }
  ck_assert_str_eq(diag_code_str(E_UNKNOWN_UNIT), "E0301");
  ck_assert_str_eq(diag_warning_name(W_COST_SUM), "cost-sum");
  ck_assert_ptr_null(diag_warning_name(E_SYNTAX));
  ck_assert_int_eq(diag_warning_by_name("cost-sum"), W_COST_SUM);
  ck_assert_int_eq(diag_warning_by_name("empty-category"), W_EMPTY_CATEGORY);
  ck_assert_int_eq(diag_warning_by_name("no-such-warning"), DIAG__COUNT);
  ck_assert_int_eq(diag_warning_by_name(""), DIAG__COUNT);
}
END_TEST

START_TEST(report_formats_message) {
  Diag *d = diag_report(&dl, E_UNKNOWN_UNIT, nowhere, "unknown unit '%s' (%d)",
                        "场次", 7);
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(d->msg, "unknown unit '场次' (7)");
  ck_assert_int_eq(d->sev, DIAG_ERROR);
  ck_assert_int_eq(d->code, E_UNKNOWN_UNIT);
  diag_note(d, nowhere, "declared %s", "here");
  diag_hint(d, "use %d", 3);
  diag_hint(d, "use %d", 4); /* replaces */
  ck_assert_str_eq(d->note, "declared here");
  ck_assert_str_eq(d->hint, "use 4");
  diag_note(NULL, nowhere, "ignored");
  diag_hint(NULL, "ignored");
  ck_assert_uint_eq(dl.nerrors, 1);
  ck_assert_uint_eq(dl.nwarnings, 0);
}
END_TEST

START_TEST(warnings_switch) {
  ck_assert_ptr_nonnull(diag_report(&dl, W_COST_SUM, nowhere, "a"));
  ck_assert_uint_eq(dl.nwarnings, 1);
  dl.enabled[W_COST_SUM] = 0;
  ck_assert_ptr_null(diag_report(&dl, W_COST_SUM, nowhere, "b"));
  ck_assert_ptr_nonnull(diag_report(&dl, W_NO_UNIT, nowhere, "c"));
  diag_enable_all(&dl, 0);
  ck_assert_ptr_null(diag_report(&dl, W_NO_UNIT, nowhere, "d"));
  ck_assert_ptr_nonnull(diag_report(&dl, E_SYNTAX, nowhere, "e")); /* errors stay */
  diag_enable_all(&dl, 1);
  ck_assert_ptr_nonnull(diag_report(&dl, W_COST_SUM, nowhere, "f"));
  ck_assert_uint_eq(dl.n, 4);
  ck_assert_uint_eq(dl.nwarnings, 3);
  ck_assert_uint_eq(dl.nerrors, 1);
}
END_TEST

START_TEST(werror) {
  dl.werror = 1;
  Diag *d = diag_report(&dl, W_COST_SUM, nowhere, "caps add up to %d", 9);
  ck_assert_ptr_nonnull(d);
  ck_assert_int_eq(d->sev, DIAG_ERROR);
  ck_assert_uint_eq(dl.nerrors, 1);
  ck_assert_uint_eq(dl.nwarnings, 0);
  dl.enabled[W_NO_UNIT] = 0; /* disabled stays disabled under werror */
  ck_assert_ptr_null(diag_report(&dl, W_NO_UNIT, nowhere, "x"));
  ck_render("indc: error: caps add up to 9 [W0001 -Werror=cost-sum]\n");
}
END_TEST

START_TEST(error_cap) {
  dl.max_errors = 2;
  ck_assert_ptr_nonnull(diag_report(&dl, E_SYNTAX, nowhere, "e1"));
  ck_assert_ptr_nonnull(diag_report(&dl, E_SYNTAX, nowhere, "e2"));
  ck_assert_ptr_null(diag_report(&dl, E_SYNTAX, nowhere, "e3"));
  ck_assert_ptr_nonnull(diag_report(&dl, W_COST_SUM, nowhere, "w1")); /* not capped */
  ck_assert_ptr_null(diag_report(&dl, E_SYNTAX, nowhere, "e4"));
  ck_assert_uint_eq(dl.nerrors, 4); /* exact: dropped ones count too */
  ck_assert_uint_eq(dl.ndropped, 2);
  ck_assert_uint_eq(dl.n, 4); /* e1 e2 note w1: the note once */
  diag_sort(&dl);
  ck_render("indc: error: e1 [E0201]\n"
            "indc: error: e2 [E0201]\n"
            "indc: note: too many errors, stopping\n"
            "indc: warning: w1 [W0001 -Wcost-sum]\n");
}
END_TEST

START_TEST(error_cap_werror) {
  dl.max_errors = 1;
  dl.werror = 1;
  ck_assert_ptr_nonnull(diag_report(&dl, W_COST_SUM, nowhere, "w1"));
  ck_assert_ptr_null(diag_report(&dl, W_COST_SUM, nowhere, "w2"));
  ck_assert_uint_eq(dl.nerrors, 2);
  ck_assert_uint_eq(dl.ndropped, 1);
  ck_assert_uint_eq(dl.nwarnings, 0);
}
END_TEST

START_TEST(error_cap_unlimited) {
  dl.max_errors = 0;
  for (int i = 0; i < 250; i++)
    ck_assert_ptr_nonnull(diag_report(&dl, E_SYNTAX, nowhere, "e%d", i));
  ck_assert_uint_eq(dl.nerrors, 250);
  ck_assert_uint_eq(dl.ndropped, 0);
}
END_TEST

START_TEST(error_cap_default) {
  /* At the limit: all recorded, no note. */
  for (unsigned i = 0; i < LIM_ERRORS; i++)
    ck_assert_ptr_nonnull(diag_report(&dl, E_SYNTAX, nowhere, "e%u", i));
  ck_assert_uint_eq(dl.n, LIM_ERRORS);
  ck_assert_uint_eq(dl.ndropped, 0);
  /* One past it: dropped, and the note appears. */
  ck_assert_ptr_null(diag_report(&dl, E_SYNTAX, nowhere, "past"));
  ck_assert_uint_eq(dl.n, LIM_ERRORS + 1);
  ck_assert_int_eq(dl.items[LIM_ERRORS].sev, DIAG_NOTE);
  ck_assert_str_eq(dl.items[LIM_ERRORS].msg, "too many errors, stopping");
  for (int i = 0; i < 49; i++) diag_report(&dl, E_SYNTAX, nowhere, "e%d", i);
  ck_assert_uint_eq(dl.nerrors, LIM_ERRORS + 50);
  ck_assert_uint_eq(dl.ndropped, 50);
  ck_assert_uint_eq(dl.n, LIM_ERRORS + 1);
}
END_TEST

START_TEST(sort_stable) {
  uint32_t a = add("a.ind", "0123456789"), b = add("b.ind", "0123456789");
  diag_report(&dl, E_SYNTAX, span(b, 1, 2), "b1");
  diag_report(&dl, E_SYNTAX, span(a, 5, 6), "a5-first");
  diag_report(&dl, E_SYNTAX, nowhere, "none");
  diag_report(&dl, E_SYNTAX, span(a, 2, 3), "a2");
  diag_report(&dl, E_SYNTAX, span(a, 5, 9), "a5-second");
  diag_report(&dl, E_SYNTAX, span(b, 0, 0), "b0");
  diag_report(&dl, E_SYNTAX, span(a, 5, 5), "a5-third");
  diag_sort(&dl);
  static const char *want[] = {"a2", "a5-first", "a5-second", "a5-third",
                               "b0", "b1", "none"};
  ck_assert_uint_eq(dl.n, 7);
  for (size_t i = 0; i < dl.n; i++) ck_assert_str_eq(dl.items[i].msg, want[i]);
}
END_TEST

/* ---- rendering -------------------------------------------------------- */

/* The example in diag.h, exactly. */
START_TEST(render_cjk_example) {
  uint32_t f = add("specs/a.ind",
                   "\n\n\n\n\n\n\n\n\n\n\n"
                   "  指标 \"举办活动场次\": ≥15 场次\n");
  Diag *d = diag_report(&dl, E_UNKNOWN_UNIT, find(f, "场次", 1),
                        "unknown unit '%s'", "场次");
  diag_hint(d, "declare it with 计量单位 场次, or use one of: 场 人 人次 …");
  ck_render("specs/a.ind:12:20: error: unknown unit '场次' [E0301]\n"
            "   12 |   指标 \"举办活动场次\": ≥15 场次\n"
            "      |                            ^~~~\n"
            "hint: declare it with 计量单位 场次, or use one of: 场 人 人次 …\n");
}
END_TEST

START_TEST(render_tab_and_cjk) {
  /* The tab after 标 runs from display column 12 to 16. */
  uint32_t f = add("t.ind", "项目 {\n\t指标\t\"x\": 5 场\n}\n");
  diag_report(&dl, E_BAD_TARGET, find(f, "5 场", 0), "invalid target");
  ck_render("t.ind:2:10: error: invalid target [E0405]\n"
            "    2 |         指标    \"x\": 5 场\n"
            "      |                      ^~~~\n");
}
END_TEST

START_TEST(render_tab_inside_span) {
  uint32_t f = add("t.ind", "ab\tcd\n");
  diag_report(&dl, E_SYNTAX, span(f, 1, 4), "syntax error");
  ck_render("t.ind:1:2: error: syntax error [E0201]\n"
            "    1 | ab      cd\n"
            "      |  ^~~~~~~~\n");
}
END_TEST

START_TEST(render_warning_note_hint) {
  uint32_t f = add("p.ind", "预算数 100\n成本 {\n  上限 60\n  上限 30\n}\n");
  Diag *d = diag_report(&dl, W_COST_SUM, find(f, "上限 30", 0),
                        "cost caps add up to %d, budget is %d", 90, 100);
  diag_note(d, find(f, "预算数", 0), "budget declared here");
  diag_hint(d, "set the caps so that they add up to 预算数");
  ck_render("p.ind:4:3: warning: cost caps add up to 90, budget is 100 "
            "[W0001 -Wcost-sum]\n"
            "    4 |   上限 30\n"
            "      |   ^~~~~~~\n"
            "note: p.ind:1:1: budget declared here\n"
            "    1 | 预算数 100\n"
            "      | ^~~~~~\n"
            "hint: set the caps so that they add up to 预算数\n");
}
END_TEST

START_TEST(render_werror_with_location) {
  uint32_t f = add("p.ind", "x\n");
  dl.werror = 1;
  diag_report(&dl, W_NO_UNIT, span(f, 0, 1), "quantity without unit");
  ck_render("p.ind:1:1: error: quantity without unit [W0005 -Werror=no-unit]\n"
            "    1 | x\n"
            "      | ^\n");
}
END_TEST

START_TEST(render_wide_gutter) {
  /* Line 12345 widens the gutter of both the primary and the note line. */
  size_t n = 12344;
  char *text = malloc(n + 16);
  text[0] = 'a';
  memset(text + 1, '\n', n);
  strcpy(text + 1 + n, "坏 x\n");
  uint32_t f = add("big.ind", text);
  free(text);
  Diag *d = diag_report(&dl, E_UNCLOSED, find(f, "x", 0), "unclosed block");
  diag_note(d, span(f, 0, 1), "block opened here");
  ck_render("big.ind:12345:3: error: unclosed block [E0203]\n"
            " 12345 | 坏 x\n"
            "       |    ^\n"
            "note: big.ind:1:1: block opened here\n"
            "     1 | a\n"
            "       | ^\n");
}
END_TEST

START_TEST(render_multiline_span) {
  uint32_t f = add("m.ind", "项目 \"甲\" {\n  预算数 1\n}\n");
  diag_report(&dl, E_UNCLOSED, span(f, find(f, "\"甲\"", 0).lo, 20),
              "spans lines");
  ck_render("m.ind:1:4: error: spans lines [E0203]\n"
            "    1 | 项目 \"甲\" {\n"
            "      |      ^~~~~~\n");
}
END_TEST

START_TEST(render_empty_span) {
  uint32_t f = add("e.ind", "指标 x\n");
  diag_report(&dl, E_SYNTAX, span(f, 6, 6), "expected ':'");
  ck_render("e.ind:1:3: error: expected ':' [E0201]\n"
            "    1 | 指标 x\n"
            "      |     ^\n");
}
END_TEST

START_TEST(render_end_of_file) {
  uint32_t f = add("eof.ind", "项目 {\n  指标\n");
  uint32_t len = (uint32_t)src_get(&ss, f)->len;
  diag_report(&dl, E_UNCLOSED, span(f, len, len), "unexpected end of file");
  ck_render("eof.ind:2:5: error: unexpected end of file [E0203]\n"
            "    2 |   指标\n"
            "      |       ^\n");
}
END_TEST

START_TEST(render_end_of_file_no_newline) {
  uint32_t f = add("eof.ind", "ab");
  diag_report(&dl, E_UNCLOSED, span(f, 2, 2), "unexpected end of file");
  ck_render("eof.ind:1:3: error: unexpected end of file [E0203]\n"
            "    1 | ab\n"
            "      |   ^\n");
}
END_TEST

START_TEST(render_empty_line) {
  uint32_t f = add("blank.ind", "a\n\nb\n");
  diag_report(&dl, E_SYNTAX, span(f, 2, 2), "blank");
  ck_render("blank.ind:2:1: error: blank [E0201]\n"
            "    2 |\n"
            "      | ^\n");
}
END_TEST

START_TEST(render_crlf_and_controls) {
  /* CRLF is not quoted; a lone CR and ESC show as U+FFFD, one cell each. */
  uint32_t f = add("c.ind", "a\rb\x1b" "c\r\n");
  diag_report(&dl, E_BAD_CHAR, span(f, 3, 4), "unexpected character");
  ck_render("c.ind:1:4: error: unexpected character [E0105]\n"
            "    1 | a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\n"
            "      |    ^\n");
}
END_TEST

START_TEST(render_bad_utf8) {
  uint32_t f = add("u.ind", "指\xE4\xB8标 x\n");
  diag_report(&dl, E_BAD_UTF8, span(f, 3, 4), "invalid UTF-8");
  ck_render("u.ind:1:2: error: invalid UTF-8 [E0101]\n"
            "    1 | 指\xEF\xBF\xBD\xEF\xBF\xBD标 x\n"
            "      |   ^\n");
}
END_TEST

START_TEST(render_bom) {
  uint32_t f = add("bom.ind", "\xEF\xBB\xBF" "指标 x\n");
  diag_report(&dl, E_SYNTAX, find(f, "x", 0), "here");
  ck_render("bom.ind:1:4: error: here [E0201]\n"
            "    1 | 指标 x\n"
            "      |      ^\n");
}
END_TEST

START_TEST(render_no_location) {
  diag_report(&dl, E_READ, nowhere, "could not open file \"%s\": %s", "x.ind",
              "No such file or directory");
  diag_report(&dl, E_READ, span(42, 0, 0), "file index out of range");
  ck_render("indc: error: could not open file \"x.ind\": No such file or "
            "directory [E0604]\n"
            "indc: error: file index out of range [E0604]\n");
}
END_TEST

START_TEST(render_note_without_location) {
  uint32_t f = add("i.ind", "导入 \"b.ind\"\n");
  Diag *d = diag_report(&dl, E_IMPORT_CYCLE, find(f, "\"b.ind\"", 0),
                        "import cycle");
  diag_note(d, nowhere, "b.ind imports i.ind");
  ck_render("i.ind:1:4: error: import cycle [E0601]\n"
            "    1 | 导入 \"b.ind\"\n"
            "      |      ^~~~~~~\n"
            "note: b.ind imports i.ind\n");
}
END_TEST

START_TEST(render_sorted_transcript) {
  uint32_t f = add("s.ind", "一\n二\n三\n");
  diag_report(&dl, E_SYNTAX, find(f, "三", 0), "third");
  diag_report(&dl, W_EMPTY_CATEGORY, find(f, "一", 0), "first");
  diag_sort(&dl);
  ck_render("s.ind:1:1: warning: first [W0010 -Wempty-category]\n"
            "    1 | 一\n"
            "      | ^~\n"
            "s.ind:3:1: error: third [E0201]\n"
            "    3 | 三\n"
            "      | ^~\n");
}
END_TEST

Suite *diag_suite(void); /* called by check_main.c */

Suite *diag_suite(void) {
  Suite *s = suite_create("diag");
  TCase *tc = tcase_create("record");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, defaults);
  tcase_add_test(tc, code_table);
  tcase_add_test(tc, report_formats_message);
  tcase_add_test(tc, warnings_switch);
  tcase_add_test(tc, werror);
  tcase_add_test(tc, error_cap);
  tcase_add_test(tc, error_cap_werror);
  tcase_add_test(tc, error_cap_unlimited);
  tcase_add_test(tc, error_cap_default);
  tcase_add_test(tc, sort_stable);
  suite_add_tcase(s, tc);

  tc = tcase_create("render");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, render_cjk_example);
  tcase_add_test(tc, render_tab_and_cjk);
  tcase_add_test(tc, render_tab_inside_span);
  tcase_add_test(tc, render_warning_note_hint);
  tcase_add_test(tc, render_werror_with_location);
  tcase_add_test(tc, render_wide_gutter);
  tcase_add_test(tc, render_multiline_span);
  tcase_add_test(tc, render_empty_span);
  tcase_add_test(tc, render_end_of_file);
  tcase_add_test(tc, render_end_of_file_no_newline);
  tcase_add_test(tc, render_empty_line);
  tcase_add_test(tc, render_crlf_and_controls);
  tcase_add_test(tc, render_bad_utf8);
  tcase_add_test(tc, render_bom);
  tcase_add_test(tc, render_no_location);
  tcase_add_test(tc, render_note_without_location);
  tcase_add_test(tc, render_sorted_transcript);
  suite_add_tcase(s, tc);
  return s;
}
