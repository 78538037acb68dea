/*
 * intern.h - a table of interned strings: each distinct text stored once,
 * in an Arena.  The parser interns the short tokens that repeat thousands
 * of times in a large spec (units such as 人次 or 万元, numbers as written,
 * dates), so equal texts share one copy.  The table itself is malloc'd
 * and freed with intern_free; the strings stay in the arena.
 */
#ifndef INDC_INTERN_H
#define INDC_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct InternSlot {
  const char *s;   /* NULL: empty */
  uint32_t len;
  uint32_t hash;
} InternSlot;

typedef struct Intern {
  Arena *arena;    /* where the strings go */
  InternSlot *slots;
  size_t n, cap;   /* cap: a power of two, at least twice n */
} Intern;

void intern_init(Intern *t, Arena *arena);
void intern_free(Intern *t); /* the table; the strings stay in the arena */

/*
 * The interned copy of s[0..len) (NUL-terminated; s need not be).  Equal
 * texts give the same pointer.  Running out of memory aborts, as the
 * arena does.
 */
const char *intern_get(Intern *t, const char *s, size_t len);

#endif
