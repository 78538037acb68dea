/*
 * report_html.c - the scorecard as one self-contained HTML page
 * ([REP-HTML] in docs/report.md).
 *
 * The page needs nothing but itself: the style sheet is inline, the bar
 * charts are inline SVG, there is no script, no web font and no link
 * outside the page, so it opens offline, mails as one attachment and
 * prints.  With several projects a summary table comes first and links
 * to each project's section (#p1, #p2, ... in program order; names are
 * free text, so they never become ids).
 *
 * Like every writer it streams, allocates nothing and uses no floating
 * point: bar lengths are exact decimals printed with one decimal, so the
 * same result gives the same bytes.  Every text from the spec or the data
 * is escaped (& < > " ' as entities, control characters as spaces,
 * invalid UTF-8 as U+FFFD), in element content and in attributes alike.
 */
#include <stdio.h>
#include <string.h>

#include "report_int.h"

/* Bar chart geometry, in SVG user units (the chart scales to the page):
 * labels end at CHART_BAR_X, the longest bar is CHART_BAR_W long, the
 * value text starts after it. */
enum {
  CHART_W = 720, CHART_BAR_X = 150, CHART_BAR_W = 420, CHART_ROW = 30, CHART_TOP = 6,
  CHART_BAR_H = 18, CHART_LEGEND = 30, CHART_BARS = 5
};

static const char html_css[] =
    ":root{--met:#1a7f37;--met-bg:#dafbe1;--partial:#9a6700;--partial-bg:#fff3c4;"
    "--unmet:#cf222e;--unmet-bg:#ffebe9;--missing:#8250df;--missing-bg:#f3e8ff;"
    "--na:#57606a;--na-bg:#eaeef2;--pending:#0969da;--pending-bg:#ddf4ff;"
    "--line:#d0d7de;--muted:#59636e;--head:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:1400px;padding:24px 32px;color:#1f2328;background:#fff;"
    "font:14px/1.5 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",\"Hiragino Sans GB\",\"WenQuanYi Micro Hei\",system-ui,sans-serif;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "h1{font-size:24px;margin:0 0 20px}\n"
    "h2{font-size:19px;margin:0 0 12px}\n"
    "a{color:#0969da}\n"
    "section{margin:0 0 40px}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:var(--head);border-bottom:2px solid var(--line);white-space:nowrap}\n"
    "tr.l1 th{background:#eef1f4;font-weight:600}\n"
    "tr.l1 .num{float:right;font-weight:400;color:var(--muted)}\n"
    "td.l2{white-space:nowrap}\n"
    "td.name{min-width:12em;max-width:26em}\n"
    "td.act{min-width:7em}\n"
    "td.expl{color:var(--muted);font-size:13px;min-width:14em}\n"
    "td.expl .note{color:var(--fg);white-space:pre-line}\n"
    ".id{font:12px monospace;color:var(--muted);margin-right:6px}\n"
    ".st{display:inline-block;padding:0 8px;border-radius:10px;white-space:nowrap;"
    "font-size:13px}\n"
    ".st-met{color:var(--met);background:var(--met-bg)}\n"
    ".st-partial{color:var(--partial);background:var(--partial-bg)}\n"
    ".st-unmet{color:var(--unmet);background:var(--unmet-bg)}\n"
    ".st-missing{color:var(--missing);background:var(--missing-bg)}\n"
    ".st-na{color:var(--na);background:var(--na-bg)}\n"
    ".st-pending{color:var(--pending);background:var(--pending-bg)}\n"
    "tr.r-met td:first-child{box-shadow:inset 4px 0 var(--met)}\n"
    "tr.r-partial td:first-child{box-shadow:inset 4px 0 var(--partial)}\n"
    "tr.r-unmet td:first-child{box-shadow:inset 4px 0 var(--unmet)}\n"
    "tr.r-missing td:first-child{box-shadow:inset 4px 0 var(--missing)}\n"
    "tr.r-na td:first-child{box-shadow:inset 4px 0 var(--na)}\n"
    "tr.r-pending td:first-child{box-shadow:inset 4px 0 var(--pending)}\n"
    "tr.r-na td,tr.r-pending td{color:var(--muted)}\n"
    ".flag{display:inline-block;padding:0 6px;margin:0 4px 2px 0;border:1px solid;"
    "border-radius:4px;font-size:12px;white-space:nowrap}\n"
    ".f-not_met,.f-low_rate,.f-lag,.f-undefined{color:var(--unmet);background:var(--unmet-bg)}\n"
    ".f-overshoot{color:var(--partial);background:var(--partial-bg)}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 8px}\n"
    ".card{border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:150px}\n"
    ".card.warn{border-color:var(--unmet);box-shadow:inset 0 0 0 1px var(--unmet)}\n"
    ".card .k{font-size:12px;color:var(--muted)}\n"
    ".card .v{font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}\n"
    ".card .s{font-size:12px;color:var(--muted)}\n"
    ".grade{display:inline-block;min-width:2em;text-align:center;padding:0 6px;"
    "border-radius:4px;color:#fff;font-weight:600}\n"
    ".g0{background:var(--met)}.g1{background:#1b7c83}.g2{background:var(--partial)}"
    ".g3{background:var(--unmet)}\n"
    ".card .grade{font-size:16px;vertical-align:middle;margin-left:8px}\n"
    ".rate{color:var(--muted);margin:0 0 12px}\n"
    "figure{margin:0 0 16px;max-width:760px}\n"
    "figcaption{font-weight:600;margin:0 0 4px}\n"
    "svg.chart{width:100%;height:auto;font-size:13px}\n"
    "svg.chart text{fill:#1f2328}\n"
    "svg.chart .bg{fill:#e8ebef}\n"
    "svg.chart .b-good{fill:var(--met)}svg.chart .b-fair{fill:#d4a72c}"
    "svg.chart .b-poor{fill:var(--unmet)}\n"
    "svg.chart .mark{stroke:#0969da;stroke-width:3}\n"
    "svg.chart .sw{stroke:none}\n"
    ".bar{display:inline-block;width:80px;height:8px;background:#e8ebef;margin-left:8px;"
    "vertical-align:middle}\n"
    ".bar span{display:block;height:100%;background:var(--met)}\n"
    ".top{font-size:13px;margin:0 0 8px}\n"
    ".totals{color:var(--muted)}\n"
    "footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);"
    "padding-top:8px}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{padding:0;max-width:none;font-size:10pt}.top{display:none}"
    ".project{break-before:page}h1+.project{break-before:auto}"
    "tr,.cards,figure{break-inside:avoid}thead{display:table-header-group}"
    "a{color:inherit;text-decoration:none}}\n";

/* ---- text --------------------------------------------------------------- */

/* Text escaped for HTML content and quoted attributes. */
static void h_text(RepOut *o, const char *s) {
  size_t n = strlen(s), i = 0, run = 0;
  while (i < n) {
    int32_t cp;
    size_t k = rep_next(s + i, n - i, &cp);
    const char *e = cp < 0                                   ? "\xEF\xBF\xBD"
                    : cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? " "
                    : cp == '&'                              ? "&amp;"
                    : cp == '<'                              ? "&lt;"
                    : cp == '>'                              ? "&gt;"
                    : cp == '"'                              ? "&quot;"
                    : cp == '\''                             ? "&#39;"
                                                             : NULL;
    if (e) {
      rep_put(o, s + run, i - run);
      rep_puts(o, e);
      run = i + k;
    }
    i += k;
  }
  rep_put(o, s + run, n - run);
}

/* <tag class="cls">text</tag>, the text escaped. */
static void h_elem(RepOut *o, const char *tag, const char *cls, const char *text) {
  rep_puts(o, "<");
  rep_puts(o, tag);
  if (cls) {
    rep_puts(o, " class=\"");
    rep_puts(o, cls);
    rep_puts(o, "\"");
  }
  rep_puts(o, ">");
  h_text(o, text);
  rep_puts(o, "</");
  rep_puts(o, tag);
  rep_puts(o, ">");
}

static void h_uint(RepOut *o, unsigned v) {
  char t[16];
  snprintf(t, sizeof t, "%u", v);
  rep_puts(o, t);
}

/* An amount and its currency: "13.60 万元". */
static void h_money(RepOut *o, const char *amount, const RepProj *x) {
  rep_puts(o, amount);
  if (*x->currency) {
    rep_puts(o, " ");
    h_text(o, x->currency);
  }
}

static void h_status(RepOut *o, int status, int en) {
  rep_puts(o, "<span class=\"st st-");
  rep_puts(o, rt_status_name(status));
  rep_puts(o, "\">");
  rep_puts(o, rep_status_word(status, en));
  rep_puts(o, "</span>");
}

/* Each flag of a set as a badge. */
static void h_flags(RepOut *o, int flags, int en) {
  for (int k = 0; k < REP_NFLAGS; k++) {
    if (!(flags & rep_flag_bits[k])) continue;
    rep_puts(o, "<span class=\"flag f-");
    rep_puts(o, rep_flag_key(rep_flag_bits[k]));
    rep_puts(o, "\">");
    rep_puts(o, rep_flag_word(rep_flag_bits[k], en));
    rep_puts(o, "</span>");
  }
}

static void h_grade(RepOut *o, int grade, int en) {
  char cls[16];
  snprintf(cls, sizeof cls, "grade g%d", grade >= 0 && grade < 4 ? grade : 3);
  h_elem(o, "span", cls, rep_grade_word(grade, en));
}

/* ---- words ------------------------------------------------------------------ */

enum {
  W_SUMMARY, W_PROJECT, W_PLANNED, W_SPENT, W_RATE, W_ELAPSED, W_RATE_SCORE, W_TOTAL,
  W_GRADE, W_FLAGS, W_CHART, W_SCORE, W_POINTS, W_BUDGET_RATE, W_AS_OF,
  W_NOT_REPORTED, W_BACK, W_LEVEL2, W_NAME, W_TARGET, W_ACTUAL, W_STATUS, W_EXPL,
  W_PROJECTS, W_FOOTER, NWORDS
};

static const char *const words[NWORDS][2] = {
    {"汇总", "All projects"},
    {"项目", "project"},
    {"预算数", "planned"},
    {"执行数", "spent"},
    {"预算执行率", "execution rate"},
    {"时间进度", "elapsed"},
    {"执行率得分", "rate score"},
    {"总分", "total"},
    {"等级", "grade"},
    {"标记", "flags"},
    {"一级指标得分", "Score by level-1 category"},
    {"得分", "score"},
    {"分值", "points"},
    {"预算执行率", "budget execution"},
    {"截至", "as of"},
    {"未填报", "not reported"},
    {"返回汇总", "back to summary"},
    {"二级指标", "level 2"},
    {"三级指标", "indicator"},
    {"目标值", "target"},
    {"实际值", "actual"},
    {"状态", "status"},
    {"说明", "explanation"},
    {" 个项目", " projects"},
    {"依据财预〔2020〕10号评分, 由 indc 生成",
     "Scored under 财预〔2020〕10号; written by indc"},
};

static const char *word(int w, int en) { return words[w][en ? 1 : 0]; }

/* ---- the bar chart ------------------------------------------------------------- */

/* One bar: a level-1 category (or the execution rate) with its points. */
typedef struct Bar {
  const char *label;
  Dec points, score;
  int rate; /* the 预算执行率 bar, which carries the mid-year marker */
} Bar;

static const RtPolicy *h_policy(const RtResult *r, const RepProj *x) {
  return x->p->policy < r->prog->npolicies ? &r->prog->policies[x->p->policy] : NULL;
}

/* The bars of a project: the level-1 categories with applicable points
 * (RtProjResult.cat_points is indexed 产出, 效益, 满意度, 成本), then 预算执行率. */
static int chart_bars(const RtResult *r, const RepProj *x, int en, Bar *bars) {
  static const int slot_cat[4] = {RT_CAT_OUTPUT, RT_CAT_BENEFIT, RT_CAT_SATISFACTION,
                                  RT_CAT_COST};
  const RtPolicy *pol = h_policy(r, x);
  int n = 0;
  for (int k = 0; k < 4; k++) {
    if (x->res->cat_points[k] <= 0) continue;
    bars[n++] = (Bar){rt_category_name(slot_cat[k], en), x->res->cat_points[k],
                      x->res->cat_scores[k], 0};
  }
  if (pol && pol->w_rate > 0)
    bars[n++] = (Bar){word(W_BUDGET_RATE, en), pol->w_rate, x->res->rate_score, 1};
  return n;
}

/* v as a length on the chart's scale (max: the most points of any bar),
 * at most CHART_BAR_W. */
static Dec chart_scale(Dec v, Dec max) {
  Dec len = 0;
  if (v > 0 && dec_muldiv(v, (Dec)CHART_BAR_W * DEC_ONE, max, &len) != DEC_OK) len = 0;
  return len > (Dec)CHART_BAR_W * DEC_ONE ? (Dec)CHART_BAR_W * DEC_ONE : len;
}

/* A length or position, exact, printed with one decimal. */
static void chart_num(RepOut *o, Dec v) {
  char t[REP_NUM];
  rep_fmt_dec(v, 1, t);
  rep_puts(o, t);
}

/* The colour of a bar: its share of the points against the grade bands;
 * mid-year, the execution rate's against the calendar instead (on pace,
 * behind, or flagged lag). */
static const char *chart_class(const RtResult *r, const RepProj *x, const Bar *b) {
  const RtPolicy *pol = h_policy(r, x);
  if (b->rate && x->midyear && x->res->elapsed >= 0) {
    if (x->res->flags & RT_FLAG_LAG) return "b-poor";
    return x->has_rate && x->res->rate >= x->res->elapsed ? "b-good" : "b-fair";
  }
  Dec pct = 0;
  if (dec_muldiv(b->score, 100 * DEC_ONE, b->points, &pct) != DEC_OK) pct = 0;
  if (!pol) return "b-fair";
  return pct >= pol->grade_excellent ? "b-good" : pct >= pol->grade_fair ? "b-fair" : "b-poor";
}

static void chart_attr_int(RepOut *o, const char *name, int v) {
  char t[48];
  snprintf(t, sizeof t, " %s=\"%d\"", name, v);
  rep_puts(o, t);
}

/* Mid-year: a tick on the execution-rate bar where spending would stand
 * if it kept pace with the calendar (points x elapsed). */
static void chart_marker(RepOut *o, const RepProj *x, const Bar *b, Dec max, int y) {
  Dec at, pos;
  if (dec_mul(b->points, x->res->elapsed, &at) != DEC_OK ||
      dec_add(chart_scale(at, max), (Dec)CHART_BAR_X * DEC_ONE, &pos) != DEC_OK)
    return;
  rep_puts(o, "<line class=\"mark\" x1=\"");
  chart_num(o, pos);
  rep_puts(o, "\" x2=\"");
  chart_num(o, pos);
  rep_puts(o, "\"");
  chart_attr_int(o, "y1", y - 4);
  chart_attr_int(o, "y2", y + CHART_BAR_H + 4);
  rep_puts(o, "/>\n");
}

/* <rect class="cls" x=… y=… width=… height=…/> for a bar of length len. */
static void chart_rect(RepOut *o, const char *cls, int y, Dec len) {
  rep_puts(o, "<rect class=\"");
  rep_puts(o, cls);
  rep_puts(o, "\"");
  chart_attr_int(o, "x", CHART_BAR_X);
  chart_attr_int(o, "y", y);
  rep_puts(o, " width=\"");
  chart_num(o, len);
  rep_puts(o, "\"");
  chart_attr_int(o, "height", CHART_BAR_H);
  rep_puts(o, "/>\n");
}

/* "产出指标: 44.50 / 50.00" as the bar's tooltip, or only the numbers. */
static void chart_value(RepOut *o, const Bar *b, int label) {
  char score[REP_NUM], points[REP_NUM];
  rep_fmt_dec(b->score, 2, score);
  rep_fmt_dec(b->points, 2, points);
  if (label) {
    h_text(o, b->label);
    rep_puts(o, ": ");
  }
  rep_puts(o, score);
  rep_puts(o, " / ");
  rep_puts(o, points);
}

static void chart_bar(RepOut *o, const RtResult *r, const RepProj *x, const Bar *b, Dec max,
                      int row) {
  int y = CHART_TOP + row * CHART_ROW;
  rep_puts(o, "<g><title>");
  chart_value(o, b, 1);
  rep_puts(o, "</title>\n<text");
  chart_attr_int(o, "x", CHART_BAR_X - 10);
  chart_attr_int(o, "y", y + 14);
  rep_puts(o, " text-anchor=\"end\">");
  h_text(o, b->label);
  rep_puts(o, "</text>\n");
  chart_rect(o, "bg", y, chart_scale(b->points, max));
  chart_rect(o, chart_class(r, x, b), y, chart_scale(b->score, max));
  if (b->rate && x->midyear && x->res->elapsed >= 0) chart_marker(o, x, b, max, y);
  rep_puts(o, "<text");
  chart_attr_int(o, "x", CHART_BAR_X + CHART_BAR_W + 12);
  chart_attr_int(o, "y", y + 14);
  rep_puts(o, ">");
  chart_value(o, b, 0);
  rep_puts(o, "</text></g>\n");
}

/* The legend under the bars: score, points, and mid-year the tick. */
static void chart_legend(RepOut *o, int y, int midyear, int en) {
  static const char *const swatch[3] = {"b-good", "bg", NULL};
  static const int keys[3] = {W_SCORE, W_POINTS, W_ELAPSED};
  for (int k = 0; k < (midyear ? 3 : 2); k++) {
    int x = CHART_BAR_X + k * 110;
    if (swatch[k]) {
      rep_puts(o, "<rect class=\"");
      rep_puts(o, swatch[k]);
      rep_puts(o, "\"");
      chart_attr_int(o, "x", x);
      chart_attr_int(o, "y", y);
      rep_puts(o, " width=\"12\" height=\"12\"/>");
    } else {
      rep_puts(o, "<line class=\"mark\"");
      chart_attr_int(o, "x1", x + 6);
      chart_attr_int(o, "x2", x + 6);
      chart_attr_int(o, "y1", y - 2);
      chart_attr_int(o, "y2", y + 14);
      rep_puts(o, "/>");
    }
    rep_puts(o, "<text");
    chart_attr_int(o, "x", x + 18);
    chart_attr_int(o, "y", y + 11);
    rep_puts(o, ">");
    rep_puts(o, word(keys[k], en));
    rep_puts(o, "</text>\n");
  }
}

/* [REP-HTML-CHART] The score of each level-1 category (and of the
 * execution rate) against its points, all bars on one scale. */
static void h_chart(RepOut *o, const RtResult *r, const RepProj *x, int en) {
  Bar bars[CHART_BARS];
  int n = chart_bars(r, x, en, bars);
  Dec max = 0;
  for (int k = 0; k < n; k++)
    if (bars[k].points > max) max = bars[k].points;
  if (n == 0 || max <= 0) return;
  int h = CHART_TOP + n * CHART_ROW + CHART_LEGEND;
  rep_puts(o, "<figure>\n");
  h_elem(o, "figcaption", NULL, word(W_CHART, en));
  rep_puts(o, "\n<svg class=\"chart\" viewBox=\"0 0 ");
  h_uint(o, CHART_W);
  rep_puts(o, " ");
  h_uint(o, (unsigned)h);
  rep_puts(o, "\" role=\"img\" aria-label=\"");
  h_text(o, word(W_CHART, en));
  rep_puts(o, "\">\n");
  for (int k = 0; k < n; k++) chart_bar(o, r, x, &bars[k], max, k);
  chart_legend(o, CHART_TOP + n * CHART_ROW + 6, x->midyear && x->res->elapsed >= 0, en);
  rep_puts(o, "</svg>\n</figure>\n");
}

/* ---- the project header -------------------------------------------------------- */

/* A card: a key, a large value (with a grade, unless grade < 0) and a
 * small line under it; framed red when warn. */
static void h_card(RepOut *o, const char *key, const char *value, int grade, const char *sub,
                   int warn, int en) {
  rep_puts(o, warn ? "<div class=\"card warn\">" : "<div class=\"card\">");
  h_elem(o, "div", "k", key);
  rep_puts(o, "<div class=\"v\">");
  h_text(o, value);
  if (grade >= 0) h_grade(o, grade, en);
  rep_puts(o, "</div>");
  h_elem(o, "div", "s", sub);
  rep_puts(o, "</div>\n");
}

/* A percentage "48.57%" from its number, or "-" when there is none. */
static const char *h_pct(const char *num, char buf[REP_NUM + 1]) {
  if (!*num) return "-";
  snprintf(buf, REP_NUM + 1, "%s%%", num);
  return buf;
}

/* Two or three texts joined into buf: the small line of a card. */
static const char *h_join(char *buf, size_t cap, const char *a, const char *b, const char *c) {
  RepBuf t;
  rep_buf_init(&t, buf, cap);
  rep_cat(&t, a);
  rep_cat(&t, b);
  if (c) rep_cat(&t, c);
  return buf;
}

/* 总分 and grade, 预算执行率, mid-year 时间进度, 执行率得分. */
static void h_cards(RepOut *o, const RepProj *x, int en) {
  char v[REP_NUM + 1], sub[REP_TEXT], money[REP_TEXT];
  int warn = (x->res->flags & (RT_FLAG_LOW_RATE | RT_FLAG_LAG | RT_FLAG_UNDEFINED)) != 0;
  rep_puts(o, "<div class=\"cards\">\n");
  h_join(sub, sizeof sub, word(W_GRADE, en), " ", rep_grade_word(x->res->grade, en));
  h_card(o, word(W_TOTAL, en), x->total, x->res->grade, sub, 0, en);
  h_join(money, sizeof money, x->planned, *x->currency ? " " : "", x->currency);
  h_join(sub, sizeof sub, x->has_spent ? x->spent : word(W_NOT_REPORTED, en), " / ", money);
  h_card(o, word(W_RATE, en), h_pct(x->rate, v), -1, sub, warn, en);
  if (x->midyear) {
    h_join(sub, sizeof sub, word(W_AS_OF, en), " ", x->as_of);
    h_card(o, word(W_ELAPSED, en), h_pct(x->elapsed, v), -1, sub, 0, en);
  }
  h_join(sub, sizeof sub, "/ ", x->rate_points, NULL);
  h_card(o, word(W_RATE_SCORE, en), x->rate_score, -1, sub, 0, en);
  rep_puts(o, "</div>\n");
}

/* The execution rate's explanation ([REP-EXPL-RATE]) and the flags. */
static void h_rate_line(RepOut *o, const RepProj *x, int en) {
  char expl[REP_EXPL];
  rep_rate_explain(x, en, expl, sizeof expl);
  rep_puts(o, "<p class=\"rate\">");
  h_text(o, expl);
  if (x->res->flags) {
    rep_puts(o, " &nbsp; ");
    h_flags(o, x->res->flags, en);
  }
  rep_puts(o, "</p>\n");
}

/* ---- the indicator table ------------------------------------------------------- */

static const int ind_heads[9] = {W_LEVEL2, W_NAME,  W_TARGET, W_ACTUAL, W_STATUS,
                                 W_POINTS, W_SCORE, W_FLAGS,  W_EXPL};

static void h_ind_head(RepOut *o, int en) {
  rep_puts(o, "<table class=\"ind\">\n<thead><tr>");
  for (int k = 0; k < 9; k++)
    h_elem(o, "th", k == 5 || k == 6 ? "num" : NULL, word(ind_heads[k], en));
  rep_puts(o, "</tr></thead>\n<tbody>\n");
}

/* Index of a level-1 category in RtProjResult.cat_points (as eval.c). */
static int l1_slot(int level1) {
  return level1 == RT_CAT_OUTPUT ? 0 : level1 == RT_CAT_BENEFIT ? 1
       : level1 == RT_CAT_SATISFACTION ? 2 : 3;
}

/* A row that opens a level-1 category, with its score out of its points. */
static void h_level1_row(RepOut *o, const RepProj *x, int level1, int en) {
  int k = l1_slot(level1);
  char score[REP_NUM], points[REP_NUM];
  rep_fmt_dec(x->res->cat_scores[k], 2, score);
  rep_fmt_dec(x->res->cat_points[k], 2, points);
  rep_puts(o, "<tr class=\"l1\"><th colspan=\"9\">");
  h_text(o, rt_category_name(level1, en));
  if (x->res->cat_points[k] > 0) { /* none when every indicator is n/a or pending */
    rep_puts(o, "<span class=\"num\">");
    rep_puts(o, word(W_SCORE, en));
    rep_puts(o, " ");
    rep_puts(o, score);
    rep_puts(o, " / ");
    rep_puts(o, points);
    rep_puts(o, "</span>");
  }
  rep_puts(o, "</th></tr>\n");
}

/* One indicator; the row's class colours its left edge by status. */
static void h_ind_row(RepOut *o, const RtResult *r, uint32_t i, int en) {
  RepInd x;
  const char *l2;
  size_t l2n;
  char l2buf[REP_TEXT];
  RepBuf b;
  rep_ind(r, i, en, &x);
  rep_level2_short(x.in->level2, en, &l2, &l2n);
  rep_buf_init(&b, l2buf, sizeof l2buf);
  rep_catn(&b, l2, l2n);
  rep_puts(o, "<tr class=\"r-");
  rep_puts(o, rt_status_name(x.res->status));
  rep_puts(o, "\">");
  h_elem(o, "td", "l2", l2buf);
  rep_puts(o, "<td class=\"name\">");
  if (x.id) h_elem(o, "span", "id", x.id);
  h_text(o, x.name);
  rep_puts(o, "</td>");
  h_elem(o, "td", NULL, x.target);
  h_elem(o, "td", "act", x.actual);
  rep_puts(o, "<td>");
  h_status(o, x.res->status, en);
  rep_puts(o, "</td>");
  h_elem(o, "td", "num", x.weight);
  h_elem(o, "td", "num", x.has_score ? x.score : "-");
  rep_puts(o, "<td>");
  h_flags(o, x.res->flags, en);
  rep_puts(o, "</td>");
  rep_puts(o, "<td class=\"expl\">");
  h_text(o, x.expl);
  if (x.note[0]) { /* the data's 备注, under the explanation */
    rep_puts(o, "<div class=\"note\">");
    h_text(o, en ? "Note: " : "备注: ");
    h_text(o, x.note);
    rep_puts(o, "</div>");
  }
  rep_puts(o, "</td></tr>\n");
}

static void h_indicators(RepOut *o, const RtResult *r, const RepProj *x, int en) {
  int level1 = -1;
  h_ind_head(o, en);
  for (uint32_t i = x->first; i < x->end && !o->err; i++) {
    const RtIndicator *in = &r->prog->indicators[i];
    if (in->level1 != level1) h_level1_row(o, x, in->level1, en);
    level1 = in->level1;
    h_ind_row(o, r, i, en);
  }
  rep_puts(o, "</tbody>\n</table>\n");
}

/* ---- a project ------------------------------------------------------------------ */

static void h_project(RepOut *o, const RtResult *r, uint32_t p, int several, int en) {
  RepProj x;
  char line[REP_EXPL];
  rep_proj(r, p, &x);
  rep_puts(o, "<section class=\"project\" id=\"p");
  h_uint(o, p + 1);
  rep_puts(o, "\">\n");
  if (several) {
    rep_puts(o, "<p class=\"top\"><a href=\"#summary\">&#8593; ");
    rep_puts(o, word(W_BACK, en));
    rep_puts(o, "</a></p>\n");
  }
  h_elem(o, "h2", NULL, x.name);
  rep_puts(o, "\n");
  h_cards(o, &x, en);
  h_rate_line(o, &x, en);
  h_chart(o, r, &x, en);
  h_indicators(o, r, &x, en);
  rep_proj_summary(&x, en, line, sizeof line);
  h_elem(o, "p", "totals", line);
  rep_puts(o, "\n</section>\n");
}

/* ---- the summary of several projects ------------------------------------------------ */

static void h_sum_head(RepOut *o, int midyear, int en) {
  static const int heads[8] = {W_PROJECT, W_PLANNED,    W_SPENT, W_RATE,
                               W_ELAPSED, W_TOTAL,      W_GRADE, W_FLAGS};
  rep_puts(o, "<table>\n<thead><tr><th class=\"num\">#</th>");
  for (int k = 0; k < 8; k++) {
    if (heads[k] == W_ELAPSED && !midyear) continue;
    h_elem(o, "th", k >= 1 && k <= 5 ? "num" : NULL, word(heads[k], en));
  }
  rep_puts(o, "</tr></thead>\n<tbody>\n");
}

static void h_money_cell(RepOut *o, const char *amount, const RepProj *x) {
  rep_puts(o, "<td class=\"num\">");
  h_money(o, amount, x);
  rep_puts(o, "</td>");
}

/* A project's row: its number, its name linking to its section, money,
 * rates, the total with a bar as long as it, the grade and the flags. */
static void h_sum_row(RepOut *o, const RtResult *r, uint32_t p, int en) {
  RepProj x;
  char n[16], v[REP_NUM + 1];
  rep_proj(r, p, &x);
  snprintf(n, sizeof n, "%u", (unsigned)p + 1);
  rep_puts(o, "<tr>");
  h_elem(o, "td", "num", n);
  rep_puts(o, "<td><a href=\"#p");
  rep_puts(o, n);
  rep_puts(o, "\">");
  h_text(o, x.name);
  rep_puts(o, "</a></td>");
  h_money_cell(o, x.planned, &x);
  if (x.has_spent) h_money_cell(o, x.spent, &x);
  else h_elem(o, "td", "num", word(W_NOT_REPORTED, en));
  h_elem(o, "td", "num", h_pct(x.rate, v));
  if (x.midyear) h_elem(o, "td", "num", h_pct(x.elapsed, v));
  rep_puts(o, "<td class=\"num\">");
  rep_puts(o, x.total);
  rep_puts(o, "<span class=\"bar\"><span style=\"width:");
  rep_puts(o, x.total);
  rep_puts(o, "%\"></span></span></td><td>");
  h_grade(o, x.res->grade, en);
  rep_puts(o, "</td><td>");
  h_flags(o, x.res->flags, en);
  rep_puts(o, "</td></tr>\n");
}

/* "11 个项目: 优 9, 良 1, 中 1; 指标 187 项: 达成 150, …" */
static void h_sum_totals(RepOut *o, const RtResult *r, int en) {
  unsigned grades[4] = {0}, status[RT_ST_PENDING + 1] = {0}, nind = 0;
  for (uint32_t p = 0; p < r->prog->nprojects; p++) {
    RepProj x;
    rep_proj(r, p, &x);
    if (x.res->grade < 4) grades[x.res->grade]++;
    for (int s = 0; s <= RT_ST_PENDING; s++) status[s] += x.count[s];
    nind += x.end - x.first;
  }
  rep_puts(o, "<p class=\"totals\">");
  h_uint(o, r->prog->nprojects);
  rep_puts(o, word(W_PROJECTS, en));
  for (int g = 0, any = 0; g < 4; g++) {
    if (!grades[g]) continue;
    rep_puts(o, any++ ? ", " : ": ");
    h_grade(o, g, en);
    rep_puts(o, " ");
    h_uint(o, grades[g]);
  }
  rep_puts(o, en ? "; " : "; 指标 ");
  h_uint(o, nind);
  rep_puts(o, en ? (nind == 1 ? " indicator" : " indicators") : " 项");
  for (int s = 0, any = 0; s <= RT_ST_PENDING; s++) {
    if (!status[s]) continue;
    rep_puts(o, any++ ? ", " : ": ");
    h_status(o, s, en);
    rep_puts(o, " ");
    h_uint(o, status[s]);
  }
  rep_puts(o, "</p>\n");
}

static void h_summary(RepOut *o, const RtResult *r, int en) {
  rep_puts(o, "<section id=\"summary\">\n");
  h_elem(o, "h2", NULL, word(W_SUMMARY, en));
  rep_puts(o, "\n");
  h_sum_head(o, r->as_of != INT32_MIN, en);
  for (uint32_t p = 0; p < r->prog->nprojects && !o->err; p++) h_sum_row(o, r, p, en);
  rep_puts(o, "</tbody>\n</table>\n");
  h_sum_totals(o, r, en);
  rep_puts(o, "</section>\n");
}

/* ---- the page --------------------------------------------------------------------- */

static void h_page_head(RepOut *o, const char *title, int en) {
  rep_puts(o, "<!DOCTYPE html>\n<html lang=\"");
  rep_puts(o, en ? "en" : "zh-CN");
  rep_puts(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"indc\">\n");
  h_elem(o, "title", NULL, title);
  rep_puts(o, "\n<style>\n");
  rep_puts(o, html_css);
  rep_puts(o, "</style>\n</head>\n<body>\n");
  h_elem(o, "h1", NULL, title);
  rep_puts(o, "\n");
}

int rep_html(const RtResult *r, const RepOptions *opt, RepWrite w, void *ud) {
  RepOut o;
  int en = opt && opt->english;
  int several = r->prog->nprojects > 1;
  char title[REP_TEXT];
  RepPart part;
  rep_part(r, opt, &part);
  rep_out_init(&o, w, ud);
  if (part.head) {
    rep_title(r, en, title, sizeof title);
    h_page_head(&o, title, en);
    if (several) h_summary(&o, r, en);
  }
  for (uint32_t p = part.from; p < part.to && !o.err; p++) h_project(&o, r, p, several, en);
  if (part.tail) {
    rep_puts(&o, "<footer>");
    h_text(&o, word(W_FOOTER, en));
    rep_puts(&o, "</footer>\n</body>\n</html>\n");
  }
  return rep_out_end(&o);
}
