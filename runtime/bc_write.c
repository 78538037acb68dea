/*
 * bc_write.c - serialise an RtProgram as a .indb file (docs/bytecode.md).
 *
 * The sections after STRINGS are written first, into a body buffer, while
 * their strings are interned in order of first use; then the header, the
 * STRINGS section and the body are put together and the header gets the
 * length and the CRC-32 of everything after it.  The output depends only
 * on the program, so write -> load -> write is byte-identical.
 *
 * The writer does not verify: the compiler runs bc_verify on what it emits
 * in test mode, and every reader verifies on load.
 */
#include <stdlib.h>
#include <string.h>

#include "bc_crc32.h"
#include "bc_internal.h"
#include "rt_hash.h"

/* ---- growable byte buffer ----------------------------------------------- */

void bc_buf_free(BcBuf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* Room for n more bytes; 0 on success, -1 out of memory. */
static int buf_reserve(BcBuf *b, size_t n) {
  if (n <= b->cap - b->len) return 0;
  if (n > SIZE_MAX / 2 - b->len) return -1;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len < n) cap *= 2;
  uint8_t *data = realloc(b->data, cap);
  if (!data) return -1;
  b->data = data;
  b->cap = cap;
  return 0;
}

static void store_u32(uint8_t *at, uint32_t v) {
  for (int i = 0; i < 4; i++) at[i] = (uint8_t)(v >> (8 * i));
}

static void store_u64(uint8_t *at, uint64_t v) {
  for (int i = 0; i < 8; i++) at[i] = (uint8_t)(v >> (8 * i));
}

/* ---- string interning ------------------------------------------------------ */

/* A slot of the hash table: the string's hash, so that a probe compares
 * strings only when the hashes agree and growing rehashes no string, and
 * its index + 1 (0: empty). */
typedef struct StrSlot {
  uint32_t hash, ix;
} StrSlot;

typedef struct StrTab {
  StrSlot *slots;      /* open addressing */
  size_t nslots;       /* a power of two, at least twice n */
  const char **strs;   /* in order of first use */
  uint32_t n, cap;
} StrTab;

static void strtab_free(StrTab *t) {
  free(t->slots);
  free((void *)t->strs);
  memset(t, 0, sizeof *t);
}

/* Double the hash table and re-insert every slot. */
static int strtab_grow(StrTab *t) {
  size_t nslots = t->nslots ? t->nslots * 2 : 64;
  StrSlot *slots = calloc(nslots, sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < t->nslots; i++) {
    if (!t->slots[i].ix) continue;
    size_t h = t->slots[i].hash & (nslots - 1);
    while (slots[h].ix) h = (h + 1) & (nslots - 1);
    slots[h] = t->slots[i];
  }
  free(t->slots);
  t->slots = slots;
  t->nslots = nslots;
  return 0;
}

/* Append s to the list of strings; 0 on success, -1 out of memory. */
static int strtab_push(StrTab *t, const char *s) {
  if (t->n == t->cap) {
    uint32_t cap = t->cap ? t->cap * 2 : 64;
    if (cap <= t->cap || cap >= BC_NONE) return -1;
    const char **strs = realloc((void *)t->strs, cap * sizeof *strs);
    if (!strs) return -1;
    t->strs = strs;
    t->cap = cap;
  }
  t->strs[t->n++] = s;
  return 0;
}

/* The index of s, interning it on first use; BC_NONE on failure. */
static uint32_t strtab_intern(StrTab *t, const char *s) {
  if ((size_t)t->n * 2 + 2 > t->nslots && strtab_grow(t) != 0) return BC_NONE;
  uint32_t hash = rt_hash_str(s);
  size_t h = hash & (t->nslots - 1);
  for (; t->slots[h].ix; h = (h + 1) & (t->nslots - 1)) {
    const StrSlot *sl = &t->slots[h];
    if (sl->hash == hash && (t->strs[sl->ix - 1] == s || strcmp(t->strs[sl->ix - 1], s) == 0))
      return sl->ix - 1;
  }
  if (strtab_push(t, s) != 0) return BC_NONE;
  t->slots[h] = (StrSlot){hash, t->n};
  return t->n - 1;
}

/* ---- the writer ---------------------------------------------------------------- */

typedef struct Writer {
  BcBuf *b;     /* where put_* goes */
  StrTab strs;
  int oom;      /* set by any failed allocation; checked once at the end */
} Writer;

static void put_bytes(Writer *w, const void *p, size_t n) {
  if (w->oom || buf_reserve(w->b, n) != 0) {
    w->oom = 1;
    return;
  }
  if (n) memcpy(w->b->data + w->b->len, p, n);
  w->b->len += n;
}

static void put_u8(Writer *w, uint8_t v) { put_bytes(w, &v, 1); }

static void put_u32(Writer *w, uint32_t v) {
  uint8_t b[4];
  store_u32(b, v);
  put_bytes(w, b, 4);
}

static void put_i32(Writer *w, int32_t v) { put_u32(w, (uint32_t)v); }

static void put_i64(Writer *w, int64_t v) {
  uint8_t b[8];
  store_u64(b, (uint64_t)v);
  put_bytes(w, b, 8);
}

/* A string reference: its interned index, BC_NONE for NULL. */
static void put_str(Writer *w, const char *s) {
  uint32_t i = BC_NONE;
  if (s && (i = strtab_intern(&w->strs, s)) == BC_NONE) w->oom = 1;
  put_u32(w, i);
}

/* Start a section: its id and a length patched by section_end. */
static size_t section_begin(Writer *w, enum BcSection id) {
  put_u32(w, (uint32_t)id);
  put_u32(w, 0);
  return w->b->len;
}

static void section_end(Writer *w, size_t start) {
  if (w->oom) return;
  if (w->b->len - start > UINT32_MAX) {
    w->oom = 1;
    return;
  }
  store_u32(w->b->data + start - 4, (uint32_t)(w->b->len - start));
}

/* ---- sections -------------------------------------------------------------------- */

static void write_units(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_UNITS);
  put_u32(w, p->nunits);
  for (uint32_t i = 0; i < p->nunits; i++) {
    put_str(w, p->units[i].name);
    put_u32(w, p->units[i].dim);
    put_i64(w, p->units[i].factor);
  }
  section_end(w, s);
}

static void write_scales(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_SCALES);
  put_u32(w, p->nscales);
  for (uint32_t i = 0; i < p->nscales; i++) {
    const RtScale *sc = &p->scales[i];
    put_str(w, sc->name);
    put_u32(w, sc->nmembers);
    for (uint32_t j = 0; j < sc->nmembers; j++) put_str(w, sc->members[j]);
  }
  section_end(w, s);
}

static void put_band(Writer *w, const RtBand *b) {
  put_i64(w, b->lo);
  put_i64(w, b->hi);
  put_i64(w, b->dflt);
}

static void write_policies(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_POLICIES);
  put_u32(w, p->npolicies);
  for (uint32_t i = 0; i < p->npolicies; i++) {
    const RtPolicy *pol = &p->policies[i];
    put_i64(w, pol->w_output);
    put_i64(w, pol->w_benefit);
    put_i64(w, pol->w_satisfaction);
    put_i64(w, pol->w_rate);
    put_band(w, &pol->met);
    put_band(w, &pol->partial);
    put_band(w, &pol->unmet);
    put_i64(w, pol->grade_excellent);
    put_i64(w, pol->grade_good);
    put_i64(w, pol->grade_fair);
    put_i64(w, pol->overshoot);
    put_i64(w, pol->low_rate);
    put_i64(w, pol->lag);
    put_u8(w, pol->reverse);
  }
  section_end(w, s);
}

static void write_projects(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_PROJECTS);
  put_u32(w, p->nprojects);
  for (uint32_t i = 0; i < p->nprojects; i++) {
    const RtProject *pr = &p->projects[i];
    put_str(w, pr->name);
    put_str(w, pr->key);
    put_str(w, pr->file);
    put_u32(w, pr->line);
    put_i32(w, pr->year);
    put_u32(w, pr->currency);
    put_i64(w, pr->budget);
    put_u32(w, pr->policy);
    put_u32(w, pr->first);
    put_u32(w, pr->nind);
    put_u8(w, pr->english);
  }
  section_end(w, s);
}

static void put_indicator(Writer *w, const RtIndicator *ind) {
  const RtTarget *t = &ind->target;
  put_str(w, ind->id);
  put_str(w, ind->name);
  put_str(w, ind->key);
  put_u32(w, ind->line);
  put_i64(w, ind->points);
  put_u32(w, ind->code);
  put_u32(w, ind->ncode);
  put_i32(w, t->unit);
  put_i64(w, t->value);
  put_i32(w, t->date);
  put_i32(w, t->year);
  put_i32(w, t->scale);
  put_i32(w, t->rank);
  put_str(w, t->text);
  put_u8(w, ind->level1);
  put_u8(w, ind->level2);
  put_u8(w, ind->derived);
  put_u8(w, t->kind);
  put_u8(w, t->cmp);
  put_u8(w, t->explicit_cmp);
}

static void write_indicators(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_INDICATORS);
  put_u32(w, p->nindicators);
  for (uint32_t i = 0; i < p->nindicators; i++) put_indicator(w, &p->indicators[i]);
  section_end(w, s);
}

static void write_fields(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_FIELDS);
  put_u32(w, p->nfields);
  for (uint32_t i = 0; i < p->nfields; i++) put_str(w, p->fields[i]);
  section_end(w, s);
}

static void write_consts(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_CONSTS);
  put_u32(w, p->nconsts);
  for (uint32_t i = 0; i < p->nconsts; i++) put_i64(w, p->consts[i]);
  section_end(w, s);
}

static void write_code(Writer *w, const RtProgram *p) {
  size_t s = section_begin(w, BC_SEC_CODE);
  put_u32(w, p->ncode);
  for (uint32_t i = 0; i < p->ncode; i++) put_u32(w, p->code[i]);
  section_end(w, s);
}

/* The STRINGS section, once every other section has interned its strings. */
static void write_strings(Writer *w) {
  size_t s = section_begin(w, BC_SEC_STRINGS);
  put_u32(w, w->strs.n);
  for (uint32_t i = 0; i < w->strs.n; i++) {
    size_t len = strlen(w->strs.strs[i]);
    if (len > UINT32_MAX) w->oom = 1;
    put_u32(w, (uint32_t)len);
    put_bytes(w, w->strs.strs[i], len);
  }
  section_end(w, s);
}

/* The header with length and CRC left 0 (patched by finish_header). */
static void write_header(Writer *w) {
  put_bytes(w, BC_MAGIC, 4);
  put_u8(w, (uint8_t)(BC_VERSION & 0xFF));
  put_u8(w, (uint8_t)(BC_VERSION >> 8));
  put_u8(w, 0);
  put_u8(w, 0);
  put_u32(w, BC_ENDIAN_CHECK);
  put_i64(w, BC_DEC_CHECK);
  put_u32(w, BC_SEC__COUNT);
  put_u32(w, 0);
  put_u32(w, 0);
}

static void finish_header(Writer *w) {
  BcBuf *b = w->b;
  if (w->oom) return;
  if (b->len - BC_HEADER_SIZE > UINT32_MAX) {
    w->oom = 1;
    return;
  }
  size_t n = b->len - BC_HEADER_SIZE;
  store_u32(b->data + 24, (uint32_t)n);
  store_u32(b->data + 28, bc_crc32(0, b->data + BC_HEADER_SIZE, n));
}

int bc_write(const RtProgram *p, BcBuf *out) {
  Writer w = {0};
  BcBuf body = {0};
  memset(out, 0, sizeof *out);
  w.b = &body;
  write_units(&w, p);
  write_scales(&w, p);
  write_policies(&w, p);
  write_projects(&w, p);
  write_indicators(&w, p);
  write_fields(&w, p);
  write_consts(&w, p);
  write_code(&w, p);
  w.b = out;
  write_header(&w);
  write_strings(&w);
  put_bytes(&w, body.data, body.len);
  finish_header(&w);
  bc_buf_free(&body);
  strtab_free(&w.strs);
  if (!w.oom) return 0;
  bc_buf_free(out);
  return -1;
}

void rt_program_free(RtProgram *p) {
  rt_arena_free(&p->arena);
  memset(p, 0, sizeof *p);
}
