/*
 * gen.h - the random cases of the differential tests (docs/testing.md,
 * "Differential testing").
 *
 * A case is one spec (case.ind) and its actual data (actuals.csv or
 * actuals.json), generated from a seed.  The generator builds the case as
 * a model (GenCase), then renders it; every random choice, down to how a
 * name is spaced in the data, is made while building, so rendering is a
 * pure function of the model.  That is what lets the minimiser
 * (diff_min.c) delete projects, indicators and rows from a failing case
 * and render it again.  The same seed gives the same bytes with every C
 * compiler: no expression makes two random draws whose order C leaves
 * open (f(rnd(), rnd()), rnd() + rnd()).
 *
 * Every case the generator makes must pass `indc check` and load: a case
 * that does not is a generator bug, which the runner reports as such.
 *
 * Numbers are GenDec, like the runtime's Dec: value * 10^9 in an int64.
 * The generator keeps its own arithmetic (it does not link the runtime),
 * so its expectations (points, in-band scores, exact unit conversions)
 * are an independent reading of docs/scoring.md and docs/data-formats.md.
 */
#ifndef DIFF_GEN_H
#define DIFF_GEN_H

#include <stdint.h>
#include <stdio.h>

typedef int64_t GenDec;
#define GEN_ONE INT64_C(1000000000)

enum {
  GEN_MAX_PROJ = 4,    /* projects per case */
  GEN_MAX_L1 = 6,      /* level-1 blocks per project (categories may repeat) */
  GEN_MAX_L2 = 5,      /* level-2 blocks per level-1 block */
  GEN_MAX_L2_IND = 12, /* indicators per level-2 block */
  GEN_MAX_IND = 48,    /* indicators per project */
  GEN_MAX_ROWS = 320,  /* data rows per case */
  GEN_MAX_FIELDS = 4,  /* raw fields read by one derived indicator */
  GEN_NAME = 400,      /* bytes of a name (long Chinese names fit) */
  GEN_TEXT = 520       /* bytes of a rendered target, value or reference */
};

/* Target kinds ([IND-3] in docs/language.md). */
enum { GK_QUANT, GK_DEADLINE, GK_PERIOD, GK_GRADE, GK_TEXT };
/* Comparisons; GC_BARE is a bare value (means =). */
enum { GC_GE, GC_LE, GC_GT, GC_LT, GC_EQ, GC_BARE };

typedef struct GenInd {
  int alive;                 /* 0 once the minimiser deleted it */
  char name[GEN_NAME];       /* canonical: the key, up to the forms gen.c never mixes */
  char spec_name[GEN_NAME];  /* as written in the spec (spaces, full-width forms) */
  char id[16];               /* "" when none */
  int l1, l2;                /* categories (GEN_CAT_*) */
  int kind;                  /* GK_* */
  char target[GEN_TEXT];     /* as written in the spec, after the colon */
  int cmp;                   /* GC_* (quantitative) */
  int unit;                  /* quantitative: unit index (gen.c's table) or -1;
                                grade: 1 on the declared 星级 scale, 0 on 1A-5A */
  GenDec a;                  /* quantitative: A in the target's unit; deadline: the
                                day number; period: the year; grade: the rank */
  /* derived actual: 实际 = expr, reading fields */
  char expr[1536];           /* "" when the actual is given directly */
  char fields[GEN_MAX_FIELDS][48];
  int nfields;
  /* weights */
  int has_weight;
  GenDec weight, points;     /* points: what the compiler should give it */
  char desc[GEN_NAME];       /* 描述, "" when none */
} GenInd;

typedef struct GenL2 {
  int cat;
  int has_weight;
  GenDec weight;
  int ind[GEN_MAX_L2_IND];   /* indices into GenProj.ind */
  int n;
} GenL2;

typedef struct GenL1 {
  int cat;
  int has_weight;
  GenDec weight;
  GenL2 sub[GEN_MAX_L2];
  int nsub;
} GenL1;

typedef struct GenProj {
  int alive;
  int part;                  /* the file it is in: 0 case.ind, 1 part2.ind */
  char name[GEN_NAME];
  char spec_name[GEN_NAME];
  GenDec budget;             /* in the case's currency */
  char budget_text[64];      /* as written after 预算数 */
  int split;                 /* 财政资金 and 其他资金 given */
  GenDec fiscal, other;
  char purpose[200];         /* 资金用途, "" when none */
  GenL1 l1[GEN_MAX_L1];
  int nl1;
  GenInd ind[GEN_MAX_IND];
  int nind;
} GenProj;

enum { GR_IND, GR_SPENT, GR_FIELD };

typedef struct GenRow {
  int alive;
  int proj, kind, ind;       /* GR_*; ind for GR_IND */
  char field[48];            /* GR_FIELD: the raw field */
  char proj_ref[GEN_NAME];   /* the project as written in this row */
  int blank_proj;            /* CSV: leave the project cell blank if the row above has it */
  char ref[GEN_TEXT];        /* the indicator cell: id, name, 二级/name, 执行数 or a field */
  char value[GEN_TEXT];      /* the actual cell ("" = blank) */
  int json_number;           /* JSON: write value as a bare number */
  char note[200];            /* "" when none */
} GenRow;

typedef struct GenPolicy {
  GenDec points[4];          /* 产出 效益 满意度 预算执行率 */
  GenDec lo[3], hi[3], dflt[3]; /* 达成 部分达成 未达成, as fractions */
  char text[1024];           /* the 评分规则 block, "" when the case has none */
} GenPolicy;

/* A spec file: case.ind, and part2.ind that case.ind imports (导入) in
 * some cases.  Each file has its own year, currency and policy; the
 * policy of case.ind starts from part2.ind's ([POLICY-1]). */
typedef struct GenPart {
  int year;
  int currency;              /* unit index of 金额单位 */
  int currency_written;      /* 金额单位 is in the file (else 万元 by default) */
  GenPolicy pol;             /* the file's effective policy, and its own settings */
} GenPart;

typedef struct GenCase {
  uint64_t seed;
  GenPart part[2];
  int nparts;                /* 1, or 2 when case.ind imports part2.ind */
  int agency;                /* 预算单位 line */
  int lang;                  /* keywords: 0 Chinese, 1 English, 2 mixed */
  int catstyle;              /* categories: 0 full, 1 short, 2 English, 3 mixed */
  int fullwidth;             /* full-width punctuation (：｛｝；) */
  int semicolons;            /* statement terminators */
  int indent;                /* 0 spaces, 1 tabs, 2 ideographic spaces */
  int custom_units;          /* 计量单位 课时, 万人 = 10000 人 (in the last file) */
  int custom_scale;          /* 等级 星级 { 一星 < … } (in the last file) */
  GenProj proj[GEN_MAX_PROJ];
  int nproj;
  GenRow row[GEN_MAX_ROWS];
  int nrow;
  int json;                  /* data as JSON (else CSV) */
  int json_split;            /* JSON: name each project twice, rows split between */
  int csv_cols[4];           /* column order: 0 project 1 indicator 2 actual 3 note; -1 ends */
  int csv_header;            /* header spelling variant */
  int csv_bom, csv_crlf, csv_trailing_blank;
  char as_of[16];            /* --as-of date, "" when none */
} GenCase;

/* Build the case of `seed` (deterministic). */
void gen_case(GenCase *c, uint64_t seed);

/* Write the spec or the data to f (0 on success), and name the data file
 * (actuals.csv or actuals.json). */
int gen_write_spec(const GenCase *c, int part, FILE *f);
int gen_write_data(const GenCase *c, FILE *f);
const char *gen_data_name(const GenCase *c);

/* Write case.ind (and part2.ind), the data file and, when the case has
 * one, as-of.txt into dir.  0 on success, -1 with errno. */
int gen_write_dir(const GenCase *c, const char *dir);

/* Counts of what is alive, for messages: projects, indicators, rows. */
void gen_counts(const GenCase *c, int *np, int *ni, int *nr);

/* 1 when row r is rendered: its project and indicator are alive, and a
 * raw field is still read by a live indicator of its project. */
int gen_row_live(const GenCase *c, int r);

#endif
