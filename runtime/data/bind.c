/*
 * bind.c - binding rows to projects and indicators (see bind.h).
 *
 * Names are compared as name_key keys ([IND-1]); RtProject.key and
 * RtIndicator.key already are keys.  An indicator is named, in this order
 * of trial, by its id, by its name, or by 二级/name where the level-2
 * category is written in full (社会效益指标), short (社会效益) or English
 * (social).  A row that names no indicator may name 执行数 or a raw field
 * that an indicator of the project reads.
 */
#include "bind.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bc.h"
#include "../bc_format.h"
#include "../rt_hash.h"
#include "../text/namekey.h"
#include "data_limits.h"
#include "data_msg.h"
#include "encoding.h"
#include "value.h"

struct BindUnknown {
  BindUnknown *next;
  char key[];
};

enum {
  BIND_MSG = 2048,        /* longest message (names are cut to fit) */
  BIND_MAX_CANDS = 8,     /* ambiguous indicators listed */
  BIND_MAX_SUGGEST = 3,   /* near names suggested */
  BIND_NAME_CPS = 64,     /* code points of a name compared for suggestions */
  BIND_MAX_UNKNOWN = 256  /* unknown project names remembered (reported once each) */
};

/* ---- reporting ------------------------------------------------------------ */

/* Cut an incomplete UTF-8 sequence off the end of a truncated message. */
static void bind_fix_utf8(char *s) {
  size_t n = strlen(s), i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
  if (i > 0 && (unsigned char)s[i - 1] >= 0xC0 && n - (i - 1) < enc_utf8_len((unsigned char)s[i - 1]))
    s[i - 1] = '\0';
}

/* The code point of the UTF-8 bidirectional control character at s
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), else 0: the
 * runtime's own copy of the compiler's src_is_bidi_control, as libindrt
 * links nothing of the compiler. */
static unsigned bind_bidi_at(const unsigned char *s) {
  if (s[0] == 0xD8 && s[1] == 0x9C) return 0x061C;
  if (s[0] != 0xE2 || !s[1] || !s[2]) return 0;
  unsigned cp = (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F) | 0x2000;
  int bidi = (s[1] == 0x80 && (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E))) ||
             (s[1] == 0x81 && cp >= 0x2066 && cp <= 0x2069);
  return bidi ? cp : 0;
}

/* Copy s to out (cap bytes) with control characters written as \n, \r or
 * \xHH and bidirectional controls as <U+202E>: a message quotes data, and
 * must stay one line that cannot drive the terminal it is printed on
 * (escape sequences) nor read in another order than it is ("Trojan
 * Source").  Tabs are kept. */
static void bind_escape_controls(const char *s, char *out, size_t cap) {
  size_t o = 0;
  for (; *s && o + 9 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    unsigned bidi = c >= 0xD8 ? bind_bidi_at((const unsigned char *)s) : 0;
    if (c == '\n') o += (size_t)snprintf(out + o, cap - o, "\\n");
    else if (c == '\r') o += (size_t)snprintf(out + o, cap - o, "\\r");
    else if ((c < 0x20 && c != '\t') || c == 0x7F) o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
    else if (bidi) o += (size_t)snprintf(out + o, cap - o, "<U+%04X>", bidi), s += bidi == 0x061C ? 1 : 2;
    else out[o++] = (char)c;
  }
  out[o] = '\0';
}

/* Count a problem; 1 when it is to be reported. */
static int bind_take(Binder *b) {
  DataSink *s = b->sink;
  unsigned max = s->max ? s->max : DATA_MAX_ERRORS;
  return s->count++ < max && s->report;
}

/* Hand a composed message to the sink, made safe to print. */
static void bind_emit(Binder *b, unsigned line, unsigned col, const char *msg) {
  char safe[BIND_MSG];
  bind_escape_controls(msg, safe, sizeof safe);
  bind_fix_utf8(safe);
  b->sink->report(b->sink->ud, b->file, line, col, safe);
}

void bind_report(Binder *b, unsigned line, unsigned col, const char *fmt, ...) {
  if (!bind_take(b)) return;
  char msg[BIND_MSG];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, data_tr(b->sink, fmt), ap);
  va_end(ap);
  bind_emit(b, line, col, msg);
}

void bind_report_text(Binder *b, unsigned line, unsigned col, const char *msg) {
  if (bind_take(b)) bind_emit(b, line, col, msg);
}

/* 1 when the sink takes no more reports: count the problem without the
 * work of composing it (suggestions search every name). */
static int bind_quiet(Binder *b) {
  unsigned max = b->sink->max ? b->sink->max : DATA_MAX_ERRORS;
  if (b->sink->count < max && b->sink->report) return 0;
  b->sink->count++;
  return 1;
}

/* ---- cells ------------------------------------------------------------------- */

/* Length of the whitespace character at s[0..n), or 0. */
static size_t bind_space_at(const char *s, size_t n) {
  if (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) return 1;
  if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
  if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) return 3;
  return 0;
}

/* Length of the whitespace character that ends s[0..n), or 0. */
static size_t bind_space_before(const char *s, size_t n) {
  if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
    return 1;
  if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0) return 2;
  if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0) return 3;
  return 0;
}

DataCell bind_trim(DataCell c) {
  if (!c.text) return c;
  size_t k;
  while ((k = bind_space_at(c.text, c.len)) > 0) {
    if (c.text[0] == '\n') c.line++, c.col = 1;
    else c.col++;
    c.text += k, c.len -= k;
  }
  while ((k = bind_space_before(c.text, c.len)) > 0) c.len -= k;
  /* [DATA-FORMULA] the ' that keeps a spreadsheet from running a cell
   * such as =1+1 as a formula (indc template, the CSV report, indc import
   * --actuals-out write it) is not part of the text */
  if (c.len >= 2 && c.text[0] == '\'' && strchr("=+-@", c.text[1])) c.text++, c.len--, c.col++;
  return c;
}

/* The key of a cell (malloc'd), or NULL with b->nomem set. */
static char *bind_key(Binder *b, const DataCell *c) {
  char *k = name_key(c->text, c->len);
  if (!k) b->nomem = 1;
  return k;
}

/* ---- set-up ------------------------------------------------------------------- */

static int bind_index_projects(Binder *b) {
  uint32_t n = 16;
  while (n < 2 * b->p->nprojects && n < (1u << 30)) n *= 2;
  b->slots = rt_alloc(b->scratch, (size_t)n * sizeof *b->slots);
  if (!b->slots) return -1;
  b->nslots = n;
  for (uint32_t i = 0; i < b->p->nprojects; i++) {
    uint32_t h = rt_hash_str(b->p->projects[i].key) & (n - 1);
    while (b->slots[h]) h = (h + 1) & (n - 1);
    b->slots[h] = i + 1;
  }
  return 0;
}

/* Mark the raw fields that the code of each project's indicators reads. */
static void bind_mark_fields(Binder *b) {
  const RtProgram *p = b->p;
  for (uint32_t pi = 0; pi < p->nprojects; pi++)
    bc_fields_read(p, &p->projects[pi], b->field_used + (size_t)pi * p->nfields);
}

int bind_init(Binder *b, const RtProgram *p, RtActuals *out, DataSink *sink, const char *file,
              RtArena *scratch) {
  memset(b, 0, sizeof *b);
  b->p = p, b->out = out, b->sink = sink, b->file = file, b->scratch = scratch;
  b->keep = &out->arena;
  size_t np = p->nprojects, nf = (size_t)p->nprojects * p->nfields;
  RtArena *a = &out->arena;
  out->ind = rt_alloc_dense(a, (p->nindicators + 1) * sizeof *out->ind);
  out->has_spent = rt_alloc(a, np + 1);
  out->spent = rt_alloc(a, (np + 1) * sizeof *out->spent);
  out->field_set = rt_alloc(a, nf + 1);
  out->fields = rt_alloc(a, (nf + 1) * sizeof *out->fields);
  b->spent_line = rt_alloc(scratch, (np + 1) * sizeof *b->spent_line);
  b->field_line = rt_alloc(scratch, (nf + 1) * sizeof *b->field_line);
  b->field_used = rt_alloc(scratch, nf + 1);
  b->key_hash = rt_alloc_raw(scratch, ((size_t)p->nindicators + 1) * sizeof *b->key_hash);
  b->hashed = rt_alloc(scratch, np + 1);
  if (!out->ind || !out->has_spent || !out->spent || !out->field_set || !out->fields ||
      !b->spent_line || !b->field_line || !b->field_used || !b->key_hash || !b->hashed ||
      bind_index_projects(b) < 0)
    return -1;
  bind_mark_fields(b);
  return 0;
}

int bind_json(Binder *b) {
  const RtProgram *p = b->p;
  size_t nf = (size_t)p->nprojects * p->nfields;
  b->ind_col = rt_alloc(b->scratch, ((size_t)p->nindicators + 1) * sizeof *b->ind_col);
  b->spent_col = rt_alloc(b->scratch, ((size_t)p->nprojects + 1) * sizeof *b->spent_col);
  b->field_col = rt_alloc(b->scratch, (nf + 1) * sizeof *b->field_col);
  if (b->ind_col && b->spent_col && b->field_col) return 0;
  b->ind_col = b->spent_col = b->field_col = NULL;
  b->nomem = 1;
  return -1;
}

/* ---- suggestions --------------------------------------------------------------- */

/* Code points of s (at most cap). */
static size_t bind_cps(const char *s, uint32_t *cp, size_t cap) {
  size_t n = 0;
  for (const unsigned char *u = (const unsigned char *)s; *u && n < cap; n++) {
    size_t k = enc_utf8_len(*u);
    uint32_t c = k == 1 ? *u : (uint32_t)(*u & (0x7F >> k));
    for (size_t i = 1; i < k && u[i]; i++) c = c << 6 | (u[i] & 0x3F);
    cp[n] = c;
    for (size_t i = 0; i < k && *u; i++) u++;
  }
  return n;
}

/* Levenshtein distance between two keys, in code points; a key that
 * contains the other counts as distance 1. */
static unsigned bind_distance(const char *a, const char *b) {
  if (strstr(a, b) || strstr(b, a)) return strcmp(a, b) != 0;
  uint32_t x[BIND_NAME_CPS], y[BIND_NAME_CPS];
  unsigned row[BIND_NAME_CPS + 1];
  size_t nx = bind_cps(a, x, BIND_NAME_CPS), ny = bind_cps(b, y, BIND_NAME_CPS);
  for (size_t j = 0; j <= ny; j++) row[j] = (unsigned)j;
  for (size_t i = 1; i <= nx; i++) {
    unsigned diag = row[0];
    row[0] = (unsigned)i;
    for (size_t j = 1; j <= ny; j++) {
      unsigned up = row[j], best = diag + (x[i - 1] != y[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      diag = up, row[j] = best;
    }
  }
  return row[ny];
}

/* Near names: indices (into keys) of up to BIND_MAX_SUGGEST keys close to key,
 * nearest first. */
typedef struct BindNear {
  uint32_t idx[BIND_MAX_SUGGEST];
  unsigned dist[BIND_MAX_SUGGEST];
  unsigned n;
} BindNear;

static void bind_near_add(BindNear *nr, const char *key, const char *cand, uint32_t idx) {
  size_t lk = enc_utf8_count(key, strlen(key)), lc = enc_utf8_count(cand, strlen(cand));
  unsigned limit = (unsigned)((lk > lc ? lk : lc) + 2) / 3, d = bind_distance(key, cand);
  if (d > limit) return;
  unsigned at = nr->n;
  while (at > 0 && nr->dist[at - 1] > d) at--;
  if (at >= BIND_MAX_SUGGEST) return;
  unsigned last = nr->n < BIND_MAX_SUGGEST ? nr->n : BIND_MAX_SUGGEST - 1;
  for (unsigned i = last; i > at; i--) nr->idx[i] = nr->idx[i - 1], nr->dist[i] = nr->dist[i - 1];
  nr->idx[at] = idx, nr->dist[at] = d;
  if (nr->n < BIND_MAX_SUGGEST) nr->n++;
}

/* Append text to buf[0..cap) at *o. */
static void bind_cat(char *buf, size_t cap, size_t *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void bind_cat(char *buf, size_t cap, size_t *o, const char *fmt, ...) {
  if (*o >= cap) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf + *o, cap - *o, fmt, ap);
  va_end(ap);
  if (n > 0) *o += (size_t)n;
}

/* ", " between the items of a list, in the sink's language. */
static const char *bind_comma(const Binder *b) {
  /* TRANSLATORS: between the items of a list, "A, B or C" */
  return data_tr(b->sink, DATA_N_(", "));
}

/* What goes before item i of a list of n: nothing, ", " or " or ". */
static const char *bind_sep(const Binder *b, unsigned i, unsigned n) {
  if (i == 0) return "";
  return i + 1 == n ? data_tr(b->sink, DATA_N_(" or ")) : bind_comma(b);
}

/* "\"A\", \"B\" or \"C\"" of the names at idx. */
static void bind_or_list(const Binder *b, char *buf, size_t cap, const char *const *names,
                         const uint32_t *idx, unsigned n) {
  size_t o = 0;
  buf[0] = '\0';
  for (unsigned i = 0; i < n; i++) {
    bind_cat(buf, cap, &o, "%s", bind_sep(b, i, n));
    /* TRANSLATORS: a name quoted in a list of names */
    bind_cat(buf, cap, &o, data_tr(b->sink, DATA_N_("\"%s\"")), names[idx[i]]);
  }
}

/* ---- projects -------------------------------------------------------------------- */

/* 1 when key was reported as an unknown project before; else remember it. */
static int bind_seen_unknown(Binder *b, const char *key) {
  unsigned n_known = 0;
  for (BindUnknown *u = b->unknown; u; u = u->next, n_known++)
    if (strcmp(u->key, key) == 0) return 1;
  if (n_known >= BIND_MAX_UNKNOWN) return 0;
  size_t n = strlen(key);
  BindUnknown *u = rt_alloc(b->scratch, sizeof *u + n + 1);
  if (!u) return b->nomem = 1, 1;
  memcpy(u->key, key, n + 1);
  u->next = b->unknown, b->unknown = u;
  return 0;
}

static void bind_unknown_project(Binder *b, const DataCell *c, const char *key) {
  const RtProgram *p = b->p;
  if (bind_quiet(b)) return;
  BindNear nr = {{0}, {0}, 0};
  for (uint32_t i = 0; i < p->nprojects && p->nprojects <= 100000; i++)
    bind_near_add(&nr, key, p->projects[i].key, i);
  const char *names[BIND_MAX_SUGGEST];
  uint32_t idx[BIND_MAX_SUGGEST] = {0, 1, 2};
  unsigned n = nr.n;
  for (unsigned i = 0; i < nr.n; i++) names[i] = p->projects[nr.idx[i]].name;
  for (unsigned i = 0; !n && i < p->nprojects && i < BIND_MAX_SUGGEST; i++)
    names[i] = p->projects[i].name;
  char list[1024];
  if (nr.n) {
    bind_or_list(b, list, sizeof list, names, idx, n);
    bind_report(b, c->line, c->col, "unknown project \"%.*s\"; did you mean %s?", (int)c->len,
                c->text, list);
  } else if (p->nprojects) {
    n = p->nprojects < BIND_MAX_SUGGEST ? p->nprojects : BIND_MAX_SUGGEST;
    bind_or_list(b, list, sizeof list, names, idx, n);
    const char *more = p->nprojects > n ? data_tr(b->sink, DATA_N_(" and more")) : "";
    bind_report(b, c->line, c->col, "unknown project \"%.*s\"; the program's projects are %s%s",
                (int)c->len, c->text, list, more);
  } else {
    bind_report(b, c->line, c->col, "unknown project \"%.*s\": the program has no projects",
                (int)c->len, c->text);
  }
}

long bind_project(Binder *b, const DataCell *cell) {
  DataCell c = bind_trim(*cell);
  if (!c.len) {
    bind_report(b, c.line, c.col, "missing project name");
    return -1;
  }
  char *key = bind_key(b, &c);
  if (!key) return -1;
  if (!*key) {
    free(key);
    bind_report(b, c.line, c.col, "missing project name");
    return -1;
  }
  long found = -1;
  for (uint32_t h = rt_hash_str(key) & (b->nslots - 1); b->slots[h]; h = (h + 1) & (b->nslots - 1))
    if (strcmp(b->p->projects[b->slots[h] - 1].key, key) == 0) {
      found = (long)b->slots[h] - 1;
      break;
    }
  if (found < 0 && !bind_seen_unknown(b, key)) bind_unknown_project(b, &c, key);
  free(key);
  return found;
}

int bind_claim(Binder *b, uint32_t pi) {
  if (!b->owner) return 1;
  /* relaxed: a part reads and writes only its own projects' state, and the
   * host joins the parts' threads before anything reads the whole */
  unsigned char seen = 0;
  if (atomic_compare_exchange_strong_explicit(&b->owner[pi], &seen, b->me, memory_order_relaxed,
                                              memory_order_relaxed) ||
      seen == b->me)
    return 1;
  b->conflict = 1;
  return 0;
}

/* ---- indicators ------------------------------------------------------------------- */

/* The level-2 category that s[0..n) names (full, short or English), or -1. */
static int bind_category(const char *s, size_t n) {
  for (int c = 0; c < RT_CAT__COUNT; c++) {
    const char *zh = rt_category_name(c, 0), *en = rt_category_name(c, 1);
    size_t lz = strlen(zh), suffix = strlen("指标");
    if (n == lz && memcmp(s, zh, n) == 0) return c;
    if (n == lz - suffix && memcmp(s, zh, n) == 0) return c;
    if (n == strlen(en)) {
      size_t i = 0;
      /* fold ASCII letters only: '_' | 0x20 is DEL ("economic_cost") */
      while (i < n && (s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]) == en[i]) i++;
      if (i == n) return c;
    }
  }
  return -1;
}

typedef struct BindFound {
  uint32_t cand[BIND_MAX_CANDS];
  unsigned n;  /* matches (may exceed BIND_MAX_CANDS) */
} BindFound;

/* The key hashes of project pi's indicators, indexed by indicator: worked
 * out when a row first names one of them.  Comparing hashes before keys
 * saves most of the string comparisons, a row's name against each of the
 * project's (the rows of a large file spent a fifth of loading in them). */
static const uint32_t *bind_key_hashes(Binder *b, uint32_t pi) {
  const RtProgram *p = b->p;
  const RtProject *pj = &p->projects[pi];
  if (!b->hashed[pi]) {
    int ids = 0;
    uint32_t end = pj->first + pj->nind < p->nindicators ? pj->first + pj->nind : p->nindicators;
#if defined(__GNUC__)
    /* the keys are far apart in memory: ask for them all before the first
     * is read, so that their cache misses overlap (half of binding waited
     * for them one by one) */
    for (uint32_t i = pj->first; i < end; i++) __builtin_prefetch(p->indicators[i].key);
#endif
    for (uint32_t i = pj->first; i < end; i++) {
      b->key_hash[i] = rt_hash_str(p->indicators[i].key);
      ids |= p->indicators[i].id != NULL;
    }
    b->hashed[pi] = ids ? BIND_HASHED_IDS : BIND_HASHED;
  }
  return b->key_hash;
}

/* Indicators of pj whose key is key (and, unless level2 < 0, whose level-2
 * category is level2).  hash: the key hashes of pj's indicators and of
 * key (bind_key_hashes), or NULL to compare the keys alone. */
static void bind_by_name(const RtProgram *p, const RtProject *pj, const char *key, int level2,
                         const uint32_t *hash, BindFound *f) {
  uint32_t h = hash ? rt_hash_str(key) : 0;
  f->n = 0;
  for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++) {
    const RtIndicator *ind = &p->indicators[i];
    if ((hash && hash[i] != h) || strcmp(ind->key, key) != 0 ||
        (level2 >= 0 && ind->level2 != level2))
      continue;
    if (f->n < BIND_MAX_CANDS) f->cand[f->n] = i;
    f->n++;
  }
}

/* Find the indicator that key names in pj: by id, name, then 二级/name. */
static void bind_find(const RtProgram *p, const RtProject *pj, const char *key,
                      const uint32_t *hash, int ids, BindFound *f) {
  f->n = 0;
  /* ids: some indicator of pj has one (else each record's cache line was
   * read for nothing, for every row) */
  for (uint32_t i = pj->first; ids && i < pj->first + pj->nind && i < p->nindicators; i++)
    if (p->indicators[i].id && strcmp(p->indicators[i].id, key) == 0) {
      f->cand[0] = i, f->n = 1;
      return;
    }
  bind_by_name(p, pj, key, -1, hash, f);
  const char *slash = strchr(key, '/');
  if (f->n || !slash) return;
  int cat = bind_category(key, (size_t)(slash - key));
  if (cat >= 0) bind_by_name(p, pj, slash + 1, cat, hash, f);
}

/* How to name candidate i unambiguously among f: 二级/name when its
 * level-2 category is unique there, and its id if it has one. */
static void bind_name_form(const Binder *b, const BindFound *f, unsigned i, char *buf,
                           size_t cap, size_t *o) {
  const RtProgram *p = b->p;
  const RtIndicator *ind = &p->indicators[f->cand[i]];
  unsigned same = 0;
  for (unsigned j = 0; j < f->n && j < BIND_MAX_CANDS; j++)
    same += p->indicators[f->cand[j]].level2 == ind->level2;
  if (same == 1) {
    /* TRANSLATORS: an indicator written as level-2 category/name */
    bind_cat(buf, cap, o, data_tr(b->sink, DATA_N_("\"%s/%s\"")), rt_category_name(ind->level2, 0),
             ind->name);
    if (ind->id) bind_cat(buf, cap, o, data_tr(b->sink, DATA_N_(" (id \"%s\")")), ind->id);
  } else if (ind->id) {
    bind_cat(buf, cap, o, data_tr(b->sink, DATA_N_("\"%s\"")), ind->id);
  } else {
    bind_cat(buf, cap, o,
             data_tr(b->sink, DATA_N_("the one on line %u of the spec (give it an id)")), ind->line);
  }
}

static void bind_ambiguous(Binder *b, const RtProject *pj, const DataCell *c, const BindFound *f) {
  char list[1024];
  size_t o = 0;
  list[0] = '\0';
  unsigned n = f->n < BIND_MAX_CANDS ? f->n : BIND_MAX_CANDS;
  for (unsigned i = 0; i < n; i++) {
    bind_cat(list, sizeof list, &o, "%s", bind_sep(b, i, n));
    bind_name_form(b, f, i, list, sizeof list, &o);
  }
  bind_report(b, c->line, c->col, "ambiguous indicator \"%.*s\" in project \"%s\": write %s",
              (int)c->len, c->text, pj->name, list);
}

/* How to write indicator ii in data: its name, or 二级/name when another
 * indicator of pj has the same name. */
static void bind_display(const RtProgram *p, const RtProject *pj, uint32_t ii, char *buf,
                         size_t cap) {
  const RtIndicator *ind = &p->indicators[ii];
  BindFound f;
  bind_by_name(p, pj, ind->key, -1, NULL, &f);
  if (f.n > 1) snprintf(buf, cap, "%s/%s", rt_category_name(ind->level2, 0), ind->name);
  else snprintf(buf, cap, "%s", ind->name);
}

/* The part of key to compare with names: after a level-2 category and '/'. */
static const char *bind_name_part(const char *key) {
  const char *slash = strchr(key, '/');
  return slash && bind_category(key, (size_t)(slash - key)) >= 0 ? slash + 1 : key;
}

static void bind_unknown_indicator(Binder *b, const RtProject *pj, const DataCell *c,
                                   const char *key) {
  const RtProgram *p = b->p;
  if (bind_quiet(b)) return;
  BindNear nr = {{0}, {0}, 0};
  char forms[BIND_MAX_SUGGEST][512];
  const char *names[BIND_MAX_SUGGEST];
  uint32_t idx[BIND_MAX_SUGGEST] = {0, 1, 2};
  const char *name = bind_name_part(key);
  for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++)
    bind_near_add(&nr, name, p->indicators[i].key, i);
  for (unsigned i = 0; i < nr.n; i++) {
    bind_display(p, pj, nr.idx[i], forms[i], sizeof forms[i]);
    names[i] = forms[i];
  }
  char near[1024] = "";
  if (nr.n) {
    char list[900];
    bind_or_list(b, list, sizeof list, names, idx, nr.n);
    snprintf(near, sizeof near, data_tr(b->sink, DATA_N_(" (did you mean %s?)")), list);
  }
  const RtIndicator *ex = nr.n ? &p->indicators[nr.idx[0]]
                          : pj->nind && pj->first < p->nindicators ? &p->indicators[pj->first]
                                                                   : NULL;
  if (!ex) {
    bind_report(b, c->line, c->col, "unknown indicator \"%.*s\": project \"%s\" has no indicators",
                (int)c->len, c->text, pj->name);
    return;
  }
  bind_report(b, c->line, c->col,
              "unknown indicator \"%.*s\" in project \"%s\"%s; name an indicator by its id, its name or 二级/name, e.g. \"%s/%s\"",
              (int)c->len, c->text, pj->name, near, rt_category_name(ex->level2, 0), ex->name);
}

/* "a, b" of the raw fields that ind's code reads. */
static void bind_fields_of(const Binder *b, const RtIndicator *ind, char *buf, size_t cap) {
  const RtProgram *p = b->p;
  size_t o = 0;
  buf[0] = '\0';
  for (uint32_t c = ind->code; c < ind->code + ind->ncode && c < p->ncode; c++) {
    uint32_t f = BC_A(p->code[c]);
    if (BC_OP(p->code[c]) != BC_FIELD || f >= p->nfields) continue;
    int seen = 0;
    for (uint32_t d = ind->code; d < c; d++)
      seen |= BC_OP(p->code[d]) == BC_FIELD && BC_A(p->code[d]) == f;
    if (!seen) bind_cat(buf, cap, &o, "%s%s", o ? bind_comma(b) : "", p->fields[f]);
  }
}

/* ---- storing values ------------------------------------------------------------------ */

/* A NUL-terminated copy of the cell in arena a. */
static char *bind_copy(Binder *b, RtArena *a, const DataCell *c) {
  char *s = rt_strndup(a, c->text ? c->text : "", c->text ? c->len : 0);
  if (!s) b->nomem = 1;
  return s;
}

static int bind_value_rc(Binder *b, int rc, const DataCell *at, const char *msg) {
  if (rc == -2) b->nomem = 1;
  else if (rc < 0) bind_report_text(b, at->line, at->col, msg);
  return rc;
}

static void bind_spent(Binder *b, uint32_t pi, const DataRow *r, const DataCell *ic,
                       const DataCell *vc) {
  const RtProject *pj = &b->p->projects[pi];
  if (b->spent_line[pi] && b->spent_col) {
    bind_report(b, ic->line, ic->col,
                "duplicate key for 执行数 in project \"%s\" (first at line %u, column %u)", pj->name,
                b->spent_line[pi], b->spent_col[pi]);
    return;
  }
  if (b->spent_line[pi]) {
    bind_report(b, ic->line, ic->col, "duplicate 执行数 for project \"%s\" (first at line %u)",
                pj->name, b->spent_line[pi]);
    return;
  }
  b->spent_line[pi] = ic->line;
  if (b->spent_col) b->spent_col[pi] = ic->col;
  if (!vc->len) return;
  char *s = r->plain ? (char *)(uintptr_t)r->plain : bind_copy(b, b->scratch, vc), msg[BIND_MSG];
  if (!s) return;
  Dec v;
  ValMsg vm = {msg, sizeof msg, b->sink};
  if (bind_value_rc(b, val_money(b->p, pj, s, strlen(s), &v, &vm), vc, msg) == 0)
    b->out->spent[pi] = v, b->out->has_spent[pi] = 1;
}

static void bind_field(Binder *b, uint32_t pi, uint32_t f, const DataRow *r, const DataCell *ic,
                       const DataCell *vc) {
  const RtProgram *p = b->p;
  size_t at = (size_t)pi * p->nfields + f;
  if (!b->field_used[at]) {
    bind_report(b, ic->line, ic->col, "raw field \"%s\" is not read by any indicator of project \"%s\"",
                p->fields[f], p->projects[pi].name);
    return;
  }
  if (b->field_line[at] && b->field_col) {
    bind_report(b, ic->line, ic->col,
                "duplicate key for raw field \"%s\" in project \"%s\" (first at line %u, column %u)",
                p->fields[f], p->projects[pi].name, b->field_line[at], b->field_col[at]);
    return;
  }
  if (b->field_line[at]) {
    bind_report(b, ic->line, ic->col, "duplicate raw field \"%s\" for project \"%s\" (first at line %u)",
                p->fields[f], p->projects[pi].name, b->field_line[at]);
    return;
  }
  b->field_line[at] = ic->line;
  if (b->field_col) b->field_col[at] = ic->col;
  if (!vc->len) return;
  char *s = r->plain ? (char *)(uintptr_t)r->plain : bind_copy(b, b->scratch, vc), msg[BIND_MSG];
  if (!s) return;
  Dec v;
  ValMsg vm = {msg, sizeof msg, b->sink};
  if (bind_value_rc(b, val_plain(p->fields[f], s, strlen(s), &v, &vm), vc, msg) == 0)
    b->out->fields[at] = v, b->out->field_set[at] = 1;
}

/* A second row, or JSON key, for indicator ii, whose first was at line
 * a->line; 1 when it is one (reported). */
static int bind_duplicate(Binder *b, uint32_t pi, uint32_t ii, const DataCell *ic) {
  const RtProgram *p = b->p;
  const RtActual *a = &b->out->ind[ii];
  if (!a->line) return 0;
  if (b->ind_col)
    bind_report(b, ic->line, ic->col,
                "duplicate key for \"%s\" in project \"%s\" (first at line %u, column %u)",
                p->indicators[ii].name, p->projects[pi].name, a->line, b->ind_col[ii]);
  else
    bind_report(b, ic->line, ic->col, "duplicate row for \"%s\" in project \"%s\" (first at line %u)",
                p->indicators[ii].name, p->projects[pi].name, a->line);
  return 1;
}

static void bind_indicator(Binder *b, uint32_t pi, uint32_t ii, const DataRow *r,
                           const DataCell *ic, const DataCell *vc, const DataCell *nc) {
  const RtProgram *p = b->p;
  const RtIndicator *ind = &p->indicators[ii];
  RtActual *a = &b->out->ind[ii];
  char msg[BIND_MSG];
  /* [DATA-FIELDS] a derived indicator's row may stay blank (indc template
   * writes one, [DATA-TEMPLATE]): it gives no value, but its note counts */
  if (ind->derived && vc->len) {
    bind_fields_of(b, ind, msg, sizeof msg);
    bind_report(b, ic->line, ic->col,
                "\"%s\" is computed from raw fields (实际 = …); give the fields instead: %s",
                ind->name, msg);
    return;
  }
  if (bind_duplicate(b, pi, ii, ic)) return;
  a->line = ic->line;
  if (b->ind_col) b->ind_col[ii] = ic->col;
  a->text = bind_copy(b, b->keep, vc);
  a->note = nc->text && nc->len ? bind_copy(b, b->keep, nc) : NULL;
  if (!a->text || !vc->len) return;
  const char *s = r->plain ? r->plain : a->text;
  ValMsg vm = {msg, sizeof msg, b->sink};
  if (bind_value_rc(b, val_actual(p, &p->projects[pi], ind, s, strlen(s), a, &vm), vc, msg) != 0)
    a->kind = RT_ACT_MISSING;
}

/* The raw field that key names, or -1. */
static long bind_field_index(const RtProgram *p, const char *key) {
  for (uint32_t f = 0; f < p->nfields; f++)
    if (name_equal(p->fields[f], key)) return (long)f;
  return -1;
}

/* What the row's indicator cell names, by key: 执行数, an indicator (one or
 * several), a raw field, or nothing. */
static void bind_named(Binder *b, uint32_t pi, const DataRow *r, const char *key,
                       const DataCell *ic, const DataCell *vc, const DataCell *nc) {
  const RtProgram *p = b->p;
  const RtProject *pj = &p->projects[pi];
  BindFound f;
  long fi;
  if (strcmp(key, "执行数") == 0) {
    bind_spent(b, pi, r, ic, vc);
    return;
  }
  const uint32_t *hash = bind_key_hashes(b, pi);
  bind_find(p, pj, key, hash, b->hashed[pi] == BIND_HASHED_IDS, &f);
  if (f.n == 1) bind_indicator(b, pi, f.cand[0], r, ic, vc, nc);
  else if (f.n > 1) bind_ambiguous(b, pj, ic, &f);
  else if ((fi = bind_field_index(p, key)) >= 0) bind_field(b, pi, (uint32_t)fi, r, ic, vc);
  else bind_unknown_indicator(b, pj, ic, key);
}

void bind_row(Binder *b, uint32_t pi, const DataRow *r) {
  DataCell ic = bind_trim(r->indicator), vc = bind_trim(r->actual), nc = bind_trim(r->note);
  char buf[256], *key = NULL;
  if (ic.len && !(key = name_key_in(ic.text, ic.len, buf, sizeof buf))) b->nomem = 1;
  if (key && *key) bind_named(b, pi, r, key, &ic, &vc, &nc);
  else if (!b->nomem) bind_report(b, ic.line, ic.col, "missing indicator name");
  if (key != buf) free(key);
}
