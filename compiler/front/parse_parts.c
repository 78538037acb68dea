/*
 * parse_parts.c - parsing a large file in parts, on threads
 * (docs/architecture.md [PARSE-PARTS]).
 *
 * A spec of 100k projects is 140 MB, and parsing it in one piece was half
 * the time of `indc run` on it.  Projects are top-level items of the
 * grammar (file: file item), and a line that starts with the keyword
 * 项目 (or project) begins one in every file written as people and `indc
 * fmt` write them.  So a large file is cut at such lines into parts, each
 * parsed by parse_range on a thread into an arena and a DiagList of its
 * own, and the parts' Files are joined in order.
 *
 * The join is the parse in one piece whenever every part parsed without
 * a diagnostic: a part that parses cleanly ends between two items, with
 * the scanner in its first state (an open comment, string or block is an
 * error at its end), so in one piece the scanner would read the same
 * tokens and the parser reduce them to the same items, the next part's
 * first token (项目) starting an item.  What the parse of an item reads
 * of the File besides appending to its lists is its header (预算单位, 年度,
 * 金额单位: "given twice") and imports, so the parts are not joined when
 * a later part holds any of them either.  When they are not joined, the
 * file is parsed again in one piece, for the diagnostics of one piece in
 * their order.
 *
 * The scanner reads each part in place, and flex needs two NULs after the
 * end of its buffer.  So the parts after the first are moved up by 4 bytes
 * each into the Source's SRC_PAD: before part k lie the two NULs that end
 * part k-1, then copies of the two bytes that preceded part k (a newline
 * and the byte before it), which the lexer's look-backs read.  Part k reads
 * the text through base = text + 4k.  The text is moved back before
 * parse_file_parts returns.
 */
#include <stdint.h>
#include <string.h>

#include "../support/threads.h"
#include "parse.h"

#define PROJECT_ZH "\xE9\xA1\xB9\xE7\x9B\xAE" /* 项目 */

typedef struct Part {
  const SourceSet *ss;
  uint32_t file, lo, hi;
  char *base;
  Arena arena;
  DiagList diags;
  File *out;
} Part;

static void part_run(void *ctx, unsigned k) {
  Part *pt = (Part *)ctx + k;
  pt->out = parse_range(&pt->arena, &pt->diags, pt->ss, pt->file, pt->base, pt->lo, pt->hi);
}

/* Does a project begin at t[i] (a line start)?  项目 or project, then a
 * blank or a quote. */
static int project_line(const char *t, size_t i, size_t len) {
  size_t k;
  if (len - i > 6 && memcmp(t + i, PROJECT_ZH, 6) == 0) k = i + 6;
  else if (len - i > 7 && memcmp(t + i, "project", 7) == 0) k = i + 7;
  else return 0;
  unsigned char c = (unsigned char)t[k];
  return c == ' ' || c == '\t' || c == '"' || c == 0xE2; /* “ is E2 80 9C */
}

/* The first line start at or after `from` where a project begins, or len. */
static size_t next_cut(const char *t, size_t from, size_t len) {
  const char *p = t + from - 1; /* from >= 1: look for the newline before it */
  const char *end = t + len;
  while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    size_t i = (size_t)(++p - t);
    if (project_line(t, i, len)) return i;
  }
  return len;
}

/* The cuts: cut[0] = 0 < cut[1] < ... < cut[n] = len, parts of at least
 * min_part bytes.  Returns n. */
static unsigned find_cuts(const char *t, size_t len, unsigned want, size_t min_part,
                          uint32_t *cut) {
  unsigned n = 0;
  cut[0] = 0;
  for (unsigned k = 1; k < want; k++) {
    size_t from = len / want * k;
    if (from < (size_t)cut[n] + min_part) from = (size_t)cut[n] + min_part;
    if (from < 2) from = 2; /* a cut has two bytes before it */
    if (from >= len) break;
    size_t c = next_cut(t, from, len);
    if (c >= len || len - c < min_part) break;
    cut[++n] = (uint32_t)c;
  }
  cut[++n] = (uint32_t)len;
  return n;
}

/* Move part k (k >= 1) of text to text + cut[k] + 4k and back. */
static void spread(char *t, const uint32_t *cut, unsigned n) {
  for (unsigned k = n - 1; k >= 1; k--)
    memmove(t + cut[k] + 4 * k, t + cut[k], cut[k + 1] - cut[k]);
  for (unsigned k = 0; k < n; k++) {
    char *end = t + cut[k + 1] + 4 * k;
    end[0] = end[1] = '\0';
    if (k + 1 < n) { /* part k+1's look-back: the last two bytes of part k */
      end[2] = end[-2];
      end[3] = end[-1];
    }
  }
}

static void gather(char *t, const uint32_t *cut, unsigned n) {
  for (unsigned k = 1; k < n; k++) memmove(t + cut[k], t + cut[k] + 4 * k, cut[k + 1] - cut[k]);
  t[cut[n]] = t[cut[n] + 1] = '\0';
}

static int part_clean(const Part *pt, unsigned k) {
  const DiagList *d = &pt->diags;
  if (d->n || d->nerrors || d->nwarnings || d->ndropped) return 0;
  const File *f = pt->out;
  const Header *h = &f->header;
  return k == 0 || (!h->has_agency && !h->has_year && !h->bad_year && !h->currency &&
                    f->nimports == 0);
}

/* Room for n entries that the lists' doubling (ast.c) could grow from. */
static size_t list_cap(size_t n) {
  size_t c = 8;
  while (c < n) c *= 2;
  return c;
}

#define JOIN(f, pt, n, arena, arr, cnt)                                          \
  do {                                                                         \
    size_t tot_ = 0;                                                           \
    for (unsigned k_ = 0; k_ < (n); k_++) tot_ += (pt)[k_].out->cnt;           \
    (f)->cnt = tot_;                                                           \
    if (!tot_) break;                                                          \
    (f)->arr = arena_alloc((arena), list_cap(tot_) * sizeof *(f)->arr);        \
    for (size_t k_ = 0, at_ = 0; k_ < (n); at_ += (pt)[k_++].out->cnt)         \
      if ((pt)[k_].out->cnt)                                                   \
        memcpy((f)->arr + at_, (pt)[k_].out->arr, (pt)[k_].out->cnt * sizeof *(f)->arr); \
  } while (0)

/* The parts' Files as one, in arena. */
static File *join(Arena *arena, Part *pt, unsigned n) {
  File *f = arena_alloc(arena, sizeof *f);
  f->source = pt[0].out->source;
  f->header = pt[0].out->header;
  JOIN(f, pt, n, arena, items, nitems);
  JOIN(f, pt, n, arena, imports, nimports);
  JOIN(f, pt, n, arena, units, nunits);
  JOIN(f, pt, n, arena, scales, nscales);
  JOIN(f, pt, n, arena, policies, npolicies);
  JOIN(f, pt, n, arena, projects, nprojects);
  JOIN(f, pt, n, arena, comments, ncomments);
  JOIN(f, pt, n, arena, tests, ntests);
  for (unsigned k = 0; k < n; k++) {
    f->nkw_zh += pt[k].out->nkw_zh;
    f->nkw_en += pt[k].out->nkw_en;
  }
  return f;
}

File *parse_file(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file) {
  return parse_file_parts(arena, diags, ss, file, 0, 0, NULL);
}

File *parse_file_parts(Arena *arena, DiagList *diags, const SourceSet *ss, uint32_t file,
                       unsigned parts, size_t min_part, unsigned *used) {
  const Source *src = src_get(ss, file);
  char *t = src->text;
  if (!min_part) min_part = PARSE_MIN_PART;
  int big = src->len >= 2 * min_part;
  if (!parts && big) parts = thr_processors(PARSE_MAX_PARTS); /* reads /sys: only when large */
  if (parts > PARSE_MAX_PARTS) parts = PARSE_MAX_PARTS;
  _Static_assert(4 * (PARSE_MAX_PARTS - 1) <= SRC_PAD, "no room to spread the parts");
  uint32_t cut[PARSE_MAX_PARTS + 1];
  unsigned n = parts > 1 && big ? find_cuts(t, src->len, parts, min_part, cut) : 1;
  if (used) *used = 1;
  if (n < 2) return parse_range(arena, diags, ss, file, t, 0, (uint32_t)src->len);

  Part pt[PARSE_MAX_PARTS];
  spread(t, cut, n);
  for (unsigned k = 0; k < n; k++) {
    pt[k].ss = ss;
    pt[k].file = file;
    pt[k].lo = cut[k];
    pt[k].hi = cut[k + 1];
    pt[k].base = t + 4 * k;
    pt[k].out = NULL;
    arena_init(&pt[k].arena);
    diag_init(&pt[k].diags);
    memcpy(pt[k].diags.enabled, diags->enabled, sizeof diags->enabled);
    pt[k].diags.werror = diags->werror;
  }
  thr_each(n, part_run, pt);
  gather(t, cut, n);

  int clean = 1;
  for (unsigned k = 0; k < n; k++) clean &= part_clean(&pt[k], k);
  File *f = clean ? join(arena, pt, n) : NULL;
  for (unsigned k = 0; k < n; k++) {
    if (clean) arena_adopt(arena, &pt[k].arena);
    arena_free(&pt[k].arena);
    diag_free(&pt[k].diags);
  }
  if (f && used) *used = n;
  return f ? f : parse_range(arena, diags, ss, file, t, 0, (uint32_t)src->len);
}
