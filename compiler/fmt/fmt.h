/*
 * fmt.h - the canonical formatter (indc fmt, docs/fmt.md).
 *
 * fmt_file prints one parsed file in canonical layout: 2-space indents,
 * one statement per line, ASCII structure punctuation, keywords in the
 * file's majority language, every comment kept.  It works on the AST of a
 * file that parsed without errors; it needs no semantic analysis.
 *
 * fmt_checked adds the safety net the command relies on: the output is
 * parsed again and compared with the original tree (fmt_same), so a
 * formatter bug is reported as an internal error instead of silently
 * changing a spec.
 */
#ifndef INDC_FMT_H
#define INDC_FMT_H

#include <stddef.h>

#include "../front/ast.h"
#include "../support/arena.h"
#include "../support/source.h"

/* A growable byte buffer (malloc'd; running out of memory aborts). */
typedef struct FmtBuf {
  char *s;     /* NUL-terminated when len > 0 */
  size_t len, cap;
} FmtBuf;

void fmt_buf_free(FmtBuf *b);

/* Deepest expression fmt prints (left-associative chains are not bounded
 * by the parser's stack, so the recursive printer needs a bound of its own).
 * Ten times what `indc check` accepts (LIM_NESTING), and low enough for the
 * recursion to fit the stack with a sanitizer's larger frames too: 10000
 * overflowed 8 MiB under ASan (a fuzz finding, a chain of unary minus). */
#define FMT_MAX_DEPTH 2000u

typedef enum FmtStatus {
  FMT_OK = 0,
  FMT_TOO_DEEP,     /* an expression nested deeper than FMT_MAX_DEPTH */
  FMT_LOST_COMMENT, /* internal error: a comment was not emitted */
  FMT_CHANGED       /* internal error: the output parses to another tree */
} FmtStatus;

/*
 * Append the canonical form of f to out.  src is the file's source (read
 * to tell `年内 2023` from `2023年内`).  f must have parsed without errors.
 * On a status other than FMT_OK the contents of out are unspecified.
 */
FmtStatus fmt_file(const File *f, const Source *src, FmtBuf *out);

/*
 * Format f (file `file` of ss) into out, then parse out as a new entry of
 * ss, in arena, and compare the two trees with fmt_same.  Returns FMT_OK
 * only when the output parses without errors to the same tree.
 */
FmtStatus fmt_checked(const File *f, SourceSet *ss, uint32_t file, Arena *arena, FmtBuf *out);

/*
 * Structural equality of two trees as the formatter must preserve it:
 * item order, names, targets, numbers as written, attributes, expressions,
 * settings, and comments (count and text; trailing blanks of # comments
 * are ignored).  Keyword language, spans and layout are not compared.
 * Returns 1 when equal; otherwise 0, with a short reason in *why when why
 * is not NULL.
 */
int fmt_same(const File *a, const File *b, const char **why);

#endif
