/*
 * arena.h - region allocator.  The AST, strings and tables of one
 * compilation live in one Arena and are freed at once (arena_free).
 * Allocation failure aborts with a message: the compiler has no way to
 * continue without memory, and the limits in limits.h keep inputs small
 * enough that this only happens when the machine is exhausted.
 */
#ifndef INDC_ARENA_H
#define INDC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *head;
  size_t total;  /* bytes handed out, for limits and statistics */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
void *arena_alloc(Arena *a, size_t n);           /* zeroed, 16-byte aligned */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Growable array in the arena: ARENA_PUSH(a, items, n, cap, value).
 * The old storage is left in the arena (freed with it).
 */
void *arena_grow(Arena *a, void *items, size_t elem, size_t *cap);
#define ARENA_PUSH(ar, items, n, cap, value)                               \
  do {                                                                     \
    if ((n) == (cap))                                                      \
      (items) = arena_grow((ar), (items), sizeof *(items), &(cap));        \
    (items)[(n)++] = (value);                                              \
  } while (0)

#endif
