/*
 * policy.c - scoring policies (docs/scoring.md, [POLICY-1]).
 *
 * The prelude's 评分规则 gives every setting (财预〔2020〕10号).  A file's
 * policy is the prelude's, then the settings of the files it imports
 * (depth first, each once), then its own: a later setting of a key
 * overrides an earlier one.  Every key has a Chinese and an English name.
 */
#include <string.h>

#include "sema_internal.h"
#include "support/i18n.h"

/* SK_POINTS: points, at least 0 (their sum is W0007's business: renormalised,
 * a sum of more than 100 is allowed and warned of); SK_GRADE: a grade's
 * threshold, a total out of 100 */
typedef enum SetKind { SK_POINTS, SK_GRADE, SK_SHARE, SK_BAND, SK_REVERSE } SetKind;

typedef struct SettingDef {
  PolicySetting set; /* its names: AST_SETTINGS in front/ast.h */
  SetKind kind;
  size_t off; /* offset of the field in Policy */
} SettingDef;

/* One for each setting of AST_SETTINGS. */
#define OFF(field) offsetof(Policy, field)
static const SettingDef defs[] = {
    {SET_OUTPUT, SK_POINTS, OFF(w_output)},
    {SET_BENEFIT, SK_POINTS, OFF(w_benefit)},
    {SET_SATISFACTION, SK_POINTS, OFF(w_satisfaction)},
    {SET_BUDGET_RATE, SK_POINTS, OFF(w_rate)},
    {SET_REVERSE, SK_REVERSE, OFF(reverse)},
    {SET_MET, SK_BAND, OFF(met)},
    {SET_PARTIAL, SK_BAND, OFF(partial)},
    {SET_UNMET, SK_BAND, OFF(unmet)},
    {SET_EXCELLENT, SK_GRADE, OFF(grade_excellent)},
    {SET_GOOD, SK_GRADE, OFF(grade_good)},
    {SET_FAIR, SK_GRADE, OFF(grade_fair)},
    {SET_OVERSHOOT, SK_SHARE, OFF(overshoot)},
    {SET_LOW_RATE, SK_SHARE, OFF(low_rate)},
    {SET_LAG, SK_SHARE, OFF(lag)},
};
#undef OFF
_Static_assert(sizeof defs / sizeof defs[0] == SET__COUNT, "a def for every setting");
enum { NDEFS = sizeof defs / sizeof defs[0] };

/* The setting that last set each value of a policy (index in defs[]),
 * NULL for the prelude's, so that a check of the resolved policy can point
 * at what the file wrote. */
typedef struct SetBy { const Setting *s[NDEFS]; } SetBy;

static const SettingDef *find_def(const char *key) {
  int set = ast_setting_of(key);
  for (size_t i = 0; set >= 0 && i < sizeof defs / sizeof defs[0]; i++)
    if ((int)defs[i].set == set) return &defs[i];
  return NULL;
}

int sema_setting_weighs(const char *key) {
  const SettingDef *def = find_def(key);
  return !def || def->kind == SK_POINTS; /* an unknown key may be a points key misspelt */
}

/* A number, or a percentage as a fraction (80% is 0.8). */
static int value_of(const Setting *s, int want_share, Dec *out) {
  const Expr *e = s->value;
  if (e->kind != EX_NUM) return 0;
  if (e->unit && strcmp(e->unit, "%") == 0) return dec_div(e->num, 100 * DEC_ONE, out) == DEC_OK;
  if (e->unit) return 0;
  if (want_share) return 0; /* shares are written as percentages */
  *out = e->num;
  return 1;
}

/* The bad_* functions report to dl, or, when it is NULL, not at all: a
 * setting is reported where it is written (apply_file).
 * why: an English reason, translated here (po/update.sh extracts it) */
static void bad_setting(DiagList *dl, const Setting *s, const char *why) {
  if (!dl) return;
  Diag *d = diag_report(dl, E_BAD_POLICY, s->value->span, "invalid value for '%s': %s",
                        s->key, _(why));
  diag_hint(d, "see docs/scoring.md for the settings of 评分规则 and their values");
}

/* A setting with the wrong number of values, reported once (at its first). */
static void bad_count(DiagList *dl, const Setting *s, const char *why) {
  if (!dl || s->index != 0) return;
  Diag *d = diag_report(dl, E_BAD_POLICY, s->span, "invalid value for '%s': %s", s->key,
                        _(why));
  diag_hint(d, "see docs/scoring.md for the settings of 评分规则 and their values");
}

/* A share written as a plain number: suggest the percentage. */
static void bad_share(DiagList *dl, const Setting *s) {
  if (!dl) return;
  Diag *d = diag_report(dl, E_BAD_POLICY, s->value->span,
                        "invalid value for '%s': a percentage expected", s->key);
  Dec pct;
  char buf[32];
  if (dec_mul(s->value->num, 100 * DEC_ONE, &pct) == DEC_OK && pct >= 0) {
    dec_format(pct, -1, buf, sizeof buf);
    diag_hint(d, "shares are written as percentages: %s = %s%%", s->key, buf);
  } else {
    diag_hint(d, "shares are written as percentages, e.g. %s = 90%%", s->key);
  }
}

/* A known key that contains the unknown one or is contained in it (the
 * Chinese names first). */
static const char *near_key(const char *key) {
  for (int lang = LANG_ZH; lang <= LANG_EN; lang++)
    for (int i = 0; i < SET__COUNT; i++) {
      const char *name = ast_setting_name((PolicySetting)i, (Lang)lang);
      if (strstr(name, key) || strstr(key, name)) return name;
    }
  /* else a setting one character off (预算执行律, overshot): at most one
   * edit for up to four characters, a third of the length for longer */
  int32_t cp[64];
  size_t len = src_code_points(key, cp), limit = len <= 4 ? 1 : len / 3, best = limit + 1;
  const char *res = NULL;
  for (int lang = LANG_ZH; lang <= LANG_EN; lang++)
    for (int i = 0; i < SET__COUNT; i++) {
      const char *name = ast_setting_name((PolicySetting)i, (Lang)lang);
      size_t dist = src_edit_distance(key, name);
      if (dist < best) best = dist, res = name;
    }
  return len >= 2 ? res : NULL;
}

/* Apply setting s to pol; an invalid one is reported to dl (unless NULL)
 * and left out. */
static void apply(DiagList *dl, const Setting *s, Policy *pol, SetBy *by) {
  const SettingDef *def = find_def(s->key);
  if (!def) {
    if (!dl || s->index != 0) return; /* one report for `key = a, b, c` */
    Diag *d = diag_report(dl, E_BAD_POLICY, s->key_span, "unknown policy setting '%s'",
                          s->key);
    const char *near = near_key(s->key);
    if (near) diag_hint(d, "did you mean '%s'?", near);
    else
      diag_hint(d, "settings: 产出指标 效益指标 满意度指标 预算执行率 反向公式 达成 部分达成 "
                   "未达成 优 良 中 超额偏差 执行率偏差 进度偏差");
    return;
  }
  char *field = (char *)pol + def->off;
  Dec v;
  switch (def->kind) {
  case SK_POINTS:
  case SK_GRADE:
  case SK_SHARE:
    if (s->count != 1) return bad_count(dl, s, "one value expected");
    if (def->kind == SK_SHARE && s->value->kind == EX_NUM && !s->value->unit)
      return bad_share(dl, s);
    if (!value_of(s, def->kind == SK_SHARE, &v) || v < 0)
      return bad_setting(dl, s, def->kind == SK_SHARE ? N_("a percentage expected, e.g. 90%")
                                                     : N_("a non-negative number expected"));
    if (def->kind == SK_GRADE && v > 100 * DEC_ONE) /* a total is out of 100 */
      return bad_setting(dl, s, N_("a number from 0 to 100 expected"));
    memcpy(field, &v, sizeof v);
    if (by) by->s[def - defs] = s;
    return;
  case SK_BAND:
    if (s->count != 3)
      return bad_count(dl, s, "three percentages expected: low, high, default");
    if (!value_of(s, 1, &v) || v < 0 || v > DEC_ONE)
      /* xgettext:no-c-format */
      return bad_setting(dl, s, "a percentage between 0% and 100% expected");
    memcpy(field + s->index * sizeof(Dec), &v, sizeof v);
    if (by) by->s[def - defs] = s;
    return;
  case SK_REVERSE: {
    const Expr *e = s->value;
    Reverse r;
    const char *w = ast_setting_word(s->key, e, LANG_EN);
    if (w && !strcmp(w, "difference"))
      r = REV_DIFFERENCE;
    else if (w && !strcmp(w, "ratio"))
      r = REV_RATIO;
    else
      return bad_setting(dl, s, "差额 (difference) or 比例 (ratio) expected");
    memcpy(field, &r, sizeof r);
    if (by) by->s[def - defs] = s;
    return;
  }
  }
}

/* Apply the settings of f and of the files it imports (depth first, each
 * once) for the policy of root.  Only root's own settings are reported:
 * an imported file's are reported when its own policy is resolved, so
 * that one slip gives one error, not one per file that imports it. */
static void apply_file(Program *p, const ProgFile *root, ProgFile *f, Policy *pol, SetBy *by,
                       unsigned char *seen) {
  size_t idx = 0;
  while (idx < p->nfiles && p->files[idx] != f) idx++;
  if (idx == p->nfiles || seen[idx]) return;
  seen[idx] = 1;
  for (size_t i = 0; i < f->ast->nimports; i++) {
    uint32_t src = f->ast->imports[i]->file;
    for (size_t j = 0; j < p->nfiles; j++)
      if (p->files[j]->source == src) apply_file(p, root, p->files[j], pol, by, seen);
  }
  for (size_t i = 0; i < f->ast->npolicies; i++) {
    PolicyDecl *pd = f->ast->policies[i];
    for (size_t j = 0; j < pd->nsettings; j++)
      apply(f == root ? &p->diags : NULL, pd->settings[j], pol, by);
  }
}

static const Setting *set_by(const SetBy *by, size_t off) {
  for (size_t i = 0; i < NDEFS; i++)
    if (defs[i].off == off) return by->s[i];
  return NULL;
}

/* Is s a setting of file f itself (not of the prelude or an import)?  The
 * checks of a resolved policy are reported once, in the file that wrote
 * the offending setting. */
static int own(const ProgFile *f, const Setting *s) { return s && s->span.file == f->source; }

static void pct(Dec share, char *buf) {
  Dec v;
  if (dec_mul(share, 100 * DEC_ONE, &v) != DEC_OK) v = share;
  dec_format(v, -1, buf, 32);
}

/* [POLICY-CHECK] Each band lies low <= default <= high (values written
 * low, high, default). */
static void check_bands(Program *p, ProgFile *f, const SetBy *by) {
  const Policy *pol = &f->policy;
  const Band *b[3] = {&pol->met, &pol->partial, &pol->unmet};
  const size_t off[3] = {offsetof(Policy, met), offsetof(Policy, partial),
                         offsetof(Policy, unmet)};
  for (int i = 0; i < 3; i++) {
    const Setting *s = set_by(by, off[i]);
    if (!own(f, s)) continue;
    char lo[32], hi[32], df[32];
    pct(b[i]->lo, lo), pct(b[i]->hi, hi), pct(b[i]->dflt, df);
    Diag *d = NULL;
    if (b[i]->lo > b[i]->hi)
      d = diag_report(&p->diags, E_BAD_POLICY, s->span,
                      "invalid value for '%s': low %s%% is above high %s%%", s->key, lo, hi);
    else if (b[i]->dflt < b[i]->lo || b[i]->dflt > b[i]->hi)
      d = diag_report(&p->diags, E_BAD_POLICY, s->span,
                      "invalid value for '%s': default %s%% is not between low %s%% and high "
                      "%s%%", s->key, df, lo, hi);
    if (d) diag_hint(d, "the values are low, high, default, e.g. 达成 = 80%%, 100%%, 100%%");
  }
}

/* [POLICY-CHECK] The grade thresholds go down, 优 > 良 > 中, so that every
 * grade can be reached. */
static void check_grades(Program *p, ProgFile *f, const SetBy *by) {
  const Policy *pol = &f->policy;
  const Dec v[3] = {pol->grade_excellent, pol->grade_good, pol->grade_fair};
  const size_t off[3] = {offsetof(Policy, grade_excellent), offsetof(Policy, grade_good),
                         offsetof(Policy, grade_fair)};
  static const char *const zh[3] = {"优", "良", "中"};
  for (int i = 1; i < 3; i++) {
    if (v[i] < v[i - 1]) continue;
    const Setting *hi = set_by(by, off[i - 1]), *lo = set_by(by, off[i]);
    const Setting *s = own(f, lo) && (!own(f, hi) || lo->span.lo > hi->span.lo) ? lo : hi;
    if (!own(f, s)) continue;
    char a[32], b[32];
    dec_format(v[i], -1, a, sizeof a);
    dec_format(v[i - 1], -1, b, sizeof b);
    Diag *d = diag_report(&p->diags, E_BAD_POLICY, s->value->span,
                          "grade thresholds out of order: %s = %s is not below %s = %s", zh[i], a,
                          zh[i - 1], b);
    diag_hint(d, "the thresholds go down, 优 > 良 > 中, e.g. 优 = 90, 良 = 80, 中 = 60");
    return;
  }
}

/* [POLICY-CHECK] An overshoot is above the target (more than 100%); an
 * execution rate and a lag are shares of 100%. */
static void check_shares(Program *p, ProgFile *f, const SetBy *by) {
  const Policy *pol = &f->policy;
  const Setting *s = set_by(by, offsetof(Policy, overshoot));
  if (own(f, s) && pol->overshoot <= DEC_ONE) {
    Diag *d = diag_report(&p->diags, E_BAD_POLICY, s->value->span,
                          "invalid value for '%s': an overshoot is above 100%% of the target",
                          s->key);
    diag_hint(d, "actuals at or above this share of a 正向 target are flagged, e.g. %s = 130%%",
              s->key);
  }
  const size_t off[2] = {offsetof(Policy, low_rate), offsetof(Policy, lag)};
  const Dec v[2] = {pol->low_rate, pol->lag};
  for (int i = 0; i < 2; i++) {
    s = set_by(by, off[i]);
    if (own(f, s) && v[i] > DEC_ONE) {
      Diag *d = diag_report(&p->diags, E_BAD_POLICY, s->value->span,
                            "invalid value for '%s': a percentage from 0%% to 100%% expected",
                            s->key);
      diag_hint(d, "see docs/scoring.md for the settings of 评分规则 and their values");
    }
  }
}

/* [POLICY-CHECK] The level-1 points and 预算执行率 add up to 100
 * (W0007): scores are renormalised, but other sums are mistakes. */
static void check_points(Program *p, ProgFile *f, const SetBy *by) {
  const Policy *pol = &f->policy;
  const size_t off[4] = {offsetof(Policy, w_output), offsetof(Policy, w_benefit),
                         offsetof(Policy, w_satisfaction), offsetof(Policy, w_rate)};
  const Setting *last = NULL;
  for (int i = 0; i < 4; i++) {
    const Setting *s = set_by(by, off[i]);
    if (own(f, s) && (!last || s->span.lo > last->span.lo)) last = s;
  }
  if (!last) return;
  Dec sum = 0;
  if (dec_add(pol->w_output, pol->w_benefit, &sum) != DEC_OK ||
      dec_add(sum, pol->w_satisfaction, &sum) != DEC_OK ||
      dec_add(sum, pol->w_rate, &sum) != DEC_OK || sum == 100 * DEC_ONE)
    return;
  char a[32];
  dec_format(sum, -1, a, sizeof a);
  Diag *d = diag_report(&p->diags, W_WEIGHT_SUM, last->span,
                        "the policy's level-1 points and 预算执行率 add up to %s, not 100", a);
  diag_hint(d, "scores are renormalised to 100, but the settings are probably a mistake: "
               "产出指标, 效益指标, 满意度指标 and 预算执行率 add up to 100 (50, 30, 10, 10)");
}

void sema_policies(Program *p) {
  unsigned char *seen = arena_alloc(&p->arena, p->nfiles ? p->nfiles : 1);
  Policy base;
  memset(&base, 0, sizeof base);
  /* the prelude is file 0 */
  if (p->nfiles) apply_file(p, p->files[0], p->files[0], &base, NULL, seen);
  for (size_t i = 0; i < p->nfiles; i++) {
    memset(seen, 0, p->nfiles);
    seen[0] = 1;
    p->files[i]->policy = base;
    SetBy by;
    memset(&by, 0, sizeof by);
    if (i > 0) apply_file(p, p->files[i], p->files[i], &p->files[i]->policy, &by, seen);
    p->files[i]->policy_done = 1;
    check_bands(p, p->files[i], &by);
    check_grades(p, p->files[i], &by);
    check_shares(p, p->files[i], &by);
    check_points(p, p->files[i], &by);
  }
}
