/*
 * fmt_text.c - the tokens of canonical lines: keywords in the output
 * language, strings, names, units, quantities, grades, targets and
 * expressions (docs/fmt.md, [FMT-7] to [FMT-13]).
 *
 * Every printer writes a form that the lexer reads back as the same token
 * value: a name that would not scan as one identifier (a keyword, digits,
 * punctuation) is written in backquotes, a grade that would not scan back
 * to the same atoms is quoted.  fmt_checked verifies this for each file.
 */
#include <stdio.h>
#include <string.h>

#include "../front/lex_support.h"
#include "fmt_internal.h"

/* ---- keywords ------------------------------------------------------------ */

static const char *const kw_text[FK__COUNT][2] = {
#define KW(tok, zh, en) {zh, en},
#include "../front/keywords.def"
#undef KW
};

static const char *const cat_words[] = {
#define X(name, zh, zhs, en) zh, zhs, en,
    AST_CATEGORIES(X)
#undef X
};

const char *fmt_kw(const Fmt *fm, FmtKw k) { return kw_text[k][fm->lang == LANG_EN]; }

static int word_is(const char *s, size_t n, const char *w) {
  return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* A keyword or category keyword in either language, or a comparison in
 * words (the lexer's view). */
static int is_keyword(const char *s, size_t n) {
  if (lex_is_cmp_word(s, n)) return 1;
  for (size_t i = 0; i < FK__COUNT; i++)
    if (word_is(s, n, kw_text[i][0]) || word_is(s, n, kw_text[i][1])) return 1;
  for (size_t i = 0; i < sizeof cat_words / sizeof cat_words[0]; i++)
    if (word_is(s, n, cat_words[i])) return 1;
  return 0;
}

/* ---- small predicates ------------------------------------------------------ */

static int is_alpha(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

size_t fmt_rtrim_len(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  return n;
}

/* Whether a non-ASCII run starts with full-width punctuation or a space
 * (lex_split returns the length of that one character then). */
static int starts_with_stop(const char *s, size_t n) {
  char tmp[8];
  size_t cl = (unsigned char)s[0] < 0xE0 ? 2 : (unsigned char)s[0] < 0xF0 ? 3 : 4;
  if (cl > n) return 1;
  memcpy(tmp, s, cl);
  memcpy(tmp + cl, "x", 1); /* an ASCII letter continues a run */
  return lex_split(tmp, cl + 1) != cl + 1;
}

/*
 * Whether s[0..n) scans as exactly one identifier with the same text
 * ([LEX-6]): an ASCII identifier, or a run of non-ASCII characters and
 * ASCII letters without digits or full-width punctuation; and no keyword.
 */
int fmt_plain_ident(const char *s, size_t n) {
  if (n == 0) return 0;
  unsigned char c0 = (unsigned char)s[0];
  if (c0 < 0x80) {
    if (!is_alpha(c0)) return 0;
    for (size_t i = 1; i < n; i++)
      if (!is_alpha((unsigned char)s[i]) && !is_digit((unsigned char)s[i])) return 0;
  } else {
    if (starts_with_stop(s, n) || lex_split(s, n) != n) return 0;
    for (size_t i = 0; i < n; i++)
      if ((unsigned char)s[i] < 0x80 && !is_alpha((unsigned char)s[i])) return 0;
  }
  return !is_keyword(s, n);
}

static int plain(const char *s) { return fmt_plain_ident(s, strlen(s)); }

/* ---- strings and names ----------------------------------------------------- */

/* "…" with \\ \" \n \t escaped, other control characters as \u{X}. */
void fmt_string(Fmt *fm, const char *s) {
  FmtBuf *b = &fm->text;
  fmt_putc(b, '"');
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '\\' || c == '"') {
      fmt_putc(b, '\\');
      fmt_putc(b, (char)c);
    } else if (c == '\n') {
      fmt_puts(b, "\\n");
    } else if (c == '\t') {
      fmt_puts(b, "\\t");
    } else if (c < 0x20 || c == 0x7F) {
      char esc[12];
      snprintf(esc, sizeof esc, "\\u{%X}", c);
      fmt_puts(b, esc);
    } else {
      fmt_putc(b, (char)c);
    }
  }
  fmt_putc(b, '"');
}

void fmt_ident(Fmt *fm, const char *name) {
  if (plain(name)) {
    fmt_puts(&fm->text, name);
    return;
  }
  fmt_putc(&fm->text, '`');
  fmt_puts(&fm->text, name);
  fmt_putc(&fm->text, '`');
}

/* Scale names: an identifier or a string in the grammar. */
void fmt_name(Fmt *fm, const char *name) {
  if (plain(name))
    fmt_puts(&fm->text, name);
  else
    fmt_string(fm, name);
}

/* The agency code: a number, an identifier or a string in the grammar. */
void fmt_code(Fmt *fm, const char *code) {
  size_t n = strlen(code), i = 0;
  while (i < n && is_digit((unsigned char)code[i])) i++;
  if (i > 0 && i + 1 < n && code[i] == '.') {
    i++;
    while (i < n && is_digit((unsigned char)code[i])) i++;
  }
  Dec v;
  if ((i == n && n > 0 && dec_parse(code, n, &v) == DEC_OK) || plain(code))
    fmt_puts(&fm->text, code);
  else
    fmt_string(fm, code);
}

/* ---- units and quantities ---------------------------------------------- */

/* unit-name := IDENT | IDENT / IDENT | % */
void fmt_unit(Fmt *fm, const char *unit) {
  const char *slash = strchr(unit, '/');
  int bare = strcmp(unit, "%") == 0 || plain(unit) ||
             (slash && !strchr(slash + 1, '/') && fmt_plain_ident(unit, (size_t)(slash - unit)) &&
              plain(slash + 1));
  if (bare) {
    fmt_puts(&fm->text, unit);
    return;
  }
  fmt_putc(&fm->text, '`');
  fmt_puts(&fm->text, unit);
  fmt_putc(&fm->text, '`');
}

/* `15 场`, `95%`.  In an expression the unit must be one identifier
 * (`3 万元`); in a target, money or unit declaration it may be `人/次`.  A
 * unit starting with 年 or 全年 after a number would scan as a date (2023
 * 年底, 2023 全年X), so it goes in backquotes. */
void fmt_quantity(Fmt *fm, const char *num, const char *unit, int in_expr) {
  fmt_puts(&fm->text, num);
  if (!unit) return;
  if (strcmp(unit, "%") == 0) {
    fmt_putc(&fm->text, '%');
    return;
  }
  fmt_putc(&fm->text, ' ');
  if (strncmp(unit, "年", strlen("年")) == 0 || strncmp(unit, "全年", strlen("全年")) == 0) {
    fmt_putc(&fm->text, '`');
    fmt_puts(&fm->text, unit);
    fmt_putc(&fm->text, '`');
  } else if (in_expr) {
    fmt_ident(fm, unit);
  } else {
    fmt_unit(fm, unit);
  }
}

/* ---- grades ------------------------------------------------------------------ */

/*
 * Whether grade atoms written bare scan back to s: digits (one NUMBER),
 * digits then an ASCII identifier (3A: NUMBER and IDENT), or one plain
 * identifier.  With no 级 after it (suffix == 0), a last atom `level` would
 * be dropped by the parser (ast.c, grade_join), so it is not bare.
 */
static int grade_bare(const char *s, int suffix) {
  size_t n = strlen(s), i = 0;
  while (i < n && is_digit((unsigned char)s[i])) i++;
  if (i == n) return n > 0 && n <= 9;
  if (i > 9) return 0;
  if (i == 0 && (unsigned char)s[0] >= 0x80) return plain(s);
  if (!fmt_plain_ident(s + i, n - i)) return 0;
  return i == 0 || suffix || strcmp(s + i, "level") != 0;
}

/*
 * A grade: `3A`, in a target followed by 级 in Chinese (`达到 3A 级`).  The
 * parser strips one trailing 级 from a grade name, so a name that itself
 * ends in 级 is written with a second one.
 */
static void grade_out(Fmt *fm, const char *grade, int in_target, int ji) {
  int suffix = in_target && fm->lang == LANG_ZH;
  size_t n = strlen(grade), jl = strlen("级");
  FmtBuf g = {0};
  fmt_puts(&g, grade);
  if (ji || (n >= jl && strcmp(grade + n - jl, "级") == 0)) fmt_puts(&g, "级");
  if (grade_bare(g.s, suffix))
    fmt_puts(&fm->text, g.s);
  else
    fmt_string(fm, g.s);
  if (suffix) fmt_puts(&fm->text, " 级");
  fmt_buf_free(&g);
}

void fmt_grade(Fmt *fm, const char *grade, int in_target) { grade_out(fm, grade, in_target, 0); }

/* A scale member written with its 级 (`一级`, `三级`): the parser drops one
 * trailing 级, so writing it again keeps both the meaning and the
 * analyst's spelling ([FMT-10]). */
void fmt_grade_ji(Fmt *fm, const char *grade) { grade_out(fm, grade, 0, 1); }

/* ---- targets ------------------------------------------------------------------ */

static void put_trimmed(Fmt *fm, const char *s) {
  fmt_put(&fm->text, s, fmt_rtrim_len(s, strlen(s)));
}

void fmt_target(Fmt *fm, const Target *t) {
  switch (t->kind) {
  case TGT_QUANT:
    if (t->u.q.explicit_cmp) fmt_puts(&fm->text, ast_cmp_str(t->u.q.cmp));
    fmt_quantity(fm, t->u.q.value_text, t->u.q.unit, 0);
    break;
  case TGT_DEADLINE:
    /* `截至 2023-12-31`: the span covers the keyword, the text does not */
    if (t->span.hi - t->span.lo > strlen(t->u.deadline.text)) {
      fmt_puts(&fm->text, fmt_kw(fm, FK_KW_BY));
      fmt_putc(&fm->text, ' ');
    }
    put_trimmed(fm, t->u.deadline.text);
    break;
  case TGT_PERIOD:
    if (!t->u.period.text) {
      fmt_puts(&fm->text, fmt_kw(fm, FK_KW_FULLYEAR));
    } else if (!is_digit((unsigned char)fm->src->text[t->span.lo])) {
      char y[16]; /* written `年内 2023`: the parser made up the text 2023年内 */
      snprintf(y, sizeof y, " %d", t->u.period.year);
      fmt_puts(&fm->text, fmt_kw(fm, FK_KW_WITHIN));
      fmt_puts(&fm->text, y);
    } else {
      put_trimmed(fm, t->u.period.text);
    }
    break;
  case TGT_GRADE:
    fmt_puts(&fm->text, fmt_kw(fm, FK_KW_REACH));
    fmt_putc(&fm->text, ' ');
    fmt_grade(fm, t->u.grade.grade, 1);
    break;
  case TGT_TEXT:
    fmt_string(fm, t->u.text.text);
    break;
  }
}

/* ---- expressions ---------------------------------------------------------- */


static const char *binop(const Fmt *fm, ExprOp op) {
  switch (op) {
  case OP_ADD: return "+";
  case OP_SUB: return "-";
  case OP_MUL: return "*";
  case OP_DIV: return "/";
  case OP_LT: return "<";
  case OP_LE: return "≤";
  case OP_GT: return ">";
  case OP_GE: return "≥";
  case OP_EQ: return "==";
  case OP_NE: return "!=";
  case OP_AND: return fmt_kw(fm, FK_KW_AND);
  case OP_OR: return fmt_kw(fm, FK_KW_OR);
  default: return "?";
  }
}

static void put_expr(Fmt *fm, const Expr *e, int min, unsigned depth);

/* `KEYWORD e`: the operand of 非, or a part of 如果 … 则 … 否则 …. */
static void put_kw_expr(Fmt *fm, FmtKw k, const Expr *e, int min, unsigned depth) {
  fmt_puts(&fm->text, fmt_kw(fm, k));
  fmt_putc(&fm->text, ' ');
  put_expr(fm, e, min, depth);
}

static void put_operands(Fmt *fm, const Expr *e, int p, unsigned depth) {
  FmtBuf *b = &fm->text;
  switch (e->kind) {
  case EX_NUM:
    fmt_quantity(fm, e->name, e->unit, 1);
    break;
  case EX_FIELD:
    fmt_ident(fm, e->name);
    break;
  case EX_CALL:
    fmt_ident(fm, e->name);
    fmt_putc(b, '(');
    for (size_t i = 0; i < e->nargs; i++) {
      if (i) fmt_puts(b, ", ");
      put_expr(fm, e->args[i], AST_P_IF, depth);
    }
    fmt_putc(b, ')');
    break;
  case EX_UNARY:
    if (e->op == OP_NEG) {
      fmt_putc(b, '-');
      put_expr(fm, e->args[0], AST_P_NEG, depth);
    } else {
      put_kw_expr(fm, FK_KW_NOT, e->args[0], AST_P_NOT, depth);
    }
    break;
  case EX_BINARY: /* left-associative, comparisons do not associate */
    put_expr(fm, e->args[0], p == AST_P_CMP ? p + 1 : p, depth);
    fmt_putc(b, ' ');
    fmt_puts(b, binop(fm, e->op));
    fmt_putc(b, ' ');
    put_expr(fm, e->args[1], p + 1, depth);
    break;
  case EX_IF:
    put_kw_expr(fm, FK_KW_IF, e->args[0], AST_P_IF, depth);
    fmt_putc(b, ' ');
    put_kw_expr(fm, FK_KW_THEN, e->args[1], AST_P_IF, depth);
    fmt_putc(b, ' ');
    put_kw_expr(fm, FK_KW_ELSE, e->args[2], AST_P_IF, depth);
    break;
  }
}

/* e, in parentheses when it binds less tightly than min. */
static void put_expr(Fmt *fm, const Expr *e, int min, unsigned depth) {
  if (depth >= FMT_MAX_DEPTH) {
    fm->status = FMT_TOO_DEEP;
    return;
  }
  int p = ast_expr_prec(e);
  if (p < min) fmt_putc(&fm->text, '(');
  put_operands(fm, e, p, depth + 1);
  if (p < min) fmt_putc(&fm->text, ')');
}

void fmt_expr(Fmt *fm, const Expr *e) { put_expr(fm, e, AST_P_IF, 0); }
