/*
 * imp_text.c - text helpers of the importer: the growable buffer, the
 * space rule of [IMPORT-SPACE], categories named by cells, short quotes
 * for messages, numbers and money amounts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/dec.h"
#include "imp_internal.h"

/* ---- ImpBuf --------------------------------------------------------------- */

void imp_buf_add(ImpBuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *ns = realloc(b->s, cap);
    if (!ns) abort();
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void imp_buf_puts(ImpBuf *b, const char *s) { imp_buf_add(b, s, strlen(s)); }

void imp_buf_printf(ImpBuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  char *tmp = malloc((size_t)n + 1);
  if (!tmp) abort();
  va_start(ap, fmt);
  vsnprintf(tmp, (size_t)n + 1, fmt, ap);
  va_end(ap);
  imp_buf_add(b, tmp, (size_t)n);
  free(tmp);
}

void imp_buf_free(ImpBuf *b) {
  free(b->s);
  memset(b, 0, sizeof *b);
}

void imp_buf_quote(ImpBuf *b, const char *s) {
  imp_buf_add(b, "\"", 1);
  for (const char *p = s; *p; p++) {
    if (*p == '"' || *p == '\\') imp_buf_add(b, "\\", 1);
    imp_buf_add(b, p, 1);
  }
  imp_buf_add(b, "\"", 1);
}

/* ---- characters ----------------------------------------------------------- */

static size_t next_cp(const char *s, size_t n, int32_t *cp) {
  return src_utf8_decode(s, n, cp);
}

/* White space of cells: ASCII, ideographic space, no-break space, and the
 * zero-width space and BOM that Word leaves in text. */
static int is_space(int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0x3000 || cp == 0xA0 || cp == 0x200B || cp == 0xFEFF;
}

static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

/* A character a PDF line wrap or a Latin-font digit run may leave a space
 * next to: Chinese text (anything non-ASCII) and digits. */
static int joinable(int32_t cp) { return cp >= 0x80 || is_digit(cp); }

/* The end of the run of white space that starts at s[i]. */
static size_t skip_space(const char *s, size_t n, size_t i) {
  while (i < n) {
    int32_t cp;
    size_t k = next_cp(s + i, n - i, &cp);
    if (!is_space(cp)) break;
    i += k;
  }
  return i;
}

/*
 * [IMPORT-SPACE] The space rule: "12355 工单 处置比例" -> "12355工单处置比例",
 * "需在 2023 年" -> "需在2023年", but "成果, 提高" and "满意度 > 90%" keep
 * their spaces (an ASCII character other than a digit is next to them).
 */
char *imp_clean(Arena *a, const char *s) {
  size_t n = strlen(s), o = 0, i = 0;
  char *out = arena_alloc(a, n + 1);
  int32_t prev = -1;
  while (i < n) {
    int32_t cp;
    size_t k = next_cp(s + i, n - i, &cp);
    if (!is_space(cp)) {
      memcpy(out + o, s + i, k);
      o += k;
      i += k;
      prev = cp;
      continue;
    }
    size_t j = skip_space(s, n, i);
    if (prev >= 0 && j < n) {
      int32_t next;
      next_cp(s + j, n - j, &next);
      int drop = joinable(prev) && joinable(next) && !(is_digit(prev) && is_digit(next));
      if (!drop) out[o++] = ' ';
    }
    i = j;
  }
  out[o] = '\0';
  return out;
}

char *imp_nospace(Arena *a, const char *s) {
  size_t n = strlen(s), o = 0;
  char *out = arena_alloc(a, n + 1);
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = next_cp(s + i, n - i, &cp);
    if (!is_space(cp)) memcpy(out + o, s + i, k), o += k;
    i += k;
  }
  out[o] = '\0';
  return out;
}

char *imp_trim(Arena *a, const char *s, size_t n) {
  size_t lo = skip_space(s, n, 0), hi = lo, i = lo;
  while (i < n) {
    int32_t cp;
    size_t k = next_cp(s + i, n - i, &cp);
    i += k;
    if (!is_space(cp)) hi = i;
  }
  return arena_strndup(a, s + lo, hi - lo);
}

int imp_blank(const char *s) {
  return !s || skip_space(s, strlen(s), 0) == strlen(s);
}

size_t imp_nchars(const char *s) {
  size_t n = strlen(s), c = 0;
  for (size_t i = 0; i < n; c++) {
    int32_t cp;
    i += next_cp(s + i, n - i, &cp);
  }
  return c;
}

const char *imp_short(Arena *a, const char *s, size_t max) {
  size_t n = strlen(s), i = 0, c = 0;
  while (i < n && c < max) {
    int32_t cp;
    i += next_cp(s + i, n - i, &cp);
    c++;
  }
  if (i >= n) return s;
  return arena_printf(a, "%.*s…", (int)i, s);
}

const char *imp_tail(Arena *a, const char *s, size_t max) {
  size_t n = imp_nchars(s);
  if (n <= max) return s;
  size_t len = strlen(s), i = 0;
  for (size_t c = 0; c < n - max; c++) {
    int32_t cp;
    i += next_cp(s + i, len - i, &cp);
  }
  return arena_printf(a, "…%s", s + i);
}

/* ---- categories ------------------------------------------------------------- */

static const char *const cat_zh[] = {
#define X(name, zh, zhs, en) zh,
    AST_CATEGORIES(X)
#undef X
};
static const char *const cat_zhs[] = {
#define X(name, zh, zhs, en) zhs,
    AST_CATEGORIES(X)
#undef X
};

/* The length of a list number k starts with: "一、", "三．", "2.", "2、",
 * "（一）", "(1)"; 0 when none. */
static size_t list_number(const char *k) {
  static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t n = 0;
  int open = !strncmp(k, "（", 3) ? 3 : *k == '(' ? 1 : 0;
  for (int more = 1; more;) {
    more = 0;
    if (is_digit((unsigned char)k[open + n])) n++, more = 1;
    for (size_t i = 0; !more && i < sizeof nums / sizeof nums[0]; i++)
      if (!strncmp(k + open + n, nums[i], 3)) n += 3, more = 1;
  }
  if (!n || n > 6) return 0;
  const char *e = k + open + n;
  if (open) return !strncmp(e, "）", 3) ? open + n + 3 : *e == ')' ? open + n + 1 : 0;
  if (!strncmp(e, "、", 3) || !strncmp(e, "．", 3)) return n + 3;
  return *e == '.' ? n + 1 : 0;
}

/* [IMPORT-CATS] k (no spaces) without the list number and the bracketed weight that a
 * 自评表 puts around its level-1 cells: "一、产出指标（50分）",
 * "2.效益指标(权重30%)" -> the category name.  A bracket counts only when
 * it holds a digit: 服务对象满意度（群众） stays as it is. */
static const char *undecorated(Arena *a, const char *k) {
  k += list_number(k);
  size_t n = strlen(k);
  const char *open = NULL;
  if (n >= 3 && !strcmp(k + n - 3, "）")) open = strstr(k, "（");
  else if (n && k[n - 1] == ')') open = strchr(k, '(');
  if (open && open > k && strpbrk(open, "0123456789"))
    return arena_strndup(a, k, (size_t)(open - k));
  return k;
}

int imp_category(Arena *a, const char *cell) {
  if (!cell) return -1;
  const char *k = imp_nospace(a, cell);
  for (int pass = 0; pass < 2; pass++, k = undecorated(a, k))
    for (int i = 0; i < CAT__COUNT; i++)
      if (!strcmp(k, cat_zh[i]) || !strcmp(k, cat_zhs[i])) return i;
  return -1;
}

int imp_void(Arena *a, const char *s) {
  static const char *const marks[] = {"/", "／", "-", "－", "—", "——", "无"};
  const char *k = imp_nospace(a, s);
  for (size_t i = 0; *k && i < sizeof marks / sizeof marks[0]; i++)
    if (!strcmp(k, marks[i])) return 1;
  return !*k;
}

/* ---- numbers ---------------------------------------------------------------- */

int imp_is_number(const char *s) {
  size_t i = 0, nd = 0;
  while (is_digit((unsigned char)s[i])) i++, nd++;
  if (s[i] == '.') {
    i++;
    size_t nf = 0;
    while (is_digit((unsigned char)s[i])) i++, nf++;
    if (nf == 0) return 0;
  }
  return nd > 0 && s[i] == '\0';
}

char *imp_halfwidth(Arena *a, const char *k) {
  char *out = arena_strdup(a, k), *o = out;
  for (const unsigned char *s = (const unsigned char *)k; *s;) {
    if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) { /* ０…９ */
      *o++ = (char)('0' + (s[2] - 0x90));
      s += 3;
    } else if (s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x8E || s[2] == 0x8C)) { /* ．， */
      *o++ = s[2] == 0x8E ? '.' : ',';
      s += 3;
    } else {
      *o++ = (char)*s++;
    }
  }
  *o = '\0';
  return out;
}

/* "1,234.50" -> "1234.50": commas between digits. */
static char *drop_thousands(Arena *a, const char *s) {
  size_t n = strlen(s), o = 0;
  char *out = arena_alloc(a, n + 1);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ',' && i > 0 && is_digit(s[i - 1]) && is_digit(s[i + 1])) continue;
    out[o++] = s[i];
  }
  out[o] = '\0';
  return out;
}

/* t without the currency sign that a spreadsheet's money format puts
 * before an amount (¥1,200.00, ￥1,200.00). */
static const char *unsigned_amount(const char *t) {
  if (!strncmp(t, "¥", strlen("¥"))) return t + strlen("¥");
  if (!strncmp(t, "￥", strlen("￥"))) return t + strlen("￥");
  return t;
}

const char *imp_money(ImpCtx *c, const char *s) {
  const char *t = drop_thousands(c->a, unsigned_amount(imp_halfwidth(c->a, imp_nospace(c->a, s))));
  size_t i = 0;
  while (is_digit((unsigned char)t[i]) || t[i] == '.') i++;
  char *num = arena_strndup(c->a, t, i);
  Dec v;
  if (!imp_is_number(num) || dec_parse(num, i, &v) != DEC_OK) return NULL;
  if (t[i] == '\0') return num;
  const char *unit = t + i;
  size_t ul = strlen(unit);
  /* 50（万元）: the unit in brackets, as a column note would be */
  if (ul > 2 && unit[0] == '(' && unit[ul - 1] == ')') unit = arena_strndup(c->a, unit + 1, ul - 2);
  else if (ul > 6 && !strncmp(unit, "（", 3) && !strcmp(unit + ul - 3, "）"))
    unit = arena_strndup(c->a, unit + 3, ul - 6);
  /* 50万, 1.2亿: in a cell of money, the 元 goes without saying */
  if (!strcmp(unit, "万") || !strcmp(unit, "亿")) return arena_printf(c->a, "%s %s元", num, unit);
  const Unit *u = prog_unit(&c->pre, unit);
  const Unit *yuan = prog_unit(&c->pre, "元");
  if (!u || !yuan || u->dim != yuan->dim) return NULL;
  return arena_printf(c->a, "%s %s", num, unit);
}

int imp_out_of_range(ImpCtx *c, const char *s) {
  const char *t = drop_thousands(c->a, unsigned_amount(imp_halfwidth(c->a, imp_nospace(c->a, s))));
  size_t i = 0;
  while (is_digit((unsigned char)t[i]) || t[i] == '.') i++;
  Dec v;
  return i && dec_parse(t, i, &v) == DEC_OVERFLOW;
}
