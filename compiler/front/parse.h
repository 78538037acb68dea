/*
 * parse.h - the parse driver: one source buffer in, one File (AST) out.
 *
 * parse_file sets up the reentrant scanner and the pure parser on the
 * buffer of a SourceSet entry, with a ParseCtx as the scanner's extra data
 * and the parser's parameter, so nothing is global.  Diagnostics go to the
 * DiagList; the File is returned even when there were errors (sema must
 * not run then: see sema.h).
 */
#ifndef INDC_PARSE_H
#define INDC_PARSE_H

#include "../support/arena.h"
#include "../support/diag.h"
#include "../support/indc_limits.h"
#include "../support/intern.h"
#include "ast.h"

/* Slots of the keyword index in a ParseCtx (a power of two, at least twice
 * the number of words: lex_support.c checks). */
#define LEX_WORD_SLOTS 512

/* Token values of the scanner (see the %union in grammar/parser.y). */
typedef struct NumTok { Dec v; const char *text; } NumTok;
typedef struct DateTok { Date d; int year; const char *text; } DateTok;
typedef struct CatTok { Category cat; Lang lang; } CatTok;

/* Parts of a grade name (`达到 3A 级`): up to four atoms, joined by ast.c. */
/* The atoms of a grade name; name_hi ends the span before a last 级/level,
 * so that a message points at the grade only. */
typedef struct GradeParts { const char *atom[4]; unsigned n; Span span; uint32_t name_hi; } GradeParts;

/* Arguments of a call or values of a setting. */
typedef struct ExprList { Expr **v; size_t n, cap; } ExprList;

typedef struct ParseCtx {
  Arena *arena;
  GradeParts grade; /* the grade name being read (ast_grade_parts): one at a time */
  DiagList *diags;
  const SourceSet *ss;
  uint32_t file;
  const char *text;
  size_t len;
  /* lexer state */
  uint32_t off;       /* offset of the next byte to scan */
  uint32_t tok_lo;    /* offset of the current token */
  uint32_t str_lo;    /* start of a “…” string being scanned */
  int cq_depth;       /* nesting of “ ” */
  int cq_bad;         /* an invalid escape in it was reported */
  char *sbuf;         /* string being decoded */
  size_t slen, scap;
  uint32_t open[LIM_NESTING]; /* offsets of unclosed '{' and '(' */
  unsigned nopen;
  uint32_t closed, closer;    /* the opener the last '}' or ')' closed, and it */
  int has_suspect;            /* a '{' whose '}' is indented differently: */
  uint32_t suspect, suspect_closer; /* the likely unclosed block, and that '}' */
  int lex_failed;     /* the current token is an error already reported */
  uint32_t bad_lo, bad_hi; /* the last unexpected character reported (lex_error) */
  uint32_t skip_to;   /* end of a string that runs on over lines (state SKIP) */
  struct { int tok; uint32_t lo, hi; } last[3]; /* the last tokens, last first */
  Intern strs;        /* names, numbers and dates as written, each text once */
  uint8_t word_ix[LEX_WORD_SLOTS]; /* keyword index (lex_init) */
  unsigned nerr_proj; /* syntax errors since the last 项目 began */
  int desync;         /* after such an error a '}' did not line up with its
                         '{': braces are out of step, so further syntax errors
                         are not reported until the next 项目 */
  int too_deep;       /* nesting limit hit: stop */
  /* parser state: the constructs being built */
  File *out;
  Project *proj;
  CatBlock *cats[LIM_NESTING];
  unsigned ncats;
  Indicator *ind;
  PolicyDecl *policy;
  ScaleDecl *scale;
} ParseCtx;

/* A syntax error as the parser saw it; parse_syntax_error words it. */
typedef struct SyntaxErr {
  Span span;
  const char *tok;      /* the unexpected token, named for messages */
  int at_eof, at_ident; /* it is the end of input / an identifier */
  int at_number;        /* it is a number */
  int at_category;      /* it is a category keyword */
  int expects_keyword;  /* a keyword could have stood there */
  int expects_string;   /* a string could have stood there */
  const char *exp[5];   /* expected tokens (nexp == 0: too many to list) */
  int nexp;
} SyntaxErr;
void parse_syntax_error(ParseCtx *pc, const SyntaxErr *e);
/* The parser's stack limit was hit (YYMAXDEPTH): input nested too deep. */
void parse_stack_exhausted(ParseCtx *pc, Span at);

/*
 * Parse file `file` of ss: parse_file_parts with parts = 0, the automatic
 * choice (docs/architecture.md [PARSE-PARTS]).
 */
File *parse_file(Arena *arena, DiagList *diags, const SourceSet *ss,
                 uint32_t file);

/*
 * Parse a large file in up to `parts` parts at once, on threads
 * (parse_parts.c); parts = 0 chooses from the processors and the file's
 * size, 1 parses in one piece.  A part is at least min_part bytes
 * (PARSE_MIN_PART when 0) and starts at a top-level 项目 / project line.
 * The File and the diagnostics are exactly those of parsing in one
 * piece: when any part reports anything, or a later part holds more
 * than projects, units, scales, policies, tests and comments, the file is
 * parsed again in one piece.  The source's text is moved while the parts
 * are parsed and put back before this returns.  *used (when not NULL)
 * is set to the number of parts whose parse was kept: 1 when the file was
 * parsed in one piece.
 */
#define PARSE_MIN_PART ((size_t)4 << 20)
#define PARSE_MAX_PARTS 8
File *parse_file_parts(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file,
                       unsigned parts, size_t min_part, unsigned *used);

/*
 * The parse of bytes [lo, hi) of a file, as if the file were those bytes
 * alone, with offsets and spans of the whole file.  The text is read
 * through base: base + off is the byte at file offset off, for off in
 * [lo, hi), and base[hi], base[hi + 1] are NULs.  lo is 0 or the start of
 * a line.
 */
File *parse_range(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file, char *base,
                  uint32_t lo, uint32_t hi);

/* Span helpers used by the lexer and the parser. */
static inline Span parse_span(const ParseCtx *pc, uint32_t lo, uint32_t hi) {
  Span s = {pc->file, lo, hi};
  return s;
}

#endif
