/*
 * diff.h - comparing two versions of specs by meaning (`indc diff`,
 * docs/git.md).
 *
 * diff_programs compares two checked Programs, each loaded on its own:
 * projects are matched by name key, indicators by id, else by level-2
 * category and name key, else by name key alone (a level moved); then,
 * among what is left, a project or an indicator whose everything but the
 * name is equal is a rename.  What remains was added or removed.
 *
 * Values are compared by meaning, never by text: `10 万元` and `100000 元`
 * are one cost cap, `2023年12月底前完成` and `2023-12-31` one deadline, and
 * names and texts compare by key ([IND-1]), so reformatting, comments and
 * the keyword language change nothing.
 *
 * The result is a list of changes grouped by project, with every value as
 * display text (arena-owned), written for people by diff_write_text (in
 * each project's keyword language) or as JSON by diff_write_json.
 */
#ifndef INDC_DIFF_H
#define INDC_DIFF_H

#include <stdio.h>

#include "../sema/program.h"

typedef enum DiffChange { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED } DiffChange;

/* What a changed value is; the JSON "field" key of each. */
#define DIFF_FIELDS(X)                                             \
  X(DF_AGENCY,      "agency",      "预算单位", "agency")           \
  X(DF_YEAR,        "year",        "年度", "year")                 \
  X(DF_BUDGET,      "budget",      "预算数", "budget")             \
  X(DF_FISCAL,      "fiscal",      "财政资金", "fiscal")           \
  X(DF_OTHER,       "other",       "其他资金", "other")            \
  X(DF_PURPOSE,     "purpose",     "资金用途", "purpose")          \
  X(DF_GOAL,        "goal",        "绩效目标", "goal")             \
  X(DF_CAT_WEIGHT,  "weight",      "分值", "weight")               \
  X(DF_POLICY,      "policy",      "评分规则", "policy")           \
  X(DF_ID,          "id",          "id", "id")                     \
  X(DF_TARGET,      "target",      "指标值", "target")             \
  X(DF_COST_CAP,    "cost_cap",    "成本上限", "cost cap")         \
  X(DF_DESC,        "description", "描述", "description")          \
  X(DF_WEIGHT,      "weight",      "分值", "weight")               \
  X(DF_ACTUAL,      "actual",      "实际", "actual")

typedef enum DiffFieldKind {
#define X(name, key, zh, en) name,
  DIFF_FIELDS(X)
#undef X
  DF__COUNT
} DiffFieldKind;

/* One changed value.  old/new are display texts; NULL when absent. */
typedef struct DiffField {
  DiffFieldKind kind;
  const char *sub;    /* DF_POLICY: the setting (Chinese name); DF_CAT_WEIGHT:
                         the category; DF_TARGET, DF_COST_CAP: what changed
                         (value, comparison, unit, deadline, period, grade,
                         scale, text, kind); else NULL */
  const char *sub_en; /* sub in English (policy settings, categories) */
  const char *old_text, *new_text;
} DiffField;

typedef struct DiffInd {
  DiffChange change;
  const Indicator *a, *b; /* old, new (NULL when added / removed) */
  int renamed, moved;
  DiffField *fields;
  size_t nfields;
  const char *target_text; /* added / removed: the target as reports show it */
} DiffInd;

typedef struct DiffProj {
  DiffChange change;
  const Project *a, *b;
  int renamed;
  Lang lang;              /* the keyword language of its (new) file */
  DiffField *fields;
  size_t nfields;
  DiffInd *inds;
  size_t ninds;
  const char *budget_text; /* added / removed: 预算数 with its unit */
} DiffProj;

typedef struct Diff {
  Arena arena;            /* every text and array below */
  DiffProj *projs;
  size_t nprojs;
  size_t nchanges;        /* changed values, plus added, removed, renamed and
                             moved projects and indicators */
} Diff;

/* Compare a (old) with b (new): both checked without errors. */
void diff_programs(const Program *a, const Program *b, Diff *out);
void diff_free(Diff *d);

/* For people, grouped by project; lang_override -1 for each project's own
 * keyword language, else LANG_ZH or LANG_EN.  Nothing when no change. */
void diff_write_text(const Diff *d, int lang_override, FILE *out);
/* JSON (docs/git.md [DIFF-JSON]). */
void diff_write_json(const Diff *d, FILE *out);

/* ---- internal to compiler/diff -------------------------------------------- */

/* diff_values.c: values as text, and equality by meaning. */
const char *diff_money_text(Arena *ar, const Program *p, const ProgFile *f, const Money *m);
int diff_money_equal(const Program *pa, const ProgFile *fa, const Money *a, const Program *pb,
                     const ProgFile *fb, const Money *b);
const char *diff_target_text(Arena *ar, const Target *t);
/* The same, with what it means where two versions read alike: a quantity
 * also in its base unit (`≥1 万场 (= 10000 场)`), a grade with its scale
 * (`达到 二星 级 (星: 一星 < 二星 < 三星)`); money likewise in 元. */
const char *diff_target_detail(Arena *ar, const Program *p, const Target *t);
const char *diff_money_detail(Arena *ar, const Program *p, const ProgFile *f, const Money *m);
/* The text alone would mislead: the unit is declared with another size,
 * or the grade's scale has other members or another order. */
int diff_target_redeclared(const Program *pa, const Target *a, const Program *pb,
                           const Target *b);
int diff_money_redeclared(const Program *pa, const ProgFile *fa, const Money *a,
                          const Program *pb, const ProgFile *fb, const Money *b);
/* NULL when equal, else what differs ("value", "unit", …). */
const char *diff_target_change(const Program *pa, const ProgFile *fa, const Target *a,
                               const Program *pb, const ProgFile *fb, const Target *b);
/* By structure; a number with a unit by its value in base units. */
int diff_expr_equal(const Program *pa, const Expr *a, const Program *pb, const Expr *b,
                    unsigned depth);
/* With the parentheses precedence needs; p non-NULL: numbers with a unit
 * also in base units (`1 万场 (= 10000 场)`). */
const char *diff_expr_text(Arena *ar, const Program *p, const Expr *e);
int diff_text_equal(const char *a, const char *b); /* by key; NULL equals NULL */
/* Append the settings where policies a and b differ. */
void diff_policy(Arena *ar, const Policy *a, const Policy *b,
                 void (*add)(void *ud, const char *zh, const char *en, const char *o,
                             const char *n),
                 void *ud);
/* The file a project belongs to. */
const ProgFile *diff_file_of(const Program *p, const Project *pr);

#endif
