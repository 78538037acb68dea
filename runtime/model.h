/*
 * model.h - the runtime's model of a compiled program, of actual data and
 * of a scorecard.
 *
 *   RtProgram  what a .indb file holds once loaded and verified: units,
 *              scales, policies, projects, indicators with their targets,
 *              points and bytecode, the constant pool.  The compiler builds
 *              one from a checked AST (compiler/backend/lower.c) and
 *              serialises it (bc_write.c); the loader (bc_read.c) and the
 *              verifier (bc_verify.c) rebuild it from untrusted bytes.
 *   RtActuals  the actual outcome data bound to a program: one RtActual per
 *              indicator (already converted to the target's unit), the
 *              money spent per project, and raw fields for derived
 *              actuals.  Filled by the loaders in runtime/data/.
 *   RtResult   the scorecard: per project and per indicator, the score,
 *              status, flags and the explanation.  Filled by the VM
 *              (vm.c) and score.c; written by runtime/report/.
 *
 * All strings are NUL-terminated UTF-8 owned by the structure's arena
 * (RtArena).  All numbers are exact Decs (dec.h); dates are day numbers
 * (days since 1970-01-01, rt_days_from_civil).  Nothing here is global.
 */
#ifndef INDRT_MODEL_H
#define INDRT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"

/* ---- small arena ------------------------------------------------------ */

/* A realloc-style allocator (size 0 frees), as indrt_config.reallocate. */
typedef void *(*RtRealloc)(void *ptr, size_t size, void *user);

/* Where an object's memory comes from: its limit and its allocator
 * (NULL: the C library's). */
typedef struct RtMem {
  size_t limit;     /* 0: none */
  RtRealloc alloc;
  void *user;
} RtMem;

typedef struct RtArenaBlock RtArenaBlock;
typedef struct RtArena {
  RtArenaBlock *head;
  size_t used;   /* bytes handed out */
  size_t limit;  /* 0: none; rt_alloc returns NULL past it */
  RtRealloc alloc; /* where blocks come from; NULL: malloc and free */
  void *alloc_user;
} RtArena;

void rt_arena_init(RtArena *a, size_t limit);
/* rt_arena_init with mem's limit and allocator (mem NULL: none, the C
 * library's). */
void rt_arena_init_mem(RtArena *a, const RtMem *mem);
void rt_arena_free(RtArena *a);
/* Move from's blocks into `into` (which frees them from then on) and leave
 * from empty; both must have the same allocator. */
void rt_arena_adopt(RtArena *into, RtArena *from);
void *rt_alloc(RtArena *a, size_t n);               /* zeroed; NULL on failure */
void *rt_alloc_raw(RtArena *a, size_t n);  /* not zeroed: for arrays the caller fills */
void *rt_alloc_dense(RtArena *a, size_t n); /* zeroed, for an array the caller fills
                                               (nearly) all of: its pages come in at once */
/* Fault in the pages of p[0..n), which are about to be written, with one
 * call instead of one page fault each (Linux's MADV_POPULATE_WRITE; a
 * no-op elsewhere).  On virtual machines a page fault costs some
 * microseconds: a large run took a third of its time in them. */
void rt_populate(void *p, size_t n);
char *rt_strndup(RtArena *a, const char *s, size_t n);

/* ---- enumerations shared with the compiler (same values as ast.h) ------ */

/* Level-1 and level-2 categories, in the order of AST_CATEGORIES. */
enum {
  RT_CAT_OUTPUT, RT_CAT_BENEFIT, RT_CAT_SATISFACTION, RT_CAT_COST, RT_CAT_QUANTITY,
  RT_CAT_QUALITY, RT_CAT_TIMELINESS, RT_CAT_ECONOMIC, RT_CAT_SOCIAL, RT_CAT_ECOLOGICAL,
  RT_CAT_SUSTAINABLE, RT_CAT_BENEFICIARY, RT_CAT_ECONOMIC_COST, RT_CAT_SOCIAL_COST,
  RT_CAT_ECO_COST, RT_CAT__COUNT
};
const char *rt_category_name(int cat, int english); /* "产出指标" / "output" */

enum { RT_CMP_GE, RT_CMP_LE, RT_CMP_GT, RT_CMP_LT, RT_CMP_EQ };
enum { RT_TGT_QUANT, RT_TGT_DEADLINE, RT_TGT_PERIOD, RT_TGT_GRADE, RT_TGT_TEXT };

/* ---- the program -------------------------------------------------------- */

typedef struct RtUnit {
  const char *name;
  uint32_t dim;   /* index of the dimension's base unit */
  Dec factor;     /* size in base units */
} RtUnit;

typedef struct RtScale {
  const char *name;
  const char **members; /* lowest first; rank = index + 1 */
  uint32_t nmembers;
} RtScale;

typedef struct RtBand { Dec lo, hi, dflt; } RtBand;

typedef struct RtPolicy {
  Dec w_output, w_benefit, w_satisfaction, w_rate;
  uint8_t reverse;  /* 0 difference, 1 ratio */
  RtBand met, partial, unmet;
  Dec grade_excellent, grade_good, grade_fair;
  Dec overshoot, low_rate, lag;
} RtPolicy;

typedef struct RtTarget {
  uint8_t kind;      /* RT_TGT_* */
  uint8_t cmp;       /* RT_CMP_* (quantitative) */
  uint8_t explicit_cmp;
  int32_t unit;      /* quantitative: unit index, -1 none */
  Dec value;         /* quantitative: A */
  int32_t date;      /* deadline: last day on time (day number) */
  int32_t year;      /* period: year, 0 = the budget year */
  int32_t scale;     /* grade: scale index */
  int32_t rank;      /* grade: 1-based rank of the target grade */
  const char *text;  /* the target as written, for reports: "≥15 场" */
} RtTarget;

/* Two million of these make a large program (88 bytes each): the byte
 * fields last, where no padding follows each. */
typedef struct RtIndicator {
  const char *id;    /* NULL when none */
  const char *name;
  const char *key;   /* name_key(name), for matching data */
  RtTarget target;
  Dec points;        /* w */
  uint32_t line;     /* source line */
  uint32_t code;     /* first instruction in RtProgram.code */
  uint32_t ncode;    /* number of code words */
  uint8_t level1, level2;
  uint8_t derived;   /* 1: the actual is computed from raw fields */
} RtIndicator;

typedef struct RtProject {
  const char *name;
  const char *key;
  const char *file;   /* source file */
  uint32_t line;
  int32_t year;       /* budget year */
  uint32_t currency;  /* unit index of the file's 金额单位 */
  Dec budget;         /* 预算数, in currency */
  uint32_t policy;    /* index in RtProgram.policies */
  uint32_t first;     /* first indicator */
  uint32_t nind;
  uint8_t english;    /* the spec's keyword language (for report headings) */
} RtProject;

typedef struct RtProgram {
  RtArena arena;
  RtUnit *units;           uint32_t nunits;
  RtScale *scales;         uint32_t nscales;
  RtPolicy *policies;      uint32_t npolicies;
  RtProject *projects;     uint32_t nprojects;
  RtIndicator *indicators; uint32_t nindicators;
  const char **fields;     uint32_t nfields;  /* raw field names (derived actuals) */
  Dec *consts;             uint32_t nconsts;
  uint32_t *code;          uint32_t ncode;    /* instruction words, see bc_opcodes.def */
  uint8_t interpret_only;  /* run every indicator word by word (vm.c, for tests) */
} RtProgram;

/* ---- actual data ---------------------------------------------------------- */

enum {
  RT_ACT_MISSING,  /* no actual: 未填报 */
  RT_ACT_NA,       /* 不适用 */
  RT_ACT_NUMBER,   /* value, converted to the target's unit */
  RT_ACT_DATE,     /* completion day */
  RT_ACT_GRADE,    /* 达成 / 部分达成 / 未达成, optional in-band score */
  RT_ACT_RANK      /* a grade on the target's scale */
};
enum { RT_GRADE_MET, RT_GRADE_PARTIAL, RT_GRADE_UNMET };

/* One per indicator (two million in a large run): 40 bytes, the small
 * fields packed where no padding follows each. */
typedef struct RtActual {
  uint8_t kind;        /* RT_ACT_* */
  uint8_t grade;       /* RT_ACT_GRADE */
  uint8_t has_score;   /* RT_ACT_GRADE: an in-band score was given */
  int32_t date;        /* DATE */
  Dec value;           /* NUMBER: in the target's unit; GRADE: the score */
  int32_t rank;        /* RANK */
  uint32_t line;       /* line in the data file (0: none) */
  const char *text;    /* as written in the data, for reports */
  const char *note;    /* the note column, or NULL */
} RtActual;

typedef struct RtActuals {
  RtArena arena;
  const RtProgram *prog;
  RtActual *ind;        /* one per indicator of prog */
  uint8_t *has_spent;   /* per project */
  Dec *spent;           /* per project: 执行数, in the project's currency */
  /* raw fields: value of field f for project p at [p * nfields + f] */
  uint8_t *field_set;
  Dec *fields;
  const char *source;   /* data file name, for messages */
} RtActuals;

/* ---- the scorecard --------------------------------------------------------- */

enum { RT_ST_MET, RT_ST_PARTIAL, RT_ST_UNMET, RT_ST_MISSING, RT_ST_NA, RT_ST_PENDING };
const char *rt_status_name(int status); /* "met" "partial" ... */

enum {
  RT_FLAG_NOT_MET = 1,    /* target not met: 偏差说明 needed */
  RT_FLAG_OVERSHOOT = 2,  /* B >= overshoot x A on a 正向 target */
  RT_FLAG_LOW_RATE = 4,   /* project: 执行率 below the policy's threshold */
  RT_FLAG_LAG = 8,        /* project, mid-year: spending lags the calendar */
  RT_FLAG_UNDEFINED = 16  /* missing: its raw fields are given, but the derived
                             actual cannot be computed (division by zero,
                             out of the Dec range, the step limit); project:
                             money spent against a budget of 0, no 执行率 */
};

/* The completion ratio B/A is not here: reports compute it from b when
 * they print it (rep_ratio in runtime/report/, [REP-RATIO] in
 * docs/report.md), so that evaluation never divides for it. */
typedef struct RtIndResult {
  uint8_t status;     /* RT_ST_* */
  uint8_t flags;      /* RT_FLAG_* */
  int32_t days_late;  /* deadline: days after the deadline (0 on time) */
  Dec score;          /* unrounded */
  Dec b;              /* quantitative, scored: B as scored, in the target's unit; else 0 */
  Dec gap;            /* B - A in the target's unit (quantitative), or 0 (also when
                         B - A leaves the Dec range) */
} RtIndResult;

typedef struct RtProjResult {
  Dec planned, spent; /* money in the project's currency */
  uint8_t has_spent;
  Dec rate;           /* 执行率 = spent / planned (fraction), -1 when unknown or
                         none ([SCORE-RATE]: spent against a budget of 0) */
  Dec rate_score;
  Dec applicable;     /* sum of points of applicable indicators (+ rate's) */
  Dec raw;            /* sum of scores */
  Dec total;          /* raw * 100 / applicable */
  uint8_t grade;      /* 0 优 1 良 2 中 3 差 */
  uint8_t flags;      /* RT_FLAG_LOW_RATE, _LAG, _UNDEFINED (no rate) */
  Dec elapsed;        /* mid-year: share of the year elapsed, -1 when not */
  Dec cat_points[4], cat_scores[4]; /* per level-1 category */
} RtProjResult;

typedef struct RtResult {
  const RtProgram *prog;
  const RtActuals *act;
  RtProjResult *proj;  /* one per project */
  RtIndResult *ind;    /* one per indicator */
  int32_t as_of;       /* day number of --as-of, or INT32_MIN for year end */
  uint32_t over_limit; /* rt_evaluate returned RT_EVAL_STEPS: the indicator */
} RtResult;

/* Day numbers. */
int32_t rt_days_from_civil(int y, int m, int d);
void rt_civil_from_days(int32_t z, int *y, int *m, int *d);

#endif
