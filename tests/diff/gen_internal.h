/*
 * gen_internal.h - tables and number helpers shared by gen.c (building a
 * case) and gen_render.c (writing it).  Not used by the runner.
 */
#ifndef DIFF_GEN_INTERNAL_H
#define DIFF_GEN_INTERNAL_H

#include <stddef.h>

#include "gen.h"

/* Categories, in the order of AST_CATEGORIES (compiler/front/ast.h). */
enum {
  GEN_CAT_OUTPUT, GEN_CAT_BENEFIT, GEN_CAT_SATISFACTION, GEN_CAT_COST, GEN_CAT_QUANTITY,
  GEN_CAT_QUALITY, GEN_CAT_TIMELINESS, GEN_CAT_ECONOMIC, GEN_CAT_SOCIAL, GEN_CAT_ECOLOGICAL,
  GEN_CAT_SUSTAINABLE, GEN_CAT_BENEFICIARY, GEN_CAT_ECONOMIC_COST, GEN_CAT_SOCIAL_COST,
  GEN_CAT_ECO_COST, GEN_CAT__COUNT
};

typedef struct GenCat {
  const char *full, *brief, *en; /* 产出指标, 产出, output */
} GenCat;
extern const GenCat gen_cats[GEN_CAT__COUNT];

/* Units the generator uses: the prelude's, and two a case may declare. */
typedef struct GenUnit {
  const char *name;
  int dim;        /* units of one dimension convert */
  GenDec factor;  /* size in the dimension's base unit */
  int custom;     /* only in cases that declare it */
} GenUnit;
extern const GenUnit gen_units[];
extern const int gen_nunits;
int gen_unit_index(const char *name);

/* Keywords: Chinese and English ([LEX-7]). */
enum {
  KW_AGENCY, KW_YEAR, KW_CURRENCY, KW_UNIT, KW_SCALE, KW_POLICY, KW_PROJECT, KW_BUDGET,
  KW_FISCAL, KW_OTHER, KW_PURPOSE, KW_INDICATOR, KW_DESC, KW_WEIGHT, KW_ACTUAL, KW__COUNT
};
extern const char *const gen_keywords[KW__COUNT][2];

/* Exact decimals: the text of v with as many decimals as it needs. */
void gd_fmt(GenDec v, char *buf, size_t cap);
/* a * b / c rounded half away from zero; 0 when c == 0. */
GenDec gd_muldiv(GenDec a, GenDec b, GenDec c);
/* v converted from unit `from` to unit `to` exactly: 1, or 0 when inexact. */
int gd_convert(GenDec v, int from, int to, GenDec *out);

/* s as a spec string: in double quotes, with \\ and \" escaped ([LEX-4]). */
void gen_quote(const char *s, char *out, size_t cap);

/* Day numbers, as in runtime/model.h. */
int32_t gen_days(int y, int m, int d);
void gen_civil(int32_t z, int *y, int *m, int *d);

#endif
