/*
 * report_md.c - the scorecard as a Markdown document ([REP-MD] in
 * docs/report.md): a title, per project a `## name` heading, a one-row
 * budget table, the indicator table and a summary line; a summary table
 * when there are several projects.
 *
 * Every text from the program or the data is escaped: the ASCII
 * punctuation that Markdown or a GFM table could read as syntax gets a
 * backslash (CommonMark allows one before any ASCII punctuation), and
 * line breaks and other control characters become spaces, so a cell
 * never ends its row early.  Comparison signs stay readable: "2A < 3A"
 * is written as is, "<b>" as "\<b>".
 */
#include <string.h>

#include "report_int.h"

/* Does the character at s[i] need a backslash?  Always for the
 * characters of emphasis, code, links and tables; '<' only where it
 * could open an HTML tag or an autolink, '&' only before an entity. */
static int md_special(const char *s, size_t i) {
  unsigned char c = (unsigned char)s[i], next = (unsigned char)s[i + 1];
  int letter = (next | 0x20) >= 'a' && (next | 0x20) <= 'z';
  if (c == '<') return letter || next == '/' || next == '!' || next == '?';
  if (c == '&') return letter || next == '#';
  return c && strchr("\\`*_[]|#~", c) != NULL;
}

/* Text with Markdown syntax escaped and control characters as spaces. */
static void md_text(RepOut *o, const char *s) {
  size_t n = strlen(s), run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    int ctl = c < 0x20 || c == 0x7F;
    if (!ctl && !md_special(s, i)) continue;
    rep_put(o, s + run, i - run);
    if (ctl) {
      rep_puts(o, " ");
    } else {
      char e[3] = {'\\', (char)c, 0};
      rep_puts(o, e);
    }
    run = i + 1;
  }
  rep_put(o, s + run, n - run);
}

static void md_cell(RepOut *o, const char *s) {
  rep_puts(o, " ");
  md_text(o, s);
  rep_puts(o, " |");
}

/* A header row and its alignment row; align holds one char per column:
 * 'l' left, 'r' right. */
static void md_head(RepOut *o, const char *const *heads, int n, const char *align) {
  rep_puts(o, "|");
  for (int k = 0; k < n; k++) md_cell(o, heads[k]);
  rep_puts(o, "\n|");
  for (int k = 0; k < n; k++) rep_puts(o, align[k] == 'r' ? "---:|" : "---|");
  rep_puts(o, "\n");
}

/* ---- budget ------------------------------------------------------------- */

static const char *const budget_heads[9][2] = {
    {"预算数", "planned"},        {"执行数", "spent"}, {"执行率", "rate"},
    {"截至", "as of"},            {"时间进度", "elapsed"},
    {"执行率得分", "rate score"}, {"总分", "total"}, {"等级", "grade"},
    {"标记", "flags"},
};

static void md_money_cell(RepOut *o, const char *amount, const RepProj *x) {
  rep_puts(o, " ");
  md_text(o, amount);
  if (*x->currency) {
    rep_puts(o, " ");
    md_text(o, x->currency);
  }
  rep_puts(o, " |");
}

static void md_budget(RepOut *o, const RepProj *x, int en) {
  const char *heads[9];
  int n = 0;
  for (int k = 0; k < 9; k++)
    if (x->midyear || (k != 3 && k != 4)) heads[n++] = budget_heads[k][en];
  md_head(o, heads, n, x->midyear ? "rrrlrrrll" : "rrrrrll");
  char cell[REP_TEXT];
  rep_puts(o, "|");
  md_money_cell(o, x->planned, x);
  if (x->has_spent)
    md_money_cell(o, x->spent, x);
  else
    md_cell(o, en ? "not reported" : "未填报");
  strcpy(cell, x->has_rate ? x->rate : "-");
  md_cell(o, x->has_rate ? strcat(cell, "%") : cell);
  if (x->midyear) {
    md_cell(o, x->as_of);
    strcpy(cell, x->elapsed[0] ? x->elapsed : "-");
    md_cell(o, x->elapsed[0] ? strcat(cell, "%") : cell);
  }
  RepBuf b;
  rep_buf_init(&b, cell, sizeof cell);
  rep_cat(&b, x->rate_score);
  rep_cat(&b, " / ");
  rep_cat(&b, x->rate_points);
  md_cell(o, cell);
  md_cell(o, x->total);
  md_cell(o, rep_grade_word(x->res->grade, en));
  rep_flags_text(x->res->flags, en, en ? ", " : "、", cell, sizeof cell);
  md_cell(o, cell);
  rep_puts(o, "\n\n");
}

/* ---- indicators ------------------------------------------------------------ */

static const char *const ind_heads[11][2] = {
    {"一级指标", "level 1"}, {"二级指标", "level 2"}, {"三级指标", "indicator"},
    {"目标值", "target"},    {"实际值", "actual"},    {"状态", "status"},
    {"分值", "points"},      {"得分", "score"},       {"标记", "flags"},
    {"说明", "explanation"}, {"备注", "note"},
};

static void md_indicator(RepOut *o, const RtResult *r, uint32_t i, int en) {
  RepInd x;
  char flags[REP_TEXT];
  rep_ind(r, i, en, &x);
  rep_puts(o, "|");
  md_cell(o, rt_category_name(x.in->level1, en));
  md_cell(o, rt_category_name(x.in->level2, en));
  md_cell(o, x.name);
  md_cell(o, x.target);
  md_cell(o, x.actual);
  md_cell(o, rep_status_word(x.res->status, en));
  md_cell(o, x.weight);
  md_cell(o, x.has_score ? x.score : "-");
  rep_flags_text(x.res->flags, en, en ? ", " : "、", flags, sizeof flags);
  md_cell(o, flags);
  md_cell(o, x.expl);
  md_cell(o, x.note);
  rep_puts(o, "\n");
}

static void md_project(RepOut *o, const RtResult *r, uint32_t p, int en) {
  RepProj x;
  char line[REP_EXPL];
  const char *heads[11];
  rep_proj(r, p, &x);
  rep_puts(o, "\n## ");
  md_text(o, x.name);
  rep_puts(o, "\n\n");
  md_budget(o, &x, en);
  for (int k = 0; k < 11; k++) heads[k] = ind_heads[k][en];
  md_head(o, heads, 11, "llllllrrlll");
  for (uint32_t i = x.first; i < x.end && !o->err; i++) {
    rep_prefetch_ind(r, i + REP_PREFETCH);
    md_indicator(o, r, i, en);
  }
  rep_proj_summary(&x, en, line, sizeof line);
  rep_puts(o, "\n");
  md_text(o, line);
  rep_puts(o, "\n");
}

static void md_summary(RepOut *o, const RtResult *r, int en) {
  const char *heads[3] = {en ? "project" : "项目", en ? "total" : "总分", en ? "grade" : "等级"};
  rep_puts(o, en ? "\n## All projects\n\n" : "\n## 汇总\n\n");
  md_head(o, heads, 3, "lrl");
  for (uint32_t p = 0; p < r->prog->nprojects; p++) {
    RepProj x;
    rep_proj(r, p, &x);
    rep_puts(o, "|");
    md_cell(o, x.name);
    md_cell(o, x.total);
    md_cell(o, rep_grade_word(x.res->grade, en));
    rep_puts(o, "\n");
  }
}

int rep_md(const RtResult *r, const RepOptions *opt, RepWrite w, void *ud) {
  RepOut o;
  int en = opt && opt->english;
  char title[REP_TEXT];
  RepPart part;
  rep_part(r, opt, &part);
  rep_out_init(&o, w, ud);
  if (part.head) {
    rep_title(r, en, title, sizeof title);
    rep_puts(&o, "# ");
    md_text(&o, title);
    rep_puts(&o, "\n");
  }
  for (uint32_t p = part.from; p < part.to && !o.err; p++) md_project(&o, r, p, en);
  if (part.tail && r->prog->nprojects > 1) md_summary(&o, r, en);
  return rep_out_end(&o);
}
