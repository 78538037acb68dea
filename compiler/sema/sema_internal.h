/*
 * sema_internal.h - what the passes of compiler/sema share.  Pass order
 * (sema.c): units, scales, policies, projects (names, categories, targets,
 * budget), rule tests, then weights and lints (gate.c).
 */
#ifndef INDC_SEMA_INTERNAL_H
#define INDC_SEMA_INTERNAL_H

#include "program.h"

/* units.c */
void sema_units(Program *p);
const Unit *sema_unit_ref(Program *p, const char *name, Span at);
int sema_same_dim(const Unit *a, const Unit *b);
const char *sema_dim_name(const Program *p, const Unit *u);

/* policy.c */
void sema_policies(Program *p);
/* Can a setting of this key change the points of indicators: a level-1
 * points setting (产出指标 … 预算执行率), or an unknown key? */
int sema_setting_weighs(const char *key);

/* weights.c: each indicator's points; 0 when given weights do not add up
 * (E0406 reported). */
int sema_weights(Program *p, ProgFile *f, Project *pr);

/* exprtype.c: the type and dimension of an indicator's 实际 against its
 * target (E0302, E0701); after check_expr accepted it */
void sema_expr_type(Program *p, Indicator *ind);

/* tests.c: resolve the names of rule tests (docs/testing-rules.md) */
void sema_tests(Program *p);

/* lint.c */
void lint_project(Program *p, ProgFile *f, Project *pr);

/* gate.c: weights and lints of every project without an error of its
 * own, once all projects are checked (a note on an error that kept a
 * project's points from being checked) */
void sema_points_and_lints(Program *p);

/* categories */
int sema_is_level1(Category c);
int sema_allowed(Category l1, Category l2);
/* Is the indicator's target an amount of money (a unit of 元's dimension)? */
int sema_is_money(const Program *p, const Target *t);
/* The money unit (元's dimension), or NULL if the prelude is broken. */
const Unit *sema_money_unit(const Program *p);

#endif
