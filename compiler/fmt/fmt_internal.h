/*
 * fmt_internal.h - what the files of the formatter share.
 *
 * Formatting runs in two steps.  fmt.c walks the tree and produces Lines,
 * each the text of one output line without comments, tagged with the
 * source offset of the construct it starts (its anchor).  fmt_comments.c
 * then places every comment by its offset relative to the anchors and
 * writes the result.  fmt_text.c prints the tokens a line is made of.
 */
#ifndef INDC_FMT_INTERNAL_H
#define INDC_FMT_INTERNAL_H

#include <stdint.h>

#include "fmt.h"

/* Keywords, indexed by the tokens of keywords.def (FK_KW_AGENCY, ...). */
typedef enum FmtKw {
#define KW(tok, zh, en) FK_##tok,
#include "../front/keywords.def"
#undef KW
  FK__COUNT
} FmtKw;

typedef struct FmtLine {
  uint32_t anchor;      /* source offset of the construct the line starts */
  unsigned indent;      /* in levels of two spaces */
  unsigned char blank;  /* a blank line goes before it (and its comments) */
  unsigned char close;  /* a closing brace: comments before it are indented
                           one level more, as the block's contents */
  size_t off, len;      /* the text, in Fmt.text */
} FmtLine;

typedef struct Fmt {
  const File *f;
  const Source *src;
  Lang lang;            /* keyword language of the output */
  FmtBuf text;          /* texts of all lines, back to back */
  FmtLine *lines;
  size_t nlines, caplines;
  size_t line_off;      /* start of the line being built, in text */
  int want_blank;       /* the next line gets a blank line before it */
  FmtStatus status;
} Fmt;

/* fmt.c: growable buffer primitives. */
void fmt_put(FmtBuf *b, const char *s, size_t n);
void fmt_puts(FmtBuf *b, const char *s);
void fmt_putc(FmtBuf *b, char c);

/* fmt_text.c: tokens of the line being built (appended to fm->text). */
const char *fmt_kw(const Fmt *fm, FmtKw k);
void fmt_string(Fmt *fm, const char *s);          /* "…" with escapes */
void fmt_ident(Fmt *fm, const char *name);        /* bare or `…` */
void fmt_unit(Fmt *fm, const char *unit);         /* 场, 人/次, %, `…` */
void fmt_quantity(Fmt *fm, const char *num, const char *unit, int in_expr); /* 15 场, 95% */
void fmt_grade(Fmt *fm, const char *grade, int in_target);
void fmt_grade_ji(Fmt *fm, const char *grade); /* a scale member written as 一级 */
void fmt_name(Fmt *fm, const char *name);         /* bare when an ident, else "…" */
void fmt_code(Fmt *fm, const char *code);         /* agency code */
void fmt_target(Fmt *fm, const Target *t);
void fmt_expr(Fmt *fm, const Expr *e);
size_t fmt_rtrim_len(const char *s, size_t n);    /* length without trailing blanks */
int fmt_plain_ident(const char *s, size_t n);

/* fmt_comments.c: place the comments among the lines and write it all. */
FmtStatus fmt_write(Fmt *fm, FmtBuf *out);
/* Whether a comment starts strictly inside (lo, hi). */
int fmt_comment_inside(const File *f, uint32_t lo, uint32_t hi);
/* Length of a comment's text as printed: # comments lose trailing blanks. */
size_t fmt_comment_len(const Comment *c);
/* The character of comment text s[0..n) at i, with CRLF and CR read as
 * \n, into *ch; returns the index after it. */
size_t fmt_comment_char(const char *s, size_t n, size_t i, char *ch);

#endif
