/*
 * strmap.h - a hash map from NUL-terminated strings to pointers (open
 * addressing, FNV-1a).  Keys are not copied: they must outlive the map
 * (they live in the compilation's arena).  Used where a linear search would
 * make a pass quadratic: duplicate projects, indicators and ids.
 */
#ifndef INDC_STRMAP_H
#define INDC_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct StrMapSlot {
  const char *key;
  uint64_t hash;
  void *val;
} StrMapSlot;

typedef struct StrMap {
  StrMapSlot *slots;
  size_t n, cap;
} StrMap;

void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Remove every entry, keeping the storage. */
void strmap_clear(StrMap *m);
void *strmap_get(const StrMap *m, const char *key);
/* Insert key -> val unless key is present; returns the present value, or
 * NULL when val was inserted. */
void *strmap_put(StrMap *m, const char *key, void *val);

#endif
