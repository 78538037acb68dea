/*
 * lower.c - checked AST to RtProgram (lower.h).
 *
 * Each indicator gets the canonical code of docs/bytecode.md:
 *   quantitative  KONST w, KONST A, ACTUAL | <expr>, SQUANT cmp, RET
 *   deadline      KONST w, KONST deadline, KONST jan1, ADATE, SDATE, RET
 *   grade         KONST w, KONST rankA, ARANK, SORD, RET
 *   text, period  KONST w, SGRADED, RET
 * Constants are interned, so the pool stays small for large corpora.
 */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

#include "bc_format.h"
#include "support/indc_limits.h"
#include "support/threads.h"
#include "text/namekey.h"

_Static_assert((int)CAT_OUTPUT == RT_CAT_OUTPUT && (int)CAT_ECO_COST == RT_CAT_ECO_COST,
               "AST_CATEGORIES and the RT_CAT_ enumeration must stay in the same order");
_Static_assert((int)CMP_GE == RT_CMP_GE && (int)CMP_EQ == RT_CMP_EQ, "Cmp order");
_Static_assert((int)TGT_QUANT == RT_TGT_QUANT && (int)TGT_TEXT == RT_TGT_TEXT, "target kinds");

/* Constants: a small open-addressing table over the pool. */
typedef struct ConstTab {
  uint32_t *slots; /* index + 1, 0 empty */
  size_t cap;
} ConstTab;

typedef struct Lower {
  Program *p;
  Arena *strs;         /* where target texts and field keys go */
  ConstTab ctab;
  RtProgram *out;
  /* growable arrays (malloc), copied into the program's arena at the end */
  uint32_t *code;
  size_t ncode, capcode;
  Dec *consts;
  size_t nconsts, capconsts;
  const char **fields;
  const char **field_keys;
  size_t nfields, capfields;
  int failed;
  uint32_t line_file;  /* the file of line_hint */
  size_t line_hint;    /* src_line's hint */
} Lower;

static void *grow(void *v, size_t *cap, size_t elem) {
  *cap = *cap ? *cap * 2 : 256;
  void *n = realloc(v, *cap * elem);
  if (!n) abort();
  return n;
}

static void emit(Lower *L, int op, uint32_t a) {
  if (L->ncode == L->capcode) L->code = grow(L->code, &L->capcode, sizeof *L->code);
  L->code[L->ncode++] = BC_WORD(op, a);
}

static uint32_t konst_index(Lower *L, Dec v) {
  ConstTab *ct = &L->ctab;
  if (ct->cap == 0 || L->nconsts * 2 >= ct->cap) {
    size_t ncap = ct->cap ? ct->cap * 2 : 1024;
    uint32_t *ns = calloc(ncap, sizeof *ns);
    if (!ns) abort();
    for (size_t i = 0; i < L->nconsts; i++) {
      size_t h = ((uint64_t)L->consts[i] * 0x9E3779B97F4A7C15u) & (ncap - 1);
      while (ns[h]) h = (h + 1) & (ncap - 1);
      ns[h] = (uint32_t)i + 1;
    }
    free(ct->slots);
    ct->slots = ns;
    ct->cap = ncap;
  }
  size_t h = ((uint64_t)v * 0x9E3779B97F4A7C15u) & (ct->cap - 1);
  while (ct->slots[h]) {
    uint32_t i = ct->slots[h] - 1;
    if (L->consts[i] == v) return i;
    h = (h + 1) & (ct->cap - 1);
  }
  if (L->nconsts == L->capconsts) L->consts = grow(L->consts, &L->capconsts, sizeof *L->consts);
  L->consts[L->nconsts] = v;
  ct->slots[h] = (uint32_t)L->nconsts + 1;
  return (uint32_t)L->nconsts++;
}

static void emit_konst(Lower *L, Dec v) { emit(L, BC_KONST, konst_index(L, v)); }

/* The index of the field with key `key` (name: as written), added when new. */
static uint32_t field_keyed(Lower *L, const char *name, const char *key) {
  for (size_t i = 0; i < L->nfields; i++)
    if (strcmp(L->field_keys[i], key) == 0) return (uint32_t)i;
  if (L->nfields == L->capfields) {
    size_t cap = L->capfields;
    L->fields = grow(L->fields, &cap, sizeof *L->fields);
    L->field_keys = grow(L->field_keys, &L->capfields, sizeof *L->field_keys);
  }
  L->fields[L->nfields] = name;
  L->field_keys[L->nfields] = arena_strdup(L->strs, key);
  return (uint32_t)L->nfields++;
}

static uint32_t field_index(Lower *L, const char *name) {
  char *key = name_key(name, strlen(name));
  uint32_t i = field_keyed(L, name, key ? key : name);
  free(key);
  return i;
}

/* ---- expressions -------------------------------------------------------- */

static void lower_expr(Lower *L, const Expr *e, const Unit *target_unit);

static void patch(Lower *L, size_t at) {
  uint32_t dist = (uint32_t)(L->ncode - at - 1);
  L->code[at] = BC_WORD(BC_OP(L->code[at]), dist);
}

static const int binop[] = {
    [OP_ADD] = BC_ADD, [OP_SUB] = BC_SUB, [OP_MUL] = BC_MUL, [OP_DIV] = BC_DIV,
    [OP_LT] = BC_LT,   [OP_LE] = BC_LE,   [OP_GT] = BC_GT,   [OP_GE] = BC_GE,
    [OP_EQ] = BC_EQ,   [OP_NE] = BC_NE,   [OP_AND] = BC_AND, [OP_OR] = BC_OR,
};

static void lower_expr(Lower *L, const Expr *e, const Unit *target_unit) {
  switch (e->kind) {
  case EX_NUM: {
    Dec v = e->num;
    if (e->unit_id >= 0 && target_unit) {
      const Unit *u = &L->p->units[e->unit_id];
      if (u->dim == target_unit->dim && prog_convert(L->p, v, u, target_unit, &v) != DEC_OK)
        v = e->num;
    }
    emit_konst(L, v);
    return;
  }
  case EX_FIELD:
    emit(L, BC_FIELD, field_index(L, e->name));
    return;
  case EX_UNARY:
    lower_expr(L, e->args[0], target_unit);
    emit(L, e->op == OP_NEG ? BC_NEG : BC_NOT, 0);
    return;
  case EX_BINARY:
    lower_expr(L, e->args[0], target_unit);
    lower_expr(L, e->args[1], target_unit);
    emit(L, binop[e->op], 0);
    return;
  case EX_CALL: {
    int op = strcmp(e->name, "min") == 0 || strcmp(e->name, "最小") == 0 ? BC_MIN : BC_MAX;
    lower_expr(L, e->args[0], target_unit);
    for (size_t i = 1; i < e->nargs; i++) {
      lower_expr(L, e->args[i], target_unit);
      emit(L, op, 0);
    }
    return;
  }
  case EX_IF: {
    lower_expr(L, e->args[0], target_unit);
    size_t jz = L->ncode;
    emit(L, BC_JZ, 0);
    lower_expr(L, e->args[1], target_unit);
    size_t jmp = L->ncode;
    emit(L, BC_JMP, 0);
    patch(L, jz);
    lower_expr(L, e->args[2], target_unit);
    patch(L, jmp);
    return;
  }
  }
}

/* ---- targets -------------------------------------------------------------- */

/* The concatenation of the n strings of part (arena). */
static const char *concat(Arena *a, const char *const *part, size_t n) {
  size_t len[4], total = 0;
  for (size_t i = 0; i < n; i++) total += len[i] = strlen(part[i]);
  char *s = arena_alloc_str(a, total + 1), *w = s;
  for (size_t i = 0; i < n; i++) w = (char *)memcpy(w, part[i], len[i]) + len[i];
  *w = '\0';
  return s;
}

const char *lower_target_text(Arena *a, const Target *t) {
  switch (t->kind) {
  case TGT_QUANT: {
    const char *cmp = t->u.q.explicit_cmp ? ast_cmp_str(t->u.q.cmp) : "";
    const char *unit = t->u.q.unit ? t->u.q.unit : "";
    const char *sep = t->u.q.unit && strcmp(unit, "%") != 0 ? " " : "";
    const char *part[] = {cmp, t->u.q.value_text, sep, unit}; /* not printf: 2 million */
    return concat(a, part, 4);
  }
  case TGT_DEADLINE:
    return t->u.deadline.text;
  case TGT_PERIOD:
    return t->u.period.text ? t->u.period.text : "全年";
  case TGT_GRADE: {
    const char *part[] = {"达到 ", t->u.grade.grade, " 级"};
    return concat(a, part, 3);
  }
  case TGT_TEXT:
    return t->u.text.text;
  }
  return "";
}

static int32_t date_days(Date d) { return rt_days_from_civil(d.y, d.m, d.d); }

/* Line of span sp's start: indicators and projects are lowered in source
 * order, so L->line_hint makes each lookup a step from the last. */
static uint32_t line_of(Lower *L, Span sp) {
  const Source *src = src_get(&L->p->sources, sp.file);
  if (!src) return 0;
  if (sp.file != L->line_file) {
    L->line_file = sp.file;
    L->line_hint = 0;
  }
  return src_line(src, sp.lo, &L->line_hint);
}

static void lower_indicator(Lower *L, int year, Indicator *ind, RtIndicator *ri) {
  const Target *t = ind->target;
  uint32_t line = line_of(L, ind->name_span);
  ri->id = ind->id;
  ri->name = ind->name;
  ri->key = ind->key;
  ri->level1 = (uint8_t)ind->level1;
  ri->level2 = (uint8_t)ind->level2;
  ri->points = ind->points;
  ri->line = line;
  ri->target.kind = (uint8_t)t->kind;
  ri->target.unit = -1;
  ri->target.text = lower_target_text(L->strs, t);
  ri->code = (uint32_t)L->ncode;
  emit_konst(L, ind->points);
  switch (t->kind) {
  case TGT_QUANT: {
    const Unit *tu = t->u.q.unit_id >= 0 ? &L->p->units[t->u.q.unit_id] : NULL;
    ri->target.cmp = (uint8_t)t->u.q.cmp;
    ri->target.explicit_cmp = (uint8_t)t->u.q.explicit_cmp;
    ri->target.unit = t->u.q.unit_id;
    ri->target.value = t->u.q.value;
    emit_konst(L, t->u.q.value);
    if (ind->actual) {
      ri->derived = 1;
      lower_expr(L, ind->actual, tu);
    } else {
      emit(L, BC_ACTUAL, 0);
    }
    emit(L, BC_SQUANT, t->u.q.cmp);
    break;
  }
  case TGT_DEADLINE: {
    int32_t dl = date_days(t->u.deadline.date);
    int y = year ? year : t->u.deadline.date.y;
    ri->target.date = dl;
    emit_konst(L, (Dec)dl * DEC_ONE);
    emit_konst(L, (Dec)rt_days_from_civil(y, 1, 1) * DEC_ONE);
    emit(L, BC_ADATE, 0);
    emit(L, BC_SDATE, 0);
    break;
  }
  case TGT_GRADE:
    ri->target.scale = t->u.grade.scale_id;
    ri->target.rank = t->u.grade.rank;
    emit_konst(L, (Dec)t->u.grade.rank * DEC_ONE);
    emit(L, BC_ARANK, 0);
    emit(L, BC_SORD, 0);
    break;
  case TGT_PERIOD:
    ri->target.year = t->u.period.year;
    emit(L, BC_SGRADED, 0);
    break;
  case TGT_TEXT:
    emit(L, BC_SGRADED, 0);
    break;
  }
  emit(L, BC_RET, 0);
  ri->ncode = (uint32_t)(L->ncode - ri->code);
}

/* ---- program ---------------------------------------------------------------- */

static void lower_policy(const Policy *s, RtPolicy *d) {
  d->w_output = s->w_output;
  d->w_benefit = s->w_benefit;
  d->w_satisfaction = s->w_satisfaction;
  d->w_rate = s->w_rate;
  d->reverse = s->reverse == REV_RATIO;
  d->met = (RtBand){s->met.lo, s->met.hi, s->met.dflt};
  d->partial = (RtBand){s->partial.lo, s->partial.hi, s->partial.dflt};
  d->unmet = (RtBand){s->unmet.lo, s->unmet.hi, s->unmet.dflt};
  d->grade_excellent = s->grade_excellent;
  d->grade_good = s->grade_good;
  d->grade_fair = s->grade_fair;
  d->overshoot = s->overshoot;
  d->low_rate = s->low_rate;
  d->lag = s->lag;
}

/* every array is filled whole: its pages come in at once */
#define RT_ARRAY(ra, n, type) ((type *)rt_alloc_dense((ra), ((n) ? (n) : 1) * sizeof(type)))

static void lower_free(Lower *L) {
  free(L->code);
  free(L->consts);
  free(L->fields);
  free(L->field_keys);
  free(L->ctab.slots);
  memset(L, 0, sizeof *L);
}

static int lower_fail(Lower *L, const char *what) {
  Program *p = L->p;
  lower_free(L);
  diag_report(&p->diags, E_LIMIT, (Span){UINT32_MAX, 0, 0},
              "too many %s for the bytecode format, or out of memory", what);
  return -1;
}

/* Projects [lo, hi) of p, whose first indicator is `next`; 0, or -1 when
 * the code or the constants outgrow the format. */
static int lower_projects(Lower *L, size_t lo, size_t hi, uint32_t next) {
  Program *p = L->p;
  RtProgram *out = L->out;
  for (size_t j = lo; j < hi; j++) {
    Project *pr = p->projects[j];
    ProgFile *f = p->project_file[j];
    RtProject *rp = &out->projects[j];
    const Source *src = src_get(&p->sources, pr->name_span.file);
    uint32_t line = line_of(L, pr->name_span);
    size_t fi = 0;
    while (fi < p->nfiles && p->files[fi] != f) fi++;
    rp->name = pr->name;
    rp->key = pr->key;
    rp->file = src ? src->path : "";
    rp->line = line;
    rp->year = f->ast->header.has_year ? f->ast->header.year : 0;
    rp->currency = f->currency ? (uint32_t)(f->currency - p->units) : 0;
    rp->budget = pr->budget.in_currency;
    rp->policy = (uint32_t)fi;
    rp->first = next;
    rp->nind = (uint32_t)pr->nall;
    rp->english = f->ast->nkw_en > f->ast->nkw_zh;
    for (size_t i = 0; i < pr->nall; i++)
      lower_indicator(L, rp->year, pr->all[i], &out->indicators[next++]);
    if (L->ncode > BC_MAX_A || L->nconsts > BC_MAX_A) return -1;
  }
  return 0;
}

/*
 * [LOWER-PARTS] A large program is lowered in pieces of consecutive
 * projects, one per thread, each with its own code, constants, raw fields
 * and strings; the pieces are then joined in order.  Joining interns a
 * later piece's constants and fields into the first's, in the order the
 * piece first used them, and rewrites the operands of its KONST and FIELD
 * words (jumps are relative): the order one pass over all projects gives,
 * so the program, and the .indb written from it, are the same bytes
 * whatever the number of pieces.
 */
enum { LOWER_MAX_PARTS = 8 };

typedef struct LowerPart {
  Lower L;
  Arena strs;
  size_t lo, hi;    /* projects */
  uint32_t first, end; /* their indicators */
  int failed;
} LowerPart;

static void lower_part(void *ctx, unsigned k) {
  LowerPart *pt = (LowerPart *)ctx + k;
  pt->failed = lower_projects(&pt->L, pt->lo, pt->hi, pt->first) != 0;
}

/* Append piece K to M, as if M had gone on to lower K's projects. */
static int lower_join(Lower *M, Lower *K, RtProgram *out, const LowerPart *pt) {
  uint32_t *cmap = malloc((K->nconsts ? K->nconsts : 1) * sizeof *cmap);
  uint32_t *fmap = malloc((K->nfields ? K->nfields : 1) * sizeof *fmap);
  if (!cmap || !fmap) abort();
  for (size_t i = 0; i < K->nconsts; i++) cmap[i] = konst_index(M, K->consts[i]);
  for (size_t i = 0; i < K->nfields; i++) fmap[i] = field_keyed(M, K->fields[i], K->field_keys[i]);
  uint32_t base = (uint32_t)M->ncode;
  for (size_t i = 0; i < K->ncode; i++) {
    uint32_t w = K->code[i], op = BC_OP(w);
    if (op == BC_KONST) w = BC_WORD(op, cmap[BC_A(w)]);
    else if (op == BC_FIELD) w = BC_WORD(op, fmap[BC_A(w)]);
    emit(M, (int)op, BC_A(w));
  }
  for (uint32_t i = pt->first; i < pt->end; i++) out->indicators[i].code += base;
  free(cmap);
  free(fmap);
  return M->ncode > BC_MAX_A || M->nconsts > BC_MAX_A ? -1 : 0;
}

/* Lower every project: in at most `parts` pieces of at least min_part
 * indicators, on threads. */
static int lower_all(Program *p, Lower *L, unsigned parts, size_t min_part) {
  unsigned n = parts;
  if (!n) n = p->nindicators >= 2 * min_part ? thr_processors(LOWER_MAX_PARTS) : 1;
  if (n > LOWER_MAX_PARTS) n = LOWER_MAX_PARTS;
  if ((size_t)n * min_part > p->nindicators) n = (unsigned)(p->nindicators / min_part);
  p->lowered_parts = 1;
  if (n < 2) return lower_projects(L, 0, p->nprojects, 0);

  LowerPart pt[LOWER_MAX_PARTS];
  unsigned m = 0;
  size_t j = 0;
  uint32_t next = 0;
  for (unsigned k = 0; k < n && j < p->nprojects; k++) { /* pieces of about equal indicators */
    size_t want = p->nindicators / n * (k + 1);
    LowerPart *q = &pt[m++];
    memset(q, 0, sizeof *q);
    arena_init(&q->strs);
    q->L = *L;
    q->L.strs = &q->strs;
    q->lo = j;
    q->first = next;
    while (j < p->nprojects && (next < want || k == n - 1)) next += (uint32_t)p->projects[j++]->nall;
    q->hi = j;
    q->end = next;
  }
  pt[0].L.strs = L->strs; /* the first piece is the program's own */
  thr_each(m, lower_part, pt);
  p->lowered_parts = m;
  int rc = pt[0].failed ? -1 : 0;
  size_t total = 0; /* the joined code at once: no doubling's slack on top of the copy */
  for (unsigned k = 0; k < m; k++) total += pt[k].L.ncode;
  if (rc == 0 && total > pt[0].L.capcode) {
    uint32_t *c = realloc(pt[0].L.code, total * sizeof *c);
    if (!c) abort();
    pt[0].L.code = c;
    pt[0].L.capcode = total;
  }
  for (unsigned k = 1; k < m; k++) {
    if (rc == 0) rc = pt[k].failed ? -1 : lower_join(&pt[0].L, &pt[k].L, L->out, &pt[k]);
    lower_free(&pt[k].L);
    arena_adopt(&p->arena, &pt[k].strs);
    arena_free(&pt[k].strs);
  }
  *L = pt[0].L;
  return rc;
}

int lower_program(Program *p, RtProgram *out) {
  return lower_program_parts(p, out, p->jobs, 0);
}

int lower_program_parts(Program *p, RtProgram *out, unsigned parts, size_t min_part) {
  Lower L;
  memset(&L, 0, sizeof L);
  L.p = p;
  L.strs = &p->arena;
  L.out = out;
  L.line_file = UINT32_MAX;
  memset(out, 0, sizeof *out);
  rt_arena_init(&out->arena, 0);
  RtArena *ra = &out->arena;

  out->nunits = (uint32_t)p->nunits;
  out->units = RT_ARRAY(ra, p->nunits, RtUnit);
  for (size_t i = 0; i < p->nunits; i++)
    out->units[i] = (RtUnit){p->units[i].name, (uint32_t)p->units[i].dim, p->units[i].factor};

  out->nscales = (uint32_t)p->nscales;
  out->scales = RT_ARRAY(ra, p->nscales, RtScale);
  for (size_t i = 0; i < p->nscales; i++)
    out->scales[i] = (RtScale){p->scales[i].name, p->scales[i].members,
                               (uint32_t)p->scales[i].nmembers};

  out->npolicies = (uint32_t)p->nfiles;
  out->policies = RT_ARRAY(ra, p->nfiles, RtPolicy);
  for (size_t i = 0; i < p->nfiles; i++) lower_policy(&p->files[i]->policy, &out->policies[i]);

  out->nprojects = (uint32_t)p->nprojects;
  out->nindicators = (uint32_t)p->nindicators;
  out->projects = RT_ARRAY(ra, p->nprojects, RtProject);
  out->indicators = RT_ARRAY(ra, p->nindicators, RtIndicator);
  if (!out->units || !out->scales || !out->policies || !out->projects || !out->indicators)
    return lower_fail(&L, "projects");
  if (lower_all(p, &L, parts, min_part ? min_part : LOWER_MIN_PART) != 0)
    return lower_fail(&L, "instructions");

  /* the code is copied into the program's arena: first give back the
   * slack of its doubling array, so the two copies take no more than 2x */
  if (L.ncode && L.ncode < L.capcode) {
    uint32_t *fit = realloc(L.code, L.ncode * sizeof *L.code);
    if (fit) L.code = fit, L.capcode = L.ncode;
  }
  out->nconsts = (uint32_t)L.nconsts;
  out->consts = RT_ARRAY(ra, L.nconsts, Dec);
  out->ncode = (uint32_t)L.ncode;
  out->code = RT_ARRAY(ra, L.ncode, uint32_t);
  out->nfields = (uint32_t)L.nfields;
  out->fields = RT_ARRAY(ra, L.nfields, const char *);
  if (!out->consts || !out->code || !out->fields) return lower_fail(&L, "constants");
  if (L.nconsts) memcpy(out->consts, L.consts, L.nconsts * sizeof *L.consts);
  if (L.ncode) memcpy(out->code, L.code, L.ncode * sizeof *L.code);
  if (L.nfields) memcpy(out->fields, L.fields, L.nfields * sizeof *L.fields);
  lower_free(&L);
  return 0;
}
