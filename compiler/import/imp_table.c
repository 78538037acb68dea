/*
 * imp_table.c - rows to projects ([IMPORT-TABLE] in docs/import.md).
 *
 * A document is read top to bottom:
 *   - text rows give the table of contents, the headings ("1.…绩效目标表"),
 *     the budget unit ("561301 中国…"), the year ("(2023 年)") and the
 *     money unit ("单位：万元");
 *   - a 项目名称 row starts a project, or a 项目名称 column names the
 *     project of each row (CSV);
 *   - before the project's table header come its budget block (three
 *     layouts, see block_row), 资金用途 and 绩效目标;
 *   - a header row maps columns to roles (imp_layout.c); when it repeats
 *     inside a project it marks a page break;
 *   - every other row is an indicator row, placed by imp_place.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../../runtime/dec.h"
#include "../../runtime/text/namekey.h"
#include "support/i18n.h"
#include "imp_internal.h"

/* ---- projects and indicators ------------------------------------------------ */

static ImpProject *new_project(ImpCtx *c, const char *name, unsigned line) {
  ImpProject *p = arena_alloc(c->a, sizeof *p);
  p->line = line;
  p->name = name;
  char *k = name_key(name, strlen(name));
  p->key = arena_strdup(c->a, k ? k : name);
  free(k);
  p->agency_code = c->agency_code;
  p->agency_name = c->agency_name;
  p->agency_note = c->agency_note;
  p->l2_always = 1;
  p->bud_col = p->spent_col = p->goal_col = p->mid_col = -1;
  p->amt_col[0] = p->amt_col[1] = p->amt_col[2] = p->task_col = p->task_text_col = -1;
  p->last_l1 = p->last_l2 = -1;
  if (c->heading) {
    p->title = c->heading;
    for (size_t i = 0; i < c->ntoc; i++)
      if (c->toc[i].num == c->heading_num && !c->toc[i].used) {
        p->title = c->toc[i].text;
        c->toc[i].used = 1;
        break;
      }
    c->heading = NULL;
  }
  ARENA_PUSH(c->a, c->projects, c->nprojects, c->capprojects, p);
  return p;
}

static ImpProject *find_project(ImpCtx *c, const char *name) {
  char *k = name_key(name, strlen(name));
  ImpProject *res = NULL;
  for (size_t i = 0; i < c->nprojects && k; i++)
    if (!strcmp(c->projects[i]->key, k)) res = c->projects[i];
  free(k);
  return res;
}

ImpInd *imp_new_ind(ImpCtx *c, ImpProject *p, unsigned line) {
  ImpInd *ind = arena_alloc(c->a, sizeof *ind);
  ind->line = line;
  for (int r = 0; r < ROLE__COUNT; r++) ind->raw[r] = "";
  ARENA_PUSH(c->a, p->inds, p->ninds, p->capinds, ind);
  return ind;
}

/* ---- text rows ---------------------------------------------------------------- */

/* "- 2.“青春+”品牌活动绩效目标表" -> num 2; *rest points after the bullet. */
static int numbered(const char *t, const char **rest, int *bullet) {
  const char *s = t;
  *bullet = 0;
  while (*s == '-' || *s == '*' || *s == ' ' || !strncmp(s, "•", 3) || !strncmp(s, "·", 2)) {
    *bullet |= *s != ' ';
    s += (unsigned char)*s >= 0x80 ? ((unsigned char)*s >= 0xE0 ? 3 : 2) : 1;
  }
  *rest = s;
  int n = 0, nd = 0;
  while (*s >= '0' && *s <= '9' && nd < 4) n = n * 10 + (*s++ - '0'), nd++;
  if (!nd) return -1;
  while (*s == ' ') s++;
  if (*s == '.') return n;
  if (!strncmp(s, "．", 3) || !strncmp(s, "、", 3)) return n;
  return -1;
}

/* Whether s[0..n) ends with suffix. */
static int ends_with_n(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && !strncmp(s + n - k, suffix, k);
}

static int ends_with(const char *s, const char *suffix) {
  return ends_with_n(s, strlen(s), suffix);
}

/* Where the bracketed note that ends k begins (the last （ or ( of a k
 * ending in ） or )), or NULL. */
static const char *last_bracket(const char *k) {
  size_t n = strlen(k);
  const char *open = NULL;
  if (n >= 3 && !strcmp(k + n - 3, "）")) {
    for (const char *q = strstr(k, "（"); q; q = strstr(q + 3, "（")) open = q;
  } else if (n && k[n - 1] == ')') {
    open = strrchr(k, '(');
  }
  return open;
}

/* The length of k without a bracketed money note at its end, as titles
 * carry it: "…绩效目标表（单位：万元）", "…表(金额单位:元)".  The note
 * itself is read where every 单位 line is ([IMPORT-CURRENCY]). */
static size_t without_unit_note(const char *k) {
  const char *open = last_bracket(k);
  if (!open || open == k || !strstr(open, "单位")) return strlen(k);
  return (size_t)(open - k);
}

/* A title of a table: "…绩效目标表", "…绩效目标申报表", "…绩效自评表",
 * also with a money note after it ("…表（单位：万元）"). */
static int title_end(const char *k) {
  size_t n = without_unit_note(k);
  return ends_with_n(k, n, "绩效目标表") || ends_with_n(k, n, "申报表") ||
         ends_with_n(k, n, "自评表");
}

static int is_title(ImpCtx *c, const char *rest) {
  const char *k = imp_nospace(c->a, rest);
  return title_end(k) || ends_with(k, "绩效目标");
}

static int heading_line(ImpCtx *c, const char *t, unsigned line, int *in_toc) {
  const char *rest;
  int bullet, num = numbered(t, &rest, &bullet);
  if (num < 0 || !is_title(c, rest)) return 0;
  const char *text = imp_clean(c->a, rest);
  if (bullet || *in_toc) {
    for (size_t i = 0; i < c->ntoc; i++)
      if (c->toc[i].num == num) goto heading;
    ImpToc e = {line, num, text, 0};
    ARENA_PUSH(c->a, c->toc, c->ntoc, c->captoc, e);
    if (bullet) return 1;
  }
heading:
  c->heading = text;
  c->heading_num = num;
  c->heading_line = line;
  return 1;
}

/* "561301 中国共产主义青年团天津市委员会": a six-digit budget-unit code. */
static int agency_line(ImpCtx *c, const char *t) {
  const char *s = t;
  if (!strncmp(s, "预算单位", strlen("预算单位"))) {
    s += strlen("预算单位");
    if (!strncmp(s, "：", 3)) s += 3;
    else if (*s == ':') s++;
    while (*s == ' ') s++;
  }
  for (int i = 0; i < 6; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  if (s[6] != ' ' && s[6] != '\t' && (unsigned char)s[6] < 0x80) return 0;
  const char *name = imp_clean(c->a, s + 6);
  if (!*name) return 0;
  c->agency_code = arena_strndup(c->a, s, 6);
  c->agency_name = name;
  c->agency_note = NULL;
  return 1;
}

/* k (no spaces) without one pair of brackets around it: （单位：元）. */
static const char *unbracket(ImpCtx *c, const char *k) {
  size_t n = strlen(k);
  if (n >= 6 && !strncmp(k, "（", 3) && !strcmp(k + n - 3, "）"))
    return arena_strndup(c->a, k + 3, n - 6);
  if (n >= 2 && k[0] == '(' && k[n - 1] == ')') return arena_strndup(c->a, k + 1, n - 2);
  return k;
}

/* The 金额单位 of the document is u (named at line). */
static void set_currency(ImpCtx *c, const char *u, unsigned line) {
  if (!c->currency) {
    c->currency = arena_strdup(c->a, u);
    c->currency_line = line;
  } else if (strcmp(c->currency, u) && !c->currency_conflict) {
    c->currency_conflict = line;
    c->currency_other = arena_strdup(c->a, u);
  }
}

/* u (人民币元, 万元 …) as a money unit: 1 and set, or 0; an unknown
 * currency (美元, 港币) is an error at line, and 1. */
static int money_unit(ImpCtx *c, const char *u, unsigned line) {
  if (!strncmp(u, "人民币", strlen("人民币"))) u += strlen("人民币");
  const Unit *m = prog_unit(&c->pre, u), *yuan = prog_unit(&c->pre, "元");
  if (m && yuan && m->dim == yuan->dim) {
    set_currency(c, u, line);
    return 1;
  }
  size_t n = strlen(u);
  int foreign = n >= 6 && n <= 12 && !strpbrk(u, "0123456789") &&
                (!strcmp(u + n - 3, "元") || !strcmp(u + n - 6, "港币") || !strcmp(u + n - 6, "美金"));
  if (foreign && !c->currency_conflict) {
    imp_error(c, line, "金额单位 '%s' is no currency indc reads: amounts are in 元, 万元 or 亿元; "
                       "convert the table's amounts to one of them",
              u);
    c->currency_conflict = line; /* nothing is written: imp_run */
    c->currency_other = NULL;
  }
  return foreign;
}

/* The length of the label 单位： or 金额单位： (ASCII colon too) k starts
 * with, or 0. */
static size_t unit_label(const char *k) {
  static const char *const pre[] = {"金额单位：", "金额单位:", "单位：", "单位:"};
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
    if (!strncmp(k, pre[i], strlen(pre[i]))) return strlen(pre[i]);
  return 0;
}

int imp_note_currency(ImpCtx *c, const char *cell, unsigned line) {
  const char *k = imp_nospace(c->a, cell);
  const char *open = last_bracket(k); /* 项目资金（中央）（万元）: the last */
  if (!open) return 0;
  const char *in = unbracket(c, open);
  size_t skip = unit_label(in);
  int labelled = skip > 0;
  in += skip;
  /* only the note of an amount's label (预算数（元）, 项目资金（万元）) or a
   * 单位： note names the unit: 用于宣传（约5万元） is a text */
  static const char *const amounts[] = {"资金", "预算数", "预算", "金额", "总额", "拨款", "执行数"};
  const char *label = arena_strndup(c->a, k, (size_t)(open - k));
  for (size_t i = 0; !labelled && i < sizeof amounts / sizeof amounts[0]; i++)
    labelled = ends_with(label, amounts[i]);
  return labelled && money_unit(c, in, line);
}

/* "单位：万元", "（单位：元）", "金额单位：人民币万元" (k has no spaces). */
static int currency_line(ImpCtx *c, const char *k, unsigned line) {
  k = unbracket(c, k);
  size_t n = unit_label(k);
  return n && money_unit(c, k + n, line);
}

/* "YYYY年" or "YYYY年度" at s, closed by ")" or "）" when `closed`: its
 * length, or 0. */
static size_t year_at(const char *s, int closed) {
  for (int i = 0; i < 4; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  const char *e = s + 4;
  if (strncmp(e, "年", 3)) return 0;
  e += 3;
  if (!strncmp(e, "度", 3)) e += 3;
  if (*e == ')') e++;
  else if (!strncmp(e, "）", 3)) e += 3;
  else if (closed) return 0;
  return (size_t)(e - s);
}

/* A year the document names at line: the first one is 年度, a different
 * one later is a conflict (imp_run reports it unless --year decides). */
static void set_year(ImpCtx *c, const char *y, unsigned line) {
  if (!c->year) {
    c->year = arena_strndup(c->a, y, 4);
    c->year_line = line;
  } else if (strncmp(c->year, y, 4) && !c->year_conflict) {
    c->year_conflict = line;
    c->year_other = arena_strndup(c->a, y, 4);
  }
}

/* "2023—2025年", "2023-2025年度", "2023至2025年": a span of years in k
 * (a mid-term plan's title); where it starts, or NULL. */
static const char *year_span(const char *k) {
  static const char *const seps[] = {"—", "–", "－", "-", "~", "～", "至", "到"};
  for (size_t i = 0; k[i]; i++) {
    if (strspn(k + i, "0123456789") != 4 || (i > 0 && k[i - 1] >= '0' && k[i - 1] <= '9'))
      continue;
    for (size_t j = 0; j < sizeof seps / sizeof seps[0]; j++) {
      size_t n = strlen(seps[j]);
      if (!strncmp(k + i + 4, seps[j], n) && year_at(k + i + 4 + n, 0)) return k + i;
    }
  }
  return NULL;
}

/* "2024年度项目支出绩效目标表", "某单位2024年项目支出绩效目标申报表": a
 * title that names its year; where the year starts, or NULL. */
static const char *title_year(const char *k) {
  if (!title_end(k) || year_span(k)) return NULL;
  for (size_t i = 0; k[i]; i++)
    if ((i == 0 || k[i - 1] < '0' || k[i - 1] > '9') && year_at(k + i, 0)) return k + i;
  return NULL;
}

/* "年度：2025年", "预算年度:2025": the label before a year, or 0. */
static size_t year_label(const char *k) {
  static const char *const pre[] = {"年度：", "年度:", "预算年度：", "预算年度:"};
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
    if (!strncmp(k, pre[i], strlen(pre[i]))) return strlen(pre[i]);
  return 0;
}

/* "2025", "2025年", "2025年度": a year and nothing else (k has no spaces). */
static int only_year(const char *k) {
  size_t len = year_at(k, 0);
  return (len && len == strlen(k)) || (strspn(k, "0123456789") == 4 && !k[4]);
}

/* The year a line names: "(2023 年)", "2023年度" or "年度：2023年", "（2023年）"
 * in a title line, or a title "2023年度…绩效目标表" (k has no spaces,
 * full-width digits as ASCII); NULL when none.  *whole is set when the line
 * is nothing but the year, or a title that names it. */
static const char *line_year(ImpCtx *c, unsigned line, const char *k, int *whole) {
  size_t lab = year_label(k);
  *whole = 1;
  if (lab && only_year(k + lab)) return k + lab;
  size_t n = strlen(k);
  for (size_t i = 0; i < n; i++) {
    int paren = k[i] == '(' ? 1 : !strncmp(k + i, "（", 3) ? 3 : 0;
    size_t len = i == 0 && !paren ? year_at(k, 0) : paren ? year_at(k + i + paren, 1) : 0;
    if (!len || (i == 0 && !paren && len != n)) continue;
    *whole = i == 0 && (paren ? (size_t)paren + len == n : len == n);
    return k + i + paren;
  }
  const char *y = title_year(k), *span;
  if (!y && title_end(k) && (span = year_span(k)))
    imp_warn(c, line,
             "the title names the years %s, not one budget year; give it with --year YEAR or a "
             "line such as （%.4s年度）",
             arena_strndup(c->a, span, (size_t)(strstr(span, "年") + 3 - span)), span);
  *whole = y != NULL;
  return y;
}

/* The budget year a line names (line_year).  Before the first project any
 * mention counts (a title "…（2023年度）"); after it only a line that is
 * the year or a title naming it: the year line or title of a later table
 * (`年度：2025年` under 项目名称, `2025年度项目支出绩效目标表` above the next
 * table) — one that names another year is a conflict (imp_run), as that
 * table's specs would get the wrong year.  1 when the line is read. */
static int year_line(ImpCtx *c, unsigned line, const char *k0) {
  int whole;
  const char *k = imp_halfwidth(c->a, k0), *y = line_year(c, line, k, &whole);
  if (y && (whole || !c->nprojects)) set_year(c, y, line);
  return y ? whole : title_end(k) && year_span(k); /* a span: reported */
}

/* A line of text the document model knows (目录, a heading, 预算单位,
 * 金额单位, 年度): 1 when read. */
static int known_text(ImpCtx *c, const char *t, unsigned line, int *in_toc) {
  char *k = imp_nospace(c->a, t);
  imp_dept_title(c, t, line);
  if (title_end(k)) imp_note_currency(c, t, line); /* …目标表（单位：元） */
  if (!strcmp(k, "目录")) {
    *in_toc = 1;
    return 1;
  }
  if (heading_line(c, t, line, in_toc)) return 1;
  *in_toc = 0;
  return agency_line(c, t) || currency_line(c, k, line) || year_line(c, line, k);
}

/* s past the ASCII digits at it, or NULL when there are none (or s is
 * NULL). */
static const char *past_digits(const char *s) {
  if (!s) return NULL;
  const char *e = s;
  while (*e >= '0' && *e <= '9') e++;
  return e > s ? e : NULL;
}

/* s past the word w at it, or NULL. */
static const char *past(const char *s, const char *w) {
  return s && !strncmp(s, w, strlen(w)) ? s + strlen(w) : NULL;
}

/* A page's number as a PDF's text has it between the rows of a table
 * (k has no spaces): "第1页", "第1页，共2页", "第1页/共2页", "-3-", "3/12". */
static int page_number(const char *k) {
  const char *s = past_digits(past(k, "第"));
  if ((s = past(s, "页"))) {
    static const char *const sep[] = {"，", ",", "/", "／"};
    for (size_t i = 0; i < sizeof sep / sizeof sep[0]; i++)
      if (past(s, sep[i])) s = past(s, sep[i]);
    if (!*s) return 1;
    s = past(past_digits(past(s, "共")), "页");
    return s && !*s;
  }
  if (*k == '-') return (s = past_digits(k + 1)) && !strcmp(s, "-");
  s = past(past_digits(k), "/");
  return s && (s = past_digits(s)) && !*s;
}

static void text_line(ImpCtx *c, const ImpRow *row, int *in_toc) {
  const char *t = row->cells[0];
  if (imp_blank(t)) return;
  if (known_text(c, t, row->line, in_toc)) return;
  /* the title of the next table (…绩效目标表) without a year, or a page's
   * number between its rows: nothing to read */
  const char *k = imp_nospace(c->a, t);
  if (title_end(k) || page_number(k)) return;
  if (c->cur && c->cur->has_header)
    imp_warn(c, row->line, "text between the rows of a table is not read: '%s'",
             imp_short(c->a, t, 24));
}

/* ---- project rows and the budget block --------------------------------------- */

/* Whether k is one of names[0..n). */
static int is_one_of(const char *k, const char *const *names, size_t n) {
  for (size_t j = 0; j < n; j++)
    if (!strcmp(k, names[j])) return 1;
  return 0;
}
#define IS(k, list) is_one_of((k), (list), sizeof(list) / sizeof((list)[0]))

/* Index of the first cell after index lab whose text (no spaces, no
 * bracketed note) is one of names, or -1. */
static int find_after(ImpCtx *c, const ImpRow *row, int lab, const char *const *names,
                      size_t n) {
  for (unsigned i = (unsigned)(lab + 1); i < row->ncells; i++) {
    char *k = imp_nospace(c->a, row->cells[i]);
    if (is_one_of(k, names, n) || is_one_of(imp_strip_note(k), names, n)) return (int)i;
  }
  return -1;
}
/* The first such cell of the row. */
#define FIND(c, row, list) find_after((c), (row), -1, (list), sizeof(list) / sizeof((list)[0]))

/* The first non-empty cell after index i, or "". */
const char *imp_after(const ImpRow *row, int i) {
  for (unsigned k = (unsigned)i + 1; k < row->ncells; k++)
    if (!imp_blank(row->cells[k])) return row->cells[k];
  return "";
}

int imp_first_filled(const ImpRow *row) {
  for (unsigned i = 0; i < row->ncells; i++)
    if (!imp_blank(row->cells[i])) return (int)i;
  return -1;
}

static const char *const project_label[] = {"项目名称", "项目名称：", "项目名称:"};

static int is_project_row(ImpCtx *c, const ImpRow *row) {
  int i = imp_first_filled(row);
  return i >= 0 && FIND(c, row, project_label) == i;
}

/* A project of its own; one whose name (under [IND-1]) an earlier
 * project has fails, as a folder or file with both would not check. */
void imp_start_project(ImpCtx *c, const char *name, unsigned line) {
  ImpProject *old = find_project(c, name);
  c->cur = new_project(c, name, line);
  c->have_cols = 0;
  c->brk = NULL;
  if (old)
    imp_fail(c, c->cur, line,
             "duplicate project name '%s': the project of line %u has it; the project is not "
             "written",
             name, old->line);
}

static int project_row(ImpCtx *c, const ImpRow *row) {
  if (!is_project_row(c, row)) return 0;
  const char *name = imp_clean(c->a, imp_after(row, imp_first_filled(row)));
  if (*name) {
    imp_start_project(c, name, row->line);
    return 1;
  }
  /* read, to keep its rows out of the project before, and not written */
  imp_start_project(c, arena_printf(c->a, "项目%u", row->line), row->line);
  imp_fail(c, c->cur, row->line,
           "项目名称 row without a name: write the project's name in the cell after "
           "项目名称; the project is not written");
  return 1;
}

/* A numbered heading ("2. 乙项目绩效目标表") after the table of the current
 * project, followed by a table row that is no 项目名称 row: the heading
 * starts a project of its own, which fails for want of its name, rather
 * than its rows going to the project above. */
static void nameless_project(ImpCtx *c, const ImpRow *row) {
  if (!c->heading || !c->cur || !c->cur->has_header || c->cols.col[ROLE_PROJECT] >= 0 ||
      c->heading_line <= c->cur->line || is_project_row(c, row))
    return;
  unsigned line = c->heading_line;
  const char *title = c->heading, *name = imp_nospace(c->a, title);
  while (*name >= '0' && *name <= '9') name++;
  if (*name == '.') name++;
  else if (!strncmp(name, "．", 3) || !strncmp(name, "、", 3)) name += 3;
  static const char *const tails[] = {"项目支出绩效目标表", "项目支出绩效目标申报表",
                                      "绩效目标表", "绩效目标申报表", "申报表", "绩效自评表",
                                      "自评表"};
  for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
    if (ends_with(name, tails[i])) {
      name = arena_strndup(c->a, name, strlen(name) - strlen(tails[i]));
      break;
    }
  imp_start_project(c, *name ? name : arena_printf(c->a, "项目%u", line), line);
  imp_fail(c, c->cur, line,
           "heading '%s' starts a new project, but no 项目名称 row follows it; the project "
           "is not written",
           imp_short(c->a, title, 24));
}

/* The line where slot (one of p's amounts) was read. */
static unsigned *amount_line(ImpProject *p, const char **slot) {
  int i = slot == &p->budget ? 0 : slot == &p->fiscal ? 1 : slot == &p->other ? 2
          : slot == &p->spent ? 3 : 4;
  return &p->amount_line[i];
}

/* Two amounts as imp_money writes them ("14.00", "14 元") are equal. */
static int same_amount(const char *a, const char *b) {
  const char *sa = strchr(a, ' '), *sb = strchr(b, ' ');
  size_t na = sa ? (size_t)(sa - a) : strlen(a), nb = sb ? (size_t)(sb - b) : strlen(b);
  Dec x, y;
  if (dec_parse(a, na, &x) != DEC_OK || dec_parse(b, nb, &y) != DEC_OK) return !strcmp(a, b);
  return x == y && !strcmp(sa ? sa : "", sb ? sb : "");
}

/* An amount cell into *slot; a bad one, or one that differs from the
 * amount read before, fails the project. */
void imp_amount(ImpCtx *c, ImpProject *p, unsigned line, const char *what, const char *cellv,
                const char **slot) {
  if (imp_void(c->a, cellv)) return; /* 其他资金 | — : none */
  const char *m = imp_money(c, cellv);
  const char *bigger = c->currency && strcmp(c->currency, "万元") ? "万元" : "亿元";
  if (!m && imp_out_of_range(c, cellv)) {
    imp_fail(c, p, line,
             "%s '%s' is out of range: the largest amount is 9,223,372,036 %s; write the "
             "table's amounts in %s (单位：%s)",
             what, cellv, c->currency ? c->currency : "万元", bigger, bigger);
    return;
  }
  if (!m) {
    imp_fail(c, p, line, "%s '%s' is not an amount of money", what, cellv);
    return;
  }
  unsigned *at = amount_line(p, slot);
  if (*slot && !same_amount(*slot, m)) {
    imp_fail(c, p, line, "%s %s differs from the %s %s of line %u", what, m, what, *slot, *at);
    return;
  }
  if (*slot) return;
  *slot = m;
  *at = line;
  if (!c->bare_amount_line && !strchr(m, ' ')) { /* a number alone: in 金额单位 */
    c->bare_amount_line = line;
    c->bare_amount = m;
  }
}

static const char *const budget_words[] = {"预算数", "年度预算数", "预算金额"};
static const char *const fiscal_words[] = {"财政资金", "其中：财政资金", "其中:财政资金",
                                           "其中财政资金", "财政拨款"};
static const char *const other_words[] = {"其他资金", "其中：其他资金", "其他"};

/* "其中：中央财政资金" -> "中央财政资金": a label without 其中. */
static const char *without_of_which(ImpCtx *c, const char *cell) {
  const char *k = imp_strip_note(imp_nospace(c->a, cell));
  static const char *const pre[] = {"其中：", "其中:", "其中"};
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
    if (!strncmp(k, pre[i], strlen(pre[i]))) return k + strlen(pre[i]);
  return k;
}

/* The cells of a budget row other than 预算数, 财政资金 and 其他资金 and
 * their amounts (b, f, o: their label cells): a part of 财政资金
 * (`中央财政资金 | 100`, `省级财政资金 | 30`) is kept for imp_finish to add
 * up; any other label with an amount after it is reported, not read. */
static void budget_others(ImpCtx *c, ImpProject *p, const ImpRow *row, int b, int f, int o) {
  for (unsigned i = 0; i + 1 < row->ncells; i++) {
    const char *amt = row->cells[i + 1];
    if ((int)i == b || (int)i == f || (int)i == o || imp_blank(row->cells[i]) ||
        imp_blank(amt) || imp_money(c, row->cells[i]) || !imp_money(c, amt))
      continue;
    const char *k = without_of_which(c, row->cells[i]);
    if ((ends_with(k, "财政资金") || ends_with(k, "财政拨款")) && p->nfunds < IMP_MAX_FUNDS) {
      p->fund_label[p->nfunds] = k;
      p->fund[p->nfunds++] = imp_money(c, amt);
      p->fund_line = row->line;
    } else {
      imp_warn(c, row->line, "'%s %s' in the budget row is not read", imp_short(c->a, k, 16),
               imp_short(c->a, amt, 16));
    }
    i++;
  }
}

/* Layouts 1 and 2 of the seed: 预算数 | 14.00 | 其中：财政资金 | 14.00 | 其他资金 | … */
static int budget_row(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  int b = FIND(c, row, budget_words);
  if (b < 0) return 0;
  int f = FIND(c, row, fiscal_words), o = FIND(c, row, other_words);
  p->budget_line = row->line;
  imp_amount(c, p, row->line, "预算数", imp_cell(row, b + 1), &p->budget);
  if (f >= 0) imp_amount(c, p, row->line, "财政资金", imp_cell(row, f + 1), &p->fiscal);
  if (o >= 0) imp_amount(c, p, row->line, "其他资金", imp_cell(row, o + 1), &p->other);
  budget_others(c, p, row, b, f, o);
  return 1;
}

/* A cell's label: no spaces, without a trailing colon (年度资金总额：). */
const char *imp_label_of(ImpCtx *c, const char *cell) {
  char *k = imp_nospace(c->a, cell);
  size_t n = strlen(k);
  if (n >= 3 && !strcmp(k + n - 3, "：")) k[n - 3] = '\0';
  else if (n >= 1 && k[n - 1] == ':') k[n - 1] = '\0';
  return imp_strip_note(k);
}

/* [IMPORT-BUDGET] The national template's budget block (财预〔2021〕101号):
 *   项目资金（万元） | 年度资金总额： | 50.00
 *                   | 其中：财政拨款 | 45.00
 *                   | 其他资金       | 5.00
 * a label and the amount after it, in any cell of the row. */
static int template_budget(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  static const char *const total[] = {"年度资金总额", "资金总额", "项目资金总额",
                                      "年度预算资金总额", "部门预算总额", "年度预算总额",
                                      "预算总额", "部门预算", "年度预算", "部门年度预算"};
  static const char *const fiscal[] = {"其中：财政拨款", "其中:财政拨款", "其中财政拨款",
                                       "财政拨款", "其中：当年财政拨款", "当年财政拨款",
                                       "其中：财政资金", "财政资金"};
  static const char *const other[] = {"其他资金", "其中：其他资金"};
  int found = 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *k = imp_label_of(c, row->cells[i]);
    const char **slot = IS(k, total) ? &p->budget : IS(k, fiscal) ? &p->fiscal
                        : IS(k, other) ? &p->other : NULL;
    if (!slot) continue;
    const char *what = slot == &p->budget ? "预算数" : slot == &p->fiscal ? "财政资金" : "其他资金";
    imp_amount(c, p, row->line, what, imp_after(row, (int)i), slot);
    if (slot == &p->budget) p->budget_line = row->line;
    found = 1;
  }
  return found;
}

/* 自评表: 项目资金 | | 年初预算数 | 全年预算数 | 全年执行数 | …, then rows
 * 年度资金总额, 其中：当年财政拨款, 其他资金 under those columns. */
static int selfeval_budget(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  static const char *const year_plan[] = {"全年预算数"}, *const start_plan[] = {"年初预算数"},
                           *const spent[] = {"全年执行数", "执行数"};
  int y = FIND(c, row, year_plan), s = FIND(c, row, start_plan), e = FIND(c, row, spent);
  if (y >= 0 || s >= 0) {
    p->bud_col = y >= 0 ? y : s;
    p->spent_col = e;
    p->budget_line = row->line;
    return 1;
  }
  if (p->bud_col < 0) return 0;
  const char *k = imp_nospace(c->a, imp_cell(row, imp_first_filled(row)));
  if (strstr(k, "资金总额") || strstr(k, "年度资金")) {
    imp_amount(c, p, row->line, "预算数", imp_cell(row, p->bud_col), &p->budget);
    if (p->spent_col >= 0)
      imp_amount(c, p, row->line, "执行数", imp_cell(row, p->spent_col), &p->spent);
  } else if (strstr(k, "财政拨款") || strstr(k, "财政资金")) {
    imp_amount(c, p, row->line, "财政资金", imp_cell(row, p->bud_col), &p->fiscal);
  } else if (strstr(k, "其他资金")) {
    imp_amount(c, p, row->line, "其他资金", imp_cell(row, p->bud_col), &p->other);
  } else if (strstr(k, "结转")) {
    imp_amount(c, p, row->line, "上年结转资金", imp_cell(row, p->bud_col), &p->carry);
  } else {
    return 0;
  }
  return 1;
}

static const char *const purpose_words[] = {"资金用途", "预算规模及资金用途", "项目资金用途",
                                            "主要用途"};
static const char *const goal_words[] = {"绩效目标", "年度绩效目标", "年度总体目标", "总体目标",
                                         "项目绩效目标", "年度目标", "总体绩效目标",
                                         "年度总体绩效目标", "整体绩效目标", "部门整体绩效目标",
                                         "年度整体绩效目标"};
static const char *const ignored_words[] = {"主管部门", "实施单位", "项目负责人", "联系电话",
                                            "项目属性", "预算单位", "单位名称", "部门名称",
                                            "项目类型", "项目期限", "主管预算部门", "项目单位",
                                            "部门（单位）名称", "单位编码", "部门编码",
                                            "预算单位编码"};

static void set_text(ImpCtx *c, const char **slot, const char *text) {
  if (!*slot && !imp_blank(text)) *slot = imp_clean(c->a, text);
}

/* 绩效目标 | text, or a row of column labels whose texts are in the next
 * row: 年度总体目标 | 预期目标 | 实际完成情况 (自评表), 总体目标 |
 * 中期目标（2024-2026年） | 年度目标 (the mid-term template: the spec's
 * 绩效目标 is the year's). */
static int goal_row(ImpCtx *c, ImpProject *p, const ImpRow *row, int lab) {
  static const char *const expect[] = {"预期目标", "年度目标", "年度绩效目标"};
  static const char *const mid[] = {"中期目标", "中长期目标", "实施期目标", "长期目标"};
  int e = find_after(c, row, lab, expect, sizeof expect / sizeof expect[0]);
  if (e >= 0) {
    p->goal_col = e;
    p->mid_col = find_after(c, row, lab, mid, sizeof mid / sizeof mid[0]);
    p->want_goal_col = 1;
  } else {
    set_text(c, &p->goal, imp_after(row, lab));
  }
  return 1;
}

/* 年度 | 2024 (a Word form or a spreadsheet's row; `年度：2024年` in one
 * cell is split by label_cells): the budget year, read wherever it stands
 * before a table, as a year line is.  1 when read. */
static int year_row(ImpCtx *c, const ImpRow *row, int lab) {
  static const char *const words[] = {"年度", "预算年度", "项目年度"};
  if (!IS(imp_label_of(c, row->cells[lab]), words)) return 0;
  const char *y = imp_halfwidth(c->a, imp_nospace(c->a, imp_after(row, lab)));
  if (!only_year(y)) return 0;
  set_year(c, y, row->line);
  return 1;
}

/* Rows between 项目名称 and the table header. */
static int block_row(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  int lab = imp_first_filled(row);
  if (lab < 0) return 1;
  /* 项目资金（元）, 预算数（万元）: the unit of the amounts */
  for (unsigned k = (unsigned)lab; k < row->ncells; k++)
    imp_note_currency(c, row->cells[k], row->line);
  if (p->want_goal_col) {
    p->want_goal_col = 0;
    set_text(c, &p->goal, imp_cell(row, p->goal_col));
    if (p->mid_col >= 0 && !imp_blank(imp_cell(row, p->mid_col)))
      imp_warn(c, row->line,
               "中期目标 '%s' is not read: a spec's 绩效目标 is the year's (年度目标)",
               imp_short(c->a, imp_cell(row, p->mid_col), 24));
    return 1;
  }
  /* 填报人：…, and the department table's rows (总额 | 财政拨款 | 其他资金
   * over the amounts, 年度主要任务): before budget_row, which would read
   * a 预算金额 column label as a label with its amount */
  if (imp_form_row(c, p, row, 1) || imp_dept_block(c, p, row)) return 1;
  if (budget_row(c, p, row)) return 1;
  /* the 自评表's rows carry several amounts under its columns: only
   * without those columns is a row read as the template's */
  if (p->bud_col < 0 && template_budget(c, p, row)) return 1;
  if (selfeval_budget(c, p, row)) return 1;
  if (FIND(c, row, purpose_words) == lab) {
    set_text(c, &p->purpose, imp_after(row, lab));
    return 1;
  }
  if (FIND(c, row, goal_words) == lab) return goal_row(c, p, row, lab);
  if (FIND(c, row, ignored_words) == lab || year_row(c, row, lab)) return 1;
  if (lab > 0 && imp_after(row, lab)[0] == '\0' && p->budget_line && !p->purpose) {
    set_text(c, &p->purpose, row->cells[lab]); /* the unlabelled 资金用途 row */
    return 1;
  }
  imp_warn(c, row->line, "row of project '%s' not understood, not read: '%s'", p->name,
           imp_short(c->a, row->cells[lab], 24));
  return 1;
}

/* Project-level columns of a CSV (预算数, 资金用途 …). */
static void project_columns(ImpCtx *c, ImpProject *p, const ImpRow *row) {
  imp_amount(c, p, row->line, "预算数", imp_get(c, row, ROLE_BUDGET, 0), &p->budget);
  imp_amount(c, p, row->line, "财政资金", imp_get(c, row, ROLE_FISCAL, 0), &p->fiscal);
  imp_amount(c, p, row->line, "其他资金", imp_get(c, row, ROLE_OTHER, 0), &p->other);
  set_text(c, &p->purpose, imp_get(c, row, ROLE_PURPOSE, 0));
  set_text(c, &p->goal, imp_get(c, row, ROLE_GOAL, 0));
  if (p->budget && !p->budget_line) p->budget_line = row->line;
}

static ImpProject *row_project(ImpCtx *c, const ImpRow *row) {
  if (c->cols.col[ROLE_PROJECT] < 0) return c->cur;
  const char *name = imp_clean(c->a, imp_get(c, row, ROLE_PROJECT, 0));
  if (!*name) return c->cur;
  ImpProject *p = find_project(c, name);
  if (!p) {
    p = new_project(c, name, row->line);
    p->has_header = 1;
  }
  return c->cur = p;
}

/* Rows under a table that are not indicators: 填报人, 合计 … */
static int trailer(ImpCtx *c, const ImpRow *row) {
  static const char *const words[] = {"填报人", "填表人", "联系人", "联系电话", "审核人",
                                      "单位负责人", "财务负责人", "合计", "总计", "总分",
                                      "备注", "说明", "注", "填报单位", "编制单位", "填报日期"};
  int i = imp_first_filled(row);
  if (i < 0) return 0;
  char *k = imp_nospace(c->a, row->cells[i]);
  char *colon = strstr(k, "：");
  if (colon) *colon = '\0';
  if ((colon = strchr(k, ':'))) *colon = '\0';
  imp_strip_note(k); /* 填报单位（盖章） */
  for (size_t j = 0; j < sizeof words / sizeof words[0]; j++)
    if (!strcmp(k, words[j])) {
      imp_warn(c, row->line, "'%s' row is not an indicator; not read", words[j]);
      return 1;
    }
  return 0;
}

/* [IMPORT-CONT] ind, the first row after a page break, may be the rest
 * of prev: a guess either way, so it stays a row of its own, reported. */
static void maybe_split(ImpCtx *c, ImpProject *p, const ImpInd *prev, ImpInd *ind) {
  const char *a = imp_tail(c->a, imp_clean(c->a, prev->raw[ROLE_L3]), 12);
  const char *b = imp_short(c->a, imp_clean(c->a, ind->raw[ROLE_L3]), 12);
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "第%u行在跨页处，可能是第%u行的续行（三级指标“%s”+“%s”）；"
                                "本表合并二级指标单元格，无法判断，按单独一行读，请核对",
                          ind->line, prev->line, a, b),
             arena_printf(c->a, _("row after a page break may continue line %u (三级指标 "
                                  "'%s' + '%s'); the table merges its 二级指标 cells, so this "
                                  "cannot be told: read as an indicator of its own, check it"),
                          prev->line, a, b));
}

static void data_row(ImpCtx *c, const ImpRow *row) {
  if (!imp_has_content(c, row) || trailer(c, row)) return;
  ImpProject *p = row_project(c, row);
  if (!p) {
    if (!c->nunplaced++) c->unplaced_line = row->line;
    return;
  }
  project_columns(c, p, row);
  ImpProject *brk = c->brk;
  c->brk = NULL;
  if (brk == p && p->ninds > 0 && imp_continues(c, p, row)) {
    imp_join(c, p, row);
    return;
  }
  size_t n = p->ninds;
  int maybe = brk == p && n > 0 && imp_maybe_continues(c, p, row);
  c->after_break = brk == p;
  imp_place(c, p, row);
  c->after_break = 0;
  if (maybe && p->ninds > n) maybe_split(c, p, p->inds[n - 1], p->inds[n]);
}

/* ---- the driver -------------------------------------------------------------- */

static void header_row(ImpCtx *c, const ImpCols *cols, int ok) {
  ImpProject *p = c->cur;
  c->have_cols = ok > 0;
  if (ok < 0) {
    if (p) p->failed = 1;
    return;
  }
  c->cols = *cols;
  c->sub_header = 1;
  if (!c->first_header) c->first_header = cols->line;
  if (cols->col[ROLE_ACTUAL] >= 0) c->r->has_actuals = 1;
  if (p && p->has_header && p->ninds > 0) c->brk = p;
  if (p) p->has_header = 1;
}

/* A row before any project and table header: an indicator row (it names
 * a category) has no project; anything else is reported and not read. */
static void preamble_row(ImpCtx *c, const ImpRow *row) {
  int i = imp_first_filled(row);
  if (i < 0 || year_row(c, row, i)) return;
  for (unsigned k = 0; k < row->ncells; k++)
    if (imp_category(c->a, row->cells[k]) >= 0) {
      if (!c->nunplaced++) c->unplaced_line = row->line;
      return;
    }
  /* a cell 单位：元 beside others (编制单位：… | 单位：元) is read; the
   * first other cell is reported */
  int other = -1;
  for (unsigned k = (unsigned)i, n; k < row->ncells; k++)
    if ((n = imp_form_cell(c, NULL, row, k, 1))) /* 填报单位：…, 联系电话 | … */
      k += n - 1;
    else if (!imp_blank(row->cells[k]) &&
             !currency_line(c, imp_nospace(c->a, row->cells[k]), row->line) && other < 0)
      other = (int)k;
  if (other >= 0)
    imp_warn(c, row->line, "row before the first project not understood, not read: '%s'",
             imp_short(c->a, row->cells[other], 24));
}

static void table_row(ImpCtx *c, const ImpRow *row) {
  ImpCols cols;
  const ImpRow *group = c->group;
  c->group = NULL;
  if (imp_dept_row(c, row)) return;
  imp_dept_start(c, row);
  nameless_project(c, row);
  ImpRow merged;
  int h = imp_header(c, group ? imp_with_group(c, group, row, &merged) : row, &cols);
  if (h != 0) {
    header_row(c, &cols, h);
    return;
  }
  if (imp_group_row(c, row)) {
    ImpRow *g = arena_alloc(c->a, sizeof *g);
    *g = *row;
    c->group = g;
    return;
  }
  if (c->have_cols && imp_sub_header(c, row)) {
    if (c->cols.col[ROLE_VALUE] < 0) { /* reported */
      c->have_cols = 0;
      if (c->cur) c->cur->failed = 1;
    }
    return;
  }
  c->sub_header = 0;
  if (project_row(c, row)) return;
  if (c->cur && !c->have_cols) {
    if (!c->cur->failed) block_row(c, c->cur, row);
    return;
  }
  if (!c->have_cols) {
    preamble_row(c, row);
    return;
  }
  data_row(c, row);
}

static void headerless(ImpCtx *c) {
  static const ImpRole fixed[] = {ROLE_PROJECT, ROLE_L1, ROLE_L2, ROLE_L3, ROLE_DESC, ROLE_VALUE};
  for (int r = 0; r < ROLE__COUNT; r++) c->cols.col[r] = -1;
  c->cols.ncols = 6;
  for (int i = 0; i < 6; i++) c->cols.col[fixed[i]] = i;
  c->have_cols = 1;
  imp_warn(c, c->nrows ? c->rows[0].line : 1,
           "no header row: reading the columns as 项目名称, 一级指标, 二级指标, 三级指标, "
           "绩效指标描述, 指标值");
}

/* Nothing found under the layout --layout named (auto detection reports
 * a file without any table before the rows are read): say which
 * separator was looked for, as the file may have another. */
static void no_table(ImpCtx *c) {
  const char *sep = c->layout == IMP_LAYOUT_PIPE ? "'|'" : c->layout == IMP_LAYOUT_CSV
                                                              ? _("commas")
                                                              : _("tabs");
  imp_error(c, 1,
            "no indicator table found with cells separated by %s (--layout): expected a header "
            "row naming the columns 一级指标, 二级指标, 三级指标, 绩效指标描述, 指标值; is the "
            "file in another layout?",
            sep);
}

static void check_projects(ImpCtx *c) {
  if (c->nunplaced)
    imp_error(c, c->unplaced_line,
              i18n_plural("%zu indicator row outside any project: expected a 项目名称 row "
                          "before the table, or a 项目名称 column",
                          "%zu indicator rows outside any project, the first here: expected a "
                          "项目名称 row before the table, or a 项目名称 column",
                          c->nunplaced),
              c->nunplaced);
  else if (!c->nprojects && c->first_header)
    imp_error(c, c->first_header,
              "no indicator rows: this table header has none under it, and the document names "
              "no project");
  else if (!c->nprojects && !c->headerless)
    no_table(c); /* a --layout that the file does not have */
  for (size_t i = 0; i < c->nprojects; i++) {
    ImpProject *p = c->projects[i];
    if (p->ninds == 0 && !p->failed)
      imp_fail(c, p, p->line,
               "project '%s' has no indicator rows: expected a table header (%s …) and rows "
               "under it%s",
               p->name, "一级指标 二级指标 三级指标",
               p->has_header ? "" : _("; is the file truncated?"));
  }
  for (size_t i = 0; i < c->ntoc; i++)
    if (!c->toc[i].used)
      imp_warn(c, c->toc[i].line,
               "the table of contents lists '%s', but no such project was found",
               c->toc[i].text);
}

/* A table row with one non-empty cell that is a known line of text: the
 * title, 单位：元 or 预算单位 line of a spreadsheet, saved as a CSV row padded
 * with commas (`单位：元,,,,,`), is read as that line ([IMPORT-TABLE]).
 * Under a table header only a cell in the first column counts: a lone
 * cell further right is part of an indicator row (a continuation). */
static int lone_text(ImpCtx *c, const ImpRow *row, int *in_toc) {
  int i = imp_first_filled(row);
  if (i < 0 || (i > 0 && c->have_cols)) return 0;
  for (unsigned k = (unsigned)i + 1; k < row->ncells; k++)
    if (!imp_blank(row->cells[k])) return 0;
  int toc = *in_toc;
  if (known_text(c, row->cells[i], row->line, in_toc)) return 1;
  *in_toc = toc;
  /* a title without a year before the first project, or above a later
   * table (…绩效目标表 in the first column): nothing to read */
  return (!c->cur && !c->have_cols && is_title(c, row->cells[i])) ||
         (i == 0 && title_end(imp_nospace(c->a, row->cells[i])));
}

/* Labels that a cell may hold together with their value, `项目名称：数字
 * 档案馆建设`, `预算数：30万元` (a Word form rather than a table). */
static const char *const value_labels[] = {
    "项目名称", "预算数", "年度预算数", "财政资金", "其他资金", "资金用途", "项目资金用途",
    "绩效目标", "年度绩效目标", "年度目标", "总体目标", "主管部门", "实施单位", "年度",
    "预算年度", "部门（单位）名称", "部门名称", "单位名称", "部门职责", "部门职能",
    "年度主要任务", "年度总体目标", "总体绩效目标"};

/* row with each cell `LABEL：VALUE` (a label above) as two cells, into
 * *out; 0 when no cell is one. */
static int label_cells(ImpCtx *c, const ImpRow *row, ImpRow *out) {
  int any = 0;
  *out = *row;
  out->text = 0;
  out->cells = arena_alloc(c->a, (2 * row->ncells + 1) * sizeof *out->cells);
  out->ncells = 0;
  for (unsigned i = 0; i < row->ncells; i++) {
    const char *cell = row->cells[i], *colon = strstr(cell, "：");
    size_t skip = 3;
    const char *ascii = strchr(cell, ':');
    if (ascii && (!colon || ascii < colon)) colon = ascii, skip = 1;
    if (!colon) {
      out->cells[out->ncells++] = row->cells[i];
      continue;
    }
    char *label = imp_nospace(c->a, arena_strndup(c->a, cell, (size_t)(colon - cell)));
    char *value = imp_trim(c->a, colon + skip, strlen(colon + skip));
    if (*value && IS(label, value_labels)) {
      out->cells[out->ncells++] = label;
      out->cells[out->ncells++] = value;
      any = 1;
    } else {
      out->cells[out->ncells++] = row->cells[i];
    }
  }
  return any && out->ncells <= IMP_MAX_COLUMNS;
}

void imp_table(ImpCtx *c) {
  int in_toc = 0;
  if (c->headerless) headerless(c);
  for (size_t i = 0; i < c->nrows; i++) {
    const ImpRow *row = &c->rows[i];
    ImpRow split;
    if (!c->have_cols && label_cells(c, row, &split)) table_row(c, &split);
    else if (row->text) text_line(c, row, &in_toc);
    else if (!lone_text(c, row, &in_toc)) table_row(c, row);
  }
  check_projects(c);
}
