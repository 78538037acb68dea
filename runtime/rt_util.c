/*
 * rt_util.c - the small shared pieces of model.h: the runtime arena, day
 * numbers, and the names of categories and statuses.
 */
#define _DEFAULT_SOURCE /* madvise */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "model.h"

struct RtArenaBlock {
  RtArenaBlock *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
};

enum { RT_BLOCK = 256 * 1024 };

void rt_arena_init(RtArena *a, size_t limit) {
  a->head = NULL;
  a->used = 0;
  a->limit = limit;
  a->alloc = NULL;
  a->alloc_user = NULL;
}

void rt_arena_init_mem(RtArena *a, const RtMem *mem) {
  rt_arena_init(a, mem ? mem->limit : 0);
  if (mem) a->alloc = mem->alloc, a->alloc_user = mem->user;
}

void rt_arena_free(RtArena *a) {
  RtArenaBlock *b = a->head;
  while (b) {
    RtArenaBlock *next = b->next;
    if (a->alloc) a->alloc(b, 0, a->alloc_user);
    else free(b);
    b = next;
  }
  a->head = NULL;
  a->used = 0;
}

void rt_arena_adopt(RtArena *into, RtArena *from) {
  RtArenaBlock *last = from->head;
  if (!last) return;
  while (last->next) last = last->next;
  if (into->head) { /* behind into's current block, which stays the one to fill */
    last->next = into->head->next;
    into->head->next = from->head;
  } else {
    into->head = from->head;
  }
  into->used += from->used;
  from->head = NULL;
  from->used = 0;
}

void rt_populate(void *p, size_t n) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  /* whole pages inside p[0..n) (a larger page size makes the start
   * misaligned, and madvise then does nothing, as before Linux 5.14) */
  const uintptr_t page = 4096;
  uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1), hi = ((uintptr_t)p + n) & ~(page - 1);
  if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
  (void)p, (void)n;
#endif
}

/* n bytes; zeroed when zero is set.  A request larger than a block gets a
 * block of its own, which for zeroed memory comes from calloc: fresh pages
 * from the system are zero already, and clearing them again was a tenth
 * of loading a large program or data file. */
static void *rt_take(RtArena *a, size_t n, int zero, int dense) {
  if (n > SIZE_MAX / 2) return NULL;
  n = (n + 15) & ~(size_t)15;
  if (a->limit && (n > a->limit || a->used > a->limit - n)) return NULL;
  RtArenaBlock *b = a->head;
  int cleared = 0;
  if (!b || b->size - b->used < n) {
    size_t size = n > RT_BLOCK ? n : RT_BLOCK;
    cleared = zero && n > RT_BLOCK && !a->alloc;
    b = a->alloc ? a->alloc(NULL, sizeof *b + size, a->alloc_user)
        : cleared ? calloc(1, sizeof *b + size)
                  : malloc(sizeof *b + size);
    if (!b) return NULL;
    /* [RT-POPULATE] a block of the usual size fills up with what follows;
     * a larger one holds one array, filled by the caller when it is raw or
     * dense (a zeroed array may stay sparse: only its pages written count) */
    if (size == RT_BLOCK || !zero || dense) rt_populate(b, sizeof *b + size);
    b->size = size;
    b->used = 0;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  a->used += n;
  if (zero && !cleared) memset(p, 0, n);
  return p;
}

void *rt_alloc_raw(RtArena *a, size_t n) { return rt_take(a, n, 0, 0); }

void *rt_alloc(RtArena *a, size_t n) { return rt_take(a, n, 1, 0); }

void *rt_alloc_dense(RtArena *a, size_t n) { return rt_take(a, n, 1, 1); }

char *rt_strndup(RtArena *a, const char *s, size_t n) {
  char *p = rt_alloc_raw(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm: exact for any year, no tables). */
int32_t rt_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + (int)doe - 719468);
}

void rt_civil_from_days(int32_t z, int *y, int *m, int *d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)yoe + era * 400 + (*m <= 2);
}

static const char *const cat_names[RT_CAT__COUNT][2] = {
    {"产出指标", "output"},          {"效益指标", "benefit"},
    {"满意度指标", "satisfaction"},  {"成本指标", "cost"},
    {"数量指标", "quantity"},        {"质量指标", "quality"},
    {"时效指标", "timeliness"},      {"经济效益指标", "economic"},
    {"社会效益指标", "social"},      {"生态效益指标", "ecological"},
    {"可持续影响指标", "sustainable"}, {"服务对象满意度指标", "beneficiary"},
    {"经济成本指标", "economic_cost"}, {"社会成本指标", "social_cost"},
    {"生态环境成本指标", "ecological_cost"},
};

const char *rt_category_name(int cat, int english) {
  if (cat < 0 || cat >= RT_CAT__COUNT) return "?";
  return cat_names[cat][english ? 1 : 0];
}

const char *rt_status_name(int status) {
  static const char *const names[] = {"met", "partial", "unmet", "missing", "na", "pending"};
  return status >= 0 && status <= RT_ST_PENDING ? names[status] : "?";
}
