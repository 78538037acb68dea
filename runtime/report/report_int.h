/*
 * report_int.h - what the writers share (report_common.c): the output
 * sink, a bounded string builder, number and date formatting, the words
 * of both languages, and one view each of a project and an indicator, so
 * that every format prints the same texts.
 */
#ifndef INDRT_REPORT_INT_H
#define INDRT_REPORT_INT_H

#include <string.h>

#include "report.h"

enum {
  REP_NUM = 48,     /* a formatted number, percentage or money amount */
  REP_DATE = 24,    /* "YYYY-MM-DD" with room for any int32 day number */
  REP_EXPL = 1024,  /* an explanation (longer ones are cut) */
  REP_TEXT = 256    /* a short composed text: an actual, a flags list */
};

/* The output: writes are gathered in buf and go to the callback in
 * pieces of up to its size (a call for each field was a tenth of writing
 * a large report), until the callback's first error.  Writers end with
 * rep_out_end, which hands over the rest. */
enum { REP_OUT_BUF = 8192 };
typedef struct RepOut {
  RepWrite w;
  void *ud;
  int err;  /* the callback's first nonzero return */
  size_t n; /* bytes waiting in buf */
  char buf[REP_OUT_BUF];
} RepOut;

void rep_out_init(RepOut *o, RepWrite w, void *ud);
int rep_out_end(RepOut *o); /* writes what waits; returns err */
void rep_put_full(RepOut *o, const char *s, size_t n); /* rep_put when buf is full */

/* Inline, as it is called for every piece of every line.  After an error
 * the bytes still gather in buf but are never written. */
static inline void rep_put(RepOut *o, const char *s, size_t n) {
  if (n <= sizeof o->buf - o->n) {
    memcpy(o->buf + o->n, s, n);
    o->n += n;
  } else {
    rep_put_full(o, s, n);
  }
}
/* Inline, so that the length of a literal is known when compiling. */
static inline void rep_puts(RepOut *o, const char *s) { rep_put(o, s, strlen(s)); }
void rep_spaces(RepOut *o, size_t n);

/* What of the report o asks for ([REP-PARTS]): the projects [*from, *to),
 * whether the head and whether the tail is written. */
typedef struct RepPart {
  uint32_t from, to;
  int head, tail;
} RepPart;
void rep_part(const RtResult *r, const RepOptions *o, RepPart *part);

/* A NUL-terminated string built in a caller's buffer; text past the end
 * is dropped, cut back to a character boundary. */
typedef struct RepBuf {
  char *p;
  size_t cap, len;
} RepBuf;

void rep_buf_init(RepBuf *b, char *p, size_t cap);
void rep_catn_full(RepBuf *b, const char *s, size_t n); /* rep_catn when s does not fit */

/* Inline, as the explanations are built of many small pieces, most of
 * them literals whose length is then known when compiling. */
static inline void rep_catn(RepBuf *b, const char *s, size_t n) {
  if (b->len < b->cap && n < b->cap - b->len) { /* room for s and the NUL */
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
  } else {
    rep_catn_full(b, s, n);
  }
}
static inline void rep_cat(RepBuf *b, const char *s) { rep_catn(b, s, strlen(s)); }

/* Decode one UTF-8 character of s[0..len) (len > 0): returns the bytes
 * taken (at least 1) and sets *cp, or -1 for an invalid byte.  ASCII and
 * Chinese text (rep_utf8_3) are decoded inline (rep_next), the rest here. */
size_t rep_next_mb(const char *s, size_t len, int32_t *cp);

/* 1 when u starts with a three-byte character of U+1000..U+CFFF or
 * U+E000..U+FFFF (Chinese text), which is valid whatever its bytes.  u[1]
 * is read only after a lead byte and u[2] only after a continuation byte:
 * a NUL-terminated u needs no length; otherwise 3 bytes must be there. */
static inline int rep_utf8_3(const unsigned char *u) {
  return u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
         (u[2] & 0xC0) == 0x80;
}
static inline size_t rep_next(const char *s, size_t len, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  if (len >= 3 && rep_utf8_3(u)) { /* Chinese text, the most common after ASCII, inline */
    *cp = (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
    return 3;
  }
  return rep_next_mb(s, len, cp);
}

/* Formatting (no allocation, no floating point). */
/* rep_width, and *clean (when not NULL): 1 when s holds no control
 * character and no invalid byte, which the table writer would replace. */
size_t rep_width_clean(const char *s, size_t len, int *clean);

void rep_fmt_dec(Dec v, int digits, char buf[REP_NUM]);  /* dec_format */
void rep_fmt_money(Dec v, char buf[REP_NUM]);   /* own precision, at least 2 decimals */
void rep_fmt_pct(Dec frac, int digits, char buf[REP_NUM]); /* 0.8 -> "80.00" (no %) */
void rep_fmt_date(int32_t day, char buf[REP_DATE]);       /* "2023-12-31" */
void rep_fmt_int(long long v, char buf[REP_NUM]);         /* "-15" */
/* "12 场", "95%", "3" (no unit): a value and its unit name (may be NULL). */
void rep_cat_qty(RepBuf *b, Dec v, const char *unit);

/* Words of both languages; en selects English. */
const char *rep_status_word(int status, int en);   /* 达成 / met */
const char *rep_grade_word(int grade, int en);     /* 优 / excellent */
const char *rep_grade_key(int grade);              /* "excellent" */
const char *rep_flag_word(int flag, int en);       /* one RT_FLAG_* bit */
const char *rep_flag_key(int flag);                /* "not_met" */
/* Every flag word of a flag set, in bit order, joined by sep. */
void rep_flags_text(int flags, int en, const char *sep, char *buf, size_t cap);

/* RT_FLAG_* bits in the order every format lists them. */
#define REP_NFLAGS 5
extern const int rep_flag_bits[REP_NFLAGS];

/* One project, ready to print. */
typedef struct RepProj {
  const RtProject *p;
  const RtProjResult *res;
  const char *name, *currency;
  uint32_t first, end;   /* its indicators: [first, end) */
  int has_spent, has_rate, midyear;
  int rate_status;       /* RT_ST_* of the 预算执行率 row */
  uint32_t count[RT_ST_PENDING + 1]; /* indicators per status */
  char planned[REP_NUM], spent[REP_NUM];   /* money; spent "" when unknown */
  char rate[REP_NUM];                      /* "94.29" (percent) or "" */
  char elapsed[REP_NUM], as_of[REP_DATE];  /* mid-year, else "" */
  char rate_points[REP_NUM], rate_score[REP_NUM], total[REP_NUM];
} RepProj;

void rep_proj(const RtResult *r, uint32_t proj, RepProj *x);
/* The explanation of the 预算执行率 row. */
void rep_rate_explain(const RepProj *x, int en, char *buf, size_t cap);

/* The unit name of a quantitative target, or NULL. */
const char *rep_unit(const RtProgram *prog, const RtTarget *t);
/* The name of a rank on a grade target's scale, or NULL. */
const char *rep_rank(const RtProgram *prog, const RtTarget *t, int32_t rank);
/* B of a scored derived quantitative indicator, which has no RtActual
 * value: A + gap.  1 when there is one. */
int rep_derived_b(const RtIndicator *in, const RtIndResult *res, Dec *b);
/* The completion ratio B/A of a scored quantitative indicator, as a
 * fraction (0.8 for 80%): 1 when there is one to show (A != 0, B/A >= 0). */
int rep_ratio(const RtIndicator *in, const RtIndResult *res, Dec *ratio);

/* One indicator, ready to print. */
typedef struct RepInd {
  const RtIndicator *in;
  const RtIndResult *res;
  const char *id;        /* NULL when none */
  const char *name, *target;
  const char *actual;    /* "" when none */
  int has_actual;
  int has_score;         /* 0 for na and pending: no score is shown */
  char abuf[REP_TEXT];   /* storage of a composed actual */
  char weight[REP_NUM], score[REP_NUM];
  char ratio[REP_NUM];   /* the completion ratio as the explanation shows it, or "" */
  char expl[REP_EXPL];
  const char *note;      /* the data's note (备注) on the indicator, "" when none */
} RepInd;

void rep_ind(const RtResult *r, uint32_t ind, int en, RepInd *x);

/* The data's note (备注) on indicator ind, "" when none. */
const char *rep_note(const RtResult *r, uint32_t ind);

/* rep_explain, which also copies the completion ratio it shows (the text of
 * rep_fmt_pct(ratio, 2)) to ratio; ratio is left as it was when the
 * explanation shows none, and may be NULL. */
void rep_explain_ratio(const RtResult *r, uint32_t ind, int english, char *buf, size_t cap,
                       char ratio[REP_NUM]);

/* Ask for the texts of indicator ind (name, target, actual) a few rows
 * before they are printed: they lie all over the program's and the data's
 * arenas, and waiting for each was most of the time spent writing a large
 * report's rows.  No effect on the output; ind may be past the end. */
enum { REP_PREFETCH = 4 };
void rep_prefetch_ind(const RtResult *r, uint32_t ind);

/* The name of a level-2 category without its 指标 suffix: 数量, quantity. */
void rep_level2_short(int cat, int en, const char **s, size_t *len);

/* Title of a report: 绩效自评结果, or mid-year 绩效运行监控 (截至 …). */
void rep_title(const RtResult *r, int en, char *buf, size_t cap);
/* One-line summary of a project: "指标 8 项: 达成 3, …; 总分 78.95, 等级 中". */
void rep_proj_summary(const RepProj *x, int en, char *buf, size_t cap);

#endif
