/*
 * test_arena.c - the memory of a compilation (issue 3, large specs): the
 * arena's two chains (aligned zeroed nodes, packed strings) and its
 * strings outliving its nodes (arena_take_strings, as `indc run` does);
 * arena_reset; interned strings (support/intern.c); and the scanner,
 * which reads a Source in place, leaving its text exactly as read.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/front/parse.h"
#include "../../compiler/support/arena.h"
#include "../../compiler/support/intern.h"
#include "model.h"

START_TEST(nodes_aligned_and_zeroed) {
  Arena a;
  arena_init(&a);
  for (size_t n = 1; n < 100; n += 7) {
    (void)arena_strndup(&a, "odd", 3); /* strings do not shift the nodes */
    unsigned char *p = arena_alloc(&a, n);
    ck_assert_uint_eq((uintptr_t)p % 16, 0);
    for (size_t i = 0; i < n; i++) ck_assert_uint_eq(p[i], 0);
    memset(p, 0xAB, n);
  }
  arena_free(&a);
}
END_TEST

/* Strings are packed: consecutive ones are adjacent, no padding. */
START_TEST(strings_packed) {
  Arena a;
  arena_init(&a);
  char *x = arena_strndup(&a, "abc", 3), *y = arena_strdup(&a, "de");
  ck_assert_str_eq(x, "abc");
  ck_assert_str_eq(y, "de");
  ck_assert_ptr_eq(y, x + 4);
  ck_assert_str_eq(arena_printf(&a, "%d|%s", 7, "x"), "7|x");
  arena_free(&a);
}
END_TEST

/* Blocks larger than the block size, for both chains. */
START_TEST(big_allocations) {
  Arena a;
  arena_init(&a);
  char *s = arena_strdup(&a, "first");
  size_t big = 3u << 20;
  char *b = arena_alloc_str(&a, big);
  memset(b, 'x', big);
  unsigned char *n = arena_alloc(&a, big);
  ck_assert_uint_eq(n[big - 1], 0);
  char *t = arena_strdup(&a, "after");
  ck_assert_str_eq(s, "first");
  ck_assert_str_eq(t, "after");
  ck_assert_ptr_eq(t, s + 6); /* the big one did not end the current block */
  arena_free(&a);
}
END_TEST

/* The strings move to another arena and outlive the nodes (ASan checks
 * the reads after arena_free). */
START_TEST(take_strings) {
  Arena a, keep;
  arena_init(&a);
  arena_init(&keep);
  const char *kept = arena_strdup(&keep, "kept");
  const char *names[200];
  for (int i = 0; i < 200; i++) {
    names[i] = arena_printf(&a, "name %d", i);
    (void)arena_alloc(&a, 10000);
    if (i % 50 == 0) (void)arena_alloc_str(&a, 2u << 20); /* several blocks */
  }
  arena_take_strings(&a, &keep);
  const char *later = arena_strdup(&a, "later"); /* a keeps working */
  ck_assert_str_eq(later, "later");
  arena_free(&a);
  for (int i = 0; i < 200; i++) {
    char want[32];
    snprintf(want, sizeof want, "name %d", i);
    ck_assert_str_eq(names[i], want);
  }
  ck_assert_str_eq(kept, "kept");
  arena_free(&keep);
}
END_TEST

START_TEST(reset_reuses) {
  Arena a;
  arena_init(&a);
  char *first = arena_strdup(&a, "one");
  for (int i = 0; i < 3; i++) (void)arena_alloc_str(&a, 1u << 20);
  unsigned char *node = arena_alloc(&a, 32);
  memset(node, 1, 32);
  arena_reset(&a);
  ck_assert_uint_eq(a.total, 0);
  char *again = arena_strdup(&a, "two");
  ck_assert_str_eq(again, "two");
  unsigned char *node2 = arena_alloc(&a, 32);
  for (int i = 0; i < 32; i++) ck_assert_uint_eq(node2[i], 0);
  (void)first;
  arena_free(&a);
}
END_TEST

START_TEST(intern_shares) {
  Arena a;
  Intern t;
  arena_init(&a);
  intern_init(&t, &a);
  const char *x = intern_get(&t, "人次 and more", 6);
  ck_assert_str_eq(x, "人次");
  ck_assert_ptr_eq(intern_get(&t, "人次", 6), x);
  ck_assert_ptr_ne(intern_get(&t, "人", 3), x);
  ck_assert_str_eq(intern_get(&t, "", 0), "");
  const char *all[3000];
  char buf[16];
  for (int i = 0; i < 3000; i++) { /* through several growths */
    int n = snprintf(buf, sizeof buf, "%d", i);
    all[i] = intern_get(&t, buf, (size_t)n);
  }
  for (int i = 0; i < 3000; i++) {
    int n = snprintf(buf, sizeof buf, "%d", i);
    ck_assert_ptr_eq(intern_get(&t, buf, (size_t)n), all[i]);
    ck_assert_str_eq(all[i], buf);
  }
  ck_assert_ptr_eq(intern_get(&t, "人次", 6), x);
  intern_free(&t);
  arena_free(&a);
}
END_TEST

/* The scanner reads the Source in place: after a parse, with errors at
 * the ends of tokens and of the file, the text is byte for byte as read,
 * and the names of the tree are the same text (interned units shared). */
START_TEST(scan_in_place) {
  static const char text[] =
      "年度 2023\n项目 \"甲\" {\n  预算数 10\n  产出指标 { 数量指标 {\n"
      "    指标 \"一\": ≥15 场\n    指标 \"二\": ≥20 场 { 描述 \"x\"\"y\" }\n"
      "    指标 \"三\": 2023年11月底前完成\n  } }\n} 。 \"open";
  SourceSet ss;
  DiagList dl;
  Arena arena;
  src_init(&ss);
  diag_init(&dl);
  arena_init(&arena);
  uint32_t id = src_add(&ss, "<test>", text, sizeof text - 1);
  File *f = parse_file(&arena, &dl, &ss, id);
  const Source *s = src_get(&ss, id);
  ck_assert_uint_eq(s->len, sizeof text - 1);
  ck_assert(memcmp(s->text, text, sizeof text) == 0); /* and the NUL after it */
  ck_assert_int_eq(s->text[s->len + 1], '\0');
  ck_assert_uint_gt(dl.nerrors, 0);
  ck_assert_uint_eq(f->nprojects, 1);
  CatBlock *q = f->projects[0]->cats[0]->subs[0];
  ck_assert_uint_eq(q->ninds, 3);
  ck_assert_str_eq(q->inds[0]->target->u.q.unit, "场");
  ck_assert_ptr_eq(q->inds[0]->target->u.q.unit, q->inds[1]->target->u.q.unit);
  ck_assert_str_eq(q->inds[2]->target->u.deadline.text, "2023年11月底前完成");
  arena_free(&arena);
  diag_free(&dl);
  src_free(&ss);
}
END_TEST

/* arena_adopt: the nodes and strings of one arena move to another, whose
 * current blocks stay in use; the first is left empty and reusable. */
START_TEST(adopt_moves_all) {
  Arena into, from;
  arena_init(&into);
  arena_init(&from);
  char *a = arena_strdup(&into, "into");
  int *n = arena_alloc(&into, sizeof *n);
  *n = 7;
  char *b = arena_strdup(&from, "from");
  char *big = arena_alloc(&from, (size_t)3 << 20); /* a block of its own */
  memset(big, 'x', (size_t)3 << 20);
  size_t total = into.total + from.total;
  arena_adopt(&into, &from);
  ck_assert_uint_eq(into.total, total);
  ck_assert_uint_eq(from.total, 0);
  ck_assert_ptr_null(from.head);
  ck_assert_ptr_null(from.strs);
  char *c = arena_strdup(&into, "after"); /* into's current string block goes on */
  ck_assert_ptr_eq(c, a + 5);
  ck_assert_str_eq(b, "from");
  ck_assert_int_eq(*n, 7);
  ck_assert_int_eq(big[((size_t)3 << 20) - 1], 'x');
  ck_assert_str_eq(arena_strdup(&from, "again"), "again");
  arena_adopt(&into, &from);
  arena_adopt(&into, &from); /* nothing to move */
  arena_free(&into); /* frees what from had too: valgrind and ASan tell a leak */
  arena_free(&from);
}
END_TEST

/* The runtime's arena (runtime/rt_util.c): rt_arena_adopt as arena_adopt,
 * rt_alloc_dense zeroed like rt_alloc. */
START_TEST(rt_adopt_and_dense) {
  RtArena into, from;
  rt_arena_init(&into, 0);
  rt_arena_init(&from, 0);
  char *a = rt_strndup(&into, "into", 4);
  char *b = rt_strndup(&from, "from", 4);
  size_t nbig = (size_t)5 << 20;
  unsigned char *big = rt_alloc_dense(&from, nbig); /* a block of its own, zeroed */
  ck_assert_ptr_nonnull(big);
  for (size_t i = 0; i < nbig; i += 4093) ck_assert_uint_eq(big[i], 0);
  ck_assert_uint_eq(big[nbig - 1], 0);
  big[nbig - 1] = 9;
  size_t used = into.used + from.used;
  rt_arena_adopt(&into, &from);
  ck_assert_uint_eq(into.used, used);
  ck_assert_uint_eq(from.used, 0);
  ck_assert_ptr_null(from.head);
  char *c = rt_strndup(&into, "after", 5); /* into's current block goes on */
  ck_assert_ptr_eq(c, a + 16);
  ck_assert_str_eq(a, "into");
  ck_assert_str_eq(b, "from");
  ck_assert_uint_eq(big[nbig - 1], 9);
  rt_arena_adopt(&into, &from); /* nothing to move */
  rt_arena_free(&into); /* frees what from had too: valgrind and ASan tell a leak */
  rt_arena_free(&from);
}
END_TEST

/* rt_populate only faults pages in: what they hold stays, whatever the
 * alignment and the length (zero included). */
START_TEST(populate_keeps_contents) {
  size_t n = (size_t)3 << 20;
  unsigned char *p = malloc(n);
  ck_assert_ptr_nonnull(p);
  for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 7 + 3);
  rt_populate(p + 1, n - 2);
  rt_populate(p, n);
  rt_populate(p + 100, 0);
  rt_populate(p + 4000, 200); /* inside one page: no whole page */
  for (size_t i = 0; i < n; i++)
    if (p[i] != (unsigned char)(i * 7 + 3)) ck_abort_msg("byte %zu changed", i);
  free(p);
}
END_TEST

Suite *arena_suite(void); /* called by check_main.c */

Suite *arena_suite(void) {
  Suite *s = suite_create("arena");
  TCase *tc = tcase_create("arena");
  tcase_add_test(tc, nodes_aligned_and_zeroed);
  tcase_add_test(tc, strings_packed);
  tcase_add_test(tc, big_allocations);
  tcase_add_test(tc, take_strings);
  tcase_add_test(tc, reset_reuses);
  tcase_add_test(tc, intern_shares);
  tcase_add_test(tc, scan_in_place);
  tcase_add_test(tc, adopt_moves_all);
  tcase_add_test(tc, rt_adopt_and_dense);
  tcase_add_test(tc, populate_keeps_contents);
  suite_add_tcase(s, tc);
  return s;
}
