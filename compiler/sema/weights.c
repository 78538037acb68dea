/*
 * weights.c - each indicator's points ([IND-4] in docs/language.md,
 * [SCORE-WEIGHTS] in docs/scoring.md).
 *
 * Level-1 groups get their points from the policy (产出 50, 效益 30,
 * 满意度 10) or from `分值` on the level-1 block; a level-1 成本指标
 * (财预〔2021〕101号) shares 产出's group.  Within a group:
 *  - an indicator with `分值` gets it;
 *  - a level-2 block with `分值` shares what its weighted indicators leave
 *    equally over its unweighted ones;
 *  - the rest of the group's points go equally to the remaining
 *    indicators.
 * Given weights that cannot add up to their parent are an error (E0406):
 * a remainder below zero, or a remainder with nobody to take it.
 */
#include <string.h>

#include "sema_internal.h"

enum { GROUP_OUTPUT, GROUP_BENEFIT, GROUP_SATISFACTION, NGROUPS };

static int group_of(Category l1) {
  switch (l1) {
  case CAT_BENEFIT: return GROUP_BENEFIT;
  case CAT_SATISFACTION: return GROUP_SATISFACTION;
  default: return GROUP_OUTPUT; /* 产出 and level-1 成本 */
  }
}

static Dec policy_points(const Policy *pol, int g) {
  return g == GROUP_BENEFIT ? pol->w_benefit
         : g == GROUP_SATISFACTION ? pol->w_satisfaction
                                   : pol->w_output;
}

static void fmt(Dec v, char *buf) { dec_format(v, -1, buf, 32); }

static int weight_error(Program *p, Span at, const char *what, Dec given, Dec parent) {
  char a[32], b[32];
  fmt(given, a);
  fmt(parent, b);
  Diag *d = diag_report(&p->diags, E_WEIGHT_SUM, at,
                        "weights of %s add up to %s, but their parent has %s points", what, a, b);
  diag_hint(d, "make the 分值 add up to the parent, or leave some indicators without 分值 to "
               "share the rest");
  return 0;
}

/* Split `pool` equally over the unweighted indicators of block c (or of
 * all unweighted-block indicators of the group when c is NULL).  Returns 0
 * when the given weights cannot add up to the parent (E0406). */
static int share(Program *p, CatBlock **blocks, size_t nb, CatBlock *only, Dec pool, Span at,
                  const char *what, Dec parent) {
  size_t n = 0;
  for (size_t i = 0; i < nb; i++) {
    CatBlock *c = blocks[i];
    if (only ? c != only : c->has_weight) continue;
    for (size_t j = 0; j < c->ninds; j++) n += !c->inds[j]->has_weight;
  }
  if (n == 0 && pool == parent) return 1; /* no weights given, nobody to share: empty */
  if (pool < 0 || (n == 0 && pool != 0)) {
    Dec given;
    dec_sub(parent, pool, &given);
    return weight_error(p, at, what, given, parent);
  }
  if (n == 0) return 1;
  Dec each;
  if (dec_div(pool, (Dec)n * DEC_ONE, &each) != DEC_OK) return 1;
  for (size_t i = 0; i < nb; i++) {
    CatBlock *c = blocks[i];
    if (only ? c != only : c->has_weight) continue;
    for (size_t j = 0; j < c->ninds; j++)
      if (!c->inds[j]->has_weight) c->inds[j]->points = each;
  }
  return 1;
}

static int weigh_group(Program *p, Project *pr, CatBlock **l1s, size_t nl1, Dec points) {
  int ok = 1;
  CatBlock *blocks[256];
  size_t nb = 0;
  Span first_weight = {UINT32_MAX, 0, 0};
  for (size_t i = 0; i < nl1; i++)
    for (size_t j = 0; j < l1s[i]->nsubs && nb < 256; j++) blocks[nb++] = l1s[i]->subs[j];
  Dec rest = points;
  for (size_t i = 0; i < nb; i++) {
    CatBlock *c = blocks[i];
    Dec given = 0;
    for (size_t j = 0; j < c->ninds; j++) {
      Indicator *ind = c->inds[j];
      if (!ind->has_weight) continue;
      ind->points = ind->weight;
      if (first_weight.file == UINT32_MAX) first_weight = ind->weight_span;
      dec_add(given, ind->weight, &given);
    }
    if (c->has_weight) {
      Dec pool;
      dec_sub(c->weight, given, &pool);
      ok &= share(p, blocks, nb, c, pool, c->weight_span,
                  ast_category_name(c->cat, c->lang), c->weight);
      dec_sub(rest, c->weight, &rest);
    } else {
      dec_sub(rest, given, &rest);
    }
  }
  Span at = first_weight.file != UINT32_MAX ? first_weight : pr->name_span;
  ok &= share(p, blocks, nb, NULL, rest, at, ast_category_name(l1s[0]->cat, l1s[0]->lang),
              points);
  return ok;
}

static void check_total(Program *p, ProgFile *f, Dec total, Span at) {
  Dec sum;
  if (dec_add(total, f->policy.w_rate, &sum) != DEC_OK) return;
  if (sum == 100 * DEC_ONE) return;
  char a[32];
  fmt(sum, a);
  Diag *d = diag_report(&p->diags, W_WEIGHT_SUM, at,
                        "level-1 points and 预算执行率 add up to %s, not 100", a);
  diag_hint(d, "scores are renormalised to 100, but the weights are probably a mistake");
}

int sema_weights(Program *p, ProgFile *f, Project *pr) {
  int ok = 1;
  CatBlock *groups[NGROUPS][64];
  size_t ng[NGROUPS] = {0};
  Dec explicit[NGROUPS] = {0};
  int all_weighted[NGROUPS] = {1, 1, 1};
  for (size_t i = 0; i < pr->ncats; i++) {
    CatBlock *c = pr->cats[i];
    int g = group_of(c->cat);
    if (ng[g] < 64) groups[g][ng[g]++] = c;
    if (c->has_weight)
      dec_add(explicit[g], c->weight, &explicit[g]);
    else
      all_weighted[g] = 0;
  }
  Dec total = 0;
  int any_weight = 0;
  for (int g = 0; g < NGROUPS; g++) {
    if (ng[g] == 0) continue;
    Dec pts = all_weighted[g] ? explicit[g] : policy_points(&f->policy, g);
    any_weight |= all_weighted[g];
    dec_add(total, pts, &total);
    ok &= weigh_group(p, pr, groups[g], ng[g], pts);
  }
  if (ok && any_weight) check_total(p, f, total, pr->name_span);
  return ok;
}
