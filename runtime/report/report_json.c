/*
 * report_json.c - the scorecard as JSON, schema version 1 ([REP-JSON] in
 * docs/report.md).
 *
 * The layout is fixed: one member per line, but an object of scalars
 * (an indicator, a budget) on one line of its own (Json.flat).  Keys come
 * in a fixed order and every key is always present (null when
 * unknown), so two runs give the same bytes and consumers need no
 * presence checks.  Numbers are JSON numbers written from exact decimals:
 * scores, points and percentages with exactly two decimals, money with at
 * least two, gaps in their own precision.  Keys and enumerations (status,
 * flags, grade_en) are English identifiers in every language; only the
 * explanations follow RepOptions.english.
 */
#include <string.h>

#include "report_int.h"

enum { JSON_DEPTH = 8 }; /* deepest nesting the schema uses, with room */

typedef struct Json {
  RepOut o;
  int depth;
  int flat; /* depth of the object being written on one line; 0: none */
  unsigned char first[JSON_DEPTH]; /* nothing written yet at this depth */
} Json;

/* ---- tokens ------------------------------------------------------------ */

/* A line break and the indentation of the current depth, in one piece. */
static void j_indent(Json *j) {
  static const char nl[2 * JSON_DEPTH + 2] = "\n                ";
  rep_put(&j->o, nl, 1 + (size_t)j->depth * 2);
}

/* 1 for a byte that is a character of its own needing no escape: ASCII
 * from ' ' on, but '"' and '\\'. */
static int j_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/* A string, escaped per RFC 8259: " and \ with a backslash, control
 * characters as \u00XX, invalid UTF-8 as \ufffd; other text as is. */
static void j_str(Json *j, const char *s) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0;
  rep_put(&j->o, "\"", 1);
  /* one pass to the NUL: no strlen, which was the first (cache-missing)
   * touch of every text */
  for (unsigned char c; (c = u[i]) != 0;) {
    if (j_plain(c)) { /* the common cases first, without decoding */
      i++;
      continue;
    }
    if (rep_utf8_3(u + i)) {
      i += 3;
      continue;
    }
    int32_t cp = c;
    size_t k = c < 0x80 ? 1 : rep_next(s + i, strlen(s + i), &cp);
    if (cp >= 0x20 && c != '"' && c != '\\') {
      i += k;
      continue;
    }
    rep_put(&j->o, s + run, i - run);
    if (cp < 0) {
      rep_puts(&j->o, "\\ufffd");
    } else if (cp < 0x20) {
      char e[7] = {'\\', 'u', '0', '0', hex[cp >> 4], hex[cp & 15], 0};
      rep_puts(&j->o, e);
    } else {
      char e[3] = {'\\', (char)c, 0};
      rep_puts(&j->o, e);
    }
    i += k;
    run = i;
  }
  rep_put(&j->o, s + run, i - run);
  rep_put(&j->o, "\"", 1);
}

/* Before the next member or element: the separator, on one line or on a
 * new line. */
static void j_sep(Json *j) {
  int first = j->first[j->depth];
  j->first[j->depth] = 0;
  if (j->flat) {
    if (!first) rep_put(&j->o, ", ", 2);
  } else {
    if (!first) rep_put(&j->o, ",", 1);
    j_indent(j);
  }
}

/* The next member's key (or, key NULL, the next array element).  Keys are
 * the schema's ASCII identifiers, which need no escaping. */
static void j_key(Json *j, const char *key) {
  j_sep(j);
  if (!key) return;
  rep_put(&j->o, "\"", 1);
  rep_puts(&j->o, key);
  rep_put(&j->o, "\": ", 3);
}

/* A member's key written as one literal: "\"key\": " (J_KEY). */
static inline void j_keylit(Json *j, const char *lit, size_t n) {
  j_sep(j);
  rep_put(&j->o, lit, n);
}
#define J_KEY(j, key) j_keylit(j, "\"" key "\": ", sizeof("\"" key "\": ") - 1)

static void j_open(Json *j, const char *bracket) {
  rep_puts(&j->o, bracket);
  if (j->depth < JSON_DEPTH - 1) j->depth++;
  j->first[j->depth] = 1;
}

/* An object of scalars (and arrays of scalars), all on one line. */
static void j_open_flat(Json *j) {
  j_open(j, "{");
  j->flat = j->depth;
}

static void j_close(Json *j, const char *bracket) {
  int empty = j->first[j->depth], flat = j->flat != 0;
  if (j->flat == j->depth) j->flat = 0;
  if (j->depth > 0) j->depth--;
  if (!empty && !flat) j_indent(j);
  rep_puts(&j->o, bracket);
}

/* A string, or null. */
static void j_vstr(Json *j, const char *s) {
  if (s)
    j_str(j, s);
  else
    rep_put(&j->o, "null", 4);
}

/* A string of the runtime's own tables (status, category and grade names),
 * which needs no escaping. */
static void j_vname(Json *j, const char *s) {
  rep_put(&j->o, "\"", 1);
  rep_puts(&j->o, s);
  rep_put(&j->o, "\"", 1);
}

/* A number already formatted, or null when the text is empty. */
static void j_vnum(Json *j, const char *num) {
  if (num && *num)
    rep_puts(&j->o, num);
  else
    rep_put(&j->o, "null", 4);
}

static void j_vint(Json *j, long long v) {
  char t[REP_NUM];
  rep_fmt_int(v, t);
  j_vnum(j, t);
}

static void j_vflags(Json *j, int flags) {
  rep_put(&j->o, "[", 1);
  int any = 0;
  for (int k = 0; k < REP_NFLAGS; k++) {
    if (!(flags & rep_flag_bits[k])) continue;
    if (any++) rep_put(&j->o, ", ", 2);
    j_vname(j, rep_flag_key(rep_flag_bits[k]));
  }
  rep_put(&j->o, "]", 1);
}

/* Members: a key of the schema (a literal) and its value. */
#define J_STR(j, key, s) (J_KEY(j, key), j_vstr(j, s))
#define J_NAME(j, key, s) (J_KEY(j, key), j_vname(j, s))
#define J_NUM(j, key, num) (J_KEY(j, key), j_vnum(j, num))
#define J_INT(j, key, v) (J_KEY(j, key), j_vint(j, v))
#define J_FLAGS(j, key, f) (J_KEY(j, key), j_vflags(j, f))

/* ---- indicators ------------------------------------------------------------ */

static int scored(int status) { return status <= RT_ST_UNMET; }

static void j_measures(Json *j, const RtResult *r, const RepInd *x, uint32_t i) {
  const RtTarget *t = &x->in->target;
  const RtActual *act = r->act && r->act->ind ? &r->act->ind[i] : NULL;
  char n[REP_NUM] = "";
  Dec ratio;
  if (x->ratio[0]) { /* the explanation computed it: the same text */
    J_NUM(j, "ratio", x->ratio);
  } else {
    if (rep_ratio(x->in, x->res, &ratio)) rep_fmt_pct(ratio, 2, n);
    J_NUM(j, "ratio", n);
  }
  int quant = t->kind == RT_TGT_QUANT && scored(x->res->status);
  n[0] = '\0';
  if (quant) rep_fmt_dec(x->res->gap, -1, n);
  J_NUM(j, "gap", n);
  J_STR(j, "unit", rep_unit(r->prog, t));
  if (t->kind == RT_TGT_DEADLINE && scored(x->res->status) && act && act->kind == RT_ACT_DATE)
    J_INT(j, "days_late", x->res->days_late);
  else
    J_NUM(j, "days_late", NULL);
}

static void j_indicator(Json *j, const RtResult *r, uint32_t i, int en) {
  RepInd x;
  rep_ind(r, i, en, &x);
  j_key(j, NULL);
  j_open_flat(j);
  J_STR(j, "id", x.id);
  J_NAME(j, "level1", rt_category_name(x.in->level1, 0));
  J_NAME(j, "level1_en", rt_category_name(x.in->level1, 1));
  J_NAME(j, "level2", rt_category_name(x.in->level2, 0));
  J_NAME(j, "level2_en", rt_category_name(x.in->level2, 1));
  J_STR(j, "name", x.name);
  J_STR(j, "target", x.target);
  J_STR(j, "actual", x.has_actual ? x.actual : NULL);
  J_NAME(j, "status", rt_status_name(x.res->status));
  J_NUM(j, "weight", x.weight);
  J_NUM(j, "score", x.score);
  j_measures(j, r, &x, i);
  J_FLAGS(j, "flags", x.res->flags);
  J_STR(j, "explanation", x.expl);
  J_STR(j, "note", x.note[0] ? x.note : NULL);
  j_close(j, "}");
}

/* ---- projects ----------------------------------------------------------------- */

static void j_budget(Json *j, const RepProj *x, int en) {
  char expl[REP_EXPL];
  j_key(j, "budget");
  j_open_flat(j);
  J_NUM(j, "planned", x->planned);
  J_NUM(j, "spent", x->spent);
  J_NUM(j, "rate", x->rate);
  J_STR(j, "as_of", x->midyear ? x->as_of : NULL);
  J_NUM(j, "elapsed", x->elapsed);
  J_NUM(j, "points", x->rate_points);
  J_NUM(j, "score", x->rate_score);
  J_NAME(j, "status", rt_status_name(x->rate_status));
  rep_rate_explain(x, en, expl, sizeof expl);
  J_STR(j, "explanation", expl);
  j_close(j, "}");
}

static void j_project(Json *j, const RtResult *r, uint32_t p, int en) {
  RepProj x;
  rep_proj(r, p, &x);
  j_key(j, NULL);
  j_open(j, "{");
  J_STR(j, "name", x.name);
  J_INT(j, "year", x.p->year);
  J_STR(j, "currency", x.currency);
  J_NUM(j, "score", x.total);
  J_NAME(j, "grade", rep_grade_word(x.res->grade, 0));
  J_NAME(j, "grade_en", rep_grade_key(x.res->grade));
  j_budget(j, &x, en);
  J_FLAGS(j, "flags", x.res->flags);
  j_key(j, "indicators");
  j_open(j, "[");
  for (uint32_t i = x.first; i < x.end && !j->o.err; i++) {
    rep_prefetch_ind(r, i + REP_PREFETCH);
    j_indicator(j, r, i, en);
  }
  j_close(j, "]");
  j_close(j, "}");
}

static void j_summary(Json *j, const RtResult *r) {
  uint32_t status[RT_ST_PENDING + 1] = {0}, grades[4] = {0}, nind = 0;
  for (uint32_t p = 0; p < r->prog->nprojects; p++) {
    RepProj x;
    rep_proj(r, p, &x);
    for (int s = 0; s <= RT_ST_PENDING; s++) status[s] += x.count[s];
    nind += x.end - x.first;
    if (x.res->grade < 4) grades[x.res->grade]++;
  }
  j_key(j, "summary");
  j_open(j, "{");
  J_INT(j, "projects", r->prog->nprojects);
  J_INT(j, "indicators", nind);
  j_key(j, "status");
  j_open_flat(j);
  for (int s = 0; s <= RT_ST_PENDING; s++) {
    j_key(j, rt_status_name(s));
    j_vint(j, status[s]);
  }
  j_close(j, "}");
  j_key(j, "grades");
  j_open_flat(j);
  for (int g = 0; g < 4; g++) {
    j_key(j, rep_grade_key(g));
    j_vint(j, grades[g]);
  }
  j_close(j, "}");
  j_close(j, "}");
}

int rep_json(const RtResult *r, const RepOptions *opt, RepWrite w, void *ud) {
  Json j;
  int en = opt && opt->english;
  char d[REP_DATE];
  RepPart part;
  rep_part(r, opt, &part);
  memset(&j, 0, sizeof j);
  rep_out_init(&j.o, w, ud);
  if (part.head) {
    j_open(&j, "{");
    J_INT(&j, "version", 1);
    J_NAME(&j, "language", en ? "en" : "zh");
    if (r->as_of != INT32_MIN) rep_fmt_date(r->as_of, d);
    J_STR(&j, "as_of", r->as_of != INT32_MIN ? d : NULL);
    j_key(&j, "projects");
    j_open(&j, "[");
  } else {
    /* as the head and the projects before from leave it: inside the root
     * object and the projects array, which are not empty */
    j.depth = 2;
    j.first[2] = part.from == 0;
  }
  for (uint32_t p = part.from; p < part.to && !j.o.err; p++) j_project(&j, r, p, en);
  if (part.tail) {
    j_close(&j, "]");
    j_summary(&j, r);
    j_close(&j, "}");
    rep_puts(&j.o, "\n");
  }
  return rep_out_end(&j.o);
}
