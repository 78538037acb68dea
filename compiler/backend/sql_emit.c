/*
 * sql_emit.c - the SQL backend's generator (sql_emit.h, docs/sql.md).
 *
 * The views are written as pipelines of stages: a stage is a CTE that
 * selects everything of the stage before it plus new columns, behind an
 * optimisation fence (SQLite "LIMIT -1 OFFSET 0", PostgreSQL "OFFSET 0",
 * ANSI "OFFSET 0 ROWS") so that no engine inlines a column's expression
 * into its users: every intermediate value is computed once per row.  A
 * column is declared with its expression; its stage is one more than the
 * deepest column it references (found by scanning the expression), so the
 * code below reads as a list of definitions.
 *
 * Exact arithmetic ([SCORE-EXACT]).  Every value inside the views is a Dec
 * in nano units.  dec_muldiv (w·B/A, and dec_mul and dec_div as its
 * special cases) is md() below:
 *   POSTGRES, ANSI  NUMERIC integers: the quotient truncated (div, or
 *                   (n - MOD(n, z)) / z), the remainder, then half away
 *                   from zero; NULL outside the Dec range.
 *   SQLITE          64-bit integers only, never REAL for a value: when x·y
 *                   fits in 64 bits, one division; otherwise the 126-bit
 *                   product is kept as 21-bit limbs, a double estimate of
 *                   the quotient (within 2^13) is corrected exactly with
 *                   limb arithmetic, and overflow is decided by an exact
 *                   sign test.  The proof is in the comments of md_sqlite.
 */
#include "sql_emit.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_format.h"

/* The VM's step limit as eval_vm sets it (backends.c): an indicator with
 * longer code is missing. */
#define SQL_STEP_LIMIT 100000u

/* Rows per INSERT statement. */
#define SQL_INSERT_BATCH 500

/* ---- text ------------------------------------------------------------------ */

void sql_text_free(SqlText *t) {
  free(t->s);
  memset(t, 0, sizeof *t);
}

static void tx_put(SqlText *t, const char *s, size_t n) {
  if (t->cap == 0 && t->s == NULL) t->ok = 1;
  if (!t->ok) return;
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1) cap *= 2;
    char *ns = realloc(t->s, cap);
    if (!ns) {
      t->ok = 0;
      return;
    }
    t->s = ns;
    t->cap = cap;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
}

static void tx_puts(SqlText *t, const char *s) { tx_put(t, s, strlen(s)); }

#if defined(__GNUC__)
#define SQL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SQL_PRINTF(f, a)
#endif

static char *vfmt(const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static SQL_PRINTF(2, 3) void tx_printf(SqlText *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = vfmt(fmt, ap);
  va_end(ap);
  if (!s) {
    t->ok = 0;
    return;
  }
  tx_puts(t, s);
  free(s);
}

/* ---- dialects ------------------------------------------------------------------ */

typedef struct Dia {
  SqlDialect id;
  const char *dec;   /* a Dec column of a table */
  const char *text;  /* a text column */
  const char *fence; /* after a stage's FROM */
} Dia;

static const Dia dias[] = {
    {SQL_SQLITE, "INTEGER", "TEXT", " LIMIT -1 OFFSET 0"},
    {SQL_POSTGRES, "NUMERIC(19,9)", "TEXT", " OFFSET 0"},
    {SQL_ANSI, "DECIMAL(19,9)", "VARCHAR(65535)", " OFFSET 0 ROWS"},
};

int sql_dialect(const char *name, SqlDialect *out) {
  if (!name || !strcmp(name, "sqlite") || !strcmp(name, "sqlite3")) *out = SQL_SQLITE;
  else if (!strcmp(name, "postgres") || !strcmp(name, "postgresql") || !strcmp(name, "pg"))
    *out = SQL_POSTGRES;
  else if (!strcmp(name, "ansi")) *out = SQL_ANSI;
  else return -1;
  return 0;
}

/* ---- the generator: expressions, columns, stages ------------------------------- */

typedef struct Col {
  const char *name, *expr;
  int level;
} Col;

typedef struct Gen {
  const Dia *d;
  Col *cols;
  size_t ncols, capcols;
  char **pool; /* every string made by gx, freed by gen_free */
  size_t npool, cappool;
  int failed;
} Gen;

static void gen_init(Gen *g, SqlDialect d) {
  memset(g, 0, sizeof *g);
  g->d = &dias[d];
}

static void gen_free(Gen *g) {
  for (size_t i = 0; i < g->npool; i++) free(g->pool[i]);
  free(g->pool);
  free(g->cols);
  memset(g, 0, sizeof *g);
}

static char null_text[] = "NULL";

static char *keep(Gen *g, char *s) {
  if (!s) {
    g->failed = 1;
    return null_text;
  }
  if (g->npool == g->cappool) {
    size_t cap = g->cappool ? g->cappool * 2 : 256;
    char **np = realloc(g->pool, cap * sizeof *np);
    if (!np) {
      free(s);
      g->failed = 1;
      return null_text;
    }
    g->pool = np;
    g->cappool = cap;
  }
  return g->pool[g->npool++] = s;
}

/* A formatted string that lives as long as the generator. */
static SQL_PRINTF(2, 3) char *gx(Gen *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = vfmt(fmt, ap);
  va_end(ap);
  return keep(g, s);
}

static int is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_ident(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

/* The level of the column named s[0..n), 0 for base columns. */
static int col_level(const Gen *g, const char *s, size_t n) {
  for (size_t i = g->ncols; i-- > 0;)
    if (strlen(g->cols[i].name) == n && !memcmp(g->cols[i].name, s, n)) return g->cols[i].level;
  return 0;
}

/* One more than the deepest column that expr references. */
static int expr_level(const Gen *g, const char *e) {
  int lv = 0;
  for (const char *p = e; *p;) {
    if (*p == '\'') { /* skip a string literal */
      for (p++; *p && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1) {
      }
      if (*p) p++;
    } else if (is_ident_start(*p) && (p == e || !is_ident(p[-1]))) {
      const char *q = p;
      while (is_ident(*q)) q++;
      int l = col_level(g, p, (size_t)(q - p));
      if (l > lv) lv = l;
      p = q;
    } else {
      p++;
    }
  }
  return lv + 1;
}

/* Declare column name = expr; returns the name. */
static const char *col(Gen *g, const char *name, const char *expr) {
  if (g->ncols == g->capcols) {
    size_t cap = g->capcols ? g->capcols * 2 : 64;
    Col *nc = realloc(g->cols, cap * sizeof *nc);
    if (!nc) {
      g->failed = 1;
      return name;
    }
    g->cols = nc;
    g->capcols = cap;
  }
  Col *c = &g->cols[g->ncols];
  c->name = name;
  c->expr = expr;
  c->level = expr_level(g, expr);
  g->ncols++;
  return name;
}

static SQL_PRINTF(3, 4) const char *colf(Gen *g, const char *name, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = keep(g, vfmt(fmt, ap));
  va_end(ap);
  return col(g, name, s);
}

/* Index of the column named s[0..n) among cols[first..), or -1. */
static long col_find(const Gen *g, size_t first, const char *s, size_t n) {
  for (size_t i = g->ncols; i-- > first;)
    if (strlen(g->cols[i].name) == n && !memcmp(g->cols[i].name, s, n)) return (long)i;
  return -1;
}

/* For every identifier of e that names a base column (bc) or a column of
 * the pipeline, raise its need[] to level: the stage that reads it. */
static void note_refs(const Gen *g, size_t first, const char *const *bc, size_t nb,
                      const char *e, int level, int *need) {
  for (const char *p = e; *p;) {
    if (!is_ident_start(*p) || (p != e && is_ident(p[-1]))) {
      p++;
      continue;
    }
    const char *q = p;
    while (is_ident(*q)) q++;
    size_t n = (size_t)(q - p);
    long j = col_find(g, first, p, n);
    if (j >= 0) {
      if (need[nb + (size_t)j - first] < level) need[nb + (size_t)j - first] = level;
    } else {
      for (size_t b = 0; b < nb; b++)
        if (strlen(bc[b]) == n && !memcmp(bc[b], p, n) && need[b] < level) need[b] = level;
    }
    p = q;
  }
}

/*
 * Write the pipeline: "P0 AS (base), P1 AS (SELECT ... FROM P0 s FENCE),
 * ..." with the columns declared since column index first; returns the
 * highest level (the last stage is P<level>).  bc names the columns of
 * base (NULL-terminated); final is the text that reads the last stage.
 * A stage carries only the columns that a later stage or final still reads
 * (liveness), so dead intermediates (md's limbs) are not copied along.
 */
static int emit_stages(Gen *g, size_t first, const char *prefix, const char *base,
                       const char *const *bc, const char *final, SqlText *out) {
  int maxl = 0;
  size_t nb = 0, nc = g->ncols - first;
  while (bc[nb]) nb++;
  for (size_t i = first; i < g->ncols; i++)
    if (g->cols[i].level > maxl) maxl = g->cols[i].level;
  int *need = calloc(nb + nc + 1, sizeof *need);
  if (!need) {
    g->failed = 1;
    return 0;
  }
  for (size_t i = first; i < g->ncols; i++)
    note_refs(g, first, bc, nb, g->cols[i].expr, g->cols[i].level, need);
  note_refs(g, first, bc, nb, final, maxl + 1, need);
  tx_printf(out, "%s0 AS (\n  %s\n)", prefix, base);
  for (int l = 1; l <= maxl; l++) {
    tx_printf(out, ",\n%s%d AS (\n  SELECT ", prefix, l);
    const char *sep = "";
    for (size_t b = 0; b < nb; b++)
      if (need[b] > l) tx_printf(out, "%s%s", sep, bc[b]), sep = ", ";
    for (size_t i = first; i < g->ncols; i++)
      if (g->cols[i].level < l && need[nb + i - first] > l)
        tx_printf(out, "%s%s", sep, g->cols[i].name), sep = ", ";
    for (size_t i = first; i < g->ncols; i++)
      if (g->cols[i].level == l)
        tx_printf(out, "%s\n    %s AS %s", sep, g->cols[i].expr, g->cols[i].name), sep = ",";
    tx_printf(out, "\n  FROM %s%d s%s\n)", prefix, l - 1, g->d->fence);
  }
  free(need);
  return maxl;
}

/* ---- dialect pieces of expressions ---------------------------------------------- */

#define DMAX "9223372036854775807"

static int sqlite(const Gen *g) { return g->d->id == SQL_SQLITE; }

/* The type of nano-unit integers in the views.  PostgreSQL's is NUMERIC
 * without a typmod, because a recursive CTE must keep one type exactly. */
static const char *wide_type(const Gen *g) {
  return g->d->id == SQL_ANSI ? "DECIMAL(38,0)" : "NUMERIC";
}

/* A table's Dec column as nano units. */
static const char *nano(Gen *g, const char *c) {
  if (sqlite(g)) return c;
  return gx(g, "CAST(%s * 1000000000 AS %s)", c, wide_type(g));
}

/* Nano units as the view's output column. */
static const char *units(Gen *g, const char *e) {
  if (sqlite(g)) return e;
  return gx(g, "CAST(%s * 0.000000001 AS %s)", e, g->d->dec);
}

/* An integer expression widened before it is multiplied into nano units. */
static const char *wide(Gen *g, const char *e) {
  if (sqlite(g)) return e;
  return gx(g, "CAST(%s AS %s)", e, wide_type(g));
}

/* A Dec literal in nano units. */
static const char *lit(Gen *g, Dec v) {
  if (sqlite(g)) return v < 0 ? gx(g, "(%lld)", (long long)v) : gx(g, "%lld", (long long)v);
  return gx(g, "CAST(%lld AS %s)", (long long)v, wide_type(g));
}

/* a / b for integers with a >= 0, b > 0 (truncation is floor). */
static const char *idiv(Gen *g, const char *a, const char *b) {
  if (sqlite(g)) return gx(g, "(%s) / (%s)", a, b);
  if (g->d->id == SQL_POSTGRES) return gx(g, "div(%s, %s)", a, b);
  return gx(g, "CAST(((%s) - MOD(%s, %s)) / (%s) AS %s)", a, a, b, b, wide_type(g));
}

/* dec_add and dec_sub: the value, or NULL outside the Dec range. */
static const char *dadd(Gen *g, const char *a, const char *b) {
  if (sqlite(g))
    return gx(g,
              "CASE WHEN (%s > 0 AND %s > " DMAX " - %s) OR (%s < 0 AND %s < -" DMAX
              " - %s) THEN NULL ELSE %s + %s END",
              b, a, b, b, a, b, a, b);
  return gx(g, "CASE WHEN abs(%s + %s) > " DMAX " THEN NULL ELSE %s + %s END", a, b, a, b);
}

static const char *dsub(Gen *g, const char *a, const char *b) {
  if (sqlite(g))
    return gx(g,
              "CASE WHEN (%s < 0 AND %s > " DMAX " + %s) OR (%s >= 0 AND %s < -" DMAX
              " + %s) THEN NULL ELSE %s - %s END",
              b, a, b, b, a, b, a, b);
  return gx(g, "CASE WHEN abs(%s - %s) > " DMAX " THEN NULL ELSE %s - %s END", a, b, a, b);
}

/* ---- md: dec_muldiv in SQL -------------------------------------------------------- */

#define LM "2097151" /* 2^21 - 1: a limb */

/* Limb i (0, 1, 2) of a non-negative 63-bit column. */
static const char *limb(Gen *g, const char *c, int i) {
  if (i == 0) return gx(g, "(%s & " LM ")", c);
  if (i == 1) return gx(g, "((%s >> 21) & " LM ")", c);
  return gx(g, "(%s >> 42)", c);
}

/* Limb i (0..4) of the product of two 3-limb numbers. */
static const char *prod_limb(Gen *g, const char *a, const char *b, int i) {
  char *s = NULL;
  for (int j = 0; j <= 2; j++) {
    int k = i - j;
    if (k < 0 || k > 2) continue;
    s = s ? gx(g, "%s + %s * %s", s, limb(g, a, j), limb(g, b, k))
          : gx(g, "%s * %s", limb(g, a, j), limb(g, b, k));
  }
  return gx(g, "(%s)", s);
}

/*
 * E = P - m*w for the product limbs r_p0..r_p4 and a 63-bit column m, as
 * (H, Low) with E = H * 2^63 + Low, 0 <= Low < 2^63, or H NULL when |E| >=
 * 2^84 (never when the quotient fits).  The limbs are carried from the
 * bottom with arithmetic shifts: c_i = f_i + (c_{i-1} >> 21).
 */
static void md_split(Gen *g, const char *r, const char *m, const char *hname, const char *lname) {
  const char *w = gx(g, "%s_w", r), *c[5];
  for (int i = 0; i < 5; i++) {
    const char *f = gx(g, "(%s_p%d - %s)", r, i, prod_limb(g, m, w, i));
    c[i] = i == 0 ? f : gx(g, "(%s + (%s >> 21))", f, c[i - 1]);
  }
  col(g, hname,
      gx(g, "CASE %s WHEN 0 THEN (%s & " LM ") WHEN -1 THEN (%s & " LM ") - 2097152 END", c[4],
         c[3], c[3]));
  col(g, lname,
      gx(g, "((%s & " LM ") << 42) + ((%s & " LM ") << 21) + (%s & " LM ")", c[2], c[1], c[0]));
}

/*
 * SQLite.  Magnitudes u = |x|, v = |y|, w = |z| < 2^63; T = u*v/w; the
 * result is floor(T + 1/2) with the sign of x*y*z.
 *  1. u*v fits in 64 bits (u <= DMAX / v): q = uv / w, r = uv % w, round
 *     up when r >= w - r.  The rest is NULL.
 *  2. P = u*v as limbs p0..p4 (21 bits each way, every partial < 2^44);
 *     e = u*1.0*v/w has relative error < 5*2^-53, so |T - e| < 2^12.4
 *     when T < 2^63.
 *  2b. If e < 2^48 then |T - e| < 0.16, so with n = floor(e + 3/4) the
 *     result floor(T + 1/2) is n - 1 or n: n exactly when 2P >= (2n - 1)w,
 *     one sign test of limbs as in step 3 (n = 0 gives 0).  Scores, shares
 *     and ratios end here; steps 3 to 6 run only for larger quotients.
 *  3. Overflow: T >= DMAX + 1/2 exactly when G = 2P - (2^64 - 1)w >= 0.
 *     G's six limbs are summed from the top, each partial sum clamped to
 *     +/-2^26: below a limb the rest is smaller than 2^25.1 of its units,
 *     so a clamped partial sum already has the sign of G.
 *  4. k = floor(min(e, 2^63 - 4096)); |T - k| < 2^13 without overflow.
 *     E = P - k*w as (H, Low) (md_split).
 *  5. If -2^63 <= E < 2^63 (H is 0 or -1) E is an integer: floor(T) = k +
 *     floor(E / w) and the remainder E mod w exactly.  Otherwise w > 2^50
 *     and E/w in doubles is within 2^-27, so f' = k + floor(E/w as double)
 *     is floor(T) - 1, floor(T) or floor(T) + 1.
 *  6. F = P - f'*w lies in [-w, 2w): from its (H, Low) the exact floor
 *     and remainder follow.  Round half away from zero.
 */
static void md_sqlite(Gen *g, const char *r, const char *x, const char *y, const char *z) {
#define N(s) gx(g, "%s_" s, r)
  const char *u = N("u"), *v = N("v"), *w = N("w");
  col(g, u, gx(g, "abs(%s)", x));
  col(g, v, gx(g, "abs(%s)", y));
  col(g, w, gx(g, "NULLIF(abs(%s), 0)", z));
  colf(g, N("s"), "CASE WHEN ((%s < 0) + (%s < 0) + (%s < 0)) %% 2 = 1 THEN -1 ELSE 1 END", x, y,
       z);
  const char *fits = gx(g, "(%s = 0 OR %s <= " DMAX " / %s)", v, u, v);
  colf(g, N("a1"), "CASE WHEN %s THEN (%s * %s) / %s + ((%s * %s) %% %s >= %s - (%s * %s) %% %s) END",
       fits, u, v, w, u, v, w, w, u, v, w);
  colf(g, N("g"), "CASE WHEN %s THEN NULL ELSE %s END", fits, u);
  const char *gu = N("g");
  for (int i = 0; i < 5; i++) col(g, gx(g, "%s_p%d", r, i), prod_limb(g, gu, v, i));
  colf(g, N("e"), "CAST(%s AS REAL) * %s / %s", gu, v, w);
  /* 2b. a small quotient: one exact sign test decides (see above) */
  colf(g, N("n"), "CASE WHEN %s < 281474976710656.0 THEN CAST(%s + 0.75 AS INTEGER) END",
       N("e"), N("e"));
  {
    const char *n2 = N("n2");
    colf(g, n2, "2 * %s - 1", N("n"));
    const char *acc = NULL;
    for (int i = 4; i >= 0; i--) {
      const char *d = gx(g, "(2 * %s_p%d - %s)", r, i, prod_limb(g, n2, w, i));
      acc = acc ? gx(g, "max(-67108864, min(67108864, %s)) * 2097152 + %s", acc, d) : d;
    }
    colf(g, N("a2"), "CASE WHEN %s = 0 THEN 0 WHEN %s IS NOT NULL THEN %s - 1 + (%s >= 0) END",
         N("n"), N("n"), N("n"), acc);
  }
  /* the general path only when the quotient may be 2^48 or more */
  gu = N("gg");
  colf(g, gu, "CASE WHEN %s IS NULL THEN %s END", N("n"), N("g"));
  /* 3. G = 2P + w - 2^64 w: limbs g0..g5 */
  const char *gl[6];
  for (int i = 0; i < 6; i++) {
    const char *p = i < 5 ? gx(g, "2 * %s_p%d", r, i) : "0";
    const char *add = i < 3 ? gx(g, " + %s", limb(g, w, i)) : gx(g, " - 2 * %s", limb(g, w, i - 3));
    gl[i] = gx(g, "(%s%s)", p, add);
  }
  const char *acc = gl[5];
  for (int i = 4; i >= 0; i--)
    acc = gx(g, "max(-67108864, min(67108864, %s)) * 2097152 + %s", acc, gl[i]);
  colf(g, N("o"), "CASE WHEN %s IS NOT NULL THEN %s >= 0 END", gu, acc);
  colf(g, N("k"), "CASE WHEN %s IS NOT NULL THEN CAST(min(%s, 9223372036854771712.0) AS INTEGER) END",
       gu, N("e"));
  md_split(g, r, N("k"), N("h"), N("l"));
  /* 5. */
  const char *h = N("h"), *l = N("l"), *k = N("k");
  colf(g, N("x"), "%s IN (-1, 0)", h);
  const char *ei = gx(g, "(CASE WHEN %s = 0 THEN %s ELSE %s - " DMAX " - 1 END)", h, l, l);
  const char *ce = gx(g, "((%s * 9223372036854775808.0 + %s) / %s)", h, l, w);
  const char *cf = gx(g, "(CAST(%s AS INTEGER) - (%s < CAST(%s AS INTEGER)))", ce, ce, ce);
  colf(g, N("f"),
       "CASE WHEN %s THEN %s + (%s / %s - (%s %% %s < 0)) "
       "WHEN %s > " DMAX " - %s THEN " DMAX " ELSE %s + %s END",
       N("x"), k, ei, w, ei, w, cf, k, k, cf);
  colf(g, N("m"), "CASE WHEN %s THEN %s %% %s + CASE WHEN %s %% %s < 0 THEN %s ELSE 0 END END",
       N("x"), ei, w, ei, w, w);
  /* 6. */
  md_split(g, r, N("f"), N("h2"), N("l2"));
  const char *h2 = N("h2"), *l2 = N("l2"), *f = N("f");
  colf(g, N("fa"),
       "CASE WHEN %s THEN %s WHEN %s < 0 THEN %s - 1 WHEN %s = 0 AND %s < %s THEN %s "
       "ELSE %s + 1 END",
       N("x"), f, h2, f, h2, l2, w, f, f);
  colf(g, N("rm"),
       "CASE WHEN %s THEN %s WHEN %s < 0 THEN %s - (" DMAX " - %s) - 1 "
       "WHEN %s = 0 AND %s < %s THEN %s WHEN %s = 0 THEN %s - %s "
       "ELSE %s + (" DMAX " - %s) + 1 END",
       N("x"), N("m"), h2, l2, w, h2, l2, w, l2, h2, l2, w, l2, w);
  colf(g, r,
       "%s * (CASE WHEN %s IS NOT NULL THEN %s WHEN %s IS NOT NULL THEN %s WHEN %s THEN NULL "
       "ELSE %s + (%s >= %s - %s) END)",
       N("s"), N("a1"), N("a1"), N("a2"), N("a2"), N("o"), N("fa"), N("rm"), w, N("rm"));
#undef N
}

/* PostgreSQL and ANSI: exact NUMERIC integers. */
static void md_numeric(Gen *g, const char *r, const char *x, const char *y, const char *z) {
  const char *n = gx(g, "(%s * %s)", x, y);
  const char *q = g->d->id == SQL_POSTGRES ? gx(g, "div(%s, %s)", n, z)
                                           : gx(g, "CAST((%s - MOD(%s, %s)) / %s AS %s)", n, n, z,
                                                z, wide_type(g));
  const char *rem = gx(g, "abs(%s - %s * %s)", n, q, z);
  const char *a = gx(g, "%s_q", r);
  colf(g, a,
       "CASE WHEN %s = 0 THEN NULL ELSE %s + CASE WHEN %s >= abs(%s) - %s THEN "
       "CASE WHEN (%s < 0 AND %s < 0) OR (%s > 0 AND %s > 0) THEN 1 ELSE -1 END ELSE 0 END END",
       z, q, rem, z, rem, n, z, n, z);
  colf(g, r, "CASE WHEN abs(%s) > " DMAX " THEN NULL ELSE %s END", a, a);
}

/*
 * Column r = dec_muldiv(x, y, z): NULL on overflow, division by zero or a
 * NULL operand.  x, y and z must be column names or literals.
 */
static const char *md(Gen *g, const char *r, const char *x, const char *y, const char *z) {
  if (sqlite(g)) md_sqlite(g, r, x, y, z);
  else md_numeric(g, r, x, y, z);
  return r;
}

/*
 * Column r = 1 when b * 10^9 >= a * f exactly (dec_ge_product), else 0;
 * b, a and f are non-negative columns (r is NULL when one is NULL).  In
 * SQLite the difference of the two products is summed from its top limb
 * with the clamped partial sums of md_sqlite's step 3.
 */
static void ge_product(Gen *g, const char *r, const char *b, const char *a, const char *f) {
  if (!sqlite(g)) {
    colf(g, r, "CASE WHEN %s * " "1000000000 >= %s * %s THEN 1 ELSE 0 END", b, a, f);
    return;
  }
  const char *acc = NULL;
  for (int i = 4; i >= 0; i--) {
    const char *d = gx(g, "(%s - %s)", prod_limb(g, b, "1000000000", i), prod_limb(g, a, f, i));
    acc = acc ? gx(g, "max(-67108864, min(67108864, %s)) * 2097152 + %s", acc, d) : d;
  }
  colf(g, r, "CASE WHEN %s >= 0 THEN 1 ELSE 0 END", acc);
}

int sql_muldiv_query(SqlDialect d, SqlText *out) {
  Gen g;
  gen_init(&g, d);
  md(&g, "r", "x", "y", "z");
  tx_puts(out, "WITH ");
  static const char *const bc[] = {"k", "x", "y", "z", NULL};
  int last = emit_stages(&g, 0, "m", "SELECT k, x, y, z FROM md_in", bc, "k r", out);
  tx_printf(out, "\nSELECT k, r FROM m%d ORDER BY k", last);
  int bad = g.failed;
  gen_free(&g);
  return bad || !out->ok ? -1 : 0;
}

/* ---- derived actuals: bytecode to columns ---------------------------------------- */

/*
 * The expression of a derived indicator runs from word 2 (after KONST w,
 * KONST A) to its SQUANT.  It is executed symbolically in pc order, which
 * is execution order because jumps only go forward:
 *   - a stack slot holds a column name or a literal;
 *   - each pc collects the (path condition, stack) of every edge into it
 *     and merges them: the condition is their OR, a slot that differs is a
 *     CASE over the conditions;
 *   - FIELD, ADD, SUB, MUL and DIV can stop the VM (a missing field, an
 *     undefined result): each gives a term "when its path condition holds
 *     and its value is NULL, the state is 1 (missing) or 2 (undefined)".
 *     The first term that fires, in pc order, is the VM's state, because
 *     an instruction that ran after a failure cannot exist.  Values after a
 *     failure are NULL or garbage and never reach a result.
 */
typedef struct Edge {
  const char *g;   /* path condition, "TRUE" when unconditional */
  const char **st; /* stack, st[0..sp) */
  int sp;
} Edge;

typedef struct EdgeList {
  Edge *v;
  size_t n, cap;
} EdgeList;

typedef struct Sym {
  Gen *g;
  int e;        /* expression number */
  int nnew;     /* columns made */
  EdgeList *in; /* per pc */
  SqlText terms;
  int nterms;
} Sym;

static const char *sym_new(Sym *s, const char *expr) {
  return col(s->g, gx(s->g, "c%d_%d", s->e, ++s->nnew), expr);
}

static void sym_edge(Sym *s, uint32_t pc, const char *g, const char **st, int sp) {
  EdgeList *l = &s->in[pc];
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 2;
    Edge *nv = realloc(l->v, cap * sizeof *nv);
    if (!nv) {
      s->g->failed = 1;
      return;
    }
    l->v = nv;
    l->cap = cap;
  }
  const char **copy = malloc(((size_t)sp + 1) * sizeof *copy);
  if (!copy) {
    s->g->failed = 1;
    return;
  }
  memcpy(copy, st, (size_t)sp * sizeof *copy);
  l->v[l->n++] = (Edge){g, copy, sp};
}

static void sym_term(Sym *s, const char *g, const char *v, int kind) {
  tx_printf(&s->terms, "%sCASE WHEN %s%s%s IS NULL THEN %d END", s->nterms ? ", " : "",
            strcmp(g, "TRUE") ? g : "", strcmp(g, "TRUE") ? " AND " : "", v, kind);
  s->nterms++;
}

/* Merge the edges into pc; fills st and returns the condition, or NULL when
 * nothing reaches pc. */
static const char *sym_merge(Sym *s, uint32_t pc, const char **st, int *sp) {
  EdgeList *l = &s->in[pc];
  if (l->n == 0) return NULL;
  *sp = l->v[0].sp;
  if (l->n == 1) {
    memcpy(st, l->v[0].st, (size_t)*sp * sizeof *st);
    return l->v[0].g;
  }
  Gen *g = s->g;
  for (int k = 0; k < *sp; k++) {
    int same = 1;
    for (size_t j = 1; j < l->n; j++) same &= !strcmp(l->v[j].st[k], l->v[0].st[k]);
    if (same) {
      st[k] = l->v[0].st[k];
      continue;
    }
    char *c = gx(g, "CASE");
    for (size_t j = 0; j + 1 < l->n; j++) c = gx(g, "%s WHEN %s THEN %s", c, l->v[j].g, l->v[j].st[k]);
    st[k] = sym_new(s, gx(g, "%s ELSE %s END", c, l->v[l->n - 1].st[k]));
  }
  char *cond = gx(g, "(%s)", l->v[0].g);
  for (size_t j = 1; j < l->n; j++) cond = gx(g, "%s OR (%s)", cond, l->v[j].g);
  return sym_new(s, cond);
}

static const char *bool_dec(Gen *g, const char *cond) {
  return gx(g, "CASE WHEN %s THEN %s ELSE %s END", cond, lit(g, DEC_ONE), lit(g, 0));
}

/* One instruction at pc with condition cond; pushes onto st. */
static void sym_op(Sym *s, const RtProgram *p, uint32_t w, const char *cond, const char **st,
                   int *sp) {
  Gen *g = s->g;
  uint32_t A = BC_A(w);
  const char *a = *sp >= 2 ? st[*sp - 2] : NULL, *b = *sp >= 1 ? st[*sp - 1] : NULL, *v;
  switch (BC_OP(w)) {
  case BC_KONST: st[(*sp)++] = lit(g, p->consts[A]); return;
  case BC_FIELD:
    v = gx(g, "f%d_%u", s->e, A);
    sym_term(s, cond, v, 1);
    st[(*sp)++] = v;
    return;
  case BC_NEG: st[*sp - 1] = sym_new(s, gx(g, "-%s", b)); return;
  case BC_NOT: st[*sp - 1] = sym_new(s, bool_dec(g, gx(g, "%s = 0", b))); return;
  case BC_NOP: return;
  default: break;
  }
  const char *r = gx(g, "c%d_%d", s->e, s->nnew + 1);
  switch (BC_OP(w)) {
  case BC_ADD: v = sym_new(s, dadd(g, a, b)); break;
  case BC_SUB: v = sym_new(s, dsub(g, a, b)); break;
  case BC_MUL: v = md(g, r, a, b, lit(g, DEC_ONE)), s->nnew++; break;
  case BC_DIV: v = md(g, r, a, lit(g, DEC_ONE), b), s->nnew++; break;
  case BC_MIN: v = sym_new(s, gx(g, "CASE WHEN %s < %s THEN %s ELSE %s END", b, a, b, a)); break;
  case BC_MAX: v = sym_new(s, gx(g, "CASE WHEN %s > %s THEN %s ELSE %s END", b, a, b, a)); break;
  case BC_LT: v = sym_new(s, bool_dec(g, gx(g, "%s < %s", a, b))); break;
  case BC_LE: v = sym_new(s, bool_dec(g, gx(g, "%s <= %s", a, b))); break;
  case BC_GT: v = sym_new(s, bool_dec(g, gx(g, "%s > %s", a, b))); break;
  case BC_GE: v = sym_new(s, bool_dec(g, gx(g, "%s >= %s", a, b))); break;
  case BC_EQ: v = sym_new(s, bool_dec(g, gx(g, "%s = %s", a, b))); break;
  case BC_NE: v = sym_new(s, bool_dec(g, gx(g, "%s <> %s", a, b))); break;
  case BC_AND: v = sym_new(s, bool_dec(g, gx(g, "%s <> 0 AND %s <> 0", a, b))); break;
  case BC_OR: v = sym_new(s, bool_dec(g, gx(g, "%s <> 0 OR %s <> 0", a, b))); break;
  default: g->failed = 1; return; /* rejected by the verifier (V18) */
  }
  int op = (int)BC_OP(w);
  if (op == BC_ADD || op == BC_SUB || op == BC_MUL || op == BC_DIV) sym_term(s, cond, v, 2);
  (*sp)--;
  st[*sp - 1] = v;
}

static const char *and_cond(Gen *g, const char *cond, const char *c) {
  return strcmp(cond, "TRUE") ? gx(g, "%s AND %s", cond, c) : c;
}

/*
 * Pipeline x<e>_ for the derived indicator ind (the representative of
 * expression e): writes its CTEs to out and the final select of (ind,
 * dst, dval) to sel.
 */
static void derived_pipeline(Gen *g, const RtProgram *p, uint32_t ind, int e, SqlText *out,
                             SqlText *sel) {
  const RtIndicator *in = &p->indicators[ind];
  const uint32_t *code = p->code + in->code;
  uint32_t end = in->ncode - 2; /* the SQUANT */
  size_t first = g->ncols;
  SqlText base = {0};
  const char **bc = calloc(in->ncode + 2, sizeof *bc); /* base columns */
  size_t nbc = 0;
  if (!bc) {
    g->failed = 1;
    return;
  }
  bc[nbc++] = "ind";
  tx_puts(&base, "SELECT i.indicator AS ind");
  for (uint32_t pc = 2; pc < end; pc++) {
    if (BC_OP(code[pc]) != BC_FIELD) continue;
    uint32_t f = BC_A(code[pc]);
    int seen = 0;
    for (uint32_t q = 2; q < pc; q++) seen |= BC_OP(code[q]) == BC_FIELD && BC_A(code[q]) == f;
    if (seen) continue;
    bc[nbc++] = gx(g, "f%d_%u", e, f);
    tx_printf(&base,
              ", (SELECT %s FROM indc_field_value v WHERE v.project = i.project AND v.field = "
              "%u) AS %s",
              nano(g, "v.amount"), f, bc[nbc - 1]);
  }
  tx_printf(&base, "\n  FROM indc_indicator i WHERE i.expr = %d", e);
  Sym s = {g, e, 0, calloc(in->ncode + 1, sizeof(EdgeList)), {0}, 0};
  const char **st = malloc((BC_MAX_STACK + 2) * sizeof *st);
  const char *B = "NULL";
  if (!s.in || !st) {
    g->failed = 1;
  } else {
    const char *init[2] = {"w", "a"};
    sym_edge(&s, 2, "TRUE", init, 2);
    for (uint32_t pc = 2; pc <= end && !g->failed; pc++) {
      int sp = 0;
      const char *cond = sym_merge(&s, pc, st, &sp);
      if (!cond) continue;
      if (pc == end) {
        B = st[sp - 1];
        break;
      }
      uint32_t w = code[pc], op = BC_OP(w);
      if (op == BC_JMP) {
        sym_edge(&s, pc + 1 + BC_A(w), cond, st, sp);
      } else if (op == BC_JZ) {
        const char *c = st[--sp];
        sym_edge(&s, pc + 1 + BC_A(w), sym_new(&s, and_cond(g, cond, gx(g, "%s = 0", c))), st, sp);
        sym_edge(&s, pc + 1, sym_new(&s, and_cond(g, cond, gx(g, "%s <> 0", c))), st, sp);
      } else {
        sym_op(&s, p, w, cond, st, &sp);
        sym_edge(&s, pc + 1, cond, st, sp);
      }
    }
  }
  char *prefix = gx(g, "x%d_", e);
  const char *dst = s.nterms == 0 ? "CAST(NULL AS INTEGER)"
                    : s.nterms == 1 ? gx(g, "%s", s.terms.s)
                                    : gx(g, "COALESCE(%s)", s.terms.s);
  int last = emit_stages(g, first, prefix, base.s ? base.s : "", bc,
                         gx(g, "ind %s %s", dst, B), out);
  tx_puts(out, ",\n");
  tx_printf(sel, "SELECT ind, %s AS dst, %s AS dval FROM %s%d", dst, B, prefix, last);
  free(bc);
  if (!s.terms.ok && s.nterms) g->failed = 1;
  for (uint32_t pc = 0; s.in && pc <= in->ncode; pc++) {
    for (size_t j = 0; j < s.in[pc].n; j++) free((void *)s.in[pc].v[j].st);
    free(s.in[pc].v);
  }
  free(s.in);
  free(st);
  sql_text_free(&s.terms);
  sql_text_free(&base);
}

/* ---- derived expressions: one pipeline per distinct expression ------------------ */

typedef struct Exprs {
  int32_t *of;     /* per indicator: expression number, -1 when not derived */
  uint32_t *rep;   /* per expression: its first indicator */
  uint32_t n;
} Exprs;

/* Two derived indicators share an expression when their words from 2 to
 * the end match, with constants compared by value. */
static int same_expr(const RtProgram *p, uint32_t i, uint32_t j) {
  const RtIndicator *a = &p->indicators[i], *b = &p->indicators[j];
  if (a->ncode != b->ncode) return 0;
  for (uint32_t k = 2; k < a->ncode; k++) {
    uint32_t x = p->code[a->code + k], y = p->code[b->code + k];
    if (BC_OP(x) != BC_OP(y)) return 0;
    if (BC_OP(x) == BC_KONST ? p->consts[BC_A(x)] != p->consts[BC_A(y)] : x != y) return 0;
  }
  return 1;
}

static uint64_t expr_hash(const RtProgram *p, uint32_t i) {
  const RtIndicator *a = &p->indicators[i];
  uint64_t h = 1469598103934665603u;
  for (uint32_t k = 2; k < a->ncode; k++) {
    uint32_t x = p->code[a->code + k];
    uint64_t v = BC_OP(x) == BC_KONST ? (uint64_t)p->consts[BC_A(x)] : x;
    h = (h ^ v ^ BC_OP(x)) * 1099511628211u;
  }
  return h;
}

static int exprs_find(const RtProgram *p, Exprs *x) {
  uint32_t n = p->nindicators, cap = 16;
  while (cap < 2 * n) cap *= 2;
  x->of = malloc(((size_t)n + 1) * sizeof *x->of);
  x->rep = malloc(((size_t)n + 1) * sizeof *x->rep);
  uint32_t *slot = calloc(cap, sizeof *slot); /* expression + 1 */
  x->n = 0;
  if (!x->of || !x->rep || !slot) {
    free(slot);
    return -1;
  }
  for (uint32_t i = 0; i < n; i++) {
    x->of[i] = -1;
    if (!p->indicators[i].derived || p->indicators[i].ncode > SQL_STEP_LIMIT) continue;
    size_t h = (size_t)(expr_hash(p, i) & (cap - 1));
    while (slot[h] && !same_expr(p, x->rep[slot[h] - 1], i)) h = (h + 1) & (cap - 1);
    if (!slot[h]) {
      x->rep[x->n] = i;
      slot[h] = ++x->n;
    }
    x->of[i] = (int32_t)slot[h] - 1;
  }
  free(slot);
  return 0;
}

static void exprs_free(Exprs *x) {
  free(x->of);
  free(x->rep);
}

/* ---- the views ------------------------------------------------------------------- */

#define ONE "1000000000"

/* The indicator pipeline i0..iN ([SCORE-QUANT] .. [SCORE-STATUS]). */
static void ind_columns(Gen *g) {
  colf(g, "pend", "CASE WHEN asof IS NOT NULL AND due > asof THEN 1 ELSE 0 END");
  col(g, "st0",
      "CASE WHEN ak = 1 THEN 4 "
      "WHEN ak IS NULL AND der = 0 THEN (CASE WHEN pend = 1 THEN 5 ELSE 3 END) "
      "WHEN asof IS NOT NULL AND tk = 1 AND ak = 3 AND ad > asof "
      "THEN (CASE WHEN pend = 1 THEN 5 ELSE 2 END) "
      "WHEN der = 1 AND stepok = 0 THEN 3 "
      "WHEN der = 1 AND dst = 1 THEN (CASE WHEN pend = 1 THEN 5 ELSE 3 END) "
      "WHEN der = 1 AND dst IS NOT NULL THEN 3 ELSE -1 END");
  col(g, "bb", "CASE WHEN der = 1 THEN dv ELSE av END");
  col(g, "bq", "CASE WHEN bb < 0 AND a > 0 THEN 0 ELSE bb END");
  col(g, "fwd", "CASE WHEN cmp IN (0, 2, 4) THEN 1 ELSE 0 END");
  col(g, "qm",
      "CASE WHEN cmp = 4 AND a = 0 THEN (CASE WHEN bq <= 0 THEN 1 ELSE 0 END) "
      "WHEN cmp = 2 THEN (CASE WHEN bq > a THEN 1 ELSE 0 END) "
      "WHEN cmp IN (0, 4) THEN (CASE WHEN bq >= a THEN 1 ELSE 0 END) "
      "WHEN cmp = 3 THEN (CASE WHEN bq < a THEN 1 ELSE 0 END) "
      "ELSE (CASE WHEN bq <= a THEN 1 ELSE 0 END) END");
  col(g, "smet",
      "CASE WHEN st0 <> -1 THEN 0 WHEN tk = 0 THEN qm "
      "WHEN tk = 3 THEN (CASE WHEN ar >= trank THEN 1 ELSE 0 END) "
      "WHEN tk = 1 THEN (CASE WHEN ad <= tdate THEN 1 ELSE 0 END) ELSE 0 END");
  colf(g, "fn",
       "CASE WHEN st0 <> -1 OR smet = 1 THEN NULL "
       "WHEN tk = 0 THEN (CASE WHEN (cmp = 4 AND a = 0) OR a <= 0 THEN NULL WHEN fwd = 1 THEN bq "
       "WHEN rev = 1 THEN a WHEN a > " DMAX " - a OR bq >= a + a THEN NULL ELSE a + a - bq END) "
       "WHEN tk = 3 THEN (CASE WHEN trank <= 0 OR ar <= 0 THEN NULL ELSE %s * " ONE " END) "
       "WHEN tk = 1 THEN (CASE WHEN tdate - tjan1 <= 0 OR ad - tjan1 <= 0 THEN NULL "
       "ELSE %s * " ONE " END) END",
       wide(g, "ar"), wide(g, "(tdate - tjan1)"));
  colf(g, "fd",
       "CASE WHEN fn IS NULL THEN NULL WHEN tk = 0 THEN (CASE WHEN fwd = 0 AND rev = 1 THEN bq "
       "ELSE a END) WHEN tk = 3 THEN %s * " ONE " ELSE %s * " ONE " END",
       wide(g, "trank"), wide(g, "(ad - tjan1)"));
  md(g, "sf", "w", "fn", "fd");
  col(g, "gxw", "CASE WHEN st0 = -1 AND tk IN (2, 4) AND ah = 0 THEN w END");
  col(g, "gsh", "CASE ag WHEN 0 THEN sh0 WHEN 1 THEN sh1 ELSE sh2 END");
  md(g, "gd", "gxw", "gsh", lit(g, DEC_ONE));
  col(g, "rtx", "CASE WHEN st0 = -1 AND tk = 0 AND a > 0 THEN bb END");
  md(g, "rt", "rtx", lit(g, DEC_ONE), "a");
  col(g, "ovb", "CASE WHEN st0 = -1 AND tk = 0 AND fwd = 1 AND a > 0 AND bb >= 0 THEN bb END");
  ge_product(g, "ovge", "ovb", "a", "ovs");
  col(g, "sraw",
      "CASE WHEN st0 <> -1 THEN 0 WHEN tk IN (2, 4) THEN (CASE WHEN ah = 1 THEN av "
      "ELSE COALESCE(gd, 0) END) WHEN smet = 1 THEN w WHEN fn IS NULL THEN 0 ELSE sf END");
  col(g, "score", "CASE WHEN sraw < 0 THEN 0 WHEN sraw > w THEN w ELSE sraw END");
  col(g, "status",
      "CASE WHEN st0 <> -1 THEN st0 WHEN tk IN (2, 4) THEN ag WHEN smet = 1 THEN 0 "
      "WHEN score > 0 THEN 1 ELSE 2 END");
  col(g, "flags",
      "(CASE WHEN status IN (1, 2, 3) THEN 1 ELSE 0 END) + (CASE WHEN "
      "ovb IS NOT NULL AND ovge = 1 THEN 2 ELSE 0 END) + (CASE WHEN st0 = 3 AND der = 1 AND "
      "(stepok = 0 OR dst = 2) THEN 16 ELSE 0 END)");
  colf(g, "ratio", "CASE WHEN st0 = -1 AND tk = 0 AND rt IS NOT NULL THEN rt ELSE %s END",
       lit(g, -1));
  colf(g, "gap", "CASE WHEN st0 = -1 AND tk = 0 THEN COALESCE(%s, 0) ELSE 0 END",
       dsub(g, "bb", "a"));
  col(g, "bs", "CASE WHEN st0 = -1 AND tk = 0 THEN bb ELSE 0 END");
  col(g, "late",
      "CASE WHEN st0 = 2 THEN ad - tdate WHEN st0 = -1 AND tk = 1 AND ad > tdate THEN ad - tdate "
      "ELSE 0 END");
}

static int view_indicators(const RtProgram *p, SqlDialect d, SqlText *out) {
  Gen g;
  gen_init(&g, d);
  Exprs x;
  if (exprs_find(p, &x) != 0) {
    gen_free(&g);
    return -1;
  }
  tx_puts(out, "CREATE VIEW indc_indicator_score AS\nWITH ");
  SqlText sel = {0};
  for (uint32_t e = 0; e < x.n; e++) {
    if (e) tx_puts(&sel, "\n  UNION ALL ");
    derived_pipeline(&g, p, x.rep[e], (int)e, out, &sel);
  }
  if (x.n == 0)
    tx_printf(&sel, "SELECT indicator AS ind, CAST(NULL AS INTEGER) AS dst, %s AS dval "
                    "FROM indc_indicator WHERE 1 = 0",
              sqlite(&g) ? "CAST(NULL AS INTEGER)" : wide(&g, "NULL"));
  tx_printf(out, "dres AS (\n  %s\n),\n", sel.s ? sel.s : "");
  size_t first = g.ncols;
  ind_columns(&g);
  char *base = gx(&g,
      "SELECT i.indicator AS ind, i.project AS proj, i.kind AS tk, i.cmp AS cmp, "
      "i.derived AS der, i.steps_ok AS stepok, %s AS w, %s AS a, i.t_date AS tdate, "
      "i.t_jan1 AS tjan1, i.t_rank AS trank, i.due AS due, pol.reverse AS rev, %s AS ovs, "
      "%s AS sh0, %s AS sh1, %s AS sh2, x.kind AS ak, %s AS av, x.done_day AS ad, "
      "x.grade_rank AS ar, x.grade AS ag, x.has_score AS ah, d.dst AS dst, d.dval AS dv, "
      "r.as_of AS asof\n"
      "  FROM indc_indicator i JOIN indc_project p ON p.project = i.project\n"
      "  JOIN indc_policy pol ON pol.policy = p.policy\n"
      "  LEFT JOIN indc_actual x ON x.indicator = i.indicator\n"
      "  LEFT JOIN dres d ON d.ind = i.indicator\n"
      "  CROSS JOIN (SELECT MAX(as_of) AS as_of FROM indc_run) r",
      nano(&g, "i.points"), nano(&g, "i.target_value"), nano(&g, "pol.overshoot"),
      nano(&g, "pol.met_dflt"), nano(&g, "pol.partial_dflt"), nano(&g, "pol.unmet_dflt"),
      nano(&g, "x.amount"));
  static const char *const bc[] = {"ind", "proj", "tk", "cmp", "der", "stepok", "w", "a",
                                   "tdate", "tjan1", "trank", "due", "rev", "ovs", "sh0",
                                   "sh1", "sh2", "ak", "av", "ad", "ar", "ag", "ah", "dst",
                                   "dv", "asof", NULL};
  int last = emit_stages(&g, first, "i", base, bc,
                         "ind proj status flags score ratio gap late bs", out);
  tx_printf(out,
            "\nSELECT ind AS indicator, proj AS project, status, flags, %s AS score, "
            "%s AS ratio, %s AS gap, late AS days_late, %s AS b FROM i%d;\n\n",
            units(&g, "score"), units(&g, "ratio"), units(&g, "gap"), units(&g, "bs"), last);
  int bad = g.failed || !sel.ok;
  sql_text_free(&sel);
  exprs_free(&x);
  gen_free(&g);
  return bad ? -1 : 0;
}

/* The ten sums of a project, in the order of the recursive fallback. */
static const char *const sum_names[10] = {"applicable", "raw", "points_output", "points_benefit",
                                          "points_satisfaction", "points_cost", "score_output",
                                          "score_benefit", "score_satisfaction", "score_cost"};

/* x + y for x, y >= 0, or x when that leaves the range (dec_add ignored). */
static const char *skip_add(Gen *g, const char *x, const char *y) {
  return gx(g, "CASE WHEN %s > " DMAX " - %s THEN %s ELSE %s + %s END", y, x, x, x, y);
}

/*
 * Sums per project.  rt_evaluate adds with dec_add and ignores overflow, so
 * a sum that would leave the Dec range keeps its value from before.  The
 * exact sums are computed first (SQLite: high and low halves, so SUM never
 * overflows); a project with a sum out of range is summed again in
 * indicator order by a recursive CTE, as rt_evaluate does.
 */
static void proj_sums(Gen *g, const char *src, SqlText *out) {
  tx_printf(out,
            "ir AS (\n  SELECT s.indicator AS ind, s.project AS proj, i.slot AS slot, "
            "CASE WHEN s.status IN (4, 5) THEN %s ELSE %s END AS v0, %s AS v1\n"
            "  FROM %s s JOIN indc_indicator i ON i.indicator = s.indicator\n),\n",
            lit(g, 0), nano(g, "i.points"), nano(g, "s.score"), src);
  tx_puts(out, "iv AS (\n  SELECT ir.*");
  for (int k = 0; k < 8; k++)
    tx_printf(out, ", CASE WHEN slot = %d THEN v%d ELSE %s END AS v%d", k % 4, k / 4,
              lit(g, 0), k + 2);
  tx_puts(out, "\n  FROM ir\n),\nagg AS (\n  SELECT proj");
  for (int k = 0; k < 10; k++)
    if (sqlite(g)) tx_printf(out, ", SUM(v%d >> 32) AS h%d, SUM(v%d & 4294967295) AS l%d", k, k, k, k);
    else tx_printf(out, ", SUM(v%d) AS h%d", k, k);
  tx_puts(out, "\n  FROM iv GROUP BY proj\n),\naggv AS (\n  SELECT proj");
  for (int k = 0; k < 10; k++)
    if (sqlite(g))
      tx_printf(out, ", CASE WHEN h%d < 2147483648 AND h%d * 4294967296 <= " DMAX
                     " - l%d THEN h%d * 4294967296 + l%d END AS t%d", k, k, k, k, k, k);
    else tx_printf(out, ", CASE WHEN h%d <= " DMAX " THEN h%d END AS t%d", k, k, k);
  tx_puts(out, "\n  FROM agg\n),\nrec (proj, pos");
  for (int k = 0; k < 10; k++) tx_printf(out, ", a%d", k);
  tx_puts(out, ") AS (\n  SELECT p.project, p.first_indicator - 1");
  for (int k = 0; k < 10; k++) tx_printf(out, ", %s", lit(g, 0));
  tx_puts(out, "\n  FROM indc_project p JOIN aggv v ON v.proj = p.project WHERE ");
  for (int k = 0; k < 10; k++) tx_printf(out, "%sv.t%d IS NULL", k ? " OR " : "", k);
  tx_puts(out, "\n  UNION ALL\n  SELECT r.proj, r.pos + 1");
  for (int k = 0; k < 10; k++) { /* one type in both terms, typmod included (PostgreSQL) */
    const char *v = skip_add(g, gx(g, "r.a%d", k), gx(g, "x.v%d", k));
    tx_printf(out, ", %s", sqlite(g) ? v : wide(g, v));
  }
  tx_puts(out, "\n  FROM rec r JOIN iv x ON x.ind = r.pos + 1 AND x.proj = r.proj\n),\n"
               "recf AS (\n  SELECT r.* FROM rec r JOIN indc_project p ON p.project = r.proj "
               "AND r.pos = p.first_indicator + p.indicators - 1\n),\n");
}

/* The project pipeline p0..pN ([SCORE-RATE], [SCORE-TOTAL], [SCORE-MIDYEAR]). */
static void proj_columns(Gen *g) {
  col(g, "rdx", "CASE WHEN hs = 1 AND planned > 0 AND spent >= 0 THEN spent END");
  md(g, "rd", "rdx", lit(g, DEC_ONE), "planned");
  colf(g, "rate",
       "CASE WHEN hs = 0 THEN %s WHEN planned <= 0 THEN (CASE WHEN spent <= 0 THEN %s ELSE %s "
       "END) WHEN spent < 0 THEN %s ELSE COALESCE(rd, %s) END",
       lit(g, -1), lit(g, DEC_ONE), lit(g, -1), lit(g, 0), lit(g, -1));
  col(g, "rmx", "CASE WHEN hs = 1 AND rate > 0 AND rate < " ONE " THEN wr END");
  md(g, "rm", "rmx", "rate", lit(g, DEC_ONE));
  colf(g, "rsc",
       "CASE WHEN hs = 0 THEN %s WHEN rate >= " ONE " THEN wr WHEN rate <= 0 THEN %s "
       "ELSE COALESCE(rm, %s) END",
       lit(g, 0), lit(g, 0), lit(g, 0));
  col(g, "gone",
      "CASE WHEN asof IS NULL THEN NULL WHEN asof - jan1 + 1 < 0 THEN 0 "
      "WHEN asof - jan1 + 1 > days THEN days ELSE asof - jan1 + 1 END");
  colf(g, "el", "CASE WHEN asof IS NULL THEN %s ELSE %s END", lit(g, -1),
       idiv(g, gx(g, "2 * %s * " ONE " + days", wide(g, "gone")), "2 * days"));
  col(g, "flg",
      "(CASE WHEN hs = 1 AND rate < 0 THEN 16 WHEN hs = 1 AND rate < lowr AND asof IS NULL "
      "THEN 4 ELSE 0 END) + (CASE WHEN asof IS NOT NULL AND NOT (hs = 1 AND rate < 0) AND "
      "el - (CASE WHEN hs = 1 THEN rate ELSE 0 END) > lagr THEN 8 ELSE 0 END)");
  col(g, "app", skip_add(g, "s0", "wr"));
  col(g, "raw", skip_add(g, "s1", "rsc"));
  col(g, "ttx", "CASE WHEN app > 0 THEN raw END");
  md(g, "tt", lit(g, 100 * DEC_ONE), "ttx", "app");
  colf(g, "total", "CASE WHEN app <= 0 THEN %s WHEN tt > %s THEN %s WHEN tt < 0 THEN %s "
                   "ELSE COALESCE(tt, %s) END",
       lit(g, 0), lit(g, 100 * DEC_ONE), lit(g, 100 * DEC_ONE), lit(g, 0), lit(g, 0));
  /* the grade of the total as printed: rounded half up to 2 decimals (total >= 0) */
  colf(g, "tshow", "%s * 10000000", idiv(g, "total + 5000000", "10000000"));
  col(g, "grade",
      "CASE WHEN tshow >= gex THEN 0 WHEN tshow >= ggd THEN 1 WHEN tshow >= gfr THEN 2 "
      "ELSE 3 END");
}

static int view_projects(SqlDialect d, const char *src, SqlText *out) {
  Gen g;
  gen_init(&g, d);
  tx_puts(out, "CREATE VIEW indc_project_score AS\nWITH RECURSIVE\n");
  proj_sums(&g, src, out);
  size_t first = g.ncols;
  proj_columns(&g);
  SqlText base = {0};
  tx_printf(&base,
            "SELECT p.project AS proj, %s AS planned, CASE WHEN s.spent IS NULL THEN 0 ELSE 1 END "
            "AS hs, COALESCE(%s, %s) AS spent, %s AS wr, %s AS lowr, %s AS lagr, %s AS gex, "
            "%s AS ggd, %s AS gfr, p.jan1 AS jan1, p.days AS days, r.as_of AS asof",
            nano(&g, "p.budget"), nano(&g, "s.spent"), lit(&g, 0), nano(&g, "pol.w_rate"),
            nano(&g, "pol.low_rate"), nano(&g, "pol.lag_share"), nano(&g, "pol.grade_excellent"),
            nano(&g, "pol.grade_good"), nano(&g, "pol.grade_fair"));
  for (int k = 0; k < 10; k++)
    tx_printf(&base, ", COALESCE(c.a%d, v.t%d, %s) AS s%d", k, k, lit(&g, 0), k);
  tx_puts(&base, "\n  FROM indc_project p JOIN indc_policy pol ON pol.policy = p.policy\n"
                 "  LEFT JOIN indc_spent s ON s.project = p.project\n"
                 "  LEFT JOIN aggv v ON v.proj = p.project\n"
                 "  LEFT JOIN recf c ON c.proj = p.project\n"
                 "  CROSS JOIN (SELECT MAX(as_of) AS as_of FROM indc_run) r");
  static const char *const bc[] = {"proj", "planned", "hs", "spent", "wr", "lowr", "lagr",
                                   "gex", "ggd", "gfr", "jan1", "days", "asof", "s0", "s1",
                                   "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", NULL};
  int last = emit_stages(&g, first, "p", base.s ? base.s : "", bc,
                         "proj planned spent hs rate rsc app raw total grade flg el "
                         "s2 s3 s4 s5 s6 s7 s8 s9",
                         out);
  tx_printf(out,
            "\nSELECT proj AS project, %s AS planned, %s AS spent, hs AS has_spent, %s AS rate, "
            "%s AS rate_score, %s AS applicable, %s AS raw, %s AS total, grade, flg AS flags, "
            "%s AS elapsed",
            units(&g, "planned"), units(&g, "spent"), units(&g, "rate"), units(&g, "rsc"),
            units(&g, "app"), units(&g, "raw"), units(&g, "total"), units(&g, "el"));
  for (int k = 2; k < 10; k++)
    tx_printf(out, ", %s AS %s", units(&g, gx(&g, "s%d", k)), sum_names[k]);
  tx_printf(out, " FROM p%d;\n", last);
  int bad = g.failed || !base.ok;
  sql_text_free(&base);
  gen_free(&g);
  return bad ? -1 : 0;
}

const char sql_ind_columns[] = "indicator, status, flags, score, b, gap, days_late";
const char sql_proj_columns[] =
    "project, planned, spent, has_spent, rate, rate_score, applicable, raw, total, grade, "
    "flags, elapsed, points_output, points_benefit, points_satisfaction, points_cost, "
    "score_output, score_benefit, score_satisfaction, score_cost";

int sql_view_indicators(const RtProgram *p, SqlDialect d, SqlText *out, char *err,
                        size_t errcap) {
  if (view_indicators(p, d, out) != 0 || !out->ok) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  return 0;
}

int sql_view_projects(SqlDialect d, const char *indicator_source, SqlText *out, char *err,
                      size_t errcap) {
  if (view_projects(d, indicator_source ? indicator_source : "indc_indicator_score", out) != 0 ||
      !out->ok) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  return 0;
}

int sql_views(const RtProgram *p, SqlDialect d, SqlText *out, char *err, size_t errcap) {
  if (sql_view_indicators(p, d, out, err, errcap) != 0) return -1;
  return sql_view_projects(d, NULL, out, err, errcap);
}

/* ---- schema ------------------------------------------------------------------------ */

/* Column lists; "D" marks a Dec column, "T" text, anything else INTEGER.
 * ORDER: the row writers below follow these lists. */
static const struct {
  const char *table, *cols, *key;
} tables[] = {
    {"indc_unit", "unit,name T,dim,factor D", "unit"},
    {"indc_scale", "scale,name T", "scale"},
    {"indc_scale_member", "scale,member,name T", "scale, member"},
    {"indc_policy",
     "policy,w_output D,w_benefit D,w_satisfaction D,w_rate D,reverse,met_lo D,met_hi D,"
     "met_dflt D,partial_lo D,partial_hi D,partial_dflt D,unmet_lo D,unmet_hi D,unmet_dflt D,"
     "grade_excellent D,grade_good D,grade_fair D,overshoot D,low_rate D,lag_share D",
     "policy"},
    {"indc_project",
     "project,name T,name_key T,file T,line,budget_year,currency,budget D,policy,"
     "first_indicator,indicators,jan1,days",
     "project"},
    {"indc_indicator",
     "indicator,project,id T,name T,name_key T,line,level1,level2,slot,kind,cmp,unit,"
     "target_text T,points D,target_value D,t_date,t_jan1,t_rank,t_year,due,derived,expr,"
     "steps_ok",
     "indicator"},
    {"indc_field", "field,name T", "field"},
    {"indc_actual",
     "indicator,project,kind,amount D,done_day,grade_rank,grade,has_score,actual_text T,"
     "note T,line",
     "indicator"},
    {"indc_spent", "project,spent D", "project"},
    {"indc_field_value", "project,field,amount D", "project, field"},
    {"indc_run", "as_of", NULL},
};
enum { T_UNIT, T_SCALE, T_MEMBER, T_POLICY, T_PROJECT, T_INDICATOR, T_FIELD, T_ACTUAL, T_SPENT,
       T_FIELD_VALUE, T_RUN };

/* The column names of table t without the type marks, into buf. */
static const char *col_names(int t, char *buf, size_t cap) {
  size_t o = 0;
  for (const char *c = tables[t].cols; *c && o + 2 < cap; c++) {
    if (*c == ' ') {
      while (c[1] && c[1] != ',') c++;
      continue;
    }
    buf[o++] = *c;
    if (*c == ',') buf[o++] = ' ';
  }
  buf[o] = '\0';
  return buf;
}

int sql_schema(const RtProgram *p, SqlDialect d, SqlText *out) {
  (void)p;
  const Dia *D = &dias[d];
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
    tx_printf(out, "CREATE TABLE %s (", tables[t].table);
    const char *c = tables[t].cols;
    while (*c) {
      const char *e = strchr(c, ',');
      size_t n = e ? (size_t)(e - c) : strlen(c);
      const char *type = "INTEGER";
      size_t name = n;
      if (n > 2 && c[n - 2] == ' ') {
        type = c[n - 1] == 'D' ? D->dec : D->text;
        name = n - 2;
      }
      tx_printf(out, "%.*s %s, ", (int)name, c, type);
      c += n + (e ? 1 : 0);
    }
    out->len -= 2;
    if (tables[t].key) tx_printf(out, ", PRIMARY KEY (%s)", tables[t].key);
    tx_puts(out, ");\n");
  }
  return out->ok ? 0 : -1;
}

/* ---- rows ---------------------------------------------------------------------------- */

typedef struct Rows {
  const Dia *d;
  SqlRows mode;
  SqlText *out;
  SqlCopySink sink; /* INSERT mode: whole statements past 1 MiB, when set */
  void *ud;
  SqlText copy;
  int table;
  size_t n;   /* rows in the current INSERT statement */
  int nval;   /* values in the current row */
  int failed;
} Rows;

static void rows_flush_copy(Rows *r, int final) {
  if (r->copy.len && r->sink(r->ud, tables[r->table].table, r->copy.s, r->copy.len) != 0)
    r->failed = 1;
  r->copy.len = 0;
  if (final && r->sink(r->ud, tables[r->table].table, NULL, 0) != 0) r->failed = 1;
}

/* INSERT mode: hand whole statements to the sink once out holds min bytes. */
static void rows_flush_insert(Rows *r, size_t min) {
  if (!r->sink || !r->out->ok || r->out->len < min || r->out->len == 0) return;
  if (r->sink(r->ud, tables[r->table].table, r->out->s, r->out->len) != 0) r->failed = 1;
  r->out->len = 0;
}

static void rows_table(Rows *r, int t) {
  r->table = t;
  r->n = 0;
}

static void rows_begin(Rows *r) {
  r->nval = 0;
  if (r->mode == SQL_ROWS_COPY) return;
  if (r->n == 0) {
    char names[512];
    tx_printf(r->out, "INSERT INTO %s (%s) VALUES\n(", tables[r->table].table,
              col_names(r->table, names, sizeof names));
  } else {
    tx_puts(r->out, ",\n(");
  }
}

static void rows_sep(Rows *r) {
  if (r->nval++) tx_puts(r->mode == SQL_ROWS_COPY ? &r->copy : r->out, r->mode == SQL_ROWS_COPY ? "\t" : ", ");
}

static void v_null(Rows *r) {
  rows_sep(r);
  tx_puts(r->mode == SQL_ROWS_COPY ? &r->copy : r->out, r->mode == SQL_ROWS_COPY ? "\\N" : "NULL");
}

static void v_int(Rows *r, long long v) {
  rows_sep(r);
  tx_printf(r->mode == SQL_ROWS_COPY ? &r->copy : r->out, "%lld", v);
}

static void v_dec(Rows *r, Dec v) {
  char buf[32];
  rows_sep(r);
  if (r->d->id == SQL_SQLITE) snprintf(buf, sizeof buf, "%lld", (long long)v);
  else dec_format(v, 9, buf, sizeof buf);
  tx_puts(r->mode == SQL_ROWS_COPY ? &r->copy : r->out, buf);
}

/* A bidirectional control character of a text value (c[0..n), code point
 * cp: backend_bidi_len), which written raw would reorder how the file
 * reads in an editor ("Trojan Source"): in an INSERT literal a
 * concatenation with the character made from its code point, char() in
 * SQLite and a U& literal elsewhere; in COPY data its bytes as \x
 * escapes.  The value stored is the same. */
static void v_bidi(Rows *r, SqlText *t, const unsigned char *c, size_t n, unsigned cp) {
  if (r->mode != SQL_ROWS_INSERT) {
    for (size_t k = 0; k < n; k++) tx_printf(t, "\\x%02X", c[k]);
    return;
  }
  if (r->d->id == SQL_SQLITE) tx_printf(t, "' || char(%u) || '", cp);
  else tx_printf(t, "' || U&'\\%04X' || '", cp); /* standard SQL's Unicode literal */
}

static void v_text(Rows *r, const char *s) {
  if (!s) {
    v_null(r);
    return;
  }
  rows_sep(r);
  SqlText *t = r->mode == SQL_ROWS_COPY ? &r->copy : r->out;
  if (r->mode == SQL_ROWS_INSERT) tx_puts(t, "'");
  for (const char *c = s; *c; c++) {
    unsigned cp;
    size_t bidi = backend_bidi_len((const unsigned char *)c, strnlen(c, 4), &cp);
    if (bidi) { /* [SQL-TEXT] never raw: the same character, escaped */
      v_bidi(r, t, (const unsigned char *)c, bidi, cp);
      c += bidi - 1;
      continue;
    }
    const char *esc = NULL;
    if (r->mode == SQL_ROWS_INSERT) esc = *c == '\'' ? "''" : NULL;
    else esc = *c == '\\' ? "\\\\" : *c == '\t' ? "\\t" : *c == '\n' ? "\\n" : *c == '\r' ? "\\r" : NULL;
    if (esc) tx_puts(t, esc);
    else tx_put(t, c, 1);
  }
  if (r->mode == SQL_ROWS_INSERT) tx_puts(t, "'");
}

static void rows_end(Rows *r) {
  if (r->mode == SQL_ROWS_COPY) {
    tx_puts(&r->copy, "\n");
    if (r->copy.len > (1u << 20)) rows_flush_copy(r, 0);
    return;
  }
  tx_puts(r->out, ")");
  if (++r->n == SQL_INSERT_BATCH) {
    tx_puts(r->out, ";\n");
    r->n = 0;
    rows_flush_insert(r, 1u << 20);
  }
}

static void rows_done(Rows *r) {
  if (r->mode == SQL_ROWS_COPY) {
    rows_flush_copy(r, 1);
  } else if (r->n) {
    tx_puts(r->out, ";\n");
    rows_flush_insert(r, 1u << 20);
  }
  r->n = 0;
}

static int rows_finish(Rows *r) {
  int bad;
  if (r->mode == SQL_ROWS_COPY) {
    bad = r->failed || (r->copy.s && !r->copy.ok);
  } else {
    rows_flush_insert(r, 1);
    bad = r->failed || !r->out->ok;
  }
  sql_text_free(&r->copy);
  return bad ? -1 : 0;
}

static int cat_slot(int level1) {
  return level1 == RT_CAT_OUTPUT ? 0 : level1 == RT_CAT_BENEFIT ? 1
       : level1 == RT_CAT_SATISFACTION ? 2 : 3;
}

/* Constant i of an indicator's canonical code (docs/bytecode.md). */
static Dec code_const(const RtProgram *p, const RtIndicator *in, uint32_t i) {
  return i < in->ncode && BC_OP(p->code[in->code + i]) == BC_KONST
             ? p->consts[BC_A(p->code[in->code + i])] : 0;
}

static void row_policy(Rows *r, uint32_t i, const RtPolicy *pol) {
  rows_begin(r);
  v_int(r, i);
  const Dec v[] = {pol->w_output, pol->w_benefit, pol->w_satisfaction, pol->w_rate};
  for (int k = 0; k < 4; k++) v_dec(r, v[k]);
  v_int(r, pol->reverse);
  const RtBand *b[] = {&pol->met, &pol->partial, &pol->unmet};
  for (int k = 0; k < 3; k++) v_dec(r, b[k]->lo), v_dec(r, b[k]->hi), v_dec(r, b[k]->dflt);
  const Dec t[] = {pol->grade_excellent, pol->grade_good, pol->grade_fair, pol->overshoot,
                   pol->low_rate, pol->lag};
  for (int k = 0; k < 6; k++) v_dec(r, t[k]);
  rows_end(r);
}

static void row_indicator(Rows *r, const RtProgram *p, uint32_t j, uint32_t i, int32_t expr) {
  const RtProject *pr = &p->projects[j];
  const RtIndicator *in = &p->indicators[i];
  const RtTarget *t = &in->target;
  int y = t->kind == RT_TGT_PERIOD && t->year ? t->year : pr->year;
  int32_t due = t->kind == RT_TGT_DEADLINE ? t->date : rt_days_from_civil(y, 12, 31);
  Dec k1 = code_const(p, in, 1);
  rows_begin(r);
  v_int(r, i), v_int(r, j), v_text(r, in->id), v_text(r, in->name), v_text(r, in->key);
  v_int(r, in->line), v_int(r, in->level1), v_int(r, in->level2), v_int(r, cat_slot(in->level1));
  v_int(r, t->kind), v_int(r, t->cmp);
  if (t->unit >= 0) v_int(r, t->unit);
  else v_null(r);
  v_text(r, t->text);
  v_dec(r, code_const(p, in, 0));
  v_dec(r, t->kind == RT_TGT_QUANT ? k1 : t->value);
  v_int(r, t->kind == RT_TGT_DEADLINE ? (int32_t)(k1 / DEC_ONE) : t->date);
  v_int(r, t->kind == RT_TGT_DEADLINE ? (int32_t)(code_const(p, in, 2) / DEC_ONE) : 0);
  v_int(r, t->kind == RT_TGT_GRADE ? (int32_t)(k1 / DEC_ONE) : t->rank);
  v_int(r, t->year), v_int(r, due), v_int(r, in->derived);
  if (expr >= 0) v_int(r, expr);
  else v_null(r);
  v_int(r, in->ncode <= SQL_STEP_LIMIT);
  rows_end(r);
}

int sql_program_rows(const RtProgram *p, SqlDialect d, SqlRows mode, SqlText *out,
                     SqlCopySink sink, void *ud) {
  Rows r = {&dias[d], mode, out, sink, ud, {0}, 0, 0, 0, 0};
  Exprs x;
  if (exprs_find(p, &x) != 0) return -1;
  rows_table(&r, T_UNIT);
  for (uint32_t i = 0; i < p->nunits; i++) {
    rows_begin(&r);
    v_int(&r, i), v_text(&r, p->units[i].name), v_int(&r, p->units[i].dim);
    v_dec(&r, p->units[i].factor);
    rows_end(&r);
  }
  rows_done(&r);
  rows_table(&r, T_SCALE);
  for (uint32_t i = 0; i < p->nscales; i++)
    rows_begin(&r), v_int(&r, i), v_text(&r, p->scales[i].name), rows_end(&r);
  rows_done(&r);
  rows_table(&r, T_MEMBER);
  for (uint32_t i = 0; i < p->nscales; i++)
    for (uint32_t m = 0; m < p->scales[i].nmembers; m++)
      rows_begin(&r), v_int(&r, i), v_int(&r, m + 1), v_text(&r, p->scales[i].members[m]),
          rows_end(&r);
  rows_done(&r);
  rows_table(&r, T_POLICY);
  for (uint32_t i = 0; i < p->npolicies; i++) row_policy(&r, i, &p->policies[i]);
  rows_done(&r);
  rows_table(&r, T_PROJECT);
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pr = &p->projects[j];
    int32_t jan1 = rt_days_from_civil(pr->year, 1, 1);
    rows_begin(&r);
    v_int(&r, j), v_text(&r, pr->name), v_text(&r, pr->key), v_text(&r, pr->file);
    v_int(&r, pr->line), v_int(&r, pr->year), v_int(&r, pr->currency), v_dec(&r, pr->budget);
    v_int(&r, pr->policy), v_int(&r, pr->first), v_int(&r, pr->nind), v_int(&r, jan1);
    v_int(&r, rt_days_from_civil(pr->year + 1, 1, 1) - jan1);
    rows_end(&r);
  }
  rows_done(&r);
  rows_table(&r, T_INDICATOR);
  for (uint32_t j = 0; j < p->nprojects; j++)
    for (uint32_t i = p->projects[j].first; i < p->projects[j].first + p->projects[j].nind; i++)
      row_indicator(&r, p, j, i, x.of[i]);
  rows_done(&r);
  rows_table(&r, T_FIELD);
  for (uint32_t f = 0; f < p->nfields; f++)
    rows_begin(&r), v_int(&r, f), v_text(&r, p->fields[f]), rows_end(&r);
  rows_done(&r);
  exprs_free(&x);
  return rows_finish(&r);
}

static void row_actual(Rows *r, uint32_t j, uint32_t i, const RtActual *x) {
  rows_begin(r);
  v_int(r, i), v_int(r, j), v_int(r, x->kind);
  if (x->kind == RT_ACT_NUMBER || x->kind == RT_ACT_GRADE) v_dec(r, x->value);
  else v_null(r);
  if (x->kind == RT_ACT_DATE) v_int(r, x->date);
  else v_null(r);
  if (x->kind == RT_ACT_RANK) v_int(r, x->rank);
  else v_null(r);
  if (x->kind == RT_ACT_GRADE) v_int(r, x->grade), v_int(r, x->has_score);
  else v_null(r), v_null(r);
  v_text(r, x->text), v_text(r, x->note), v_int(r, x->line);
  rows_end(r);
}

int sql_actual_rows(const RtProgram *p, const RtActuals *a, int32_t as_of, SqlDialect d,
                    SqlRows mode, SqlText *out, SqlCopySink sink, void *ud) {
  Rows r = {&dias[d], mode, out, sink, ud, {0}, 0, 0, 0, 0};
  rows_table(&r, T_ACTUAL);
  for (uint32_t j = 0; j < p->nprojects; j++)
    for (uint32_t i = p->projects[j].first; i < p->projects[j].first + p->projects[j].nind; i++)
      if (a->ind[i].kind != RT_ACT_MISSING) row_actual(&r, j, i, &a->ind[i]);
  rows_done(&r);
  rows_table(&r, T_SPENT);
  for (uint32_t j = 0; j < p->nprojects; j++)
    if (a->has_spent[j]) rows_begin(&r), v_int(&r, j), v_dec(&r, a->spent[j]), rows_end(&r);
  rows_done(&r);
  rows_table(&r, T_FIELD_VALUE);
  for (uint32_t j = 0; j < p->nprojects && p->nfields; j++)
    for (uint32_t f = 0; f < p->nfields; f++)
      if (a->field_set[(size_t)j * p->nfields + f])
        rows_begin(&r), v_int(&r, j), v_int(&r, f),
            v_dec(&r, a->fields[(size_t)j * p->nfields + f]), rows_end(&r);
  rows_done(&r);
  rows_table(&r, T_RUN);
  rows_begin(&r);
  if (as_of == INT32_MIN) v_null(&r);
  else v_int(&r, as_of);
  rows_end(&r);
  rows_done(&r);
  return rows_finish(&r);
}

/* ---- the emitter ------------------------------------------------------------------- */

static const char *dialect_name(SqlDialect d) {
  return d == SQL_SQLITE ? "sqlite" : d == SQL_POSTGRES ? "postgres" : "ansi";
}

typedef struct EmitSink {
  EmitWrite w;
  void *ud;
} EmitSink;

static int emit_sink(void *ud, const char *table, const char *data, size_t len) {
  EmitSink *es = ud;
  (void)table;
  return data ? es->w(es->ud, data, len) : 0;
}

int emit_sql(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
             size_t errcap) {
  SqlDialect d;
  if (sql_dialect(o ? o->dialect : NULL, &d) != 0) {
    snprintf(err, errcap, "unknown --dialect '%s' (sqlite, postgres or ansi)", o->dialect);
    return -1;
  }
  SqlText t = {0};
  tx_printf(&t,
            "-- Generated by indc %s (--emit=sql --dialect %s): %u projects, %u indicators.\n"
            "-- Tables indc_unit .. indc_field hold the program; load the normalised actuals\n"
            "-- into indc_actual, indc_spent, indc_field_value (and an as-of day into indc_run\n"
            "-- for mid-year monitoring), then SELECT from indc_indicator_score and\n"
            "-- indc_project_score.  %s  See docs/sql.md.\n\n",
            INDC_VERSION, dialect_name(d), p->nprojects, p->nindicators,
            d == SQL_SQLITE ? "Amounts are INTEGER counts of 10^-9 units."
                            : "Amounts are exact decimals with 9 places.");
  int rc = sql_schema(p, d, &t);
  tx_puts(&t, "\n");
  EmitSink es = {w, ud};
  if (rc == 0) rc = sql_program_rows(p, d, SQL_ROWS_INSERT, &t, emit_sink, &es);
  tx_puts(&t, "\n");
  if (rc == 0) rc = sql_views(p, d, &t, err, errcap);
  if (rc == 0 && !t.ok) rc = -1;
  if (rc == 0 && w(ud, t.s, t.len) != 0) {
    snprintf(err, errcap, "write error");
    rc = -1;
  } else if (rc != 0 && !err[0]) {
    snprintf(err, errcap, "out of memory");
  }
  sql_text_free(&t);
  return rc;
}
