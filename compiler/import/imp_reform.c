/*
 * imp_reform.c - 指标值 in the forms tables use that the language does not
 * take as they stand ([IMPORT-REFORM] in docs/import.md).
 *
 * Each rule rewrites the value into a form of the language when the
 * meaning is plain: a comparison written twice (`≥95%以上`, `≤3个月内`,
 * `≥90%（含）`), a unit in brackets (`≥100（人）`), `达到95%`, a date with
 * dots or slashes (`2024.12.31前`), a deadline or year without its year
 * (`12月底前`, `6月30日前`, `年底前`, `年内完成`: the document's year), a
 * year as a period (`2024年度`, `当年`).  The caller parses the result and
 * reports the rewrite as a repair; a rewrite that does not parse is not
 * used.
 */
#include <stdlib.h>
#include <string.h>

#include "imp_internal.h"
#include "support/i18n.h"

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n > k && !strcmp(s + n - k, tail);
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Digits at s (at most max of them): their number, *n their count. */
static int digits(const char *s, size_t max, size_t *n) {
  int v = 0;
  for (*n = 0; *n < max && is_digit(s[*n]); (*n)++) v = v * 10 + (s[*n] - '0');
  return v;
}

size_t imp_month_day(const char *s, int *m, int *d) {
  size_t n1, n2;
  *m = digits(s, 2, &n1);
  if (!n1 || strncmp(s + n1, "月", 3)) return 0;
  *d = digits(s + n1 + 3, 2, &n2);
  if (!n2 || strncmp(s + n1 + 3 + n2, "日", 3) || *m < 1 || *m > 12 || *d < 1 || *d > 31)
    return 0;
  return n1 + 3 + n2 + 3;
}

/* The year the document names (or --year), else 0. */
static int known_year(const ImpCtx *c) {
  if (c->opt->year > 0) return c->opt->year;
  return c->year && !c->year_conflict ? atoi(c->year) : 0;
}

/* `≥95%以上`: a comparison after the value that repeats the one before
 * it, or `（含）` (the bound counts: `>90%（含）` is ≥90%); v without it,
 * or NULL. */
static const char *twice(ImpCtx *c, const char *v, int *incl) {
  int up = !strncmp(v, "≥", 3) || v[0] == '>';
  int down = !strncmp(v, "≤", 3) || v[0] == '<';
  if (!up && !down) return NULL;
  static const char *const incls[] = {"（含）", "(含)", "（含本数）", "(含本数)"};
  for (size_t i = 0; i < sizeof incls / sizeof incls[0]; i++) {
    if (!ends_with(v, incls[i])) continue;
    *incl = 1;
    const char *core = arena_strndup(c->a, v, strlen(v) - strlen(incls[i]));
    /* 含: the bound itself counts, so > is ≥ and < is ≤ */
    if (core[0] == '>' || core[0] == '<')
      core = arena_printf(c->a, "%s%s", core[0] == '>' ? "≥" : "≤", core + 1);
    return core;
  }
  /* the words of a comparison after the value (imp_post_cmp), when they
   * agree with the one before it */
  const char *sym;
  size_t k = imp_post_cmp(v, &sym);
  if (k && (strcmp(sym, "≥") == 0) == up) return arena_strndup(c->a, v, strlen(v) - k);
  return NULL;
}

/* `≥100（人）`: the unit out of its brackets, or NULL. */
static const char *bracket_unit(ImpCtx *c, const char *v) {
  const char *open = strstr(v, "（");
  size_t skip = 3;
  if (!open) open = strchr(v, '('), skip = 1;
  if (!open || open == v || !is_digit(open[-1])) return NULL;
  const char *in = open + skip;
  size_t n = strlen(in);
  size_t close = ends_with(in, "）") ? 3 : ends_with(in, ")") ? 1 : 0;
  if (!close || n <= close) return NULL;
  return arena_printf(c->a, "%.*s%.*s", (int)(open - v), v, (int)(n - close), in);
}

/* `达到95%`: ≥, or NULL. */
static const char *reach(ImpCtx *c, const char *v) {
  static const char *const words[] = {"达到", "达"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    size_t k = strlen(words[i]);
    if (!strncmp(v, words[i], k) && is_digit(v[k])) return arena_printf(c->a, "≥%s", v + k);
  }
  return NULL;
}

/* `100%完成`, `≥95%完成`: the share and what is to be complete, the
 * share alone; or NULL.  Only after a % : `5场完成` stays a text. */
static const char *share_done(ImpCtx *c, const char *v) {
  size_t n = strlen(v), k = strlen("完成"), pct = strlen("％");
  if (n <= k + 2 || strcmp(v + n - k, "完成")) return NULL;
  n -= k;
  if (v[n - 1] == '%' && is_digit(v[n - 2])) return arena_strndup(c->a, v, n);
  if (n > pct + 1 && !strncmp(v + n - pct, "％", pct) && is_digit(v[n - pct - 1]))
    return arena_printf(c->a, "%.*s%%", (int)(n - pct), v);
  return NULL;
}

/* The end of a deadline after its date: 前, 之前, 前完成, 之前完成 (its
 * length at s, 0 when s is none of them). */
static size_t before_tail(const char *s) {
  static const char *const tails[] = {"之前完成", "前完成", "之前", "前"};
  for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
    if (!strcmp(s, tails[i])) return strlen(tails[i]);
  return 0;
}

/* `2024.12.31前`, `2024/12/31之前`, `2024-12-31前完成`: Y年M月D日前, or NULL. */
static const char *dotted(ImpCtx *c, const char *v) {
  size_t n1, n2, n3;
  int y = digits(v, 4, &n1);
  if (n1 != 4 || (v[4] != '.' && v[4] != '/' && v[4] != '-')) return NULL;
  char sep = v[4];
  int m = digits(v + 5, 2, &n2);
  if (!n2 || v[5 + n2] != sep) return NULL;
  int d = digits(v + 6 + n2, 2, &n3);
  const char *tail = v + 6 + n2 + n3;
  if (!n3 || !before_tail(tail)) return NULL;
  return arena_printf(c->a, "%d年%d月%d日前", y, m, d);
}

/* `12月底前`, `6月30日前`, `年底前`, `年内完成`: with the document's year. */
static const char *yearless(ImpCtx *c, const char *v) {
  int y = known_year(c);
  if (!y) return NULL;
  if (!strcmp(v, "年底前") || !strcmp(v, "年底前完成") || !strcmp(v, "年内完成") ||
      !strcmp(v, "年底完成"))
    return arena_printf(c->a, "%d年底前", y);
  size_t n;
  int m = digits(v, 2, &n), d;
  if (n && !strncmp(v + n, "月底", 6) && before_tail(v + n + 6))
    return arena_printf(c->a, "%d年%d月底前", y, m);
  if ((n = imp_month_day(v, &m, &d)) && before_tail(v + n))
    return arena_printf(c->a, "%d年%d月%d日前", y, m, d);
  return NULL;
}

/* `2024年度`: the period 2024年内; `当年`, `本年度`, `年内`: 全年. */
static const char *period(ImpCtx *c, const char *v) {
  size_t n;
  int y = digits(v, 4, &n);
  if (n == 4 && !strcmp(v + 4, "年度")) return arena_printf(c->a, "%d年内", y);
  static const char *const whole[] = {"当年", "本年", "本年度", "年内", "当年内"};
  for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
    if (!strcmp(v, whole[i])) return "全年";
  return NULL;
}

const char *imp_reform(ImpCtx *c, const char *value, const char **zh, const char **en) {
  const char *v = imp_halfwidth(c->a, imp_nospace(c->a, value)), *r;
  int incl = 0;
  if ((r = twice(c, v, &incl))) {
    *zh = incl ? "注明含本数" : "比较写了两次";
    *en = incl ? _("（含） says the bound counts") : _("the comparison is written twice");
    const char *more = bracket_unit(c, r);
    return more ? more : r;
  }
  if ((r = bracket_unit(c, v))) return *zh = "单位在括号中", *en = _("the unit is in brackets"), r;
  if ((r = reach(c, v))) return *zh = "“达到”即≥", *en = _("达到 is ≥"), r;
  if ((r = share_done(c, v)))
    return *zh = "“完成”为比率所指", *en = _("完成 names what the share is of"), r;
  if ((r = dotted(c, v)))
    return *zh = "日期以点或斜线分隔", *en = _("the date is written with dots or slashes"), r;
  if ((r = yearless(c, v)))
    return *zh = "日期未写年份，取文档的年度", *en = _("the date names no year, so it is the document's"), r;
  if ((r = period(c, v)))
    return *zh = "以年为目标即期间目标", *en = _("a year as a target is a period target"), r;
  return NULL;
}
