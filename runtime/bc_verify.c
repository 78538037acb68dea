/*
 * bc_verify.c - the verifier of loaded programs (docs/bytecode.md,
 * "Verification").
 *
 * It checks everything the VM, the scorer and the report writers rely on,
 * so none of them checks again: every index in range, every category pair
 * allowed, every band ordered, the projects' indicator ranges tiling the
 * indicators, and each indicator's code.  Code is checked in the structure
 * of the WebAssembly validation algorithm: one pass keeps the value stack
 * height; as jumps only go forward, a jump records the height its target
 * expects and the pass checks it on arrival.  On top of that the code must
 * be exactly what the compiler emits for the indicator's target (the
 * "canonical code"), with constants equal to the indicator's fields, so a
 * file cannot make an indicator score differently from what its record
 * says.
 *
 * The first problem found is reported, with the item it concerns and, for
 * a program read from a file, the file offset of its record or word.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_internal.h"

typedef struct Verifier {
  const RtProgram *p;
  const BcLayout *layout;  /* NULL: offsets are 0 */
  BcError *err;
  int failed;
  indrt_status status;
  /* The item being checked, "unit 3", "indicator 5, word 2", kept as its
   * parts and formatted only for a failure (formatting it for each of
   * millions of items was a third of loading a large program). */
  const char *ctx;         /* "unit", "indicator", "projects"; NULL: none yet */
  uint32_t ctx_i;          /* its index, or CTX_NONE */
  uint32_t ctx_word;       /* the code word within it, or CTX_NONE */
  uint32_t iind;           /* the indicator being checked */
  uint8_t *expect;         /* per code word of one indicator: height + 1 a jump expects */
  size_t cap;
} Verifier;

enum { CTX_NONE = UINT32_MAX };

/* The context as text: "projects", "unit 3", "indicator 5, word 2". */
static void ctx_text(const Verifier *v, char *buf, size_t cap) {
  const char *kind = v->ctx ? v->ctx : "";
  if (v->ctx_i == CTX_NONE) snprintf(buf, cap, "%s", kind);
  else if (v->ctx_word == CTX_NONE) snprintf(buf, cap, "%s %u", kind, v->ctx_i);
  else snprintf(buf, cap, "%s %u, word %u", kind, v->ctx_i, v->ctx_word);
}

/* Record the first failure as "<ctx>: <reason>".  Returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int vfail(Verifier *v, uint64_t at, const char *fmt, ...) {
  if (v->failed) return -1;
  char why[188];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  v->failed = 1;
  v->status = INDRT_E_VERIFY;
  v->err->offset = at;
  char ctx[64];
  ctx_text(v, ctx, sizeof ctx);
  snprintf(v->err->msg, sizeof v->err->msg, "%s: %s", ctx, why);
  return -1;
}

static void set_ctx(Verifier *v, const char *kind, uint32_t i) {
  v->ctx = kind;
  v->ctx_i = i;
  v->ctx_word = CTX_NONE;
}

/* Word pc of indicator v->iind. */
static void set_ctx_word(Verifier *v, uint32_t pc) {
  set_ctx(v, "indicator", v->iind);
  v->ctx_word = pc;
}

/* File offset of record i of a section of fixed-size records. */
static uint64_t rec_at(const Verifier *v, enum BcSection s, uint32_t i, size_t size) {
  return v->layout ? v->layout->at[s] + (uint64_t)i * size : 0;
}

static uint64_t word_at(const Verifier *v, uint32_t pc) {
  return v->layout ? v->layout->at[BC_SEC_CODE] + (uint64_t)pc * 4 : 0;
}

/* ---- UNITS, SCALES, POLICIES ---------------------------------------------- */

static void verify_unit(Verifier *v, uint32_t i) {
  const RtUnit *u = &v->p->units[i];
  uint64_t at = rec_at(v, BC_SEC_UNITS, i, BC_UNIT_SIZE);
  set_ctx(v, "unit", i);
  if (!u->name) vfail(v, at, "no name");
  else if (u->dim >= v->p->nunits)
    vfail(v, at, "dimension %u out of range (%u units)", u->dim, v->p->nunits);
  else if (v->p->units[u->dim].dim != u->dim)
    vfail(v, at, "dimension %u is not a base unit", u->dim);
  else if (u->factor <= 0) vfail(v, at, "factor must be > 0");
  else if (u->dim == i && u->factor != DEC_ONE) vfail(v, at, "a base unit's factor must be 1");
}

static void verify_scale(Verifier *v, uint32_t i, uint64_t at) {
  const RtScale *s = &v->p->scales[i];
  set_ctx(v, "scale", i);
  if (!s->name) vfail(v, at, "no name");
  else if (s->nmembers == 0) vfail(v, at, "no members");
  else if (s->nmembers > INT32_MAX) vfail(v, at, "%u members, too many", s->nmembers);
  for (uint32_t j = 0; j < s->nmembers && !v->failed; j++)
    if (!s->members[j]) vfail(v, at, "member %u has no name", j);
}

static void verify_scales(Verifier *v) {
  uint64_t at = rec_at(v, BC_SEC_SCALES, 0, 0);
  for (uint32_t i = 0; i < v->p->nscales && !v->failed; i++) {
    verify_scale(v, i, v->layout ? at : 0);
    at += BC_SCALE_MIN_SIZE + 4 * (uint64_t)v->p->scales[i].nmembers;
  }
}

static void verify_band(Verifier *v, uint64_t at, const char *name, const RtBand *b) {
  if (!(0 <= b->lo && b->lo <= b->dflt && b->dflt <= b->hi && b->hi <= DEC_ONE))
    vfail(v, at, "band %s is not ordered as 0 <= low <= default <= high <= 1", name);
}

static void verify_policy(Verifier *v, uint32_t i) {
  const RtPolicy *pol = &v->p->policies[i];
  uint64_t at = rec_at(v, BC_SEC_POLICIES, i, BC_POLICY_SIZE);
  const struct { const char *name; Dec value; } nonneg[] = {
      {"output weight", pol->w_output},       {"benefit weight", pol->w_benefit},
      {"satisfaction weight", pol->w_satisfaction}, {"budget-rate weight", pol->w_rate},
      {"excellent threshold", pol->grade_excellent}, {"good threshold", pol->grade_good},
      {"fair threshold", pol->grade_fair},    {"overshoot share", pol->overshoot},
      {"low-rate share", pol->low_rate},      {"lag share", pol->lag},
  };
  set_ctx(v, "policy", i);
  for (size_t k = 0; k < sizeof nonneg / sizeof nonneg[0]; k++)
    if (nonneg[k].value < 0) vfail(v, at, "%s is negative", nonneg[k].name);
  verify_band(v, at, "met", &pol->met);
  verify_band(v, at, "partial", &pol->partial);
  verify_band(v, at, "unmet", &pol->unmet);
  if (pol->reverse > 1) vfail(v, at, "reverse formula %u is not 0 or 1", pol->reverse);
}

/* ---- FIELDS, CONSTS ------------------------------------------------------------ */

static void verify_pools(Verifier *v) {
  const RtProgram *p = v->p;
  for (uint32_t i = 0; i < p->nfields && !v->failed; i++) {
    set_ctx(v, "field", i);
    if (!p->fields[i]) vfail(v, rec_at(v, BC_SEC_FIELDS, i, 4), "no name");
  }
  for (uint32_t i = 0; i < p->nconsts && !v->failed; i++) {
    set_ctx(v, "constant", i);
    if (p->consts[i] == INT64_MIN)
      vfail(v, rec_at(v, BC_SEC_CONSTS, i, 8), "not a valid decimal (-2^63)");
  }
}

/* ---- PROJECTS -------------------------------------------------------------------- */

/* Project i, whose indicators should start at *next. */
static void verify_project(Verifier *v, uint32_t i, uint32_t *next) {
  const RtProgram *p = v->p;
  const RtProject *pr = &p->projects[i];
  uint64_t at = rec_at(v, BC_SEC_PROJECTS, i, BC_PROJECT_SIZE);
  set_ctx(v, "project", i);
  if (!pr->name || !pr->key || !pr->file) vfail(v, at, "name, key or file missing");
  else if (pr->year < 1900 || pr->year > 9999) vfail(v, at, "year %d outside 1900..9999", pr->year);
  else if (pr->currency >= p->nunits)
    vfail(v, at, "currency unit %u out of range (%u units)", pr->currency, p->nunits);
  else if (pr->budget < 0) vfail(v, at, "budget is negative");
  else if (pr->policy >= p->npolicies)
    vfail(v, at, "policy %u out of range (%u policies)", pr->policy, p->npolicies);
  else if (pr->first != *next)
    vfail(v, at, "indicators start at %u, expected %u", pr->first, *next);
  else if (pr->nind > p->nindicators - pr->first)
    vfail(v, at, "indicators %u+%u run past the %u indicators", pr->first, pr->nind,
          p->nindicators);
  else if (pr->english > 1) vfail(v, at, "language flag %u is not 0 or 1", pr->english);
  *next = pr->first + pr->nind;
}

static void verify_projects(Verifier *v) {
  uint32_t next = 0;
  for (uint32_t i = 0; i < v->p->nprojects && !v->failed; i++) verify_project(v, i, &next);
  if (!v->failed && next != v->p->nindicators) {
    set_ctx(v, "projects", CTX_NONE);
    vfail(v, rec_at(v, BC_SEC_PROJECTS, 0, 0), "cover %u of the %u indicators", next,
          v->p->nindicators);
  }
}

/* ---- INDICATORS: record ------------------------------------------------------------- */

/* The level-2 categories allowed under each level-1 one (RT_CAT_COST is
 * both: a level-1 category and the 成本指标 under 产出指标). */
static int level2_allowed(int l1, int l2) {
  switch (l2) {
  case RT_CAT_QUANTITY: case RT_CAT_QUALITY: case RT_CAT_TIMELINESS: case RT_CAT_COST:
    return l1 == RT_CAT_OUTPUT;
  case RT_CAT_ECONOMIC: case RT_CAT_SOCIAL: case RT_CAT_ECOLOGICAL: case RT_CAT_SUSTAINABLE:
    return l1 == RT_CAT_BENEFIT;
  case RT_CAT_BENEFICIARY:
    return l1 == RT_CAT_SATISFACTION;
  case RT_CAT_ECONOMIC_COST: case RT_CAT_SOCIAL_COST: case RT_CAT_ECO_COST:
    return l1 == RT_CAT_COST;
  default:
    return 0;
  }
}

static void verify_categories(Verifier *v, uint64_t at, const RtIndicator *ind) {
  if (ind->level1 > RT_CAT_COST)
    vfail(v, at, "category %u is not a level-1 category", ind->level1);
  else if (!level2_allowed(ind->level1, ind->level2))
    vfail(v, at, "category %s is not allowed under %s",
          ind->level2 < RT_CAT__COUNT ? rt_category_name(ind->level2, 1) : "(unknown)",
          rt_category_name(ind->level1, 1));
}

static int index_ok(int32_t i, uint32_t n) { return i >= 0 && (uint32_t)i < n; }

static void verify_target(Verifier *v, uint64_t at, const RtTarget *t) {
  const RtProgram *p = v->p;
  int32_t day_lo = rt_days_from_civil(1900, 1, 1), day_hi = rt_days_from_civil(9999, 12, 31);
  if (t->kind > RT_TGT_TEXT) vfail(v, at, "target kind %u unknown", t->kind);
  else if (t->cmp > RT_CMP_EQ) vfail(v, at, "comparison %u unknown", t->cmp);
  else if (t->explicit_cmp > 1) vfail(v, at, "explicit-comparison flag %u is not 0 or 1", t->explicit_cmp);
  else if (t->unit != -1 && !index_ok(t->unit, p->nunits))
    vfail(v, at, "unit %d out of range (%u units)", t->unit, p->nunits);
  else if (t->value == INT64_MIN) vfail(v, at, "target value is not a valid decimal");
  else if (t->scale != -1 && !index_ok(t->scale, p->nscales))
    vfail(v, at, "scale %d out of range (%u scales)", t->scale, p->nscales);
  else if (t->kind == RT_TGT_GRADE && t->scale == -1) vfail(v, at, "grade target without a scale");
  else if (t->kind == RT_TGT_GRADE && (t->rank < 1 || (uint32_t)t->rank > p->scales[t->scale].nmembers))
    vfail(v, at, "rank %d outside 1..%u", t->rank, p->scales[t->scale].nmembers);
  else if (t->kind == RT_TGT_DEADLINE && (t->date < day_lo || t->date > day_hi))
    vfail(v, at, "deadline day %d outside the years 1900..9999", t->date);
  else if (t->kind == RT_TGT_PERIOD && t->year != 0 && (t->year < 1900 || t->year > 9999))
    vfail(v, at, "period year %d is neither 0 nor within 1900..9999", t->year);
  else if (!t->text) vfail(v, at, "target text missing");
}

static void verify_record(Verifier *v, uint64_t at, const RtIndicator *ind) {
  if (!ind->name || !ind->key) vfail(v, at, "name or key missing");
  verify_categories(v, at, ind);
  verify_target(v, at, &ind->target);
  if (ind->points < 0) vfail(v, at, "points are negative");
  if (ind->derived > 1) vfail(v, at, "derived flag %u is not 0 or 1", ind->derived);
  if (ind->derived && ind->target.kind != RT_TGT_QUANT)
    vfail(v, at, "a derived actual needs a quantitative target");
  if (ind->code > v->p->ncode || ind->ncode > v->p->ncode - ind->code)
    vfail(v, at, "code %u+%u outside the code section (%u words)", ind->code, ind->ncode,
          v->p->ncode);
}

/* ---- INDICATORS: code, generic rules -------------------------------------------------- */

static int score_op(int kind) {
  switch (kind) {
  case RT_TGT_QUANT: return BC_SQUANT;
  case RT_TGT_DEADLINE: return BC_SDATE;
  case RT_TGT_GRADE: return BC_SORD;
  default: return BC_SGRADED;
  }
}

static int is_score_op(uint32_t op) {
  return op == BC_SQUANT || op == BC_SORD || op == BC_SDATE || op == BC_SGRADED;
}

static const char *op_name(uint32_t op) { return op < BC__NOPS ? bc_ops[op].name : "(unknown)"; }

/* The operand of the word at pc (relative to the indicator's code, n words). */
static void verify_operand(Verifier *v, uint64_t at, uint32_t pc, uint32_t n, uint32_t word) {
  uint32_t op = BC_OP(word), a = BC_A(word);
  switch (bc_ops[op].operand) {
  case BC_OPND_NONE:
    if (a != 0) vfail(v, at, "%s takes no operand, found %u", op_name(op), a);
    break;
  case BC_OPND_CONST:
    if (a >= v->p->nconsts) vfail(v, at, "constant %u out of range (%u constants)", a, v->p->nconsts);
    break;
  case BC_OPND_FIELD:
    if (a >= v->p->nfields) vfail(v, at, "field %u out of range (%u fields)", a, v->p->nfields);
    break;
  case BC_OPND_CMP:
    if (a > RT_CMP_EQ) vfail(v, at, "comparison %u unknown", a);
    break;
  case BC_OPND_JUMP:
    if ((uint64_t)pc + 1 + a > n - 2)
      vfail(v, at, "%s +%u lands past the score instruction", op_name(op), a);
    break;
  }
}

/* Where each opcode may appear: score ops and RET only at the end, and the
 * reads of the actual only in code of the matching target. */
static void verify_placement(Verifier *v, uint64_t at, const RtIndicator *ind, uint32_t pc,
                             uint32_t op) {
  int kind = ind->target.kind;
  uint32_t n = ind->ncode;
  if (is_score_op(op) && pc != n - 2) vfail(v, at, "%s before the end of the code", op_name(op));
  else if (op == BC_RET && pc != n - 1) vfail(v, at, "RET before the end of the code");
  else if (op == BC_ACTUAL && (kind != RT_TGT_QUANT || ind->derived))
    vfail(v, at, "ACTUAL outside the code of a non-derived quantitative target");
  else if (op == BC_ADATE && kind != RT_TGT_DEADLINE)
    vfail(v, at, "ADATE outside the code of a deadline target");
  else if (op == BC_ARANK && kind != RT_TGT_GRADE)
    vfail(v, at, "ARANK outside the code of a grade target");
  else if (op == BC_FIELD && !ind->derived) vfail(v, at, "FIELD outside derived code");
}

/* The stack effect of one word: *h is the height before, then after. */
static void verify_stack(Verifier *v, uint64_t at, const RtIndicator *ind, uint32_t pc,
                         uint32_t op, int *h) {
  int pops = bc_ops[op].pops, after = *h - pops + bc_ops[op].pushes;
  if (*h < pops) vfail(v, at, "stack underflow at %s (height %d)", op_name(op), *h);
  else if (ind->derived && pc >= 2 && pc < ind->ncode - 2 && *h - pops < 2)
    vfail(v, at, "%s consumes the points or target value below the expression", op_name(op));
  else if (after > (int)BC_MAX_STACK)
    vfail(v, at, "stack overflow at %s (limit %u)", op_name(op), BC_MAX_STACK);
  else if (is_score_op(op) && after != 0)
    vfail(v, at, "stack height %d after %s, expected 0", after, op_name(op));
  *h = after;
}

/* A jump from pc with height h after it: record or check its target. */
static void verify_jump(Verifier *v, uint64_t at, uint32_t pc, uint32_t a, int h) {
  uint8_t *e = &v->expect[pc + 1 + a];
  if (*e && *e != h + 1)
    vfail(v, at, "jump to word %u with stack height %d, another jump there has %d", pc + 1 + a,
          h, *e - 1);
  *e = (uint8_t)(h + 1);
}

static int grow_expect(Verifier *v, uint32_t n) {
  if (n <= v->cap) return 0;
  uint8_t *e = realloc(v->expect, n);
  if (!e) {
    v->failed = 1;
    v->status = INDRT_E_NOMEM;
    snprintf(v->err->msg, sizeof v->err->msg, "out of memory");
    return -1;
  }
  v->expect = e;
  v->cap = n;
  return 0;
}

static void verify_words(Verifier *v, const RtIndicator *ind) {
  const uint32_t *w = v->p->code + ind->code;
  uint32_t n = ind->ncode;
  int h = 0, live = 1;
  memset(v->expect, 0, n);
  for (uint32_t pc = 0; pc < n && !v->failed; pc++) {
    uint64_t at = word_at(v, ind->code + pc);
    uint32_t op = BC_OP(w[pc]);
    set_ctx_word(v, pc);
    if (v->expect[pc]) {
      if (live && h != v->expect[pc] - 1)
        vfail(v, at, "stack height %d, but %d at a jump here", h, v->expect[pc] - 1);
      h = v->expect[pc] - 1;
      live = 1;
    }
    if (!live) vfail(v, at, "unreachable instruction");
    else if (op >= BC__NOPS) vfail(v, at, "unknown opcode %u", op);
    if (v->failed) break;
    verify_operand(v, at, pc, n, w[pc]);
    verify_placement(v, at, ind, pc, op);
    verify_stack(v, at, ind, pc, op, &h);
    if (!v->failed && bc_ops[op].operand == BC_OPND_JUMP) verify_jump(v, at, pc, BC_A(w[pc]), h);
    if (op == BC_JMP) live = 0;
  }
}

static void verify_code(Verifier *v, const RtIndicator *ind) {
  const uint32_t *w = v->p->code + ind->code;
  uint32_t n = ind->ncode;
  uint64_t at = word_at(v, ind->code + (n ? n - 1 : 0));
  int want = score_op(ind->target.kind);
  if (n < 2) vfail(v, at, "%u code words, at least 2 needed", n);
  else if (BC_OP(w[n - 1]) != BC_RET) vfail(v, at, "code ends with %s, not RET", op_name(BC_OP(w[n - 1])));
  else if (BC_OP(w[n - 2]) != (uint32_t)want)
    vfail(v, word_at(v, ind->code + n - 2), "%s before RET, expected %s for this target",
          op_name(BC_OP(w[n - 2])), bc_ops[want].name);
  else if (grow_expect(v, n) == 0)
    verify_words(v, ind);
}

/* ---- INDICATORS: canonical code ----------------------------------------------------------- */

typedef struct Canon {
  uint8_t op;
  uint32_t a;        /* SQUANT: the comparison */
  Dec value;         /* KONST: the constant */
  const char *what;  /* KONST: what the constant is */
} Canon;

/* The canonical code of a non-derived indicator of project pr; its length. */
static int canonical(const RtIndicator *ind, const RtProject *pr, Canon c[6]) {
  const RtTarget *t = &ind->target;
  int n = 0;
  c[n++] = (Canon){BC_KONST, 0, ind->points, "the points"};
  switch (t->kind) {
  case RT_TGT_QUANT:
    c[n++] = (Canon){BC_KONST, 0, t->value, "the target value"};
    c[n++] = (Canon){BC_ACTUAL, 0, 0, NULL};
    break;
  case RT_TGT_DEADLINE:
    c[n++] = (Canon){BC_KONST, 0, (Dec)t->date * DEC_ONE, "the deadline"};
    c[n++] = (Canon){BC_KONST, 0, (Dec)rt_days_from_civil(pr->year, 1, 1) * DEC_ONE,
                     "January 1 of the budget year"};
    c[n++] = (Canon){BC_ADATE, 0, 0, NULL};
    break;
  case RT_TGT_GRADE:
    c[n++] = (Canon){BC_KONST, 0, (Dec)t->rank * DEC_ONE, "the target rank"};
    c[n++] = (Canon){BC_ARANK, 0, 0, NULL};
    break;
  default:
    break;
  }
  c[n++] = (Canon){(uint8_t)score_op(t->kind), t->cmp, 0, NULL};
  c[n++] = (Canon){BC_RET, 0, 0, NULL};
  return n;
}

static void verify_canon_word(Verifier *v, const RtIndicator *ind, uint32_t pc, const Canon *c) {
  uint32_t word = v->p->code[ind->code + pc];
  uint64_t at = word_at(v, ind->code + pc);
  set_ctx_word(v, pc);
  if (BC_OP(word) != c->op)
    vfail(v, at, "%s where the canonical code has %s", op_name(BC_OP(word)), bc_ops[c->op].name);
  else if (c->op == BC_KONST && v->p->consts[BC_A(word)] != c->value)
    vfail(v, at, "the constant is not %s", c->what);
  else if (c->op == BC_SQUANT && BC_A(word) != c->a)
    vfail(v, at, "SQUANT %u, but the target's comparison is %u", BC_A(word), c->a);
}

static void verify_canonical(Verifier *v, const RtIndicator *ind, const RtProject *pr) {
  Canon c[6];
  int n = canonical(ind, pr, c);
  set_ctx(v, "indicator", v->iind);
  if (ind->derived) {
    /* KONST(w) KONST(A) <expression> SQUANT(cmp) RET; the stack rules
     * already make the expression push exactly one value. */
    for (uint32_t pc = 0; pc < 2 && !v->failed; pc++) verify_canon_word(v, ind, pc, &c[pc]);
    if (!v->failed) verify_canon_word(v, ind, ind->ncode - 2, &c[n - 2]);
    return;
  }
  if (ind->ncode != (uint32_t)n) {
    vfail(v, word_at(v, ind->code), "%u code words, the canonical code of this target has %d",
          ind->ncode, n);
    return;
  }
  for (int pc = 0; pc < n && !v->failed; pc++) verify_canon_word(v, ind, (uint32_t)pc, &c[pc]);
}

static void verify_indicator(Verifier *v, uint32_t i, const RtProject *pr) {
  const RtIndicator *ind = &v->p->indicators[i];
  v->iind = i;
  set_ctx(v, "indicator", i);
  verify_record(v, rec_at(v, BC_SEC_INDICATORS, i, BC_INDICATOR_SIZE), ind);
  if (!v->failed) verify_code(v, ind);
  if (!v->failed) verify_canonical(v, ind, pr);
}

/* ---- the program ------------------------------------------------------------------------------ */

indrt_status bc_verify_at(const RtProgram *p, const BcLayout *layout, BcError *err) {
  Verifier v;
  memset(&v, 0, sizeof v);
  memset(err, 0, sizeof *err);
  v.ctx_i = v.ctx_word = CTX_NONE;
  v.p = p;
  v.layout = layout;
  v.err = err;
  for (uint32_t i = 0; i < p->nunits && !v.failed; i++) verify_unit(&v, i);
  verify_scales(&v);
  for (uint32_t i = 0; i < p->npolicies && !v.failed; i++) verify_policy(&v, i);
  verify_pools(&v);
  verify_projects(&v);
  for (uint32_t j = 0; j < p->nprojects && !v.failed; j++) {
    const RtProject *pr = &p->projects[j];
    for (uint32_t i = pr->first; i < pr->first + pr->nind && !v.failed; i++)
      verify_indicator(&v, i, pr);
  }
  free(v.expect);
  return v.failed ? v.status : INDRT_OK;
}

indrt_status bc_verify(const RtProgram *p, BcError *err) { return bc_verify_at(p, NULL, err); }

int bc_canonical(const RtProgram *p, const RtIndicator *ind, const RtProject *pr) {
  Canon c[6];
  int n = canonical(ind, pr, c);
  if (ind->derived || ind->ncode != (uint32_t)n || ind->code > p->ncode ||
      p->ncode - ind->code < (uint32_t)n)
    return 0;
  for (int pc = 0; pc < n; pc++) {
    uint32_t word = p->code[ind->code + (uint32_t)pc];
    if (BC_OP(word) != c[pc].op) return 0;
    if (c[pc].op == BC_KONST && (BC_A(word) >= p->nconsts || p->consts[BC_A(word)] != c[pc].value))
      return 0;
    if (c[pc].op == BC_SQUANT && BC_A(word) != c[pc].a) return 0;
  }
  return 1;
}

void bc_fields_read(const RtProgram *p, const RtProject *pr, uint8_t *used) {
  for (uint32_t i = pr->first; i < pr->first + pr->nind && i < p->nindicators; i++) {
    const RtIndicator *ind = &p->indicators[i];
    for (uint32_t c = ind->code; c < ind->code + ind->ncode && c < p->ncode; c++)
      if (BC_OP(p->code[c]) == BC_FIELD && BC_A(p->code[c]) < p->nfields)
        used[BC_A(p->code[c])] = 1;
  }
}
