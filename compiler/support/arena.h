/*
 * arena.h - region allocator.  The AST, strings and tables of one
 * compilation live in one Arena and are freed at once (arena_free).
 * Allocation failure aborts with a message: the compiler has no way to
 * continue without memory, and the limits in limits.h keep inputs small
 * enough that this only happens when the machine is exhausted.
 *
 * Nodes and strings come from two chains of blocks: nodes are zeroed and
 * 16-byte aligned, strings are packed byte by byte (a name of 20 bytes
 * takes 21, not 32).  The strings of an arena can outlive its nodes
 * (arena_take_strings): `indc run` keeps the names its bytecode program
 * points to and frees the syntax tree before it loads the data.
 */
#ifndef INDC_ARENA_H
#define INDC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *head;  /* nodes */
  ArenaBlock *strs;  /* strings */
  size_t total;      /* bytes handed out, for limits and statistics */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Free everything allocated, but keep a block for reuse (a scratch arena). */
void arena_reset(Arena *a);
void *arena_alloc(Arena *a, size_t n);           /* zeroed, 16-byte aligned */
/* n bytes for a string (not zeroed, not aligned): the string chain. */
char *arena_alloc_str(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Move every string of `from` (arena_alloc_str, arena_strndup,
 * arena_strdup, arena_printf) into `into`, an initialised arena, where
 * they stay until it is freed.  `from` keeps its nodes and gets new
 * strings from new blocks.
 */
void arena_take_strings(Arena *from, Arena *into);

/*
 * Move everything of `from` (nodes and strings) into `into`, where it
 * stays until `into` is freed; `from` is left empty.  parse_parts.c
 * parses the parts of a large file into arenas of their own, one per
 * thread, and hands their syntax trees over this way.
 */
void arena_adopt(Arena *into, Arena *from);

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
