/*
 * source.h - source files, byte-offset spans, line/column lookup.
 *
 * Every position in the compiler is a byte offset into one source buffer
 * ([DIAG-SPAN] in docs/diagnostics.md).  Line and column are computed only
 * when a message is printed: lines by binary search over line starts,
 * columns in Unicode code points (not bytes), so a caret lines up under
 * Chinese text.  src_validate_utf8 runs once per file before lexing.
 */
#ifndef INDC_SOURCE_H
#define INDC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

typedef struct Span {
  uint32_t file; /* index in the SourceSet */
  uint32_t lo;   /* first byte */
  uint32_t hi;   /* one past the last byte (lo == hi: a point) */
} Span;

typedef struct Source {
  char *path;        /* as given on the command line or in an import */
  char *text;        /* copy of the bytes, then two NULs (text[len] and
                        text[len + 1]: the end marks flex's yy_scan_buffer
                        needs, so the scanner reads the text in place),
                        then SRC_PAD spare bytes (parse_parts.c) */
  size_t len;        /* length without the NULs */
  uint32_t *lines;   /* byte offset of the start of each line */
  size_t nlines;
} Source;

/* Spare bytes after a Source's NULs: parse_parts.c opens a gap of 4 bytes
 * before each part after the first, for its NULs. */
#define SRC_PAD 32

typedef struct SourceSet {
  Source **files;
  size_t nfiles, cap;
} SourceSet;

void src_init(SourceSet *ss);
void src_free(SourceSet *ss);

/*
 * Add a buffer (copied).  Returns the new file index.  Line starts are
 * indexed at once.  The caller validates UTF-8 separately with
 * src_validate_utf8 so it can report the bad byte.  len must be below
 * UINT32_MAX (spans are 32-bit); running out of memory aborts.
 */
uint32_t src_add(SourceSet *ss, const char *path, const char *text, size_t len);

/*
 * Read a file.  Returns the file index, or -1 with errno set and nothing
 * added.  Files larger than max_bytes (or than UINT32_MAX - 1, the span
 * limit) fail with errno = EFBIG; out of memory gives ENOMEM.  Works on
 * pipes too: the size is learnt by reading, never trusted from stat.
 */
int64_t src_read_file(SourceSet *ss, const char *path, size_t max_bytes);

/*
 * Free the text of every file, keeping paths and line starts: afterwards
 * only src_line works, and no diagnostic with a span may be printed.
 * `indc run` calls it once a compilation without diagnostics is checked,
 * before lowering, where the text of a large spec is the biggest thing.
 */
void src_drop_texts(SourceSet *ss);

/* The file with index `file`, or NULL when out of range (UINT32_MAX: none). */
const Source *src_get(const SourceSet *ss, uint32_t file);

/*
 * Check that text is valid UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF, no truncated sequences, no NUL bytes).  Returns 1 when
 * valid; otherwise 0 and sets *bad to the offset of the first bad byte: the
 * lead byte of a bad or truncated sequence.  text[*bad] == '\0' tells a
 * NUL byte (E0108) from bad UTF-8 (E0101).
 */
int src_validate_utf8(const char *text, size_t len, size_t *bad);

/*
 * Decode one UTF-8 character from s[0..len), len >= 1, by the same strict
 * rules as src_validate_utf8.  Returns its length in bytes (1..4) and
 * stores the code point in *cp.  A byte that does not start a valid
 * sequence yields *cp = -1 and length 1, so a scan over bad text moves one
 * byte at a time and counts each bad byte as one character.
 */
size_t src_utf8_decode(const char *s, size_t len, int32_t *cp);

/* The code points of the NUL-terminated s, the first 64 in cp; returns
 * their number, or 65 when there are more. */
size_t src_code_points(const char *s, int32_t cp[64]);

/*
 * Levenshtein distance between a and b over code points, so that one
 * mistyped Chinese character counts 1 like a mistyped letter; (size_t)-1
 * when either has more than 64.  For "did you mean" hints.
 */
size_t src_edit_distance(const char *a, const char *b);

/*
 * Start of the character that holds offset off, decoding text[start..end)
 * from start, which must be a character boundary (a line start, say), with
 * start <= off <= end.  Decoding forwards is the only way to tell the tail
 * of a good sequence from a stray continuation byte.
 */
size_t src_char_start(const char *text, size_t start, size_t end, size_t off);

/*
 * Lines.  A line ends at "\n" or "\r\n"; a lone "\r" is an ordinary
 * (control) character.  A final newline ends the last line and does not
 * start another, so "a\n" has one line, as editors show it; an empty text
 * has one empty line.  A UTF-8 byte-order mark at the start of the file is
 * not part of line 1: it takes no column and is not quoted.
 *
 * An offset inside a multibyte character is taken as that character's
 * start.  An offset at the end of the text (off == len, e.g. "unexpected
 * end of file") is reported at the end of the last line, just after its
 * last character, even when the file ends with a newline.  Offsets beyond
 * the end are clamped to it.
 */

/* 1-based line and column (column counted in code points) of offset off. */
void src_linecol(const Source *s, uint32_t off, uint32_t *line, uint32_t *col);

/*
 * 1-based line of offset off, as src_linecol gives it, without the column.
 * *hint (0 at first) is where the search starts and is left at the line
 * found, so a pass over offsets in source order (lowering notes the line
 * of every indicator) finds each line in a step or two instead of a
 * binary search over all the lines.
 */
uint32_t src_line(const Source *s, uint32_t off, size_t *hint);

/* The line holding offset off: start offset and length without newline. */
void src_line_at(const Source *s, uint32_t off, uint32_t *start, uint32_t *len);

/* Tab stops for src_display_width and for quoted lines in diagnostics. */
#define SRC_TAB_WIDTH 8

/*
 * Terminal display width of text[0..len): East Asian wide characters count
 * 2, combining marks 0 (utf8proc_charwidth), a tab counts as advancing to
 * the next multiple of SRC_TAB_WIDTH from column `startcol` (0-based
 * display column).  Other control characters and invalid bytes count 1:
 * diag.c shows each of them as U+FFFD so carets stay aligned.
 */
size_t src_display_width(const char *text, size_t len, size_t startcol);

/* 1 for a bidirectional control character (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069): invisible, it reorders how a line is
 * shown, so diagnostics never print one raw ("Trojan Source"); a quoted
 * line shows it as U+FFFD, one column wide, like a control byte. */
int src_is_bidi_control(int32_t cp);

#endif
