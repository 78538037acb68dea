/* strmap.c - string hash map; see strmap.h. */
#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h" /* rt_populate */

static uint64_t strmap_hash(const char *s) {
  uint64_t h = 14695981039346656037u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

void strmap_init(StrMap *m) { memset(m, 0, sizeof *m); }

void strmap_free(StrMap *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}

void strmap_clear(StrMap *m) {
  if (m->slots) memset(m->slots, 0, m->cap * sizeof *m->slots);
  m->n = 0;
}

static StrMapSlot *strmap_find(StrMapSlot *slots, size_t cap, const char *key, uint64_t h) {
  size_t i = h & (cap - 1);
  while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
    i = (i + 1) & (cap - 1);
  return &slots[i];
}

void *strmap_get(const StrMap *m, const char *key) {
  if (!m->cap) return NULL;
  StrMapSlot *s = strmap_find(m->slots, m->cap, key, strmap_hash(key));
  return s->key ? s->val : NULL;
}

static void strmap_grow(StrMap *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  StrMapSlot *ns = calloc(ncap, sizeof *ns);
  if (!ns) {
    fputs("indc: fatal: out of memory\n", stderr);
    abort();
  }
  rt_populate(ns, ncap * sizeof *ns); /* probes touch every page of a large table */
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].key) *strmap_find(ns, ncap, m->slots[i].key, m->slots[i].hash) = m->slots[i];
  free(m->slots);
  m->slots = ns;
  m->cap = ncap;
}

void *strmap_put(StrMap *m, const char *key, void *val) {
  if ((m->n + 1) * 2 > m->cap) strmap_grow(m);
  uint64_t h = strmap_hash(key);
  StrMapSlot *s = strmap_find(m->slots, m->cap, key, h);
  if (s->key) return s->val;
  s->key = key;
  s->hash = h;
  s->val = val;
  m->n++;
  return NULL;
}
