/*
 * rt_hash.h - the string hash of indc's and libindrt's hash tables:
 * FNV-1a, 32 bits.  Tables use it to place and to compare keys before
 * their bytes; nothing stored in a file depends on it.
 */
#ifndef INDRT_RT_HASH_H
#define INDRT_RT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of s[0..len). */
static inline uint32_t rt_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The hash of the NUL-terminated s, the same as rt_hash(s, strlen(s)). */
static inline uint32_t rt_hash_str(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

#endif
