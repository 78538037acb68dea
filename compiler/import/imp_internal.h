/*
 * imp_internal.h - what the files of compiler/import share.
 *
 * The import runs in passes (import.c):
 *   decode   imp_decode.c   bytes -> UTF-8 text (BOM, UTF-8, GB18030, UTF-16)
 *   rows     imp_rows.c     text -> rows of cells (tab, pipe or CSV)
 *   layout   imp_layout.c   header rows -> column roles; the layout detector
 *   table    imp_table.c    rows -> projects, budget blocks, table headers
 *            imp_dept.c     the 部门整体支出 table, form rows (填报单位 …)
 *   place    imp_place.c    indicator rows: carry-down, page-break joins,
 *                           shifted rows, values in the wrong column
 *   finish   imp_finish.c   cleaned texts, joins checked, targets read
 *   target   imp_target.c   a cell -> a target, validated by the real parser
 *   write    imp_write.c    a project -> .ind text -> parse + fmt + sema
 * imp_text.c holds the text helpers all of them use.
 */
#ifndef INDC_IMP_INTERNAL_H
#define INDC_IMP_INTERNAL_H

#include <stddef.h>

#include "../front/ast.h"
#include "../sema/program.h"
#include "../support/arena.h"
#include "import.h"

/* ---- limits ([IMPORT-LIMITS] in docs/import.md) ------------------------- */

/* Cells in one row.  Target tables have 5 to 10 columns; 64 is Excel's
 * CSV reader's practical width for such sheets and keeps a row small. */
#define IMP_MAX_COLUMNS 64u
/* Longest cell, in bytes: a string token of the language has this limit
 * (LIM_TOKEN_BYTES), so a longer cell could not be written as a spec. */
#define IMP_MAX_CELL_BYTES (64u * 1024u)
/* Rows (lines) of one document. */
#define IMP_MAX_ROWS 1000000u
/* Continuation rows joined to one row across page breaks (more is an error). */
#define IMP_MAX_JOINS 16u

/* ---- growable text -------------------------------------------------------- */

typedef struct ImpBuf {
  char *s; /* malloc'd, NUL-terminated once anything was added */
  size_t len, cap;
} ImpBuf;

void imp_buf_add(ImpBuf *b, const char *s, size_t n);
void imp_buf_puts(ImpBuf *b, const char *s);
void imp_buf_printf(ImpBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void imp_buf_free(ImpBuf *b);
/* Append s as a string literal of the language ("…" with \\ and \" escaped). */
void imp_buf_quote(ImpBuf *b, const char *s);

/* ---- rows and columns ----------------------------------------------------- */

/* Column roles, from the header cells (imp_layout.c has the names). */
#define IMP_ROLES(X)                                                      \
  X(ROLE_NONE, "")              X(ROLE_PROJECT, "项目名称")               \
  X(ROLE_L1, "一级指标")        X(ROLE_L2, "二级指标")                    \
  X(ROLE_L3, "三级指标")        X(ROLE_DESC, "绩效指标描述")              \
  X(ROLE_VALUE, "指标值")       X(ROLE_CMP, "指标性质")                   \
  X(ROLE_UNIT, "度量单位")      X(ROLE_DIR, "指标方向")                   \
  X(ROLE_ACTUAL, "实际完成值")                                            \
  X(ROLE_WEIGHT, "分值")        X(ROLE_SCORE, "得分")                     \
  X(ROLE_NOTE, "偏差原因分析及改进措施") X(ROLE_BUDGET, "预算数")         \
  X(ROLE_FISCAL, "财政资金")    X(ROLE_OTHER, "其他资金")                 \
  X(ROLE_PURPOSE, "资金用途")   X(ROLE_GOAL, "绩效目标")

typedef enum ImpRole {
#define X(name, zh) name,
  IMP_ROLES(X)
#undef X
  ROLE__COUNT
} ImpRole;

const char *imp_role_name(ImpRole r);

typedef struct ImpRow {
  unsigned line;     /* 1-based source line where the row starts */
  unsigned ncells;
  char **cells;      /* trimmed, NUL-terminated (arena) */
  int text;          /* a line without separators: the whole line in cells[0] */
} ImpRow;

/* Column of each role in the current table (-1: absent). */
typedef struct ImpCols {
  int col[ROLE__COUNT];
  unsigned line;     /* the header row */
  unsigned ncols;    /* its cells */
} ImpCols;

/* ---- the table model ------------------------------------------------------ */

/* A cell joined across a page break: a (before the break) + b (after). */
typedef struct ImpJoin {
  ImpRole role;
  const char *a, *b;
  unsigned line;     /* the continuation row */
} ImpJoin;

typedef struct ImpInd {
  unsigned line;                   /* its row */
  const char *raw[ROLE__COUNT];    /* cells by role, as read (joined when continued) */
  const char *l1raw, *l2raw;       /* category cells as read (for joins) */
  Category l1, l2;
  /* imp_finish.c: */
  const char *name, *desc, *target, *weight, *actual, *note;
  TargetKind kind;
  const char *kind_word;           /* id suffix: text, count, rate, amount, ... */
  int money_cap;                   /* a ≤ or = amount of money: *money holds it */
  Dec money;                       /* in the file's 金额单位 */
  int year;                        /* of a deadline or period target (0: none) */
  const char *id;                  /* twin names under one level 2 (imp_write.c) */
  ImpJoin joins[IMP_MAX_JOINS];
  size_t njoins;
  unsigned nconts;                 /* continuation rows joined to it */
  const char **notes;              /* `#` comments written above it */
  size_t nnotes, capnotes;
} ImpInd;

#define IMP_MAX_FUNDS 8 /* parts of 财政资金 in a budget row */

typedef struct ImpProject {
  unsigned line;                   /* the 项目名称 row (or first CSV row) */
  const char *name, *key, *title;
  const char *agency_code, *agency_name;
  const char *agency_note;         /* how 预算单位 was found (a comment), or NULL */
  int dept;                        /* a 部门整体支出 table, imported as a project */
  const char *budget, *fiscal, *other, *spent; /* amounts as written */
  const char *carry;               /* 自评表: 上年结转资金, part of 财政资金 */
  const char *fund_label[IMP_MAX_FUNDS]; /* 财政资金 in parts: 中央财政资金 | 100 */
  const char *fund[IMP_MAX_FUNDS]; /*   … (amounts as written) */
  unsigned nfunds, fund_line;
  unsigned budget_line;
  unsigned amount_line[5];         /* where budget, fiscal, other, spent, carry were read */
  const char *purpose, *goal;
  const char **notes;              /* comments above 预算数 */
  size_t nnotes, capnotes;
  ImpInd **inds;
  size_t ninds, capinds;
  size_t ncont, nrepairs;
  int failed;
  int l2_always;                   /* every row so far named its level 2 */
  int has_header;                  /* its table header was seen */
  int want_goal_col;               /* self-evaluation: the goal is in the next row */
  int goal_col;
  int mid_col;                     /* 中期目标 beside 年度目标 (-1: none) */
  int bud_col, spent_col;          /* self-evaluation budget columns (-1 none) */
  int amt_col[3];                  /* 总额 | 财政拨款 | 其他资金 over the amounts
                                      of the rows below (-1 none) */
  int task_col, task_text_col;     /* 年度主要任务: 任务名称, 主要内容 (-1 none) */
  int purpose_tasks;               /* p->purpose holds the tasks so far */
  int last_l1, last_l2;            /* categories to carry down (-1 none) */
  const char *l1_weight[CAT__COUNT]; /* 分值 of level-1 blocks (自评表) */
  ImpOutput *out;
} ImpProject;

typedef struct ImpToc {
  unsigned line;
  int num;
  const char *text;
  int used;
} ImpToc;

typedef struct ImpCtx {
  Arena *a;
  ImpResult *r;
  const ImpOptions *opt;
  const char *name;
  Program pre;                     /* the prelude, checked: units and scales */
  ImpLayout layout;
  int headerless;                  /* CSV without a header row: fixed columns */
  int pipe_borders;                /* pipe rows have a | at both ends */
  ImpRow *rows;
  size_t nrows, caprows;
  const char *agency_code, *agency_name, *year, *currency;
  const char *agency_note;         /* how 预算单位 was found (a comment), or NULL */
  /* a 部门整体支出 table whose project is not started yet: its 部门名称 row
   * (name, code, line) or a title naming it (整体支出) */
  const char *dept_name, *dept_code, *dept_title, *dept_title_name;
  unsigned dept_line, dept_title_line;
  int dept_pending;
  const ImpRow *group;             /* a 序号 | 绩效指标 row right above a header */
  unsigned currency_line;          /* the line that gave 金额单位 */
  unsigned bare_amount_line;       /* the first amount without a unit, and */
  const char *bare_amount;         /* it: read in 金额单位, or 万元 without one */
  unsigned currency_conflict;      /* a later line naming another, or a
                                      currency not read (0: none) */
  const char *currency_other;      /* that unit; NULL: not read, reported */
  const char *year_note;           /* how the year was guessed (a comment) */
  unsigned year_line;              /* the line that gave the document's year */
  unsigned year_conflict;          /* a later line naming another year (0: none) */
  const char *year_other;          /* that year */
  ImpToc *toc;
  size_t ntoc, captoc;
  int heading_num;                 /* the last "N.…绩效目标表" heading */
  const char *heading;
  unsigned heading_line;           /* its line */
  ImpProject **projects;
  size_t nprojects, capprojects;
  ImpProject *cur;                 /* the project whose section we are in */
  ImpCols cols;
  int have_cols;
  int sub_header;                  /* the next row may be the second row of a
                                      two-row header (imp_sub_header) */
  unsigned first_header;           /* the line of the first table header (0: none) */
  ImpProject *brk;                 /* a header repeated at a page break of it */
  int after_break;                 /* the row being placed is the first after one */
  size_t nunplaced;                /* rows outside any project */
  unsigned unplaced_line;
} ImpCtx;

/* ---- messages (import.c) -------------------------------------------------- */

void imp_warn(ImpCtx *c, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void imp_error(ImpCtx *c, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error that sinks project p: it gets no output. */
void imp_fail(ImpCtx *c, ImpProject *p, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A repair or guess: comment `zh` above ind (or above p's 预算数 when ind
 * is NULL) and the warning `en` at line (none when en is NULL: a repair
 * that another one already reported). */
void imp_repair(ImpCtx *c, ImpProject *p, ImpInd *ind, unsigned line, const char *zh,
                const char *en);

/* ---- imp_table.c ---------------------------------------------------------- */

/* The money unit a label or header cell names: 单位：元, 金额单位：万元,
 * （单位：人民币元）, or the bracketed note of 预算数（元）, 项目资金（万元）.
 * Sets the document's 金额单位 (a different one later is a conflict that
 * imp_run reports); a currency indc does not read (美元) is an error at
 * line.  1 when the cell named a money unit. */
int imp_note_currency(ImpCtx *c, const char *cell, unsigned line);
/* The first non-empty cell after index i, or "". */
const char *imp_after(const ImpRow *row, int i);
/* The index of the row's first non-empty cell, or -1. */
int imp_first_filled(const ImpRow *row);
/* A cell's label: no spaces, no trailing colon, no bracketed note. */
const char *imp_label_of(ImpCtx *c, const char *cell);
/* Start a project named name at line (c->cur); a name an earlier project
 * has (under [IND-1]) fails it. */
void imp_start_project(ImpCtx *c, const char *name, unsigned line);
/* An amount cell (what: 预算数, 财政资金 …) into *slot; a cell that is no
 * amount, or one that differs from the amount read before, fails p. */
void imp_amount(ImpCtx *c, ImpProject *p, unsigned line, const char *what, const char *cell,
                const char **slot);

/* ---- imp_dept.c ----------------------------------------------------------- */

/* [IMPORT-DEPT] A title of a 部门整体支出 table (…部门整体支出绩效目标表):
 * the department's table starts (its project is started by the next row
 * that belongs to it).  Not consuming: the title's year is read apart. */
void imp_dept_title(ImpCtx *c, const char *text, unsigned line);
/* A 部门（单位）名称 row (also 部门名称, 单位名称, 预算单位, and a row of
 * its code) outside a project's block: the department's table starts.
 * 1 when read. */
int imp_dept_row(ImpCtx *c, const ImpRow *row);
/* The first row of a department's table that is its own (not its name,
 * a form row or a year): its project is started.  A 项目名称 row instead
 * makes the department the unit of the projects. */
void imp_dept_start(ImpCtx *c, const ImpRow *row);
/* Rows of a block that the department table (and some provincial project
 * templates) have: 总额 | 财政拨款 | 其他资金 over the amounts below, the
 * 年度主要任务 table, 部门职责.  1 when read. */
int imp_dept_block(ImpCtx *c, ImpProject *p, const ImpRow *row);
/* A form row: 填报单位：…, 填报人：…, 联系电话：… (and 单位：万元) in every
 * non-empty cell.  With `read`, 填报单位 gives 预算单位's name when nothing
 * else has (p, when not NULL, gets it too).  1 when the row is one. */
int imp_form_row(ImpCtx *c, ImpProject *p, const ImpRow *row, int read);
/* How many cells from index i a form cell covers (`填报人：张三` 1, `填报人 |
 * 张三` 2), 0 when cell i is none; with `read`, as imp_form_row. */
unsigned imp_form_cell(ImpCtx *c, ImpProject *p, const ImpRow *row, unsigned i, int read);

/* ---- imp_text.c ----------------------------------------------------------- */

/* The text with the spaces a PDF export puts inside Chinese text removed
 * ([IMPORT-SPACE]): a run of white space between two characters that are
 * each a digit or non-ASCII (and not both digits) goes; any other run
 * becomes one space; the ends are trimmed. */
char *imp_clean(Arena *a, const char *s);
/* The text without any white space (labels, categories, dates). */
char *imp_nospace(Arena *a, const char *s);
/* k with the full-width digits ０…９ and the full-width ． and ， as ASCII
 * (amounts and points typed with a Chinese IME). */
char *imp_halfwidth(Arena *a, const char *k);
/* The text with white space trimmed at both ends. */
char *imp_trim(Arena *a, const char *s, size_t n);
int imp_blank(const char *s);
/* 1 when s is blank or says "nothing here" as a template's unused cells
 * do: a dash, a slash or 无 (`—`, `/`, `无`). */
int imp_void(Arena *a, const char *s);
/* A category named by a cell ("社会效益指 标", "产出"), or -1. */
int imp_category(Arena *a, const char *cell);
/* A short quote of s for messages: at most max code points, "…" when cut. */
const char *imp_short(Arena *a, const char *s, size_t max);
/* The same, keeping the end of s: "…" and its last max code points. */
const char *imp_tail(Arena *a, const char *s, size_t max);
/* Code points in s. */
size_t imp_nchars(const char *s);
/* 1 when s (no spaces) is a plain decimal number: digits[.digits]. */
int imp_is_number(const char *s);
/* A money amount: spaces and thousands separators removed, an optional
 * money unit kept.  NULL when s is not one. */
const char *imp_money(ImpCtx *c, const char *s);
/* 1 when s (spaces and thousands separators dropped) starts with a number
 * beyond the range of the language's numbers (±9223372036.854775807). */
int imp_out_of_range(ImpCtx *c, const char *s);

/* ---- passes ----------------------------------------------------------------- */

/* imp_decode.c: bytes -> UTF-8 without BOM; 0 on success, -1 on error. */
int imp_decode(ImpCtx *c, const char *bytes, size_t len, char **text, size_t *tlen);

/* imp_rows.c: split text into c->rows for layout (TAB, PIPE or CSV);
 * -1 on a fatal error (reported). */
int imp_split(ImpCtx *c, char *text, size_t len, ImpLayout layout);
/* Split one line by a separator (tab or pipe) into a row (arena). */
int imp_split_line(ImpCtx *c, const char *line, size_t n, char sep, ImpRow *row);
/* n, or, when the line has as many separators as the column limit, n
 * without its trailing empty cells (a spreadsheet's padding: `a\tb\t\t\t…`). */
size_t imp_trailing_cells(const char *line, size_t n, char sep);

/* imp_layout.c */
ImpRole imp_role_of(Arena *a, const char *cell);
/* 1: row is a table header (cols filled); 0: it is not; -1: it names
 * indicator columns but lacks a required one (reported). */
int imp_header(ImpCtx *c, const ImpRow *row, ImpCols *cols);
/* "预算数（万元）" -> "预算数": k without a bracketed note at its end (in
 * place); k itself. */
char *imp_strip_note(char *k);
/* Decide the layout of the decoded text; -1 when no table is found (reported). */
int imp_detect(ImpCtx *c, const char *text, size_t len, ImpLayout *layout);

/* The row under a table header that names what the header's merged cell
 * spans (`指标值` over `中期 | 年度`): its cells set the roles of their
 * columns.  1 when row is one (read). */
int imp_sub_header(ImpCtx *c, const ImpRow *row);
/* A row that groups the columns of the header under it, as a spreadsheet
 * merges a cell over them: 序号 | 绩效指标 (| 指标值 …).  1 when it is one. */
int imp_group_row(ImpCtx *c, const ImpRow *row);
/* The header row hdr with the role cells of the group row above it in its
 * empty cells (`指标值` over an empty cell), into *out; hdr itself when
 * the group names no role. */
const ImpRow *imp_with_group(ImpCtx *c, const ImpRow *group, const ImpRow *hdr, ImpRow *out);
/* imp_table.c: read c->rows into c->projects. */
void imp_table(ImpCtx *c);
ImpInd *imp_new_ind(ImpCtx *c, ImpProject *p, unsigned line);

/* imp_place.c */
/* Cell col of row, or "" when the row is shorter. */
const char *imp_cell(const ImpRow *row, int col);
/* The cell of role r in the current table, read `shift` columns off for
 * the roles from the level-1 column on (a row shifted as a whole). */
const char *imp_get(const ImpCtx *c, const ImpRow *row, ImpRole r, int shift);
/* Does the row have anything in an indicator column? */
int imp_has_content(const ImpCtx *c, const ImpRow *row);
/* [IMPORT-CONT] Does the first row after a page break continue p's last row? */
int imp_continues(ImpCtx *c, ImpProject *p, const ImpRow *row);
/* [IMPORT-CONT] Might the first row after a page break, which does not
 * continue p's last row by the rules, continue it all the same?  In a
 * table that merges its level-2 cells: a row without level-1/2 cells whose
 * 指标值 is a text, after a row whose 指标值 is a text cut mid-sentence. */
int imp_maybe_continues(ImpCtx *c, ImpProject *p, const ImpRow *row);
/* Join its cells to p's last row. */
void imp_join(ImpCtx *c, ImpProject *p, const ImpRow *row);
/* Place the row as a new indicator of p, with the repairs it needs, or
 * fail p naming the line. */
void imp_place(ImpCtx *c, ImpProject *p, const ImpRow *row);

/* imp_finish.c: texts, joins, targets and weights of every indicator. */
void imp_finish(ImpCtx *c, ImpProject *p);

/* imp_target.c */
typedef struct ImpTarget {
  TargetKind kind;
  const char *text;       /* what to write after `指标 "…":` */
  const char *kind_word;  /* text, count, rate, amount, value, date, period, grade */
  int money_cap;          /* an amount of money with ≤, <, = or none */
  Dec money;              /* it, in the file's 金额单位 */
  int year;               /* the year of a deadline or period (0: none) */
} ImpTarget;
/* Read `value` as a target of the language (not a text): 1 and *t filled,
 * or 0. */
int imp_target_parse(ImpCtx *c, const char *value, ImpTarget *t);
/* The target of ind from its cells, with the repairs of [IMPORT-VALUE]. */
void imp_target_read(ImpCtx *c, ImpProject *p, ImpInd *ind);
/* The length of the comparison written after a value that v ends with
 * (`以上`, `及以下`, `以内` …; the longest), *sym its symbol ≥ or ≤; 0 if
 * none. */
size_t imp_post_cmp(const char *v, const char **sym);
/* [IMPORT-REFORM] value (a 指标值 the language does not take) rewritten
 * into a form it may take, the reason in *zh (for the comment) and *en
 * (for the warning); NULL when no rule applies (imp_reform.c). */
const char *imp_reform(ImpCtx *c, const char *value, const char **zh, const char **en);
/* `6月20日` at s (ASCII digits): its length, month and day; 0 when s does
 * not start with a month and day of the calendar's ranges. */
size_t imp_month_day(const char *s, int *m, int *d);
/* The length in bytes of the longest prefix of s that is a known unit (0: none). */
size_t imp_unit_prefix(ImpCtx *c, const char *s);

/* imp_write.c */
/* Ids for twin names under one level 2. */
void imp_ids(ImpCtx *c, ImpProject *p);
/* Write p (with the file header when header is set) into b, unformatted. */
void imp_emit(ImpCtx *c, ImpProject *p, int header, ImpBuf *b);
void imp_emit_header(ImpCtx *c, ImpProject *p, ImpBuf *b);
/* Parse, format and check text as a spec; the formatted text (arena) or
 * NULL (reported on p, or as a whole-file error when p is NULL).
 * *nind gets the number of indicators. */
const char *imp_verify(ImpCtx *c, ImpProject *p, const char *text, size_t len, size_t *nind);
/* The actuals CSV rows of p. */
/* The actuals rows of p (执行数, then each indicator with a 实际完成值) into
 * b; lines[k] (when not NULL; room for 1 + p->ninds) gets the table line
 * of row k.  Returns the number of rows. */
size_t imp_actual_rows(ImpCtx *c, ImpProject *p, ImpBuf *b, unsigned *lines);
void imp_actuals(ImpCtx *c, ImpProject *p, ImpBuf *b);
/* [IMPORT-ACTUALS] Load p's actuals as `indc run` will, against p's
 * written spec: a value it will not read is a warning at its table row. */
void imp_check_actuals(ImpCtx *c, ImpProject *p);

#endif
