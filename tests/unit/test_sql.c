/*
 * test_sql.c - the SQL backend's text values ([SQL-TEXT] in docs/sql.md):
 * a bidirectional control character in a spec's name never reaches the
 * generated SQL raw, and the database still stores the name byte for byte.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "backend/sql_emit.h"
#include "bc.h"
#include "sema/program.h"
#include "test_util.h"

static void small_program(Program *prog, RtProgram *rp) {
  char *path = test_path("tests/golden/run/small.ind");
  prog_init(prog);
  prog_load(prog, &path, 1);
  ck_assert_uint_eq(sema_check(prog), 0);
  ck_assert_int_eq(lower_program(prog, rp), 0);
  free(path);
}

static const char bidi_name[] = "a\xE2\x80\xAE" "b\xD8\x9C" "c";   /* U+202E, U+061C */
static const char bidi_text[] = "x\xE2\x81\xA6" "y'z";             /* U+2066 and a quote */

/* 1 when s[0..n) holds one of the three characters raw. */
static int has_raw_bidi(const char *s, size_t n) {
  static const char *const raw[] = {"\xE2\x80\xAE", "\xD8\x9C", "\xE2\x81\xA6"};
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 3; k++)
      if (strncmp(s + i, raw[k], strlen(raw[k])) == 0) return 1;
  return 0;
}

/* The column of the one row that query selects, as text. */
static char *select_text(sqlite3 *db, const char *query) {
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(db, query, -1, &st, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  char *s = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return s;
}

START_TEST(bidi_in_insert_text) {
  Program prog;
  RtProgram rp;
  small_program(&prog, &rp);
  rp.projects[0].name = bidi_name;
  rp.indicators[0].target.text = bidi_text;
  SqlText sql = {0};
  sql.ok = 1;
  ck_assert_int_eq(sql_schema(&rp, SQL_SQLITE, &sql), 0);
  ck_assert_int_eq(sql_program_rows(&rp, SQL_SQLITE, SQL_ROWS_INSERT, &sql, NULL, NULL), 0);
  ck_assert(sql.ok);
  ck_assert_msg(!has_raw_bidi(sql.s, sql.len), "a bidi control written raw");
  ck_assert_ptr_nonnull(strstr(sql.s, "'a' || char(8238) || 'b' || char(1564) || 'c'"));
  /* SQLite stores what the spec said */
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  char *err = NULL;
  int rc = sqlite3_exec(db, sql.s, NULL, NULL, &err);
  ck_assert_msg(rc == SQLITE_OK, "%s", err ? err : "?");
  char *name = select_text(db, "SELECT name FROM indc_project WHERE project = 0");
  ck_assert_str_eq(name, bidi_name);
  char *text = select_text(db, "SELECT target_text FROM indc_indicator WHERE indicator = 0");
  ck_assert_str_eq(text, bidi_text);
  free(name);
  free(text);
  sqlite3_close(db);
  sql_text_free(&sql);
  rt_program_free(&rp);
  prog_free(&prog);
}
END_TEST

static int collect(void *ud, const char *table, const char *data, size_t len) {
  (void)table;
  SqlText *t = ud;
  if (!data) return 0;
  char *s = realloc(t->s, t->len + len + 1);
  if (!s) return -1;
  memcpy(s + t->len, data, len);
  t->s = s;
  t->len += len;
  t->s[t->len] = '\0';
  return 0;
}

START_TEST(bidi_in_copy_data) {
  Program prog;
  RtProgram rp;
  small_program(&prog, &rp);
  rp.projects[0].name = bidi_name;
  SqlText copy = {0};
  ck_assert_int_eq(sql_program_rows(&rp, SQL_POSTGRES, SQL_ROWS_COPY, NULL, collect, &copy), 0);
  ck_assert_ptr_nonnull(copy.s);
  ck_assert_msg(!has_raw_bidi(copy.s, copy.len), "a bidi control written raw");
  /* COPY's text format turns \xHH into that byte: the same name */
  ck_assert_ptr_nonnull(strstr(copy.s, "a\\xE2\\x80\\xAEb\\xD8\\x9Cc"));
  free(copy.s);
  rt_program_free(&rp);
  prog_free(&prog);
}
END_TEST

Suite *sql_suite(void) {
  Suite *s = suite_create("sql");
  TCase *tc = tcase_create("text");
  tcase_add_test(tc, bidi_in_insert_text);
  tcase_add_test(tc, bidi_in_copy_data);
  suite_add_tcase(s, tc);
  return s;
}
