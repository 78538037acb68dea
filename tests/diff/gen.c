/*
 * gen.c - building a random case (gen.h).
 *
 * The order of building: the header (year, currency, policy), then per
 * project the category tree with its indicators and targets, then the
 * weights and every indicator's points (a second reading of
 * compiler/sema/weights.c, so scores given in points can be kept inside
 * their band), then the data rows, and last the --as-of date.
 *
 * What the cases are made to hit, beside plain random values: every
 * target kind and comparison, unit conversions (元/万元, ‰/%, 人次/万人次),
 * ties (B = A, B = 2A for ≤, B = 130% A, 执行率 = 90%, deadlines on the
 * day, scores at band edges), zero and negative values, A = 0, derived
 * actuals with a zero divisor or an absent field, 不适用, blank and absent
 * rows, the 101号 layout, repeated categories, duplicate names under
 * different level-2 categories, and names written differently in spec and
 * data (spaces, full-width forms, Chinese or ASCII quotes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

/* ---- tables ---------------------------------------------------------------------------------- */

const GenCat gen_cats[GEN_CAT__COUNT] = {
    {"产出指标", "产出", "output"},
    {"效益指标", "效益", "benefit"},
    {"满意度指标", "满意度", "satisfaction"},
    {"成本指标", "成本", "cost"},
    {"数量指标", "数量", "quantity"},
    {"质量指标", "质量", "quality"},
    {"时效指标", "时效", "timeliness"},
    {"经济效益指标", "经济效益", "economic"},
    {"社会效益指标", "社会效益", "social"},
    {"生态效益指标", "生态效益", "ecological"},
    {"可持续影响指标", "可持续影响", "sustainable"},
    {"服务对象满意度指标", "服务对象满意度", "beneficiary"},
    {"经济成本指标", "经济成本", "economic_cost"},
    {"社会成本指标", "社会成本", "social_cost"},
    {"生态环境成本指标", "生态环境成本", "ecological_cost"},
};

#define D(x) ((GenDec)(x) * GEN_ONE)
const GenUnit gen_units[] = {
    {"元", 0, D(1), 0},     {"千元", 0, D(1000), 0}, {"万元", 0, D(10000), 0},
    {"亿元", 0, D(100000000), 0},
    {"%", 1, D(1), 0},      {"‰", 1, GEN_ONE / 10, 0},
    {"人", 2, D(1), 0},     {"名", 2, D(1), 0},      {"万人", 2, D(10000), 1},
    {"人次", 3, D(1), 0},   {"人/次", 3, D(1), 0},   {"万人次", 3, D(10000), 0},
    {"场", 4, D(1), 0},     {"个", 5, D(1), 0},      {"篇", 6, D(1), 0},
    {"次", 7, D(1), 0},     {"项", 8, D(1), 0},      {"家", 9, D(1), 0},
    {"套", 10, D(1), 0},    {"件", 11, D(1), 0},     {"天", 12, D(1), 0},
    {"日", 12, D(1), 0},    {"小时", 13, D(1), 0},   {"平方米", 14, D(1), 0},
    {"公里", 15, D(1), 0},  {"期", 16, D(1), 0},     {"份", 17, D(1), 0},
    {"课时", 18, D(1), 1},
};
const int gen_nunits = (int)(sizeof gen_units / sizeof gen_units[0]);

const char *const gen_keywords[KW__COUNT][2] = {
    {"预算单位", "agency"}, {"年度", "year"},       {"金额单位", "currency"},
    {"计量单位", "unit"},   {"等级", "scale"},      {"评分规则", "policy"},
    {"项目", "project"},    {"预算数", "budget"},   {"财政资金", "fiscal"},
    {"其他资金", "other"},  {"资金用途", "purpose"}, {"指标", "indicator"},
    {"描述", "description"}, {"分值", "weight"},    {"实际", "actual"},
};

int gen_unit_index(const char *name) {
  for (int i = 0; i < gen_nunits; i++)
    if (!strcmp(gen_units[i].name, name)) return i;
  return -1;
}

/* ---- numbers and days ------------------------------------------------------------------------ */

void gd_fmt(GenDec v, char *buf, size_t cap) {
  uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t ip = m / (uint64_t)GEN_ONE, fp = m % (uint64_t)GEN_ONE;
  char frac[16] = "";
  if (fp) {
    snprintf(frac, sizeof frac, ".%09llu", (unsigned long long)fp);
    for (size_t n = strlen(frac); n > 1 && frac[n - 1] == '0'; n--) frac[n - 1] = '\0';
  }
  snprintf(buf, cap, "%s%llu%s", v < 0 ? "-" : "", (unsigned long long)ip, frac);
}

GenDec gd_muldiv(GenDec a, GenDec b, GenDec c) {
  if (c == 0) return 0;
  __int128 p = (__int128)a * b;
  int neg = (p < 0) != (c < 0);
  unsigned __int128 n = p < 0 ? (unsigned __int128)(-p) : (unsigned __int128)p;
  unsigned __int128 d = c < 0 ? (unsigned __int128)(-(__int128)c) : (unsigned __int128)c;
  unsigned __int128 q = (n + d / 2) / d;
  return neg ? -(GenDec)q : (GenDec)q;
}

int gd_convert(GenDec v, int from, int to, GenDec *out) {
  __int128 n = (__int128)v * gen_units[from].factor;
  GenDec f = gen_units[to].factor;
  if (n % f != 0) return 0;
  n /= f;
  if (n > INT64_MAX / 2 || n < -(INT64_MAX / 2)) return 0;
  *out = (GenDec)n;
  return 1;
}

int32_t gen_days(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + (int)doe - 719468);
}

void gen_civil(int32_t z, int *y, int *m, int *d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)yoe + era * 400 + (*m <= 2);
}

static int month_days(int y, int m) {
  return gen_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - gen_days(y, m, 1);
}

void gen_quote(const char *s, char *out, size_t cap) {
  size_t o = 0;
  if (cap < 3) return;
  out[o++] = '"';
  for (; *s && o + 3 < cap; s++) {
    if (*s == '"' || *s == '\\') out[o++] = '\\';
    out[o++] = *s;
  }
  out[o++] = '"';
  out[o] = '\0';
}

/* ---- randomness ------------------------------------------------------------------------------ */

typedef struct Gen {
  uint64_t s;
  GenCase *c;
} Gen;

static uint64_t rnd(Gen *g) { /* splitmix64 */
  uint64_t z = (g->s += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static int pick(Gen *g, int n) { return n <= 1 ? 0 : (int)(rnd(g) % (uint64_t)n); }
static int chance(Gen *g, int pct) { return pick(g, 100) < pct; }
static int range(Gen *g, int lo, int hi) { return lo + pick(g, hi - lo + 1); }
/* Whole units in [lo, hi] plus, when frac > 0 and chance(pct), a fraction
 * of 1..frac in units of step.  The draws are sequenced, so the same seed
 * gives the same case with every C compiler (the order in which a + b
 * evaluates its operands is not defined). */
static GenDec whole_plus(Gen *g, int lo, int hi, int pct, int frac, GenDec step) {
  GenDec v = D(range(g, lo, hi));
  if (frac > 0 && chance(g, pct)) v += (GenDec)range(g, 1, frac) * step;
  return v;
}
#define PICK(g, arr) ((arr)[pick((g), (int)(sizeof(arr) / sizeof((arr)[0])))])
/* One of the strings given. */
#define ONE_OF(g, ...) PICK((g), ((const char *const[]){__VA_ARGS__}))

/* ---- text helpers ---------------------------------------------------------------------------- */

/* Append s to buf; when it does not fit, only whole UTF-8 characters. */
static void cat(char *buf, size_t cap, const char *s) {
  size_t n = strlen(buf), m = strlen(s);
  if (n + m >= cap) {
    m = cap - n - 1;
    while (m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80) m--;
  }
  memcpy(buf + n, s, m);
  buf[n + m] = '\0';
}

/* Length of the UTF-8 character at s. */
static size_t u8len(const char *s) {
  unsigned char c = (unsigned char)*s;
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The full-width form of an ASCII character, or NULL. */
static const char *fullwidth(char c) {
  static const char *const digits[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  static const char *const upper = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ";
  static char one[4];
  if (c >= '0' && c <= '9') return digits[c - '0'];
  if (c >= 'A' && c <= 'Z') {
    memcpy(one, upper + 3 * (c - 'A'), 3), one[3] = '\0';
    return one;
  }
  switch (c) {
  case '.': return "．";
  case ',': return "，";
  case '%': return "％";
  case '+': return "＋";
  case '-': return "－";
  case ':': return "：";
  case '/': return "／";
  }
  return NULL;
}

/*
 * A variant of canonical text s that has the same key: spaces (ASCII or
 * U+3000) between some characters, ASCII made full-width, （） made ASCII,
 * and, if quotes, “” made ASCII quotes.  level 0 copies s.
 */
static void variant(Gen *g, const char *s, char *out, size_t cap, int level, int quotes) {
  out[0] = '\0';
  int spaces = level && chance(g, 50), wide = level && chance(g, 40);
  int paren = level && chance(g, 50), q = quotes && level && chance(g, 40);
  if (level && chance(g, 15)) cat(out, cap, chance(g, 50) ? " " : "　");
  for (const char *p = s; *p;) {
    size_t n = u8len(p);
    char ch[8];
    memcpy(ch, p, n), ch[n] = '\0';
    const char *w = n == 1 && wide ? fullwidth(*p) : NULL;
    if (paren && !strcmp(ch, "（")) w = "(";
    else if (paren && !strcmp(ch, "）")) w = ")";
    else if (q && (!strcmp(ch, "“") || !strcmp(ch, "”"))) w = "\"";
    cat(out, cap, w ? w : ch);
    p += n;
    if (spaces && *p && chance(g, 12)) cat(out, cap, ONE_OF(g, " ", " ", "　", "  "));
  }
  if (level && chance(g, 15)) cat(out, cap, " ");
}

/* ASCII digits and signs of s in full-width forms. */
static void widen(const char *s, char *out, size_t cap) {
  out[0] = '\0';
  for (; *s; s++) {
    const char *w = (*s & 0x80) == 0 ? fullwidth(*s) : NULL;
    char one[2] = {*s, '\0'};
    cat(out, cap, w ? w : one);
  }
}

/* ---- names ----------------------------------------------------------------------------------- */

static const char *const words[] = {
    "青年", "志愿", "服务", "活动", "培训", "宣传", "社区", "学生", "论坛", "调研",
    "阵地", "品牌", "交流", "工作", "信息", "系统", "网站", "维护", "运维", "设备",
    "会议", "代表", "团员", "少先队", "辅导员", "就业", "创业", "实践", "文明", "安全",
    "保障", "宣讲", "课程", "基地", "场馆", "帮扶", "心理", "法治", "文化", "体育",
    "科技", "读书", "关爱", "示范", "建设", "更新", "提升", "机关", "物业", "食堂",
    "青联", "委员", "西部计划", "挑战杯", "三下乡", "返家乡", "困境儿童", "社工", "网格", "专项"};

static const char *const suffix[][8] = {
    /* GK_QUANT count */ {"场次", "人数", "次数", "数量", "个数", "篇数", "期数", "覆盖人次"},
    /* share */ {"覆盖率", "完成率", "满意度", "合格率", "及时率", "达标率", "处置比例", "知晓率"},
    /* money */ {"经费", "成本", "费用", "支出", "运转费用", "服务费", "工资费用", "宣传成本"},
    /* deadline */ {"完成时间", "工作时限", "截止时间", "办结时间", "上线时间", "验收时间", "召开时间", "报送时间"},
    /* text, period */ {"效果", "影响", "水平", "成效", "作用", "质量", "工作机制", "社会效益"},
    /* grade */ {"评估等级", "等级", "评级", "星级评定", "资质等级", "评估结果", "认定等级", "考核等级"},
};
enum { SUF_COUNT, SUF_SHARE, SUF_MONEY, SUF_DATE, SUF_TEXT, SUF_GRADE };

static const char *const field_names[] = {
    "已处置工单", "工单总数", "满意人数", "调查人数", "到位资金", "计划资金", "参训人数",
    "报名人数", "完成场次", "计划场次", "实际支出", "预算支出", "覆盖学校", "学校总数",
    "注册志愿者", "活跃志愿者", "`工单2023`", "`回访2023`"};
enum { NFIELD_NAMES = sizeof field_names / sizeof field_names[0] };

/* A canonical indicator name of suffix class cls. */
static void make_name(Gen *g, int cls, char *out, size_t cap) {
  out[0] = '\0';
  int n = chance(g, 8) ? range(g, 6, 12) : range(g, 1, 3);
  if (chance(g, 6)) cat(out, cap, ONE_OF(g, "12355", "A类", "2023年度", "5G"));
  for (int i = 0; i < n; i++) {
    if (i && n > 4 && chance(g, 25)) cat(out, cap, ONE_OF(g, "，", "、", "及"));
    if (chance(g, 4)) {
      cat(out, cap, "“");
      cat(out, cap, PICK(g, words));
      cat(out, cap, "”");
    } else {
      cat(out, cap, PICK(g, words));
    }
  }
  /* characters that need escaping in C, SQL, comments or formats */
  if (chance(g, 5))
    cat(out, cap, ONE_OF(g, "'", "\\", "*/", "/*", "%s", "%d%%", "?\?=", "--", ";", "`", "$HOME",
                         "<b>&amp;", "'); --", "\\n"));
  cat(out, cap, suffix[cls][pick(g, 8)]);
  if (chance(g, 4)) cat(out, cap, ONE_OF(g, "（含税）", "（2023年）", "（一期）"));
}

static int name_taken(const GenProj *p, const char *name, int skip) {
  for (int i = 0; i < p->nind; i++)
    if (i != skip && !strcmp(p->ind[i].name, name)) return 1;
  return 0;
}

static int is_field_name(const char *s) {
  for (int i = 0; i < NFIELD_NAMES; i++)
    if (!strcmp(field_names[i], s)) return 1;
  return !strcmp(s, "执行数");
}

/* ---- targets --------------------------------------------------------------------------------- */

static const char *cmp_glyph(Gen *g, int cmp) {
  switch (cmp) {
  case GC_GE: return ONE_OF(g, "≥", "≥", ">=", "≧");
  case GC_LE: return ONE_OF(g, "≤", "≤", "<=", "≦");
  case GC_GT: return ONE_OF(g, ">", ">", "＞");
  case GC_LT: return ONE_OF(g, "<", "<", "＜");
  case GC_EQ: return ONE_OF(g, "=", "＝");
  }
  return "";
}

/* A number as the spec writes it: sometimes with trailing zeros. */
static void spec_number(Gen *g, GenDec v, char *buf, size_t cap) {
  gd_fmt(v, buf, cap);
  if (chance(g, 15)) cat(buf, cap, strchr(buf, '.') ? "0" : ".00");
}

/* A of a quantitative target in unit u (class by dimension). */
static GenDec quant_a(Gen *g, int u) {
  const char *n = u >= 0 ? gen_units[u].name : "";
  if (chance(g, 3)) return 0;
  if (chance(g, 2)) return -D(range(g, 1, 10));
  if (!strcmp(n, "%"))
    return PICK(g, ((const GenDec[]){D(100), D(95), D(90), D(98), D(85), D(80), D(60),
                                     D(1), D(5), 99 * GEN_ONE + GEN_ONE / 2, 33330000000}));
  if (!strcmp(n, "‰")) return PICK(g, ((const GenDec[]){D(1), D(3), D(5), GEN_ONE / 2}));
  if (!strcmp(n, "万元") || !strcmp(n, "千元"))
    return chance(g, 50) ? D(range(g, 1, 500)) : whole_plus(g, 0, 300, 100, 9999, GEN_ONE / 10000);
  if (!strcmp(n, "亿元")) return (GenDec)range(g, 1, 500) * (GEN_ONE / 100);
  if (!strcmp(n, "元")) return whole_plus(g, 100, 900000, 20, 1, GEN_ONE / 2);
  if (!strcmp(n, "小时") || !strcmp(n, "课时") || !strcmp(n, "公里") || !strcmp(n, "平方米"))
    return whole_plus(g, 1, 2000, 40, 1, GEN_ONE / 2);
  if (chance(g, 70)) return D(range(g, 1, 60));
  return D(range(g, 1, 5000));
}

/* Build a quantitative target of unit u and comparison cmp. */
static void quant_target(Gen *g, GenInd *in, int u, int cmp) {
  char num[48];
  in->kind = GK_QUANT;
  in->unit = u;
  in->cmp = cmp;
  in->a = quant_a(g, u);
  spec_number(g, in->a, num, sizeof num);
  const char *un = u >= 0 ? gen_units[u].name : "";
  if (!strcmp(un, "%") && chance(g, 20)) un = "％";
  const char *sp1 = chance(g, 15) ? " " : "", *sp2 = chance(g, 50) && *un ? " " : "";
  snprintf(in->target, sizeof in->target, "%s%s%s%s%s", cmp_glyph(g, cmp), sp1, num, sp2, un);
}

static int unit_of_class(Gen *g, int cls) {
  static const char *const counts[] = {"场", "个", "篇", "次", "项", "家", "套", "件",
                                       "人", "名", "人次", "天", "小时", "期", "份", "公里"};
  const char *n;
  switch (cls) {
  case SUF_SHARE: n = chance(g, 92) ? "%" : "‰"; break;
  case SUF_MONEY: n = ONE_OF(g, "万元", "万元", "万元", "元", "千元", "亿元"); break;
  default: n = PICK(g, counts); break;
  }
  int u = gen_unit_index(n);
  if (cls == SUF_COUNT && g->c->custom_units && chance(g, 15))
    u = gen_unit_index(chance(g, 50) ? "课时" : "万人");
  if (cls == SUF_COUNT && chance(g, 5)) u = gen_unit_index("人/次");
  if (cls != SUF_MONEY && chance(g, 5)) u = -1; /* no unit: the no-unit warning */
  return u;
}

/* A deadline as the tables write it ([LEX-8]). */
static void deadline_target(Gen *g, GenInd *in, int year) {
  int y = chance(g, 90) ? year : chance(g, 70) ? year + 1 : year - 1;
  int m = chance(g, 50) ? PICK(g, ((const int[]){3, 6, 6, 9, 12, 12, 12})) : range(g, 1, 12);
  int last = month_days(y, m);
  int d = chance(g, 70) ? last : range(g, 1, last);
  if (chance(g, 3)) m = 1, d = 1; /* on Jan 1: no time allowed */
  if (year % 4 == 0 && y == year && chance(g, 5)) m = 2, d = 29;
  in->kind = GK_DEADLINE;
  in->a = (GenDec)gen_days(y, m, d); /* the day number, not a Dec */
  const char *sp = chance(g, 15) ? " " : "";
  if (d == month_days(y, m) && chance(g, 70)) {
    if (m == 12 && chance(g, 40))
      snprintf(in->target, sizeof in->target, "%d%s年底前%s", y, sp, chance(g, 50) ? "完成" : "");
    else
      snprintf(in->target, sizeof in->target, "%d%s年%s%d%s月底前%s", y, sp, sp, m, sp,
               chance(g, 50) ? "完成" : "");
    return;
  }
  switch (pick(g, 4)) {
  case 0: snprintf(in->target, sizeof in->target, "%d年%d月%d日前", y, m, d); break;
  case 1: snprintf(in->target, sizeof in->target, "截至 %04d-%02d-%02d", y, m, d); break;
  case 2: snprintf(in->target, sizeof in->target, "by %04d-%02d-%02d", y, m, d); break;
  default: snprintf(in->target, sizeof in->target, "%04d-%02d-%02d", y, m, d); break;
  }
}

static void period_target(Gen *g, GenInd *in, int year) {
  int y = chance(g, 85) ? year : year + 1;
  in->kind = GK_PERIOD;
  in->a = y;
  switch (pick(g, 7)) {
  case 0: snprintf(in->target, sizeof in->target, "全年"), in->a = year; break;
  case 1: snprintf(in->target, sizeof in->target, "%d全年", y); break;
  case 2: snprintf(in->target, sizeof in->target, "%d年全年", y); break;
  case 3: snprintf(in->target, sizeof in->target, "%d年内", y); break;
  case 4: snprintf(in->target, sizeof in->target, "年内 %d", y); break;
  case 5: snprintf(in->target, sizeof in->target, "within %d", y); break;
  default: snprintf(in->target, sizeof in->target, "full_year"), in->a = year; break;
  }
}

static const char *const stars[] = {"一星", "二星", "三星", "四星", "五星"};

static void grade_target(Gen *g, GenInd *in) {
  in->kind = GK_GRADE;
  in->unit = g->c->custom_scale && chance(g, 40); /* 1: the 星级 scale */
  in->a = range(g, 1, 5);
  char member[16];
  if (in->unit) snprintf(member, sizeof member, "%s", stars[in->a - 1]);
  else snprintf(member, sizeof member, "%dA", (int)in->a);
  switch (in->unit ? pick(g, 4) % 2 * 2 : pick(g, 4)) { /* 达到五星级 would be one name */
  case 0: snprintf(in->target, sizeof in->target, "达到 %s 级", member); break;
  case 1: snprintf(in->target, sizeof in->target, "达到%s级", member); break;
  case 2: snprintf(in->target, sizeof in->target, "达到 %s", member); break;
  default: snprintf(in->target, sizeof in->target, "reach %s", member); break;
  }
}

static void text_target(Gen *g, GenInd *in) {
  static const char *const texts[] = {
      "进一步提升", "有效降低", "逐步提高", "达成既定目标，高质量完成会议", "按照有关合同内容，开展相关工作。",
      "服务青年、服务大局、服务社会、服务委员", "长期", "会议召开后未来五年", "保障就餐人员用餐要求，饮食健康卫生。",
      "组织“挑战杯”大学生创业计划竞赛", "各高校参与", "按照二类会议标准执行",
      "完成率 100%，\"优\" 'A' \\ 良", "按 */ 标准 /* 执行", "%s %d ?\?= -- ; DROP TABLE t"};
  in->kind = GK_TEXT;
  const char *t = PICK(g, texts);
  int plain = strpbrk(t, "\"\\") != NULL; /* escapes only in "…" */
  int chinese_quotes = !plain && !strstr(t, "“") && chance(g, 30);
  if (!plain && strstr(t, "“") && chance(g, 50)) chinese_quotes = 1; /* “…“…”…” nests */
  if (chinese_quotes) snprintf(in->target, sizeof in->target, "“%s”", t);
  else gen_quote(t, in->target, sizeof in->target);
}

/* ---- derived actuals ------------------------------------------------------------------------- */

/* A field name not yet used by this indicator. */
static const char *take_field(Gen *g, GenInd *in) {
  for (;;) {
    const char *f = PICK(g, field_names);
    int dup = 0;
    for (int i = 0; i < in->nfields; i++) dup |= !strcmp(in->fields[i], f);
    if (dup) continue;
    snprintf(in->fields[in->nfields++], sizeof in->fields[0], "%s", f);
    return f;
  }
}

/* Keep the fields that the expression reads (a field taken for an
 * expression that was then not used would get a row nobody reads). */
static void keep_read_fields(GenInd *in) {
  int n = 0;
  for (int i = 0; i < in->nfields; i++)
    if (strstr(in->expr, in->fields[i])) memmove(in->fields[n++], in->fields[i], sizeof in->fields[0]);
  in->nfields = n;
}

/* A field for a random expression: a new one, or one already read. */
static const char *any_field(Gen *g, GenInd *in) {
  if (in->nfields < GEN_MAX_FIELDS && (in->nfields == 0 || chance(g, 40))) return take_field(g, in);
  return in->fields[pick(g, in->nfields)];
}

/* A constant: whole or with up to 9 decimals, sometimes in a unit of
 * the target's dimension (converted by the compiler). */
static void rand_const(Gen *g, const GenInd *in, char *out, size_t cap) {
  GenDec v = D(range(g, 0, 200));
  if (chance(g, 40)) {
    v = range(g, 0, 2000000);
    v *= range(g, 1, 1000);
  }
  if (chance(g, 3)) v = D(4000000000);
  char num[48];
  gd_fmt(v, num, sizeof num);
  const char *un = in->unit >= 0 ? gen_units[in->unit].name : "";
  if (!strcmp(un, "%") && chance(g, 40)) snprintf(out, cap, "%s%%", num);
  else if (gen_units[in->unit < 0 ? 0 : in->unit].dim == 0 && in->unit >= 0 && chance(g, 40))
    snprintf(out, cap, "%s %s", num, ONE_OF(g, "元", "万元", "千元"));
  else snprintf(out, cap, "%s", num);
}

/* A random expression over the indicator's fields, fully parenthesised.
 * Returns 1 when it is a condition (a comparison, 且 或 非), which is 1 or
 * 0 inside other operators but no actual of its own ([EXPR-TYPE]). */
static int rand_expr(Gen *g, GenInd *in, int depth, char *out, size_t cap) {
  char a[1600], b[1600], c[1600];
  int r = depth <= 0 ? 0 : pick(g, 100);
  if (r < 25) {
    if (chance(g, 65)) snprintf(out, cap, "%s", any_field(g, in));
    else rand_const(g, in, out, cap);
    return 0;
  }
  rand_expr(g, in, depth - 1, a, sizeof a);
  if (r < 30) {
    const char *op = ONE_OF(g, "-", "非 ", "not ", "!");
    /* 非 binds looser than the arithmetic after it (非 (a) * b is
     * 非 ((a) * b)): parenthesised, so that a condition stays an operand */
    snprintf(out, cap, op[0] == '-' ? "%s(%s)" : "(%s(%s))", op, a);
    return op[0] != '-';
  }
  int cb = rand_expr(g, in, depth - 1, b, sizeof b);
  if (r < 58)
    snprintf(out, cap, "(%s %s %s)", a, ONE_OF(g, "+", "-", "*", "/", "/", "*"), b);
  else if (r < 70)
    snprintf(out, cap, "(%s %s %s)", a, ONE_OF(g, "<", "<=", ">", ">=", "==", "!=", "≥", "≤"), b);
  else if (r < 78)
    snprintf(out, cap, "(%s %s %s)", a, ONE_OF(g, "且", "或", "and", "or", "&&", "||"), b);
  if (r >= 58 && r < 78) return 1;
  if (r < 90 && r >= 78) {
    int cc = rand_expr(g, in, depth - 1, c, sizeof c);
    if (chance(g, 70)) snprintf(out, cap, "(如果 %s 则 %s 否则 %s)", a, b, c);
    else snprintf(out, cap, "(if %s then %s else %s)", a, b, c);
    return cb && cc; /* a choice between two conditions is one */
  } else if (r >= 90) {
    const char *fn = ONE_OF(g, "min", "max", "最小", "最大");
    if (chance(g, 50)) {
      rand_expr(g, in, depth - 1, c, sizeof c);
      snprintf(out, cap, "%s(%s, %s, %s)", fn, a, b, c);
    } else {
      snprintf(out, cap, "%s(%s, %s)", fn, a, b);
    }
  }
  return 0;
}

/* 实际 = … for a quantitative target of unit u. */
static void derived_expr(Gen *g, GenInd *in) {
  if (chance(g, 40)) { /* random, over up to four fields */
    char e[4096];
    int depth = range(g, 1, 3);
    int cond;
    do cond = rand_expr(g, in, depth--, e, sizeof e);
    while ((strlen(e) >= sizeof in->expr || cond) && depth >= 0);
    if (strlen(e) < sizeof in->expr) {
      memcpy(in->expr, e, strlen(e) + 1);
      keep_read_fields(in);
      if (in->nfields > 0) return;
    }
    in->nfields = 0;
  }
  const char *un = in->unit >= 0 ? gen_units[in->unit].name : "";
  const char *f1 = take_field(g, in), *f2 = take_field(g, in), *f3 = NULL;
  const char *pct = chance(g, 20) ? "％" : "%";
  char *e = in->expr;
  size_t cap = sizeof in->expr;
  if (!strcmp(un, "%")) {
    switch (pick(g, 5)) {
    case 0: snprintf(e, cap, "%s / %s * 100%s", f1, f2, pct); break;
    case 1: snprintf(e, cap, "如果 %s > 0 则 %s / %s * 100%s 否则 0", f2, f1, f2, pct); break;
    case 2:
      snprintf(e, cap, "%s(%s / %s * 100%s, 100%s)", ONE_OF(g, "最小", "min"), f1, f2, pct, pct);
      break;
    case 3:
      snprintf(e, cap, "if %s != 0 and %s >= 0 then %s * 100%s / %s else 0", f2, f1, f1, pct, f2);
      break;
    default: snprintf(e, cap, "(%s - %s) / %s * 100%s", f2, f1, f2, pct); break;
    }
  } else if (!strcmp(un, "万元")) {
    switch (pick(g, 3)) {
    case 0: snprintf(e, cap, "%s / 10000", f1); break;
    case 1: snprintf(e, cap, "%s + %s + 5000 元", f1, f2); break;
    default: snprintf(e, cap, "%s(%s, %s)", chance(g, 50) ? "最小" : "min", f1, f2); break;
    }
  } else {
    switch (pick(g, 6)) {
    case 0: snprintf(e, cap, "%s + %s", f1, f2); break;
    case 1: snprintf(e, cap, "%s(%s, %s, 0)", chance(g, 50) ? "最大" : "max", f1, f2); break;
    case 2: snprintf(e, cap, "%s - %s", f1, f2); break;
    case 3:
      f3 = take_field(g, in);
      snprintf(e, cap, "如果 %s >= %s 且 %s != 0 则 %s 否则 %s", f1, f2, f3, f1, f2);
      break;
    case 4: snprintf(e, cap, "-%s + 2 * %s", f1, f2); break;
    default:
      f3 = take_field(g, in);
      snprintf(e, cap, "如果 非 (%s < %s) 或 %s == 0 则 (%s + %s) / 2 否则 %s", f1, f2, f3, f1, f2, f3);
      break;
    }
  }
  keep_read_fields(in); /* f2 is not always read */
}

/* ---- indicators ------------------------------------------------------------------------------ */

/* Which kind of target, by level-2 category (with a little of anything). */
static int choose_kind(Gen *g, int l2, int *cls) {
  int r = pick(g, 100);
  if (chance(g, 6)) r = 200 + pick(g, 5); /* anything goes */
  switch (l2) {
  case GEN_CAT_QUANTITY: *cls = r < 80 ? SUF_COUNT : r < 88 ? SUF_SHARE : SUF_TEXT; break;
  case GEN_CAT_QUALITY:
    *cls = r < 45 ? SUF_SHARE : r < 75 ? SUF_TEXT : r < 88 ? SUF_GRADE : SUF_COUNT;
    break;
  case GEN_CAT_TIMELINESS: /* -1: a period */
    *cls = r < 60 ? SUF_DATE : r < 85 ? -1 : r < 95 ? SUF_SHARE : SUF_TEXT;
    break;
  case GEN_CAT_COST: case GEN_CAT_ECONOMIC_COST: case GEN_CAT_SOCIAL_COST: case GEN_CAT_ECO_COST:
    *cls = r < 82 ? SUF_MONEY : r < 92 ? SUF_TEXT : SUF_COUNT;
    break;
  case GEN_CAT_BENEFICIARY: *cls = r < 88 ? SUF_SHARE : r < 95 ? SUF_COUNT : SUF_TEXT; break;
  default:
    *cls = r < 45 ? SUF_TEXT : r < 68 ? SUF_COUNT : r < 85 ? SUF_SHARE : r < 92 ? -1 : SUF_GRADE;
    break;
  }
  if (r >= 200)
    *cls = PICK(g, ((const int[]){SUF_COUNT, SUF_SHARE, SUF_MONEY, SUF_DATE, SUF_TEXT, SUF_GRADE,
                                  -1}));
  switch (*cls) {
  case SUF_DATE: return GK_DEADLINE;
  case SUF_TEXT: return GK_TEXT;
  case SUF_GRADE: return GK_GRADE;
  case -1: *cls = SUF_TEXT; return GK_PERIOD;
  default: return GK_QUANT;
  }
}

static int choose_cmp(Gen *g, int cls, int l2) {
  int r = pick(g, 100);
  if (cls == SUF_MONEY) return r < 75 ? GC_LE : r < 85 ? GC_LT : r < 93 ? GC_EQ : GC_GE;
  if (cls == SUF_SHARE && l2 == GEN_CAT_QUALITY && r < 15) return r < 10 ? GC_LE : GC_LT;
  if (cls == SUF_SHARE)
    return r < 50 ? GC_GE : r < 70 ? GC_GT : r < 85 ? GC_BARE : r < 93 ? GC_EQ : GC_LE;
  return r < 60 ? GC_GE : r < 72 ? GC_BARE : r < 80 ? GC_EQ : r < 88 ? GC_GT
         : r < 95 ? GC_LE : GC_LT;
}

/* A name for a new indicator of project p under level-2 category l2. */
static void name_indicator(Gen *g, GenProj *p, GenInd *in, int cls, int self) {
  /* a duplicate name under another level-2 category (or, with ids, the same) */
  if (self > 0 && chance(g, 10)) {
    const GenInd *o = &p->ind[pick(g, self)];
    int same_l2 = o->l2 == in->l2;
    if (!same_l2 || (o->id[0] && in->id[0] && chance(g, 50))) {
      memcpy(in->name, o->name, sizeof in->name);
      return;
    }
  }
  do make_name(g, cls, in->name, sizeof in->name);
  while (name_taken(p, in->name, self) || is_field_name(in->name));
}

static void make_indicator(Gen *g, GenProj *p, int l1, int l2) {
  int self = p->nind++;
  GenInd *in = &p->ind[self];
  memset(in, 0, sizeof *in);
  in->alive = 1;
  in->l1 = l1, in->l2 = l2, in->unit = -1, in->cmp = GC_GE;
  if (chance(g, 20)) snprintf(in->id, sizeof in->id, "%c%d", "ghkpx"[pick(g, 5)], self + 1);
  int cls, kind = choose_kind(g, l2, &cls);
  name_indicator(g, p, in, cls, self);
  /* the same name under the same level-2 needs two distinct ids */
  for (int i = 0; i < self; i++)
    if (!strcmp(p->ind[i].name, in->name) && p->ind[i].l2 == l2) {
      if (!p->ind[i].id[0]) snprintf(p->ind[i].id, sizeof p->ind[i].id, "d%d", i + 1);
      if (!in->id[0]) snprintf(in->id, sizeof in->id, "d%d", self + 1);
    }
  variant(g, in->name, in->spec_name, sizeof in->spec_name, chance(g, 25), 0);
  switch (kind) {
  case GK_DEADLINE: deadline_target(g, in, g->c->part[p->part].year); break;
  case GK_PERIOD: period_target(g, in, g->c->part[p->part].year); break;
  case GK_GRADE: grade_target(g, in); break;
  case GK_TEXT: text_target(g, in); break;
  default: {
    int u = unit_of_class(g, cls);
    quant_target(g, in, u, choose_cmp(g, cls, l2));
    break;
  }
  }
  if (kind == GK_QUANT && chance(g, 14)) derived_expr(g, in);
  if (chance(g, 10)) memcpy(in->desc, in->name, sizeof in->desc);
}

/* ---- the category tree ----------------------------------------------------------------------- */

static void add_l2(Gen *g, GenProj *p, GenL1 *b, int l2) {
  if (b->nsub >= GEN_MAX_L2) return;
  GenL2 *s = &b->sub[b->nsub++];
  memset(s, 0, sizeof *s);
  s->cat = l2;
  int n = chance(g, 10) ? range(g, 5, GEN_MAX_L2_IND) : range(g, 1, 3);
  for (int i = 0; i < n && p->nind < GEN_MAX_IND; i++) {
    s->ind[s->n++] = p->nind;
    make_indicator(g, p, b->cat, l2);
  }
}

static GenL1 *add_l1(GenProj *p, int cat) {
  GenL1 *b = &p->l1[p->nl1++];
  memset(b, 0, sizeof *b);
  b->cat = cat;
  return b;
}

static void make_tree(Gen *g, GenProj *p) {
  static const int outs[] = {GEN_CAT_QUANTITY, GEN_CAT_QUALITY, GEN_CAT_TIMELINESS, GEN_CAT_COST};
  static const int bens[] = {GEN_CAT_ECONOMIC, GEN_CAT_SOCIAL, GEN_CAT_ECOLOGICAL,
                             GEN_CAT_SUSTAINABLE};
  static const int costs[] = {GEN_CAT_ECONOMIC_COST, GEN_CAT_SOCIAL_COST, GEN_CAT_ECO_COST};
  int layout101 = chance(g, 30);
  if (chance(g, 2)) return; /* a project with a budget and nothing else */
  while (p->nind == 0) {
    if (chance(g, 92)) {
      GenL1 *b = add_l1(p, GEN_CAT_OUTPUT);
      for (int i = 0; i < 4; i++)
        if (chance(g, i == 3 && layout101 ? 30 : 70)) add_l2(g, p, b, outs[i]);
      if (b->nsub == 0) add_l2(g, p, b, outs[pick(g, 4)]);
    }
    if (layout101) {
      GenL1 *b = add_l1(p, GEN_CAT_COST);
      for (int i = 0; i < 3; i++)
        if (chance(g, 55)) add_l2(g, p, b, costs[i]);
      if (b->nsub == 0) add_l2(g, p, b, costs[pick(g, 3)]);
    }
    if (chance(g, 85)) {
      GenL1 *b = add_l1(p, GEN_CAT_BENEFIT);
      for (int i = 0; i < 4; i++)
        if (chance(g, i == 1 ? 80 : 30)) add_l2(g, p, b, bens[i]);
      if (b->nsub == 0) add_l2(g, p, b, bens[pick(g, 4)]);
    }
    if (chance(g, 85)) add_l2(g, p, add_l1(p, GEN_CAT_SATISFACTION), GEN_CAT_BENEFICIARY);
    /* the tables repeat categories: a level-2 block again, or a level-1 block */
    if (p->nl1 < GEN_MAX_L1 && chance(g, 10)) {
      GenL1 *b = add_l1(p, GEN_CAT_OUTPUT);
      add_l2(g, p, b, outs[pick(g, 4)]);
    }
    if (p->nl1 && chance(g, 10)) {
      GenL1 *b = &p->l1[pick(g, p->nl1)];
      if (b->nsub) add_l2(g, p, b, b->sub[pick(g, b->nsub)].cat);
    }
  }
}

/* ---- weights and points (compiler/sema/weights.c, [IND-4]) ------------------------------- */

static int group_of(int l1) {
  return l1 == GEN_CAT_BENEFIT ? 1 : l1 == GEN_CAT_SATISFACTION ? 2 : 0;
}

/* total (in hundredths of a point) cut into n random parts, into out[]. */
static void cut(Gen *g, GenDec total, int n, GenDec *out) {
  int64_t units = total / (GEN_ONE / 100), left = units;
  for (int i = 0; i < n; i++) {
    int64_t share = i == n - 1 ? left : left ? (int64_t)(rnd(g) % (uint64_t)(left + 1)) : 0;
    if (i < n - 1 && chance(g, 60)) share = share / 100 * 100; /* mostly whole points */
    out[i] = share * (GEN_ONE / 100);
    left -= share;
  }
}

typedef struct Group {
  GenL2 *blocks[GEN_MAX_L1 * GEN_MAX_L2];
  int nb;
  GenDec points;
} Group;

/* Level-2 blocks of group gi, and its points: the sum of level-1 分值 when
 * every level-1 block of the group has one, else the policy's. */
static void collect(GenCase *c, GenProj *p, int gi, Group *gr) {
  int all = 1, any = 0;
  GenDec sum = 0;
  gr->nb = 0;
  for (int i = 0; i < p->nl1; i++) {
    GenL1 *b = &p->l1[i];
    if (group_of(b->cat) != gi) continue;
    any = 1;
    all &= b->has_weight;
    sum += b->weight;
    for (int j = 0; j < b->nsub; j++) gr->blocks[gr->nb++] = &b->sub[j];
  }
  gr->points = any && all ? sum : c->part[p->part].pol.points[gi];
}

/* Weights for some (or all) indicators of block s: all of them add up to
 * total; some add up to at most total and leave the rest to the others. */
static void weigh_inds(Gen *g, GenProj *p, GenL2 *s, GenDec total, int all) {
  all |= s->n == 1;
  int k = all ? s->n : range(g, 1, s->n - 1);
  GenDec parts[GEN_MAX_L2_IND];
  cut(g, all ? total : gd_muldiv(total, range(g, 0, 100), 100), k, parts);
  for (int i = 0; i < k; i++) {
    GenInd *in = &p->ind[s->ind[i]];
    in->has_weight = 1, in->weight = parts[i];
  }
}

/* Give some weights to group gi of project p; all of them valid. */
static void make_weights(Gen *g, GenProj *p, int gi) {
  Group gr;
  collect(g->c, p, gi, &gr);
  if (gr.nb == 0) return;
  int mode = pick(g, 100);
  if (mode < 55) return;
  if (mode < 80) { /* indicator weights: all of the group's, or some */
    int all = chance(g, 40), n = 0;
    for (int i = 0; i < gr.nb; i++) n += gr.blocks[i]->n;
    all |= n == 1;
    GenDec parts[GEN_MAX_IND];
    int k = all ? n : range(g, 1, n - 1);
    cut(g, all ? gr.points : gd_muldiv(gr.points, range(g, 0, 100), 100), k, parts);
    for (int i = 0, t = 0; i < gr.nb && t < k; i++)
      for (int j = 0; j < gr.blocks[i]->n && t < k; j++, t++) {
        GenInd *in = &p->ind[gr.blocks[i]->ind[j]];
        in->has_weight = 1, in->weight = parts[t];
      }
    return;
  }
  /* level-2 weights on some blocks (all of them: they add up to the group) */
  int all = chance(g, 35) || gr.nb == 1, k = all ? gr.nb : range(g, 1, gr.nb - 1);
  GenDec parts[GEN_MAX_L1 * GEN_MAX_L2];
  cut(g, all ? gr.points : gd_muldiv(gr.points, range(g, 0, 100), 100), k, parts);
  for (int i = 0; i < k; i++) {
    GenL2 *s = gr.blocks[i];
    s->has_weight = 1, s->weight = parts[i];
    if (chance(g, 30)) weigh_inds(g, p, s, s->weight, chance(g, 30));
  }
}

/* Split pool equally over the unweighted indicators of the blocks. */
static void share(GenProj *p, GenL2 **blocks, int nb, GenL2 *only, GenDec pool) {
  int n = 0;
  for (int i = 0; i < nb; i++) {
    GenL2 *s = blocks[i];
    if (only ? s != only : s->has_weight) continue;
    for (int j = 0; j < s->n; j++) n += p->ind[s->ind[j]].alive && !p->ind[s->ind[j]].has_weight;
  }
  if (n == 0) return;
  GenDec each = gd_muldiv(pool, GEN_ONE, (GenDec)n * GEN_ONE);
  for (int i = 0; i < nb; i++) {
    GenL2 *s = blocks[i];
    if (only ? s != only : s->has_weight) continue;
    for (int j = 0; j < s->n; j++) {
      GenInd *in = &p->ind[s->ind[j]];
      if (in->alive && !in->has_weight) in->points = each;
    }
  }
}

static void compute_points(GenCase *c, GenProj *p) {
  for (int gi = 0; gi < 3; gi++) {
    Group gr;
    collect(c, p, gi, &gr);
    GenDec rest = gr.points;
    for (int i = 0; i < gr.nb; i++) {
      GenL2 *s = gr.blocks[i];
      GenDec given = 0;
      for (int j = 0; j < s->n; j++) {
        GenInd *in = &p->ind[s->ind[j]];
        if (in->alive && in->has_weight) in->points = in->weight, given += in->weight;
      }
      if (s->has_weight) share(p, gr.blocks, gr.nb, s, s->weight - given), rest -= s->weight;
      else rest -= given;
    }
    share(p, gr.blocks, gr.nb, NULL, rest);
  }
}

static void level1_weights(Gen *g, GenProj *p) {
  if (!chance(g, 12)) return;
  for (int i = 0; i < p->nl1; i++) {
    p->l1[i].has_weight = 1;
    p->l1[i].weight = D(PICK(g, ((const int[]){10, 20, 30, 40, 50, 60, 25})));
  }
}

/* ---- the policy ------------------------------------------------------------------------------ */

static void policy_line(const GenCase *c, GenPolicy *pol, const char *zh, const char *en,
                        const char *value) {
  char line[200];
  snprintf(line, sizeof line, "  %s %s %s%s\n", c->lang == 1 ? en : zh, c->fullwidth ? "＝" : "=",
           value, c->semicolons ? (c->fullwidth ? "；" : ";") : "");
  cat(pol->text, sizeof pol->text, line);
}

static void band_line(Gen *g, const GenCase *c, GenPolicy *pol, int b, const char *zh,
                      const char *en) {
  char v[96], lo[16], hi[16], df[16];
  gd_fmt(pol->lo[b] * 100, lo, sizeof lo);
  gd_fmt(pol->hi[b] * 100, hi, sizeof hi);
  gd_fmt(pol->dflt[b] * 100, df, sizeof df);
  const char *comma = c->fullwidth && chance(g, 50) ? "，" : ", ";
  snprintf(v, sizeof v, "%s%%%s%s%%%s%s%%", lo, comma, hi, comma, df);
  policy_line(c, pol, zh, en, v);
}

/* The prelude's policy (财预〔2020〕10号), as far as the generator needs it. */
static void default_policy(GenPolicy *pol) {
  static const GenDec dlo[3] = {80, 60, 0}, dhi[3] = {100, 80, 60}, ddf[3] = {100, 70, 30};
  memset(pol, 0, sizeof *pol);
  pol->points[0] = D(50), pol->points[1] = D(30), pol->points[2] = D(10), pol->points[3] = D(10);
  for (int b = 0; b < 3; b++)
    pol->lo[b] = dlo[b] * GEN_ONE / 100, pol->hi[b] = dhi[b] * GEN_ONE / 100,
    pol->dflt[b] = ddf[b] * GEN_ONE / 100;
}

/* The policy of a file whose settings apply on top of base. */
static void make_policy(Gen *g, const GenCase *c, GenPolicy *pol, const GenPolicy *base) {
  *pol = *base;
  pol->text[0] = '\0';
  if (!chance(g, 30)) return;
  static const char *const keys[4][2] = {
      {"产出指标", "output"}, {"效益指标", "benefit"}, {"满意度指标", "satisfaction"},
      {"预算执行率", "budget_rate"}};
  for (int k = 0; k < 4; k++)
    if (chance(g, 20)) {
      char v[32];
      pol->points[k] = D(range(g, 0, 12) * 5);
      gd_fmt(pol->points[k], v, sizeof v);
      policy_line(c, pol, keys[k][0], keys[k][1], v);
    }
  if (chance(g, 50)) {
    int ratio = chance(g, 70);
    policy_line(c, pol, "反向公式", "reverse",
                c->lang == 1 ? (ratio ? "ratio" : "difference") : (ratio ? "比例" : "差额"));
  }
  if (chance(g, 40)) { /* new bands, touching or not */
    int met_lo = PICK(g, ((const int[]){70, 80, 85, 90}));
    int part_lo = PICK(g, ((const int[]){40, 50, 60}));
    int gap = chance(g, 80) ? 0 : 5;
    int v[3][3] = {{met_lo, 100, range(g, met_lo, 100)},
                   {part_lo, met_lo - gap, 0},
                   {0, part_lo - gap, 0}};
    v[1][2] = range(g, v[1][0], v[1][1]);
    v[2][2] = range(g, v[2][0], v[2][1]);
    static const char *const names[3][2] = {{"达成", "met"}, {"部分达成", "partial"}, {"未达成", "unmet"}};
    for (int b = 0; b < 3; b++) {
      GenDec lo = (GenDec)v[b][0] * GEN_ONE / 100, hi = (GenDec)v[b][1] * GEN_ONE / 100;
      GenDec dflt = (GenDec)v[b][2] * GEN_ONE / 100;
      int moved = lo != base->lo[b] || hi != base->hi[b] || dflt != base->dflt[b];
      if (!moved && !chance(g, 30)) continue; /* unwritten: the base's stays */
      pol->lo[b] = lo, pol->hi[b] = hi, pol->dflt[b] = dflt;
      band_line(g, c, pol, b, names[b][0], names[b][1]);
    }
  }
  if (chance(g, 30)) policy_line(c, pol, "优", "excellent", ONE_OF(g, "85", "90", "95"));
  if (chance(g, 20)) policy_line(c, pol, "良", "good", ONE_OF(g, "75", "80"));
  if (chance(g, 30))
    policy_line(c, pol, "超额偏差", "overshoot", ONE_OF(g, "110%", "120%", "150%"));
  if (chance(g, 30))
    policy_line(c, pol, "执行率偏差", "low_rate", ONE_OF(g, "80%", "95%", "100%"));
  if (chance(g, 30)) policy_line(c, pol, "进度偏差", "lag", ONE_OF(g, "10%", "30%", "0%"));
}

/* ---- actual values --------------------------------------------------------------------------- */

static GenRow *new_row(Gen *g, int proj, int kind) {
  GenCase *c = g->c;
  if (c->nrow >= GEN_MAX_ROWS) return NULL;
  GenRow *r = &c->row[c->nrow++];
  memset(r, 0, sizeof *r);
  r->alive = 1, r->proj = proj, r->kind = kind;
  variant(g, c->proj[proj].name, r->proj_ref, sizeof r->proj_ref, chance(g, 20), 1);
  r->blank_proj = chance(g, 30);
  if (chance(g, 6))
    snprintf(r->note, sizeof r->note, "%s",
             ONE_OF(g, "受疫情影响，\n部分议程改为线上", "含线上参会", "说明：\"数据\"来自台账",
                    "全年无重大故障", "a,b"));
  return r;
}

/* Digits of s with thousands separators ("142500.5" -> "142,500.5"). */
static void group3(const char *s, char *out, size_t cap) {
  const char *dot = strchr(s, '.');
  size_t neg = s[0] == '-', n = (dot ? (size_t)(dot - s) : strlen(s)) - neg, o = 0;
  if (neg && o + 1 < cap) out[o++] = '-';
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    if (i && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = s[neg + i];
  }
  out[o] = '\0';
  if (dot) cat(out, cap, dot);
}

/* A number as data writes it: grouped, signed, zero-padded or full-width. */
static void data_number(Gen *g, GenDec v, char *out, size_t cap) {
  char plain[48], t[96];
  gd_fmt(v, plain, sizeof plain);
  if (v >= 1000 * GEN_ONE && chance(g, 30)) group3(plain, t, sizeof t);
  else snprintf(t, sizeof t, "%s%s", v >= 0 && chance(g, 5) ? "+" : "", plain);
  if (chance(g, 8)) cat(t, sizeof t, strchr(t, '.') ? "00" : ".000");
  if (chance(g, 8)) widen(t, out, cap);
  else snprintf(out, cap, "%s", t);
}

/* A JSON number of value v: plain or with an exponent. */
static void json_number(Gen *g, GenDec v, char *out, size_t cap) {
  char plain[48];
  gd_fmt(v, plain, sizeof plain);
  if (v % GEN_ONE != 0 || v == 0 || chance(g, 50)) {
    snprintf(out, cap, "%s", plain);
    return;
  }
  size_t n = strlen(plain);
  int k = 0;
  while (n > 1 && plain[n - 1] == '0') plain[--n] = '\0', k++;
  const char *e = ONE_OF(g, "e", "E", "e+");
  int neg = plain[0] == '-';
  if (n - (size_t)neg > 1 && chance(g, 50)) /* 1.425e5 */
    snprintf(out, cap, "%.*s%c.%s%s%d", neg, plain, plain[neg], plain + neg + 1, e,
             k + (int)(n - (size_t)neg) - 1);
  else
    snprintf(out, cap, "%s%s%d", plain, e, k);
}

/* B for a quantitative target A: ties, edges and plain values. */
static GenDec quant_b(Gen *g, GenDec a) {
  GenDec abs_a = a < 0 ? -a : a, tiny = PICK(g, ((const GenDec[]){1, GEN_ONE / 1000, GEN_ONE}));
  int r = pick(g, 100);
  if (r < 20) return a;                          /* tie */
  if (r < 25) return 2 * a;                      /* ≤: zero from B >= 2A */
  if (r < 28) return 2 * a - tiny;
  if (r < 33) return gd_muldiv(a, 13, 10);       /* overshoot at 130% */
  if (r < 43) return chance(g, 50) ? a + tiny : a - tiny;
  if (r < 48) return 0;
  if (r < 51) return -D(range(g, 1, 50));
  if (r < 55) {
    GenDec times = range(g, 2, 1000);
    return abs_a * times + D(range(g, 0, 99));
  }
  if (r < 56) return D(9000000000);              /* near the top of the range */
  GenDec b = gd_muldiv(abs_a ? abs_a : D(10), range(g, 0, 150), 100);
  return b + (chance(g, 30) ? (GenDec)range(g, 0, 999) * (GEN_ONE / 1000) : 0);
}

static void value_quant(Gen *g, GenInd *in, GenRow *r) {
  GenDec b = quant_b(g, in->a);
  int u = in->unit;
  char num[96];
  /* [DATA-FRACTION] a bare 0 < B <= 1 for a target of 10% or more is an
   * error (a fraction or a percentage?): such a B is written with its unit */
  int ambiguous = u >= 0 && !strcmp(gen_units[u].name, "%") && in->a >= D(10) && b > 0 &&
                  b <= D(1);
  if (!ambiguous && g->c->json && chance(g, 30)) { /* a bare JSON number, in the target's unit */
    json_number(g, b, r->value, sizeof r->value);
    r->json_number = 1;
    return;
  }
  if (u < 0 || (!ambiguous && chance(g, 30))) { /* a bare number is in the target's unit */
    data_number(g, b, r->value, sizeof r->value);
    return;
  }
  int to = u;
  GenDec bu = b;
  for (int tries = 0; tries < 4 && chance(g, 40); tries++) { /* another unit of the dimension */
    int cand = pick(g, gen_nunits);
    if (gen_units[cand].dim != gen_units[u].dim || (gen_units[cand].custom && !g->c->custom_units))
      continue;
    if (gd_convert(b, u, cand, &bu)) {
      to = cand;
      break;
    }
    bu = b;
  }
  data_number(g, bu, num, sizeof num);
  const char *un = gen_units[to].name;
  if (!strcmp(un, "%") && chance(g, 20)) un = "％";
  snprintf(r->value, sizeof r->value, "%s%s%s", num, chance(g, 25) ? " " : "", un);
}

static void value_deadline(Gen *g, int year, GenInd *in, GenRow *r) {
  int32_t dl = (int32_t)in->a, jan1 = gen_days(year, 1, 1);
  int r100 = pick(g, 100);
  int32_t day = r100 < 30   ? dl
                : r100 < 45 ? dl - range(g, 1, 60)
                : r100 < 60 ? dl + 1
                : r100 < 85 ? dl + range(g, 2, 120)
                : r100 < 92 ? jan1 - range(g, 0, 3)
                            : dl + range(g, 300, 500);
  int y, m, d;
  gen_civil(day, &y, &m, &d);
  char t[64];
  switch (pick(g, 5)) {
  case 0: snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d); break;
  case 1: snprintf(t, sizeof t, "%04d/%02d/%02d", y, m, d); break;
  case 2: snprintf(t, sizeof t, "%d年%d月%d日", y, m, d); break;
  case 3: snprintf(t, sizeof t, "%d-%d-%d", y, m, d); break;
  default: snprintf(t, sizeof t, "%d年%02d月%02d日", y, m, d); break;
  }
  if (chance(g, 8)) widen(t, r->value, sizeof r->value);
  else snprintf(r->value, sizeof r->value, "%s", t);
}

static void value_grade(Gen *g, GenInd *in, GenRow *r) {
  int rank = (int)in->a + PICK(g, ((const int[]){0, 0, 1, -1, 2, -2, -4, 4}));
  if (rank < 1) rank = 1;
  if (rank > 5) rank = 5;
  char t[32];
  if (in->unit) snprintf(t, sizeof t, "%s", stars[rank - 1]);
  else snprintf(t, sizeof t, "%dA", rank);
  if (chance(g, 50)) cat(t, sizeof t, "级");
  if (chance(g, 10)) widen(t, r->value, sizeof r->value);
  else snprintf(r->value, sizeof r->value, "%s", t);
}

/* A score inside the band of grade b for points w, or "" when none fits. */
static void band_score(Gen *g, const GenPolicy *pol, int b, GenDec w, char *out, size_t cap) {
  GenDec lo = gd_muldiv(pol->lo[b], w, GEN_ONE), hi = gd_muldiv(pol->hi[b], w, GEN_ONE);
  GenDec plo = pol->lo[b] * 100, phi = pol->hi[b] * 100, x, v;
  int r = pick(g, 5);
  x = r == 0 ? plo : r == 1 && b == 0 ? phi : r == 2 ? phi - GEN_ONE
      : plo + gd_muldiv(phi - plo, range(g, 0, 99), 100);
  int points = chance(g, 30);
  if (points) v = r == 0 ? lo : r == 1 && b == 0 ? hi : gd_muldiv(w, x, 100 * GEN_ONE);
  else v = gd_muldiv(w, x, 100 * GEN_ONE);
  out[0] = '\0';
  if (v < lo || (b == 0 ? v > hi : v >= hi)) return;
  char num[48];
  gd_fmt(points ? v : x, num, sizeof num);
  const char *colon = chance(g, 80) ? ":" : "：";
  snprintf(out, cap, "%s%s%s", colon, num,
           points ? (chance(g, 50) ? "分" : "") : (chance(g, 80) ? "%" : "％"));
}

static void value_graded(Gen *g, const GenPolicy *pol, GenInd *in, GenRow *r) {
  static const char *const forms[3][4] = {
      {"达成", "达成年度指标", "达成预期指标", "met"},
      {"部分达成", "部分达成年度指标并具有一定效果", "partial", "Partial"},
      {"未达成", "未达成年度指标且效果较差", "unmet", "UNMET"}};
  int b = pick(g, 3);
  const char *word = chance(g, 70) ? forms[b][0] : forms[b][range(g, 1, 3)];
  char score[64] = "";
  if (chance(g, 40)) band_score(g, pol, b, in->points, score, sizeof score);
  snprintf(r->value, sizeof r->value, "%s%s", word, score);
}

/* How the data names indicator i of project p. */
static void indicator_ref(Gen *g, const GenProj *p, int i, char *out, size_t cap) {
  const GenInd *in = &p->ind[i];
  int same = 0, same_l2 = 0;
  for (int j = 0; j < p->nind; j++)
    if (j != i && !strcmp(p->ind[j].name, in->name)) same++, same_l2 += p->ind[j].l2 == in->l2;
  if (in->id[0] && (same_l2 || chance(g, 40))) {
    snprintf(out, cap, "%s", in->id);
    return;
  }
  char name[GEN_NAME];
  variant(g, in->name, name, sizeof name, chance(g, 40), 1);
  if (!same && chance(g, 85)) {
    snprintf(out, cap, "%s", name);
    return;
  }
  const GenCat *k = &gen_cats[in->l2];
  char catname[64];
  switch (pick(g, 4)) {
  case 0: snprintf(catname, sizeof catname, "%s", k->full); break;
  case 1: snprintf(catname, sizeof catname, "%s", k->brief); break;
  case 2: snprintf(catname, sizeof catname, "%s", k->en); break;
  default:
    snprintf(catname, sizeof catname, "%s", k->en);
    for (char *s = catname; *s; s++)
      if (*s >= 'a' && *s <= 'z' && (s == catname || chance(g, 30))) *s = (char)(*s - 'a' + 'A');
    break;
  }
  snprintf(out, cap, "%s%s%s", catname, chance(g, 85) ? "/" : "／", name);
}

static void rows_for_indicator(Gen *g, int pi, int i) {
  GenProj *p = &g->c->proj[pi];
  GenInd *in = &p->ind[i];
  if (in->expr[0] || chance(g, 7)) return; /* derived, or no row: missing */
  GenRow *r = new_row(g, pi, GR_IND);
  if (!r) return;
  r->ind = i;
  indicator_ref(g, p, i, r->ref, sizeof r->ref);
  int x = pick(g, 100);
  if (x < 3) return; /* blank: not reported yet */
  if (x < 9) {
    snprintf(r->value, sizeof r->value, "%s", ONE_OF(g, "不适用", "不适用", "N/A", "na", "NA"));
    return;
  }
  switch (in->kind) {
  case GK_QUANT: value_quant(g, in, r); break;
  case GK_DEADLINE: value_deadline(g, g->c->part[p->part].year, in, r); break;
  case GK_GRADE: value_grade(g, in, r); break;
  default: value_graded(g, &g->c->part[p->part].pol, in, r); break;
  }
}

/* One row per raw field the project's derived indicators read. */
static void rows_for_fields(Gen *g, int pi) {
  GenProj *p = &g->c->proj[pi];
  const char *done[GEN_MAX_IND * GEN_MAX_FIELDS];
  int ndone = 0;
  GenDec base = D(PICK(g, ((const int[]){100, 200, 1000, 1200, 50})));
  for (int i = 0; i < p->nind; i++)
    for (int f = 0; f < p->ind[i].nfields; f++) {
      const char *name = p->ind[i].fields[f];
      int seen = 0;
      for (int k = 0; k < ndone; k++) seen |= !strcmp(done[k], name);
      if (seen) continue;
      done[ndone++] = name;
      if (chance(g, 8)) continue; /* absent: the derived actual is missing */
      GenRow *r = new_row(g, pi, GR_FIELD);
      if (!r) return;
      snprintf(r->field, sizeof r->field, "%s", name);
      /* in data a backquoted field is written without its backquotes */
      const char *bare = name[0] == '`' ? name + 1 : name;
      snprintf(r->ref, sizeof r->ref, "%.*s", (int)(strlen(bare) - (name[0] == '`')), bare);
      GenDec a = p->ind[i].a, v;
      int x = pick(g, 100);
      v = x < 15 ? 0 : x < 45 ? base : x < 70 ? gd_muldiv(base, a, 100 * GEN_ONE)
          : x < 74 ? -D(range(g, 1, 20)) : x < 77 ? D(9000000000) * (chance(g, 50) ? 1 : -1)
          : whole_plus(g, 0, 3000, 30, 999, GEN_ONE / 1000);
      if (x >= 15 && x < 70 && chance(g, 30)) v = a;
      if (g->c->json && chance(g, 30)) {
        json_number(g, v, r->value, sizeof r->value);
        r->json_number = 1;
      } else {
        data_number(g, v, r->value, sizeof r->value);
      }
    }
}

static void row_spent(Gen *g, int pi) {
  GenCase *c = g->c;
  GenProj *p = &c->proj[pi];
  if (!chance(g, 75)) return;
  GenRow *r = new_row(g, pi, GR_SPENT);
  if (!r) return;
  snprintf(r->ref, sizeof r->ref, "%s", chance(g, 85) ? "执行数" : " 执行数 ");
  if (chance(g, 4)) return; /* blank: rate unknown */
  GenDec b = p->budget, s;
  int x = pick(g, 100);
  s = x < 20 ? b : x < 30 ? gd_muldiv(b, 9, 10) : x < 35 ? gd_muldiv(b, 9, 10) - GEN_ONE / 100
      : x < 40 ? 0 : x < 50 ? b + D(range(g, 1, 20)) : gd_muldiv(b, range(g, 30, 100), 100);
  if (s < 0) s = 0; /* 9/10 of a budget of 0, less a cent: money spent is never negative */
  int currency = c->part[p->part].currency;
  const char *cur = gen_units[currency].name;
  int other = gen_unit_index(!strcmp(cur, "元") ? "万元" : "元");
  GenDec so;
  if (c->json && chance(g, 30)) {
    json_number(g, s, r->value, sizeof r->value);
    r->json_number = 1;
  } else if (chance(g, 30) && gd_convert(s, currency, other, &so)) {
    char num[64];
    data_number(g, so, num, sizeof num);
    snprintf(r->value, sizeof r->value, "%s%s", num, gen_units[other].name);
  } else {
    data_number(g, s, r->value, sizeof r->value);
    if (chance(g, 20)) cat(r->value, sizeof r->value, cur);
  }
}

static void make_rows(Gen *g) {
  GenCase *c = g->c;
  for (int pi = 0; pi < c->nproj; pi++) {
    int first = c->nrow;
    int spent_first = chance(g, 50);
    if (spent_first) row_spent(g, pi);
    for (int i = 0; i < c->proj[pi].nind; i++) rows_for_indicator(g, pi, i);
    rows_for_fields(g, pi);
    if (!spent_first) row_spent(g, pi);
    if (chance(g, 20)) /* rows in any order */
      for (int i = c->nrow - 1; i > first; i--) {
        int j = first + pick(g, i - first + 1);
        GenRow t = c->row[i];
        c->row[i] = c->row[j], c->row[j] = t;
      }
  }
  if (chance(g, 10)) /* projects interleaved */
    for (int i = c->nrow - 1; i > 0; i--) {
      int j = pick(g, i + 1);
      GenRow t = c->row[i];
      c->row[i] = c->row[j], c->row[j] = t;
    }
}

/* ---- projects and the case ------------------------------------------------------------------- */

static void make_project_name(Gen *g, GenCase *c, GenProj *p) {
  static const char *const heads[] = {"团市委", "天津市", "“青春+”", "青少年", "共青团", "少先队", "青联"};
  static const char *const tails[] = {"项目", "项目经费", "专项经费", "运维项目", "品牌活动", "工作项目"};
  for (;;) {
    p->name[0] = '\0';
    cat(p->name, sizeof p->name, PICK(g, heads));
    int n = chance(g, 10) ? range(g, 8, 14) : range(g, 1, 4);
    for (int i = 0; i < n; i++) cat(p->name, sizeof p->name, PICK(g, words));
    if (chance(g, 10)) cat(p->name, sizeof p->name, "（2023年）");
    if (chance(g, 4)) cat(p->name, sizeof p->name, ONE_OF(g, "'", "*/", "\\", "%s"));
    cat(p->name, sizeof p->name, PICK(g, tails));
    int dup = 0;
    for (int i = 0; i < c->nproj; i++) dup |= &c->proj[i] != p && !strcmp(c->proj[i].name, p->name);
    if (!dup) break;
  }
  variant(g, p->name, p->spec_name, sizeof p->spec_name, chance(g, 15), 0);
}

static void make_budget(Gen *g, GenCase *c, GenProj *p) {
  int currency = c->part[p->part].currency, yuan = !strcmp(gen_units[currency].name, "元");
  p->budget = chance(g, 4) ? 0
              : yuan        ? D(range(g, 1000, 900000))
                            : whole_plus(g, 1, 600, 99, 99, GEN_ONE / 100);
  char num[48];
  spec_number(g, p->budget, num, sizeof num);
  GenDec alt;
  int other = gen_unit_index(yuan ? "万元" : "元");
  if (chance(g, 10) && gd_convert(p->budget, currency, other, &alt)) {
    gd_fmt(alt, num, sizeof num);
    snprintf(p->budget_text, sizeof p->budget_text, "%s %s", num, gen_units[other].name);
  } else {
    snprintf(p->budget_text, sizeof p->budget_text, "%s", num);
  }
  p->split = chance(g, 40);
  p->fiscal = p->split ? gd_muldiv(p->budget, range(g, 0, 100), 100) : 0;
  if (yuan) p->fiscal = p->fiscal / GEN_ONE * GEN_ONE;
  p->other = p->budget - p->fiscal;
}

static void make_project(Gen *g, int pi) {
  GenCase *c = g->c;
  GenProj *p = &c->proj[pi];
  memset(p, 0, sizeof *p);
  p->alive = 1;
  p->part = c->nparts == 1 ? 0 : pi < 2 ? 1 - pi : pick(g, 2); /* both files get one */
  make_project_name(g, c, p);
  make_budget(g, c, p);
  if (chance(g, 20)) snprintf(p->purpose, sizeof p->purpose, "%s", "聘请相关资质单位，对现有设备进行运维保修服务。");
  make_tree(g, p);
  level1_weights(g, p);
  for (int gi = 0; gi < 3; gi++) make_weights(g, p, gi);
  compute_points(c, p);
}

static void make_as_of(Gen *g, GenCase *c) {
  c->as_of[0] = '\0';
  if (!chance(g, 35)) return;
  int year = c->part[pick(g, c->nparts)].year, y = year, m = 6, d = 30, x = pick(g, 100);
  if (x < 30) { /* on a deadline, or the day before */
    const GenProj *p = &c->proj[pick(g, c->nproj)];
    for (int i = 0; i < p->nind; i++)
      if (p->ind[i].kind == GK_DEADLINE) {
        gen_civil((int32_t)p->ind[i].a - (chance(g, 30) ? 1 : 0), &y, &m, &d);
        break;
      }
  } else if (x < 55) {
    gen_civil(gen_days(y, 1, 1) + range(g, 0, 364), &y, &m, &d);
  } else if (x < 60) {
    m = 12, d = 31;
  } else if (x < 64) {
    y = year + 1, m = 1, d = 15;
  } else if (x < 67) {
    y = year - 1, m = 12, d = 31;
  }
  snprintf(c->as_of, sizeof c->as_of, "%04d-%02d-%02d", y, m, d);
}

static void make_data_style(Gen *g, GenCase *c) {
  c->json = chance(g, 25);
  c->json_split = c->json && chance(g, 10);
  int cols[4] = {0, 1, 2, 3}, n = chance(g, 70) ? 4 : 3; /* 3: no note column */
  if (chance(g, 20))
    for (int i = n - 1; i > 0; i--) {
      int j = pick(g, i + 1), t = cols[i];
      cols[i] = cols[j], cols[j] = t;
    }
  for (int i = 0; i < 4; i++) c->csv_cols[i] = i < n ? cols[i] : -1;
  c->csv_header = pick(g, 4);
  c->csv_bom = chance(g, 10);
  c->csv_crlf = chance(g, 15);
  c->csv_trailing_blank = chance(g, 10);
}

void gen_case(GenCase *c, uint64_t seed) {
  Gen g = {seed * UINT64_C(0x2545F4914F6CDD1D) + 1, c};
  memset(c, 0, sizeof *c);
  c->seed = seed;
  c->nparts = chance(&g, 15) ? 2 : 1;
  for (int i = 0; i < c->nparts; i++) {
    GenPart *pt = &c->part[i];
    pt->year = i && chance(&g, 60) ? c->part[0].year
                                   : PICK(&g, ((const int[]){2023, 2023, 2023, 2024, 2022}));
    pt->currency = gen_unit_index(chance(&g, 80) ? "万元" : "元");
    pt->currency_written = !strcmp(gen_units[pt->currency].name, "元") || chance(&g, 70);
  }
  c->agency = chance(&g, 50);
  c->lang = chance(&g, 80) ? 0 : chance(&g, 50) ? 1 : 2;
  c->catstyle = chance(&g, 70) ? 0 : range(&g, 1, 3);
  c->fullwidth = chance(&g, 12);
  c->semicolons = chance(&g, 15);
  c->indent = chance(&g, 80) ? 0 : range(&g, 1, 2);
  c->custom_units = chance(&g, 15);
  c->custom_scale = chance(&g, 10);
  make_data_style(&g, c);
  GenPolicy prelude;
  default_policy(&prelude);
  if (c->nparts == 2) make_policy(&g, c, &c->part[1].pol, &prelude);
  make_policy(&g, c, &c->part[0].pol, c->nparts == 2 ? &c->part[1].pol : &prelude);
  c->nproj = chance(&g, 50) ? range(&g, 1, c->nparts) : range(&g, 2, GEN_MAX_PROJ);
  for (int i = 0; i < c->nproj; i++) make_project(&g, i);
  make_rows(&g);
  make_as_of(&g, c);
}
