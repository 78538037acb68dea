/*
 * test_source.c - source buffers, UTF-8 validation, lines and columns,
 * display width, and the bounded file reader (compiler/support/source.c).
 */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../compiler/support/source.h"

/* Validate a string literal (its bytes, without the terminating NUL). */
#define VALID(lit, badp) src_validate_utf8((lit), sizeof(lit) - 1, (badp))

static void check_invalid_at(const char *s, size_t len, size_t at) {
  size_t bad = 9999;
  ck_assert_int_eq(src_validate_utf8(s, len, &bad), 0);
  ck_assert_uint_eq(bad, at);
}
#define INVALID_AT(lit, at) check_invalid_at((lit), sizeof(lit) - 1, (at))

/* ---- UTF-8 ------------------------------------------------------------ */

START_TEST(utf8_valid) {
  size_t bad = 9999;
  ck_assert_int_eq(VALID("", &bad), 1);
  ck_assert_int_eq(VALID("plain ASCII\t\r\n~", &bad), 1);
  ck_assert_int_eq(VALID("指标 \"举办活动场次\": ≥15 场次", &bad), 1);
  ck_assert_int_eq(VALID("\xC2\x80\xDF\xBF", &bad), 1);         /* U+0080 U+07FF */
  ck_assert_int_eq(VALID("\xE0\xA0\x80\xEF\xBF\xBF", &bad), 1); /* U+0800 U+FFFF */
  ck_assert_int_eq(VALID("\xED\x9F\xBF\xEE\x80\x80", &bad), 1); /* U+D7FF U+E000 */
  ck_assert_int_eq(VALID("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", &bad), 1); /* U+10000 U+10FFFF */
  ck_assert_int_eq(VALID("\xEF\xBB\xBF" "bom", &bad), 1);
  ck_assert_uint_eq(bad, 9999); /* untouched when valid */
}
END_TEST

START_TEST(utf8_overlong) {
  INVALID_AT("ab\xC0\x80", 2);          /* overlong NUL */
  INVALID_AT("\xC1\xBF", 0);            /* overlong U+007F */
  INVALID_AT("x\xE0\x80\x80", 1);       /* overlong 3-byte */
  INVALID_AT("\xE0\x9F\xBF", 0);        /* overlong U+07FF */
  INVALID_AT("\xF0\x8F\xBF\xBF", 0);    /* overlong U+FFFF */
}
END_TEST

START_TEST(utf8_surrogates_and_range) {
  INVALID_AT("\xED\xA0\x80", 0);        /* U+D800 */
  INVALID_AT("ok\xED\xBF\xBF", 2);      /* U+DFFF */
  INVALID_AT("\xF4\x90\x80\x80", 0);    /* U+110000 */
  INVALID_AT("\xF5\x80\x80\x80", 0);
  INVALID_AT("\xFF", 0);
  INVALID_AT("\xFE", 0);
}
END_TEST

START_TEST(utf8_truncated_and_stray) {
  INVALID_AT("中\xE6\x96", 3);          /* truncated at end of text */
  INVALID_AT("\xE4\xB8" "a", 0);        /* truncated before ASCII */
  INVALID_AT("\xF0\x9F\x98", 0);
  INVALID_AT("a\x80", 1);               /* stray continuation byte */
  INVALID_AT("中\xB8", 3);
  INVALID_AT("\xC2", 0);
}
END_TEST

START_TEST(utf8_nul) {
  static const char text[] = "ab\0cd";
  size_t bad = 9999;
  ck_assert_int_eq(src_validate_utf8(text, 5, &bad), 0);
  ck_assert_uint_eq(bad, 2);
  ck_assert_int_eq(text[bad], '\0'); /* how the lexer tells E0108 from E0101 */
}
END_TEST

START_TEST(utf8_decode) {
  int32_t cp;
  ck_assert_uint_eq(src_utf8_decode("A", 1, &cp), 1);
  ck_assert_int_eq(cp, 'A');
  ck_assert_uint_eq(src_utf8_decode("中", 3, &cp), 3);
  ck_assert_int_eq(cp, 0x4E2D);
  ck_assert_uint_eq(src_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
  ck_assert_int_eq(cp, 0x1F600);
  ck_assert_uint_eq(src_utf8_decode("中", 2, &cp), 1); /* cut short */
  ck_assert_int_eq(cp, -1);
  ck_assert_uint_eq(src_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
  ck_assert_int_eq(cp, -1);
  ck_assert_uint_eq(src_utf8_decode("\x80", 1, &cp), 1);
  ck_assert_int_eq(cp, -1);
}
END_TEST

/* ---- lines and columns ------------------------------------------------ */

static SourceSet ss;

static void setup(void) { src_init(&ss); }
static void teardown(void) { src_free(&ss); }

static const Source *add(const char *text) {
  return src_get(&ss, src_add(&ss, "t.ind", text, strlen(text)));
}

static void check_lc(const Source *s, uint32_t off, uint32_t line,
                     uint32_t col) {
  uint32_t l = 0, c = 0;
  src_linecol(s, off, &l, &c);
  ck_assert_msg(l == line && c == col, "offset %u: got %u:%u, want %u:%u",
                (unsigned)off, (unsigned)l, (unsigned)c, (unsigned)line,
                (unsigned)col);
}

static void check_line(const Source *s, uint32_t off, const char *want) {
  uint32_t start, len;
  src_line_at(s, off, &start, &len);
  ck_assert_uint_eq(len, strlen(want));
  ck_assert(memcmp(s->text + start, want, len) == 0);
}

START_TEST(add_copies) {
  char buf[] = "abc";
  uint32_t i = src_add(&ss, "a.ind", buf, 3);
  buf[0] = 'X';
  const Source *s = src_get(&ss, i);
  ck_assert_str_eq(s->text, "abc");
  ck_assert_str_eq(s->path, "a.ind");
  ck_assert_uint_eq(s->len, 3);
  ck_assert_uint_eq(src_add(&ss, "b.ind", "", 0), 1);
  ck_assert_ptr_null(src_get(&ss, 2));
  ck_assert_ptr_null(src_get(&ss, UINT32_MAX));
}
END_TEST

START_TEST(lines_index) {
  ck_assert_uint_eq(add("")->nlines, 1);
  ck_assert_uint_eq(add("a")->nlines, 1);
  ck_assert_uint_eq(add("a\n")->nlines, 1); /* a final newline ends a line */
  ck_assert_uint_eq(add("a\n\n")->nlines, 2);
  ck_assert_uint_eq(add("a\nb")->nlines, 2);
  ck_assert_uint_eq(add("a\r\nb\r\n")->nlines, 2);
  ck_assert_uint_eq(add("a\rb\rc")->nlines, 1); /* lone CR is no newline */
  const Source *s = add("ab\ncd\r\nef");
  ck_assert_uint_eq(s->lines[0], 0);
  ck_assert_uint_eq(s->lines[1], 3);
  ck_assert_uint_eq(s->lines[2], 7);
}
END_TEST

START_TEST(lines_crlf) {
  const Source *s = add("ab\r\ncd\r\n");
  check_line(s, 0, "ab");
  check_line(s, 2, "ab"); /* the CR */
  check_line(s, 3, "ab"); /* the LF */
  check_line(s, 4, "cd");
  check_lc(s, 4, 2, 1);
  check_lc(s, 2, 1, 3); /* at the CR: just after "ab" */
  check_lc(s, 8, 2, 3); /* end of file after the final CRLF */
}
END_TEST

START_TEST(lines_lone_cr) {
  const Source *s = add("a\rb\nc");
  check_line(s, 0, "a\rb");
  check_lc(s, 2, 1, 3);
  check_lc(s, 4, 2, 1);
}
END_TEST

START_TEST(columns_in_code_points) {
  /* 指 and 标 are three bytes each. */
  const Source *s = add("x\n指标 \"举办\": 15");
  check_lc(s, 0, 1, 1);
  check_lc(s, 2, 2, 1);
  check_lc(s, 5, 2, 2);   /* 标 */
  check_lc(s, 8, 2, 3);   /* the space */
  check_lc(s, 10, 2, 5);  /* 举 */
  check_lc(s, 11, 2, 5);  /* inside 举: its start */
  check_lc(s, 12, 2, 5);
  check_lc(s, 13, 2, 6);  /* 办 */
}
END_TEST

START_TEST(columns_at_end_of_file) {
  const Source *s = add("ab\ncd\n");
  check_lc(s, 6, 2, 3); /* after "cd", not on an empty third line */
  check_line(s, 6, "cd");
  check_lc(s, 5, 2, 3); /* at the final newline */
  s = add("ab\ncd");
  check_lc(s, 5, 2, 3);
  s = add("ab\n\n");
  check_lc(s, 4, 2, 1); /* the file's last line is empty */
  s = add("");
  check_lc(s, 0, 1, 1);
  check_line(s, 0, "");
  s = add("中");
  check_lc(s, 3, 1, 2);
  check_lc(s, 1000, 1, 2); /* beyond the end: clamped */
}
END_TEST

START_TEST(columns_bom) {
  const Source *s = add("\xEF\xBB\xBF" "ab\ncd");
  check_lc(s, 3, 1, 1);
  check_lc(s, 4, 1, 2);
  check_lc(s, 0, 1, 1);
  check_line(s, 3, "ab");
  check_lc(s, 7, 2, 2);
}
END_TEST

START_TEST(columns_invalid_bytes) {
  /* Each bad byte counts as one column. */
  const Source *s = add("a\xE4\xB8" "b");
  check_lc(s, 3, 1, 4);
  check_lc(s, 2, 1, 3); /* the stray 0xB8 is a character of its own */
}
END_TEST

START_TEST(char_start) {
  static const char t[] = "a中\xE4\xB8" "b";
  size_t end = sizeof t - 1;
  ck_assert_uint_eq(src_char_start(t, 0, end, 0), 0);
  ck_assert_uint_eq(src_char_start(t, 0, end, 1), 1);
  ck_assert_uint_eq(src_char_start(t, 0, end, 2), 1); /* inside 中 */
  ck_assert_uint_eq(src_char_start(t, 0, end, 3), 1);
  ck_assert_uint_eq(src_char_start(t, 0, end, 4), 4); /* bad lead byte */
  ck_assert_uint_eq(src_char_start(t, 0, end, 5), 5); /* stray 0xB8 */
  ck_assert_uint_eq(src_char_start(t, 0, end, 6), 6);
  ck_assert_uint_eq(src_char_start(t, 0, end, end), end);
}
END_TEST

START_TEST(lines_binary_search) {
  enum { N = 1000 };
  char *text = malloc(N * 4 + 1), *p = text;
  for (int i = 0; i < N; i++) p += sprintf(p, "%c\n", i % 2 ? 'a' : 'b');
  /* lines of 2 bytes: "a\n" */
  const Source *s = src_get(&ss, src_add(&ss, "big.ind", text, strlen(text)));
  free(text);
  ck_assert_uint_eq(s->nlines, N);
  for (uint32_t i = 0; i < N; i++) {
    check_lc(s, 2 * i, i + 1, 1);
    check_lc(s, 2 * i + 1, i + 1, 2);
  }
}
END_TEST

/* ---- display width ---------------------------------------------------- */

#define WIDTH(lit, start) src_display_width((lit), sizeof(lit) - 1, (start))

START_TEST(width_basic) {
  ck_assert_uint_eq(WIDTH("", 0), 0);
  ck_assert_uint_eq(WIDTH("abc", 0), 3);
  ck_assert_uint_eq(WIDTH("指标", 0), 4);
  ck_assert_uint_eq(WIDTH("（：，）", 0), 8);     /* full-width punctuation */
  ck_assert_uint_eq(WIDTH("\xE3\x80\x80", 0), 2); /* U+3000 */
  ck_assert_uint_eq(WIDTH("e\xCC\x81", 0), 1);    /* e + combining acute */
  ck_assert_uint_eq(WIDTH("“x”", 0), 3);          /* ambiguous width: 1 */
  ck_assert_uint_eq(WIDTH("\xF0\x9F\x98\x80", 0), 2);
}
END_TEST

START_TEST(width_tabs) {
  ck_assert_uint_eq(WIDTH("\t", 0), 8);
  ck_assert_uint_eq(WIDTH("\t", 3), 5);
  ck_assert_uint_eq(WIDTH("\t", 8), 8);
  ck_assert_uint_eq(WIDTH("ab\tc", 0), 9);
  ck_assert_uint_eq(WIDTH("指\t", 0), 8);
  ck_assert_uint_eq(WIDTH("\t\t", 1), 15);
  ck_assert_uint_eq(WIDTH("1234567\t", 0), 8); /* the boundary: 7 -> 8 */
  ck_assert_uint_eq(WIDTH("12345678\t", 0), 16);
}
END_TEST

START_TEST(width_controls_and_bad_bytes) {
  ck_assert_uint_eq(WIDTH("a\rb", 0), 3);
  ck_assert_uint_eq(WIDTH("\x1B", 0), 1);
  ck_assert_uint_eq(WIDTH("\x7F", 0), 1);
  ck_assert_uint_eq(WIDTH("\xE4\xB8", 0), 2);
}
END_TEST

/* ---- reading files ---------------------------------------------------- */

/* A temporary file holding len bytes of text; returns its path. */
static char *temp_file(const char *text, size_t len) {
  static char path[64];
  strcpy(path, "/tmp/indc_test_src_XXXXXX");
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
  close(fd);
  return path;
}

START_TEST(read_file_ok) {
  static const char text[] = "项目 \"x\" {\r\n}\n";
  char *path = temp_file(text, sizeof text - 1);
  int64_t id = src_read_file(&ss, path, 1 << 20);
  ck_assert_int_eq(id, 0);
  const Source *s = src_get(&ss, 0);
  ck_assert_uint_eq(s->len, sizeof text - 1);
  ck_assert_str_eq(s->text, text);
  ck_assert_str_eq(s->path, path);
  ck_assert_uint_eq(s->nlines, 2);
  unlink(path);
}
END_TEST

START_TEST(read_file_empty) {
  char *path = temp_file("", 0);
  ck_assert_int_eq(src_read_file(&ss, path, 0), 0);
  ck_assert_uint_eq(src_get(&ss, 0)->len, 0);
  ck_assert_str_eq(src_get(&ss, 0)->text, "");
  unlink(path);
}
END_TEST

START_TEST(read_file_limit) {
  char *path = temp_file("0123456789", 10);
  ck_assert_int_eq(src_read_file(&ss, path, 10), 0); /* at the limit */
  errno = 0;
  ck_assert_int_eq(src_read_file(&ss, path, 9), -1); /* one past it */
  ck_assert_int_eq(errno, EFBIG);
  ck_assert_uint_eq(ss.nfiles, 1); /* nothing added */
  unlink(path);
}
END_TEST

START_TEST(read_file_large) {
  /* Larger than the first read chunk, so the buffer has to grow. */
  size_t n = 200000;
  char *text = malloc(n);
  for (size_t i = 0; i < n; i++) text[i] = i % 64 == 63 ? '\n' : 'a';
  char *path = temp_file(text, n);
  ck_assert_int_eq(src_read_file(&ss, path, n), 0);
  ck_assert_uint_eq(src_get(&ss, 0)->len, n);
  ck_assert(memcmp(src_get(&ss, 0)->text, text, n) == 0);
  errno = 0;
  ck_assert_int_eq(src_read_file(&ss, path, n - 1), -1);
  ck_assert_int_eq(errno, EFBIG);
  ck_assert_uint_eq(ss.nfiles, 1);
  free(text);
  unlink(path);
}
END_TEST

START_TEST(read_file_errors) {
  errno = 0;
  ck_assert_int_eq(src_read_file(&ss, "/nonexistent/dir/x.ind", 100), -1);
  ck_assert_int_eq(errno, ENOENT);
  errno = 0;
  ck_assert_int_eq(src_read_file(&ss, "/tmp", 100), -1); /* a directory */
  ck_assert_int_ne(errno, 0);
  ck_assert_uint_eq(ss.nfiles, 0);
}
END_TEST

/* ---- src_line, the end marks, src_drop_texts (large specs) ------------ */

/* src_line gives src_linecol's line for every offset, from any hint. */
START_TEST(line_with_hint) {
  const Source *s = add("a\n\n指标 x\r\nlast line\n\nend");
  for (size_t hint0 = 0; hint0 <= s->nlines + 1; hint0++) {
    size_t hint = hint0;
    for (uint32_t off = 0; off <= s->len + 2; off++) {
      uint32_t line, col;
      src_linecol(s, off, &line, &col);
      ck_assert_uint_eq(src_line(s, off, &hint), line);
      ck_assert_uint_lt(hint, s->nlines);
    }
  }
}
END_TEST

/* A line far past the hint: the gallop and the search after it. */
START_TEST(line_gallop) {
  char text[4000];
  for (size_t i = 0; i < sizeof text - 1; i++) text[i] = i % 3 == 2 ? '\n' : 'x';
  text[sizeof text - 1] = '\0';
  const Source *s = add(text);
  size_t hint = 0;
  for (uint32_t off = 0; off < s->len; off += 97) {
    uint32_t line, col;
    src_linecol(s, off, &line, &col);
    ck_assert_uint_eq(src_line(s, off, &hint), line);
  }
  hint = s->nlines - 1; /* backwards: a fresh search */
  ck_assert_uint_eq(src_line(s, 4, &hint), 2);
}
END_TEST

/* Two NULs end every text: the scanner reads it in place (parse.c). */
START_TEST(text_ends_in_two_nuls) {
  const Source *s = add("项目");
  ck_assert_uint_eq(s->len, 6);
  ck_assert_int_eq(s->text[6], '\0');
  ck_assert_int_eq(s->text[7], '\0');
}
END_TEST

START_TEST(drop_texts_keeps_lines) {
  const Source *s = add("a\nb\nc");
  src_drop_texts(&ss);
  ck_assert_ptr_null(s->text);
  ck_assert_str_eq(s->path, "t.ind");
  size_t hint = 0;
  ck_assert_uint_eq(src_line(s, 4, &hint), 3);
}
END_TEST

/* ASCII is checked 8 bytes at a time: a bad byte or a NUL anywhere in
 * such a word is still found at its offset. */
START_TEST(utf8_ascii_words) {
  char buf[40];
  for (size_t at = 0; at < 24; at++) {
    memset(buf, 'a', sizeof buf);
    buf[at] = (char)0x80;
    check_invalid_at(buf, 24, at);
    buf[at] = '\0';
    check_invalid_at(buf, 24, at);
  }
  memset(buf, 'a', sizeof buf);
  size_t bad = 9999;
  ck_assert_int_eq(src_validate_utf8(buf, sizeof buf, &bad), 1);
}
END_TEST

/* ---- nearest names ------------------------------------------------------ */

START_TEST(edit_distance) {
  ck_assert_uint_eq(src_edit_distance("", ""), 0);
  ck_assert_uint_eq(src_edit_distance("abc", "abc"), 0);
  ck_assert_uint_eq(src_edit_distance("kitten", "sitting"), 3);
  ck_assert_uint_eq(src_edit_distance("", "项目"), 2);        /* code points, not bytes */
  ck_assert_uint_eq(src_edit_distance("项目", "项日"), 1);    /* one mistyped character */
  ck_assert_uint_eq(src_edit_distance("预算数", "预算"), 1);
  ck_assert_uint_eq(src_edit_distance("指标a", "a指标"), 2);
  char longer[200];
  memset(longer, 'x', 65);
  longer[65] = '\0';
  ck_assert_uint_eq(src_edit_distance(longer, "x"), (size_t)-1); /* past 64 code points */
  longer[64] = '\0';
  ck_assert_uint_eq(src_edit_distance(longer, "x"), 63);
  int32_t cp[64];
  ck_assert_uint_eq(src_code_points("满意度 ok", cp), 6);
  ck_assert_int_eq(cp[0], 0x6EE1);
  ck_assert_int_eq(cp[5], 'k');
  memset(longer, 'y', 100);
  longer[100] = '\0';
  ck_assert_uint_eq(src_code_points(longer, cp), 65);
}
END_TEST

Suite *source_suite(void); /* called by check_main.c */

Suite *source_suite(void) {
  Suite *s = suite_create("source");
  TCase *tc = tcase_create("utf8");
  tcase_add_test(tc, utf8_valid);
  tcase_add_test(tc, utf8_overlong);
  tcase_add_test(tc, utf8_surrogates_and_range);
  tcase_add_test(tc, utf8_truncated_and_stray);
  tcase_add_test(tc, utf8_nul);
  tcase_add_test(tc, utf8_decode);
  tcase_add_test(tc, utf8_ascii_words);
  tcase_add_test(tc, edit_distance);
  suite_add_tcase(s, tc);

  tc = tcase_create("lines");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, add_copies);
  tcase_add_test(tc, lines_index);
  tcase_add_test(tc, lines_crlf);
  tcase_add_test(tc, lines_lone_cr);
  tcase_add_test(tc, columns_in_code_points);
  tcase_add_test(tc, columns_at_end_of_file);
  tcase_add_test(tc, columns_bom);
  tcase_add_test(tc, columns_invalid_bytes);
  tcase_add_test(tc, char_start);
  tcase_add_test(tc, lines_binary_search);
  tcase_add_test(tc, line_with_hint);
  tcase_add_test(tc, line_gallop);
  tcase_add_test(tc, text_ends_in_two_nuls);
  tcase_add_test(tc, drop_texts_keeps_lines);
  suite_add_tcase(s, tc);

  tc = tcase_create("width");
  tcase_add_test(tc, width_basic);
  tcase_add_test(tc, width_tabs);
  tcase_add_test(tc, width_controls_and_bad_bytes);
  suite_add_tcase(s, tc);

  tc = tcase_create("read");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, read_file_ok);
  tcase_add_test(tc, read_file_empty);
  tcase_add_test(tc, read_file_limit);
  tcase_add_test(tc, read_file_large);
  tcase_add_test(tc, read_file_errors);
  suite_add_tcase(s, tc);
  return s;
}
