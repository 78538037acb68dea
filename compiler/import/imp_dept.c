/*
 * imp_dept.c - the 部门整体支出绩效目标表 and the form rows around a table
 * ([IMPORT-DEPT] and [IMPORT-TABLE] in docs/import.md).
 *
 * Every budget unit files, besides its project tables, one table a year
 * for its whole budget: 部门（单位）名称 where a project table has 项目名称,
 * the budget as 年度预算 总额 | 财政拨款 | 其他资金 (the amounts in the row
 * below) or as label and amount pairs, 部门职责, the 年度主要任务 table
 * (任务名称 | 主要内容 | 预算金额, closed by 金额合计), 年度总体目标, and the
 * indicator tree of a project.  The language has projects only, so the
 * table is read as one project, "<部门>部门整体支出", with a warning; its
 * 年度主要任务 are the 资金用途 (what the money is spent on), its 年度总体
 * 目标 the 绩效目标, and 部门职责 a comment (a spec has no item for it).
 *
 * The 部门名称 row does not start the project at once: a 项目名称 row may
 * follow it (a project table under a line that names its unit), and then
 * the name is the unit's (预算单位), not a department table's.  The first
 * row that is the department's own (its budget, a text, the table header)
 * starts it.
 *
 * Form rows (填报单位：…, 填报人：…, 联系电话：…) above a table are read
 * past; 填报单位 names the unit when nothing else does.
 */
#include <string.h>

#include "support/i18n.h"
#include "imp_internal.h"

static int one_of(const char *k, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(k, names[i])) return 1;
  return 0;
}
#define ONE_OF(k, list) one_of((k), (list), sizeof(list) / sizeof((list)[0]))

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && !strcmp(s + n - k, tail);
}

/* ---- form rows ------------------------------------------------------------- */

/* Labels of the lines a form has around its table (who filled it in). */
static const char *const form_labels[] = {
    "填报单位", "编制单位", "填报部门", "申报单位", "填报人", "填表人", "联系人",
    "联系电话", "电话", "手机", "填报日期", "填表日期", "日期", "审核人", "单位负责人",
    "部门负责人", "财务负责人", "经办人"};
/* Those that name the unit. */
static const char *const filler_labels[] = {"填报单位", "编制单位", "填报部门", "申报单位"};

/* `单位：万元`, `（单位：元）`: read by the caller before a table, passed
 * over here (a form row may end with it). */
static int unit_cell(ImpCtx *c, const char *cell) {
  const char *k = imp_nospace(c->a, cell);
  if (!strncmp(k, "（", 3) || *k == '(') k += *k == '(' ? 1 : 3;
  if (!strncmp(k, "金额", 6)) k += 6;
  return !strncmp(k, "单位：", 9) || !strncmp(k, "单位:", 7);
}

/* The unit named by 填报单位 (label) is 预算单位's name when nothing else
 * gave one: no code (the code is written empty, with a comment). */
static void filler(ImpCtx *c, ImpProject *p, const char *label, const char *value) {
  const char *name = imp_clean(c->a, value);
  if (!*name || !ONE_OF(label, filler_labels)) return;
  const char *note = arena_printf(c->a, "预算单位名称取自原表“%s”，原表未写单位编码", label);
  if (!c->agency_name) {
    c->agency_code = "";
    c->agency_name = name;
    c->agency_note = note;
  }
  if (p && !p->agency_name) {
    p->agency_code = "";
    p->agency_name = name;
    p->agency_note = note;
  }
}

unsigned imp_form_cell(ImpCtx *c, ImpProject *p, const ImpRow *row, unsigned i, int read) {
  const char *cell = row->cells[i], *colon = strstr(cell, "：");
  size_t skip = 3;
  const char *ascii = strchr(cell, ':');
  if (ascii && (!colon || ascii < colon)) colon = ascii, skip = 1;
  const char *label = imp_strip_note(imp_nospace(
      c->a, colon ? arena_strndup(c->a, cell, (size_t)(colon - cell)) : cell));
  if (!ONE_OF(label, form_labels)) return 0;
  /* `填报人：张三` holds its value; `填报人 | 张三` has it in the next cell */
  const char *value = colon ? colon + skip : i + 1 < row->ncells ? row->cells[i + 1] : "";
  if (read) filler(c, p, label, value);
  return colon || i + 1 >= row->ncells ? 1 : 2;
}

int imp_form_row(ImpCtx *c, ImpProject *p, const ImpRow *row, int read) {
  int any = 0;
  for (unsigned i = 0, n; i < row->ncells; i++) {
    if (imp_blank(row->cells[i]) || unit_cell(c, row->cells[i])) continue;
    if (!(n = imp_form_cell(c, NULL, row, i, 0))) return 0;
    i += n - 1;
    any = 1;
  }
  for (unsigned i = 0, n; any && read && i < row->ncells; i++)
    if (!imp_blank(row->cells[i]) && (n = imp_form_cell(c, p, row, i, 1))) i += n - 1;
  return any;
}

/* ---- the department and its project ----------------------------------------- */

static const char *const name_labels[] = {"部门（单位）名称", "部门(单位)名称", "部门名称",
                                          "单位名称", "预算单位", "预算单位名称", "部门（单位）",
                                          "预算部门", "预算部门名称"};
static const char *const code_labels[] = {"单位编码", "部门编码", "预算单位编码", "单位代码",
                                          "部门代码", "部门（单位）编码", "编码", "代码"};

/* "某市民政局2024年度部门整体支出绩效目标表" -> "某市民政局": the title
 * without its year and the table's name; NULL when nothing is left. */
static const char *title_name(ImpCtx *c, const char *k) {
  while (*k == '#' || *k == '-' || *k == '*') k++;
  /* a numbered heading: 2.某局部门整体支出绩效目标表 */
  size_t nd = strspn(k, "0123456789");
  if (nd && nd <= 3 && k[nd] == '.') k += nd + 1;
  else if (nd && nd <= 3 && (!strncmp(k + nd, "．", 3) || !strncmp(k + nd, "、", 3))) k += nd + 3;
  static const char *const cuts[] = {"部门（单位）整体支出", "部门(单位)整体支出",
                                     "单位整体支出", "部门整体支出", "整体支出"};
  const char *end = NULL;
  for (size_t i = 0; i < sizeof cuts / sizeof cuts[0] && !end; i++) end = strstr(k, cuts[i]);
  if (!end) return NULL;
  /* the year before it: 2024年, 2024年度 */
  for (const char *s = k; s < end; s++)
    if (strspn(s, "0123456789") == 4 && !strncmp(s + 4, "年", 3)) {
      end = s;
      break;
    }
  return end > k ? arena_strndup(c->a, k, (size_t)(end - k)) : NULL;
}

void imp_dept_title(ImpCtx *c, const char *text, unsigned line) {
  const char *k = imp_halfwidth(c->a, imp_nospace(c->a, text));
  /* `…绩效目标申报表（2024年度）`: the table's name before its year */
  const char *end = imp_strip_note(arena_strdup(c->a, k));
  if (!strstr(k, "整体支出") || !(ends_with(end, "表") || ends_with(end, "绩效目标"))) return;
  c->dept_title = imp_clean(c->a, text + strspn(text, "# "));
  c->dept_title_name = title_name(c, k);
  c->dept_title_line = line;
  c->dept_pending = 1;
  c->have_cols = 0; /* a new table: the rows below are not the last one's */
  c->cur = NULL;
}

/* "561301 某市民政局": a six-digit code before the name; else the name. */
static void split_code(ImpCtx *c, const char *v, const char **code, const char **name) {
  *code = NULL;
  *name = imp_clean(c->a, v);
  const char *s = *name;
  if (strspn(s, "0123456789") == 6 && (s[6] == ' ' || (unsigned char)s[6] >= 0x80)) {
    *code = arena_strndup(c->a, s, 6);
    *name = imp_clean(c->a, s + 6);
  }
}

/* A code cell (单位编码 | 561301) in the row: the code, or NULL. */
static const char *code_cell(ImpCtx *c, const ImpRow *row) {
  for (unsigned i = 0; i < row->ncells; i++) {
    if (!ONE_OF(imp_label_of(c, row->cells[i]), code_labels)) continue;
    const char *v = imp_nospace(c->a, imp_after(row, (int)i));
    if (*v && strspn(v, "0123456789") == strlen(v)) return v;
  }
  return NULL;
}

int imp_dept_row(ImpCtx *c, const ImpRow *row) {
  int lab = imp_first_filled(row);
  ImpProject *p = c->cur;
  /* in a project's block these rows say who runs the project: not read */
  if (lab < 0 || (p && !p->has_header && !p->dept)) return 0;
  const char *label = imp_label_of(c, row->cells[lab]), *code = code_cell(c, row), *name = NULL;
  if (ONE_OF(label, name_labels)) {
    const char *v = imp_after(row, lab), *own;
    if (ONE_OF(imp_label_of(c, v), code_labels)) return 0; /* 单位名称 | 单位编码 |: labels */
    split_code(c, v, &own, &name);
    if (!*name) return 0;
    if (own) code = own;
  } else if (!ONE_OF(label, code_labels) || !code) {
    return 0;
  }
  if (p && p->dept && !p->has_header) { /* a second row of the department's own */
    if (code) p->agency_code = code, p->agency_note = NULL;
    if (name && (!p->agency_name || !*p->agency_name)) p->agency_name = name;
    return 1;
  }
  if (name) c->dept_name = name, c->dept_line = row->line;
  if (code) c->dept_code = code;
  if (!c->dept_line) c->dept_line = row->line;
  c->dept_pending = 1;
  c->have_cols = 0;
  c->cur = NULL;
  return 1;
}

/* The project name of the department who: 某市民政局部门整体支出. */
static const char *dept_project_name(ImpCtx *c, const char *who) {
  if (!who) return "部门整体支出";
  if (ends_with(who, "整体支出")) return who;
  return arena_printf(c->a, "%s部门整体支出", who);
}

/* 预算单位 of p (and of the document, when it has none yet): the
 * department's code and name; an empty code when the table gives none. */
static void dept_agency(ImpCtx *c, ImpProject *p, const char *who) {
  if (!who) return;
  int known = c->agency_code && *c->agency_code; /* a `561301 名称` line */
  if (c->dept_code || !known) {
    p->agency_code = c->dept_code ? c->dept_code : "";
    p->agency_name = who;
    p->agency_note = c->dept_code ? NULL : "原表未写预算单位编码";
  }
  if (!known) {
    c->agency_code = p->agency_code;
    c->agency_name = p->agency_name;
    c->agency_note = p->agency_note;
  }
}

static void start_dept(ImpCtx *c, unsigned line) {
  const char *who = c->dept_name ? c->dept_name : c->dept_title_name;
  unsigned at = c->dept_line ? c->dept_line : c->dept_title_line ? c->dept_title_line : line;
  const char *name = dept_project_name(c, who);
  imp_start_project(c, name, at);
  ImpProject *p = c->cur;
  p->dept = 1;
  if (!p->title) p->title = c->dept_title;
  dept_agency(c, p, who);
  imp_repair(c, p, NULL, at,
             arena_printf(c->a, "原表为部门整体支出绩效目标表（部门全部预算），按项目“%s”导入",
                          name),
             arena_printf(c->a, _("a 部门整体支出 table (the whole budget of a department, not "
                                  "a project's): imported as the project '%s'"),
                          name));
}

static void dept_done(ImpCtx *c) {
  c->dept_pending = 0;
  c->dept_name = c->dept_code = c->dept_title = c->dept_title_name = NULL;
  c->dept_line = c->dept_title_line = 0;
}

void imp_dept_start(ImpCtx *c, const ImpRow *row) {
  static const char *const year_words[] = {"年度", "预算年度"};
  int lab = imp_first_filled(row);
  if (!c->dept_pending || lab < 0) return;
  const char *label = imp_label_of(c, row->cells[lab]);
  if (!strcmp(label, "项目名称")) {
    /* a project table: the name was its unit's */
    if (c->dept_name && (!c->agency_code || !*c->agency_code || c->dept_code)) {
      c->agency_code = c->dept_code ? c->dept_code : "";
      c->agency_name = c->dept_name;
      c->agency_note = c->dept_code ? NULL : "原表未写预算单位编码";
    }
    dept_done(c);
    return;
  }
  if (imp_form_row(c, NULL, row, 0) || ONE_OF(label, year_words)) return;
  start_dept(c, row->line);
  dept_done(c);
}

/* ---- the department's block ------------------------------------------------- */

static const char *const total_cols[] = {"总额", "资金总额", "预算总额", "年度资金总额",
                                         "预算数", "年度预算数", "部门预算总额", "年度预算总额",
                                         "合计", "金额合计"};
static const char *const fiscal_cols[] = {"财政拨款", "财政资金", "其中：财政拨款",
                                          "其中:财政拨款", "其中财政拨款", "其中：财政资金",
                                          "其中:财政资金", "当年财政拨款"};
static const char *const other_cols[] = {"其他资金", "其中：其他资金", "其中:其他资金"};
static const char *const sum_words[] = {"合计", "金额合计", "总计", "预算金额合计", "资金合计"};

/* Which amount a column label names: 0 总额, 1 财政拨款, 2 其他资金; -1. */
static int amount_kind(ImpCtx *c, const char *cell) {
  const char *k = imp_label_of(c, cell);
  return ONE_OF(k, total_cols) ? 0 : ONE_OF(k, fiscal_cols) ? 1 : ONE_OF(k, other_cols) ? 2 : -1;
}

/* 年度预算 | 总额 | 财政拨款 | 其他资金: labels of two amounts at least and
 * no digit in the row; their columns are where the rows below have them. */
static int amount_columns(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  int col[3] = {-1, -1, -1}, n = 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    if (imp_blank(row->cells[i])) continue;
    /* an amount, also one out of range: a budget row (budget_row reports it) */
    if (strpbrk(imp_halfwidth(c->a, row->cells[i]), "0123456789")) return 0;
    int k = amount_kind(c, row->cells[i]);
    if (k >= 0 && col[k] < 0) col[k] = (int)i, n++;
  }
  if (n < 2) return 0;
  memcpy(p->amt_col, col, sizeof col);
  return 1;
}

/* The amounts of row in the columns named above it. */
static void column_amounts(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  static const char *const what[] = {"预算数", "财政资金", "其他资金"};
  const char **slot[] = {&p->budget, &p->fiscal, &p->other};
  for (int k = 0; k < 3; k++)
    if (p->amt_col[k] >= 0)
      imp_amount(c, p, row->line, what[k], imp_cell(row, p->amt_col[k]), slot[k]);
  if (p->budget && !p->budget_line) p->budget_line = row->line;
}

/* The row of amounts under the labels (`| 3,560.00 | 3,400.00 | 160.00`):
 * cells in the labelled columns only, one an amount at least; a cell that
 * is no amount is then an error (imp_amount). */
static int amount_values(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  int any = 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    if (imp_blank(row->cells[i])) continue;
    int at = (int)i == p->amt_col[0] || (int)i == p->amt_col[1] || (int)i == p->amt_col[2];
    if (!at) return 0;
    any |= imp_money(c, row->cells[i]) != NULL;
  }
  if (!any) return 0;
  column_amounts(c, p, row);
  if (p->task_col < 0) p->amt_col[0] = p->amt_col[1] = p->amt_col[2] = -1;
  return 1;
}

/* 年度主要任务 | 任务名称 | 主要内容 | 预算金额: the header of the task table. */
static int task_header(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  static const char *const names[] = {"任务名称", "主要任务", "工作任务", "任务"};
  static const char *const texts[] = {"主要内容", "任务内容", "主要工作内容", "工作内容",
                                      "具体内容"};
  static const char *const money[] = {"预算金额", "预算数", "金额", "预算资金", "资金"};
  int t = -1, x = -1, m = -1;
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *k = imp_label_of(c, row->cells[i]);
    if (t < 0 && ONE_OF(k, names)) t = (int)i;
    else if (x < 0 && ONE_OF(k, texts)) x = (int)i;
    else if (m < 0 && ONE_OF(k, money)) m = (int)i;
  }
  /* `主要任务 | 开展…` is a label and its text, not a table's header */
  if (t < 0 || (t == imp_first_filled(row) && x < 0)) return 0;
  p->task_col = t;
  p->task_text_col = x;
  if (m >= 0) p->amt_col[0] = m;
  return 1;
}

/* A row of the task table: a task (its name and content go to 资金用途),
 * or the 金额合计 row, whose amounts are the budget.  A row whose first
 * cell is filled (the next label) ends the table. */
static int task_row(ImpCtx *c, ImpProject *p, const ImpRow *row, int lab) {
  if (lab == 0) {
    p->task_col = -1;
    return 0;
  }
  const char *name = imp_clean(c->a, imp_cell(row, p->task_col));
  if (ONE_OF(imp_nospace(c->a, name), sum_words) ||
      ONE_OF(imp_label_of(c, row->cells[lab]), sum_words)) {
    column_amounts(c, p, row);
    return 1;
  }
  if (!*name) return 0;
  const char *text = p->task_text_col >= 0 ? imp_clean(c->a, imp_cell(row, p->task_text_col)) : "";
  const char *task = *text ? arena_printf(c->a, "%s：%s", name, text) : name;
  if (p->purpose && !p->purpose_tasks) return 1; /* a 资金用途 of its own was given */
  p->purpose = p->purpose ? arena_printf(c->a, "%s；%s", p->purpose, task) : task;
  p->purpose_tasks = 1;
  return 1;
}

/* 部门职责 | text: a spec has no item for it, so it is kept as a comment. */
static int duties(ImpCtx *c, ImpProject *p, const ImpRow *row, int lab) {
  static const char *const words[] = {"部门职责", "部门职能", "部门职能职责", "职能职责",
                                      "部门职责概述", "部门职能职责概述", "部门（单位）职责",
                                      "单位职责", "主要职能", "部门（单位）职能", "职责"};
  const char *label = imp_label_of(c, row->cells[lab]);
  if (!ONE_OF(label, words)) return 0;
  const char *text = imp_clean(c->a, imp_after(row, lab));
  if (!*text) return 1;
  imp_repair(c, p, NULL, row->line,
             arena_printf(c->a, "原表%s（规格无此项，照录）：%s", label, text),
             arena_printf(c->a, _("%s is kept as a comment above 预算数: a spec has no item "
                                  "for it"),
                          label));
  return 1;
}

/* 年度主要任务 | text (no task table): the 资金用途. */
static int tasks_text(ImpCtx *c, ImpProject *p, const ImpRow *row, int lab) {
  static const char *const words[] = {"年度主要任务", "主要任务", "年度重点任务", "年度工作任务",
                                      "年度重点工作"};
  if (!ONE_OF(imp_label_of(c, row->cells[lab]), words)) return 0;
  const char *text = imp_clean(c->a, imp_after(row, lab));
  if (*text && !p->purpose) p->purpose = text;
  return 1;
}

int imp_dept_block(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  int lab = imp_first_filled(row);
  if (lab < 0) return 0;
  if (amount_columns(c, p, row)) return 1;
  if (p->task_col >= 0 && task_row(c, p, row, lab)) return 1;
  if ((p->amt_col[0] >= 0 || p->amt_col[1] >= 0) && amount_values(c, p, row)) return 1;
  /* the rest only a department has: in a project's block such rows stay
   * reported as not understood */
  if (!p->dept) return 0;
  return task_header(c, p, row) || duties(c, p, row, lab) || tasks_text(c, p, row, lab);
}
