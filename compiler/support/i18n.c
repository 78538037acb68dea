/*
 * i18n.c - choosing the language of messages and translating them
 * through gettext (i18n.h, docs/i18n.md).
 */
#include "i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INDC_INSTALL_LOCALEDIR
#define INDC_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

#define I18N_DOMAIN "indc"
#define I18N_MO "/zh_CN/LC_MESSAGES/" I18N_DOMAIN ".mo"

/* The only state: what i18n_init chose, read by every translation.  The
 * CLI sets it once before anything else runs. */
static I18nLang i18n_cur = I18N_EN;
static int i18n_report_english;
static int i18n_forced_lang = -1;

enum { NAMES_NONE = -1 };

/* The language a locale or --lang name names: "zh…" Chinese, "en…"
 * English, else NAMES_NONE (C, POSIX, unknown). */
static int i18n_names(const char *s) {
  if (!s) return NAMES_NONE;
  if (!strncmp(s, "zh", 2) && (s[2] == '\0' || strchr("_-.@:", s[2]))) return I18N_ZH;
  if (!strncmp(s, "en", 2) && (s[2] == '\0' || strchr("_-.@:", s[2]))) return I18N_EN;
  return NAMES_NONE;
}

static const char *i18n_env(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

/* A locale that names no language: C, POSIX, or none (NULL). */
static int i18n_is_c(const char *loc) {
  return !loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX");
}

/* POSIX precedence: LC_ALL, LC_MESSAGES, LANG; then, as gettext does,
 * LANGUAGE before them unless the locale is C or POSIX. */
static int i18n_from_locale(void) {
  const char *loc = i18n_env("LC_ALL");
  if (!loc) loc = i18n_env("LC_MESSAGES");
  if (!loc) loc = i18n_env("LANG");
  if (i18n_is_c(loc)) return NAMES_NONE;
  int from_language = i18n_names(i18n_env("LANGUAGE"));
  return from_language != NAMES_NONE ? from_language : i18n_names(loc);
}

/* Whether dir holds our Chinese catalogue. */
static int i18n_has_catalog(const char *dir) {
  char path[PATH_MAX];
  int n = snprintf(path, sizeof path, "%s" I18N_MO, dir);
  return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* <directory of the running executable>/../share/locale into buf. */
static int i18n_exe_localedir(char *buf, size_t cap) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return 0;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return 0;
  *slash = '\0';
  int m = snprintf(buf, cap, "%s/../share/locale", exe);
  return m > 0 && (size_t)m < cap;
}

static void i18n_bind(void) {
  char dir[PATH_MAX];
  const char *env = i18n_env("INDC_LOCALEDIR");
  const char *use = INDC_INSTALL_LOCALEDIR;
  if (env) use = env;
  else if (i18n_exe_localedir(dir, sizeof dir) && i18n_has_catalog(dir)) use = dir;
  bindtextdomain(I18N_DOMAIN, use);
  bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
}

/* Make gettext look up Chinese even when zh_CN is not an installed
 * locale: LC_MESSAGES must not be C or POSIX (glibc ignores LANGUAGE
 * there), and LANGUAGE names the catalogue. */
/* Set category to the user's locale, or to C.UTF-8 where that is C. */
static void i18n_locale_utf8(int category) {
  if (i18n_is_c(setlocale(category, "")) && !setlocale(category, "C.UTF-8"))
    setlocale(category, "C.utf8");
}

/* LC_CTYPE as well: the C library's own messages (strerror) are converted
 * to its character set, and ASCII would turn Chinese into '?'.  indc reads
 * and writes UTF-8 by itself and calls no locale-dependent ctype or wide
 * character function. */
static void i18n_select_zh(void) {
  i18n_locale_utf8(LC_MESSAGES);
  i18n_locale_utf8(LC_CTYPE);
  setenv("LANGUAGE", "zh_CN", 1);
}

int i18n_init(const char *name) {
  int chosen = name ? i18n_names(name) : i18n_from_locale();
  if (name && chosen == NAMES_NONE) return -1;
  i18n_report_english = chosen == I18N_EN;
  i18n_forced_lang = name ? chosen : -1;
  i18n_cur = chosen == I18N_ZH ? I18N_ZH : I18N_EN;
  if (i18n_cur == I18N_ZH) {
    i18n_select_zh();
    i18n_bind();
  }
  return 0;
}

I18nLang i18n_lang(void) { return i18n_cur; }

int i18n_forced(void) { return i18n_forced_lang; }

int i18n_report_en(void) { return i18n_report_english; }

const char *i18n_text(const char *msgid) {
  if (i18n_cur == I18N_EN || !msgid || !*msgid) return msgid;
  return dgettext(I18N_DOMAIN, msgid);
}

static const char *i18n_text_cb(void *ud, const char *msgid) {
  (void)ud;
  return i18n_text(msgid);
}

I18nTranslate i18n_translator(void) { return i18n_cur == I18N_ZH ? i18n_text_cb : NULL; }

const char *i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n) {
  if (i18n_cur == I18N_EN) return n == 1 ? msgid : msgid_plural;
  return dngettext(I18N_DOMAIN, msgid, msgid_plural, n);
}
