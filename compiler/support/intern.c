/* intern.c - interned strings; see intern.h. */
#include "intern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_hash.h"

void intern_init(Intern *t, Arena *arena) {
  memset(t, 0, sizeof *t);
  t->arena = arena;
}

void intern_free(Intern *t) {
  free(t->slots);
  t->slots = NULL;
  t->n = t->cap = 0;
}

static void intern_grow(Intern *t) {
  size_t ncap = t->cap ? t->cap * 2 : 256;
  InternSlot *ns = calloc(ncap, sizeof *ns);
  if (!ns) {
    fputs("indc: fatal: out of memory\n", stderr);
    abort();
  }
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->slots[i].s) continue;
    size_t j = t->slots[i].hash & (ncap - 1);
    while (ns[j].s) j = (j + 1) & (ncap - 1);
    ns[j] = t->slots[i];
  }
  free(t->slots);
  t->slots = ns;
  t->cap = ncap;
}

const char *intern_get(Intern *t, const char *s, size_t len) {
  if ((t->n + 1) * 2 > t->cap) intern_grow(t);
  uint32_t h = rt_hash(s, len);
  size_t i = h & (t->cap - 1);
  for (; t->slots[i].s; i = (i + 1) & (t->cap - 1)) {
    const InternSlot *e = &t->slots[i];
    if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0) return e->s;
  }
  const char *copy = arena_strndup(t->arena, s, len);
  t->slots[i] = (InternSlot){copy, (uint32_t)len, h};
  t->n++;
  return copy;
}
