/*
 * diag.c - collecting, sorting and rendering diagnostics (see diag.h).
 *
 * Diagnostics are kept, not printed, so the driver can sort them by
 * position and print them once.  Rendering turns byte offsets into
 * line:column only here (source.h), quotes the line with tabs expanded and
 * underlines the span by display width, as chibicc's verror_at does, so a
 * caret under Chinese text lands where the terminal draws the character.
 */
#include "diag.h"
#include "i18n.h"
#include "indc_limits.h" /* LIM_ERRORS (ours, not the C library's) */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What diag_codes.def says about each code, indexed by DiagCode. */
static const struct DiagInfo {
  const char *code;
  DiagSeverity sev;
  const char *wname;
  const char *summary;
} diag_info[DIAG__COUNT] = {
#define X(name, code, sev, wname, summary) [name] = {code, sev, wname, summary},
#include "diag_codes.def"
#undef X
};

/* Shown for control characters and invalid bytes in a quoted line. */
#define DIAG_REPLACEMENT "\xEF\xBF\xBD"

static void *diag_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fputs("indc: out of memory\n", stderr);
    abort();
  }
  return q;
}

/* printf into a fresh malloc'd string. */
static char *diag_vfmt(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0; /* encoding error: keep an empty message */
  char *s = diag_xrealloc(NULL, (size_t)n + 1);
  if (vsnprintf(s, (size_t)n + 1, fmt, ap) < 0) s[0] = '\0';
  return s;
}

/* ---- the list --------------------------------------------------------- */

void diag_init(DiagList *dl) {
  memset(dl, 0, sizeof *dl);
  memset(dl->enabled, 1, sizeof dl->enabled);
  dl->max_errors = LIM_ERRORS;
}

void diag_free(DiagList *dl) {
  for (size_t i = 0; i < dl->n; i++) {
    free(dl->items[i].msg);
    free(dl->items[i].note);
    free(dl->items[i].hint);
  }
  free(dl->items);
  dl->items = NULL;
  dl->n = dl->cap = 0;
  dl->nerrors = dl->nwarnings = dl->ndropped = 0;
}

DiagCode diag_warning_by_name(const char *name) {
  for (int c = 0; c < DIAG__COUNT; c++)
    if (diag_info[c].wname && strcmp(diag_info[c].wname, name) == 0)
      return (DiagCode)c;
  return DIAG__COUNT;
}

void diag_enable_all(DiagList *dl, int on) {
  for (int c = 0; c < DIAG__COUNT; c++)
    if (diag_info[c].sev == DIAG_WARNING) dl->enabled[c] = on ? 1 : 0;
}

const char *diag_code_str(DiagCode c) { return diag_info[c].code; }
const char *diag_warning_name(DiagCode c) { return diag_info[c].wname; }
const char *diag_summary(DiagCode c) { return diag_info[c].summary; }

/* Append a diagnostic that owns msg. */
static Diag *diag_push(DiagList *dl, DiagCode code, DiagSeverity sev,
                       Span span, char *msg) {
  if (dl->n == dl->cap) {
    dl->cap = dl->cap ? dl->cap * 2 : 16;
    dl->items = diag_xrealloc(dl->items, dl->cap * sizeof *dl->items);
  }
  Diag *d = &dl->items[dl->n];
  memset(d, 0, sizeof *d);
  d->code = code;
  d->sev = sev;
  d->span = span;
  d->msg = msg;
  d->seq = (unsigned)dl->n++;
  return d;
}

/*
 * The error cap, for an error just counted in nerrors: when max_errors are
 * recorded already, count it as dropped, and with the first one dropped
 * record the "too many errors" note.  Returns 1 when dropped.
 */
static int diag_capped(DiagList *dl) {
  if (dl->max_errors == 0 || dl->nerrors - dl->ndropped <= dl->max_errors)
    return 0;
  if (dl->ndropped++ == 0) {
    Span none = {UINT32_MAX, 0, 0};
    const char *text = _("too many errors, stopping");
    size_t len = strlen(text) + 1;
    char *msg = diag_xrealloc(NULL, len);
    memcpy(msg, text, len);
    diag_push(dl, E_LIMIT, DIAG_NOTE, none, msg);
  }
  return 1;
}

Diag *diag_report(DiagList *dl, DiagCode code, Span span, const char *fmt, ...) {
  DiagSeverity sev = diag_info[code].sev;
  if (sev == DIAG_WARNING) {
    if (!dl->enabled[code]) return NULL;
    if (dl->werror) sev = DIAG_ERROR;
  }
  if (sev == DIAG_ERROR) {
    dl->nerrors++;
    if (diag_capped(dl)) return NULL;
  } else if (sev == DIAG_WARNING) {
    dl->nwarnings++;
  }
  va_list ap;
  va_start(ap, fmt);
  char *msg = diag_vfmt(_(fmt), ap);
  va_end(ap);
  return diag_push(dl, code, sev, span, msg);
}

void diag_note(Diag *d, Span span, const char *fmt, ...) {
  if (!d) return;
  va_list ap;
  va_start(ap, fmt);
  free(d->note);
  d->note = diag_vfmt(_(fmt), ap);
  va_end(ap);
  d->note_span = span;
}

void diag_hint(Diag *d, const char *fmt, ...) {
  if (!d) return;
  va_list ap;
  va_start(ap, fmt);
  free(d->hint);
  d->hint = diag_vfmt(_(fmt), ap);
  va_end(ap);
}

static int diag_cmp(const void *pa, const void *pb) {
  const Diag *a = pa, *b = pb;
  if (a->span.file != b->span.file) return a->span.file < b->span.file ? -1 : 1;
  if (a->span.lo != b->span.lo) return a->span.lo < b->span.lo ? -1 : 1;
  return (a->seq > b->seq) - (a->seq < b->seq);
}

void diag_append(DiagList *into, DiagList *from) {
  for (size_t i = 0; i < from->n; i++) {
    Diag *d = diag_push(into, from->items[i].code, from->items[i].sev, from->items[i].span,
                        from->items[i].msg);
    d->note_span = from->items[i].note_span;
    d->note = from->items[i].note;
    d->hint = from->items[i].hint;
  }
  into->nerrors += from->nerrors;
  into->nwarnings += from->nwarnings;
  from->n = from->nerrors = from->nwarnings = 0; /* the texts moved */
}

void diag_truncate(DiagList *dl, size_t n) {
  for (size_t i = n; i < dl->n; i++) {
    free(dl->items[i].msg);
    free(dl->items[i].note);
    free(dl->items[i].hint);
  }
  if (n < dl->n) dl->n = n;
}

/* seq is unique, so qsort's order is total and the sort is stable. */
void diag_sort(DiagList *dl) {
  if (dl->n > 1) qsort(dl->items, dl->n, sizeof *dl->items, diag_cmp);
}

/* ---- rendering -------------------------------------------------------- */

static const char *diag_sev_word(DiagSeverity sev) {
  switch (sev) {
  case DIAG_NOTE: return _("note");
  case DIAG_WARNING: return _("warning");
  case DIAG_ERROR: return _("error");
  }
  return _("error");
}

/* The Source a span points into, or NULL for "no location". */
static const Source *diag_source(const SourceSet *ss, Span span) {
  return ss ? src_get(ss, span.file) : NULL;
}

static int diag_ndigits(uint32_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    n++;
  }
  return n;
}

/* Width of the line-number field: max(4, digits) over the quoted lines. */
static int diag_gutter(const Diag *d, const SourceSet *ss) {
  int w = 4;
  const Span *spans[2] = {&d->span, d->note ? &d->note_span : NULL};
  for (int i = 0; i < 2; i++) {
    const Source *s = spans[i] ? diag_source(ss, *spans[i]) : NULL;
    if (!s) continue;
    uint32_t line, col;
    src_linecol(s, spans[i]->lo, &line, &col);
    if (diag_ndigits(line) > w) w = diag_ndigits(line);
  }
  return w;
}

/* Widest quoted line, in display columns. */
#define DIAG_WINDOW 150
/* Bytes before a span searched for the start of its window. */
#define DIAG_SCAN (4 * DIAG_WINDOW)

static void diag_spaces(FILE *out, size_t n) {
  while (n--) fputc(' ', out);
}

/* text[0..len) with tabs expanded, and control bytes and bidirectional
 * controls shown as U+FFFD. */
static void diag_put_line(FILE *out, const char *text, size_t len) {
  size_t i = 0, col = 0;
  while (i < len) {
    int32_t cp;
    size_t n = src_utf8_decode(text + i, len - i, &cp);
    size_t w = src_display_width(text + i, n, col);
    if (cp == '\t')
      diag_spaces(out, w);
    else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || src_is_bidi_control(cp))
      fputs(DIAG_REPLACEMENT, out);
    else
      fwrite(text + i, 1, n, out);
    i += n;
    col += w;
  }
}

/* The quoted line and the caret line under span (which has a Source). */
static void diag_quote(FILE *out, const Source *s, Span span, int gutter) {
  uint32_t start, len, line, col;
  src_line_at(s, span.lo, &start, &len);
  src_linecol(s, span.lo, &line, &col);
  uint32_t end = start + len;
  uint32_t lo = span.lo < start ? start : span.lo > end ? end : span.lo;
  lo = (uint32_t)src_char_start(s->text, start, end, lo);
  uint32_t hi = span.hi < end ? span.hi : end;
  if (hi > lo) { /* extend to the end of the last character */
    size_t last = src_char_start(s->text, lo, end, hi - 1);
    int32_t cp;
    hi = (uint32_t)(last + src_utf8_decode(s->text + last, end - last, &cp));
  } else {
    hi = lo;
  }
  /* A long line is shown as a window of at most DIAG_WINDOW columns around
   * the span, with "…" where it is cut, so one 70 KB line cannot flood the
   * terminal. */
  uint32_t ws = start, we = end;
  if (src_display_width(s->text + start, len, 0) > DIAG_WINDOW) {
    /* The window starts at most DIAG_SCAN bytes before the span (DIAG_WINDOW / 3
     * columns of 4-byte characters fit in far less), so the search below costs
     * a bounded time however long the line is. */
    if (lo - ws > DIAG_SCAN) ws = (uint32_t)src_char_start(s->text, start, end, lo - DIAG_SCAN);
    while (src_display_width(s->text + ws, lo - ws, 0) > DIAG_WINDOW / 3) {
      int32_t cp;
      ws += (uint32_t)src_utf8_decode(s->text + ws, end - ws, &cp);
    }
    we = ws;
    size_t wcol = 0; /* display width of ws..we, extended one character at a time */
    while (we < end) {
      int32_t cp;
      uint32_t next = we + (uint32_t)src_utf8_decode(s->text + we, end - we, &cp);
      size_t ncol = wcol + src_display_width(s->text + we, next - we, wcol);
      if (ncol > DIAG_WINDOW) break;
      we = next;
      wcol = ncol;
    }
    if (hi > we) hi = we > lo ? we : lo;
  }
  size_t cut = ws > start; /* the leading "…" takes one column */
  size_t pad = cut + src_display_width(s->text + ws, lo - ws, cut);
  size_t w = src_display_width(s->text + lo, hi - lo, pad);

  fprintf(out, " %*u |", gutter, (unsigned)line);
  if (len) {
    fputc(' ', out);
    if (cut) fputs("…", out);
    diag_put_line(out, s->text + ws, we - ws);
    if (we < end) fputs("…", out);
  }
  fprintf(out, "\n %*s | ", gutter, "");
  diag_spaces(out, pad);
  fputc('^', out);
  for (size_t i = 1; i < w; i++) fputc('~', out);
  fputc('\n', out);
}

/* Message text, with control characters written as \n or \xHH and
 * bidirectional controls as <U+202E>: messages quote names and strings
 * from the input, and must neither break the one-line layout, nor drive
 * the terminal (escape sequences), nor show in another order than they
 * are ("Trojan Source"). */
static void diag_put_text(FILE *out, const char *t) {
  while (*t) {
    unsigned char c = (unsigned char)*t;
    int32_t cp;
    size_t n = c >= 0x80 ? src_utf8_decode(t, strlen(t), &cp) : 1;
    if (c == '\n') fputs("\\n", out);
    else if (c < 0x20 || c == 0x7F) fprintf(out, "\\x%02X", c);
    else if (c >= 0x80 && src_is_bidi_control(cp)) fprintf(out, "<U+%04X>", (unsigned)cp);
    else fwrite(t, 1, n, out);
    t += n;
  }
}

/* "path:LINE:COL: " or, without location, the given fallback. */
static void diag_where(FILE *out, const Source *s, Span span,
                       const char *none) {
  if (!s) {
    fputs(none, out);
    return;
  }
  uint32_t line, col;
  src_linecol(s, span.lo, &line, &col);
  diag_put_text(out, s->path);
  fprintf(out, ":%u:%u: ", (unsigned)line, (unsigned)col);
}

/* " [E0301]", " [W0001 -Wcost-sum]", " [W0001 -Werror=cost-sum]" or "". */
static void diag_tag(FILE *out, const Diag *d) {
  const struct DiagInfo *info = &diag_info[d->code];
  if (d->sev == DIAG_NOTE) return;
  if (!info->wname)
    fprintf(out, " [%s]", info->code);
  else if (d->sev == DIAG_ERROR)
    fprintf(out, " [%s -Werror=%s]", info->code, info->wname);
  else
    fprintf(out, " [%s -W%s]", info->code, info->wname);
}

void diag_render_one(const Diag *d, const SourceSet *ss, FILE *out) {
  int gutter = diag_gutter(d, ss);
  const Source *s = diag_source(ss, d->span);
  diag_where(out, s, d->span, "indc: ");
  fprintf(out, "%s: ", diag_sev_word(d->sev));
  diag_put_text(out, d->msg);
  diag_tag(out, d);
  fputc('\n', out);
  if (s) diag_quote(out, s, d->span, gutter);
  if (d->note) {
    const Source *ns = diag_source(ss, d->note_span);
    fprintf(out, "%s: ", _("note"));
    diag_where(out, ns, d->note_span, "");
    diag_put_text(out, d->note);
    fputc('\n', out);
    if (ns) diag_quote(out, ns, d->note_span, gutter);
  }
  if (d->hint) {
    fprintf(out, "%s: ", _("hint"));
    diag_put_text(out, d->hint);
    fputc('\n', out);
  }
}

void diag_render(const DiagList *dl, const SourceSet *ss, FILE *out) {
  for (size_t i = 0; i < dl->n; i++) diag_render_one(&dl->items[i], ss, out);
}
