/*
 * test_parse_parts.c - parsing a file in parts on threads
 * (compiler/front/parse_parts.c): the joined tree, the diagnostics and the
 * text afterwards are those of parsing it in one piece, whatever the cuts;
 * and the file is parsed in one piece when a part reports anything or
 * holds a header.
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/fmt/fmt.h"
#include "../../compiler/front/parse.h"

/* ---- helpers ------------------------------------------------------------- */

typedef struct Buf {
  char *s;
  size_t n, cap;
} Buf;

static void put(Buf *b, const char *s) {
  size_t k = strlen(s);
  if (b->n + k + 1 > b->cap) {
    b->cap = (b->n + k + 1) * 2;
    b->s = realloc(b->s, b->cap);
    ck_assert_ptr_nonnull(b->s);
  }
  memcpy(b->s + b->n, s, k + 1);
  b->n += k;
}

/* A spec of n projects, every kind of top-level item among them; project
 * i gets `extra[i]` (or nothing) after its budget.  Lines end in nl. */
static char *spec(unsigned n, const char *const *extra, const char *nl) {
  Buf b = {0};
  char line[512];
  put(&b, "# 基准单位 2023\n预算单位 561301 \"测试单位\"\n年度 2023\n金额单位 万元\n");
  for (unsigned i = 0; i < n; i++) {
    if (i % 7 == 3) {
      snprintf(line, sizeof line, "计量单位 u%u = 10 个\n", i);
      put(&b, line);
    }
    if (i % 11 == 5) put(&b, "/* 说明：\n  项目 \"注释里的项目\" {\n} */\n");
    snprintf(line, sizeof line,
             "项目 \"项目%u\" {%s  预算数 %u%s  财政资金 %u\n", i, nl, 100 + i, nl, 100 + i);
    put(&b, line);
    if (extra && extra[i]) put(&b, extra[i]);
    snprintf(line, sizeof line,
             "  产出指标 {%s    数量指标 {%s      指标 \"活动%u\": ≥%u 场  # 场次%s"
             "      指标 \"培训\"：不少于 %u 人次%s    }%s"
             "    时效指标 { 指标 \"完成\": 2023年%u月底前完成 }%s  }%s"
             "  满意度指标 { 服务对象满意度指标 { 指标 \"满意度\": >9%u%% } }%s}%s",
             nl, nl, i, 10 + i, nl, i * 3, nl, nl, 1 + i % 12, nl, nl, i % 10, nl, nl);
    put(&b, line);
  }
  return b.s;
}

typedef struct Parsed {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  File *f;
  uint32_t id;
  unsigned used;
} Parsed;

static void parse_with(Parsed *p, const char *text, unsigned parts, size_t min_part) {
  src_init(&p->ss);
  diag_init(&p->dl);
  arena_init(&p->arena);
  p->id = src_add(&p->ss, "<test>", text, strlen(text));
  p->used = 99;
  p->f = parse_file_parts(&p->arena, &p->dl, &p->ss, p->id, parts, min_part, &p->used);
  const Source *s = src_get(&p->ss, p->id);
  ck_assert_uint_eq(s->len, strlen(text));
  ck_assert(memcmp(s->text, text, s->len + 1) == 0); /* the text is back, and its NULs */
  ck_assert_int_eq(s->text[s->len + 1], '\0');
}

static void parsed_free(Parsed *p) {
  arena_free(&p->arena);
  diag_free(&p->dl);
  src_free(&p->ss);
}

static char *formatted(const Parsed *p) {
  FmtBuf out = {0};
  ck_assert_int_eq(fmt_file(p->f, src_get(&p->ss, p->id), &out), FMT_OK);
  char *s = strdup(out.s ? out.s : "");
  fmt_buf_free(&out);
  return s;
}

static void same_span(Span a, Span b) {
  ck_assert_uint_eq(a.file, b.file);
  ck_assert_uint_eq(a.lo, b.lo);
  ck_assert_uint_eq(a.hi, b.hi);
}

/* The two parses have the same tree, items, comments and diagnostics. */
static void same_parse(const Parsed *a, const Parsed *b) {
  const char *why = NULL;
  ck_assert_msg(fmt_same(a->f, b->f, &why), "trees differ: %s", why ? why : "?");
  ck_assert_uint_eq(a->f->nitems, b->f->nitems);
  for (size_t i = 0; i < a->f->nitems; i++) {
    ck_assert_int_eq(a->f->items[i].kind, b->f->items[i].kind);
    same_span(a->f->items[i].span, b->f->items[i].span);
  }
  ck_assert_uint_eq(a->f->nprojects, b->f->nprojects);
  for (size_t i = 0; i < a->f->nprojects; i++) {
    ck_assert_str_eq(a->f->projects[i]->name, b->f->projects[i]->name);
    same_span(a->f->projects[i]->span, b->f->projects[i]->span);
    ck_assert_int_eq(a->f->projects[i]->damaged, b->f->projects[i]->damaged);
  }
  ck_assert_uint_eq(a->f->nunits, b->f->nunits);
  ck_assert_uint_eq(a->f->ncomments, b->f->ncomments);
  for (size_t i = 0; i < a->f->ncomments; i++) {
    ck_assert_str_eq(a->f->comments[i].text, b->f->comments[i].text);
    same_span(a->f->comments[i].span, b->f->comments[i].span);
    ck_assert_int_eq(a->f->comments[i].own_line, b->f->comments[i].own_line);
  }
  ck_assert_uint_eq(a->f->nkw_zh, b->f->nkw_zh);
  ck_assert_uint_eq(a->f->nkw_en, b->f->nkw_en);
  ck_assert_uint_eq(a->dl.n, b->dl.n);
  ck_assert_uint_eq(a->dl.nerrors, b->dl.nerrors);
  for (size_t i = 0; i < a->dl.n; i++) {
    ck_assert_int_eq(a->dl.items[i].code, b->dl.items[i].code);
    same_span(a->dl.items[i].span, b->dl.items[i].span);
    ck_assert_str_eq(a->dl.items[i].msg, b->dl.items[i].msg);
  }
  if (a->dl.nerrors == 0) {
    char *fa = formatted(a), *fb = formatted(b);
    ck_assert_str_eq(fa, fb);
    free(fa);
    free(fb);
  }
}

/* Parse text in one piece and in `parts` parts of at least min_part
 * bytes; the same result either way.  Returns the parts kept. */
static unsigned check_parts(const char *text, unsigned parts, size_t min_part) {
  Parsed one, many;
  parse_with(&one, text, 1, 0);
  ck_assert_uint_eq(one.used, 1);
  parse_with(&many, text, parts, min_part);
  same_parse(&one, &many);
  unsigned used = many.used;
  parsed_free(&one);
  parsed_free(&many);
  return used;
}

/* ---- tests -------------------------------------------------------------- */

START_TEST(parts_join_as_one) {
  char *text = spec(60, NULL, "\n");
  for (unsigned parts = 2; parts <= PARSE_MAX_PARTS; parts++)
    ck_assert_uint_eq(check_parts(text, parts, 1), parts);
  ck_assert_uint_eq(check_parts(text, 20, 1), PARSE_MAX_PARTS); /* at most that many */
  free(text);
}
END_TEST

START_TEST(parts_crlf) {
  char *text = spec(30, NULL, "\r\n");
  ck_assert_uint_eq(check_parts(text, 3, 1), 3);
  free(text);
}
END_TEST

START_TEST(parts_min_size) {
  char *text = spec(20, NULL, "\n");
  size_t len = strlen(text);
  ck_assert_uint_eq(check_parts(text, 4, len), 1);         /* too small to cut */
  ck_assert_uint_eq(check_parts(text, 4, len / 2 - 200), 2); /* room for two only */
  ck_assert_uint_eq(check_parts(text, 1, 1), 1);
  free(text);
}
END_TEST

START_TEST(parts_error_in_a_part) {
  const char *extra[40] = {0};
  extra[33] = "  产出指标 { 数量指标 { 指标 \"坏\" ≥ } }\n"; /* a syntax error late in the file */
  char *text = spec(40, extra, "\n");
  ck_assert_uint_eq(check_parts(text, 4, 1), 1); /* parsed again in one piece */
  free(text);
  const char *early[40] = {0};
  early[2] = "  预算数 5\n"; /* given twice: a diagnostic of the parser */
  text = spec(40, early, "\n");
  ck_assert_uint_eq(check_parts(text, 4, 1), 1);
  free(text);
}
END_TEST

START_TEST(parts_unclosed_block) {
  const char *extra[40] = {0};
  extra[18] = "  产出指标 {\n"; /* never closed: the next 项目 lines are inside it */
  char *text = spec(40, extra, "\n");
  ck_assert_uint_eq(check_parts(text, 3, 1), 1);
  free(text);
}
END_TEST

START_TEST(parts_header_late) {
  /* a header item after the projects: given twice in one piece */
  Buf b = {0};
  char *text = spec(30, NULL, "\n");
  put(&b, text);
  put(&b, "年度 2024\n项目 \"最后\" { 预算数 1 }\n");
  ck_assert_uint_eq(check_parts(b.s, 3, 1), 1);
  free(b.s);
  /* and one the first part lacks: no diagnostic, but a later part's
   * header is not joined */
  b = (Buf){0};
  put(&b, "项目 \"最先\" { 预算数 1 }\n");
  put(&b, strstr(text, "项目 \"项目0\"")); /* the projects without the header */
  put(&b, "金额单位 元\n");
  ck_assert_uint_eq(check_parts(b.s, 3, 1), 1);
  free(b.s);
  free(text);
}
END_TEST

START_TEST(parts_cut_in_comment) {
  /* a comment whose lines start with 项目: a cut there leaves a part with
   * an open comment and the next with a stray end of one */
  Buf b = {0};
  char *text = spec(30, NULL, "\n");
  char *mid = strstr(text, "项目 \"项目15\"");
  *mid = '\0';
  put(&b, text);
  for (int i = 0; i < 60; i++) put(&b, "/*\n项目 \"不是项目\" {\n}\n项目 \"也不是\" {\n} */\n");
  *mid = "项目"[0];
  put(&b, mid);
  ck_assert_uint_eq(check_parts(b.s, 2, 1), 1); /* the middle is in the comments */
  for (unsigned parts = 3; parts <= 8; parts++) check_parts(b.s, parts, 1);
  free(b.s);
  free(text);
}
END_TEST

START_TEST(parts_no_cut_point) {
  /* projects indented: no line starts with 项目, so no cut */
  Buf b = {0};
  for (int i = 0; i < 50; i++) {
    char line[128];
    snprintf(line, sizeof line, "  项目 \"缩进%d\" { 预算数 %d }\n", i, i);
    put(&b, line);
  }
  ck_assert_uint_eq(check_parts(b.s, 4, 1), 1);
  free(b.s);
}
END_TEST

START_TEST(parts_english_keywords) {
  Buf b = {0};
  put(&b, "year 2023\ncurrency 万元\n");
  for (int i = 0; i < 40; i++) {
    char line[256];
    snprintf(line, sizeof line,
             "project \"p%d\" {\n  budget %d\n  output {\n    quantity { indicator \"n\": >= %d 场 }\n"
             "  }\n}\n",
             i, i + 1, i);
    put(&b, line);
  }
  ck_assert_uint_eq(check_parts(b.s, 4, 1), 4);
  free(b.s);
}
END_TEST

Suite *parse_parts_suite(void); /* called by check_main.c */

Suite *parse_parts_suite(void) {
  Suite *s = suite_create("parse_parts");
  TCase *tc = tcase_create("parse_parts");
  tcase_add_test(tc, parts_join_as_one);
  tcase_add_test(tc, parts_crlf);
  tcase_add_test(tc, parts_min_size);
  tcase_add_test(tc, parts_error_in_a_part);
  tcase_add_test(tc, parts_unclosed_block);
  tcase_add_test(tc, parts_header_late);
  tcase_add_test(tc, parts_cut_in_comment);
  tcase_add_test(tc, parts_no_cut_point);
  tcase_add_test(tc, parts_english_keywords);
  suite_add_tcase(s, tc);
  return s;
}
