/*
 * imp_target.c - reading a 指标值 cell as a target ([IMPORT-VALUE] in
 * docs/import.md).
 *
 * The language decides what a target is: a candidate is written as
 * `指标 "x": CANDIDATE` into a scratch spec and parsed by the real parser
 * (parse_file).  It is accepted when it parses without a diagnostic to one
 * indicator with a target that is not a text, its unit is a unit of the
 * prelude and its grade a member of a prelude scale.  Anything else is a
 * qualitative target: the cell as a string.
 *
 * Repairs: a value that starts with a number and a comparison but has no
 * unit, only garbage (`2相关软硬件`), takes the unit that follows the same
 * number in the indicator's description or name (`2个及相关软硬件` gives
 * `2 个`); a value that starts like a number but cannot be read either is
 * kept as text, with a warning.  正向指标/反向指标 give ≥/≤ to a number
 * without comparison ([IMPORT-DIR]), also a guess with a warning.
 * Thousands separators are dropped before parsing (`2,000` is 2000).
 */
#include <stdlib.h>
#include <string.h>

#include "../front/parse.h"
#include "support/i18n.h"
#include "imp_internal.h"

/* Bytes that cannot be part of a target and could end the scratch spec's
 * indicator early (a comment, a block, a string). */
static int unsafe(const char *s) {
  return strpbrk(s, "#{}\";\n\r\\`") || strstr(s, "/*") || strstr(s, "“") || strstr(s, "”") ||
         strstr(s, "｛") || strstr(s, "｝") || strstr(s, "；");
}

static const char *quant_word(ImpCtx *c, const Unit *u) {
  const Unit *pct = prog_unit(&c->pre, "%"), *yuan = prog_unit(&c->pre, "元");
  if (!u) return "value";
  if (pct && u->dim == pct->dim) return "rate";
  if (yuan && u->dim == yuan->dim) return "amount";
  return "count";
}

static int known_grade(ImpCtx *c, const char *g) {
  for (size_t i = 0; i < c->pre.nscales; i++)
    for (size_t k = 0; k < c->pre.scales[i].nmembers; k++)
      if (!strcmp(c->pre.scales[i].members[k], g)) return 1;
  return 0;
}

/* Is tg (parsed from cand) a target we can write?  Fills t. */
static int accept(ImpCtx *c, const Target *tg, ImpTarget *t) {
  switch (tg->kind) {
  case TGT_QUANT: {
    const Unit *u = tg->u.q.unit ? prog_unit(&c->pre, tg->u.q.unit) : NULL;
    if (tg->u.q.unit && !u) return 0;
    t->kind_word = quant_word(c, u);
    break;
  }
  case TGT_GRADE:
    if (!known_grade(c, tg->u.grade.grade)) return 0;
    t->kind_word = "grade";
    break;
  case TGT_DEADLINE: t->kind_word = "date"; break;
  case TGT_PERIOD: t->kind_word = "period"; break;
  case TGT_TEXT: return 0;
  }
  t->kind = tg->kind;
  return 1;
}

/* The one target of a parsed scratch file, or NULL. */
static const Target *only_target(const File *f) {
  if (f->nprojects != 1 || f->nitems != 1) return NULL;
  const Project *pr = f->projects[0];
  if (pr->ncats != 1 || pr->cats[0]->nsubs != 1) return NULL;
  const CatBlock *b = pr->cats[0]->subs[0];
  if (b->ninds != 1 || b->inds[0]->desc || b->inds[0]->has_weight || b->inds[0]->actual)
    return NULL;
  return b->inds[0]->target;
}

/* A scratch file parsed by the real parser: the declaration `计量单位
 * unit` when unit is not NULL, then one project with one indicator whose
 * target is `prefix target`.  Freed with scratch_free. */
typedef struct Scratch {
  SourceSet ss;
  DiagList dl;
  Arena ar;
  const File *f;
} Scratch;

static void scratch_parse(Scratch *x, const char *unit, const char *prefix, const char *target) {
  src_init(&x->ss);
  diag_init(&x->dl);
  arena_init(&x->ar);
  char *text = arena_printf(&x->ar,
                            "%s%s%s项目 \"x\" {\n  预算数 1\n  产出指标 {\n    数量指标 {\n"
                            "      指标 \"x\": %s%s\n    }\n  }\n}\n",
                            unit ? "计量单位 " : "", unit ? unit : "", unit ? "\n" : "", prefix,
                            target);
  uint32_t id = src_add(&x->ss, "<import>", text, strlen(text));
  x->f = parse_file(&x->ar, &x->dl, &x->ss, id);
}

/* The scratch file's one target when it parsed without a word, or NULL. */
static const Target *scratch_target(const Scratch *x) {
  return x->dl.nerrors == 0 && x->dl.nwarnings == 0 ? only_target(x->f) : NULL;
}

static void scratch_free(Scratch *x) {
  arena_free(&x->ar);
  diag_free(&x->dl);
  src_free(&x->ss);
}

static int parse_one(ImpCtx *c, const char *cand, ImpTarget *t) {
  Scratch x;
  scratch_parse(&x, NULL, "", cand);
  const Target *tg = scratch_target(&x);
  int ok = tg && accept(c, tg, t);
  if (ok && tg->kind == TGT_QUANT) {
    t->money = 0;
    const Unit *u = tg->u.q.unit ? prog_unit(&c->pre, tg->u.q.unit) : NULL;
    const Unit *cur = prog_unit(&c->pre, c->currency ? c->currency : "万元");
    if (u && cur && !strcmp(t->kind_word, "amount") && tg->u.q.cmp != CMP_GE &&
        tg->u.q.cmp != CMP_GT && prog_convert(&c->pre, tg->u.q.value, u, cur, &t->money) == DEC_OK)
      t->money_cap = 1;
  }
  if (ok && tg->kind == TGT_DEADLINE) t->year = tg->u.deadline.date.y;
  if (ok && tg->kind == TGT_PERIOD) t->year = tg->u.period.year;
  if (ok) t->text = arena_strdup(c->a, cand);
  scratch_free(&x);
  return ok;
}

int imp_target_parse(ImpCtx *c, const char *value, ImpTarget *t) {
  memset(t, 0, sizeof *t);
  if (imp_blank(value) || unsafe(value) || strlen(value) > 200) return 0;
  if (parse_one(c, value, t)) return 1;
  const char *ns = imp_nospace(c->a, value);
  return strcmp(ns, value) && parse_one(c, ns, t);
}

size_t imp_unit_prefix(ImpCtx *c, const char *s) {
  size_t ends[5] = {0}, n = 0, i = 0, len = strlen(s);
  while (n < 4 && i < len && s[i] != ' ') {
    int32_t cp;
    i += src_utf8_decode(s + i, len - i, &cp);
    ends[++n] = i;
  }
  for (size_t k = n; k > 0; k--) {
    char buf[32];
    if (ends[k] >= sizeof buf) continue;
    memcpy(buf, s, ends[k]);
    buf[ends[k]] = '\0';
    if (prog_unit(&c->pre, buf)) return ends[k];
  }
  return 0;
}

/* ---- composing the value of a row ------------------------------------------- */

/* Comparison words of a 指标性质 cell or at the start of a value.  ＞＝
 * and ＜＝ (also with one half full width) are ≥ and ≤ as the lexer reads
 * them ([LEX-3]); the longest match wins. */
static const struct {
  const char *word, *sym;
} cmps[] = {
    {"≥", "≥"},       {">=", "≥"},     {"≧", "≥"},       {"＞＝", "≥"},     {"＞=", "≥"},
    {">＝", "≥"},     {"大于等于", "≥"}, {"不低于", "≥"},  {"不少于", "≥"},  {"≤", "≤"},
    {"<=", "≤"},      {"≦", "≤"},      {"＜＝", "≤"},     {"＜=", "≤"},      {"<＝", "≤"},
    {"小于等于", "≤"}, {"不高于", "≤"}, {"不超过", "≤"},   {"不多于", "≤"},   {">", ">"},
    {"＞", ">"},      {"大于", ">"},   {"高于", ">"},     {"<", "<"},       {"＜", "<"},
    {"小于", "<"},    {"低于", "<"},   {"=", ""},         {"＝", ""},       {"等于", ""},
    {"==", ""},       {"＝＝", ""},    {"定量", ""},      {"定性", NULL},
};

/* 正向指标 / 反向指标 (higher or lower is better): the comparison of a value
 * that names none, a floor or a cap. */
static const struct {
  const char *word, *sym;
} dirs[] = {{"正向指标", "≥"}, {"正向", "≥"}, {"反向指标", "≤"}, {"反向", "≤"}};

/* The comparison a direction word gives, or NULL. */
static const char *dir_sym(ImpCtx *c, const char *cell) {
  const char *k = imp_nospace(c->a, cell);
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    if (!strcmp(k, dirs[i].word)) return dirs[i].sym;
  return NULL;
}

/* The comparison of a 指标性质 cell: its symbol ("" for =), NULL for
 * 定性; *known = 0 when the word is not one of the table, *stated = 0
 * when the cell gives no comparison (blank, 定量). */
static const char *cmp_sym(ImpCtx *c, const char *cell, int *known, int *stated) {
  const char *k = imp_nospace(c->a, cell);
  *known = 1;
  *stated = 0;
  if (!*k) return "";
  for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++)
    if (!strcmp(k, cmps[i].word)) {
      *stated = cmps[i].sym && strcmp(k, "定量");
      return cmps[i].sym;
    }
  *known = 0;
  return "";
}

static int starts_digit(const char *s) { return *s >= '0' && *s <= '9'; }

/* A number at s as the language writes one: an ASCII or full-width digit,
 * after an optional sign. */
static int starts_number(const char *s) {
  if (*s == '-' || *s == '+') s++;
  return starts_digit(s) || (!strncmp(s, "\xEF\xBC", 2) && (unsigned char)s[2] >= 0x90 &&
                             (unsigned char)s[2] <= 0x99); /* ０ U+FF10 … ９ U+FF19 */
}

/* The comparison a value starts with (`≥15`, `不少于200`): its length and
 * *sym its symbol ("" for =), or 0 when there is none. */
static size_t own_cmp(const char *v, const char **sym) {
  size_t best = 0;
  for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
    size_t n = strlen(cmps[i].word);
    if (cmps[i].sym && n > best && !strncmp(v, cmps[i].word, n)) best = n, *sym = cmps[i].sym;
  }
  return best;
}

/* The value with the 度量单位 after it, unless it names it already; for
 * a text (`any` unset) only after a value that ends in a digit. */
static const char *with_unit(ImpCtx *c, const char *v, const char *unit, int any) {
  size_t n = strlen(v);
  if (!*unit || !n || strstr(v, unit)) return v;
  int digit = starts_digit(v + n - 1) || (n >= 3 && starts_number(v + n - 3));
  return any || digit ? arena_printf(c->a, "%s %s", v, unit) : v;
}

/* Is the comparison own (a symbol, "" for =) the other way round from
 * the direction dir ("≥" or "≤")? */
static int against(const char *own, const char *dir) {
  int low = !strcmp(own, "≤") || !strcmp(own, "<"), high = !strcmp(own, "≥") || !strcmp(own, ">");
  return !strcmp(dir, "≥") ? low : high;
}

/* The direction of the row (正向指标/反向指标 in the 指标性质 or the 指标方向
 * column): its comparison, or NULL; *role and *cell say where it is.  A
 * 指标方向 cell that is no direction is ignored, with a warning. */
static const char *direction(ImpCtx *c, ImpProject *p, ImpInd *ind, ImpRole *role,
                             const char **cell) {
  const char *d = dir_sym(c, ind->raw[ROLE_CMP]);
  *role = d ? ROLE_CMP : ROLE_DIR;
  *cell = ind->raw[*role];
  if (d || imp_blank(*cell)) return d;
  if (!(d = dir_sym(c, *cell)))
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表指标方向“%s”无法识别，未采用", *cell),
               arena_printf(c->a, _("指标方向 '%s' is not 正向指标 or 反向指标; ignored"), *cell));
  return d;
}

/* The comparison to write before a bare number v: sym from the 指标性质
 * column, else the direction's (a guess, with a comment and a warning). */
static const char *guess_cmp(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v,
                             const char *sym, int stated, const char *dir, ImpRole role,
                             const char *cell) {
  if (dir && stated && against(sym, dir))
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表%s“%s”与比较符“%s”相反，按比较符读", imp_role_name(role),
                            cell, *sym ? sym : "="),
               arena_printf(c->a, _("%s '%s' and the comparison '%s' disagree; read the "
                                    "comparison"),
                            imp_role_name(role), cell, *sym ? sym : "="));
  if (!dir || stated) return sym;
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表指标值“%s”无比较符，按%s“%s”读作 %s%s", v,
                          imp_role_name(role), cell, dir, v),
             arena_printf(c->a, _("指标值 '%s' has no comparison; read as '%s%s' since the %s "
                                  "is '%s'"),
                          v, dir, v, imp_role_name(role), cell));
  return dir;
}

/* u with the full-width ％ as %, as the language reads it. */
static const char *percent(ImpCtx *c, const char *u) {
  return strcmp(u, "％") ? u : arena_strdup(c->a, "%");
}

/* 指标性质 | 指标值 | 度量单位 -> one value: `≥ | 15 | 场` is `≥15 场`,
 * `= | 100 | %` is `100 %`, `| ≥15 | 场` is `≥15 场`; *text is set for
 * 定性.  A comparison in the value wins over a different one in the
 * 指标性质 column, with a warning; 正向指标/反向指标 give ≥/≤ to a value
 * without one. */
static const char *compose(ImpCtx *c, ImpProject *p, ImpInd *ind, int *text) {
  const char *v = imp_clean(c->a, ind->raw[ROLE_VALUE]);
  *text = 0;
  if (imp_blank(ind->raw[ROLE_CMP]) && imp_blank(ind->raw[ROLE_UNIT]) &&
      imp_blank(ind->raw[ROLE_DIR]))
    return v;
  ImpRole role;
  const char *cell, *dir = direction(c, p, ind, &role, &cell);
  int known = 1, stated = 0;
  const char *sym = role == ROLE_CMP && dir ? "" : cmp_sym(c, ind->raw[ROLE_CMP], &known, &stated);
  const char *unit = imp_nospace(c->a, ind->raw[ROLE_UNIT]);
  if (!known)
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表指标性质“%s”无法识别，未采用", ind->raw[ROLE_CMP]),
               arena_printf(c->a, _("指标性质 '%s' is not a comparison; ignored"),
                            ind->raw[ROLE_CMP]));
  if (!sym) {
    *text = 1;
    return with_unit(c, v, unit, 0);
  }
  const char *own = NULL;
  size_t k = own_cmp(v, &own);
  while (v[k] == ' ') k++;
  if (!starts_number(v + k)) return v;
  /* [IMPORT-DEADLINE] ≤ 2024年11月底前: a deadline is met on or before
   * its day whatever the comparison column says, and the language has no
   * comparison before a date */
  ImpTarget dl;
  if (imp_target_parse(c, v, &dl) && (dl.kind == TGT_DEADLINE || dl.kind == TGT_PERIOD)) return v;
  if (k && *sym && strcmp(own, sym))
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表指标性质“%s”与指标值“%s”的比较符不同，按指标值读",
                            ind->raw[ROLE_CMP], v),
               arena_printf(c->a, _("指标性质 '%s' and the comparison of 指标值 '%s' differ; "
                                    "read the 指标值's"),
                            ind->raw[ROLE_CMP], v));
  if (k) guess_cmp(c, p, ind, v, own, 1, dir, role, cell);
  else sym = guess_cmp(c, p, ind, v, sym, stated, dir, role, cell);
  /* `20万元 | 元`: the value names its own unit, and the column another */
  const char *tail = imp_halfwidth(c->a, v + k);
  while (*tail == ' ') tail++;
  if (*tail == '-' || *tail == '+') tail++;
  while ((*tail >= '0' && *tail <= '9') || *tail == '.' || *tail == ',' || *tail == ' ') tail++;
  tail = imp_nospace(c->a, tail);
  /* `95%以上 | %` names the same unit: only the comparison follows it */
  const char *post_sym;
  tail = arena_strndup(c->a, tail, strlen(tail) - imp_post_cmp(tail, &post_sym));
  if (*tail && *unit && strcmp(percent(c, tail), percent(c, unit)))
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表指标值“%s”自带单位，与度量单位“%s”不同，按指标值读", v, unit),
               arena_printf(c->a, _("指标值 '%s' names its own unit, and 度量单位 says '%s'; "
                                    "read the 指标值's"),
                            v, unit));
  return with_unit(c, k ? v : arena_printf(c->a, "%s%s", sym, v), unit, 1);
}

/* ---- repairs ------------------------------------------------------------------ */

/* Length of a leading comparison of s (ASCII or full-width), 0 if none. */
static size_t cmp_len(const char *s) {
  static const char *const ops[] = {"＞＝", "＜＝", "＞=", "＜=", ">＝", "<＝", ">=", "<=",
                                    "≥",    "≤",    "≧",  "≦",  "＞", "＜", "＝", ">",
                                    "<",    "="};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (!strncmp(s, ops[i], strlen(ops[i]))) return strlen(ops[i]);
  return 0;
}

/* A number at s: its length (digits[.digits]), 0 if none. */
static size_t num_len(const char *s) {
  size_t i = 0;
  while (starts_digit(s + i)) i++;
  if (i && s[i] == '.' && starts_digit(s + i + 1)) {
    i++;
    while (starts_digit(s + i)) i++;
  }
  return i;
}

/* In src, the number num standing alone and followed by a known unit;
 * the unit (arena) or NULL. */
static const char *unit_after(ImpCtx *c, const char *src, const char *num) {
  size_t nl = strlen(num);
  for (const char *s = src ? strstr(src, num) : NULL; s; s = strstr(s + 1, num)) {
    if (s > src && (starts_digit(s - 1) || s[-1] == '.')) continue;
    const char *e = s + nl;
    if (starts_digit(e) || (*e == '.' && starts_digit(e + 1))) continue;
    while (*e == ' ') e++;
    size_t u = imp_unit_prefix(c, e);
    if (u) return arena_strndup(c->a, e, u);
  }
  return NULL;
}

static void set_target(ImpInd *ind, const ImpTarget *t) {
  ind->target = t->text;
  ind->kind = t->kind;
  ind->kind_word = t->kind_word;
  ind->money_cap = t->money_cap;
  ind->money = t->money;
  ind->year = t->year;
}

/* `2相关软硬件`: a number whose unit is missing, found after the same
 * number in the description or the name. */
static int garbled(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v) {
  size_t k = cmp_len(v), m = num_len(v + k);
  if (!m) return 0;
  const char *tail = v + k + m;
  while (*tail == ' ') tail++;
  if (!*tail || imp_unit_prefix(c, tail)) return 0; /* no tail, or a wrong unit */
  const char *num = arena_strndup(c->a, v + k, m), *from = ind->desc, *unit;
  if (!(unit = unit_after(c, from, num)) && (from = ind->name))
    unit = unit_after(c, from, num);
  ImpTarget t;
  const char *cand = unit ? arena_printf(c->a, "%.*s%s %s", (int)k, v, num, unit) : NULL;
  if (!cand || !imp_target_parse(c, cand, &t)) return 0;
  set_target(ind, &t);
  const char *col = from == ind->desc ? "绩效指标描述" : "三级指标";
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表指标值“%s”缺单位；按%s“%s”读作 %s", v, col,
                          imp_short(c->a, from, 24), cand),
             arena_printf(c->a, _("指标值 '%s' has no unit; read as '%s' after the %s '%s'"), v,
                          cand, col, imp_short(c->a, from, 24)));
  return 1;
}

/* The length of a digit at s (ASCII or full width), 0 if none. */
static size_t digit_len(const char *s) {
  if (starts_digit(s)) return 1;
  return !strncmp(s, "\xEF\xBC", 2) && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99
             ? 3
             : 0;
}

/* The length of a thousands separator at s followed by exactly three
 * digits: `,` or full-width `，`; 0 if none. */
static size_t group_sep(const char *s) {
  size_t n = *s == ',' ? 1 : !strncmp(s, "，", 3) ? 3 : 0;
  if (!n) return 0;
  const char *d = s + n;
  for (int i = 0; i < 3; i++) {
    size_t k = digit_len(d);
    if (!k) return 0;
    d += k;
  }
  return digit_len(d) ? 0 : n;
}

/* `≥2,000人次` -> `≥2000人次`: the separators of every number written in
 * groups of three (one to three digits, then `,ddd` groups), which the
 * language does not write ([LEX-5]); v itself when it has none.  `12,34`
 * and `1,2345` are no such numbers and stay. */
static const char *ungroup(ImpCtx *c, const char *v) {
  ImpBuf b = {0};
  int changed = 0;
  for (const char *s = v; *s;) {
    size_t nd = 0, k;
    const char *run = s;
    while ((k = digit_len(s))) s += k, nd++;
    if (nd) {
      size_t gs;
      int ok = nd <= 3 && group_sep(s) && (run == v || (!digit_len(run - 1) && run[-1] != '.'));
      imp_buf_add(&b, run, (size_t)(s - run));
      while (ok && (gs = group_sep(s))) {
        const char *g = s + gs;
        for (int i = 0; i < 3; i++) g += digit_len(g);
        imp_buf_add(&b, s + gs, (size_t)(g - s - gs));
        s = g, changed = 1;
      }
      continue;
    }
    imp_buf_add(&b, s, 1);
    s++;
  }
  const char *out = changed ? arena_strdup(c->a, b.s) : v;
  imp_buf_free(&b);
  return out;
}

/* The comparison v starts with, a symbol (`≥`) or a word (`不少于`) before
 * a number: its length, 0 if none. */
static size_t lead_cmp(const char *v) {
  const char *sym;
  size_t k = cmp_len(v), w = own_cmp(v, &sym);
  if (w > k) {
    const char *s = v + w;
    while (*s == ' ') s++;
    if (starts_number(s)) k = w;
  }
  return k;
}

/* Would `计量单位 TAIL` make `1 TAIL` a quantity in TAIL?  The hint to
 * declare a unit is only given when the real parser says so: `%完成`,
 * `:1` or `年上半年` are no unit names, and a hint to declare them would
 * send the analyst after an error. */
static int declarable(const char *tail) {
  Scratch x;
  scratch_parse(&x, tail, "1 ", tail);
  const File *f = x.f;
  int ok = x.dl.nerrors == 0 && x.dl.nwarnings == 0 && f->nunits == 1 && f->nprojects == 1;
  const Project *pr = ok ? f->projects[0] : NULL;
  const Target *tg = NULL;
  if (pr && pr->ncats == 1 && pr->cats[0]->nsubs == 1 && pr->cats[0]->subs[0]->ninds == 1)
    tg = pr->cats[0]->subs[0]->inds[0]->target;
  ok = tg && tg->kind == TGT_QUANT && tg->u.q.unit && !strcmp(tg->u.q.unit, tail);
  scratch_free(&x);
  return ok;
}

/* Why v, which starts like a number, is no target: the Chinese of the
 * comment into *zh. */
static const char *why_not(ImpCtx *c, const char *v, size_t k, const char **zh) {
  const char *u = ungroup(c, v + k);
  while (*u == ' ') u++;
  size_t m = num_len(u);
  const char *tail = u + m;
  while (*tail == ' ') tail++;
  if (imp_out_of_range(c, u)) {
    *zh = "（数值超出范围，最大 9223372036，请换用更大的单位，如万元、亿元）";
    return _("the number is out of range (the largest is 9,223,372,036): write it in a larger "
             "unit, such as 万元 or 亿元");
  }
  if (m && *tail && imp_nchars(tail) <= 4 && !unsafe(tail) && declarable(tail)) {
    *zh = arena_printf(c->a, "（“%s”不是已知单位，可在规格中声明“计量单位 %s”后改为数值目标）",
                       tail, tail);
    return arena_printf(c->a,
                        _("'%s' is not a known unit (declare it in the spec with '计量单位 %s' "
                          "and remove the quotes to make the target quantitative)"),
                        tail, tail);
  }
  *zh = "";
  return _("it is not a target of the language");
}

static void as_text(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v, int chosen) {
  size_t k = lead_cmp(v);
  int numeric = !chosen && (k || starts_digit(v));
  ImpBuf b = {0};
  /* without thousands separators, so that the target reads once its unit
   * is declared and the quotes are removed */
  imp_buf_quote(&b, numeric ? ungroup(c, v) : v);
  ind->target = arena_strdup(c->a, b.s);
  imp_buf_free(&b);
  ind->kind = TGT_TEXT;
  ind->kind_word = "text";
  if (!numeric) return;
  const char *zh, *why = why_not(c, v, k, &zh);
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表指标值“%s”像数值但无法解析%s，按定性目标照录", v, zh),
             arena_printf(c->a, _("指标值 '%s' starts like a number, but %s; kept as a "
                                "qualitative target"),
                          v, why));
}

/* Comparisons written after the value (`95%以上`, `20万元以内`); the
 * longest match wins. */
static const struct {
  const char *word, *sym;
} post_cmps[] = {{"及以上", "≥"}, {"以上", "≥"}, {"及以下", "≤"}, {"以下", "≤"},
                 {"以内", "≤"},   {"之内", "≤"}, {"内", "≤"}};

size_t imp_post_cmp(const char *v, const char **sym) {
  size_t n = strlen(v);
  for (size_t i = 0; i < sizeof post_cmps / sizeof post_cmps[0]; i++) {
    size_t k = strlen(post_cmps[i].word);
    if (n > k && !strcmp(v + n - k, post_cmps[i].word)) return *sym = post_cmps[i].sym, k;
  }
  return 0;
}

/* [IMPORT-VALUE] `95%以上` is ≥95%, `20万元以内` ≤20 万元, `10天内` ≤10 天:
 * a number without comparison whose comparison follows it, a repair. */
static int postfix(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v) {
  const char *sym;
  size_t k = imp_post_cmp(v, &sym);
  if (!k || lead_cmp(v) || !starts_number(v)) return 0;
  const char *core = imp_trim(c->a, v, strlen(v) - k);
  const char *cand = arena_printf(c->a, "%s%s", sym, ungroup(c, core));
  ImpTarget t;
  if (!imp_target_parse(c, cand, &t) || t.kind != TGT_QUANT) return 0;
  set_target(ind, &t);
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表指标值“%s”的比较词在数值之后，读作 %s", v, t.text),
             arena_printf(c->a, _("指标值 '%s' has its comparison after the number; read as "
                                  "'%s'"),
                          v, t.text));
  return 1;
}

/* The text kept for v: `= | 0 | 起` keeps its `=` (`=0 起`), as `≤ | 12 |
 * 吨` keeps its `≤`. */
static const char *with_eq(ImpCtx *c, const ImpInd *ind, const char *v) {
  int known, stated;
  const char *sym = cmp_sym(c, ind->raw[ROLE_CMP], &known, &stated);
  if (!sym || *sym || !stated || lead_cmp(v) || !starts_number(v)) return v;
  return arena_printf(c->a, "=%s", v);
}

/* [IMPORT-REFORM] A value in a form the tables use (imp_reform), a repair. */
static int reformed(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v) {
  const char *zh, *en, *r = imp_reform(c, v, &zh, &en);
  ImpTarget t;
  if (!r || !imp_target_parse(c, r, &t)) return 0;
  set_target(ind, &t);
  imp_repair(c, p, ind, ind->line, arena_printf(c->a, "原表指标值“%s”读作 %s（%s）", v, t.text, zh),
             arena_printf(c->a, _("指标值 '%s' read as '%s': %s"), v, t.text, en));
  return 1;
}

/* ---- money written as tables write it ([IMPORT-MONEY]) ------------------------ */

/* The length of a currency sign at s: ¥ (U+00A5) or ￥ (U+FFE5); 0 if none. */
static size_t yen_len(const char *s) {
  return !strncmp(s, "¥", 2) ? 2 : !strncmp(s, "￥", 3) ? 3 : 0;
}

/* Does the name of ind say it is an amount of money: 经费, 资金, 成本,
 * 金额, 预算, 投入, or 费 (not 免费, which counts what is free)? */
static int money_name(const char *name) {
  static const char *const words[] = {"资金", "成本", "金额", "预算", "投入"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strstr(name, words[i])) return 1;
  for (const char *s = strstr(name, "费"); s; s = strstr(s + 3, "费"))
    if (s - name < 3 || strncmp(s - 3, "免", 3)) return 1;
  return 0;
}

/* Is ind's target money by its place: under 成本指标 (of 产出指标, or the
 * level 1) or 经济成本指标 — not 社会成本指标 or 生态环境成本指标, which
 * are by nature no money — or by its name? */
static int money_place(const ImpInd *ind) {
  if (ind->l2 == CAT_COST || ind->l2 == CAT_ECONOMIC_COST) return 1;
  return ind->l2 != CAT_SOCIAL_COST && ind->l2 != CAT_ECO_COST && ind->name &&
         money_name(ind->name);
}

/* `≤20万`, `不超过5万` (a money place), `≤¥1,200,000元`, `≤￥20万元`, `¥800`:
 * the value with the sign dropped and 万 as 万元 (亿 as 亿元, no unit after a
 * sign as 元); the reason in *zh and *en.  NULL when v is none of them. */
static const char *money_form(ImpCtx *c, const ImpInd *ind, const char *v0, const char **zh,
                              const char **en) {
  const char *v = imp_halfwidth(c->a, imp_nospace(c->a, v0));
  size_t k = lead_cmp(v), y = yen_len(v + k), m = 0;
  const char *num = v + k + y;
  while (starts_digit(num + m) || ((num[m] == '.' || num[m] == ',') && m > 0)) m++;
  if (!m) return NULL;
  const char *post = NULL, *unit = num + m;
  size_t pc = imp_post_cmp(unit, &post);
  const char *u = arena_strndup(c->a, unit, strlen(unit) - pc), *nu = NULL;
  int place = money_place(ind);
  if (!strcmp(u, "万") || !strcmp(u, "亿")) nu = y || place ? arena_printf(c->a, "%s元", u) : NULL;
  else if (y) nu = !*u ? "元" : imp_money(c, arena_printf(c->a, "1%s", u)) ? u : NULL;
  if (!nu) return NULL;
  /* a comparison after the value goes before it (`20万以内`); one on both
   * sides must agree */
  const char *sym = NULL;
  if (k && own_cmp(v, &sym) != k) sym = NULL;
  const char *cmp = sym ? sym : arena_strndup(c->a, v, k);
  if (pc && !k) cmp = post;
  else if (pc && (!sym || strcmp(sym, post))) return NULL; /* `≤20万以上` */
  if (y) {
    *zh = "￥为人民币符号";
    *en = _("¥ is the sign of 元");
  } else if (ind->l2 == CAT_COST || ind->l2 == CAT_ECONOMIC_COST) {
    *zh = "成本指标中的“万”即万元";
    *en = _("万 under a cost category is 万元");
  } else {
    *zh = "指标名称表明是金额，“万”即万元";
    *en = _("the indicator's name says it is money, so 万 is 万元");
  }
  return arena_printf(c->a, "%s%s %s", cmp, ungroup(c, arena_strndup(c->a, num, m)), nu);
}

/* [IMPORT-MONEY] A money value written as tables write it (money_form),
 * a repair. */
static int money(ImpCtx *c, ImpProject *p, ImpInd *ind, const char *v) {
  const char *zh, *en, *r = money_form(c, ind, v, &zh, &en);
  ImpTarget t;
  if (!r || !imp_target_parse(c, r, &t) || t.kind != TGT_QUANT) return 0;
  set_target(ind, &t);
  imp_repair(c, p, ind, ind->line, arena_printf(c->a, "原表指标值“%s”读作 %s（%s）", v, t.text, zh),
             arena_printf(c->a, _("指标值 '%s' read as '%s': %s"), v, t.text, en));
  return 1;
}

void imp_target_read(ImpCtx *c, ImpProject *p, ImpInd *ind) {
  int text;
  const char *v = compose(c, p, ind, &text);
  ImpTarget t;
  if (!text && imp_target_parse(c, ungroup(c, v), &t)) {
    set_target(ind, &t);
    return;
  }
  if (!text && (money(c, p, ind, v) || reformed(c, p, ind, v))) return;
  if (!text && (postfix(c, p, ind, v) || garbled(c, p, ind, v))) return;
  as_text(c, p, ind, text ? v : with_eq(c, ind, v), text);
  /* a dash or slash: a target left out (无 is one: 对环境的影响 | 无) */
  if (imp_void(c->a, v) && strcmp(imp_nospace(c->a, v), "无"))
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表指标值为“%s”，未写目标，按文字照录，请补写目标值", v),
               arena_printf(c->a, _("指标值 '%s' states no target; kept as the text '%s': write "
                                    "the target in the table"),
                            v, v));
}
