/*
 * test_fmt.c - the canonical formatter (compiler/fmt, docs/fmt.md):
 * the seed specs are already canonical, formatting is idempotent on every
 * .ind in the tree, comments survive wherever they stand, keywords follow
 * the file's majority language, expressions get minimal parentheses, and
 * the safety net (fmt_same) notices a changed tree.
 *
 * The tree is found through INDC_SOURCE_DIR (set by CTest), else "../..".
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../compiler/fmt/fmt.h"
#include "../../compiler/front/parse.h"
#include "../../compiler/sema/program.h"

/* ---- helpers ------------------------------------------------------------- */

#define FMT_SYNTAX_ERROR (-1)

/*
 * Parse text and format it through fmt_checked.  Returns the output
 * (malloc'd) when the status is FMT_OK, else NULL; the status goes to *st
 * (FMT_SYNTAX_ERROR when the text does not parse).
 */
static char *fmt_text(const char *text, size_t len, int *st) {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  FmtBuf out = {0};
  src_init(&ss);
  diag_init(&dl);
  arena_init(&arena);
  uint32_t id = src_add(&ss, "<test>", text, len);
  File *f = parse_file(&arena, &dl, &ss, id);
  char *res = NULL;
  *st = FMT_SYNTAX_ERROR;
  if (dl.nerrors == 0) {
    *st = (int)fmt_checked(f, &ss, id, &arena, &out);
    if (*st == FMT_OK) res = strdup(out.s ? out.s : "");
  }
  fmt_buf_free(&out);
  arena_free(&arena);
  diag_free(&dl);
  src_free(&ss);
  return res;
}

/* Format text, which must succeed, and check that formatting the result
 * again gives the same bytes. */
static char *fmt_ok(const char *text) {
  int st;
  char *once = fmt_text(text, strlen(text), &st);
  ck_assert_msg(once != NULL, "formatting failed with status %d:\n%s", st, text);
  char *twice = fmt_text(once, strlen(once), &st);
  ck_assert_msg(twice != NULL, "formatting the output failed (%d):\n%s", st, once);
  ck_assert_str_eq(twice, once);
  free(twice);
  return once;
}

static void expect_fmt(const char *in, const char *expected) {
  char *out = fmt_ok(in);
  ck_assert_str_eq(out, expected);
  free(out);
}

static char *read_all(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  FmtBuf b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
    b.s = realloc(b.s, b.len + n + 1);
    memcpy(b.s + b.len, chunk, n);
    b.len += n;
  }
  fclose(fp);
  if (!b.s) b.s = calloc(1, 1);
  b.s[b.len] = '\0';
  *len = b.len;
  return b.s;
}

static const char *source_dir(void) {
  const char *d = getenv("INDC_SOURCE_DIR");
  return d && *d ? d : "../..";
}

/* Every *.ind below dir, recursively. */
typedef struct Paths {
  char **v;
  size_t n;
} Paths;

static void find_ind(const char *dir, Paths *ps, int depth) {
  DIR *d = opendir(dir);
  if (!d || depth > 16) {
    if (d) closedir(d);
    return;
  }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, e->d_name);
    struct stat st;
    size_t len = strlen(p);
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
      find_ind(p, ps, depth + 1);
      free(p);
    } else if (len > 4 && !strcmp(p + len - 4, ".ind")) {
      ps->v = realloc(ps->v, (ps->n + 1) * sizeof *ps->v);
      ps->v[ps->n++] = p;
    } else {
      free(p);
    }
  }
  closedir(d);
}

static void paths_release(Paths *ps) {
  for (size_t i = 0; i < ps->n; i++) free(ps->v[i]);
  free(ps->v);
}

/* The line of out that starts (after indentation) with prefix, copied. */
static char *line_with(const char *out, const char *prefix) {
  for (const char *p = out; *p;) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    const char *s = p;
    while (*s == ' ') s++;
    if (!strncmp(s, prefix, strlen(prefix))) return strndup(s, n - (size_t)(s - p));
    if (!eol) break;
    p = eol + 1;
  }
  return NULL;
}

/* ---- the seed specs are canonical ------------------------------------------ */

START_TEST(specs_are_canonical) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/specs/tianjin-youth-league-2023", source_dir());
  Paths ps = {0};
  find_ind(dir, &ps, 0);
  ck_assert_msg(ps.n >= 11, "no seed specs in %s (set INDC_SOURCE_DIR)", dir);
  for (size_t i = 0; i < ps.n; i++) {
    size_t len;
    char *text = read_all(ps.v[i], &len);
    ck_assert_ptr_nonnull(text);
    int st;
    char *out = fmt_text(text, len, &st);
    ck_assert_msg(out != NULL, "%s: status %d", ps.v[i], st);
    ck_assert_msg(strcmp(out, text) == 0, "%s is not in canonical layout", ps.v[i]);
    free(out);
    free(text);
  }
  paths_release(&ps);
}
END_TEST

/* fmt(fmt(x)) == fmt(x) for every .ind in specs/ and tests/ that parses. */
START_TEST(idempotent_on_tree) {
  const char *subdirs[] = {"specs", "tests"};
  Paths ps = {0};
  for (size_t k = 0; k < 2; k++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", source_dir(), subdirs[k]);
    find_ind(dir, &ps, 0);
  }
  ck_assert_msg(ps.n > 0, "no .ind files below %s (set INDC_SOURCE_DIR)", source_dir());
  size_t formatted = 0;
  for (size_t i = 0; i < ps.n; i++) {
    size_t len;
    char *text = read_all(ps.v[i], &len);
    ck_assert_ptr_nonnull(text);
    int st;
    char *once = fmt_text(text, len, &st);
    /* error goldens: nothing to format; a fuzz finding nested past
     * [FMT-20]'s limit: fmt refuses it (test expr_depth_limit) */
    if (st == FMT_SYNTAX_ERROR || st == FMT_TOO_DEEP) {
      free(text);
      continue;
    }
    ck_assert_msg(once != NULL, "%s: status %d", ps.v[i], st);
    char *twice = fmt_text(once, strlen(once), &st);
    ck_assert_msg(twice != NULL, "%s: formatting the output: status %d", ps.v[i], st);
    ck_assert_msg(strcmp(once, twice) == 0, "%s: formatting is not idempotent", ps.v[i]);
    formatted++;
    free(twice);
    free(once);
    free(text);
  }
  ck_assert_uint_ge(formatted, 11);
  paths_release(&ps);
}
END_TEST

START_TEST(prelude_round_trips) {
  char *out = fmt_ok(prelude_text);
  ck_assert_ptr_nonnull(strstr(out, "等级 社会组织评估等级 { 1A < 2A < 3A < 4A < 5A }\n"));
  ck_assert_ptr_nonnull(strstr(out, "  达成 = 80%, 100%, 100%\n"));
  ck_assert_ptr_nonnull(strstr(out, "计量单位 ‰ = 0.1%\n"));
  free(out);
}
END_TEST

/* ---- layout ------------------------------------------------------------------- */

START_TEST(layout_messy_input) {
  expect_fmt("预算单位 561301 \"团市委\"；年度 2023；金额单位 万元\n"
             "项目 “团市委“青春”项目” ｛ 产出指标｛数量指标｛\n"
             "  指标 \"场次\"：≥15场； 指标 \"率\" ＞95％ {描述 \"d\"}\n"
             "｝｝ 绩效目标 \"g\" ; 预算数 14.00 其他资金 0 财政资金 14.00 ｝",
             "预算单位 561301 \"团市委\"\n"
             "年度 2023\n"
             "金额单位 万元\n"
             "\n"
             "项目 \"团市委“青春”项目\" {\n"
             "  预算数 14.00\n"
             "  财政资金 14.00\n"
             "  其他资金 0\n"
             "  绩效目标 \"g\"\n"
             "\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      指标 \"场次\": ≥15 场\n"
             "      指标 \"率\": >95% {\n"
             "        描述 \"d\"\n"
             "      }\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

START_TEST(layout_blocks_and_headers) {
  expect_fmt("等级 级别 { 优 < 良 }  计量单位 场次 = 场\n\n\n年度 2023\n"
             "评分规则 { 产出 = 60; 达成 = 80%,100%,100% }\n"
             "项目 \"a\" {}  项目 \"b\" { 产出指标 分值 50 { } }",
             "等级 级别 { 优 < 良 }\n"
             "\n"
             "计量单位 场次 = 场\n"
             "年度 2023\n"
             "\n"
             "评分规则 {\n"
             "  产出指标 = 60\n"
             "  达成 = 80%, 100%, 100%\n"
             "}\n"
             "\n"
             "项目 \"a\" {\n"
             "}\n"
             "\n"
             "项目 \"b\" {\n"
             "  产出指标 分值 50 {\n"
             "  }\n"
             "}\n");
}
END_TEST

START_TEST(layout_targets) {
  expect_fmt("项目 \"p\" { 产出指标 { 时效指标 {\n"
             "指标 \"a\": 2023 年 12 月底前完成   \n"
             "指标 \"b\": 截至 2023-06-30\n"
             "指标 \"c\": 2023-6-30\n"
             "指标 \"d\": 年内 2023\n"
             "指标 \"e\": 2023年内\n"
             "指标 \"f\": 全年\n"
             "指标 \"g\": 达到 3A级\n"
             "指标 \"h\": 达到 \"A+\"\n"
             "指标 \"i\": = -5 `人/次`\n"
             "指标 \"j\": 5 `年底`\n"
             "指标 k1 \"k\": \"引号\\\"反斜杠\\\\换行\\n制表\\t\"\n"
             "} } }",
             "项目 \"p\" {\n"
             "  产出指标 {\n"
             "    时效指标 {\n"
             "      指标 \"a\": 2023 年 12 月底前完成\n"
             "      指标 \"b\": 截至 2023-06-30\n"
             "      指标 \"c\": 2023-6-30\n"
             "      指标 \"d\": 年内 2023\n"
             "      指标 \"e\": 2023年内\n"
             "      指标 \"f\": 全年\n"
             "      指标 \"g\": 达到 3A 级\n"
             "      指标 \"h\": 达到 \"A+\" 级\n"
             "      指标 \"i\": =-5 人/次\n"
             "      指标 \"j\": 5 `年底`\n"
             "      指标 k1 \"k\": \"引号\\\"反斜杠\\\\换行\\n制表\\t\"\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

/* Sub-blocks and indicators in one block keep their source order. */
/* [LEX-CMP] comparisons in words read as the symbols: fmt writes the
 * symbol, and fmt_checked proves the meaning is the same. */
START_TEST(layout_comparison_words) {
  expect_fmt("项目 \"p\" { 产出指标 { 数量指标 {\n"
             "指标 \"a\": 不少于500人次\n"
             "指标 \"b\": 不低于 95%\n"
             "指标 \"c\": 不超过10万元\n"
             "指标 \"d\": 高于 3 场\n"
             "指标 \"e\": 少于3次\n"
             "指标 \"f\": 等于 2 个\n"
             "指标 \"g\": 大于或等于 1 个\n"
             "指标 \"h\": 小于等于 9 个\n"
             "} } }",
             "项目 \"p\" {\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      指标 \"a\": ≥500 人次\n"
             "      指标 \"b\": ≥95%\n"
             "      指标 \"c\": ≤10 万元\n"
             "      指标 \"d\": >3 场\n"
             "      指标 \"e\": <3 次\n"
             "      指标 \"f\": =2 个\n"
             "      指标 \"g\": ≥1 个\n"
             "      指标 \"h\": ≤9 个\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

/* [LEX-5] full-width digits are digits: numbers come out in ASCII, dates
 * as written, and a word stops before them. */
START_TEST(layout_fullwidth_digits) {
  expect_fmt("年度 ２０２４\n项目 \"p\" { 预算数 １０．５ 万元\n产出指标 { 数量指标 {\n"
             "指标 \"a\": ≥９５％\n"
             "指标 \"b\": 不低于１２场\n"
             "} 时效指标 { 指标 \"c\": ２０２４年１１月底前完成 } } }",
             "年度 2024\n"
             "\n"
             "项目 \"p\" {\n"
             "  预算数 10.5 万元\n"
             "\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      指标 \"a\": ≥95%\n"
             "      指标 \"b\": ≥12 场\n"
             "    }\n"
             "    时效指标 {\n"
             "      指标 \"c\": ２０２４年１１月底前完成\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

START_TEST(layout_mixed_block) {
  expect_fmt("项目 \"p\" { 产出指标 { 指标 \"a\": 1 个 数量指标 { 指标 \"b\": 2 个 } "
             "指标 \"c\": 3 个 } }",
             "项目 \"p\" {\n"
             "  产出指标 {\n"
             "    指标 \"a\": 1 个\n"
             "    数量指标 {\n"
             "      指标 \"b\": 2 个\n"
             "    }\n"
             "    指标 \"c\": 3 个\n"
             "  }\n"
             "}\n");
}
END_TEST

/* ---- comments --------------------------------------------------------------------- */

START_TEST(comments_own_line_and_trailing) {
  expect_fmt("# 文件头\n"
             "年度 2023   # 年度\n"
             "  # 项目前\n"
             "项目 \"p\" { # 开\n"
             "产出指标 {\n"
             "数量指标 {\n"
             "      # 指标前\n"
             "  指标 \"a\": 1 个 /* 块 */ # 行尾\n"
             "  # 类末\n"
             "}}\n"
             "  预算数 1 # 预算\n"
             "} # 项目后\n"
             "# 文件尾\n",
             "# 文件头\n"
             "年度 2023 # 年度\n"
             "\n"
             "# 项目前\n"
             "项目 \"p\" { # 开\n"
             "  预算数 1 # 预算\n"
             "\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      # 指标前\n"
             "      指标 \"a\": 1 个 /* 块 */ # 行尾\n"
             "      # 类末\n"
             "    }\n"
             "  }\n"
             "} # 项目后\n"
             "\n"
             "# 文件尾\n");
}
END_TEST

/* Comments inside a construct that fmt puts on one line. */
START_TEST(comments_inside_constructs) {
  expect_fmt("项目 \"p\" { 产出指标 { 数量指标 {\n"
             "  指标 \"a\"   # 名后\n"
             "    # 独行\n"
             "    : 1 个 /* 目标后 */ # 行尾\n"
             "  指标 \"b\": 2 个 { # 空块\n"
             "  }\n"
             "} } }\n"
             "等级 s { 1A # 一\n"
             "  < 2A }\n",
             "项目 \"p\" {\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      指标 \"a\": 1 个 # 名后\n"
             "      # 独行\n"
             "      /* 目标后 */\n"
             "      # 行尾\n"
             "      指标 \"b\": 2 个 # 空块\n"
             "    }\n"
             "  }\n"
             "}\n"
             "\n"
             "等级 s {\n"
             "  1A # 一\n"
             "  < 2A\n"
             "}\n");
}
END_TEST

/* Block comments are kept byte for byte; # comments lose trailing blanks. */
START_TEST(comments_verbatim) {
  expect_fmt("/* 两行\n   注释 */ 年度 2023 /* a */ /* b\n c */\n# 尾随空白   \r\n",
             "/* 两行\n   注释 */\n"
             "年度 2023 /* a */ /* b\n c */\n"
             "# 尾随空白\n");
}
END_TEST

/* A comment moved with 预算数 (written after the blocks) stays beside it. */
START_TEST(comments_follow_reordered_lines) {
  expect_fmt("项目 \"p\" {\n"
             "  产出指标 { 数量指标 { 指标 \"a\": 1 个 } }\n"
             "  # 预算说明\n"
             "  预算数 1\n"
             "}\n",
             "项目 \"p\" {\n"
             "  # 预算说明\n"
             "  预算数 1\n"
             "\n"
             "  产出指标 {\n"
             "    数量指标 {\n"
             "      指标 \"a\": 1 个\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

START_TEST(comments_only) {
  expect_fmt("", "");
  expect_fmt("# a\n\n\n/* b */ # c\n", "# a\n/* b */\n# c\n");
}
END_TEST

/* ---- keyword language -------------------------------------------------------------- */

START_TEST(english_majority) {
  expect_fmt("agency 1 \"x\"\nyear 2023\n项目 \"p\" {\n budget 1\n"
             " output { quantity { indicator \"a\": 全年 { description \"d\" } } }\n"
             " 效益 { social { indicator \"b\": by 2023-12-31 { actual = 如果 a 且 非 b 则 1 否则 2 }"
             " indicator \"c\": 达到 3A 级 } }\n}\n",
             "agency 1 \"x\"\n"
             "year 2023\n"
             "\n"
             "project \"p\" {\n"
             "  budget 1\n"
             "\n"
             "  output {\n"
             "    quantity {\n"
             "      indicator \"a\": full_year {\n"
             "        description \"d\"\n"
             "      }\n"
             "    }\n"
             "  }\n"
             "  benefit {\n"
             "    social {\n"
             "      indicator \"b\": by 2023-12-31 {\n"
             "        actual = if a and not b then 1 else 2\n"
             "      }\n"
             "      indicator \"c\": reach 3A\n"
             "    }\n"
             "  }\n"
             "}\n");
}
END_TEST

/* A tie goes to Chinese; so does a file without keywords. */
START_TEST(language_tie_is_chinese) {
  expect_fmt("year 2023\n金额单位 万元\n", "年度 2023\n金额单位 万元\n");
  expect_fmt("# no keywords\n", "# no keywords\n");
}
END_TEST

/* ---- expressions ----------------------------------------------------------------- */

static void expect_expr(const char *in, const char *expected) {
  char text[1024];
  snprintf(text, sizeof text,
           "项目 \"p\" { 产出指标 { 数量指标 { 指标 \"a\": 1 个 { 实际 = %s } } } }", in);
  char *out = fmt_ok(text);
  char *line = line_with(out, "实际 = ");
  ck_assert_ptr_nonnull(line);
  ck_assert_str_eq(line + strlen("实际 = "), expected);
  free(line);
  free(out);
}

START_TEST(expr_minimal_parentheses) {
  expect_expr("((a))", "a");
  expect_expr("(a + b) * c", "(a + b) * c");
  expect_expr("a + (b * c)", "a + b * c");
  expect_expr("(a - b) - c", "a - b - c");
  expect_expr("a - (b - c)", "a - (b - c)");
  expect_expr("a / (b * c)", "a / (b * c)");
  expect_expr("-(a * b)", "-(a * b)");
  expect_expr("(-a) * b", "-a * b");
  expect_expr("- -a", "--a");
  expect_expr("a - -3", "a - -3");
  expect_expr("(a < b) == (c > d)", "(a < b) == (c > d)");
  expect_expr("a + 1 >= b", "a + 1 ≥ b");
  expect_expr("a<=b", "a ≤ b");
  expect_expr("a ≠ b", "a != b");
  expect_expr("非 (a 且 b)", "非 (a 且 b)");
  expect_expr("(非 a) 且 b", "非 a 且 b");
  expect_expr("非 (a < b)", "非 a < b");
  expect_expr("(非 a) < b", "(非 a) < b");
  expect_expr("a 或 (b 且 c)", "a 或 b 且 c");
  expect_expr("(a 或 b) 且 c", "(a 或 b) 且 c");
  expect_expr("a && b || 非 c", "a 且 b 或 非 c");
  expect_expr("(如果 a 则 b 否则 c) + 1", "(如果 a 则 b 否则 c) + 1");
  expect_expr("如果 a 则 b 否则 (c + 1)", "如果 a 则 b 否则 c + 1");
  expect_expr("1 + (如果 a 则 b 否则 c)", "1 + (如果 a 则 b 否则 c)");
  expect_expr("最大(a, (b + c)) * 2", "最大(a, b + c) * 2");
  expect_expr("已处置工单 / 工单总数 * 100%", "已处置工单 / 工单总数 * 100%");
  expect_expr("3 万元 + 98.5%", "3 万元 + 98.5%");
  expect_expr("`实际` + `工单2023` + 2 `人/次`", "`实际` + `工单2023` + 2 `人/次`");
}
END_TEST

/* `实际 = a + a + … + a` with n operators: n + 1 levels of nesting. */
static char *chain_text(size_t n) {
  const char *head = "项目 \"p\" { 产出指标 { 数量指标 { 指标 \"a\": 1 个 { 实际 = a";
  const char *tail = " } } } }";
  char *text = malloc(strlen(head) + n * 4 + strlen(tail) + 1), *end = text;
  end += sprintf(end, "%s", head);
  for (size_t i = 0; i < n; i++) end += sprintf(end, " + a");
  strcpy(end, tail);
  return text;
}

/* [FMT-20]: FMT_MAX_DEPTH levels format, one more does not. */
START_TEST(expr_depth_limit) {
  int st;
  char *text = chain_text(FMT_MAX_DEPTH - 1);
  char *out = fmt_text(text, strlen(text), &st);
  ck_assert_int_eq(st, FMT_OK);
  free(out);
  free(text);
  text = chain_text(FMT_MAX_DEPTH);
  out = fmt_text(text, strlen(text), &st);
  ck_assert_ptr_null(out);
  ck_assert_int_eq(st, FMT_TOO_DEEP);
  free(text);
}
END_TEST

/* ---- the safety net ------------------------------------------------------------- */

/* Parse two texts and compare their trees. */
static int same_texts(const char *x, const char *y, const char **why) {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  src_init(&ss);
  diag_init(&dl);
  arena_init(&arena);
  File *a = parse_file(&arena, &dl, &ss, src_add(&ss, "x", x, strlen(x)));
  File *b = parse_file(&arena, &dl, &ss, src_add(&ss, "y", y, strlen(y)));
  ck_assert_uint_eq(dl.nerrors, 0);
  int same = fmt_same(a, b, why);
  arena_free(&arena);
  diag_free(&dl);
  src_free(&ss);
  return same;
}

START_TEST(same_notices_changes) {
  const char *base = "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": ≥1 个 } } } # c";
  const char *why = NULL;
  ck_assert_int_eq(same_texts(base, base, &why), 1);
  ck_assert_ptr_null(why);
  ck_assert_int_eq(same_texts(base,
                              "project \"p\" { budget 1 output { quantity { indicator \"a\": "
                              "≥1 个 } } } # c",
                              &why),
                   1);
  const char *changed[] = {
      "项目 \"p\" { 预算数 1.0 产出指标 { 数量指标 { 指标 \"a\": ≥1 个 } } } # c",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": >1 个 } } } # c",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": ≥1 场 } } } # c",
      "项目 \"p\" { 预算数 1 产出指标 { 质量指标 { 指标 \"a\": ≥1 个 } } } # c",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"b\": ≥1 个 } } } # c",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": ≥1 个 } } }",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": ≥1 个 } } } # d",
      "项目 \"p\" { 预算数 1 产出指标 { 数量指标 { 指标 \"a\": ≥1 个 { 分值 5 } } } } # c",
  };
  for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++) {
    why = NULL;
    ck_assert_msg(same_texts(base, changed[i], &why) == 0, "not noticed: %s", changed[i]);
    ck_assert_ptr_nonnull(why);
  }
}
END_TEST

START_TEST(same_compares_expressions) {
  const char *why = NULL;
  const char *a = "项目 \"p\" { 产出指标 { 数量指标 { 指标 \"a\": 1 个 { 实际 = (a + b) * c } } } }";
  const char *b = "项目 \"p\" { 产出指标 { 数量指标 { 指标 \"a\": 1 个 { 实际 = a + b * c } } } }";
  ck_assert_int_eq(same_texts(a, b, &why), 0);
  ck_assert_ptr_nonnull(why);
}
END_TEST

Suite *fmt_suite(void); /* called by check_main.c */

Suite *fmt_suite(void) {
  Suite *s = suite_create("fmt");
  TCase *tc = tcase_create("specs");
  tcase_add_test(tc, specs_are_canonical);
  tcase_add_test(tc, idempotent_on_tree);
  tcase_add_test(tc, prelude_round_trips);
  suite_add_tcase(s, tc);
  tc = tcase_create("layout");
  tcase_add_test(tc, layout_messy_input);
  tcase_add_test(tc, layout_blocks_and_headers);
  tcase_add_test(tc, layout_targets);
  tcase_add_test(tc, layout_comparison_words);
  tcase_add_test(tc, layout_fullwidth_digits);
  tcase_add_test(tc, layout_mixed_block);
  suite_add_tcase(s, tc);
  tc = tcase_create("comments");
  tcase_add_test(tc, comments_own_line_and_trailing);
  tcase_add_test(tc, comments_inside_constructs);
  tcase_add_test(tc, comments_verbatim);
  tcase_add_test(tc, comments_follow_reordered_lines);
  tcase_add_test(tc, comments_only);
  suite_add_tcase(s, tc);
  tc = tcase_create("language");
  tcase_add_test(tc, english_majority);
  tcase_add_test(tc, language_tie_is_chinese);
  suite_add_tcase(s, tc);
  tc = tcase_create("expressions");
  tcase_add_test(tc, expr_minimal_parentheses);
  tcase_add_test(tc, expr_depth_limit);
  suite_add_tcase(s, tc);
  tc = tcase_create("safety");
  tcase_add_test(tc, same_notices_changes);
  tcase_add_test(tc, same_compares_expressions);
  suite_add_tcase(s, tc);
  return s;
}
