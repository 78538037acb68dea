/*
 * data_fixture.c - the hand-built program of the data tests (see
 * data_fixture.h).
 */
#include "data_fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_format.h"
#include "text/namekey.h"

Dec fx_dec(const char *s) {
  Dec d = 0;
  ck_assert_int_eq(dec_parse(s, strlen(s), &d), DEC_OK);
  return d;
}

static const char *fx_str(RtProgram *p, const char *s) {
  return rt_strndup(&p->arena, s, strlen(s));
}

static const char *fx_key(RtProgram *p, const char *s) {
  char *k = name_key(s, strlen(s));
  const char *r = fx_str(p, k);
  free(k);
  return r;
}

static void fx_units(RtProgram *p) {
  static const struct { const char *name; uint32_t dim; const char *factor; } u[] = {
      {"元", FX_U_YUAN, "1"},    {"万元", FX_U_YUAN, "10000"}, {"人次", FX_U_RENCI, "1"},
      {"%", FX_U_PCT, "1"},      {"场", FX_U_CHANG, "1"}};
  p->nunits = sizeof u / sizeof u[0];
  p->units = rt_alloc(&p->arena, p->nunits * sizeof *p->units);
  for (uint32_t i = 0; i < p->nunits; i++) {
    p->units[i].name = fx_str(p, u[i].name);
    p->units[i].dim = u[i].dim;
    p->units[i].factor = fx_dec(u[i].factor);
  }
}

static void fx_scales_policy(RtProgram *p) {
  static const char *const members[] = {"1A", "2A", "3A", "4A", "5A"};
  p->nscales = 1;
  p->scales = rt_alloc(&p->arena, sizeof *p->scales);
  p->scales[0].name = fx_str(p, "社会组织评估等级");
  p->scales[0].nmembers = 5;
  p->scales[0].members = rt_alloc(&p->arena, 5 * sizeof(char *));
  for (int i = 0; i < 5; i++) p->scales[0].members[i] = fx_str(p, members[i]);
  p->npolicies = 1;
  p->policies = rt_alloc(&p->arena, sizeof *p->policies);
  RtPolicy *pol = &p->policies[0];
  pol->met = (RtBand){fx_dec("0.8"), fx_dec("1"), fx_dec("1")};
  pol->partial = (RtBand){fx_dec("0.6"), fx_dec("0.8"), fx_dec("0.7")};
  pol->unmet = (RtBand){fx_dec("0"), fx_dec("0.6"), fx_dec("0.3")};
}

static void fx_fields(RtProgram *p) {
  static const char *const names[] = {"已处置工单", "工单总数", "活动经费"};
  p->nfields = 3;
  p->fields = rt_alloc(&p->arena, 3 * sizeof(char *));
  for (int i = 0; i < 3; i++) p->fields[i] = fx_str(p, names[i]);
  /* 实际 = 已处置工单 / 工单总数 * 100%, scored ≥ 90 % */
  static const uint32_t code[] = {
      BC_WORD(BC_KONST, 0), BC_WORD(BC_KONST, 1), BC_WORD(BC_FIELD, FX_F_DONE),
      BC_WORD(BC_FIELD, FX_F_TOTAL), BC_WORD(BC_DIV, 0), BC_WORD(BC_KONST, 2),
      BC_WORD(BC_MUL, 0), BC_WORD(BC_SQUANT, RT_CMP_GE), BC_WORD(BC_RET, 0)};
  p->ncode = sizeof code / sizeof code[0];
  p->code = rt_alloc(&p->arena, sizeof code);
  memcpy(p->code, code, sizeof code);
  p->nconsts = 3;
  p->consts = rt_alloc(&p->arena, 3 * sizeof(Dec));
  p->consts[0] = fx_dec("10"), p->consts[1] = fx_dec("90"), p->consts[2] = fx_dec("100");
}

typedef struct FxInd {
  const char *id, *name;
  uint8_t l1, l2, kind, cmp;
  int32_t unit;
  const char *value, *text, *points;
} FxInd;

static const FxInd fx_inds[FX_NIND] = {
    {"hy", "举办会议场次", RT_CAT_OUTPUT, RT_CAT_QUANTITY, RT_TGT_QUANT, RT_CMP_GE, FX_U_CHANG, "1", "≥1 场", "10"},
    {NULL, "覆盖青联委员", RT_CAT_BENEFIT, RT_CAT_SOCIAL, RT_TGT_QUANT, RT_CMP_GE, FX_U_RENCI, "500", "≥500 人次", "10"},
    {NULL, "覆盖 青联委员", RT_CAT_BENEFIT, RT_CAT_ECONOMIC, RT_TGT_QUANT, RT_CMP_GE, FX_U_RENCI, "500", "≥500 人次", "10"},
    {NULL, "会议完成时间", RT_CAT_OUTPUT, RT_CAT_TIMELINESS, RT_TGT_DEADLINE, 0, -1, "0", "2023-12-31", "10"},
    {NULL, "社会组织评估等级", RT_CAT_OUTPUT, RT_CAT_QUALITY, RT_TGT_GRADE, 0, -1, "0", "达到 3A 级", "10"},
    {NULL, "会议质量", RT_CAT_OUTPUT, RT_CAT_QUALITY, RT_TGT_TEXT, 0, -1, "0", "进一步提升", "20"},
    {NULL, "活动开展", RT_CAT_OUTPUT, RT_CAT_TIMELINESS, RT_TGT_PERIOD, 0, -1, "0", "全年", "10"},
    {NULL, "参会人员满意度", RT_CAT_SATISFACTION, RT_CAT_BENEFICIARY, RT_TGT_QUANT, RT_CMP_GE, FX_U_PCT, "95", "≥95%", "10"},
    {"gd", "12355工单处置比例", RT_CAT_BENEFIT, RT_CAT_SOCIAL, RT_TGT_QUANT, RT_CMP_GE, FX_U_PCT, "90", "≥90%", "10"},
    {NULL, "会议经费", RT_CAT_OUTPUT, RT_CAT_COST, RT_TGT_QUANT, RT_CMP_LE, FX_U_WAN, "30", "≤30 万元", "10"},
    {NULL, "满意度得分", RT_CAT_SATISFACTION, RT_CAT_BENEFICIARY, RT_TGT_QUANT, RT_CMP_GE, -1, "90", "≥90", "10"},
    {NULL, "物业服务覆盖率", RT_CAT_OUTPUT, RT_CAT_QUANTITY, RT_TGT_QUANT, RT_CMP_EQ, FX_U_PCT, "100", "100%", "50"},
    {NULL, "覆盖青联委员", RT_CAT_BENEFIT, RT_CAT_SOCIAL, RT_TGT_QUANT, RT_CMP_GE, FX_U_RENCI, "500", "≥500 人次", "50"},
};

static void fx_indicator(RtProgram *p, uint32_t i) {
  const FxInd *f = &fx_inds[i];
  RtIndicator *ind = &p->indicators[i];
  ind->id = f->id ? fx_str(p, f->id) : NULL;
  ind->name = fx_str(p, f->name);
  ind->key = fx_key(p, f->name);
  ind->level1 = f->l1, ind->level2 = f->l2;
  ind->target.kind = f->kind, ind->target.cmp = f->cmp, ind->target.unit = f->unit;
  ind->target.value = fx_dec(f->value);
  ind->target.text = fx_str(p, f->text);
  ind->target.date = rt_days_from_civil(2023, 12, 31);
  ind->target.scale = f->kind == RT_TGT_GRADE ? 0 : -1;
  ind->target.rank = 3;
  ind->points = fx_dec(f->points);
  ind->line = 10 + i;
  if (i == FX_DERIVED) ind->derived = 1, ind->code = 0, ind->ncode = p->ncode;
}

static void fx_project(RtProgram *p, uint32_t i, const char *name, uint32_t currency,
                       uint32_t first, uint32_t nind) {
  RtProject *pj = &p->projects[i];
  pj->name = fx_str(p, name);
  pj->key = fx_key(p, name);
  pj->file = fx_str(p, "fixture.ind");
  pj->year = 2023, pj->currency = currency, pj->budget = fx_dec("30");
  pj->first = first, pj->nind = nind;
}

void fx_program(RtProgram *p) {
  memset(p, 0, sizeof *p);
  rt_arena_init(&p->arena, 0);
  fx_units(p);
  fx_scales_policy(p);
  fx_fields(p);
  p->nindicators = FX_NIND;
  p->indicators = rt_alloc(&p->arena, FX_NIND * sizeof *p->indicators);
  for (uint32_t i = 0; i < FX_NIND; i++) fx_indicator(p, i);
  p->nprojects = 2;
  p->projects = rt_alloc(&p->arena, 2 * sizeof *p->projects);
  fx_project(p, 0, FX_P0, FX_U_WAN, 0, FX_P1_RATE);
  fx_project(p, 1, FX_P1, FX_U_YUAN, FX_P1_RATE, FX_NIND - FX_P1_RATE);
}

void fx_program_free(RtProgram *p) { rt_arena_free(&p->arena); }

/* ---- loading -------------------------------------------------------------- */

static void fx_report(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  FxLoad *l = ud;
  int n = snprintf(l->log + l->loglen, sizeof l->log - l->loglen, "%s:%u:%u: %s\n", file, line,
                   col, msg);
  if (n > 0) l->loglen += (size_t)n;
  if (l->loglen >= sizeof l->log) l->loglen = sizeof l->log - 1;
}

indrt_status fx_load(FxLoad *l, const RtProgram *p, const char *name, const void *bytes,
                     size_t len, int format, int encoding) {
  memset(l, 0, sizeof *l);
  l->sink.report = fx_report;
  l->sink.ud = l;
  l->status = act_load(p, name, bytes, len, format, encoding, 0, &l->act, &l->sink);
  return l->status;
}

indrt_status fx_load_text(FxLoad *l, const RtProgram *p, const char *name, const char *text) {
  return fx_load(l, p, name, text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO);
}

indrt_status fx_load_text_tr(FxLoad *l, const RtProgram *p, const char *name, const char *text,
                             const char *(*tr)(void *ud, const char *msgid)) {
  memset(l, 0, sizeof *l);
  l->sink.report = fx_report;
  l->sink.ud = l;
  l->sink.translate = tr;
  l->status = act_load(p, name, text, strlen(text), INDRT_DATA_AUTO, INDRT_ENC_AUTO, 0, &l->act,
                       &l->sink);
  return l->status;
}

void fx_load_free(FxLoad *l) { act_free(&l->act); }

const char *fx_data_path(const char *file) {
  static char buf[4096];
  const char *root = getenv("INDC_SOURCE_DIR"); /* set by CTest */
  if (root && *root) {
    snprintf(buf, sizeof buf, "%s/tests/data/%s", root, file);
    return buf;
  }
  const char *here = __FILE__, *slash = strrchr(here, '/');
  int dir = slash ? (int)(slash - here) : 1;
  snprintf(buf, sizeof buf, "%.*s/../data/%s", dir, slash ? here : ".", file);
  return buf;
}

char *fx_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  fclose(f);
  if (buf) *len = n;
  return buf;
}
