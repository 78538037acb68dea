/*
 * c_emit.c - the C generator (c_emit.h, docs/c-abi.md).
 *
 * Output, in order:
 *   1. a comment naming the specs; the ABI (c_abi.h, verbatim) and the
 *      prototypes of the exported functions (the same text as the header)
 *   2. runtime/dec.h and runtime/score/score.h, their prototypes made
 *      static (c_embed.cmake), so the definitions have internal linkage
 *   3. runtime/dec.c, runtime/score/score.c, c_tables.inc and
 *      c_evaluate.inc, verbatim
 *   (every embedded file between "==== BEGIN" and "==== END" lines)
 *   4. the tables: units, scales, policies and fields as C structs; the
 *      projects, indicators, forms and score records encoded (ctab.h,
 *      c_tables.inc) as rows of string literals, each record on a line of
 *      its own with a comment naming it (the score records: how the
 *      indicator is scored, and its constants)
 *   5. one function per distinct code of a derived actual (ctab.h; every
 *      other indicator is scored by the loop of c_evaluate.inc from its
 *      score record), named after the first indicator with that code, its
 *      comment listing a few others
 *   6. the code table (the function of each score record's code) and the
 *      exported functions
 *
 * Why encoded tables: gcc 12 spends several microseconds and over 100
 * bytes on each element of a brace-enclosed initializer (4,000,000
 * integers: 42 s), and a shared object needs a relocation for each
 * pointer, so 2,000,000 indicators as structs would take many minutes;
 * the same bytes as string literals take seconds (16 MB: 2 s).
 *
 * Translating code.  An indicator's code is a short forward-only stack
 * program (docs/bytecode.md) that the verifier has checked.  The
 * translator walks it with a symbolic stack.  Each position K holds
 * either a C expression that reads no local but its own `sK` (constants,
 * the actual, raw fields, and pure operations on those), or a value
 * already stored in `sK`.  Everything that can fail (FIELD, ADD, SUB,
 * MUL, DIV) becomes a statement in code order, so the first failure
 * decides the outcome as in the VM.  The JZ...JMP... shape of `如果`
 * becomes if/else; code that does not nest (possible only in a hand-made
 * .indb) falls back to labels and goto, with every value stored at each
 * jump and label.
 */
#include "c_emit.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bc_format.h"
#include "c_abi.h"
#include "ctab.h"
#include "dec.h"

#define CE_LAYOUT_ONLY
#include "c_tables.inc"

_Static_assert(BC_MAX_STACK <= 64, "the translator keeps a 64-bit mask of used slots");

/* ---- text buffer ------------------------------------------------------- */

void ce_buf_free(CeBuf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static int buf_reserve(CeBuf *b, size_t more) {
  if (b->failed) return -1;
  if (b->len + more + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1) cap *= 2;
  char *d = realloc(b->data, cap);
  if (!d) {
    b->failed = 1;
    return -1;
  }
  b->data = d;
  b->cap = cap;
  return 0;
}

static void bputn(CeBuf *b, const char *s, size_t n) {
  if (buf_reserve(b, n) != 0) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void bputs(CeBuf *b, const char *s) { bputn(b, s, strlen(s)); }

static void bputc(CeBuf *b, char c) { bputn(b, &c, 1); }

__attribute__((format(printf, 2, 3))) static void bprintf(CeBuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    bputn(b, small, (size_t)n);
    return;
  }
  if (buf_reserve(b, (size_t)n) != 0) return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

static void put_lines(CeBuf *b, const char *const *lines) {
  for (; *lines; lines++) bputs(b, *lines);
}

/* ---- C literals and comments ------------------------------------------ */

/* s as a C string literal ("NULL" for NULL).  UTF-8 stays as it is, but
 * for the bytes of a bidirectional control (octal escapes); "??" is
 * written "?\?" so that no trigraph can form under -std=c11. */
static void put_cstr(CeBuf *b, const char *s) {
  if (!s) {
    bputs(b, "NULL");
    return;
  }
  bputc(b, '"');
  for (size_t bidi = 0; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (!bidi) bidi = backend_bidi_len((const unsigned char *)s, strnlen(s, 4), NULL);
    if (bidi) {
      bprintf(b, "\\%03o", c);
      bidi--;
    } else if (c == '"' || c == '\\') {
      bputc(b, '\\');
      bputc(b, (char)c);
    } else if (c == '?' && s[1] == '?') {
      bputs(b, "?\\");
    } else if (c < 0x20 || c == 0x7f) {
      bprintf(b, "\\%03o", c);
    } else {
      bputc(b, (char)c);
    }
  }
  bputc(b, '"');
}

/* s inside a block comment: "*" "/" and "/" "*" are broken up, as is "??",
 * control characters become spaces and a bidirectional control its code
 * point (<U+202E>). */
static void put_comment(CeBuf *b, const char *s) {
  if (!s) return;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    unsigned cp;
    size_t bidi = backend_bidi_len((const unsigned char *)s, strnlen(s, 4), &cp);
    if (bidi) { /* its code point, as text */
      bprintf(b, "<U+%04X>", cp);
      s += bidi - 1;
    } else if ((c == '*' && s[1] == '/') || (c == '/' && s[1] == '*') || (c == '?' && s[1] == '?')) {
      bputc(b, (char)c);
      bputc(b, '\\');
    } else {
      bputc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
  }
}

/* A Dec as a C expression: DEC_INT(15), or INT64_C(950000000)/ *0.95* /. */
static void dec_text(Dec v, char *buf, size_t cap) {
  if (v % DEC_ONE == 0) {
    snprintf(buf, cap, "DEC_INT(%" PRId64 ")", v / DEC_ONE);
  } else {
    char t[32];
    dec_format(v, -1, t, sizeof t);
    snprintf(buf, cap, "INT64_C(%" PRId64 ")/*%s*/", v, t);
  }
}

static void put_dec(CeBuf *b, Dec v) {
  char t[80];
  dec_text(v, t, sizeof t);
  bputs(b, t);
}

static void put_date(CeBuf *b, int32_t day) {
  int y, m, d;
  rt_civil_from_days(day, &y, &m, &d);
  bprintf(b, "%04d-%02d-%02d", y, m, d);
}

static const char *const cmp_enum[] = {"GE", "LE", "GT", "LT", "EQ"};
static const char *const cmp_sym[] = {">=", "<=", ">", "<", "="};

static const char *enum_name(const char *const *names, size_t n, unsigned v) {
  return v < n ? names[v] : "?";
}
#define ENUM_NAME(names, v) enum_name(names, sizeof names / sizeof names[0], v)

/* The identifier of indicator `local` of project j: p0003_i0012, with its
 * id appended when it has one that makes an ASCII identifier (p0000_i0001_gd1). */
static void ind_ident(uint32_t j, uint32_t local, const char *id, char *buf, size_t cap) {
  size_t n = (size_t)snprintf(buf, cap, "p%04" PRIu32 "_i%04" PRIu32, j, local);
  if (!id || n + 2 >= cap) return;
  size_t start = n;
  buf[n++] = '_';
  for (const char *s = id; *s && n + 1 < cap && n - start < 32; s++) {
    char c = *s;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ok) buf[n++] = c;
    else if (buf[n - 1] != '_') buf[n++] = '_';
  }
  while (n > start + 1 && buf[n - 1] == '_') n--;
  buf[n == start + 1 ? start : n] = '\0';
}

/* ---- translating one indicator's code ---------------------------------- */

/* TR_TEXT: longest expression kept unstored; TR_OPND: one operand's text
 * (with parentheses or "!= 0" added); TR_EXPR: an operation's text. */
enum { TR_TEXT = 200, TR_OPND = TR_TEXT + 64, TR_EXPR = 4 * TR_OPND + 64, TR_MAX_DEPTH = 256 };

typedef struct TrVal {
  uint8_t in_slot;  /* the value is in sK; text is unused */
  uint8_t is_bool;  /* text is a C truth value (int), not a Dec */
  uint8_t atomic;   /* text needs no parentheses as an operand */
  uint8_t own_slot; /* text reads sK, K its own position */
  char text[TR_TEXT];
  char itext[64];   /* the value / DEC_ONE as an int32_t, when known */
} TrVal;

typedef struct Tr {
  const RtProgram *p;
  const uint32_t *code;
  uint32_t n;
  int32_t *height;     /* stack height before each word */
  uint8_t *target;     /* 1 at the target of a jump */
  TrVal st[BC_MAX_STACK];
  int sp;
  uint64_t used;       /* bit K: sK is assigned */
  uint32_t known[64];  /* raw fields already checked on every path here */
  int nknown;
  int uses_x, indent, dead;
  CeBuf *out;
} Tr;

static void tr_line(Tr *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tr_line(Tr *t, const char *fmt, ...) {
  char line[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  for (int i = 0; i < t->indent; i++) bputs(t->out, "  ");
  bputs(t->out, line);
  bputc(t->out, '\n');
}

/* Stack heights before each word, and the jump targets.  The code is
 * verified, so every reachable word has one height. */
static void tr_heights(Tr *t) {
  int32_t h = 0;
  for (uint32_t pc = 0; pc < t->n; pc++) {
    if (pc > 0 && BC_OP(t->code[pc - 1]) == BC_JMP) h = t->height[pc]; /* set by a jump */
    t->height[pc] = h;
    uint32_t op = BC_OP(t->code[pc]), to = pc + 1 + BC_A(t->code[pc]);
    if (op >= BC__NOPS) break;
    h += (int32_t)bc_ops[op].pushes - (int32_t)bc_ops[op].pops;
    if ((op == BC_JZ || op == BC_JMP) && to < t->n) {
      t->height[to] = h;
      t->target[to] = 1;
    }
  }
}

static void tr_push(Tr *t, const char *text, int is_bool, int atomic, int own_slot,
                    const char *itext) {
  TrVal *v = &t->st[t->sp++];
  v->in_slot = 0;
  v->is_bool = (uint8_t)is_bool;
  v->atomic = (uint8_t)atomic;
  v->own_slot = (uint8_t)own_slot;
  snprintf(v->text, sizeof v->text, "%s", text);
  snprintf(v->itext, sizeof v->itext, "%s", itext ? itext : "");
  if (strstr(text, "x->")) t->uses_x = 1;
}

static void tr_push_slot(Tr *t) {
  TrVal *v = &t->st[t->sp];
  v->in_slot = 1;
  v->text[0] = v->itext[0] = '\0';
  t->used |= (uint64_t)1 << t->sp;
  t->sp++;
}

/* Does position k's value read a local?  (A value in its slot does.) */
static int tr_reads_slot(const Tr *t, int k) { return t->st[k].in_slot || t->st[k].own_slot; }

/* Position k as a Dec operand that needs no parentheses. */
static void tr_dec(const Tr *t, int k, char *buf, size_t cap) {
  const TrVal *v = &t->st[k];
  if (v->in_slot) snprintf(buf, cap, "s%d", k);
  else if (v->is_bool) snprintf(buf, cap, "(%s ? DEC_ONE : 0)", v->text);
  else if (v->atomic) snprintf(buf, cap, "%s", v->text);
  else snprintf(buf, cap, "(%s)", v->text);
}

/* Position k as a condition (for if, &&, ||), without outer parentheses. */
static void tr_cond(const Tr *t, int k, char *buf, size_t cap) {
  const TrVal *v = &t->st[k];
  char d[TR_OPND];
  if (!v->in_slot && v->is_bool) {
    snprintf(buf, cap, "%s", v->text);
    return;
  }
  tr_dec(t, k, d, sizeof d);
  snprintf(buf, cap, "%s != 0", d);
}

/* Position k as an int32_t (a day number or a rank), as the VM's
 * (int32_t)(v / DEC_ONE). */
static void tr_int(const Tr *t, int k, int is_date, char *buf, size_t cap) {
  const TrVal *v = &t->st[k];
  char d[TR_OPND];
  if (!v->in_slot && v->itext[0]) {
    int y, m, dd;
    if (!is_date || v->itext[0] < '0' || v->itext[0] > '9') {
      snprintf(buf, cap, "%s", v->itext);
      return;
    }
    rt_civil_from_days((int32_t)strtol(v->itext, NULL, 10), &y, &m, &dd);
    snprintf(buf, cap, "%s /* %04d-%02d-%02d */", v->itext, y, m, dd);
    return;
  }
  tr_dec(t, k, d, sizeof d);
  snprintf(buf, cap, "(int32_t)(%s / DEC_ONE)", d);
}

/* Store position k's value in sK. */
static void tr_flush(Tr *t, int k) {
  TrVal *v = &t->st[k];
  if (v->in_slot) return;
  if (v->is_bool) tr_line(t, "s%d = %s ? DEC_ONE : 0;", k, v->text);
  else tr_line(t, "s%d = %s;", k, v->text);
  v->in_slot = 1;
  t->used |= (uint64_t)1 << k;
}

static void tr_flush_range(Tr *t, int from, int to) {
  for (int k = from; k < to; k++) tr_flush(t, k);
}

/* Replace the top two values by the pure expression r (reading
 * positions k and k+1); store it at once unless it only reads sK. */
static void tr_pure_result(Tr *t, const char *r, int is_bool, int reads_k, int reads_k1) {
  int k = t->sp - 2;
  t->sp = k;
  if (reads_k1 || strlen(r) >= TR_TEXT) {
    if (is_bool) tr_line(t, "s%d = %s ? DEC_ONE : 0;", k, r);
    else tr_line(t, "s%d = %s;", k, r);
    if (strstr(r, "x->")) t->uses_x = 1;
    tr_push_slot(t);
    return;
  }
  tr_push(t, r, is_bool, 0, reads_k, NULL);
}

static void tr_compare(Tr *t, const char *op) {
  int k = t->sp - 2;
  char a[TR_OPND], b[TR_OPND], r[TR_EXPR];
  tr_dec(t, k, a, sizeof a);
  tr_dec(t, k + 1, b, sizeof b);
  snprintf(r, sizeof r, "%s %s %s", a, op, b);
  tr_pure_result(t, r, 1, tr_reads_slot(t, k), tr_reads_slot(t, k + 1));
}

static void tr_logic(Tr *t, const char *op) {
  int k = t->sp - 2;
  char a[TR_OPND], b[TR_OPND], r[TR_EXPR];
  tr_cond(t, k, a, sizeof a);
  tr_cond(t, k + 1, b, sizeof b);
  snprintf(r, sizeof r, "(%s) %s (%s)", a, op, b);
  tr_pure_result(t, r, 1, tr_reads_slot(t, k), tr_reads_slot(t, k + 1));
}

/* MIN and MAX: the VM keeps the lower value unless the upper one is
 * strictly less (greater).  Compound operands are stored first, so that
 * no text is written twice. */
static void tr_minmax(Tr *t, const char *op) {
  int k = t->sp - 2;
  char a[TR_OPND], b[TR_OPND], r[TR_EXPR];
  if (t->st[k].in_slot || t->st[k + 1].in_slot || !t->st[k].atomic || !t->st[k + 1].atomic) {
    tr_flush(t, k);
    if (!t->st[k + 1].atomic) tr_flush(t, k + 1);
    tr_dec(t, k + 1, b, sizeof b);
    tr_line(t, "if (%s %s s%d) s%d = %s;", b, op, k, k, b);
    t->sp = k;
    tr_push_slot(t);
    return;
  }
  tr_dec(t, k, a, sizeof a);
  tr_dec(t, k + 1, b, sizeof b);
  snprintf(r, sizeof r, "%s %s %s ? %s : %s", b, op, a, b, a);
  tr_pure_result(t, r, 0, 0, 0);
}

static void tr_unary(Tr *t, int is_not) {
  int k = t->sp - 1;
  TrVal *v = &t->st[k];
  char a[TR_OPND], r[TR_OPND + 32];
  int reads = tr_reads_slot(t, k), is_bool = 1;
  if (!is_not) {
    tr_dec(t, k, a, sizeof a);
    snprintf(r, sizeof r, a[0] == '-' ? "-(%s)" : "-%s", a);
    is_bool = 0;
  } else if (!v->in_slot && v->is_bool) {
    snprintf(r, sizeof r, "!(%s)", v->text);
  } else {
    tr_dec(t, k, a, sizeof a);
    snprintf(r, sizeof r, "%s == 0", a);
  }
  t->sp--;
  if (strlen(r) >= TR_TEXT) {
    tr_line(t, is_bool ? "s%d = %s ? DEC_ONE : 0;" : "s%d = %s;", k, r);
    tr_push_slot(t);
  } else {
    tr_push(t, r, is_bool, 0, reads, NULL);
  }
}

/* ADD SUB MUL DIV: a statement that gives up as the VM does. */
static void tr_arith(Tr *t, const char *fn) {
  int k = t->sp - 2;
  char a[TR_OPND], b[TR_OPND];
  tr_dec(t, k, a, sizeof a);
  tr_dec(t, k + 1, b, sizeof b);
  tr_line(t, "if (%s(%s, %s, &s%d) != DEC_OK) return CE_UNDEFINED;", fn, a, b, k);
  t->sp = k;
  tr_push_slot(t);
}

static void tr_konst(Tr *t, Dec v) {
  char text[80], itext[24];
  dec_text(v, text, sizeof text);
  snprintf(itext, sizeof itext, "%" PRId32, (int32_t)(v / DEC_ONE));
  tr_push(t, text, 0, 1, 0, v % DEC_ONE == 0 ? itext : NULL);
}

/* FIELD: the check that stops as missing, unless an earlier check on
 * every path to here has made it redundant. */
static void tr_field(Tr *t, uint32_t f) {
  char text[48];
  int k = 0;
  while (k < t->nknown && t->known[k] != f) k++;
  if (k == t->nknown) {
    CeBuf c = {0};
    put_comment(&c, f < t->p->nfields ? t->p->fields[f] : "?");
    tr_line(t, "if (!x->field_set[%" PRIu32 "]) return CE_MISSING; /* %s */", f,
            c.data ? c.data : "");
    ce_buf_free(&c);
    if (t->nknown < 64) t->known[t->nknown++] = f;
  }
  snprintf(text, sizeof text, "x->field[%" PRIu32 "]", f);
  tr_push(t, text, 0, 1, 0, NULL);
}

/* The score instructions: the VM's operands, in the VM's order. */
static void tr_score(Tr *t, uint32_t op, uint32_t a) {
  char w[TR_OPND], x1[TR_OPND + 32], x2[TR_OPND + 32], x3[TR_OPND + 32];
  int h = t->sp;
  if (op == BC_SQUANT || op == BC_SGRADED) t->uses_x = 1;
  switch (op) {
  case BC_SQUANT:
    tr_dec(t, h - 3, w, sizeof w);
    tr_dec(t, h - 2, x1, sizeof x1);
    tr_dec(t, h - 1, x2, sizeof x2);
    tr_line(t, "o->a = %s;", x1);
    tr_line(t, "o->b = %s;", x2);
    tr_line(t, "o->score = score_quant(INDC_CMP_%s, o->a, o->b, %s, x->reverse);",
            ENUM_NAME(cmp_enum, a), w);
    t->sp -= 3;
    break;
  case BC_SORD:
    tr_dec(t, h - 3, w, sizeof w);
    tr_int(t, h - 2, 0, x1, sizeof x1);
    tr_int(t, h - 1, 0, x2, sizeof x2);
    tr_line(t, "o->score = score_ordinal(%s, %s, %s);", x1, x2, w);
    t->sp -= 3;
    break;
  case BC_SDATE:
    tr_dec(t, h - 4, w, sizeof w);
    tr_int(t, h - 3, 1, x1, sizeof x1);
    tr_int(t, h - 2, 1, x2, sizeof x2);
    tr_int(t, h - 1, 1, x3, sizeof x3);
    tr_line(t, "o->score = score_deadline(%s, %s, %s, %s);", x1, x3, x2, w);
    t->sp -= 4;
    break;
  default: /* BC_SGRADED */
    tr_dec(t, h - 1, w, sizeof w);
    tr_line(t, "o->score = score_graded(x->act->grade, x->act->has_score, x->act->value, "
               "x->grade_share, %s);", w);
    t->sp -= 1;
    break;
  }
}

/* One word other than a jump. */
static void tr_word(Tr *t, uint32_t word) {
  uint32_t op = BC_OP(word), a = BC_A(word);
  switch (op) {
  case BC_NOP: break;
  case BC_KONST: tr_konst(t, a < t->p->nconsts ? t->p->consts[a] : 0); break;
  case BC_ACTUAL: tr_push(t, "x->act->value", 0, 1, 0, NULL); break;
  case BC_ADATE: tr_push(t, "DEC_INT(x->act->date)", 0, 1, 0, "x->act->date"); break;
  case BC_ARANK: tr_push(t, "DEC_INT(x->act->rank)", 0, 1, 0, "x->act->rank"); break;
  case BC_FIELD: tr_field(t, a); break;
  case BC_ADD: tr_arith(t, "dec_add"); break;
  case BC_SUB: tr_arith(t, "dec_sub"); break;
  case BC_MUL: tr_arith(t, "dec_mul"); break;
  case BC_DIV: tr_arith(t, "dec_div"); break;
  case BC_NEG: tr_unary(t, 0); break;
  case BC_NOT: tr_unary(t, 1); break;
  case BC_MIN: tr_minmax(t, "<"); break;
  case BC_MAX: tr_minmax(t, ">"); break;
  case BC_LT: tr_compare(t, "<"); break;
  case BC_LE: tr_compare(t, "<="); break;
  case BC_GT: tr_compare(t, ">"); break;
  case BC_GE: tr_compare(t, ">="); break;
  case BC_EQ: tr_compare(t, "=="); break;
  case BC_NE: tr_compare(t, "!="); break;
  case BC_AND: tr_logic(t, "&&"); break;
  case BC_OR: tr_logic(t, "||"); break;
  case BC_SQUANT: case BC_SORD: case BC_SDATE: case BC_SGRADED: tr_score(t, op, a); break;
  case BC_RET: tr_line(t, "return CE_SCORED;"); break;
  default: tr_line(t, "return CE_UNDEFINED; /* opcode %" PRIu32 " */", op); break;
  }
}

/* Lowest stack height inside code[lo, hi): no value below it is touched. */
static int tr_low_water(const Tr *t, uint32_t lo, uint32_t hi, int h) {
  int m = h;
  for (uint32_t q = lo; q < hi; q++) {
    uint32_t op = BC_OP(t->code[q]);
    int low = t->height[q] - (op < BC__NOPS ? bc_ops[op].pops : 0);
    if (low < m) m = low;
  }
  return m;
}

static int tr_region(Tr *t, uint32_t lo, uint32_t hi, int depth);

/* The JZ at pc as if or if/else; returns the word after it, 0 when the
 * code does not nest. */
static uint32_t tr_if(Tr *t, uint32_t pc, uint32_t hi, int depth) {
  uint32_t to = pc + 1 + BC_A(t->code[pc]), then_end = to, end = to;
  if (to > hi || depth > TR_MAX_DEPTH) return 0;
  if (to - 1 > pc && BC_OP(t->code[to - 1]) == BC_JMP) {
    then_end = to - 1;
    end = to + BC_A(t->code[to - 1]);
    if (end > hi) return 0;
  }
  char cond[TR_EXPR];
  tr_cond(t, t->sp - 1, cond, sizeof cond);
  t->sp--;
  int h = t->sp, m = tr_low_water(t, pc + 1, end, h);
  tr_flush_range(t, m, h);
  tr_line(t, "if (%s) {", cond);
  t->indent++;
  int nknown = t->nknown;
  if (tr_region(t, pc + 1, then_end, depth + 1) != 0) return 0;
  tr_flush_range(t, m, t->sp);
  t->nknown = nknown;
  t->indent--;
  if (end > to) {
    for (int k = m; k < h; k++) t->st[k].in_slot = 1;
    t->sp = h;
    tr_line(t, "} else {");
    t->indent++;
    if (tr_region(t, to, end, depth + 1) != 0) return 0;
    tr_flush_range(t, m, t->sp);
    t->nknown = nknown;
    t->indent--;
  }
  tr_line(t, "}");
  return end;
}

/* code[lo, hi) as nested if/else; -1 when it does not nest. */
static int tr_region(Tr *t, uint32_t lo, uint32_t hi, int depth) {
  uint32_t pc = lo;
  while (pc < hi) {
    uint32_t op = BC_OP(t->code[pc]);
    if (op == BC_JMP) {
      if (BC_A(t->code[pc]) != 0) return -1;
      pc++;
    } else if (op == BC_JZ) {
      pc = tr_if(t, pc, hi, depth);
      if (pc == 0) return -1;
    } else {
      tr_word(t, t->code[pc++]);
    }
  }
  return 0;
}

/* Any forward jumps: labels and goto, every value stored at each. */
static void tr_gotos(Tr *t) {
  for (uint32_t pc = 0; pc < t->n; pc++) {
    uint32_t w = t->code[pc], op = BC_OP(w), to = pc + 1 + BC_A(w);
    if (t->target[pc]) {
      if (!t->dead) tr_flush_range(t, 0, t->sp);
      t->sp = t->height[pc];
      for (int k = 0; k < t->sp; k++) t->st[k].in_slot = 1;
      t->used |= t->sp >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << t->sp) - 1;
      t->dead = 0;
      t->nknown = 0;
      bprintf(t->out, "L%" PRIu32 ":;\n", pc);
    }
    if (t->dead) continue;
    if (op == BC_JZ) {
      char cond[TR_EXPR];
      tr_cond(t, t->sp - 1, cond, sizeof cond);
      t->sp--;
      tr_flush_range(t, 0, t->sp);
      tr_line(t, "if (!(%s)) goto L%" PRIu32 ";", cond, to);
    } else if (op == BC_JMP) {
      tr_flush_range(t, 0, t->sp);
      tr_line(t, "goto L%" PRIu32 ";", to);
      t->dead = 1;
    } else {
      tr_word(t, w);
    }
  }
}

static void tr_reset(Tr *t, CeBuf *out) {
  t->sp = 0;
  t->used = 0;
  t->uses_x = 0;
  t->indent = 1;
  t->dead = 0;
  t->nknown = 0;
  t->out = out;
}

/* The body of indicator in's function: declarations, then statements. */
static int tr_indicator(const RtProgram *p, const RtIndicator *in, CeBuf *b) {
  Tr *t = calloc(1, sizeof *t);
  CeBuf body = {0};
  if (!t) return -1;
  t->p = p;
  t->code = p->code + in->code;
  t->n = in->ncode;
  t->height = calloc(t->n + 1, sizeof *t->height);
  t->target = calloc(t->n + 1, 1);
  int rc = -1;
  if (!t->height || !t->target) goto done;
  tr_heights(t);
  tr_reset(t, &body);
  if (tr_region(t, 0, t->n, 0) != 0) {
    ce_buf_free(&body);
    tr_reset(t, &body);
    tr_gotos(t);
  }
  int first = 1;
  for (int k = 0; k < 64; k++) {
    if (!(t->used >> k & 1)) continue;
    bprintf(b, first ? "  Dec s%d = 0" : ", s%d = 0", k);
    first = 0;
  }
  if (!first) bputs(b, ";\n");
  if (!t->uses_x) bputs(b, "  (void)x;\n");
  if (body.data) bputn(b, body.data, body.len);
  rc = body.failed ? -1 : 0;
done:
  ce_buf_free(&body);
  free(t->height);
  free(t->target);
  free(t);
  return rc;
}

/* ---- the indicator functions ------------------------------------------ */

/* The opening of a function's comment: its first indicator, with source
 * and target (the caller adds the rest and closes it). */
static void put_ind_comment(CeBuf *b, const RtProgram *p, uint32_t j, uint32_t i,
                            const char *ident) {
  const RtProject *pj = &p->projects[j];
  const RtIndicator *in = &p->indicators[i];
  const RtTarget *tg = &in->target;
  bprintf(b, "/*\n * %s: ", ident);
  put_comment(b, in->name);
  bprintf(b, " (indicator %" PRIu32 " of project %" PRIu32 ", ", i - pj->first, j);
  put_comment(b, pj->name);
  bprintf(b, ")\n * ");
  put_comment(b, pj->file);
  bprintf(b, ":%" PRIu32 "  %s/%s, ", in->line, rt_category_name(in->level1, 1),
          rt_category_name(in->level2, 1));
  char pts[32];
  dec_format(in->points, -1, pts, sizeof pts);
  bprintf(b, "%s points\n * target: ", pts);
  put_comment(b, tg->text);
  if (tg->kind == RT_TGT_QUANT) {
    char v[32];
    dec_format(tg->value, -1, v, sizeof v);
    bprintf(b, " (%s %s", ENUM_NAME(cmp_sym, tg->cmp), v);
    if (tg->unit >= 0 && (uint32_t)tg->unit < p->nunits) {
      bputc(b, ' ');
      put_comment(b, p->units[tg->unit].name);
    }
    bputs(b, in->derived ? ", computed from raw fields)" : ")");
  } else if (tg->kind == RT_TGT_DEADLINE) {
    bputs(b, " (on or before ");
    put_date(b, tg->date);
    bputc(b, ')');
  }
  bputc(b, '\n');
}

/* The identifier of indicator i: that of its project and place there. */
static void ind_ident_of(const RtProgram *p, const CtabTables *t, uint32_t i, char *buf,
                         size_t cap) {
  uint32_t j = t->ind_project[i];
  ind_ident(j, i - p->projects[j].first, p->indicators[i].id, buf, cap);
}

/* The other indicators that share function k: a few, with their source
 * and target, and how many more.  next[i]: the next indicator with the
 * code of indicator i, UINT32_MAX after the last. */
static void put_sharers(CeBuf *b, const RtProgram *p, const CtabTables *t, const uint32_t *next,
                        uint32_t k) {
  enum { SHOWN = 3 };
  uint32_t more = t->code_uses[k] - 1, shown = 0;
  if (more == 0) return;
  bprintf(b, " * also the code of %" PRIu32 " more indicator%s:\n", more, more > 1 ? "s" : "");
  for (uint32_t i = next[t->code_first[k]]; i != UINT32_MAX && shown < SHOWN; i = next[i]) {
    const RtIndicator *in = &p->indicators[i];
    char ident[80];
    ind_ident_of(p, t, i, ident, sizeof ident);
    bprintf(b, " *   %s ", ident);
    put_comment(b, in->name);
    bputs(b, ", ");
    put_comment(b, p->projects[t->ind_project[i]].file);
    bprintf(b, ":%" PRIu32 "  ", in->line);
    put_comment(b, in->target.text);
    bputc(b, '\n');
    shown++;
  }
  if (more > shown) bprintf(b, " *   ... and %" PRIu32 " more\n", more - shown);
}

/* Function k: its comment, then its body translated from the code. */
static int put_function(CeBuf *b, const RtProgram *p, const CtabTables *t, const uint32_t *next,
                        uint32_t k) {
  uint32_t i = t->code_first[k], j = t->ind_project[i];
  const RtIndicator *in = &p->indicators[i];
  char ident[80];
  ind_ident_of(p, t, i, ident, sizeof ident);
  put_ind_comment(b, p, j, i, ident);
  put_sharers(b, p, t, next, k);
  bputs(b, " */\n");
  bprintf(b, "static int %s(const CeArgs *x, CeVm *o) {\n", ident);
  if (in->ncode > CE_VM_STEP_LIMIT) {
    bprintf(b, "  /* %" PRIu32 " words of code: over the VM's step limit (%u) */\n"
               "  (void)x;\n  (void)o;\n  return CE_STEPS;\n",
            in->ncode, CE_VM_STEP_LIMIT);
  } else if (tr_indicator(p, in, b) != 0) {
    return -1;
  }
  bputs(b, "}\n\n");
  return 0;
}

/* One function per distinct code of the indicators that need one (ctab.h:
 * derived actuals), named after the first indicator with that code, in
 * the order of first use. */
static int put_functions(CeBuf *b, const RtProgram *p, const CtabTables *t) {
  uint32_t *next = malloc(((size_t)p->nindicators + 1) * sizeof *next);
  uint32_t *last = malloc(((size_t)t->ncodes + 1) * sizeof *last);
  int rc = next && last ? 0 : -1;
  for (uint32_t k = 0; k < t->ncodes && rc == 0; k++) last[k] = UINT32_MAX;
  for (uint32_t i = p->nindicators; i-- > 0 && rc == 0;) {
    if (t->ind_code[i] == CTAB_NO_CODE) continue;
    next[i] = last[t->ind_code[i]];
    last[t->ind_code[i]] = i;
  }
  for (uint32_t k = 0; k < t->ncodes && rc == 0; k++) rc = put_function(b, p, t, next, k);
  free(next);
  free(last);
  return rc;
}

/* ---- tables ------------------------------------------------------------- */

static void put_units(CeBuf *b, const RtProgram *p) {
  if (p->nunits == 0) {
    bputs(b, "static const indc_unit ce_units[1];\n\n");
    return;
  }
  bprintf(b, "static const indc_unit ce_units[%" PRIu32 "] = {\n", p->nunits);
  for (uint32_t u = 0; u < p->nunits; u++) {
    bputs(b, "  {");
    put_cstr(b, p->units[u].name);
    bprintf(b, ", %" PRIu32 ", ", p->units[u].dim);
    put_dec(b, p->units[u].factor);
    bprintf(b, "}, /* %" PRIu32 " */\n", u);
  }
  bputs(b, "};\n\n");
}

static void put_scales(CeBuf *b, const RtProgram *p) {
  for (uint32_t s = 0; s < p->nscales; s++) {
    const RtScale *sc = &p->scales[s];
    if (sc->nmembers == 0) continue;
    bprintf(b, "static const char *const ce_scale%" PRIu32 "[%" PRIu32 "] = {", s, sc->nmembers);
    for (uint32_t m = 0; m < sc->nmembers; m++) {
      bputs(b, m ? ", " : "");
      put_cstr(b, sc->members[m]);
    }
    bputs(b, "};\n");
  }
  if (p->nscales == 0) {
    bputs(b, "static const indc_scale ce_scales[1];\n\n");
    return;
  }
  bprintf(b, "static const indc_scale ce_scales[%" PRIu32 "] = {\n", p->nscales);
  for (uint32_t s = 0; s < p->nscales; s++) {
    const RtScale *sc = &p->scales[s];
    bputs(b, "  {");
    put_cstr(b, sc->name);
    if (sc->nmembers) bprintf(b, ", ce_scale%" PRIu32 ", %" PRIu32 "},", s, sc->nmembers);
    else bputs(b, ", NULL, 0},");
    bprintf(b, " /* %" PRIu32 " */\n", s);
  }
  bputs(b, "};\n\n");
}

static void put_band(CeBuf *b, const char *name, const RtBand *bd) {
  bprintf(b, "    .%s = {", name);
  put_dec(b, bd->lo);
  bputs(b, ", ");
  put_dec(b, bd->hi);
  bputs(b, ", ");
  put_dec(b, bd->dflt);
  bputs(b, "},\n");
}

static void put_field_dec(CeBuf *b, const char *name, Dec v, const char *sep) {
  bprintf(b, ".%s = ", name);
  put_dec(b, v);
  bputs(b, sep);
}

static void put_policy(CeBuf *b, const RtProgram *p, uint32_t k) {
  const RtPolicy *po = &p->policies[k];
  bprintf(b, "  { /* %" PRIu32, k);
  for (uint32_t j = 0; j < p->nprojects; j++)
    if (p->projects[j].policy == k) {
      bputs(b, ": ");
      put_comment(b, p->projects[j].file);
      break;
    }
  bputs(b, " */\n    ");
  put_field_dec(b, "w_output", po->w_output, ", ");
  put_field_dec(b, "w_benefit", po->w_benefit, ", ");
  put_field_dec(b, "w_satisfaction", po->w_satisfaction, ",\n    ");
  put_field_dec(b, "w_rate", po->w_rate, ", ");
  bprintf(b, ".reverse = %u,\n", po->reverse);
  put_band(b, "met", &po->met);
  put_band(b, "partial", &po->partial);
  put_band(b, "unmet", &po->unmet);
  bputs(b, "    ");
  put_field_dec(b, "grade_excellent", po->grade_excellent, ", ");
  put_field_dec(b, "grade_good", po->grade_good, ", ");
  put_field_dec(b, "grade_fair", po->grade_fair, ",\n    ");
  put_field_dec(b, "overshoot", po->overshoot, ", ");
  put_field_dec(b, "low_rate", po->low_rate, ", ");
  put_field_dec(b, "lag", po->lag, "},\n");
}

static void put_policies(CeBuf *b, const RtProgram *p) {
  if (p->npolicies == 0) {
    bputs(b, "static const indc_policy ce_policies[1];\n\n");
    return;
  }
  bprintf(b, "static const indc_policy ce_policies[%" PRIu32 "] = {\n", p->npolicies);
  for (uint32_t k = 0; k < p->npolicies; k++) put_policy(b, p, k);
  bputs(b, "};\n\n");
}

static void put_fields(CeBuf *b, const RtProgram *p) {
  if (p->nfields == 0) {
    bputs(b, "static const char *const ce_fields[1];\n\n");
    return;
  }
  bprintf(b, "static const char *const ce_fields[%" PRIu32 "] = {\n", p->nfields);
  for (uint32_t f = 0; f < p->nfields; f++) {
    bputs(b, "  ");
    put_cstr(b, p->fields[f]);
    bprintf(b, ", /* %" PRIu32 " */\n", f);
  }
  bputs(b, "};\n\n");
}

/* ---- the encoded tables (c_tables.inc) ---------------------------------- */

/* The longest string literal C11 compilers must accept (-pedantic warns
 * beyond it): ce_data is rows of this many bytes, seen whole through a
 * union. */
enum { CE_ROW = 4095 };

/* Writes the bytes of the tables as string literals, a row at a time. */
typedef struct Rows {
  CeBuf *b;
  const CtabTables *t;
  size_t at; /* bytes written */
} Rows;

/* Length of the well-formed UTF-8 sequence at s[0..n), 0 when there is none. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  size_t len = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
  if (len == 0 || len > n) return 0;
  unsigned lo = s[0] == 0xE0 ? 0xA0 : s[0] == 0xF0 ? 0x90 : 0x80;
  unsigned hi = s[0] == 0xED ? 0x9F : s[0] == 0xF4 ? 0x8F : 0xBF;
  if (s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; k++)
    if (s[k] < 0x80 || s[k] > 0xBF) return 0;
  return len;
}

/* s[0..n) inside a string literal: printable ASCII and (as text) whole
 * UTF-8 characters as they are, but for bidirectional controls
 * (bidi_len), anything else as the shortest octal escape that the next
 * character cannot extend. */
static void put_bytes(CeBuf *b, const unsigned char *s, size_t n, int text) {
  for (size_t k = 0; k < n; k++) {
    unsigned c = s[k];
    size_t u = text && c >= 0x80 && !backend_bidi_len(s + k, n - k, NULL) ? utf8_len(s + k, n - k) : 0;
    if (u) {
      bputn(b, (const char *)s + k, u);
      k += u - 1;
    } else if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      bputc(b, (char)c);
    } else if (c == '"' || c == '\\' || c == '?') {
      bputc(b, '\\');
      bputc(b, (char)c);
    } else {
      int digit_next = k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '7';
      char e[3] = {(char)('0' + (c >> 6)), (char)('0' + (c >> 3 & 7)), (char)('0' + (c & 7))};
      int skip = digit_next ? 0 : c < 8 ? 2 : c < 64 ? 1 : 0; /* leading zeros */
      bputc(b, '\\');
      bputn(b, e + skip, (size_t)(3 - skip));
    }
  }
}

/* The next n bytes as one literal per row they touch, then the comment
 * that the caller writes. */
static void rows_put(Rows *r, size_t n, int text) {
  bputs(r->b, "  \"");
  while (n > 0) {
    size_t room = CE_ROW - r->at % CE_ROW, k = n < room ? n : room;
    put_bytes(r->b, r->t->data + r->at, k, text);
    r->at += k;
    n -= k;
    if (r->at % CE_ROW == 0 && r->at < r->t->len) bputs(r->b, "\", /* row end */\n  \"");
  }
  bputs(r->b, "\" /* ");
}

static void rows_strings(Rows *r) {
  bputs(r->b, "  /* the string pool: NUL-terminated, each at the offset shown */\n");
  for (uint32_t s = 0; s < r->t->nstrings; s++) {
    size_t end = s + 1 < r->t->nstrings ? r->t->string_at[s + 1] : r->t->projects;
    rows_put(r, end - r->t->string_at[s], 1);
    bprintf(r->b, "%" PRIu32 " */\n", r->t->string_at[s]);
  }
}

static void rows_projects(Rows *r, const RtProgram *p) {
  bprintf(r->b, "  /* projects, at %" PRIu32 ": CE_PROJECT_SIZE bytes each */\n",
          r->t->projects);
  for (uint32_t j = 0; j < p->nprojects; j++) {
    rows_put(r, CE_PROJECT_SIZE, 0);
    bprintf(r->b, "project %" PRIu32 " ", j);
    put_comment(r->b, p->projects[j].name);
    bputs(r->b, ", ");
    put_comment(r->b, p->projects[j].file);
    bprintf(r->b, ":%" PRIu32 " */\n", p->projects[j].line);
  }
}

static void rows_indicators(Rows *r, const RtProgram *p) {
  bprintf(r->b, "  /* indicators, at %" PRIu32 ": CE_INDICATOR_SIZE bytes each */\n",
          r->t->indicators);
  for (uint32_t i = 0; i < p->nindicators; i++) {
    const RtIndicator *in = &p->indicators[i];
    char ident[80];
    ind_ident_of(p, r->t, i, ident, sizeof ident);
    rows_put(r, CE_INDICATOR_SIZE, 0);
    bprintf(r->b, "%" PRIu32 " %s ", i, ident);
    put_comment(r->b, in->name);
    bprintf(r->b, ", line %" PRIu32 ": ", in->line);
    put_comment(r->b, in->target.text);
    bprintf(r->b, ", form %" PRIu32 ", score %" PRIu32 " */\n", r->t->ind_form[i],
            r->t->ind_score[i]);
  }
}

static void rows_forms(Rows *r, const RtProgram *p) {
  bprintf(r->b, "  /* forms, at %" PRIu32 ": CE_FORM_SIZE bytes each */\n", r->t->forms);
  for (uint32_t f = 0; f < r->t->nforms; f++) {
    uint32_t i = r->t->form_first[f];
    char ident[80], pts[32];
    ind_ident_of(p, r->t, i, ident, sizeof ident);
    dec_format(p->indicators[i].points, -1, pts, sizeof pts);
    rows_put(r, CE_FORM_SIZE, 0);
    bprintf(r->b, "form %" PRIu32 " (first %s): ", f, ident);
    put_comment(r->b, p->indicators[i].target.text);
    bprintf(r->b, ", %s points */\n", pts);
  }
}

/* Zero bytes up to offset `to`, when there are any. */
static void rows_pad(Rows *r, size_t to) {
  if (r->at >= to) return;
  rows_put(r, to - r->at, 0);
  bputs(r->b, "alignment */\n");
}

/* The score record of each indicator, a row of them per line. */
static void rows_score_of(Rows *r, const RtProgram *p) {
  enum { PER_LINE = 16 };
  rows_pad(r, r->t->score_of);
  bprintf(r->b, "  /* the score record of each indicator, at %" PRIu32 ": a u32 each */\n",
          r->t->score_of);
  for (uint32_t i = 0; i < p->nindicators; i += PER_LINE) {
    uint32_t n = p->nindicators - i < PER_LINE ? p->nindicators - i : PER_LINE;
    rows_put(r, (size_t)n * CE_SCORE_OF_SIZE, 0);
    bprintf(r->b, "indicators %" PRIu32 "-%" PRIu32 " */\n", i, i + n - 1);
  }
}

static const char *const how_name[] = {"quantitative", "deadline", "grade", "graded",
                                       "code", "derived"};

/* What the fast path of record r reads ([CABI-FAST]), after the rest. */
static void put_fast_comment(CeBuf *b, const unsigned char *r) {
  char v[3][32];
  for (int k = 0; k < 3; k++)
    dec_format(ctab_get_i64(r + CE_S_X1 + 8 * k), -1, v[k], sizeof v[k]);
  switch (r[CE_S_FAST]) {
  case CE_FAST_GE:
  case CE_FAST_GT: bprintf(b, "; fast, overshoot from %s", v[0]); break;
  case CE_FAST_LE_RATIO:
  case CE_FAST_LT_RATIO: bputs(b, "; fast, ratio formula"); break;
  case CE_FAST_DEADLINE:
    bprintf(b, "; fast, %" PRId64 " days after January 1", ctab_get_i64(r + CE_S_X1));
    break;
  case CE_FAST_GRADED: bprintf(b, "; fast, by default %s, %s, %s", v[0], v[1], v[2]); break;
  case CE_FAST_NONE: bputs(b, "; no fast path"); break;
  default: bputs(b, "; fast"); break;
  }
}

/* What score record k says, after its first indicator's identifier. */
static void put_score_comment(CeBuf *b, const RtProgram *p, const CtabTables *t, uint32_t k) {
  uint32_t i = t->score_first[k];
  const RtIndicator *in = &p->indicators[i];
  uint8_t how = t->ind_how[i];
  char pts[32], v[32];
  dec_format(in->points, -1, pts, sizeof pts);
  bprintf(b, "%s, %s points, %s", ENUM_NAME(how_name, how), pts,
          rt_category_name(in->level1, 1));
  if (how == CE_HOW_QUANT) {
    dec_format(in->target.value, -1, v, sizeof v);
    bprintf(b, ", %s %s", ENUM_NAME(cmp_sym, in->target.cmp), v);
  } else if (how == CE_HOW_DEADLINE) {
    bputs(b, ", on or before ");
    put_date(b, in->target.date);
  } else if (how == CE_HOW_GRADE) {
    bprintf(b, ", rank %" PRId32 " or better", in->target.rank);
  } else if (how == CE_HOW_CODE || how == CE_HOW_DERIVED) {
    char fn[80];
    ind_ident_of(p, t, t->code_first[t->ind_code[i]], fn, sizeof fn);
    bprintf(b, ", function %s", fn);
  }
  put_fast_comment(b, t->data + t->scores + (size_t)k * CE_SCORE_SIZE);
}

static void rows_scores(Rows *r, const RtProgram *p) {
  rows_pad(r, r->t->scores);
  bprintf(r->b, "  /* score records, at %" PRIu32 ": CE_SCORE_SIZE bytes each */\n",
          r->t->scores);
  for (uint32_t k = 0; k < r->t->nscores; k++) {
    char ident[80];
    ind_ident_of(p, r->t, r->t->score_first[k], ident, sizeof ident);
    rows_put(r, CE_SCORE_SIZE, 0);
    bprintf(r->b, "score %" PRIu32 " (first %s): ", k, ident);
    put_score_comment(r->b, p, r->t, k);
    bputs(r->b, " */\n");
  }
}

static void put_data(CeBuf *b, const RtProgram *p, const CtabTables *t) {
  size_t nrows = t->len ? (t->len + CE_ROW - 1) / CE_ROW : 1;
  Rows r = {b, t, 0};
  bputs(b, "/* Projects and indicators, encoded as c_tables.inc describes; rows of\n"
           " * CE_ROW bytes, the longest string literal that C11 compilers must accept,\n"
           " * read whole through `all`. */\n");
  bprintf(b, "static _Alignas(64) const union {\n  unsigned char rows[%zu][%d];\n"
             "  unsigned char all[%zu];\n} ce_data = {{\n",
          nrows, CE_ROW, nrows * CE_ROW);
  rows_strings(&r);
  rows_projects(&r, p);
  rows_indicators(&r, p);
  rows_forms(&r, p);
  rows_score_of(&r, p);
  rows_scores(&r, p);
  if (t->len == 0) bputs(b, "  \"\"\n");
  bputs(b, "}};\n\n");
  bprintf(b, "static const indc_tables ce_tables = {ce_data.all, %" PRIu32 ", %" PRIu32
             ", %" PRIu32 ", %" PRIu32 ", %" PRIu32 "};\n\n",
          t->projects, t->indicators, t->forms, t->score_of, t->scores);
}

static void put_code_table(CeBuf *b, const RtProgram *p, const CtabTables *t) {
  if (t->ncodes == 0) {
    bputs(b, "static const CeCode ce_code[1];\n\n");
    return;
  }
  bprintf(b, "/* The functions, by the index in each score record (CE_S_CODE). */\n"
             "static const CeCode ce_code[%" PRIu32 "] = {\n",
          t->ncodes);
  for (uint32_t k = 0; k < t->ncodes; k++) {
    char ident[80];
    ind_ident_of(p, t, t->code_first[k], ident, sizeof ident);
    bprintf(b, "  %s,\n", ident);
  }
  bputs(b, "};\n\n");
}

/* ---- the whole file ------------------------------------------------------ */

static void put_banner(CeBuf *b, const char *what) {
  bprintf(b, "\n/* ==== %s ", what);
  for (size_t n = strlen(what); n < 66; n++) bputc(b, '=');
  bputs(b, " */\n\n");
}

/* The distinct source files of the projects, in order. */
static void put_sources(CeBuf *b, const RtProgram *p) {
  for (uint32_t j = 0; j < p->nprojects; j++) {
    uint32_t k = 0;
    while (k < j && strcmp(p->projects[k].file, p->projects[j].file) != 0) k++;
    if (k < j) continue;
    bputs(b, " *   ");
    put_comment(b, p->projects[j].file);
    bputc(b, '\n');
  }
}

/* The exported functions' prototypes: shared by the .c and the .h. */
static void put_api(CeBuf *b, const char *px) {
  bprintf(b,
          "\n/* ---- this evaluator's functions (docs/c-abi.md) ---- */\n"
          "\n"
          "/* The INDC_ABI_VERSION this code was generated for. */\n"
          "uint32_t %s_abi_version(void);\n"
          "\n"
          "/* The program: units, scales, policies, projects, indicators, raw fields\n"
          " * (static, read-only data). */\n"
          "const indc_program *%s_program(void);\n"
          "\n"
          "/*\n"
          " * Score the inputs.  as_of: a day number for mid-year monitoring, or\n"
          " * INDC_NO_AS_OF for year end.  Fills proj[nprojects] and ind[nindicators].\n"
          " * Returns 0; or 1 + i when actual i has a kind, grade or has_score out\n"
          " * of range, and then writes nothing.  No allocation, no global state.\n"
          " */\n"
          "int %s_evaluate(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,\n"
          "    indc_ind_result *ind);\n"
          "\n"
          "/* Decimal text (\"13.6\", \"-2\"; at most 9 decimals) to 10^-9 units: 0 on\n"
          " * success, else 1 out of range, 3 not a number, 4 too many decimals. */\n"
          "int %s_parse_dec(const char *s, size_t len, int64_t *out);\n"
          "\n"
          "/* v with `digits` decimals (-1: as many as needed), like snprintf. */\n"
          "int %s_format_dec(int64_t v, int digits, char *buf, size_t cap);\n"
          "\n"
          "/* The day number of a date (days since 1970-01-01). */\n"
          "int32_t %s_day_number(int year, int month, int day);\n"
          "\n"
          "/* Project j or indicator i of the program in *out: 0, or -1 when there is\n"
          " * no such one.  Its strings are static, read-only data. */\n"
          "int %s_project(uint32_t j, indc_project *out);\n"
          "int %s_indicator(uint32_t i, indc_indicator *out);\n",
          px, px, px, px, px, px, px, px);
}

/* Before the embedded headers: what their static prototypes need. */
static const char preamble[] =
    "#include <string.h>\n"
    "\n"
    "/* Marks the static prototypes of dec.h and score.h: a function this\n"
    " * program does not call draws no warning. */\n"
    "#if defined(__GNUC__)\n"
    "#define CE_UNUSED __attribute__((unused))\n"
    "#else\n"
    "#define CE_UNUSED\n"
    "#endif\n";

static void put_embedded(CeBuf *b, const char *name, const char *const *lines) {
  char what[128];
  int header = strlen(name) > 2 && !strcmp(name + strlen(name) - 2, ".h") &&
               strncmp(name, "runtime/", 8) == 0;
  snprintf(what, sizeof what, "BEGIN %s (embedded%s)", name,
           header ? ", prototypes made static" : " verbatim");
  put_banner(b, what);
  put_lines(b, lines);
  snprintf(what, sizeof what, "END %s", name);
  put_banner(b, what);
}

static void put_exports(CeBuf *b, const RtProgram *p, const char *px) {
  bprintf(b,
          "static const indc_program ce_program = {\n"
          "  INDC_ABI_VERSION,\n"
          "  %" PRIu32 ", %" PRIu32 ", %" PRIu32 ", %" PRIu32 ", %" PRIu32 ", %" PRIu32
          ", /* units scales policies projects indicators fields */\n"
          "  ce_units, ce_scales, ce_policies, ce_fields, &ce_tables\n"
          "};\n",
          p->nunits, p->nscales, p->npolicies, p->nprojects, p->nindicators, p->nfields);
  put_banner(b, "exported functions");
  bprintf(b,
          "uint32_t %s_abi_version(void) {\n  return INDC_ABI_VERSION;\n}\n\n"
          "const indc_program *%s_program(void) {\n  return &ce_program;\n}\n\n"
          "int %s_evaluate(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,\n"
          "    indc_ind_result *ind) {\n"
          "  return ce_evaluate(&ce_program, ce_code, in, as_of, proj, ind);\n}\n\n"
          "int %s_parse_dec(const char *s, size_t len, int64_t *out) {\n"
          "  return (int)dec_parse(s, len, out);\n}\n\n"
          "int %s_format_dec(int64_t v, int digits, char *buf, size_t cap) {\n"
          "  return dec_format(v, digits, buf, cap);\n}\n\n"
          "int32_t %s_day_number(int year, int month, int day) {\n"
          "  return ce_days_from_civil(year, month, day);\n}\n\n"
          "int %s_project(uint32_t j, indc_project *out) {\n"
          "  if (j >= ce_program.nprojects) return -1;\n"
          "  ce_project(&ce_program, j, out);\n  return 0;\n}\n\n"
          "int %s_indicator(uint32_t i, indc_indicator *out) {\n"
          "  if (i >= ce_program.nindicators) return -1;\n"
          "  ce_indicator(&ce_program, i, out);\n  return 0;\n}\n",
          px, px, px, px, px, px, px, px);
}

static void put_c(CeBuf *b, const RtProgram *p, const CeOptions *o, const char *px) {
  bputs(b, "/*\n * An indicator evaluator generated by `indc compile --emit=c` from\n");
  put_sources(b, p);
  bputs(b, " * Do not edit.  ABI: docs/c-abi.md");
  if (o->header_name) {
    bputs(b, "; interface: ");
    put_comment(b, o->header_name);
  }
  bputs(b, ".\n *\n * Exact decimals throughout: runtime/dec.c and runtime/score/score.c are\n"
           " * embedded below, so this file scores exactly as `indc run` does.\n */\n");
  put_embedded(b, "compiler/backend/c_abi.h", ce_text_abi);
  put_api(b, px);
  put_banner(b, "preamble");
  bputs(b, preamble);
  put_embedded(b, "runtime/dec.h", ce_text_dec_h);
  put_embedded(b, "runtime/score/score.h", ce_text_score_h);
  put_embedded(b, "runtime/dec.c", ce_text_dec);
  put_embedded(b, "runtime/score/score.c", ce_text_score);
  put_embedded(b, "compiler/backend/c_tables.inc", ce_text_tables);
  put_embedded(b, "compiler/backend/c_evaluate.inc", ce_text_evaluate);
  put_banner(b, "tables");
  put_units(b, p);
  put_scales(b, p);
  put_policies(b, p);
  put_fields(b, p);
}

static void put_h(CeBuf *b, const RtProgram *p, const CeOptions *o, const char *px) {
  char guard[96];
  size_t n = 0;
  for (const char *s = px; *s && n + 3 < sizeof guard; s++)
    guard[n++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
  memcpy(guard + n, "_H", 3);
  bputs(b, "/*\n * ");
  put_comment(b, o->header_name ? o->header_name : "the header");
  bputs(b, " - the interface of an indicator evaluator generated by\n"
           " * `indc compile --emit=c` from\n");
  put_sources(b, p);
  bputs(b, " * Do not edit.  ABI: docs/c-abi.md.\n */\n");
  bprintf(b, "#ifndef %s\n#define %s\n", guard, guard);
  /* a C++ host links against the C evaluator by C names */
  bputs(b, "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n");
  put_embedded(b, "compiler/backend/c_abi.h", ce_text_abi);
  put_api(b, px);
  bputs(b, "\n#ifdef __cplusplus\n}\n#endif\n");
  bprintf(b, "\n#endif /* %s */\n", guard);
}

int ce_generate(const RtProgram *p, const CeOptions *o, CeBuf *c, CeBuf *h) {
  const char *px = o && o->prefix ? o->prefix : CE_PREFIX;
  CeOptions none = {NULL, NULL};
  if (!o) o = &none;
  CtabTables t;
  if (ctab_build(p, &t) != 0) return -1;
  put_c(c, p, o, px);
  put_data(c, p, &t);
  put_banner(c, "indicator functions: derived actuals, one per distinct code");
  if (put_functions(c, p, &t) != 0) c->failed = 1;
  put_code_table(c, p, &t);
  put_exports(c, p, px);
  ctab_free(&t);
  if (h) put_h(h, p, o, px);
  return c->failed || (h && h->failed) ? -1 : 0;
}

/* ---- indc compile --emit=c ------------------------------------------------ */

/* Write a whole file atomically: a temporary beside it, then rename. */
static int write_atomic(const char *path, const CeBuf *b, char *err, size_t errcap) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (!tmp) {
    snprintf(err, errcap, "out of memory");
    return -1;
  }
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".tmpXXXXXX", 11);
  int fd = mkstemp(tmp);
  if (fd >= 0) { /* mkstemp makes it 0600: the mode of the file it replaces, or 0644 */
    struct stat st;
    if (stat(path, &st) == 0) fchmod(fd, st.st_mode & 07777);
    else fchmod(fd, 0644);
  }
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  int ok = f && fwrite(b->data, 1, b->len, f) == b->len;
  if (f) ok = fclose(f) == 0 && ok;
  else if (fd >= 0) close(fd);
  if (ok && rename(tmp, path) != 0) ok = 0;
  if (!ok) {
    snprintf(err, errcap, "cannot write '%s'", path);
    if (fd >= 0) unlink(tmp);
  }
  free(tmp);
  return ok ? 0 : -1;
}

int emit_c(const RtProgram *p, const EmitOptions *o, EmitWrite w, void *ud, char *err,
           size_t errcap) {
  CeBuf c = {0}, h = {0};
  CeOptions co = {CE_PREFIX, NULL};
  if (o->header_path) {
    const char *slash = strrchr(o->header_path, '/');
    co.header_name = slash ? slash + 1 : o->header_path;
  }
  int rc = ce_generate(p, &co, &c, o->header_path ? &h : NULL);
  if (rc != 0) snprintf(err, errcap, "out of memory");
  if (rc == 0 && o->header_path) rc = write_atomic(o->header_path, &h, err, errcap);
  if (rc == 0 && w(ud, c.data, c.len) != 0) {
    snprintf(err, errcap, "write error");
    rc = -1;
  }
  ce_buf_free(&c);
  ce_buf_free(&h);
  return rc;
}
