/*
 * imp_layout.c - table headers and the layout detector ([IMPORT-LAYOUT]
 * in docs/import.md).
 *
 * A header row is a row that names at least two of 一级指标, 二级指标 and
 * 三级指标.  Its cells give each column a role (imp_role_of); the rows
 * below are read through that map until the next header, so the column
 * order, extra columns (指标性质, 度量单位, 实际完成值, 分值, 得分 …) and a
 * label column in front (自评表's 绩效指标) need no special layout.
 *
 * The layout is the separator of the first header row: tab, | or comma.
 * A CSV file without a header whose rows start project, 一级指标 is read
 * in the documented column order, with a warning.
 */
#include <string.h>

#include "imp_internal.h"

static const struct {
  const char *name;
  ImpRole role;
} aliases[] = {
    {"项目名称", ROLE_PROJECT},      {"项目", ROLE_PROJECT},
    {"一级指标", ROLE_L1},           {"二级指标", ROLE_L2},
    {"三级指标", ROLE_L3},           {"指标名称", ROLE_L3},
    {"绩效指标描述", ROLE_DESC},     {"指标描述", ROLE_DESC},
    {"指标解释", ROLE_DESC},         {"指标内容", ROLE_DESC},
    {"指标值", ROLE_VALUE},          {"年度指标值", ROLE_VALUE},
    {"目标值", ROLE_VALUE},          {"年度目标值", ROLE_VALUE},
    {"指标目标值", ROLE_VALUE},      {"预期指标值", ROLE_VALUE},
    {"指标性质", ROLE_CMP},          {"比较符", ROLE_CMP},
    {"运算符", ROLE_CMP},            {"度量单位", ROLE_UNIT},
    {"计量单位", ROLE_UNIT},         {"单位", ROLE_UNIT},
    {"指标方向", ROLE_DIR},          {"方向", ROLE_DIR},
    {"实际完成值", ROLE_ACTUAL},     {"实际值", ROLE_ACTUAL},
    {"全年实际值", ROLE_ACTUAL},     {"实际完成", ROLE_ACTUAL},
    {"分值", ROLE_WEIGHT},           {"权重", ROLE_WEIGHT},
    {"指标分值", ROLE_WEIGHT},       {"得分", ROLE_SCORE},
    {"偏差原因分析及改进措施", ROLE_NOTE}, {"偏差原因分析", ROLE_NOTE},
    {"偏差原因", ROLE_NOTE},         {"未完成原因分析", ROLE_NOTE},
    {"备注", ROLE_NOTE},             {"预算数", ROLE_BUDGET},
    {"年度预算数", ROLE_BUDGET},     {"预算金额", ROLE_BUDGET},
    {"财政资金", ROLE_FISCAL},       {"其中：财政资金", ROLE_FISCAL},
    {"其中:财政资金", ROLE_FISCAL},  {"其他资金", ROLE_OTHER},
    {"资金用途", ROLE_PURPOSE},      {"绩效目标", ROLE_GOAL},
    {"年度绩效目标", ROLE_GOAL},
};

static const char *const role_names[] = {
#define X(name, zh) zh,
    IMP_ROLES(X)
#undef X
};

const char *imp_role_name(ImpRole r) { return role_names[r]; }

char *imp_strip_note(char *k) {
  size_t n = strlen(k);
  const char *close = n >= 3 && !strcmp(k + n - 3, "）") ? "（" : n && k[n - 1] == ')' ? "(" : NULL;
  if (!close) return k;
  char *open = strstr(k, close);
  if (open && open > k) *open = '\0';
  return k;
}

ImpRole imp_role_of(Arena *a, const char *cell) {
  char *k = imp_strip_note(imp_nospace(a, cell));
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (!strcmp(k, aliases[i].name)) return aliases[i].role;
  return ROLE_NONE;
}

/* Fill cols from row; returns how many of 一级/二级/三级指标 it names. */
static int roles(ImpCtx *c, const ImpRow *row, ImpCols *cols, int warn) {
  int nl = 0;
  for (int r = 0; r < ROLE__COUNT; r++) cols->col[r] = -1;
  cols->line = row->line;
  cols->ncols = 0;
  if (row->text) return 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    if (!imp_blank(row->cells[i])) cols->ncols = i + 1;
    ImpRole r = imp_role_of(c->a, row->cells[i]);
    if (r == ROLE_NONE) continue;
    /* 预算数（元）: the unit of the amounts in the column */
    if (warn && (r == ROLE_BUDGET || r == ROLE_FISCAL || r == ROLE_OTHER))
      imp_note_currency(c, row->cells[i], row->line);
    if (cols->col[r] >= 0) {
      if (warn)
        imp_warn(c, row->line, "column %u ('%s') repeats the %s column; it is not read", i + 1,
                 row->cells[i], imp_role_name(r));
      continue;
    }
    cols->col[r] = (int)i;
    nl += r == ROLE_L1 || r == ROLE_L2 || r == ROLE_L3;
  }
  return nl;
}

static const char expected[] = "一级指标, 二级指标, 三级指标, 绩效指标描述, 指标值";

/* Header cells indc does not read, other than labels and row numbers. */
static void unread_columns(ImpCtx *c, const ImpRow *row, const ImpCols *cols) {
  static const char *const quiet[] = {"绩效指标", "序号", "编号", "执行率", "指标类型",
                                      "年度绩效指标", "部门整体绩效指标"};
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *k = imp_nospace(c->a, row->cells[i]);
    /* a role's name that repeats a column is reported by roles() */
    int known = !*k || imp_role_of(c->a, row->cells[i]) != ROLE_NONE;
    for (int r = 0; r < ROLE__COUNT && !known; r++) known = cols->col[r] == (int)i;
    for (size_t j = 0; j < sizeof quiet / sizeof quiet[0] && !known; j++)
      known = !strcmp(k, quiet[j]);
    if (!known)
      imp_warn(c, row->line, "column %u ('%s') is not one indc reads; its cells are ignored",
               i + 1, row->cells[i]);
  }
}

int imp_header(ImpCtx *c, const ImpRow *row, ImpCols *cols) {
  ImpCols tmp;
  if (roles(c, row, &tmp, 0) < 2) return 0;
  roles(c, row, cols, 1);
  unread_columns(c, row, cols);
  static const ImpRole need[] = {ROLE_L2, ROLE_L3, ROLE_VALUE};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    if (cols->col[need[i]] >= 0) continue;
    imp_error(c, row->line, "table header has no %s column; expected the columns %s",
              imp_role_name(need[i]), expected);
    return -1;
  }
  return 1;
}

/* Cells of a row that groups the header's columns: the row number and
 * the name of the merged cell over 一级/二级/三级指标. */
static const char *const group_words[] = {"绩效指标", "年度绩效指标", "部门整体绩效指标", "指标"};
static const char *const number_words[] = {"序号", "编号"};

static int in_list(const char *k, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(k, list[i])) return 1;
  return 0;
}

int imp_group_row(ImpCtx *c, const ImpRow *row) {
  int group = 0;
  if (row->text) return 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *k = imp_strip_note(imp_nospace(c->a, row->cells[i]));
    ImpRole r = *k ? imp_role_of(c->a, k) : ROLE_NONE;
    if (!*k || in_list(k, number_words, sizeof number_words / sizeof number_words[0])) continue;
    if (in_list(k, group_words, sizeof group_words / sizeof group_words[0])) group = 1;
    else if (r == ROLE_NONE || r == ROLE_L1 || r == ROLE_L2 || r == ROLE_L3 || r == ROLE_PROJECT)
      return 0;
  }
  return group;
}

const ImpRow *imp_with_group(ImpCtx *c, const ImpRow *group, const ImpRow *hdr, ImpRow *out) {
  unsigned n = group->ncells > hdr->ncells ? group->ncells : hdr->ncells;
  int any = 0;
  *out = *hdr;
  out->ncells = n;
  out->cells = arena_alloc(c->a, (n ? n : 1) * sizeof *out->cells);
  for (unsigned i = 0; i < n; i++) {
    char *h = i < hdr->ncells ? hdr->cells[i] : arena_strdup(c->a, "");
    char *g = i < group->ncells ? group->cells[i] : h;
    int lend = imp_blank(h) && !imp_blank(g) && imp_role_of(c->a, g) != ROLE_NONE;
    out->cells[i] = lend ? g : h;
    any |= lend;
  }
  return any ? out : hdr;
}

/* The words of a header's second row: the year's value and the mid-term's
 * (中期 is a plan of several years; the spec's target is the year's). */
static const char *const year_words[] = {"年度", "年度值", "当年", "本年度"};
static const char *const mid_words[] = {"中期", "中期指标值", "中期目标值", "中期目标",
                                        "长期", "实施期"};

static int one_of(const char *k, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(k, list[i])) return 1;
  return 0;
}
#define ONE_OF(k, list) one_of((k), (list), sizeof(list) / sizeof((list)[0]))

/* Is every non-empty cell a header word, and one at least a year or
 * mid-term word?  Such a row holds no indicator: no row of one does. */
static int sub_header_row(ImpCtx *c, const ImpRow *row) {
  int any = 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *k = imp_strip_note(imp_nospace(c->a, row->cells[i]));
    if (!*k) continue;
    if (ONE_OF(k, year_words) || ONE_OF(k, mid_words)) any = 1;
    else if (imp_role_of(c->a, k) == ROLE_NONE) return 0;
  }
  return any;
}

int imp_sub_header(ImpCtx *c, const ImpRow *row) {
  if (!c->sub_header || row->text) return 0;
  c->sub_header = 0;
  if (!sub_header_row(c, row)) return 0;
  for (unsigned i = 0; i < row->ncells && i < IMP_MAX_COLUMNS; i++) {
    const char *k = imp_strip_note(imp_nospace(c->a, row->cells[i]));
    ImpRole r = ONE_OF(k, year_words) ? ROLE_VALUE : imp_role_of(c->a, k);
    if (ONE_OF(k, mid_words)) {
      if (c->cols.col[ROLE_VALUE] == (int)i) c->cols.col[ROLE_VALUE] = -1;
      imp_warn(c, row->line, "column %u ('%s') is not one indc reads; its cells are ignored",
               i + 1, row->cells[i]);
    } else if (r != ROLE_NONE) {
      for (int o = 0; o < ROLE__COUNT; o++)
        if (c->cols.col[o] == (int)i) c->cols.col[o] = -1;
      c->cols.col[r] = (int)i;
      if (i + 1 > c->cols.ncols) c->cols.ncols = i + 1;
    }
  }
  if (c->cols.col[ROLE_VALUE] < 0)
    imp_error(c, row->line, "table header has no %s column; expected the columns %s",
              imp_role_name(ROLE_VALUE), expected);
  return 1;
}

/* ---- the detector ------------------------------------------------------------ */

static size_t count_char(const char *s, size_t n, char ch) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += s[i] == ch;
  return k;
}

/* A CSV cell "…" without its quotes, "" read as one quote. */
static char *unquote(ImpCtx *c, char *cell) {
  size_t n = strlen(cell);
  if (n < 2 || cell[0] != '"' || cell[n - 1] != '"') return cell;
  char *out = arena_alloc(c->a, n), *o = out;
  for (size_t i = 1; i + 1 < n; i++) {
    *o++ = cell[i];
    if (cell[i] == '"' && cell[i + 1] == '"') i++;
  }
  *o = '\0';
  return out;
}

/* The line as a row split by sep, quietly; 0 when it cannot be one.  A
 * CSV row's quoted cells are read without their quotes. */
static int try_row(ImpCtx *c, const char *s, size_t n, char sep, unsigned line, ImpRow *row) {
  if (!memchr(s, sep, n) || n > IMP_MAX_CELL_BYTES ||
      count_char(s, imp_trailing_cells(s, n, sep), sep) >= IMP_MAX_COLUMNS)
    return 0;
  row->line = line;
  int keep = c->pipe_borders;
  c->pipe_borders = 1;
  int k = imp_split_line(c, s, n, sep, row);
  c->pipe_borders = keep;
  for (unsigned i = 0; k > 0 && sep == ',' && i < row->ncells; i++)
    row->cells[i] = unquote(c, row->cells[i]);
  return k > 0;
}

/* The end of the CSV record that starts at text[i] and whose first line
 * ends at e: a quoted cell may hold line breaks ("二级\n指标"); at most
 * 16 lines are taken. */
static size_t csv_record_end(const char *text, size_t len, size_t i, size_t e) {
  for (int lines = 1; lines < 16 && count_char(text + i, e - i, '"') % 2 && e < len; lines++) {
    e++;
    while (e < len && text[e] != '\n' && text[e] != '\r') e++;
  }
  return e;
}

static const char seps[] = {'\t', '|', ','};
static const ImpLayout sep_layout[] = {IMP_LAYOUT_TAB, IMP_LAYOUT_PIPE, IMP_LAYOUT_CSV};

/* Does the line start and end with a | (spaces aside)? */
static int bordered(const char *s, size_t n) {
  while (n > 0 && (*s == ' ' || *s == '\t')) s++, n--;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

/* Does a cell of the row name a category (an indicator row, probably)? */
static int names_category(ImpCtx *c, const ImpRow *row) {
  for (unsigned i = 0; i < row->ncells; i++)
    if (imp_category(c->a, row->cells[i]) >= 0) return 1;
  return 0;
}

/* The layout of the first header row; -1 none. *first gets the first row
 * that looks like an indicator row (for the error), *near a row naming
 * one column. */
static int find_header(ImpCtx *c, const char *text, size_t len, ImpLayout *layout,
                       unsigned *first, ImpRow *near) {
  unsigned line = 1;
  *first = 0;
  near->line = 0;
  for (size_t i = 0; i < len; line++) {
    size_t e = i;
    while (e < len && text[e] != '\n' && text[e] != '\r') e++;
    for (size_t k = 0; k < sizeof seps; k++) {
      ImpRow row = {0};
      size_t end = seps[k] == ',' ? csv_record_end(text, len, i, e) : e;
      if (!try_row(c, text + i, end - i, seps[k], line, &row)) continue;
      if (!*first && seps[k] != ',' && names_category(c, &row)) *first = line;
      ImpCols cols;
      int nl = roles(c, &row, &cols, 0);
      if (nl >= 2) {
        *layout = sep_layout[k];
        c->pipe_borders = seps[k] == '|' && bordered(text + i, e - i);
        return 0;
      }
      if (nl == 1 && !near->line) *near = row;
    }
    if (e < len && text[e] == '\r' && e + 1 < len && text[e + 1] == '\n') e++;
    i = e + 1;
  }
  return -1;
}

/* A CSV without header: the first row with at least 6 fields has a
 * level-1 category in its second field. */
static int headerless_csv(ImpCtx *c, const char *text, size_t len) {
  size_t e = 0;
  while (e < len && text[e] != '\n' && text[e] != '\r') e++;
  ImpRow row = {0};
  if (!try_row(c, text, e, ',', 1, &row) || row.ncells < 6) return 0;
  int l1 = imp_category(c->a, row.cells[1]);
  return l1 == CAT_OUTPUT || l1 == CAT_BENEFIT || l1 == CAT_SATISFACTION || l1 == CAT_COST;
}

int imp_detect(ImpCtx *c, const char *text, size_t len, ImpLayout *layout) {
  unsigned first;
  ImpRow near;
  if (find_header(c, text, len, layout, &first, &near) == 0 && c->opt->layout == IMP_LAYOUT_AUTO)
    return 0;
  if (c->opt->layout != IMP_LAYOUT_AUTO) {
    *layout = c->opt->layout;
    return 0;
  }
  if (headerless_csv(c, text, len)) {
    *layout = IMP_LAYOUT_CSV;
    c->headerless = 1;
    return 0;
  }
  if (near.line) {
    imp_error(c, near.line,
              "this looks like a table header but names only one indicator level; "
              "expected the columns %s",
              expected);
  } else if (first) {
    imp_error(c, first,
              "indicator row without a table header: expected a header row naming the "
              "columns %s before it",
              expected);
  } else {
    imp_error(c, 1,
              "no indicator table found: expected a header row naming the columns %s, "
              "with cells separated by tabs, '|' or commas",
              expected);
  }
  return -1;
}
