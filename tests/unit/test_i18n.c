/*
 * test_i18n.c - choosing the language of messages from --lang and the
 * locale, and translating through the catalogue (compiler/support/i18n.c,
 * docs/i18n.md).  The catalogue comes from the build tree: CTest sets
 * INDC_LOCALEDIR to <build>/share/locale.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/support/i18n.h"

/* A clean environment: no locale variable set. */
static void clear_env(void) {
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  unsetenv("LANG");
  unsetenv("LANGUAGE");
}

static void teardown(void) {
  clear_env();
  i18n_init("en");
}

/* The language i18n_init(NULL) chooses with LANG=lang (and LANGUAGE). */
static I18nLang from_env(const char *lang, const char *language) {
  clear_env();
  if (lang) setenv("LANG", lang, 1);
  if (language) setenv("LANGUAGE", language, 1);
  ck_assert_int_eq(i18n_init(NULL), 0);
  return i18n_lang();
}

START_TEST(lang_option) {
  clear_env();
  ck_assert_int_eq(i18n_init("zh"), 0);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
  ck_assert_int_eq(i18n_forced(), I18N_ZH);
  ck_assert_int_eq(i18n_report_en(), 0);
  ck_assert_int_eq(i18n_init("en"), 0);
  ck_assert_int_eq(i18n_lang(), I18N_EN);
  ck_assert_int_eq(i18n_report_en(), 1);
  ck_assert_int_eq(i18n_init("zh_CN"), 0);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
  ck_assert_int_eq(i18n_init("zh-CN"), 0);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
  /* unknown names change nothing */
  ck_assert_int_eq(i18n_init("fr"), -1);
  ck_assert_int_eq(i18n_init("zhx"), -1);
  ck_assert_int_eq(i18n_init(""), -1);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
}
END_TEST

START_TEST(locale_names) {
  ck_assert_int_eq(from_env("zh_CN.UTF-8", NULL), I18N_ZH);
  ck_assert_int_eq(i18n_report_en(), 0);
  ck_assert_int_eq(i18n_forced(), -1);
  ck_assert_int_eq(from_env("zh_TW.UTF-8", NULL), I18N_ZH);
  ck_assert_int_eq(from_env("zh", NULL), I18N_ZH);
  ck_assert_int_eq(from_env("en_US.UTF-8", NULL), I18N_EN);
  ck_assert_int_eq(i18n_report_en(), 1);
  ck_assert_int_eq(from_env("C.UTF-8", NULL), I18N_EN);
  ck_assert_int_eq(i18n_report_en(), 0); /* names no language: Chinese scorecards */
  ck_assert_int_eq(from_env(NULL, NULL), I18N_EN);
  ck_assert_int_eq(i18n_report_en(), 0);
  ck_assert_int_eq(from_env("de_DE.UTF-8", NULL), I18N_EN);
  ck_assert_int_eq(i18n_report_en(), 0);
}
END_TEST

START_TEST(locale_precedence) {
  /* LANGUAGE first, as gettext reads it, but not under C or POSIX */
  ck_assert_int_eq(from_env("C.UTF-8", "zh_CN:en"), I18N_ZH);
  ck_assert_int_eq(from_env("en_US.UTF-8", "zh_CN"), I18N_ZH);
  ck_assert_int_eq(from_env("C", "zh_CN"), I18N_EN);
  ck_assert_int_eq(from_env("POSIX", "zh_CN"), I18N_EN);
  ck_assert_int_eq(from_env("zh_CN.UTF-8", "en"), I18N_EN);
  /* LC_ALL over LC_MESSAGES over LANG */
  clear_env();
  setenv("LANG", "en_US.UTF-8", 1);
  setenv("LC_MESSAGES", "zh_CN.UTF-8", 1);
  i18n_init(NULL);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
  setenv("LC_ALL", "C", 1);
  i18n_init(NULL);
  ck_assert_int_eq(i18n_lang(), I18N_EN);
  /* an empty variable counts as unset */
  setenv("LC_ALL", "", 1);
  i18n_init(NULL);
  ck_assert_int_eq(i18n_lang(), I18N_ZH);
}
END_TEST

START_TEST(translates) {
  clear_env();
  ck_assert_int_eq(i18n_init("en"), 0);
  ck_assert_str_eq(_("error"), "error");
  ck_assert_str_eq(i18n_plural("%zu error", "%zu errors", 1), "%zu error");
  ck_assert_str_eq(i18n_plural("%zu error", "%zu errors", 2), "%zu errors");
  ck_assert_int_eq(i18n_init("zh"), 0);
  ck_assert_str_eq(_("error"), "错误");
  ck_assert_str_eq(_("warning"), "警告");
  /* one plural form in Chinese, with the directive kept */
  const char *one = i18n_plural("%zu error", "%zu errors", 1);
  const char *two = i18n_plural("%zu error", "%zu errors", 2);
  ck_assert_str_eq(one, two);
  ck_assert_ptr_nonnull(strstr(one, "%zu"));
  ck_assert_ptr_nonnull(strstr(one, "错误"));
  /* what is not in the catalogue comes back unchanged */
  ck_assert_str_eq(_("no such message, surely"), "no such message, surely");
  ck_assert_str_eq(_(""), "");
}
END_TEST

Suite *i18n_suite(void) {
  Suite *s = suite_create("i18n");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, lang_option);
  tcase_add_test(tc, locale_names);
  tcase_add_test(tc, locale_precedence);
  tcase_add_test(tc, translates);
  suite_add_tcase(s, tc);
  return s;
}
