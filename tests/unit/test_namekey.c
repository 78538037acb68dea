/*
 * test_namekey.c - matching keys for indicator and project names
 * ([IND-1], compiler/support/namekey.c).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "text/namekey.h"

/* name_key of a NUL-terminated string, checked against want. */
static void check_key(const char *name, const char *want) {
  char *k = name_key(name, strlen(name));
  ck_assert_ptr_nonnull(k);
  ck_assert_msg(strcmp(k, want) == 0, "key of \"%s\": got \"%s\", want \"%s\"",
                name, k, want);
  /* The key of a key is the key itself. */
  char *kk = name_key(k, strlen(k));
  ck_assert_str_eq(kk, k);
  free(kk);
  /* name_key_in gives the same key, in the buffer or (a name that is not
   * its own key, or one too long for the buffer) allocated */
  char buf[64], tiny[2];
  char *in = name_key_in(name, strlen(name), buf, sizeof buf);
  ck_assert_ptr_nonnull(in);
  ck_assert_str_eq(in, k);
  if (in == buf) ck_assert_str_eq(name, k);
  if (in != buf) free(in);
  in = name_key_in(name, strlen(name), tiny, sizeof tiny);
  ck_assert_ptr_nonnull(in);
  ck_assert_str_eq(in, k);
  if (strlen(name) >= sizeof tiny) ck_assert_ptr_ne(in, tiny);
  if (in != tiny) free(in);
  free(k);
}

START_TEST(spaces) {
  check_key("12355 工单 处置比例", "12355工单处置比例");
  check_key("12355工单处置比例", "12355工单处置比例");
  check_key(" \t举办\r\n活动\v\f场次 ", "举办活动场次");
  check_key("举办\xE3\x80\x80活动", "举办活动");          /* U+3000 */
  check_key("举办\xC2\xA0活动", "举办活动");              /* U+00A0 */
  check_key("举办\xE2\x80\x8B活动", "举办活动");          /* U+200B */
  check_key("\xEF\xBB\xBF举办活动", "举办活动");          /* U+FEFF */
  check_key("a\xE2\x80\x83" "b\xE2\x80\xA8" "c\xE1\x9A\x80" "d", "abcd");
  check_key("a\xC2\x85" "b\xE2\x80\xAF" "c\xE2\x81\x9F" "d", "abcd");
  check_key("   ", "");
  check_key("", "");
}
END_TEST

START_TEST(full_width) {
  check_key("（含税）", "(含税)");
  check_key("完成率：≥９５％，按期", "完成率:≥95%,按期");
  check_key("ＡＢＣ１２３", "ABC123");
  check_key("ＰＭ２．５浓度", "PM2.5浓度");
  check_key("\xEF\xBC\x82" "x" "\xEF\xBC\x82", "\"x\""); /* ＂x＂ */
  check_key("ｶﾀｶﾅ", "カタカナ"); /* half-width katakana widen */
  check_key("、。", "、。");     /* no half-width form: unchanged */
}
END_TEST

START_TEST(quotes) {
  check_key("“优秀”等级", "\"优秀\"等级");
  check_key("‘甲’", "'甲'");
  ck_assert_int_eq(name_equal("“优秀”等级", "\"优秀\" 等级"), 1);
}
END_TEST

START_TEST(case_and_content_kept) {
  check_key("PM2.5", "PM2.5");
  ck_assert_int_eq(name_equal("pm2.5", "PM2.5"), 0);
  ck_assert_int_eq(name_equal("工单处置比例", "工单处理比例"), 0);
  ck_assert_int_eq(name_equal("(含税)", "含税"), 0);
}
END_TEST

START_TEST(equal) {
  ck_assert_int_eq(name_equal("12355 工单 处置比例", "12355工单处置比例"), 1);
  ck_assert_int_eq(name_equal("（含税）", "(含税)"), 1);
  ck_assert_int_eq(name_equal("设备完好率（％）", "设备完好率 (%)"), 1);
  ck_assert_int_eq(name_equal("", " "), 1);
  ck_assert_int_eq(name_equal("a", "b"), 0);
}
END_TEST

START_TEST(normalisation) {
  /* Composed and decomposed forms are one key. */
  check_key("e\xCC\x81", "\xC3\xA9");
  /* A space removed between a letter and a combining mark: composed again,
     so the key stays a fixed point. */
  check_key("e \xCC\x81", "\xC3\xA9");
  check_key("\xE2\x84\xA2", "TM"); /* ™ */
  check_key("\xE2\x91\xA0", "1");  /* ① */
}
END_TEST

START_TEST(length_and_nul) {
  char *k = name_key("工单 处置比例", 6); /* "工单" only */
  ck_assert_str_eq(k, "工单");
  free(k);
  k = name_key("ab\0cd", 5); /* up to the NUL */
  ck_assert_str_eq(k, "ab");
  free(k);
}
END_TEST

START_TEST(invalid_utf8) {
  /* Not normalised: bytes without ASCII whitespace. */
  char *k = name_key("a \xFF" "b", 4);
  ck_assert_ptr_nonnull(k);
  ck_assert_str_eq(k, "a\xFF" "b");
  free(k);
  k = name_key("\xED\xA0\x80", 3); /* a surrogate */
  ck_assert_str_eq(k, "\xED\xA0\x80");
  free(k);
  ck_assert_int_eq(name_equal("x \xFF", "x\xFF"), 1);
  ck_assert_int_eq(name_equal("ｘ\xFF", "x\xFF"), 0);
}
END_TEST

Suite *namekey_suite(void); /* called by check_main.c */

Suite *namekey_suite(void) {
  Suite *s = suite_create("namekey");
  TCase *tc = tcase_create("key");
  tcase_add_test(tc, spaces);
  tcase_add_test(tc, full_width);
  tcase_add_test(tc, quotes);
  tcase_add_test(tc, case_and_content_kept);
  tcase_add_test(tc, equal);
  tcase_add_test(tc, normalisation);
  tcase_add_test(tc, length_and_nul);
  tcase_add_test(tc, invalid_utf8);
  suite_add_tcase(s, tc);
  return s;
}
