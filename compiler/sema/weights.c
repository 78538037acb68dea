/*
 * weights.c - each indicator's points ([IND-4] in docs/language.md,
 * [SCORE-WEIGHTS] in docs/scoring.md).
 *
 * Level-1 groups get their points from the policy (产出 50, 效益 30,
 * 满意度 10) or from `分值` on the level-1 block (on any of the blocks of a
 * repeated category); a level-1 成本指标 (财预〔2021〕101号) shares 产出's
 * group.  Within a group:
 *  - an indicator with `分值` gets it;
 *  - a level-2 block with `分值` shares what its weighted indicators leave
 *    equally over its unweighted ones;
 *  - the rest of the group's points go equally to the remaining
 *    indicators.
 * Given weights that cannot add up to their parent are an error (E0406):
 * a remainder below zero, or a remainder with nobody to take it (weights
 * of 0 on every indicator included).  Any number of blocks is weighed:
 * the arrays are sized from the project.
 */
#include <stdlib.h>
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

/* Is indicator j of block c one that share() gives its part of a pool:
 * without 分值, in block `only` (or, when only is NULL, in a block without
 * 分值)? */
static int takes_share(const CatBlock *c, const CatBlock *only, size_t j) {
  return (only ? c == only : !c->has_weight) && !c->inds[j]->has_weight;
}

/* [LINT-ZERO-POINTS] The 分值 given in a parent take all its points, so the n
 * indicators left without 分值 share nothing: met or not, each scores 0,
 * which is rarely what was meant (W0012).  One warning at the first of
 * them, naming the others. */
static void zero_points(Program *p, CatBlock **blocks, size_t nb, const CatBlock *only, size_t n,
                        const char *what, Dec parent) {
  const Indicator *first = NULL;
  char names[256];
  size_t off = 0, listed = 0;
  names[0] = '\0';
  for (size_t i = 0; i < nb; i++)
    for (size_t j = 0; j < blocks[i]->ninds; j++) {
      if (!takes_share(blocks[i], only, j)) continue;
      const Indicator *ind = blocks[i]->inds[j];
      if (!first) first = ind;
      size_t len = strlen(ind->name) + 4; /* quotes and ", " */
      if (listed == 4 || off + len >= sizeof names) continue; /* the first ones name the rest */
      off += (size_t)snprintf(names + off, sizeof names - off, "%s\"%s\"", listed ? ", " : "",
                              ind->name);
      listed++;
    }
  char pts[32];
  fmt(parent, pts);
  Diag *d;
  if (n == 1 || listed == 0) /* one, or names too long to list */
    d = diag_report(&p->diags, W_ZERO_POINTS, first->name_span,
                    "indicator \"%s\" has no 分值 and gets 0 points: the 分值 given take all %s "
                    "points of %s",
                    first->name, pts, what);
  else if (listed == n)
    d = diag_report(&p->diags, W_ZERO_POINTS, first->name_span,
                    "indicators %s have no 分值 and get 0 points: the 分值 given take all %s "
                    "points of %s",
                    names, pts, what);
  else
    d = diag_report(&p->diags, W_ZERO_POINTS, first->name_span,
                    "indicators %s and %zu more have no 分值 and get 0 points: the 分值 given "
                    "take all %s points of %s",
                    names, n - listed, pts, what);
  diag_hint(d, "an indicator with 0 points scores nothing even when met; give every indicator "
               "its 分值, adding up to %s, or remove the 分值 to share the %s points equally",
            pts, pts);
}

/* Split `pool` equally over the unweighted indicators of block c (or of
 * all unweighted-block indicators of the group when c is NULL).  `given`
 * says whether any weight was given in that scope: without one, a pool
 * with nobody to take it belongs to empty blocks; with one, it is points
 * the given weights leave over, which must be none.  Returns 0 when the
 * given weights cannot add up to the parent (E0406). */
static int share(Program *p, CatBlock **blocks, size_t nb, CatBlock *only, Dec pool, int given_any,
                 Span at, const char *what, Dec parent) {
  size_t n = 0;
  for (size_t i = 0; i < nb; i++)
    for (size_t j = 0; j < blocks[i]->ninds; j++) n += takes_share(blocks[i], only, j);
  if (n == 0 && !given_any && pool == parent) return 1; /* no weights, nobody: empty */
  if (pool < 0 || (n == 0 && pool != 0)) {
    Dec given;
    dec_sub(parent, pool, &given);
    return weight_error(p, at, what, given, parent);
  }
  if (n == 0) return 1;
  if (pool == 0 && given_any && parent > 0) zero_points(p, blocks, nb, only, n, what, parent);
  Dec each;
  if (dec_div(pool, (Dec)n * DEC_ONE, &each) != DEC_OK) return 1;
  for (size_t i = 0; i < nb; i++)
    for (size_t j = 0; j < blocks[i]->ninds; j++)
      if (takes_share(blocks[i], only, j)) blocks[i]->inds[j]->points = each;
  return 1;
}

/* A counted array of n pointers from the heap; sema aborts when memory
 * runs out, as everywhere. */
static CatBlock **blocks_alloc(size_t n) {
  CatBlock **v = malloc((n ? n : 1) * sizeof *v);
  if (!v) abort();
  return v;
}

static int weigh_group(Program *p, Project *pr, CatBlock **l1s, size_t nl1, Dec points) {
  int ok = 1;
  size_t nb = 0;
  for (size_t i = 0; i < nl1; i++) nb += l1s[i]->nsubs;
  CatBlock **blocks = blocks_alloc(nb);
  nb = 0;
  for (size_t i = 0; i < nl1; i++)
    for (size_t j = 0; j < l1s[i]->nsubs; j++) blocks[nb++] = l1s[i]->subs[j];
  Span first_weight = {UINT32_MAX, 0, 0};
  int given_any = 0; /* a weight on a level-2 block, or on an indicator of an unweighted one */
  Dec rest = points;
  for (size_t i = 0; i < nb; i++) {
    CatBlock *c = blocks[i];
    Dec given = 0;
    int given_here = 0;
    for (size_t j = 0; j < c->ninds; j++) {
      Indicator *ind = c->inds[j];
      if (!ind->has_weight) continue;
      ind->points = ind->weight;
      given_here = 1;
      if (first_weight.file == UINT32_MAX) first_weight = ind->weight_span;
      dec_add(given, ind->weight, &given);
    }
    if (c->has_weight) {
      Dec pool;
      dec_sub(c->weight, given, &pool);
      ok &= share(p, blocks, nb, c, pool, given_here, c->weight_span,
                  ast_category_name(c->cat, c->lang), c->weight);
      dec_sub(rest, c->weight, &rest);
      given_any = 1;
      if (first_weight.file == UINT32_MAX) first_weight = c->weight_span;
    } else {
      dec_sub(rest, given, &rest);
      given_any |= given_here;
    }
  }
  Span at = first_weight.file != UINT32_MAX ? first_weight : pr->name_span;
  ok &= share(p, blocks, nb, NULL, rest, given_any, at,
              ast_category_name(l1s[0]->cat, l1s[0]->lang), points);
  free(blocks);
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

/* The points of group g (*pts), from the 分值 of its level-1 blocks or
 * from the policy.  A category repeated in the project is one category:
 * its points are the 分值 written on its blocks (on one of them, or added
 * up over several), so an unweighted repeat does not drop them.  In the
 * output group, 产出指标 and a level-1 成本指标 share the points: 分值 on
 * one and not on the other is an error (E0407), as nothing says what the
 * other gets.  Returns 1 when the points came from 分值, 0 from the
 * policy, -1 after an error. */
static int group_points(Program *p, const Policy *pol, CatBlock **l1s, size_t n, int g, Dec *pts) {
  CatBlock *weighted = NULL, *unweighted = NULL;
  Dec sum = 0;
  for (size_t i = 0; i < n; i++) {
    if (!l1s[i]->has_weight) continue;
    if (!weighted) weighted = l1s[i];
    dec_add(sum, l1s[i]->weight, &sum);
  }
  for (size_t i = 0; i < n && weighted; i++) {
    int cat_weighted = 0;
    for (size_t j = 0; j < n; j++)
      cat_weighted |= l1s[j]->cat == l1s[i]->cat && l1s[j]->has_weight;
    if (!cat_weighted && !unweighted) unweighted = l1s[i];
  }
  *pts = policy_points(pol, g);
  if (!weighted) return 0;
  if (unweighted) {
    const char *w = ast_category_name(weighted->cat, weighted->lang);
    const char *u = ast_category_name(unweighted->cat, unweighted->lang);
    Diag *d = diag_report(&p->diags, E_BAD_WEIGHT, weighted->weight_span,
                          "分值 on level-1 %s, but not on %s, which shares its points", w, u);
    diag_note(d, unweighted->kw_span, "%s without 分值", u);
    diag_hint(d, "give %s a 分值 too (the two then have the points written), or remove this "
                 "one (the two then share the policy's points of %s)",
              u, ast_category_name(CAT_OUTPUT, weighted->lang));
    return -1;
  }
  *pts = sum;
  return 1;
}

/* Where W0007 points: at the first 分值 of a level-1 block, whose points
 * are part of the sum (the project's name when there is none). */
static Span first_level1_weight(const Project *pr) {
  for (size_t i = 0; i < pr->ncats; i++)
    if (pr->cats[i]->has_weight) return pr->cats[i]->weight_span;
  return pr->name_span;
}

int sema_weights(Program *p, ProgFile *f, Project *pr) {
  int ok = 1;
  CatBlock **groups[NGROUPS];
  size_t ng[NGROUPS] = {0};
  for (int g = 0; g < NGROUPS; g++) groups[g] = blocks_alloc(pr->ncats);
  for (size_t i = 0; i < pr->ncats; i++) {
    int g = group_of(pr->cats[i]->cat);
    groups[g][ng[g]++] = pr->cats[i];
  }
  Dec total = 0;
  int any_weight = 0;
  for (int g = 0; g < NGROUPS; g++) {
    if (ng[g] == 0) continue;
    Dec pts;
    int from = group_points(p, &f->policy, groups[g], ng[g], g, &pts);
    if (from < 0) {
      ok = 0;
      continue;
    }
    any_weight |= from;
    dec_add(total, pts, &total);
    ok &= weigh_group(p, pr, groups[g], ng[g], pts);
  }
  for (int g = 0; g < NGROUPS; g++) free(groups[g]);
  if (ok && any_weight) check_total(p, f, total, first_level1_weight(pr));
  return ok;
}
