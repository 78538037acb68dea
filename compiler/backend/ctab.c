/*
 * ctab.c - shared functions and encoded tables of the C and LLVM backends
 * (ctab.h, c_tables.inc, docs/c-abi.md).
 */
#include "ctab.h"

#include <stdlib.h>
#include <string.h>

#include "bc.h"
#include "bc_format.h"
#include "c_abi.h"
#include "c_emit.h"
#include "score/score.h"
#include "support/strmap.h"

#define CE_LAYOUT_ONLY
#include "c_tables.inc"

/* ---- a set of indices (open addressing; slot = index + 1, 0 empty) ----- */

typedef struct IdxSet {
  uint32_t *slot;
  size_t mask;
} IdxSet;

static int idx_init(IdxSet *s, size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  s->slot = calloc(cap, sizeof *s->slot);
  s->mask = cap - 1;
  return s->slot ? 0 : -1;
}

/* ---- sharing: indicators with equal code ------------------------------- */

static int over_limit(const RtIndicator *in) { return in->ncode > CE_VM_STEP_LIMIT; }

/* A hash of the words, constants by value. */
static uint64_t code_hash(const RtProgram *p, const RtIndicator *in) {
  uint64_t h = 1469598103934665603u;
  if (over_limit(in)) return h;
  for (uint32_t k = 0; k < in->ncode; k++) {
    uint32_t w = p->code[in->code + k];
    uint64_t v = BC_OP(w) == BC_KONST && BC_A(w) < p->nconsts ? (uint64_t)p->consts[BC_A(w)]
                                                              : BC_A(w);
    h = (h ^ BC_OP(w)) * 1099511628211u;
    h = (h ^ v) * 1099511628211u;
  }
  return h;
}

static int code_equal(const RtProgram *p, const RtIndicator *a, const RtIndicator *b) {
  if (over_limit(a) || over_limit(b)) return over_limit(a) && over_limit(b);
  if (a->ncode != b->ncode) return 0;
  for (uint32_t k = 0; k < a->ncode; k++) {
    uint32_t x = p->code[a->code + k], y = p->code[b->code + k];
    if (BC_OP(x) != BC_OP(y)) return 0;
    if (BC_OP(x) == BC_KONST && BC_A(x) < p->nconsts && BC_A(y) < p->nconsts) {
      if (p->consts[BC_A(x)] != p->consts[BC_A(y)]) return 0;
    } else if (BC_A(x) != BC_A(y)) {
      return 0;
    }
  }
  return 1;
}

/* How indicator i of project pr is scored: CE_HOW_*. */
static uint8_t score_how(const RtProgram *p, const RtIndicator *in, const RtProject *pr) {
  if (!bc_canonical(p, in, pr)) return in->derived ? CE_HOW_DERIVED : CE_HOW_CODE;
  switch (in->target.kind) {
  case RT_TGT_QUANT: return CE_HOW_QUANT;
  case RT_TGT_DEADLINE: return CE_HOW_DEADLINE;
  case RT_TGT_GRADE: return CE_HOW_GRADE;
  default: return CE_HOW_GRADED;
  }
}

/* ind_project and ind_how.  An indicator of no project (impossible in a
 * verified program) is never evaluated; it keeps project 0 and a function. */
static void share_how(const RtProgram *p, CtabTables *t) {
  for (uint32_t i = 0; i < p->nindicators; i++)
    t->ind_how[i] = p->indicators[i].derived ? CE_HOW_DERIVED : CE_HOW_CODE;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++) {
      t->ind_project[i] = j;
      t->ind_how[i] = score_how(p, &p->indicators[i], pj);
    }
  }
}

int ctab_share(const RtProgram *p, CtabTables *t) {
  IdxSet seen = {NULL, 0};
  size_t n = p->nindicators ? p->nindicators : 1;
  t->ind_code = calloc(n, sizeof *t->ind_code);
  t->code_first = calloc(n, sizeof *t->code_first);
  t->code_uses = calloc(n, sizeof *t->code_uses);
  t->ind_project = calloc(n, sizeof *t->ind_project);
  t->ind_how = calloc(n, sizeof *t->ind_how);
  t->ncodes = 0;
  if (idx_init(&seen, n) != 0 || !t->ind_code || !t->code_first || !t->code_uses ||
      !t->ind_project || !t->ind_how) {
    free(seen.slot);
    return -1;
  }
  share_how(p, t);
  for (uint32_t i = 0; i < p->nindicators; i++) {
    const RtIndicator *in = &p->indicators[i];
    t->ind_code[i] = CTAB_NO_CODE;
    if (t->ind_how[i] != CE_HOW_CODE && t->ind_how[i] != CE_HOW_DERIVED) continue;
    size_t s = (size_t)code_hash(p, in) & seen.mask;
    while (seen.slot[s] && !code_equal(p, &p->indicators[t->code_first[seen.slot[s] - 1]], in))
      s = (s + 1) & seen.mask;
    if (!seen.slot[s]) {
      t->code_first[t->ncodes] = i;
      seen.slot[s] = ++t->ncodes;
    }
    t->ind_code[i] = seen.slot[s] - 1;
    t->code_uses[seen.slot[s] - 1]++;
  }
  free(seen.slot);
  return 0;
}

int32_t ctab_due(const RtProject *pj, const RtIndicator *in) {
  if (in->target.kind == RT_TGT_DEADLINE) return in->target.date;
  int y = in->target.kind == RT_TGT_PERIOD && in->target.year ? in->target.year : pj->year;
  return rt_days_from_civil(y, 12, 31);
}

/* ---- the encoded tables ------------------------------------------------ */

typedef struct Bytes {
  unsigned char *b;
  size_t n, cap;
  int failed;
} Bytes;

static unsigned char *bytes_add(Bytes *x, size_t n) {
  if (x->failed) return NULL;
  if (x->n + n > x->cap) {
    size_t cap = x->cap ? x->cap : 4096;
    while (cap < x->n + n) cap *= 2;
    unsigned char *b = realloc(x->b, cap);
    if (!b) {
      x->failed = 1;
      return NULL;
    }
    x->b = b;
    x->cap = cap;
  }
  memset(x->b + x->n, 0, n);
  x->n += n;
  return x->b + x->n - n;
}

static void put_u32(unsigned char *r, uint32_t v) {
  for (int k = 0; k < 4; k++) r[k] = (unsigned char)(v >> 8 * k);
}

static void put_i64(unsigned char *r, int64_t v) {
  put_u32(r, (uint32_t)((uint64_t)v & 0xFFFFFFFFu));
  put_u32(r + 4, (uint32_t)((uint64_t)v >> 32));
}

#define put_i32(r, v) put_u32((r), (uint32_t)(v))

int64_t ctab_get_i64(const unsigned char *b) {
  uint64_t u = 0;
  for (int k = 7; k >= 0; k--) u = u << 8 | b[k];
  return (int64_t)u;
}

/* Distinct records of one size, in order of first use. */
typedef struct Recs {
  Bytes b;
  IdxSet set;
  size_t size;
  uint32_t *first; /* [n]: the first indicator of each */
  uint32_t n;
} Recs;

typedef struct Enc {
  const RtProgram *p;
  CtabTables *t;
  Bytes data;       /* the pool, then the sections */
  Recs forms;       /* distinct forms */
  Recs scores;      /* distinct score records */
  StrMap strings;   /* string -> offset + 1 */
  uint32_t *string_at;
  size_t capstrings;
} Enc;

/* The pool offset of s, adding it on first use; CE_NO_STRING for NULL. */
static uint32_t enc_string(Enc *e, const char *s) {
  if (!s) return CE_NO_STRING;
  uintptr_t at = (uintptr_t)strmap_get(&e->strings, s);
  if (at) return (uint32_t)(at - 1);
  size_t n = strlen(s) + 1, off = e->data.n;
  unsigned char *d = bytes_add(&e->data, n);
  if (!d || off > UINT32_MAX - n) return e->data.failed = 1, 0;
  memcpy(d, s, n);
  strmap_put(&e->strings, s, (void *)(uintptr_t)(off + 1));
  if (e->t->nstrings == e->capstrings) {
    e->capstrings = e->capstrings ? 2 * e->capstrings : 1024;
    uint32_t *a = realloc(e->string_at, e->capstrings * sizeof *a);
    if (!a) return e->data.failed = 1, 0;
    e->string_at = a;
  }
  e->string_at[e->t->nstrings++] = (uint32_t)off;
  return (uint32_t)off;
}

static uint64_t bytes_hash(const unsigned char *b, size_t n) {
  uint64_t h = 1469598103934665603u;
  for (size_t k = 0; k < n; k++) h = (h ^ b[k]) * 1099511628211u;
  return h;
}

static int recs_init(Recs *r, size_t size, size_t n) {
  memset(r, 0, sizeof *r);
  r->size = size;
  r->first = calloc(n, sizeof *r->first);
  return r->first && idx_init(&r->set, n) == 0 ? 0 : -1;
}

static void recs_free(Recs *r) {
  free(r->b.b);
  free(r->set.slot);
  free(r->first);
}

/* The index of record rec (r->size bytes), adding it on first use by
 * indicator i. */
static uint32_t recs_intern(Recs *r, const unsigned char *rec, uint32_t i) {
  IdxSet *s = &r->set;
  size_t h = (size_t)bytes_hash(rec, r->size) & s->mask;
  while (s->slot[h] && memcmp(r->b.b + (size_t)(s->slot[h] - 1) * r->size, rec, r->size) != 0)
    h = (h + 1) & s->mask;
  if (s->slot[h]) return s->slot[h] - 1;
  unsigned char *d = bytes_add(&r->b, r->size);
  if (!d) return 0;
  memcpy(d, rec, r->size);
  r->first[r->n] = i;
  s->slot[h] = ++r->n;
  return s->slot[h] - 1;
}

static uint32_t enc_form(Enc *e, const RtProject *pj, uint32_t i) {
  const RtIndicator *in = &e->p->indicators[i];
  const RtTarget *tg = &in->target;
  unsigned char f[CE_FORM_SIZE];
  memset(f, 0, sizeof f);
  f[CE_F_LEVEL1] = in->level1;
  f[CE_F_LEVEL2] = in->level2;
  f[CE_F_DERIVED] = in->derived;
  f[CE_F_KIND] = tg->kind;
  f[CE_F_CMP] = tg->cmp;
  f[CE_F_EXPLICIT] = tg->explicit_cmp;
  put_i32(f + CE_F_UNIT, tg->unit);
  put_i32(f + CE_F_DATE, tg->date);
  put_i32(f + CE_F_YEAR, tg->year);
  put_i32(f + CE_F_SCALE, tg->scale);
  put_i32(f + CE_F_RANK, tg->rank);
  put_u32(f + CE_F_TEXT, enc_string(e, tg->text));
  put_i64(f + CE_F_VALUE, tg->value);
  put_i64(f + CE_F_POINTS, in->points);
  put_i32(f + CE_F_DUE, ctab_due(pj, in));
  return recs_intern(&e->forms, f, i);
}

/* Index of the level-1 category in indc_proj_result.cat_points. */
static uint8_t cat_slot(int level1) {
  return level1 == RT_CAT_OUTPUT ? 0 : level1 == RT_CAT_BENEFIT ? 1
       : level1 == RT_CAT_SATISFACTION ? 2 : 3;
}

/* ---- the fast path of the year-end loop ([CABI-FAST]) ------------------ */

__extension__ typedef __int128 Wide;

/* The least B with B * DEC_ONE >= a * f (dec_ge_product), in *t; 0 when
 * it is above DEC_MAX (then no B overshoots and the loop cannot say so
 * with a comparison). */
static int overshoot_from(Dec a, Dec f, Dec *t) {
  Wide p = (Wide)a * f, s = DEC_ONE;
  Wide q = p >= 0 ? (p + s - 1) / s : -(-p / s); /* ceil(p / s) */
  if (q > DEC_MAX) return 0;
  *t = q < INT64_MIN ? INT64_MIN : (Dec)q;
  return 1;
}

static int share_ok(const RtBand *b) { return b->dflt >= 0 && b->dflt <= DEC_ONE; }

/* CE_S_FAST and the x fields of the score record r of indicator in of
 * project pj: the conditions of the fast paths of score.c, checked here
 * once ([CABI-FAST]). */
static void fast_fields(const RtProgram *p, const RtProject *pj, const RtIndicator *in,
                        unsigned char *r) {
  const RtTarget *tg = &in->target;
  Dec w = in->points, t;
  if (pj->policy >= p->npolicies || w < 0) return;
  const RtPolicy *pol = &p->policies[pj->policy];
  switch (r[CE_S_HOW]) {
  case CE_HOW_QUANT:
    if (tg->value <= 0 || tg->value > DEC_MAX / 2) return;
    if (tg->cmp == RT_CMP_GE || tg->cmp == RT_CMP_EQ || tg->cmp == RT_CMP_GT) {
      if (!overshoot_from(tg->value, pol->overshoot, &t)) return;
      r[CE_S_FAST] = tg->cmp == RT_CMP_GT ? CE_FAST_GT : CE_FAST_GE;
      put_i64(r + CE_S_X1, t);
    } else if (tg->cmp == RT_CMP_LE) {
      r[CE_S_FAST] = pol->reverse ? CE_FAST_LE_RATIO : CE_FAST_LE;
    } else if (tg->cmp == RT_CMP_LT) {
      r[CE_S_FAST] = pol->reverse ? CE_FAST_LT_RATIO : CE_FAST_LT;
    }
    return;
  case CE_HOW_DEADLINE: {
    int64_t allowed = (int64_t)tg->date - rt_days_from_civil(pj->year, 1, 1);
    if (allowed <= 0) return;
    r[CE_S_FAST] = CE_FAST_DEADLINE;
    put_i64(r + CE_S_X1, allowed);
    return;
  }
  case CE_HOW_GRADE:
    if (tg->rank >= 1) r[CE_S_FAST] = CE_FAST_GRADE;
    return;
  case CE_HOW_GRADED:
    if (w > DEC_MAX / 2 || !share_ok(&pol->met) || !share_ok(&pol->partial) ||
        !share_ok(&pol->unmet))
      return;
    r[CE_S_FAST] = CE_FAST_GRADED;
    put_i64(r + CE_S_X1, score_graded_part(w, pol->met.dflt));
    put_i64(r + CE_S_X2, score_graded_part(w, pol->partial.dflt));
    put_i64(r + CE_S_X3, score_graded_part(w, pol->unmet.dflt));
    return;
  default:
    return;
  }
}

/* The score record of indicator i: only what evaluation reads, so that
 * indicators that score alike share it. */
static uint32_t enc_score(Enc *e, const RtProject *pj, uint32_t i) {
  const RtIndicator *in = &e->p->indicators[i];
  const RtTarget *tg = &in->target;
  uint8_t how = e->t->ind_how[i];
  int32_t arg = tg->kind == RT_TGT_DEADLINE ? tg->date : tg->kind == RT_TGT_GRADE ? tg->rank : 0;
  unsigned char r[CE_SCORE_SIZE];
  memset(r, 0, sizeof r);
  r[CE_S_HOW] = how;
  r[CE_S_KIND] = tg->kind;
  r[CE_S_CMP] = tg->cmp;
  r[CE_S_SLOT] = cat_slot(in->level1);
  put_u32(r + CE_S_CODE, e->t->ind_code[i] == CTAB_NO_CODE ? 0 : e->t->ind_code[i]);
  put_i32(r + CE_S_ARG, arg);
  put_i32(r + CE_S_DUE, ctab_due(pj, in));
  put_i64(r + CE_S_VALUE, how == CE_HOW_QUANT ? tg->value : 0);
  put_i64(r + CE_S_POINTS, in->points);
  fast_fields(e->p, pj, in, r);
  return recs_intern(&e->scores, r, i);
}

/* Pass 1: every string, in the order of the records (project, then its
 * indicators), so the pool precedes the records that point into it. */
static void enc_strings(Enc *e) {
  const RtProgram *p = e->p;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    enc_string(e, pj->name);
    enc_string(e, pj->key);
    enc_string(e, pj->file);
    for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++) {
      const RtIndicator *in = &p->indicators[i];
      enc_string(e, in->name);
      enc_string(e, in->key);
      enc_string(e, in->id);
      enc_string(e, in->target.text);
    }
  }
}

/* 1 when the |points| of the indicators of pj add up to at most DEC_MAX:
 * then no sum of their points or scores (|score| <= |points|, score.c)
 * can overflow, whichever indicators count. */
static uint8_t plain_sums(const RtProgram *p, const RtProject *pj) {
  uint64_t sum = 0;
  for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++) {
    Dec w = p->indicators[i].points;
    uint64_t mag = w < 0 ? (uint64_t)0 - (uint64_t)w : (uint64_t)w;
    if (mag > (uint64_t)DEC_MAX - sum) return 0;
    sum += mag;
  }
  return 1;
}

static void enc_project(Enc *e, const RtProject *pj) {
  unsigned char *r = bytes_add(&e->data, CE_PROJECT_SIZE);
  if (!r) return;
  int32_t jan1 = rt_days_from_civil(pj->year, 1, 1);
  put_u32(r + CE_P_NAME, enc_string(e, pj->name));
  put_u32(r + CE_P_KEY, enc_string(e, pj->key));
  put_u32(r + CE_P_FILE, enc_string(e, pj->file));
  put_u32(r + CE_P_LINE, pj->line);
  put_i32(r + CE_P_YEAR, pj->year);
  put_u32(r + CE_P_CURRENCY, pj->currency);
  put_i64(r + CE_P_BUDGET, pj->budget);
  put_u32(r + CE_P_POLICY, pj->policy);
  put_u32(r + CE_P_FIRST, pj->first);
  put_u32(r + CE_P_NIND, pj->nind);
  put_i32(r + CE_P_JAN1, jan1);
  put_i32(r + CE_P_NDAYS, rt_days_from_civil(pj->year + 1, 1, 1) - jan1);
  r[CE_P_ENGLISH] = pj->english;
  r[CE_P_PLAIN] = plain_sums(e->p, pj);
}

static void enc_indicator(Enc *e, uint32_t j, uint32_t i) {
  const RtIndicator *in = &e->p->indicators[i];
  unsigned char *r = bytes_add(&e->data, CE_INDICATOR_SIZE);
  if (!r) return;
  put_u32(r + CE_I_NAME, enc_string(e, in->name));
  put_u32(r + CE_I_KEY, enc_string(e, in->key));
  put_u32(r + CE_I_ID, enc_string(e, in->id));
  put_u32(r + CE_I_LINE, in->line);
  put_u32(r + CE_I_PROJECT, j);
  put_u32(r + CE_I_FORM, e->t->ind_form[i]);
}

/* Zero bytes up to a multiple of align; the offset reached. */
static uint32_t enc_align(Enc *e, size_t align) {
  bytes_add(&e->data, (align - e->data.n % align) % align);
  return (uint32_t)e->data.n;
}

/* Pass 2: the forms and score records, then the sections in order. */
static void enc_records(Enc *e) {
  const RtProgram *p = e->p;
  CtabTables *t = e->t;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++) {
      t->ind_form[i] = enc_form(e, pj, i);
      t->ind_score[i] = enc_score(e, pj, i);
    }
  }
  t->projects = (uint32_t)e->data.n;
  for (uint32_t j = 0; j < p->nprojects; j++) enc_project(e, &p->projects[j]);
  t->indicators = (uint32_t)e->data.n;
  for (uint32_t i = 0; i < p->nindicators; i++) enc_indicator(e, t->ind_project[i], i);
  t->forms = (uint32_t)e->data.n;
  unsigned char *d = bytes_add(&e->data, e->forms.b.n);
  if (d && e->forms.b.n) memcpy(d, e->forms.b.b, e->forms.b.n);
  t->score_of = enc_align(e, CE_SCORE_OF_SIZE);
  for (uint32_t i = 0; i < p->nindicators; i++) {
    d = bytes_add(&e->data, CE_SCORE_OF_SIZE);
    if (d) put_u32(d, t->ind_score[i]);
  }
  t->scores = enc_align(e, CE_SCORE_SIZE);
  d = bytes_add(&e->data, e->scores.b.n);
  if (d && e->scores.b.n) memcpy(d, e->scores.b.b, e->scores.b.n);
}

int ctab_build(const RtProgram *p, CtabTables *t) {
  memset(t, 0, sizeof *t);
  if (ctab_share(p, t) != 0) return ctab_free(t), -1;
  Enc e;
  memset(&e, 0, sizeof e);
  e.p = p;
  e.t = t;
  strmap_init(&e.strings);
  size_t n = p->nindicators ? p->nindicators : 1;
  t->ind_form = calloc(n, sizeof *t->ind_form);
  t->ind_score = calloc(n, sizeof *t->ind_score);
  int rc = -1;
  if (t->ind_form && t->ind_score && recs_init(&e.forms, CE_FORM_SIZE, n) == 0 &&
      recs_init(&e.scores, CE_SCORE_SIZE, n) == 0) {
    enc_strings(&e);
    enc_records(&e);
    rc = e.data.failed || e.forms.b.failed || e.scores.b.failed || e.data.n > UINT32_MAX ? -1
                                                                                        : 0;
  }
  t->data = e.data.b;
  t->len = e.data.n;
  t->string_at = e.string_at;
  t->nforms = e.forms.n;
  t->form_first = e.forms.first;
  t->nscores = e.scores.n;
  t->score_first = e.scores.first;
  e.forms.first = e.scores.first = NULL;
  strmap_free(&e.strings);
  recs_free(&e.forms);
  recs_free(&e.scores);
  if (rc != 0) ctab_free(t);
  return rc;
}

void ctab_free(CtabTables *t) {
  free(t->data);
  free(t->string_at);
  free(t->form_first);
  free(t->ind_form);
  free(t->ind_project);
  free(t->ind_how);
  free(t->score_first);
  free(t->ind_score);
  free(t->code_first);
  free(t->code_uses);
  free(t->ind_code);
  memset(t, 0, sizeof *t);
}
