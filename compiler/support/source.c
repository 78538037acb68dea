/*
 * source.c - source buffers, UTF-8 checks, line/column lookup (see source.h).
 *
 * A Source keeps the bytes exactly as read, plus the byte offset of every
 * line start.  Nothing here converts offsets eagerly: src_linecol and
 * src_line_at run only when a diagnostic is printed, by binary search over
 * the line starts, in the manner of jq's locfile.c.  Columns count code
 * points (PostgreSQL converts its error cursor the same way), while display
 * widths count terminal cells, so a caret under Chinese text lines up.
 *
 * One strict decoder (src_utf8_decode) serves validation, columns and
 * widths alike, so the three always agree on what a character is.
 */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "model.h" /* rt_populate */

/* First read size of src_read_file; the buffer doubles from here. */
#define SRC_READ_CHUNK 65536u

/* Largest text a Source can hold: every offset and hi must fit a uint32_t. */
#define SRC_MAX_LEN ((size_t)UINT32_MAX - 1)

static void src_oom(void) {
  fputs("indc: out of memory\n", stderr);
  abort();
}

/* ---- UTF-8 ------------------------------------------------------------ */

static int src_is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/*
 * Valid second-byte range of a multibyte sequence with lead byte b0
 * (Unicode Table 3-7).  These ranges are what exclude overlongs (E0, F0),
 * surrogates (ED) and code points above U+10FFFF (F4).
 */
static void src_second_range(unsigned char b0, unsigned char *lo,
                             unsigned char *hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (b0 == 0xE0)
    *lo = 0xA0;
  else if (b0 == 0xED)
    *hi = 0x9F;
  else if (b0 == 0xF0)
    *lo = 0x90;
  else if (b0 == 0xF4)
    *hi = 0x8F;
}

/* Sequence length for lead byte b0, or 0 when b0 cannot start one. */
static size_t src_seq_len(unsigned char b0) {
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return 2;
  if (b0 >= 0xE0 && b0 <= 0xEF) return 3;
  if (b0 >= 0xF0 && b0 <= 0xF4) return 4;
  return 0; /* continuation byte, C0/C1 (always overlong), F5..FF */
}

size_t src_utf8_decode(const char *s, size_t len, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = src_seq_len(u[0]);
  unsigned char lo, hi;
  *cp = -1;
  if (n == 0 || n > len) return 1;
  if (n == 1) {
    *cp = u[0];
    return 1;
  }
  src_second_range(u[0], &lo, &hi);
  if (u[1] < lo || u[1] > hi) return 1;
  int32_t c = u[0] & (0x7F >> n);
  for (size_t i = 1; i < n; i++) {
    if (!src_is_cont(u[i])) return 1;
    c = (c << 6) | (u[i] & 0x3F);
  }
  *cp = c;
  return n;
}

size_t src_code_points(const char *s, int32_t cp[64]) {
  size_t n = 0, len = strlen(s);
  for (size_t i = 0; i < len && n <= 64; n++) {
    int32_t c;
    i += src_utf8_decode(s + i, len - i, &c);
    if (n < 64) cp[n] = c;
  }
  return n;
}

size_t src_edit_distance(const char *a, const char *b) {
  int32_t ca[64], cb[64];
  size_t la = src_code_points(a, ca), lb = src_code_points(b, cb);
  if (la > 64 || lb > 64) return (size_t)-1;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t cur = row[j], best = prev + (ca[i - 1] != cb[j - 1]);
      if (row[j] + 1 < best) best = row[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      prev = cur;
    }
  }
  return row[lb];
}

/* Is every byte of the 8 at p below 0x80 and non-zero? */
static int src_ascii8(const char *p) {
  uint64_t w;
  memcpy(&w, p, sizeof w);
  /* a zero byte sets its high bit in (w - 0x01..) & ~w (the classic test) */
  return ((w | ((w - 0x0101010101010101u) & ~w)) & 0x8080808080808080u) == 0;
}

int src_validate_utf8(const char *text, size_t len, size_t *bad) {
  size_t i = 0;
  while (i < len) {
    if (len - i >= 8 && src_ascii8(text + i)) { /* the ASCII of a spec, 8 bytes at a time */
      i += 8;
      continue;
    }
    /* a Chinese character: lead E1..EC, EE, EF take any two continuation
     * bytes (only E0 and ED restrict the second: src_second_range) */
    unsigned char c = (unsigned char)text[i];
    if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && len - i >= 3 &&
        ((unsigned char)text[i + 1] & 0xC0) == 0x80 && ((unsigned char)text[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    int32_t cp;
    size_t n = src_utf8_decode(text + i, len - i, &cp);
    if (cp <= 0) { /* -1: bad sequence; 0: NUL byte */
      *bad = i;
      return 0;
    }
    i += n;
  }
  return 1;
}

size_t src_char_start(const char *text, size_t start, size_t end,
                      size_t off) {
  size_t p = start;
  while (p < off) {
    int32_t cp;
    size_t n = src_utf8_decode(text + p, end - p, &cp);
    if (p + n > off) break;
    p += n;
  }
  return p;
}

/* ---- the source set --------------------------------------------------- */

void src_init(SourceSet *ss) {
  ss->files = NULL;
  ss->nfiles = ss->cap = 0;
}

static void src_free_one(Source *s) {
  if (!s) return;
  free(s->path);
  free(s->text);
  free(s->lines);
  free(s);
}

void src_free(SourceSet *ss) {
  for (size_t i = 0; i < ss->nfiles; i++) src_free_one(ss->files[i]);
  free(ss->files);
  src_init(ss);
}

/*
 * Offsets of every line start.  A "\n" starts a new line unless it is the
 * last byte: a final newline ends the last line (see source.h).  Returns
 * NULL when out of memory.
 */
static uint32_t *src_index_lines(const char *text, size_t len, size_t *nlines) {
  size_t n = 1, cap = len / 16 + 16; /* a guess, grown as needed: one pass only */
  uint32_t *lines = malloc(cap * sizeof *lines);
  if (!lines) return NULL;
  lines[0] = 0;
  const char *p = text, *end = len ? text + len - 1 : text; /* a final '\n' starts no line */
  while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    if (n == cap) {
      uint32_t *nl = realloc(lines, (cap *= 2) * sizeof *lines);
      if (!nl) {
        free(lines);
        return NULL;
      }
      lines = nl;
    }
    lines[n++] = (uint32_t)(++p - text);
  }
  uint32_t *fit = realloc(lines, n * sizeof *lines); /* give back the spare guess */
  *nlines = n;
  return fit ? fit : lines;
}

static char *src_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/*
 * Add a Source that takes ownership of buf (len bytes, two NULs and
 * SRC_PAD bytes).
 * Returns the file index, or -1 when out of memory; then buf is freed and
 * the set is unchanged.
 */
static int64_t src_add_owned(SourceSet *ss, const char *path, char *buf,
                             size_t len) {
  Source *s = calloc(1, sizeof *s);
  if (!s) goto fail;
  s->text = buf;
  s->len = len;
  s->path = src_strdup(path);
  s->lines = src_index_lines(buf, len, &s->nlines);
  if (!s->path || !s->lines) goto fail;
  if (ss->nfiles == ss->cap) {
    size_t cap = ss->cap ? ss->cap * 2 : 8;
    Source **files = realloc(ss->files, cap * sizeof *files);
    if (!files) goto fail;
    ss->files = files;
    ss->cap = cap;
  }
  ss->files[ss->nfiles] = s;
  return (int64_t)ss->nfiles++;
fail:
  if (s) s->text = NULL;
  src_free_one(s);
  free(buf);
  return -1;
}

uint32_t src_add(SourceSet *ss, const char *path, const char *text, size_t len) {
  if (len > SRC_MAX_LEN) {
    fputs("indc: source text too large for 32-bit spans\n", stderr);
    abort();
  }
  char *buf = malloc(len + 2 + SRC_PAD);
  if (!buf) src_oom();
  if (len) memcpy(buf, text, len);
  buf[len] = buf[len + 1] = '\0';
  int64_t id = src_add_owned(ss, path, buf, len);
  if (id < 0) src_oom();
  return (uint32_t)id;
}

/*
 * Read all of f into a malloc'd buffer: at most limit bytes, then two
 * NULs and SRC_PAD spare bytes.  Returns 0, or an errno value (EFBIG
 * past the limit) with *out left NULL.
 */
/* The first buffer for reading f: a regular file's size and the NULs, so
 * that one allocation of the right size holds it (a 140 MB spec would
 * otherwise end in a 256 MB buffer); else SRC_READ_CHUNK, doubling. */
static size_t src_first_cap(FILE *f, size_t limit) {
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
      (uint64_t)st.st_size < limit)
    return (size_t)st.st_size + 2 + SRC_PAD;
  return SRC_READ_CHUNK;
}

static int src_slurp(FILE *f, size_t limit, char **out, size_t *outlen) {
  size_t cap = src_first_cap(f, limit), len = 0;
  char *buf = malloc(cap);
  *out = NULL;
  if (!buf) return ENOMEM;
  rt_populate(buf, cap); /* the read fills it: its pages at once, not a fault each */
  for (;;) {
    if (len == cap) {
      char *nb = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
      if (!nb) {
        free(buf);
        return ENOMEM;
      }
      buf = nb;
      cap *= 2;
    }
    size_t want = cap - len;
    errno = 0;
    size_t got = fread(buf + len, 1, want, f);
    len += got;
    if (len > limit) {
      free(buf);
      return EFBIG;
    }
    if (got < want) { /* end of file or a read error */
      if (ferror(f)) {
        int err = errno ? errno : EIO;
        free(buf);
        return err;
      }
      break;
    }
  }
  if (cap - len < 2 + SRC_PAD) { /* room for the NULs and the pad */
    char *nb = realloc(buf, len + 2 + SRC_PAD);
    if (!nb) {
      free(buf);
      return ENOMEM;
    }
    buf = nb;
  }
  buf[len] = buf[len + 1] = '\0';
  *out = buf;
  *outlen = len;
  return 0;
}

int64_t src_read_file(SourceSet *ss, const char *path, size_t max_bytes) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1; /* errno from fopen */
  char *buf;
  size_t len = 0;
  int err = src_slurp(f, max_bytes < SRC_MAX_LEN ? max_bytes : SRC_MAX_LEN,
                      &buf, &len);
  fclose(f);
  if (err) {
    errno = err;
    return -1;
  }
  int64_t id = src_add_owned(ss, path, buf, len);
  if (id < 0) errno = ENOMEM;
  return id;
}

void src_drop_texts(SourceSet *ss) {
  for (size_t i = 0; i < ss->nfiles; i++) {
    free(ss->files[i]->text);
    ss->files[i]->text = NULL;
  }
}

const Source *src_get(const SourceSet *ss, uint32_t file) {
  return file < ss->nfiles ? ss->files[file] : NULL;
}

/* ---- lines and columns ------------------------------------------------ */

/* Index of the line holding offset off, known to be in [lo, hi) (binary
 * search over line starts). */
static size_t src_line_between(const Source *s, uint32_t off, size_t lo, size_t hi) {
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->lines[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Index of the line holding offset off. */
static size_t src_line_index(const Source *s, uint32_t off) {
  return src_line_between(s, off, 0, s->nlines);
}

uint32_t src_line(const Source *s, uint32_t off, size_t *hint) {
  if (off > s->len) off = (uint32_t)s->len;
  size_t lo = *hint < s->nlines ? *hint : 0, step = 1;
  if (s->lines[lo] > off) {
    lo = src_line_index(s, off);
  } else { /* gallop forward from the hint, then search what is left */
    size_t hi = lo + 1;
    while (hi < s->nlines && s->lines[hi] <= off) {
      lo = hi;
      hi = lo + (step *= 2);
    }
    if (hi > s->nlines) hi = s->nlines;
    lo = src_line_between(s, off, lo, hi);
  }
  *hint = lo;
  return (uint32_t)lo + 1;
}

/* Start of line i, after a byte-order mark on line 1. */
static uint32_t src_content_start(const Source *s, size_t i) {
  uint32_t start = s->lines[i];
  if (i == 0 && s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  return start;
}

/*
 * One past the last byte of line i's content: before the "\n" or "\r\n"
 * that ends it (for the last line, the file's final newline if any).
 */
static uint32_t src_content_end(const Source *s, size_t i) {
  size_t start = s->lines[i];
  size_t end = i + 1 < s->nlines ? s->lines[i + 1] : s->len;
  if (end > start && s->text[end - 1] == '\n') {
    end--;
    if (end > start && s->text[end - 1] == '\r') end--;
  }
  return (uint32_t)end;
}

/*
 * Line index and the offset to report for off: clamped into the line's
 * content (so end of file and newlines land after the last character) and
 * moved back to the start of a multibyte character.
 */
static size_t src_locate(const Source *s, uint32_t off, uint32_t *pos) {
  if (off > s->len) off = (uint32_t)s->len;
  size_t i = src_line_index(s, off);
  uint32_t start = src_content_start(s, i), end = src_content_end(s, i);
  if (off < start) off = start;
  if (off > end) off = end;
  *pos = (uint32_t)src_char_start(s->text, start, end, off);
  return i;
}

void src_linecol(const Source *s, uint32_t off, uint32_t *line, uint32_t *col) {
  uint32_t pos;
  size_t i = src_locate(s, off, &pos);
  uint32_t p = src_content_start(s, i), ncp = 0;
  while (p < pos) {
    int32_t cp;
    p += (uint32_t)src_utf8_decode(s->text + p, pos - p, &cp);
    ncp++;
  }
  *line = (uint32_t)i + 1;
  *col = ncp + 1;
}

void src_line_at(const Source *s, uint32_t off, uint32_t *start, uint32_t *len) {
  uint32_t pos;
  size_t i = src_locate(s, off, &pos);
  *start = src_content_start(s, i);
  *len = src_content_end(s, i) - *start;
}

/* ---- display width ---------------------------------------------------- */

int src_is_bidi_control(int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

/* Cells taken by cp at display column col (cp == -1: an invalid byte). */
static size_t src_char_cells(int32_t cp, size_t col) {
  if (cp == '\t') return SRC_TAB_WIDTH - col % SRC_TAB_WIDTH;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || src_is_bidi_control(cp))
    return 1; /* shown as U+FFFD */
  int w = utf8proc_charwidth(cp);
  return w > 0 ? (size_t)w : 0;
}

size_t src_display_width(const char *text, size_t len, size_t startcol) {
  size_t col = startcol, i = 0;
  while (i < len) {
    int32_t cp;
    i += src_utf8_decode(text + i, len - i, &cp);
    col += src_char_cells(cp, col);
  }
  return col - startcol;
}
