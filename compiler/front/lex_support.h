/*
 * lex_support.h - the C side of grammar/lexer.l: token decoding (strings,
 * numbers, dates), keyword lookup, splitting of full-width punctuation,
 * and lexical diagnostics.  Kept out of the .l file so that it is compiled
 * with the project's full warning list and unit-testable.
 */
#ifndef INDC_LEX_SUPPORT_H
#define INDC_LEX_SUPPORT_H

#include <stddef.h>

#include "parse.h"

union INDC_YYSTYPE;

void lex_error(ParseCtx *pc, DiagCode code, uint32_t lo, uint32_t hi,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void lex_comment(ParseCtx *pc, uint32_t lo, uint32_t hi);
const char *lex_text(ParseCtx *pc, const char *s, size_t n);

/* "…" body (without quotes): decode escapes.  STRING or ERROR. */
int lex_string(ParseCtx *pc, const char *body, size_t n, const char **out);
/* “…” strings are built piecewise in pc->sbuf. */
void lex_sbuf_add(ParseCtx *pc, const char *s, size_t n);
int lex_escape(ParseCtx *pc, const char *s, size_t n); /* 0: error reported */
int lex_cq_string(ParseCtx *pc, const char **out);

int lex_number(ParseCtx *pc, const char *s, size_t n, NumTok *out);
/* form 3: y年m月d日前; 2: y年m月底前 (end of month); 1: y年底前. */
int lex_deadline(ParseCtx *pc, const char *s, size_t n, int form, DateTok *out);
int lex_isodate(ParseCtx *pc, const char *s, size_t n, DateTok *out);
int lex_period(ParseCtx *pc, const char *s, size_t n, DateTok *out);

/*
 * Length of the leading part of a non-ASCII run that belongs to one token:
 * up to the first full-width punctuation, operator or space; when the run
 * starts with one of those, its length.
 */
size_t lex_split(const char *s, size_t n);

/*
 * A word: keyword, category keyword, punctuation (full-width), or IDENT.
 * Returns the token, or -1 for a space character that is skipped.
 */
int lex_word(ParseCtx *pc, const char *s, size_t n, union INDC_YYSTYPE *val);
int lex_ascii_punct(ParseCtx *pc, char c);

/* Keyword tables, for messages, docs and editor tests. */
typedef struct LexKeyword { int token; const char *zh, *en; } LexKeyword;
const LexKeyword *lex_keywords(size_t *n);
/* Text of a token for messages: "'项目' (project)", "number", "'{'". */
const char *lex_token_name(int token);

/* Days in month m of year y (Gregorian). */
int lex_days_in_month(int y, int m);

#endif
