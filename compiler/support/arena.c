/* arena.c - region allocator; see arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h" /* rt_populate */

struct ArenaBlock {
  ArenaBlock *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
};

/* Block size.  Large enough that malloc maps each block on its own (above
 * its mmap threshold), so freeing a big arena gives the memory back to the
 * system at once: `indc run` loads its data into it. */
enum { ARENA_BLOCK = 1024 * 1024 };

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("indc: fatal: out of memory\n", stderr);
    abort();
  }
  return p;
}

void arena_init(Arena *a) {
  a->head = NULL;
  a->strs = NULL;
  a->total = 0;
}

static void arena_free_chain(ArenaBlock *b) {
  while (b) {
    ArenaBlock *next = b->next;
    free(b);
    b = next;
  }
}

void arena_free(Arena *a) {
  arena_free_chain(a->head);
  arena_free_chain(a->strs);
  arena_init(a);
}

/* Keep the first block of a chain, emptied; free the others. */
static void arena_reset_chain(ArenaBlock *b) {
  if (!b) return;
  arena_free_chain(b->next);
  b->next = NULL;
  b->used = 0;
}

void arena_reset(Arena *a) {
  arena_reset_chain(a->head);
  arena_reset_chain(a->strs);
  a->total = 0;
}

/* n bytes (a multiple of the alignment wanted) from the chain *head. */
static void *arena_take(ArenaBlock **head, size_t n) {
  ArenaBlock *b = *head;
  if (!b || b->size - b->used < n) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = xmalloc(sizeof *b + size);
    rt_populate(b, sizeof *b + size); /* filled from here on, or zeroed whole by arena_alloc */
    b->size = size;
    b->used = 0;
    if (*head && n > ARENA_BLOCK) { /* a big one: keep filling the current block */
      b->used = size;
      b->next = (*head)->next;
      (*head)->next = b;
      return b->data;
    }
    b->next = *head;
    *head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

void *arena_alloc(Arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  void *p = arena_take(&a->head, n);
  a->total += n;
  memset(p, 0, n);
  return p;
}

char *arena_alloc_str(Arena *a, size_t n) {
  a->total += n;
  return arena_take(&a->strs, n ? n : 1);
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc_str(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = arena_alloc_str(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void arena_take_strings(Arena *from, Arena *into) {
  ArenaBlock **tail = &into->strs;
  while (*tail) tail = &(*tail)->next;
  *tail = from->strs; /* behind into's own blocks: its current block stays first */
  from->strs = NULL;
}

/* Put the chain *from behind the first block of *into (whose free space
 * stays in use), or make it the chain. */
static void arena_splice(ArenaBlock **into, ArenaBlock **from) {
  if (!*from) return;
  ArenaBlock *last = *from;
  while (last->next) last = last->next;
  if (*into) {
    last->next = (*into)->next;
    (*into)->next = *from;
  } else {
    *into = *from;
  }
  *from = NULL;
}

void arena_adopt(Arena *into, Arena *from) {
  arena_splice(&into->head, &from->head);
  arena_splice(&into->strs, &from->strs);
  into->total += from->total;
  from->total = 0;
}

void *arena_grow(Arena *a, void *items, size_t elem, size_t *cap) {
  size_t ncap = *cap ? *cap * 2 : 8;
  void *p = arena_alloc(a, ncap * elem);
  if (items) memcpy(p, items, *cap * elem);
  *cap = ncap;
  return p;
}
