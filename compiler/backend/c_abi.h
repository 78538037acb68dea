/*
 * c_abi.h - the ABI of the evaluators that `indc compile --emit=c` writes
 * (docs/c-abi.md).  This text is copied verbatim into every generated .c
 * and .h file, and c_eval.c compiles against it, so the generator, the
 * generated code and `indc run --backend=c` share one definition.
 *
 * Every name here starts with `indc_` or `INDC_` and is the same in every
 * generated evaluator; only the functions carry the evaluator's prefix
 * (`indc_eval_` by default).  Numbers are exact decimals: an int64_t count
 * of 10^-9 units (96.5 is 96500000000), as in runtime/dec.h.  Dates are day
 * numbers: days since 1970-01-01 in the proleptic Gregorian calendar.
 *
 * Versioning: INDC_ABI_VERSION changes whenever the layout or the meaning
 * of anything in this file changes; adding a new function to generated
 * evaluators does not change it.  Version 2: projects and indicators are
 * read through *_project and *_indicator (the tables are encoded).
 * Version 3: INDC_FLAG_UNDEFINED on indicators.  Version 4: on projects
 * too (money spent against a budget of 0: rate -1 though has_spent);
 * indc_ind_result's days_late after flags (32 bytes, not 40), and
 * indc_actual's date and rank one field (16 bytes, not 24); a bad actual
 * leaves the projects before its own written.
 */
#ifndef INDC_ABI_VERSION
#define INDC_ABI_VERSION 4

#include <stddef.h>
#include <stdint.h>

/* One unit in 10^-9 units: 15 场 is 15 * INDC_ONE, 0.8 is 800000000. */
#define INDC_ONE INT64_C(1000000000)

/* as_of argument of *_evaluate: evaluate at year end, not mid-year. */
#define INDC_NO_AS_OF INT32_MIN

/* Level-1 and level-2 categories (RT_CAT_*). */
enum {
  INDC_CAT_OUTPUT, INDC_CAT_BENEFIT, INDC_CAT_SATISFACTION, INDC_CAT_COST, INDC_CAT_QUANTITY,
  INDC_CAT_QUALITY, INDC_CAT_TIMELINESS, INDC_CAT_ECONOMIC, INDC_CAT_SOCIAL,
  INDC_CAT_ECOLOGICAL, INDC_CAT_SUSTAINABLE, INDC_CAT_BENEFICIARY, INDC_CAT_ECONOMIC_COST,
  INDC_CAT_SOCIAL_COST, INDC_CAT_ECO_COST
};
/* Comparisons of quantitative targets (RT_CMP_*): >= <= > < =. */
enum { INDC_CMP_GE, INDC_CMP_LE, INDC_CMP_GT, INDC_CMP_LT, INDC_CMP_EQ };
/* Target kinds (RT_TGT_*). */
enum { INDC_TGT_QUANT, INDC_TGT_DEADLINE, INDC_TGT_PERIOD, INDC_TGT_GRADE, INDC_TGT_TEXT };
/* Kinds of actual (RT_ACT_*). */
enum {
  INDC_ACT_MISSING, /* no actual: 未填报 */
  INDC_ACT_NA,      /* 不适用: left out of the total */
  INDC_ACT_NUMBER,  /* value, in the target's unit */
  INDC_ACT_DATE,    /* date: the completion day */
  INDC_ACT_GRADE,   /* grade (INDC_GRADE_*), and value when has_score */
  INDC_ACT_RANK     /* rank: 1-based rank on the target's scale */
};
/* Grades of qualitative and period actuals (RT_GRADE_*). */
enum { INDC_GRADE_MET, INDC_GRADE_PARTIAL, INDC_GRADE_UNMET };
/* Statuses (RT_ST_*). */
enum { INDC_ST_MET, INDC_ST_PARTIAL, INDC_ST_UNMET, INDC_ST_MISSING, INDC_ST_NA, INDC_ST_PENDING };
/* Flags (RT_FLAG_*). */
enum {
  INDC_FLAG_NOT_MET = 1,   /* indicator: target not met (偏差说明 needed) */
  INDC_FLAG_OVERSHOOT = 2, /* indicator: B >= overshoot x A on a 正向 target */
  INDC_FLAG_LOW_RATE = 4,  /* project: 执行率 below the policy's threshold */
  INDC_FLAG_LAG = 8,       /* project, mid-year: spending lags the calendar */
  INDC_FLAG_UNDEFINED = 16 /* indicator, missing: its raw fields are given but its
                              derived actual cannot be computed (division by
                              zero, out of range, the step limit); project:
                              money spent against a budget of 0, no 执行率 */
};

/* ---- the program's tables (read-only, returned by *_program) ---------- */

typedef struct indc_unit {
  const char *name;   /* "万元" */
  uint32_t dim;       /* index of the dimension's base unit */
  int64_t factor;     /* size in base units: 万元 = 10000 (元) */
} indc_unit;

typedef struct indc_scale {
  const char *name;
  const char *const *members; /* lowest first; rank = index + 1 */
  uint32_t nmembers;
} indc_scale;

typedef struct indc_band { int64_t lo, hi, dflt; } indc_band; /* shares of w */

typedef struct indc_policy {  /* 评分规则 (RtPolicy) */
  int64_t w_output, w_benefit, w_satisfaction, w_rate;
  uint8_t reverse;            /* 0 difference formula, 1 ratio formula */
  indc_band met, partial, unmet;
  int64_t grade_excellent, grade_good, grade_fair;
  int64_t overshoot, low_rate, lag;
} indc_policy;

typedef struct indc_target {  /* RtTarget */
  uint8_t kind;       /* INDC_TGT_* */
  uint8_t cmp;        /* INDC_CMP_* (quantitative) */
  uint8_t explicit_cmp;
  int32_t unit;       /* quantitative: unit index, -1 none */
  int64_t value;      /* quantitative: the target A, in that unit */
  int32_t date;       /* deadline: last day on time */
  int32_t year;       /* period: year, 0 = the budget year */
  int32_t scale;      /* grade: scale index */
  int32_t rank;       /* grade: 1-based rank of the target grade */
  const char *text;   /* the target as written: "≥15 场" */
} indc_target;

typedef struct indc_project {  /* RtProject, plus two day numbers (*_project) */
  const char *name;
  const char *key;    /* the name in key form, as data files are matched */
  const char *file;   /* source file */
  uint32_t line;
  int32_t year;       /* budget year */
  uint32_t currency;  /* unit index of the file's 金额单位 */
  int64_t budget;     /* 预算数, in the currency */
  uint32_t policy;    /* index into policies */
  uint32_t first;     /* first indicator */
  uint32_t nind;      /* number of indicators */
  uint8_t english;    /* spec written with English keywords */
  int32_t jan1;       /* day number of January 1 of the budget year */
  int32_t ndays;      /* days in the budget year */
} indc_project;

typedef struct indc_indicator {  /* RtIndicator, plus project and due day (*_indicator) */
  const char *id;     /* NULL when none */
  const char *name;
  const char *key;    /* the name in key form */
  uint8_t level1, level2; /* INDC_CAT_* */
  indc_target target;
  int64_t points;     /* w */
  uint32_t line;      /* source line (in its project's file) */
  uint8_t derived;    /* 1: the actual is computed from raw fields */
  uint32_t project;   /* index of its project */
  int32_t due;        /* last day its actual can come in (mid-year pending) */
} indc_indicator;

/* Projects and indicators, encoded: read them with *_project and
 * *_indicator.  The layout is the evaluator's own, not part of the ABI. */
typedef struct indc_tables indc_tables;

typedef struct indc_program {
  uint32_t abi_version; /* INDC_ABI_VERSION of the generated code */
  uint32_t nunits, nscales, npolicies, nprojects, nindicators, nfields;
  const indc_unit *units;
  const indc_scale *scales;
  const indc_policy *policies;
  const char *const *fields;  /* raw field names (derived actuals) */
  const indc_tables *tables;  /* projects and indicators (private) */
} indc_program;

/* ---- inputs (the host fills these) ------------------------------------- */

typedef struct indc_actual {  /* RtActual without the report text; 16 bytes */
  uint8_t kind;       /* INDC_ACT_* */
  uint8_t grade;      /* INDC_ACT_GRADE: INDC_GRADE_* */
  uint8_t has_score;  /* INDC_ACT_GRADE: value holds an in-band score, in points */
  union {             /* one or the other, by kind */
    int32_t date;     /* DATE: day number */
    int32_t rank;     /* RANK: 1-based rank on the target's scale */
  };
  int64_t value;      /* NUMBER: in the target's unit; GRADE: the score */
} indc_actual;

typedef struct indc_inputs {
  const indc_actual *actuals; /* [nindicators] */
  const uint8_t *has_spent;   /* [nprojects] 1 when 执行数 is known */
  const int64_t *spent;       /* [nprojects] 执行数, in the project's currency */
  const uint8_t *field_set;   /* [nprojects * nfields] 1 when raw field f of project j */
  const int64_t *fields;      /* [nprojects * nfields]   is given: at [j * nfields + f] */
} indc_inputs;

/* ---- results (*_evaluate fills these) ---------------------------------- */

typedef struct indc_ind_result {  /* RtIndResult; 32 bytes */
  uint8_t status;     /* INDC_ST_* */
  uint8_t flags;      /* INDC_FLAG_* */
  int32_t days_late;  /* deadline: days after it (0 on time) */
  int64_t score;      /* unrounded, 0..points */
  int64_t b;          /* quantitative: B as scored, in the target's unit, or 0 */
  int64_t gap;        /* quantitative: B - A in the target's unit, or 0 */
} indc_ind_result;

typedef struct indc_proj_result {  /* RtProjResult */
  int64_t planned, spent; /* money in the project's currency */
  uint8_t has_spent;
  int64_t rate;           /* 执行率 as a fraction, -1 when unknown */
  int64_t rate_score;
  int64_t applicable;     /* points of the applicable indicators, 执行率 included */
  int64_t raw;            /* sum of their scores */
  int64_t total;          /* raw * 100 / applicable */
  uint8_t grade;          /* 0 优, 1 良, 2 中, 3 差 */
  uint8_t flags;          /* INDC_FLAG_LOW_RATE, _LAG, _UNDEFINED (no rate) */
  int64_t elapsed;        /* mid-year: share of the year elapsed, -1 at year end */
  int64_t cat_points[4], cat_scores[4]; /* output, benefit, satisfaction, cost */
} indc_proj_result;

#endif /* INDC_ABI_VERSION */
