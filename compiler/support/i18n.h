/*
 * i18n.h - the language of indc's messages (docs/i18n.md).
 *
 * Diagnostics, warnings, help texts and the CLI's own messages are written
 * in English in the source and translated through gettext (text domain
 * "indc", po/zh_CN.po).  The language is chosen once, at start-up, by
 * i18n_init: `--lang zh|en` when given, else the locale (LC_ALL, then
 * LC_MESSAGES, then LANG; LANGUAGE's first entry before them, as gettext
 * does).  A locale naming Chinese (zh, zh_CN.UTF-8, zh_TW …) selects
 * Chinese; any other, and C/POSIX, English.
 *
 * Chinese works even where the zh_CN locale is not installed (a minimal
 * Debian has only C.UTF-8): i18n_init then sets LC_MESSAGES to C.UTF-8
 * and LANGUAGE to zh_CN, which glibc's gettext honours, and asks for UTF-8
 * output whatever the locale's character set.
 *
 * Scorecards (libindrt's report writers) do not use gettext: the library
 * has no global state, so a host chooses their language per call
 * (RepOptions.en).  The CLI passes i18n_report_en() there.  Likewise the
 * data loaders' messages: they go through a translate callback of the
 * load (DataSink.translate), for which the CLI passes i18n_translator().
 */
#ifndef INDC_I18N_H
#define INDC_I18N_H

typedef enum I18nLang { I18N_EN, I18N_ZH } I18nLang;

/*
 * Choose the language: name is "zh" or "en" (from --lang; also "zh_CN",
 * "zh-CN", "en_US" …), or NULL to follow the locale.  Binds the text
 * domain to the first of: $INDC_LOCALEDIR, <directory of the executable>/
 * ../share/locale (an installed or a build tree), the install prefix's
 * locale directory.  Returns 0, or -1 when name is not a language indc
 * speaks (nothing is changed then).
 */
int i18n_init(const char *name);

/* The language of messages (English until i18n_init chose another). */
I18nLang i18n_lang(void);
/* The language --lang asked for, or -1 when it was not given. */
int i18n_forced(void);

/*
 * Whether scorecard headings should be English: --lang en, or a locale
 * naming English (en_US.UTF-8 …).  Without --lang and without a locale
 * that names a language (C, POSIX, unset), scorecards stay in Chinese,
 * the language of the 绩效自评表 they stand for.
 */
int i18n_report_en(void);

/* Translate a message (its English text, the msgid). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
/* Translate with a plural: n selects msgid or msgid_plural (English rule)
 * or the translation's plural form. */
const char *i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

/* A libindrt translate callback (DataSink.translate) that translates
 * through i18n_text, its user data unused; NULL when the language is
 * English, so that the loaders' English messages are left untouched. */
typedef const char *(*I18nTranslate)(void *ud, const char *msgid);
I18nTranslate i18n_translator(void);

#define _(s) i18n_text(s)
/* Marks a string for translation where it is defined (a table); translate
 * with _() where it is used. */
#define N_(s) (s)

#endif
