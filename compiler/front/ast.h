/*
 * ast.h - the syntax tree of an .ind file.
 *
 * The parser builds it and nothing else: grammar actions only call the
 * ast_* constructors in ast.c.  Semantic analysis (compiler/sema) fills the
 * resolved fields marked "sema:"; every later pass (formatter, differ,
 * bytecode, C, LLVM and SQL backends) reads a checked tree.
 *
 * All nodes and strings live in the Arena of one compilation.  Every node
 * carries a Span (byte offsets, see source.h).  Strings are NUL-terminated
 * UTF-8 as written (escapes already decoded).  Lists are counted arrays.
 */
#ifndef INDC_AST_H
#define INDC_AST_H

#include <stddef.h>
#include <stdint.h>

#include "../support/source.h"
#include "../../runtime/dec.h"

/* Keyword language of a construct, kept so fmt and diff can answer in it. */
typedef enum Lang { LANG_ZH = 0, LANG_EN = 1 } Lang;

/*
 * Categories.  Level-1 and level-2 categories share one namespace of
 * keywords; which level a keyword is at follows from where it stands.
 * 成本指标/cost is both a level-1 (财预〔2021〕101号 layout) and a level-2
 * category (under 产出).  X(NAME, zh, zh-short, en)
 */
#define AST_CATEGORIES(X)                                          \
  X(CAT_OUTPUT,        "产出指标", "产出", "output")               \
  X(CAT_BENEFIT,       "效益指标", "效益", "benefit")              \
  X(CAT_SATISFACTION,  "满意度指标", "满意度", "satisfaction")     \
  X(CAT_COST,          "成本指标", "成本", "cost")                 \
  X(CAT_QUANTITY,      "数量指标", "数量", "quantity")             \
  X(CAT_QUALITY,       "质量指标", "质量", "quality")              \
  X(CAT_TIMELINESS,    "时效指标", "时效", "timeliness")           \
  X(CAT_ECONOMIC,      "经济效益指标", "经济效益", "economic")     \
  X(CAT_SOCIAL,        "社会效益指标", "社会效益", "social")       \
  X(CAT_ECOLOGICAL,    "生态效益指标", "生态效益", "ecological")   \
  X(CAT_SUSTAINABLE,   "可持续影响指标", "可持续影响", "sustainable") \
  X(CAT_BENEFICIARY,   "服务对象满意度指标", "服务对象满意度", "beneficiary") \
  X(CAT_ECONOMIC_COST, "经济成本指标", "经济成本", "economic_cost") \
  X(CAT_SOCIAL_COST,   "社会成本指标", "社会成本", "social_cost")  \
  X(CAT_ECO_COST,      "生态环境成本指标", "生态环境成本", "ecological_cost")

typedef enum Category {
#define X(name, zh, zhs, en) name,
  AST_CATEGORIES(X)
#undef X
  CAT__COUNT
} Category;

/*
 * Policy settings ([POLICY-1] in docs/scoring.md), keys of a 评分规则 in
 * either language: sema reads their values (policy.c), diff compares them,
 * fmt writes the key (and 反向公式's word) in the file's language.
 * X(NAME, zh, en)
 */
#define AST_SETTINGS(X)                          \
  X(SET_OUTPUT, "产出指标", "output")            \
  X(SET_BENEFIT, "效益指标", "benefit")          \
  X(SET_SATISFACTION, "满意度指标", "satisfaction") \
  X(SET_BUDGET_RATE, "预算执行率", "budget_rate") \
  X(SET_REVERSE, "反向公式", "reverse")          \
  X(SET_MET, "达成", "met")                      \
  X(SET_PARTIAL, "部分达成", "partial")          \
  X(SET_UNMET, "未达成", "unmet")                \
  X(SET_EXCELLENT, "优", "excellent")            \
  X(SET_GOOD, "良", "good")                      \
  X(SET_FAIR, "中", "fair")                      \
  X(SET_OVERSHOOT, "超额偏差", "overshoot")      \
  X(SET_LOW_RATE, "执行率偏差", "low_rate")      \
  X(SET_LAG, "进度偏差", "lag")

typedef enum PolicySetting {
#define X(name, zh, en) name,
  AST_SETTINGS(X)
#undef X
  SET__COUNT
} PolicySetting;

/* The setting that key names (in either language), or -1. */
int ast_setting_of(const char *key);
const char *ast_setting_name(PolicySetting s, Lang lang);

/* Comparison of a quantitative target. */
typedef enum Cmp {
  CMP_GE, /* ≥ >= ≧ */
  CMP_LE, /* ≤ <= ≦ */
  CMP_GT, /* > ＞ */
  CMP_LT, /* < ＜ */
  CMP_EQ  /* = ＝, or no operator at all (a bare value means =) */
} Cmp;

typedef enum TargetKind {
  TGT_QUANT,    /* ≥15 场 */
  TGT_DEADLINE, /* 2023年12月底前完成, by 2023-12-31 */
  TGT_PERIOD,   /* 全年, 2023全年, 2023年内 */
  TGT_GRADE,    /* 达到 3A 级 */
  TGT_TEXT      /* "进一步提升" */
} TargetKind;

typedef struct Date { int16_t y; int8_t m, d; } Date;

typedef struct Target {
  TargetKind kind;
  Span span;
  union {
    struct {
      Cmp cmp;
      int explicit_cmp;   /* 0 when written as a bare value */
      Dec value;
      const char *value_text; /* the number as written, e.g. "14.00" */
      const char *unit;   /* unit name as written (NULL: none) */
      Span unit_span;
      int unit_id;        /* sema: index in the unit table, -1 none */
    } q;
    struct {
      Date date;          /* the last day that counts as on time */
      const char *text;   /* as written, e.g. "2023年12月底前完成" */
    } deadline;
    struct {
      int year;           /* 0 when not written (全年) */
      const char *text;
    } period;
    struct {
      const char *grade;  /* member name, e.g. "3A" */
      Span grade_span;
      int scale_id;       /* sema */
      int rank;           /* sema: 1-based rank on the scale */
    } grade;
    struct {
      const char *text;
    } text;
  } u;
} Target;

/* Expressions of derived actuals (实际 = …). */
typedef enum ExprKind {
  EX_NUM,    /* 12, 98.5%, 3 万元 */
  EX_FIELD,  /* a raw field of the outcome data */
  EX_UNARY,  /* -a, not a */
  EX_BINARY, /* + - * / < <= > >= == != and or */
  EX_CALL,   /* min(a, b), max(a, b) */
  EX_IF      /* if c then a else b */
} ExprKind;

typedef enum ExprOp {
  OP_ADD, OP_SUB, OP_MUL, OP_DIV,
  OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
  OP_AND, OP_OR, OP_NEG, OP_NOT
} ExprOp;

typedef struct Expr Expr;
struct Expr {
  ExprKind kind;
  Span span;
  ExprOp op;
  Dec num;             /* EX_NUM */
  const char *unit;    /* EX_NUM: unit as written or NULL */
  const char *name;    /* EX_FIELD, EX_CALL */
  Expr **args;         /* operands: 1 for unary, 2 binary, 3 if, n call */
  size_t nargs;
  int unit_id;         /* sema: unit of the value, -1 dimensionless */
};

/* The word that is the value v of policy setting key, in lang: 反向公式's
 * 差额 / difference or 比例 / ratio; NULL when v is no such word of that
 * key. */
const char *ast_setting_word(const char *key, const Expr *v, Lang lang);

typedef struct Comment {
  Span span;
  const char *text;    /* including the # or the delimiters */
  int own_line;        /* 1 when nothing but space precedes it on its line */
} Comment;

/* Two million of these make a large compilation: pointers and numbers
 * first, then the spans, then the byte-sized fields, so that no padding
 * sits between them. */
typedef struct Indicator {
  const char *id;      /* optional ASCII id, NULL when absent */
  const char *name;    /* as written */
  const char *key;     /* sema: name normalised for matching (name_key) */
  Target *target;      /* NULL: missing (an error in sema) */
  const char *desc;    /* 绩效指标描述, NULL when absent */
  Dec weight;          /* 分值 */
  const char *weight_text;
  Expr *actual;        /* 实际 = …, NULL when absent */
  Dec points;          /* sema: points after the policy's split */
  Span span;           /* whole indicator */
  Span name_span;
  Span id_span;
  Span desc_span;
  Span weight_span;
  uint8_t lang;        /* Lang */
  uint8_t has_weight;
  uint8_t level1, level2; /* sema: Category */
} Indicator;

typedef struct CatBlock CatBlock;
struct CatBlock {
  Span span;           /* whole block */
  Span kw_span;        /* the category keyword */
  Lang lang;
  Category cat;
  int has_weight;
  Dec weight;
  const char *weight_text;
  Span weight_span;
  CatBlock **subs;     /* level-2 blocks (only inside a level-1 block) */
  size_t nsubs;
  Indicator **inds;    /* indicators (only inside a level-2 block) */
  size_t ninds;
  int damaged;         /* a syntax error inside: sema skips the block */
};

typedef struct Money {
  int present;
  Dec value;           /* as written, in `unit` or the file's currency */
  const char *text;    /* the number as written */
  const char *unit;    /* NULL: the file's 金额单位 */
  Span unit_span;
  Span span;
  Dec in_currency;     /* sema: converted to the file's 金额单位 */
} Money;

typedef struct Project {
  Span span;
  Span name_span;
  Lang lang;
  const char *name;
  const char *key;     /* sema: normalised name */
  Money budget;        /* 预算数 */
  Money fiscal;        /* 财政资金 */
  Money other;         /* 其他资金 */
  const char *purpose; /* 资金用途 */
  Span purpose_span;
  const char *goal;    /* 绩效目标 */
  Span goal_span;
  CatBlock **cats;     /* level-1 blocks */
  size_t ncats;
  int damaged;         /* a syntax error outside its categories (or an
                          unclosed block): sema checks only the name */
  /* sema: */
  Indicator **all;     /* every indicator in source order */
  size_t nall, capall;
} Project;

typedef struct UnitDecl {
  Span span;
  Lang lang;
  const char *name;    /* 万元, 人/次, % */
  int has_factor;      /* 计量单位 万元 = 10000 元 */
  Dec factor;
  const char *factor_text;
  const char *base;    /* NULL: a new dimension named after this unit */
  Span base_span;
} UnitDecl;

typedef struct ScaleDecl {
  Span span;
  Lang lang;
  const char *name;
  const char **members; /* lowest first */
  Span *member_spans;
  size_t nmembers;
  int damaged;          /* a syntax error cut it short: members are missing */
} ScaleDecl;

/* Policy settings: key = value, checked by sema against docs/scoring.md. */
typedef struct Setting {
  Span span;
  const char *key;     /* identifier or category keyword text */
  Span key_span;
  Expr *value;         /* a number (with %), or a name (EX_FIELD) */
  unsigned index;      /* `达成 = 80%, 100%, 100%`: one Setting per value */
  unsigned count;
} Setting;

typedef struct PolicyDecl {
  Span span;
  Lang lang;
  const char *name;    /* NULL: the file's policy */
  Setting **settings;
  size_t nsettings;
} PolicyDecl;

typedef struct Import {
  Span span;
  Lang lang;
  const char *path;    /* relative to the importing file */
  uint32_t file;       /* sema: SourceSet index once loaded */
} Import;

typedef struct Header {
  int has_agency;
  const char *agency_code;  /* 561301 */
  const char *agency_name;
  Span agency_span;
  Lang agency_lang;
  int has_year;
  int bad_year;             /* a 年度 was written but is invalid (reported) */
  int year;
  const char *year_text;
  Span year_span;
  Lang year_lang;
  const char *currency;     /* 金额单位 万元 */
  Span currency_span;
  Lang currency_lang;
} Header;

/* Order of top-level items as written, for the formatter. */
typedef enum ItemKind {
  ITEM_AGENCY, ITEM_YEAR, ITEM_CURRENCY, ITEM_IMPORT, ITEM_UNIT,
  ITEM_SCALE, ITEM_POLICY, ITEM_PROJECT,
  ITEM_TEST            /* a rule test (TestDecl*) */
} ItemKind;

/*
 * Rule tests (docs/testing-rules.md): given actual values for some
 * indicators of one project, expect statuses, scores, the total or the
 * grade.  `indc test` runs them; `indc check` resolves their names.
 *
 *   测试 "满分" {
 *     项目 "团市委政务信息化系统运维项目"
 *     截至 2023-06-30                 # optional: mid-year, as --as-of
 *     给定 { "信息系统及网站" = 2 个   执行数 = 14 万元 }
 *     期望 { "信息系统及网站" 状态 达成   "机关信息化水平" 得分 10.5
 *            总分 95.21   等级 优 }
 *   }
 */
typedef struct Given {
  Span span;           /* the whole `key = value` */
  Lang lang;           /* of 执行数, when key is NULL */
  const char *key;     /* an indicator (id, name or 二级/name) or a raw
                          field, as in the data's indicator column; NULL: 执行数 */
  Span key_span;
  const char *value;   /* a string's contents, or the bare tokens as written,
                          with the blanks between two tokens as one space */
  int quoted;          /* written as a string */
  Span value_span;
  /* sema: */
  Indicator *ind;      /* the indicator; NULL for 执行数 and raw fields */
} Given;

typedef enum ExpectKind {
  EXP_STATUS,          /* "name" 状态 达成 */
  EXP_SCORE,           /* "name" 得分 10.5 */
  EXP_TOTAL,           /* 总分 95.21 */
  EXP_GRADE            /* 等级 优 */
} ExpectKind;

typedef struct Expect {
  ExpectKind kind;
  Span span;
  Lang lang;           /* of the keyword */
  const char *key;     /* EXP_STATUS, EXP_SCORE: the indicator as written */
  Span key_span;
  const char *word;    /* EXP_STATUS: 达成 / met …; EXP_GRADE: 优 / excellent … */
  Span word_span;
  Dec num;             /* EXP_SCORE, EXP_TOTAL */
  const char *num_text;
  /* sema: */
  Indicator *ind;      /* EXP_STATUS, EXP_SCORE */
  int value;           /* EXP_STATUS: status in the order met, partial, unmet,
                          missing, na, pending (RT_ST_* of runtime/model.h);
                          EXP_GRADE: 0 优, 1 良, 2 中, 3 差 */
} Expect;

typedef struct TestDecl {
  Span span;           /* whole block */
  Span name_span;
  Lang lang;
  const char *name;
  const char *project; /* NULL: the only project of the compilation */
  Span project_span;   /* the 项目 item */
  Span project_name_span;
  Lang project_lang;
  int has_as_of;       /* 截至 DATE: mid-year, as `indc run --as-of` */
  Date as_of;
  const char *as_of_text;
  Span as_of_span;
  Lang as_of_lang;
  int has_given, has_expect;
  Span given_span, expect_span; /* the blocks */
  Lang given_lang, expect_lang;
  Given **given;
  size_t ngiven;
  Expect **expect;
  size_t nexpect;
  int closed;          /* its '}' was seen */
  int damaged;         /* a syntax error inside: sema and `indc test` skip it */
  /* sema: */
  Project *proj;
} TestDecl;

typedef struct Item {
  ItemKind kind;
  Span span;
  void *node;          /* Import*, UnitDecl*, ScaleDecl*, PolicyDecl*, Project*, TestDecl* */
} Item;

typedef struct File {
  uint32_t source;     /* index in the SourceSet */
  Header header;
  Item *items;
  size_t nitems;
  Import **imports;     size_t nimports;
  UnitDecl **units;     size_t nunits;
  ScaleDecl **scales;   size_t nscales;
  PolicyDecl **policies; size_t npolicies;
  Project **projects;   size_t nprojects;
  Comment *comments;    size_t ncomments;
  size_t nkw_zh, nkw_en; /* keyword counts, for fmt's choice of language */
  TestDecl **tests;     size_t ntests;
} File;

const char *ast_category_name(Category c, Lang lang); /* full form */

/* Words of rule tests: status 0..5 (met … pending) and grade 0..3 (优 …
 * 差), in Chinese or English as the scorecard writes them; the parse
 * functions take either language and return -1 for an unknown word. */
const char *ast_status_word(int status, Lang lang);
const char *ast_grade_word(int grade, Lang lang);
int ast_status_parse(const char *word);
int ast_grade_parse(const char *word);
const char *ast_cmp_str(Cmp c);                         /* "≥" "≤" ">" "<" "=" */

/* An operator as messages and diffs show it: "+" … "≥" "==" "且" "或" "非". */
const char *ast_op_text(ExprOp op);

/* Binding strength of an expression's top operator, lowest first, as in
 * grammar/parser.y: what fmt and diff need to print the fewest
 * parentheses. */
enum { AST_P_IF, AST_P_OR, AST_P_AND, AST_P_NOT, AST_P_CMP, AST_P_ADD, AST_P_MUL, AST_P_NEG,
       AST_P_ATOM };
int ast_expr_prec(const Expr *e);

#endif
