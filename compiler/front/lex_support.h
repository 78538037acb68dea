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
/*
 * A date as other programs type it, 2023.12.31 or 2023/12/31, around the
 * separator at text[at] ('.' or '/'): year, month, day in v.  Returns 1
 * for such a date (a 4-digit year, a month 1-12, a day 1-31).  The
 * language writes 2023-12-31 or 2023年12月31日 ([LEX-8]);
 * lex_typed_date_hint adds that hint to d (0 when it is no such date).
 */
int lex_typed_date(const ParseCtx *pc, uint32_t at, int v[3]);
int lex_typed_date_hint(const ParseCtx *pc, Diag *d, uint32_t at);
const char *lex_text(ParseCtx *pc, const char *s, size_t n);

/*
 * A "…" string unterminated at the end of its line: does it go on over the
 * next lines?  It does when the next lines that hold a quote or a brace
 * end it with an odd number of '"' (a text pasted from an Excel cell with
 * line breaks).  Returns the offset after its closing '"', or 0.
 */
uint32_t lex_string_runs_on(const ParseCtx *pc, uint32_t eol);
/*
 * A "…" string just ended, and a word follows at `after`, with an odd
 * number of '"' left on the line, or with an even one when the word is no
 * keyword: the quote that ended it was meant to be inside the text
 * (`"通过"青春+"品牌活动"`).  Returns the offset after the line's last '"',
 * where the text really ends, or 0.
 */
uint32_t lex_inner_quote(const ParseCtx *pc, uint32_t after);
/* Report the unterminated string opened at lo (E0102); end: as above. */
void lex_unterminated(ParseCtx *pc, uint32_t lo, uint32_t end);
/* A ＂…＂ string (from pc->str_lo) with no closing ＂ on its line. */
void lex_unterminated_fw(ParseCtx *pc);
/* "…" body (without quotes): decode escapes.  STRING or ERROR. */
int lex_string(ParseCtx *pc, const char *body, size_t n, const char **out);
/* “…” strings are built piecewise in pc->sbuf. */
void lex_sbuf_add(ParseCtx *pc, const char *s, size_t n);
int lex_escape(ParseCtx *pc, const char *s, size_t n); /* 0: error reported */
int lex_cq_string(ParseCtx *pc, const char **out);

int lex_number(ParseCtx *pc, const char *s, size_t n, NumTok *out);
/* form 3: y年m月d日前 (or y-m-d前); 2: y年m月底前 (end of month); 1: y年底前;
 * 4: y年第q季度 (end of quarter); 5: y年上半年, y年下半年 (end of the half). */
int lex_deadline(ParseCtx *pc, const char *s, size_t n, int form, DateTok *out);
/* Length of s[0..n) without trailing spaces and tabs (a deadline's {SP}*
 * may match the space after it). */
size_t lex_trim_space(const char *s, size_t n);
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
/* Index the keyword table in pc (pc->word_ix); before the first lex_word. */
void lex_init(ParseCtx *pc);

/* Remember a token returned to the parser (pc->last). */
void lex_track(ParseCtx *pc, int tok, uint32_t lo, uint32_t hi);

/* Is s[0..n) a comparison in words ([LEX-CMP]: 不低于, 超过 …)?  Such a
 * word scans as ≥ > …, so fmt writes a name spelt so in backquotes. */
int lex_is_cmp_word(const char *s, size_t n);

/* Keyword tables, for messages, docs and editor tests. */
typedef struct LexKeyword { int token; const char *zh, *en; } LexKeyword;
const LexKeyword *lex_keywords(size_t *n);
/* Text of a token for messages: "'项目' (project)", "number", "'{'". */
const char *lex_token_name(int token);

/* Days in month m of year y (Gregorian). */
int lex_days_in_month(int y, int m);

#endif
