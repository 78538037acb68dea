/*
 * test_dec.c - unit tests for runtime/dec.c, exact fixed-point decimals.
 *
 * Values are written as decimal text and parsed, so each case reads as the
 * number it means; raw nano-unit counts appear only at the range edges.
 * Table-driven cases run as Check loop tests, so a failure names its row.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "../../runtime/dec.h"

/* Parse text that the test knows is valid. */
static Dec D(const char *s) {
  Dec d = 0;
  ck_assert_msg(dec_parse(s, strlen(s), &d) == DEC_OK, "bad literal %s", s);
  return d;
}

/* Format a into a static buffer (one use per assertion). */
static const char *F(Dec a, int digits) {
  static char buf[32];
  dec_format(a, digits, buf, sizeof buf);
  return buf;
}

/* ---- the motivating case: decimal money adds exactly ---- */

START_TEST(test_budget_sum_exact) {
  Dec s, t, n580;
  ck_assert_int_eq(dec_add(D("485.9"), D("80.65"), &s), DEC_OK);
  ck_assert_int_eq(dec_add(s, D("13.45"), &t), DEC_OK);
  ck_assert_int_eq(dec_from_int(580, &n580), DEC_OK);
  ck_assert_int_eq(t, n580);
  ck_assert_int_eq(dec_cmp(t, n580), 0);
  ck_assert(dec_is_integral(t));
  ck_assert_str_eq(F(t, -1), "580");
  ck_assert_str_eq(F(t, 2), "580.00");
}
END_TEST

/* ---- dec_parse ---- */

static const struct {
  const char *text;
  DecStatus status;
  int64_t raw;   /* expected nano-units when status is DEC_OK */
} parse_cases[] = {
  {"0", DEC_OK, 0},
  {"-0", DEC_OK, 0},
  {"+0.0", DEC_OK, 0},
  {"1", DEC_OK, 1000000000},
  {"+1", DEC_OK, 1000000000},
  {"-1", DEC_OK, -1000000000},
  {"007", DEC_OK, 7000000000},
  {"00.50", DEC_OK, 500000000},
  {"13.45", DEC_OK, 13450000000},
  {"-0.5", DEC_OK, -500000000},
  {"0.000000001", DEC_OK, 1},
  {"-0.000000001", DEC_OK, -1},
  {"1.123456789", DEC_OK, 1123456789},
  {"1.1234567890000", DEC_OK, 1123456789},     /* extra zeros are exact */
  {"1.1234567891", DEC_PRECISION, 0},
  {"0.0000000005", DEC_PRECISION, 0},
  {"9223372036.854775807", DEC_OK, INT64_MAX}, /* DEC_MAX */
  {"-9223372036.854775807", DEC_OK, -INT64_MAX}, /* DEC_MIN */
  {"9223372036.854775808", DEC_OVERFLOW, 0},
  {"-9223372036.854775808", DEC_OVERFLOW, 0},  /* INT64_MIN is outside */
  {"9223372037", DEC_OVERFLOW, 0},
  {"99999999999999999999999999", DEC_OVERFLOW, 0},
  {"0000000000000000000000001", DEC_OK, 1000000000},
  {"9223372037.1234567891", DEC_PRECISION, 0}, /* precision before overflow */
  {"", DEC_SYNTAX, 0},
  {"+", DEC_SYNTAX, 0},
  {"-", DEC_SYNTAX, 0},
  {".", DEC_SYNTAX, 0},
  {".5", DEC_SYNTAX, 0},
  {"5.", DEC_SYNTAX, 0},
  {"-.5", DEC_SYNTAX, 0},
  {"1.2.3", DEC_SYNTAX, 0},
  {"1e3", DEC_SYNTAX, 0},
  {" 1", DEC_SYNTAX, 0},
  {"1 ", DEC_SYNTAX, 0},
  {"1,000", DEC_SYNTAX, 0},
  {"--1", DEC_SYNTAX, 0},
  {"+-1", DEC_SYNTAX, 0},
  {"0x10", DEC_SYNTAX, 0},
  {"1.x", DEC_SYNTAX, 0},
  {"9999999999999999999999x", DEC_SYNTAX, 0},  /* syntax before overflow */
};

START_TEST(test_parse_table) {
  const char *text = parse_cases[_i].text;
  Dec d = 42;
  DecStatus st = dec_parse(text, strlen(text), &d);
  ck_assert_msg(st == parse_cases[_i].status, "\"%s\": status %d, want %d",
                text, (int)st, (int)parse_cases[_i].status);
  if (st == DEC_OK)
    ck_assert_int_eq(d, parse_cases[_i].raw);
  else
    ck_assert_int_eq(d, 42);   /* untouched on error */
}
END_TEST

START_TEST(test_parse_uses_len) {
  Dec d;
  ck_assert_int_eq(dec_parse("12.5junk", 4, &d), DEC_OK);
  ck_assert_int_eq(d, D("12.5"));
  ck_assert_int_eq(dec_parse("12.5", 3, &d), DEC_SYNTAX);   /* "12." */
  ck_assert_int_eq(dec_parse(NULL, 0, &d), DEC_SYNTAX);
  ck_assert_int_eq(dec_parse("1\0", 2, &d), DEC_SYNTAX);    /* embedded NUL */
}
END_TEST

/* ---- dec_format ---- */

static const struct {
  const char *value;
  int digits;
  const char *text;
} format_cases[] = {
  {"580", -1, "580"},
  {"13.45", -1, "13.45"},
  {"-0.5", -1, "-0.5"},
  {"0", -1, "0"},
  {"-0", -1, "0"},
  {"0.000000001", -1, "0.000000001"},
  {"-120.100", -1, "-120.1"},
  {"2.345", 2, "2.35"},        /* half away from zero */
  {"-2.345", 2, "-2.35"},
  {"2.344999999", 2, "2.34"},
  {"0.004", 2, "0.00"},
  {"-0.004", 2, "0.00"},       /* no negative zero */
  {"-0.005", 2, "-0.01"},
  {"-0.4", 0, "0"},
  {"-0.5", 0, "-1"},
  {"0.5", 0, "1"},
  {"9.995", 2, "10.00"},       /* carry into the integer part */
  {"-99.5", 0, "-100"},
  {"1.5", 3, "1.500"},
  {"1.123456789", 9, "1.123456789"},
  {"1.123456789", 12, "1.123456789"},   /* digits > 9 is 9 */
  {"7", 0, "7"},
  {"7", 1, "7.0"},
  {"9223372036.854775807", -1, "9223372036.854775807"},
  {"9223372036.854775807", 0, "9223372037"},   /* past DEC_MAX: text only */
  {"-9223372036.854775807", 2, "-9223372036.85"},
};

START_TEST(test_format_table) {
  Dec a = D(format_cases[_i].value);
  ck_assert_str_eq(F(a, format_cases[_i].digits), format_cases[_i].text);
}
END_TEST

START_TEST(test_format_snprintf_contract) {
  char buf[8];
  Dec a = D("-1234.5678");
  ck_assert_int_eq(dec_format(a, -1, NULL, 0), 10);
  memset(buf, 'x', sizeof buf);
  ck_assert_int_eq(dec_format(a, -1, buf, sizeof buf), 10);
  ck_assert_str_eq(buf, "-1234.5");          /* truncated, NUL-terminated */
  ck_assert_int_eq(dec_format(a, 1, buf, 1), 7);
  ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_format_extremes_fit_32) {
  char buf[32];
  ck_assert_int_eq(dec_format(DEC_MIN, 9, buf, sizeof buf), 21);
  ck_assert_str_eq(buf, "-9223372036.854775807");
  ck_assert_int_eq(dec_format(INT64_MIN, -1, buf, sizeof buf), 21);
  ck_assert_str_eq(buf, "-9223372036.854775808");
  ck_assert_int_eq(dec_format(DEC_MIN, 0, buf, sizeof buf), 11);
  ck_assert_str_eq(buf, "-9223372037");
}
END_TEST

/* ---- add, sub ---- */

START_TEST(test_add_sub) {
  Dec r;
  ck_assert_int_eq(dec_add(D("0.1"), D("0.2"), &r), DEC_OK);
  ck_assert_int_eq(r, D("0.3"));
  ck_assert_int_eq(dec_sub(D("0.1"), D("0.3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("-0.2"));
  ck_assert_int_eq(dec_add(DEC_MAX, DEC_MIN, &r), DEC_OK);
  ck_assert_int_eq(r, 0);
  ck_assert_int_eq(dec_sub(DEC_MIN, DEC_MIN, &r), DEC_OK);
  ck_assert_int_eq(r, 0);
}
END_TEST

START_TEST(test_add_sub_overflow) {
  Dec r = 42;
  ck_assert_int_eq(dec_add(DEC_MAX, 0, &r), DEC_OK);
  ck_assert_int_eq(dec_add(DEC_MAX - 1, 1, &r), DEC_OK);
  ck_assert_int_eq(r, DEC_MAX);
  r = 42;
  ck_assert_int_eq(dec_add(DEC_MAX, 1, &r), DEC_OVERFLOW);
  ck_assert_int_eq(r, 42);
  ck_assert_int_eq(dec_add(DEC_MIN, -1, &r), DEC_OVERFLOW);   /* INT64_MIN */
  ck_assert_int_eq(dec_add(DEC_MIN, DEC_MIN, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_add(DEC_MAX, DEC_MAX, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_sub(DEC_MIN, 1, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_sub(DEC_MAX, -1, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_sub(0, DEC_MIN, &r), DEC_OK);
  ck_assert_int_eq(r, DEC_MAX);
  ck_assert_int_eq(dec_sub(-1, DEC_MAX, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_sub(0, INT64_MIN, &r), DEC_OVERFLOW);
  ck_assert_int_eq(r, DEC_MAX);   /* untouched */
}
END_TEST

/* ---- mul ---- */

START_TEST(test_mul) {
  Dec r;
  ck_assert_int_eq(dec_mul(D("1.5"), D("2"), &r), DEC_OK);
  ck_assert_int_eq(r, D("3"));
  ck_assert_int_eq(dec_mul(D("-1.5"), D("1.5"), &r), DEC_OK);
  ck_assert_int_eq(r, D("-2.25"));
  ck_assert_int_eq(dec_mul(D("-0.1"), D("-0.1"), &r), DEC_OK);
  ck_assert_int_eq(r, D("0.01"));
  ck_assert_int_eq(dec_mul(D("123456.789"), 0, &r), DEC_OK);
  ck_assert_int_eq(r, 0);
  ck_assert_int_eq(dec_mul(D("100000"), D("90000"), &r), DEC_OK);
  ck_assert_int_eq(r, D("9000000000"));
}
END_TEST

START_TEST(test_mul_rounding) {
  Dec r;
  /* 0.000000001 * 0.5 = 0.0000000005: a tie, away from zero */
  ck_assert_int_eq(dec_mul(1, D("0.5"), &r), DEC_OK);
  ck_assert_int_eq(r, 1);
  ck_assert_int_eq(dec_mul(-1, D("0.5"), &r), DEC_OK);
  ck_assert_int_eq(r, -1);
  ck_assert_int_eq(dec_mul(1, D("0.499999999"), &r), DEC_OK);
  ck_assert_int_eq(r, 0);
  ck_assert_int_eq(dec_mul(D("0.333333333"), D("3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("0.999999999"));
}
END_TEST

START_TEST(test_mul_overflow) {
  Dec r = 42;
  ck_assert_int_eq(dec_mul(D("100000"), D("100000"), &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_mul(DEC_MAX, D("-1.000000001"), &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_mul(DEC_MAX, DEC_MAX, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_mul(INT64_MIN, INT64_MIN, &r), DEC_OVERFLOW);
  ck_assert_int_eq(r, 42);
  ck_assert_int_eq(dec_mul(DEC_MAX, D("-1"), &r), DEC_OK);
  ck_assert_int_eq(r, DEC_MIN);
}
END_TEST

/* ---- div ---- */

START_TEST(test_div) {
  Dec r;
  ck_assert_int_eq(dec_div(D("1"), D("3"), &r), DEC_OK);
  ck_assert_str_eq(F(r, -1), "0.333333333");
  ck_assert_int_eq(dec_div(D("2"), D("3"), &r), DEC_OK);
  ck_assert_str_eq(F(r, -1), "0.666666667");
  ck_assert_int_eq(dec_div(D("-2"), D("3"), &r), DEC_OK);
  ck_assert_str_eq(F(r, -1), "-0.666666667");
  ck_assert_int_eq(dec_div(D("2"), D("-3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("-0.666666667"));
  ck_assert_int_eq(dec_div(D("-2"), D("-3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("0.666666667"));
  ck_assert_int_eq(dec_div(D("580"), D("8"), &r), DEC_OK);
  ck_assert_int_eq(r, D("72.5"));
  ck_assert_int_eq(dec_div(1, D("2"), &r), DEC_OK);    /* tie at digit 9 */
  ck_assert_int_eq(r, 1);
  ck_assert_int_eq(dec_div(-1, D("2"), &r), DEC_OK);
  ck_assert_int_eq(r, -1);
  ck_assert_int_eq(dec_div(DEC_MAX, DEC_MAX, &r), DEC_OK);
  ck_assert_int_eq(r, DEC_ONE);
}
END_TEST

START_TEST(test_div_errors) {
  Dec r = 42;
  ck_assert_int_eq(dec_div(D("1"), 0, &r), DEC_DIVZERO);
  ck_assert_int_eq(dec_div(0, 0, &r), DEC_DIVZERO);
  ck_assert_int_eq(dec_div(DEC_MAX, D("0.5"), &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_div(D("10"), 1, &r), DEC_OVERFLOW);  /* 10 / 1e-9 */
  ck_assert_int_eq(r, 42);
  ck_assert_int_eq(dec_div(D("9"), 1, &r), DEC_OK);
  ck_assert_int_eq(r, D("9000000000"));
}
END_TEST

/* ---- muldiv ---- */

START_TEST(test_muldiv) {
  Dec r;
  /* the product 7.5e6 units is 7.5e24 nano-units: far beyond int64 */
  ck_assert_int_eq(dec_muldiv(D("50"), D("150000"), D("160000"), &r), DEC_OK);
  ck_assert_int_eq(r, D("46.875"));
  ck_assert_int_eq(dec_muldiv(D("1"), D("2"), D("3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("0.666666667"));
  ck_assert_int_eq(dec_muldiv(D("-1"), D("2"), D("3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("-0.666666667"));
  ck_assert_int_eq(dec_muldiv(D("-1"), D("-2"), D("-3"), &r), DEC_OK);
  ck_assert_int_eq(r, D("-0.666666667"));
  ck_assert_int_eq(dec_muldiv(DEC_MAX, DEC_MAX, DEC_MAX, &r), DEC_OK);
  ck_assert_int_eq(r, DEC_MAX);
  ck_assert_int_eq(dec_muldiv(DEC_MIN, DEC_MAX, DEC_MAX, &r), DEC_OK);
  ck_assert_int_eq(r, DEC_MIN);
  ck_assert_int_eq(dec_muldiv(1, 1, 2, &r), DEC_OK);   /* tie, one rounding */
  ck_assert_int_eq(r, 1);
}
END_TEST

START_TEST(test_muldiv_errors) {
  Dec r = 42;
  ck_assert_int_eq(dec_muldiv(D("1"), D("2"), 0, &r), DEC_DIVZERO);
  ck_assert_int_eq(dec_muldiv(DEC_MAX, DEC_MAX, DEC_ONE, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_muldiv(DEC_MAX, D("2"), D("1.999999999"), &r),
                   DEC_OVERFLOW);
  ck_assert_int_eq(r, 42);
}
END_TEST

/* ---- round, cmp, is_integral, from_int ---- */

START_TEST(test_round) {
  ck_assert_int_eq(dec_round(D("2.345"), 2), D("2.35"));
  ck_assert_int_eq(dec_round(D("-2.345"), 2), D("-2.35"));
  ck_assert_int_eq(dec_round(D("2.3449"), 2), D("2.34"));
  ck_assert_int_eq(dec_round(D("0.5"), 0), D("1"));
  ck_assert_int_eq(dec_round(D("-0.5"), 0), D("-1"));
  ck_assert_int_eq(dec_round(D("-0.4"), 0), 0);
  ck_assert_int_eq(dec_round(D("1.123456789"), 9), D("1.123456789"));
  ck_assert_int_eq(dec_round(D("1.123456789"), 99), D("1.123456789"));
  ck_assert_int_eq(dec_round(D("1.5"), -3), D("2"));   /* clamped to 0 */
}
END_TEST

START_TEST(test_round_range_edge) {
  Dec r = 42;
  ck_assert_int_eq(dec_round_checked(DEC_MAX, 0, &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_round_checked(DEC_MIN, 1, &r), DEC_OVERFLOW);
  ck_assert_int_eq(r, 42);
  ck_assert_int_eq(dec_round_checked(DEC_MAX, 2, &r), DEC_OK);
  ck_assert_int_eq(r, D("9223372036.85"));
  ck_assert_int_eq(dec_round(DEC_MAX, 0), D("9223372036"));
  ck_assert_int_eq(dec_round(DEC_MIN, 3), D("-9223372036.854"));
}
END_TEST

START_TEST(test_cmp) {
  ck_assert_int_eq(dec_cmp(D("1.1"), D("1.10")), 0);
  ck_assert_int_eq(dec_cmp(D("-1"), D("0.5")), -1);
  ck_assert_int_eq(dec_cmp(D("0.000000002"), 1), 1);
  ck_assert_int_eq(dec_cmp(DEC_MIN, DEC_MAX), -1);
  ck_assert_int_eq(dec_cmp(DEC_MAX, DEC_MIN), 1);
}
END_TEST

START_TEST(test_is_integral) {
  ck_assert_int_eq(dec_is_integral(0), 1);
  ck_assert_int_eq(dec_is_integral(D("580")), 1);
  ck_assert_int_eq(dec_is_integral(D("-3")), 1);
  ck_assert_int_eq(dec_is_integral(D("3.000000001")), 0);
  ck_assert_int_eq(dec_is_integral(D("-0.5")), 0);
  ck_assert_int_eq(dec_is_integral(DEC_MAX), 0);
}
END_TEST

START_TEST(test_from_int) {
  Dec r = 42;
  ck_assert_int_eq(dec_from_int(-7, &r), DEC_OK);
  ck_assert_int_eq(r, D("-7"));
  ck_assert_int_eq(dec_from_int(INT64_C(9223372036), &r), DEC_OK);
  ck_assert_int_eq(r, D("9223372036"));
  ck_assert_int_eq(dec_from_int(INT64_C(-9223372036), &r), DEC_OK);
  r = 42;
  ck_assert_int_eq(dec_from_int(INT64_C(9223372037), &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_from_int(INT64_C(-9223372037), &r), DEC_OVERFLOW);
  ck_assert_int_eq(dec_from_int(INT64_MIN, &r), DEC_OVERFLOW);
  ck_assert_int_eq(r, 42);
}
END_TEST

#define N_ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *dec_suite(void) {
  Suite *s = suite_create("dec");
  TCase *tc_parse = tcase_create("parse");
  TCase *tc_format = tcase_create("format");
  TCase *tc_arith = tcase_create("arith");
  TCase *tc_misc = tcase_create("misc");

  tcase_add_loop_test(tc_parse, test_parse_table, 0, N_ROWS(parse_cases));
  tcase_add_test(tc_parse, test_parse_uses_len);

  tcase_add_loop_test(tc_format, test_format_table, 0, N_ROWS(format_cases));
  tcase_add_test(tc_format, test_format_snprintf_contract);
  tcase_add_test(tc_format, test_format_extremes_fit_32);

  tcase_add_test(tc_arith, test_budget_sum_exact);
  tcase_add_test(tc_arith, test_add_sub);
  tcase_add_test(tc_arith, test_add_sub_overflow);
  tcase_add_test(tc_arith, test_mul);
  tcase_add_test(tc_arith, test_mul_rounding);
  tcase_add_test(tc_arith, test_mul_overflow);
  tcase_add_test(tc_arith, test_div);
  tcase_add_test(tc_arith, test_div_errors);
  tcase_add_test(tc_arith, test_muldiv);
  tcase_add_test(tc_arith, test_muldiv_errors);

  tcase_add_test(tc_misc, test_round);
  tcase_add_test(tc_misc, test_round_range_edge);
  tcase_add_test(tc_misc, test_cmp);
  tcase_add_test(tc_misc, test_is_integral);
  tcase_add_test(tc_misc, test_from_int);

  suite_add_tcase(s, tc_parse);
  suite_add_tcase(s, tc_format);
  suite_add_tcase(s, tc_arith);
  suite_add_tcase(s, tc_misc);
  return s;
}
