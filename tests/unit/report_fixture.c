/*
 * report_fixture.c - the hand-built scorecard of report_fixture.h.
 *
 * The program is described by two tables (units, indicators) and built
 * into one arena; fx_rescore then scores it with the functions of
 * score.h, following eval.c: an indicator without data is missing, or
 * pending mid-year when its due day is after the as-of date; 不适用 is
 * left out of the applicable points; 执行率 counts like an indicator.
 */
#include "report_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "score/score.h"

enum { U_YUAN, U_WANYUAN, U_CHANG, U_PCT, U_RENCI, NUNITS };

static const char *const unit_names[NUNITS] = {"元", "万元", "场", "%", "人次"};
static const char *const unit_factors[NUNITS] = {"1", "10000", "1", "1", "1"};
static const uint32_t unit_dims[NUNITS] = {U_YUAN, U_YUAN, U_CHANG, U_PCT, U_RENCI};
static const char *scale_members[] = {"1A", "2A", "3A", "4A", "5A"};

/* One indicator and its actual.  Dates are {year, month, day}. */
typedef struct FxSpec {
  uint32_t proj;
  const char *id, *name;
  uint8_t level1, level2;
  const char *target;  /* as written */
  uint8_t kind, cmp;
  int32_t unit;
  const char *a;       /* quantitative target */
  int due[3];          /* deadline */
  int32_t rank;        /* grade target */
  const char *points;
  uint8_t akind;
  const char *atext;
  const char *b;       /* number in the target's unit, or a given score */
  int done[3];
  uint8_t grade, has_score;
  int32_t arank;
  uint8_t midyear_missing; /* not yet reported at 2023-06-30 */
} FxSpec;

#define Q(c, u, v) .kind = RT_TGT_QUANT, .cmp = RT_CMP_##c, .unit = U_##u, .a = v
#define NUM(t, v) .akind = RT_ACT_NUMBER, .atext = t, .b = v
#define GRADED(t, g) \
  .kind = RT_TGT_TEXT, .unit = -1, .target = t, .akind = RT_ACT_GRADE, .grade = RT_GRADE_##g

static const FxSpec specs[FX_NIND] = {
    /* project 0 */
    {0, "p0-1", "开展青少年社工专题活动场次", RT_CAT_OUTPUT, RT_CAT_QUANTITY, "≥15 场",
     Q(GE, CHANG, "15"), .points = "15", NUM("16场", "16")},
    {0, NULL, "市级社会组织评估", RT_CAT_OUTPUT, RT_CAT_QUALITY, "达到 3A 级",
     .kind = RT_TGT_GRADE, .unit = -1, .rank = 3, .points = "10", .akind = RT_ACT_RANK,
     .atext = "2A", .arank = 2},
    {0, NULL, "项目完成时间", RT_CAT_OUTPUT, RT_CAT_TIMELINESS, "2023年12月底前完成",
     .kind = RT_TGT_DEADLINE, .unit = -1, .due = {2023, 12, 31}, .points = "10",
     .akind = RT_ACT_DATE, .atext = "2024-01-15", .done = {2024, 1, 15}, .midyear_missing = 1},
    {0, "p0-4", "社工招聘、培训成本、体检", RT_CAT_OUTPUT, RT_CAT_COST, "≤10 万元",
     Q(LE, WANYUAN, "10"), .points = "15", NUM("11.5万元", "11.5")},
    {0, NULL, "整体提升青少年社工社会认知度", RT_CAT_BENEFIT, RT_CAT_SOCIAL,
     GRADED("明确青少年社工身份及主责主业内容,加强社工基层事务及业务能力管理", PARTIAL),
     .points = "15", .atext = "部分达成"},
    {0, NULL, "持续引导青少年社会工作重要性及必要性", RT_CAT_BENEFIT, RT_CAT_SUSTAINABLE,
     GRADED("及时宣传、交流总结工作经验、积极推广创造性服务方案", MET), .points = "15",
     .atext = "达成"},
    {0, NULL, "青少年群体满意度", RT_CAT_SATISFACTION, RT_CAT_BENEFICIARY, ">98%",
     Q(GT, PCT, "98"), .points = "10", .akind = RT_ACT_MISSING},
    /* project 1: no 执行数 */
    {1, "p1-1", "举办“青春+”主题活动场次", RT_CAT_OUTPUT, RT_CAT_QUANTITY, "≥15 场",
     Q(GE, CHANG, "15"), .points = "10", NUM("12场", "12")},
    {1, NULL, "参与青年人次", RT_CAT_OUTPUT, RT_CAT_QUANTITY, "≥500 人次",
     Q(GE, RENCI, "500"), .points = "10", NUM("1200人次", "1200")},
    {1, NULL, "活动参与覆盖率", RT_CAT_OUTPUT, RT_CAT_QUALITY, "≥90%", Q(GE, PCT, "90"),
     .points = "10", .akind = RT_ACT_NA, .atext = "不适用"},
    {1, NULL, "活动完成时间", RT_CAT_OUTPUT, RT_CAT_TIMELINESS, "2023-12-31",
     .kind = RT_TGT_DEADLINE, .unit = -1, .due = {2023, 12, 31}, .points = "10",
     .akind = RT_ACT_DATE, .atext = "2023-11-30", .done = {2023, 11, 30}, .midyear_missing = 1},
    {1, NULL, "活动场地租赁费用", RT_CAT_OUTPUT, RT_CAT_COST, "≤2 万元", Q(LE, WANYUAN, "2"),
     .points = "10", NUM("45000元", "4.5")},
    {1, "p1-6", "青年思想引领成效", RT_CAT_BENEFIT, RT_CAT_SOCIAL, GRADED("显著提升", PARTIAL),
     .points = "15", .atext = "部分达成", .b = "11", .has_score = 1},
    {1, NULL, "品牌影响力", RT_CAT_BENEFIT, RT_CAT_SUSTAINABLE, GRADED("持续扩大", UNMET),
     .points = "15", .atext = "未达成"},
    {1, NULL, "参与青年满意度", RT_CAT_SATISFACTION, RT_CAT_BENEFICIARY, "≥95%",
     Q(GE, PCT, "95"), .points = "10", NUM("98%", "98")},
};

static Dec fx_dec(const char *s) {
  Dec d = 0;
  if (s) dec_parse(s, strlen(s), &d);
  return d;
}

static void fx_policy(RtPolicy *p) {
  p->w_output = fx_dec("50");
  p->w_benefit = fx_dec("30");
  p->w_satisfaction = fx_dec("10");
  p->w_rate = fx_dec("10");
  p->reverse = 0;
  p->met = (RtBand){DEC_ONE, DEC_ONE, DEC_ONE};
  p->partial = (RtBand){fx_dec("0.6"), DEC_ONE, fx_dec("0.7")};
  p->unmet = (RtBand){0, fx_dec("0.6"), 0};
  p->grade_excellent = fx_dec("90");
  p->grade_good = fx_dec("80");
  p->grade_fair = fx_dec("60");
  p->overshoot = fx_dec("1.5");
  p->low_rate = fx_dec("0.9");
  p->lag = fx_dec("0.2");
}

static int fx_program(RtProgram *g) {
  RtArena *a = &g->arena;
  g->nunits = NUNITS;
  g->units = rt_alloc(a, NUNITS * sizeof *g->units);
  g->nscales = 1;
  g->scales = rt_alloc(a, sizeof *g->scales);
  g->npolicies = 1;
  g->policies = rt_alloc(a, sizeof *g->policies);
  g->nprojects = 2;
  g->projects = rt_alloc(a, 2 * sizeof *g->projects);
  g->nindicators = FX_NIND;
  g->indicators = rt_alloc(a, FX_NIND * sizeof *g->indicators);
  if (!g->units || !g->scales || !g->policies || !g->projects || !g->indicators) return -1;
  for (int u = 0; u < NUNITS; u++)
    g->units[u] = (RtUnit){unit_names[u], unit_dims[u], fx_dec(unit_factors[u])};
  g->scales[0] = (RtScale){"社会组织评估等级", scale_members, 5};
  fx_policy(&g->policies[0]);
  g->projects[0] = (RtProject){.name = "中国共产主义青年团天津市委员会青少年事务社会工作项目",
                               .file = "11-youth-social-work.ind", .line = 6, .year = 2023,
                               .currency = U_WANYUAN, .budget = fx_dec("580"), .first = 0,
                               .nind = FX_P1_COUNT};
  g->projects[1] = (RtProject){.name = "“青春+”品牌活动", .file = "02-qingchun-brand.ind",
                               .line = 6, .year = 2023, .currency = U_WANYUAN,
                               .budget = fx_dec("20"), .first = FX_P1_COUNT,
                               .nind = FX_NIND - FX_P1_COUNT};
  for (uint32_t i = 0; i < FX_NIND; i++) {
    const FxSpec *s = &specs[i];
    RtIndicator *in = &g->indicators[i];
    in->id = s->id;
    in->name = s->name;
    in->key = s->name;
    in->level1 = s->level1;
    in->level2 = s->level2;
    in->points = fx_dec(s->points);
    in->line = 10 + i;
    in->target = (RtTarget){.kind = s->kind, .cmp = s->cmp, .explicit_cmp = 1,
                            .unit = s->unit, .value = fx_dec(s->a), .scale = 0,
                            .rank = s->rank, .text = s->target};
    if (s->kind == RT_TGT_DEADLINE)
      in->target.date = rt_days_from_civil(s->due[0], s->due[1], s->due[2]);
  }
  return 0;
}

static int fx_actuals(RepFixture *f, int midyear) {
  RtActuals *a = &f->act;
  a->prog = &f->prog;
  a->source = midyear ? "2023-06.csv" : "2023.csv";
  a->ind = rt_alloc(&a->arena, FX_NIND * sizeof *a->ind);
  a->has_spent = rt_alloc(&a->arena, 2);
  a->spent = rt_alloc(&a->arena, 2 * sizeof *a->spent);
  if (!a->ind || !a->has_spent || !a->spent) return -1;
  for (uint32_t i = 0; i < FX_NIND; i++) {
    const FxSpec *s = &specs[i];
    RtActual *x = &a->ind[i];
    if (midyear && s->midyear_missing) continue; /* zeroed: RT_ACT_MISSING */
    *x = (RtActual){.kind = s->akind, .grade = s->grade, .has_score = s->has_score,
                    .value = fx_dec(s->b), .rank = s->arank, .text = s->atext,
                    .line = 2 + i};
    if (s->akind == RT_ACT_DATE) x->date = rt_days_from_civil(s->done[0], s->done[1], s->done[2]);
  }
  a->has_spent[0] = 1;
  a->spent[0] = fx_dec(midyear ? "120" : "497");
  return 0;
}

/* ---- scoring, as eval.c does it ---------------------------------------- */

static int32_t fx_due(const RtProject *p, const RtIndicator *in) {
  return in->target.kind == RT_TGT_DEADLINE ? in->target.date
                                            : rt_days_from_civil(p->year, 12, 31);
}

static ScoreOut fx_score(const RtProgram *g, const RtProject *p, const RtIndicator *in,
                         const RtActual *x) {
  const RtPolicy *pol = &g->policies[p->policy];
  const RtBand *bands[3] = {&pol->met, &pol->partial, &pol->unmet};
  switch (x->kind) {
  case RT_ACT_NUMBER:
    return score_quant(in->target.cmp, in->target.value, x->value, in->points, pol->reverse);
  case RT_ACT_DATE:
    return score_deadline(in->target.date, x->date, rt_days_from_civil(p->year, 1, 1),
                          in->points);
  case RT_ACT_RANK: return score_ordinal(in->target.rank, x->rank, in->points);
  default:
    return score_graded(x->grade, x->has_score, x->value, bands[x->grade]->dflt, in->points);
  }
}

/* Score indicator i; 1 when it counts towards the total. */
static int fx_indicator(RepFixture *f, const RtProject *p, uint32_t i) {
  const RtIndicator *in = &f->prog.indicators[i];
  const RtActual *x = &f->act.ind[i];
  RtIndResult *res = &f->res.ind[i];
  memset(res, 0, sizeof *res);
  if (x->kind == RT_ACT_NA) return res->status = RT_ST_NA, 0;
  if (x->kind == RT_ACT_MISSING) {
    if (f->res.as_of != INT32_MIN && fx_due(p, in) > f->res.as_of)
      return res->status = RT_ST_PENDING, 0;
    res->status = RT_ST_MISSING;
    res->flags = RT_FLAG_NOT_MET;
    return 1;
  }
  ScoreOut o = fx_score(&f->prog, p, in, x);
  res->score = o.score;
  res->status = (uint8_t)o.status;
  if (x->kind == RT_ACT_NUMBER) {
    Dec lim, a = in->target.value;
    dec_sub(x->value, a, &res->gap);
    res->b = x->value;
    int fwd = in->target.cmp == RT_CMP_GE || in->target.cmp == RT_CMP_GT ||
              in->target.cmp == RT_CMP_EQ;
    if (fwd && a > 0 && dec_mul(a, f->prog.policies[0].overshoot, &lim) == DEC_OK &&
        x->value >= lim)
      res->flags |= RT_FLAG_OVERSHOOT;
  } else if (x->kind == RT_ACT_DATE && x->date > in->target.date) {
    res->days_late = x->date - in->target.date;
  }
  if (res->status != RT_ST_MET) res->flags |= RT_FLAG_NOT_MET;
  return 1;
}

static void fx_budget(RepFixture *f, uint32_t j, RtProjResult *pr) {
  const RtProject *p = &f->prog.projects[j];
  const RtPolicy *pol = &f->prog.policies[p->policy];
  pr->planned = p->budget;
  pr->has_spent = f->act.has_spent[j];
  pr->spent = f->act.spent[j];
  pr->rate = pr->elapsed = -1;
  if (pr->has_spent) {
    pr->rate = score_rate(pr->spent, pr->planned);
    pr->rate_score = score_rate_points(pr->rate, pol->w_rate);
    if (pr->rate < 0)
      pr->flags |= RT_FLAG_UNDEFINED;
    else if (pr->rate < pol->low_rate && f->res.as_of == INT32_MIN)
      pr->flags |= RT_FLAG_LOW_RATE;
  }
  if (f->res.as_of != INT32_MIN) {
    int32_t jan1 = rt_days_from_civil(p->year, 1, 1);
    int32_t days = rt_days_from_civil(p->year + 1, 1, 1) - jan1;
    dec_muldiv((Dec)(f->res.as_of - jan1 + 1) * DEC_ONE, DEC_ONE, (Dec)days * DEC_ONE,
               &pr->elapsed);
    Dec rate = pr->has_spent ? pr->rate : 0;
    if (rate >= 0 && pr->elapsed - rate > pol->lag) pr->flags |= RT_FLAG_LAG;
  }
  pr->applicable += pol->w_rate;
  pr->raw += pr->rate_score;
}

void fx_rescore(RepFixture *f) {
  for (uint32_t j = 0; j < f->prog.nprojects; j++) {
    const RtProject *p = &f->prog.projects[j];
    const RtPolicy *pol = &f->prog.policies[p->policy];
    RtProjResult *pr = &f->res.proj[j];
    memset(pr, 0, sizeof *pr);
    for (uint32_t i = p->first; i < p->first + p->nind; i++) {
      if (!fx_indicator(f, p, i)) continue;
      pr->applicable += f->prog.indicators[i].points;
      pr->raw += f->res.ind[i].score;
    }
    fx_budget(f, j, pr);
    pr->total = score_total(pr->raw, pr->applicable);
    pr->grade = (uint8_t)score_grade(pr->total, pol->grade_excellent, pol->grade_good,
                                     pol->grade_fair);
  }
}

RepFixture *fx_build(int midyear) {
  RepFixture *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  rt_arena_init(&f->prog.arena, 0);
  rt_arena_init(&f->act.arena, 0);
  f->res.prog = &f->prog;
  f->res.act = &f->act;
  f->res.as_of = midyear ? rt_days_from_civil(2023, 6, 30) : INT32_MIN;
  f->res.proj = rt_alloc(&f->prog.arena, 2 * sizeof *f->res.proj);
  f->res.ind = rt_alloc(&f->prog.arena, FX_NIND * sizeof *f->res.ind);
  if (!f->res.proj || !f->res.ind || fx_program(&f->prog) || fx_actuals(f, midyear)) {
    fx_free(f);
    return NULL;
  }
  fx_rescore(f);
  return f;
}

void fx_free(RepFixture *f) {
  if (!f) return;
  rt_arena_free(&f->act.arena);
  rt_arena_free(&f->prog.arena);
  free(f);
}
