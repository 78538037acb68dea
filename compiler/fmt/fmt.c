/*
 * fmt.c - the canonical layout (docs/fmt.md): the tree of one file becomes
 * a list of lines, each tagged with the source offset of the construct it
 * starts, so that fmt_comments.c can put every comment back beside it.
 *
 * Layout rules ([FMT-1] to [FMT-6]), in the order of the file:
 *  - top-level items in source order; header lines (预算单位 年度 金额单位
 *    导入 计量单位) consecutive, a blank line before and after each scale,
 *    policy and project block;
 *  - in a project: 预算数 财政资金 其他资金 资金用途 绩效目标 in this order,
 *    a blank line, then the level-1 blocks in source order;
 *  - in a category block: its sub-blocks and indicators in source order,
 *    no blank lines;
 *  - an indicator on one line, `指标 [id] "name": target`, with ` {`, one
 *    line per attribute (描述 分值 实际) and `}` only when it has any;
 *  - a rule test: 项目 截至 给定 期望 in this order, one line per given
 *    value and per expectation ([TEST-FMT] in docs/testing-rules.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_internal.h"

/* ---- buffers ------------------------------------------------------------- */

void fmt_put(FmtBuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t ncap = b->cap ? b->cap * 2 : 256;
    while (ncap < b->len + n + 1) ncap *= 2;
    char *p = realloc(b->s, ncap);
    if (!p) {
      fputs("indc: fatal: out of memory\n", stderr);
      abort();
    }
    b->s = p;
    b->cap = ncap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void fmt_puts(FmtBuf *b, const char *s) { fmt_put(b, s, strlen(s)); }
void fmt_putc(FmtBuf *b, char c) { fmt_put(b, &c, 1); }

void fmt_buf_free(FmtBuf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

/* ---- lines ------------------------------------------------------------------ */

/* Start a line: its text is appended to fm->text until end_line. */
static void begin_line(Fmt *fm) { fm->line_off = fm->text.len; }

static void end_line(Fmt *fm, uint32_t anchor, unsigned indent, int close) {
  if (fm->nlines == fm->caplines) {
    fm->caplines = fm->caplines ? fm->caplines * 2 : 64;
    FmtLine *n = realloc(fm->lines, fm->caplines * sizeof *n);
    if (!n) {
      fputs("indc: fatal: out of memory\n", stderr);
      abort();
    }
    fm->lines = n;
  }
  FmtLine *l = &fm->lines[fm->nlines];
  l->anchor = anchor;
  l->indent = indent;
  l->blank = (unsigned char)(fm->want_blank && fm->nlines > 0);
  l->close = (unsigned char)close;
  l->off = fm->line_off;
  l->len = fm->text.len - fm->line_off;
  fm->nlines++;
  fm->want_blank = 0;
}

static void put(Fmt *fm, const char *s) { fmt_puts(&fm->text, s); }

/* `KEYWORD ` */
static void put_kw(Fmt *fm, FmtKw k) {
  put(fm, fmt_kw(fm, k));
  fmt_putc(&fm->text, ' ');
}

/* A closing brace; anchor: the offset of the brace in the source. */
static void close_line(Fmt *fm, Span block, unsigned indent) {
  begin_line(fm);
  put(fm, "}");
  end_line(fm, block.hi - 1, indent, 1);
}

/* ---- header items ----------------------------------------------------------- */

/* 计量单位 万元 = 10000 元 */
static void unit_decl(Fmt *fm, const UnitDecl *u) {
  put_kw(fm, FK_KW_UNIT);
  fmt_unit(fm, u->name);
  if (!u->base) return;
  put(fm, " = ");
  if (u->has_factor)
    fmt_quantity(fm, u->factor_text, u->base, 0);
  else
    fmt_unit(fm, u->base);
}

static void header_line(Fmt *fm, const Item *it) {
  const Header *h = &fm->f->header;
  begin_line(fm);
  switch (it->kind) {
  case ITEM_AGENCY:
    put_kw(fm, FK_KW_AGENCY);
    fmt_code(fm, h->agency_code);
    fmt_putc(&fm->text, ' ');
    fmt_string(fm, h->agency_name);
    break;
  case ITEM_YEAR:
    put_kw(fm, FK_KW_YEAR);
    put(fm, h->year_text);
    break;
  case ITEM_CURRENCY:
    put_kw(fm, FK_KW_CURRENCY);
    fmt_unit(fm, h->currency);
    break;
  case ITEM_IMPORT:
    put_kw(fm, FK_KW_IMPORT);
    fmt_string(fm, ((const Import *)it->node)->path);
    break;
  default:
    unit_decl(fm, it->node);
    break;
  }
  end_line(fm, it->span.lo, 0, 0);
}

/* ---- scales and policies ------------------------------------------------------ */

/* 1 when member i was written with its 级 in one word (`一级`), which the
 * parser drops from the name: fmt writes it back. */
static int member_ji(const Fmt *fm, const ScaleDecl *s, size_t i) {
  Span sp = s->member_spans[i];
  const char *m = s->members[i];
  size_t n = strlen(m), jl = strlen("级");
  if (!fm->src || sp.hi < sp.lo || sp.hi > fm->src->len || sp.hi - sp.lo != n + jl) return 0;
  const char *t = fm->src->text + sp.lo;
  return memcmp(t, m, n) == 0 && memcmp(t + n, "级", jl) == 0;
}

static void scale_member(Fmt *fm, const ScaleDecl *s, size_t i) {
  if (member_ji(fm, s, i)) fmt_grade_ji(fm, s->members[i]);
  else fmt_grade(fm, s->members[i], 0);
}

/* 等级 NAME { 1A < 2A < 3A }, one member per line when comments are inside. */
static void scale_block(Fmt *fm, const ScaleDecl *s) {
  begin_line(fm);
  put_kw(fm, FK_KW_SCALE);
  fmt_name(fm, s->name);
  put(fm, " {");
  if (!fmt_comment_inside(fm->f, s->span.lo, s->span.hi)) {
    for (size_t i = 0; i < s->nmembers; i++) {
      put(fm, i ? " < " : " ");
      scale_member(fm, s, i);
    }
    put(fm, " }");
    end_line(fm, s->span.lo, 0, 0);
    return;
  }
  end_line(fm, s->span.lo, 0, 0);
  for (size_t i = 0; i < s->nmembers; i++) {
    begin_line(fm);
    if (i) put(fm, "< ");
    scale_member(fm, s, i);
    end_line(fm, s->member_spans[i].lo, 1, 0);
  }
  close_line(fm, s->span, 0);
}

/* A setting key: a category keyword in the output language, else a
 * setting's name in it (AST_SETTINGS), else the name as written. */
static void setting_key(Fmt *fm, const char *key) {
  for (int c = 0; c < CAT__COUNT; c++)
    if (!strcmp(key, ast_category_name((Category)c, LANG_ZH)) ||
        !strcmp(key, ast_category_name((Category)c, LANG_EN))) {
      put(fm, ast_category_name((Category)c, fm->lang));
      return;
    }
  int set = ast_setting_of(key);
  fmt_ident(fm, set >= 0 ? ast_setting_name((PolicySetting)set, fm->lang) : key);
}

/* A value; 反向公式's word (差额, ratio …) in the output language. */
static void setting_value(Fmt *fm, const char *key, const Expr *v) {
  const char *w = ast_setting_word(key, v, fm->lang);
  if (v->kind == EX_NUM)
    fmt_quantity(fm, v->name, v->unit, 1);
  else
    fmt_ident(fm, w ? w : v->name);
}

/* 评分规则 { KEY = V[, V]* ... }: the parser gives one Setting per value. */
static void policy_block(Fmt *fm, const PolicyDecl *p) {
  begin_line(fm);
  put(fm, fmt_kw(fm, FK_KW_POLICY));
  put(fm, " {");
  end_line(fm, p->span.lo, 0, 0);
  for (size_t i = 0; i < p->nsettings;) {
    const Setting *s = p->settings[i];
    size_t n = s->count ? s->count : 1;
    begin_line(fm);
    setting_key(fm, s->key);
    put(fm, " = ");
    for (size_t k = 0; k < n && i + k < p->nsettings; k++) {
      if (k) put(fm, ", ");
      setting_value(fm, s->key, p->settings[i + k]->value);
    }
    end_line(fm, s->span.lo, 1, 0);
    i += n;
  }
  close_line(fm, p->span, 0);
}

/* ---- projects ------------------------------------------------------------------ */

static void indicator(Fmt *fm, const Indicator *ind, unsigned indent) {
  begin_line(fm);
  put_kw(fm, FK_KW_INDICATOR);
  if (ind->id) {
    fmt_ident(fm, ind->id);
    fmt_putc(&fm->text, ' ');
  }
  fmt_string(fm, ind->name);
  if (ind->target) {
    put(fm, ": ");
    fmt_target(fm, ind->target);
  }
  int block = ind->desc || ind->has_weight || ind->actual;
  if (block) put(fm, " {");
  end_line(fm, ind->span.lo, indent, 0);
  if (!block) return;
  if (ind->desc) {
    begin_line(fm);
    put_kw(fm, FK_KW_DESC);
    fmt_string(fm, ind->desc);
    end_line(fm, ind->desc_span.lo, indent + 1, 0);
  }
  if (ind->has_weight) {
    begin_line(fm);
    put_kw(fm, FK_KW_WEIGHT);
    put(fm, ind->weight_text);
    end_line(fm, ind->weight_span.lo, indent + 1, 0);
  }
  if (ind->actual) {
    begin_line(fm);
    put(fm, fmt_kw(fm, FK_KW_ACTUAL));
    put(fm, " = ");
    fmt_expr(fm, ind->actual);
    end_line(fm, ind->actual->span.lo, indent + 1, 0);
  }
  close_line(fm, ind->span, indent);
}

/* A category block: its sub-blocks and indicators merged in source order
 * (the grammar allows both in one block; sema says which is wrong). */
static void cat_block(Fmt *fm, const CatBlock *c, unsigned indent) {
  begin_line(fm);
  put(fm, ast_category_name(c->cat, fm->lang));
  if (c->has_weight) {
    fmt_putc(&fm->text, ' ');
    put_kw(fm, FK_KW_WEIGHT);
    put(fm, c->weight_text);
  }
  put(fm, " {");
  end_line(fm, c->kw_span.lo, indent, 0);
  size_t i = 0, j = 0;
  while (i < c->nsubs || j < c->ninds) {
    if (j == c->ninds || (i < c->nsubs && c->subs[i]->span.lo < c->inds[j]->span.lo))
      cat_block(fm, c->subs[i++], indent + 1);
    else
      indicator(fm, c->inds[j++], indent + 1);
  }
  close_line(fm, c->span, indent);
}

static void money_line(Fmt *fm, FmtKw k, const Money *m) {
  if (!m->present) return;
  begin_line(fm);
  put_kw(fm, k);
  fmt_quantity(fm, m->text, m->unit, 0);
  end_line(fm, m->span.lo, 1, 0);
}

static void text_line(Fmt *fm, FmtKw k, const char *text, Span sp) {
  if (!text) return;
  begin_line(fm);
  put_kw(fm, k);
  fmt_string(fm, text);
  end_line(fm, sp.lo, 1, 0);
}

static void project_block(Fmt *fm, const Project *p) {
  begin_line(fm);
  put_kw(fm, FK_KW_PROJECT);
  fmt_string(fm, p->name);
  put(fm, " {");
  end_line(fm, p->span.lo, 0, 0);
  size_t before = fm->nlines;
  money_line(fm, FK_KW_BUDGET, &p->budget);
  money_line(fm, FK_KW_FISCAL, &p->fiscal);
  money_line(fm, FK_KW_OTHER, &p->other);
  text_line(fm, FK_KW_PURPOSE, p->purpose, p->purpose_span);
  text_line(fm, FK_KW_GOAL, p->goal, p->goal_span);
  if (fm->nlines > before && p->ncats > 0) fm->want_blank = 1;
  for (size_t i = 0; i < p->ncats; i++) cat_block(fm, p->cats[i], 1);
  close_line(fm, p->span, 0);
}

/* ---- rule tests ------------------------------------------------------------------ */

/* `"name" = value` or `执行数 = value`: a bare value as written. */
static void given_line(Fmt *fm, const Given *g) {
  begin_line(fm);
  if (g->key)
    fmt_string(fm, g->key);
  else
    put(fm, fmt_kw(fm, FK_KW_SPENT));
  put(fm, " = ");
  if (g->quoted)
    fmt_string(fm, g->value);
  else
    put(fm, g->value);
  end_line(fm, g->span.lo, 2, 0);
}

/* `"name" 状态 达成`, `"name" 得分 10.5`, `总分 95.21`, `等级 优` */
static void expect_line(Fmt *fm, const Expect *e) {
  begin_line(fm);
  if (e->key) {
    fmt_string(fm, e->key);
    fmt_putc(&fm->text, ' ');
  }
  static const FmtKw kw[] = {FK_KW_STATUS, FK_KW_SCORE, FK_KW_TOTAL, FK_KW_GRADE};
  put_kw(fm, kw[e->kind]);
  if (e->kind == EXP_SCORE || e->kind == EXP_TOTAL)
    put(fm, e->num_text);
  else
    fmt_ident(fm, e->word);
  end_line(fm, e->span.lo, 2, 0);
}

/* 测试 "name" { 项目 "…"  截至 DATE  给定 { … }  期望 { … } }, in this order. */
static void test_block(Fmt *fm, const TestDecl *t) {
  begin_line(fm);
  put_kw(fm, FK_KW_TEST);
  fmt_string(fm, t->name);
  put(fm, " {");
  end_line(fm, t->span.lo, 0, 0);
  if (t->project) {
    begin_line(fm);
    put_kw(fm, FK_KW_PROJECT);
    fmt_string(fm, t->project);
    end_line(fm, t->project_span.lo, 1, 0);
  }
  if (t->has_as_of) {
    begin_line(fm);
    put_kw(fm, FK_KW_BY);
    put(fm, t->as_of_text);
    end_line(fm, t->as_of_span.lo, 1, 0);
  }
  if (t->has_given) {
    begin_line(fm);
    put(fm, fmt_kw(fm, FK_KW_GIVEN));
    put(fm, " {");
    end_line(fm, t->given_span.lo, 1, 0);
    for (size_t i = 0; i < t->ngiven; i++) given_line(fm, t->given[i]);
    close_line(fm, t->given_span, 1);
  }
  if (t->has_expect) {
    begin_line(fm);
    put(fm, fmt_kw(fm, FK_KW_EXPECT));
    put(fm, " {");
    end_line(fm, t->expect_span.lo, 1, 0);
    for (size_t i = 0; i < t->nexpect; i++) expect_line(fm, t->expect[i]);
    close_line(fm, t->expect_span, 1);
  }
  close_line(fm, t->span, 0);
}

/* ---- the file -------------------------------------------------------------------- */

/* Items in source order: header lines together, blocks set apart. */
static void items(Fmt *fm) {
  const File *f = fm->f;
  for (size_t i = 0; i < f->nitems && fm->status == FMT_OK; i++) {
    const Item *it = &f->items[i];
    int block = it->kind == ITEM_SCALE || it->kind == ITEM_POLICY || it->kind == ITEM_PROJECT ||
                it->kind == ITEM_TEST;
    if (!block) {
      header_line(fm, it);
      continue;
    }
    fm->want_blank = 1;
    if (it->kind == ITEM_SCALE) scale_block(fm, it->node);
    if (it->kind == ITEM_POLICY) policy_block(fm, it->node);
    if (it->kind == ITEM_PROJECT) project_block(fm, it->node);
    if (it->kind == ITEM_TEST) test_block(fm, it->node);
    fm->want_blank = 1;
  }
}

FmtStatus fmt_file(const File *f, const Source *src, FmtBuf *out) {
  Fmt fm;
  memset(&fm, 0, sizeof fm);
  fm.f = f;
  fm.src = src;
  fm.lang = f->nkw_en > f->nkw_zh ? LANG_EN : LANG_ZH;
  items(&fm);
  FmtStatus st = fm.status;
  if (st == FMT_OK) st = fmt_write(&fm, out);
  fmt_buf_free(&fm.text);
  free(fm.lines);
  return st;
}
