/*
 * test_csv.c - the CSV reader (runtime/data/csv.c) and the text encodings
 * of data files (runtime/data/encoding.c): quotes, CRLF, BOM, ragged rows,
 * embedded newlines, limits, GBK ([DATA-CSV], [DATA-ENC] in
 * docs/data-formats.md).
 *
 * Reader tests compare a transcript of every row ("line:field|field") so
 * that a field split or line number that moves fails the test.
 */
#include <check.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv.h"
#include "data/data_limits.h"
#include "data/encoding.h"
#include "data_fixture.h"
#include "indrt.h"

/* Every row of text as "line:f1|f2\n"; bad rows "!line:col msg\n". */
static char *rows_of(const char *text) {
  static char out[8192];
  size_t len = strlen(text), o = 0;
  char *buf = malloc(len + 1);
  memcpy(buf, text, len + 1);
  CsvReader r;
  csv_init(&r, buf, len);
  for (int rc; (rc = csv_next(&r)) != CSV_END;) {
    if (rc != CSV_ROW) {
      o += (size_t)snprintf(out + o, sizeof out - o, "%s%u:%u %s\n", rc == CSV_FATAL ? "!!" : "!",
                            r.err.line, r.err.col, r.err.msg);
      if (rc == CSV_FATAL) break;
      continue;
    }
    o += (size_t)snprintf(out + o, sizeof out - o, "%u:", r.row_line);
    for (unsigned i = 0; i < r.nfields; i++)
      o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "|" : "", r.fields[i].text);
    o += (size_t)snprintf(out + o, sizeof out - o, "\n");
  }
  free(buf);
  out[o] = '\0';
  return out;
}

START_TEST(plain_rows) {
  ck_assert_str_eq(rows_of("a,b,c\n1,2,3\n"), "1:a|b|c\n2:1|2|3\n");
  ck_assert_str_eq(rows_of("a,b"), "1:a|b\n");            /* no final newline */
  ck_assert_str_eq(rows_of("a,,c,\n"), "1:a||c|\n");      /* empty fields */
  ck_assert_str_eq(rows_of(""), "");
  ck_assert_str_eq(rows_of("\n\n"), "");
  ck_assert_str_eq(rows_of(","), "1:|\n");
  ck_assert_str_eq(rows_of("项目,指标\n团市委,经费\n"), "1:项目|指标\n2:团市委|经费\n");
}
END_TEST

START_TEST(quotes) {
  ck_assert_str_eq(rows_of("\"a,b\",c\n"), "1:a,b|c\n");
  ck_assert_str_eq(rows_of("\"say \"\"hi\"\"\",x\n"), "1:say \"hi\"|x\n");
  ck_assert_str_eq(rows_of("\"\"\n"), "1:\n");                /* empty quoted */
  ck_assert_str_eq(rows_of("\"\"\"\"\n"), "1:\"\n");          /* one quote */
  ck_assert_str_eq(rows_of("a\"b,c\n"), "1:a\"b|c\n");        /* quote inside plain */
  ck_assert_str_eq(rows_of("\"a\"  ,b\n"), "1:a|b\n");        /* spaces after the quote */
  ck_assert_str_eq(rows_of("\"142,500\",\"9.8万元\"\n"), "1:142,500|9.8万元\n");
}
END_TEST

START_TEST(line_endings) {
  ck_assert_str_eq(rows_of("a,b\r\nc,d\r\n"), "1:a|b\n2:c|d\n");
  ck_assert_str_eq(rows_of("a\rb\rc"), "1:a\n2:b\n3:c\n");     /* old Mac */
  ck_assert_str_eq(rows_of("a\r\n\r\nb\r\n"), "1:a\n3:b\n");   /* empty line skipped */
  ck_assert_str_eq(rows_of("a,b\r\n"), "1:a|b\n");
}
END_TEST

START_TEST(embedded_newlines) {
  /* a quoted line break is kept as LF and counts as a line */
  ck_assert_str_eq(rows_of("\"x\ny\",1\nz,2\n"), "1:x\ny|1\n3:z|2\n");
  ck_assert_str_eq(rows_of("\"x\r\ny\",1\r\nz,2\r\n"), "1:x\ny|1\n3:z|2\n");
  ck_assert_str_eq(rows_of("a,\"1\n2\n3\"\nb,c\n"), "1:a|1\n2\n3\n4:b|c\n");
}
END_TEST

START_TEST(positions) {
  char text[] = "项目,\"指标\",实际\n  a,b\n\"x\ny\",z\n";
  CsvReader r;
  csv_init(&r, text, strlen(text));
  ck_assert_int_eq(csv_next(&r), CSV_ROW);
  ck_assert_uint_eq(r.fields[0].col, 1);
  ck_assert_uint_eq(r.fields[1].col, 4); /* the opening quote, after 项目, */
  ck_assert_uint_eq(r.fields[2].col, 9);
  ck_assert_int_eq(csv_next(&r), CSV_ROW);
  ck_assert_uint_eq(r.fields[0].line, 2);
  ck_assert_uint_eq(r.fields[1].col, 5);
  ck_assert_int_eq(csv_next(&r), CSV_ROW);
  ck_assert_uint_eq(r.row_line, 3);
  ck_assert_uint_eq(r.fields[1].line, 4); /* after the embedded newline */
  ck_assert_uint_eq(r.fields[1].col, 4);
  ck_assert_int_eq(csv_next(&r), CSV_END);
}
END_TEST

START_TEST(bad_quotes) {
  ck_assert_str_eq(rows_of("a,b\n\"abc\"x,d\ne,f\n"),
                   "1:a|b\n!2:6 unexpected text after a closing quote (write \"\" for a quote "
                   "inside quotes)\n3:e|f\n");
  ck_assert_str_eq(rows_of("a,b\nc,\"unterminated\nmore\n"),
                   "1:a|b\n!!2:3 unterminated quoted field (its quote opens here)\n");
  ck_assert_str_eq(rows_of("\""), "!!1:1 unterminated quoted field (its quote opens here)\n");
}
END_TEST

/* A row of n fields "x,x,...". */
static char *row_of(unsigned n) {
  char *s = malloc(2 * n + 2);
  for (unsigned i = 0; i < n; i++) s[2 * i] = 'x', s[2 * i + 1] = i + 1 < n ? ',' : '\n';
  s[2 * n] = '\0';
  return s;
}

START_TEST(limit_columns) {
  char *ok = row_of(DATA_MAX_COLUMNS), *over = row_of(DATA_MAX_COLUMNS + 1);
  CsvReader r;
  csv_init(&r, ok, strlen(ok));
  ck_assert_int_eq(csv_next(&r), CSV_ROW);
  ck_assert_uint_eq(r.nfields, DATA_MAX_COLUMNS);
  csv_init(&r, over, strlen(over));
  ck_assert_int_eq(csv_next(&r), CSV_BAD_ROW);
  ck_assert_str_eq(r.err.msg, "too many fields in a row (the limit is 64)");
  ck_assert_uint_eq(r.err.col, 2 * DATA_MAX_COLUMNS + 1);
  ck_assert_int_eq(csv_next(&r), CSV_END);
  free(ok);
  free(over);
}
END_TEST

START_TEST(limit_field_length) {
  size_t n = DATA_MAX_FIELD_BYTES;
  char *text = malloc(n + 8);
  memset(text, 'a', n + 1);
  strcpy(text + n, "\nb\n");
  CsvReader r;
  csv_init(&r, text, strlen(text));
  ck_assert_int_eq(csv_next(&r), CSV_ROW);
  ck_assert_uint_eq(r.fields[0].len, n);
  memset(text, 'a', n + 1);
  strcpy(text + n + 1, "\nb\n");
  csv_init(&r, text, strlen(text));
  ck_assert_int_eq(csv_next(&r), CSV_BAD_ROW);
  ck_assert_str_eq(r.err.msg, "field too long (65537 bytes; the limit is 65536)");
  ck_assert_int_eq(csv_next(&r), CSV_ROW); /* the next row is read */
  ck_assert_str_eq(r.fields[0].text, "b");
  free(text);
}
END_TEST

START_TEST(limit_rows) {
  size_t n = DATA_MAX_ROWS;
  char *text = malloc(2 * n + 3);
  for (size_t i = 0; i < n + 1; i++) text[2 * i] = 'x', text[2 * i + 1] = '\n';
  text[2 * n] = '\0';
  CsvReader r;
  csv_init(&r, text, 2 * n); /* exactly the limit */
  unsigned rows = 0;
  int rc;
  while ((rc = csv_next(&r)) == CSV_ROW) rows++;
  ck_assert_int_eq(rc, CSV_END);
  ck_assert_uint_eq(rows, DATA_MAX_ROWS);
  /* the reader rewrites the text in place: lay it out again */
  for (size_t i = 0; i < n + 1; i++) text[2 * i] = 'x', text[2 * i + 1] = '\n';
  text[2 * n + 2] = '\0';
  csv_init(&r, text, 2 * n + 2); /* one past */
  while ((rc = csv_next(&r)) == CSV_ROW) continue;
  ck_assert_int_eq(rc, CSV_FATAL);
  ck_assert_str_eq(r.err.msg, "too many rows (the limit is 10000000)");
  ck_assert_uint_eq(r.err.line, DATA_MAX_ROWS + 1);
  free(text);
}
END_TEST

/* ---- encodings ---------------------------------------------------------------- */

static const char *decode(const char *bytes, size_t len, int enc, int *used) {
  static char out[4096];
  RtArena a;
  rt_arena_init(&a, 0);
  char *text;
  size_t tlen;
  EncError err;
  int rc = enc_decode(&a, bytes, len, enc, &text, &tlen, used, NULL, &err);
  if (rc == ENC_OK) snprintf(out, sizeof out, "%s", text);
  else snprintf(out, sizeof out, "!%u:%u %s", err.line, err.col, err.msg);
  rt_arena_free(&a);
  return out;
}

/* s converted from UTF-8 to GBK with iconv (malloc'd). */
static char *to_gbk(const char *s, size_t *len) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  ck_assert(cd != (iconv_t)-1);
  size_t inleft = strlen(s), oleft = 2 * inleft + 4;
  char *out = malloc(oleft), *o = out, *in = (char *)(uintptr_t)s;
  ck_assert(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
  iconv_close(cd);
  *len = (size_t)(o - out);
  return out;
}

START_TEST(utf8_and_bom) {
  int used;
  ck_assert_str_eq(decode("a,b", 3, INDRT_ENC_AUTO, &used), "a,b");
  ck_assert_int_eq(used, INDRT_ENC_UTF8);
  ck_assert_str_eq(decode("\xEF\xBB\xBF项目", 9, INDRT_ENC_AUTO, &used), "项目");
  ck_assert_int_eq(used, INDRT_ENC_UTF8);
  ck_assert_str_eq(decode("\xEF\xBB\xBF项目", 9, INDRT_ENC_UTF8, &used), "项目");
  /* a BOM means UTF-8 even when GBK was asked for */
  ck_assert_str_eq(decode("\xEF\xBB\xBF项目", 9, INDRT_ENC_GBK, &used), "项目");
  ck_assert_int_eq(used, INDRT_ENC_UTF8);
}
END_TEST

START_TEST(gbk_text) {
  int used;
  size_t n;
  char *g = to_gbk("项目,指标,实际完成值\n团市委,覆盖青联委员,142500人次\n", &n);
  ck_assert_str_eq(decode(g, n, INDRT_ENC_AUTO, &used),
                   "项目,指标,实际完成值\n团市委,覆盖青联委员,142500人次\n");
  ck_assert_int_eq(used, INDRT_ENC_GBK);
  ck_assert_str_eq(decode(g, n, INDRT_ENC_GBK, &used),
                   "项目,指标,实际完成值\n团市委,覆盖青联委员,142500人次\n");
  /* GBK read as UTF-8 on request: the first bad byte, with advice */
  ck_assert_str_eq(decode(g, n, INDRT_ENC_UTF8, &used),
                   "!1:1 invalid UTF-8 (byte 0xCF): a GBK file needs encoding gbk");
  free(g);
  /* pure ASCII is the same in both */
  ck_assert_str_eq(decode("a,b\n", 4, INDRT_ENC_GBK, &used), "a,b\n");
}
END_TEST

START_TEST(bad_text) {
  int used;
  ck_assert_str_eq(decode("ok\nab\xFF", 6, INDRT_ENC_AUTO, &used),
                   "!2:3 invalid text: the file is neither UTF-8 nor GBK (byte 0xFF)");
  ck_assert_str_eq(decode("a\xFF", 2, INDRT_ENC_GBK, &used), "!1:2 invalid GBK text (byte 0xFF)");
  ck_assert_str_eq(decode("\xEF\xBB\xBF" "a\nb\xC3", 7, INDRT_ENC_AUTO, &used),
                   "!2:2 invalid UTF-8 after a UTF-8 byte-order mark (byte 0xC3)");
  ck_assert_str_eq(decode("\xFF\xFEp\0r\0", 6, INDRT_ENC_AUTO, &used),
                   "!1:1 UTF-16 text is not supported: save the file as CSV UTF-8 or CSV");
  ck_assert_str_eq(decode("a,b\nc\0d", 7, INDRT_ENC_AUTO, &used),
                   "!2:2 NUL byte in text (is the file UTF-16 or binary?)");
  /* overlong forms and surrogates are not UTF-8 */
  ck_assert_uint_eq(enc_utf8_valid("\xC0\xAF", 2), 0);
  ck_assert_uint_eq(enc_utf8_valid("a\xED\xA0\x80", 4), 1);
  ck_assert_uint_eq(enc_utf8_valid("\xF4\x90\x80\x80", 4), 0);
  ck_assert_uint_eq(enc_utf8_valid("\xF0\x9F\x98\x80", 4), 4);
}
END_TEST

/* [DATA-ENC] UTF-8 Chinese text and bytes that are not UTF-8 in one file:
 * mixed encodings, at the first such byte, rather than the whole file
 * decoded as GBK (mojibake in every message) or "neither UTF-8 nor GBK". */
START_TEST(mixed_encodings) {
  int used;
  /* a GBK cell (备注 = B1 B8 D7 A2) in a UTF-8 row: /tmp/adv2/min/mixed_enc.csv */
  static const char row[] = "project,indicator,actual,note\n青年项目,a,1,\xB1\xB8\xD7\xA2\n";
  ck_assert_str_eq(decode(row, sizeof row - 1, INDRT_ENC_AUTO, &used),
                   "!2:10 mixed encodings: byte 0xB1 is not UTF-8, but the file has UTF-8 text on "
                   "line 2; save the whole file as UTF-8 (or, if it is all GBK, give encoding gbk)");
  /* the GBK cell first, the UTF-8 text on a later line */
  static const char later[] = "project,\xB1\xB8\xD7\xA2\n\n项目,1\n";
  ck_assert_str_eq(decode(later, sizeof later - 1, INDRT_ENC_AUTO, &used),
                   "!1:9 mixed encodings: byte 0xB1 is not UTF-8, but the file has UTF-8 text on "
                   "line 3; save the whole file as UTF-8 (or, if it is all GBK, give encoding gbk)");
  /* full-width forms are Chinese text too (ＡＢ) */
  static const char wide[] = "\xEF\xBC\xA1\xEF\xBC\xA2,\xB1\xB8\n";
  ck_assert_str_eq(decode(wide, sizeof wide - 1, INDRT_ENC_AUTO, &used),
                   "!1:4 mixed encodings: byte 0xB1 is not UTF-8, but the file has UTF-8 text on "
                   "line 1; save the whole file as UTF-8 (or, if it is all GBK, give encoding gbk)");
  /* GBK whose bytes happen to hold a UTF-8 character: 椤啊 is E9 A1 B0 A1,
   * and E9 A1 B0 is UTF-8 for 顰, but the run as a whole is not UTF-8 */
  static const char gbk[] = "a,\xE9\xA1\xB0\xA1\n";
  ck_assert_str_eq(decode(gbk, sizeof gbk - 1, INDRT_ENC_AUTO, &used), "a,椤啊\n");
  ck_assert_int_eq(used, INDRT_ENC_GBK);
  /* UTF-8 text other than Chinese (é) is no evidence: GBK as before */
  static const char latin[] = "caf\xC3\xA9,\xB1\xB8\xD7\xA2\n";
  ck_assert_int_eq(decode(latin, sizeof latin - 1, INDRT_ENC_AUTO, &used)[0] != '!', 1);
  ck_assert_int_eq(used, INDRT_ENC_GBK);
  /* an encoding given decides: GBK decodes the whole, UTF-8 stops at the byte */
  ck_assert_str_eq(decode(row, sizeof row - 1, INDRT_ENC_UTF8, &used),
                   "!2:10 invalid UTF-8 (byte 0xB1): a GBK file needs encoding gbk");
  ck_assert_int_eq(decode(row, sizeof row - 1, INDRT_ENC_GBK, &used)[0] != '!', 1);
}
END_TEST

/* ---- CSV files through act_load ---------------------------------------------------- */

static RtProgram prog;
static void setup(void) { fx_program(&prog); }
static void teardown(void) { fx_program_free(&prog); }

START_TEST(gbk_file) {
  /* tests/data/actuals_gbk.csv is saved as Chinese Excel saves "CSV": GBK, CRLF */
  size_t len;
  char *bytes = fx_read_file(fx_data_path("actuals_gbk.csv"), &len);
  ck_assert_ptr_nonnull(bytes);
  ck_assert_uint_ne(enc_utf8_valid(bytes, len), len); /* really not UTF-8 */
  FxLoad l;
  ck_assert_int_eq(fx_load(&l, &prog, "actuals_gbk.csv", bytes, len, INDRT_DATA_AUTO,
                           INDRT_ENC_AUTO), INDRT_OK);
  ck_assert_str_eq(l.log, "");
  ck_assert_int_eq(l.act.ind[FX_HY].kind, RT_ACT_NUMBER);
  ck_assert_int_eq(l.act.ind[FX_HY].value, fx_dec("3"));
  ck_assert_int_eq(l.act.ind[FX_COVER_S].value, fx_dec("142500"));
  ck_assert_str_eq(l.act.ind[FX_COVER_S].note, "含线上参会");
  ck_assert_int_eq(l.act.ind[FX_TEXT].kind, RT_ACT_GRADE);
  ck_assert_int_eq(l.act.ind[FX_TEXT].grade, RT_GRADE_PARTIAL);
  ck_assert_int_eq(l.act.ind[FX_TEXT].value, fx_dec("14"));
  ck_assert_int_eq(l.act.has_spent[0], 1);
  ck_assert_int_eq(l.act.spent[0], fx_dec("28.5"));
  fx_load_free(&l);
  ck_assert_int_eq(fx_load(&l, &prog, "actuals_gbk.csv", bytes, len, INDRT_DATA_AUTO,
                           INDRT_ENC_GBK), INDRT_OK);
  fx_load_free(&l);
  ck_assert_int_eq(fx_load(&l, &prog, "actuals_gbk.csv", bytes, len, INDRT_DATA_AUTO,
                           INDRT_ENC_UTF8), INDRT_E_DATA);
  ck_assert_str_eq(l.log, "actuals_gbk.csv:1:1: invalid UTF-8 (byte 0xCF): a GBK file needs "
                          "encoding gbk\n");
  free(bytes);
}
END_TEST

/* Mixed encodings through act_load: located at file:line:col, nothing
 * decoded as GBK, so no message quotes mojibake (an unknown "闈掑勾椤圭洰"). */
START_TEST(mixed_file) {
  static const char text[] = "项目名称,三级指标,实际完成值,备注\n" FX_P0 ",hy,3,\xB1\xB8\xD7\xA2\n";
  FxLoad l;
  ck_assert_int_eq(fx_load(&l, &prog, "m.csv", text, sizeof text - 1, INDRT_DATA_AUTO,
                           INDRT_ENC_AUTO), INDRT_E_DATA);
  ck_assert_str_eq(l.log, "m.csv:2:26: mixed encodings: byte 0xB1 is not UTF-8, but the file has "
                          "UTF-8 text on line 1; save the whole file as UTF-8 (or, if it is all "
                          "GBK, give encoding gbk)\n");
  fx_load_free(&l);
}
END_TEST

START_TEST(bom_file) {
  size_t len;
  char *bytes = fx_read_file(fx_data_path("actuals_bom.csv"), &len);
  ck_assert_ptr_nonnull(bytes);
  ck_assert_int_eq((unsigned char)bytes[0], 0xEF);
  FxLoad l;
  ck_assert_int_eq(fx_load(&l, &prog, "actuals_bom.csv", bytes, len, INDRT_DATA_AUTO,
                           INDRT_ENC_AUTO), INDRT_OK);
  ck_assert_str_eq(l.log, "");
  ck_assert_int_eq(l.act.ind[FX_PCT].value, fx_dec("96.5"));
  ck_assert_str_eq(l.act.ind[FX_PCT].text, "96.5%");
  ck_assert_str_eq(l.act.ind[FX_TEXT].note, "第一行\n第二行, 含逗号");
  ck_assert_int_eq(l.act.ind[FX_DATE].kind, RT_ACT_DATE);
  fx_load_free(&l);
  free(bytes);
}
END_TEST

START_TEST(ragged_rows) {
  FxLoad l;
  ck_assert_int_eq(fx_load_text(&l, &prog, "r.csv",
                                "project,indicator,actual\n"
                                FX_P0 ",举办会议场次,3场,extra\n"
                                FX_P0 ",会议质量\n"
                                FX_P0 ",hy,3\n"),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log,
                   "r.csv:2:31: row has 4 fields, but the header has 3 (quote a field that "
                   "holds a comma)\n"
                   "r.csv:3:21: row has 2 fields, but the header has 3\n");
  ck_assert_uint_eq(l.sink.count, 2);
  ck_assert_ptr_null(l.act.ind); /* freed on failure */
  fx_load_free(&l);
  /* a ragged row still names the project of the rows that continue it
   * with a blank project cell: no "missing project name" after it */
  ck_assert_int_eq(fx_load_text(&l, &prog, "r.csv",
                                "project,indicator,actual\n"
                                FX_P0 ",举办会议场次,3场,extra\n"
                                ",hy,3\n"),
                   INDRT_E_DATA);
  ck_assert_str_eq(l.log,
                   "r.csv:2:31: row has 4 fields, but the header has 3 (quote a field that "
                   "holds a comma)\n");
  fx_load_free(&l);
}
END_TEST

START_TEST(csv_errors_in_file) {
  FxLoad l;
  fx_load_text(&l, &prog, "q.csv",
               "project,indicator,actual\n"
               FX_P0 ",hy,\"3\"场\n"
               FX_P0 ",会议质量,\"达成\n");
  ck_assert_str_eq(l.log,
                   "q.csv:2:27: unexpected text after a closing quote (write \"\" for a quote "
                   "inside quotes)\n"
                   "q.csv:3:26: unterminated quoted field (its quote opens here)\n");
  fx_load_free(&l);
}
END_TEST

Suite *csv_suite(void); /* called by check_main.c */

Suite *csv_suite(void) {
  Suite *s = suite_create("csv");
  TCase *tc_read = tcase_create("read");
  TCase *tc_limits = tcase_create("limits");
  TCase *tc_enc = tcase_create("encoding");
  TCase *tc_file = tcase_create("file");
  tcase_add_test(tc_read, plain_rows);
  tcase_add_test(tc_read, quotes);
  tcase_add_test(tc_read, line_endings);
  tcase_add_test(tc_read, embedded_newlines);
  tcase_add_test(tc_read, positions);
  tcase_add_test(tc_read, bad_quotes);
  tcase_add_test(tc_limits, limit_columns);
  tcase_add_test(tc_limits, limit_field_length);
  tcase_add_test(tc_limits, limit_rows);
  tcase_add_test(tc_enc, utf8_and_bom);
  tcase_add_test(tc_enc, gbk_text);
  tcase_add_test(tc_enc, bad_text);
  tcase_add_test(tc_enc, mixed_encodings);
  tcase_add_checked_fixture(tc_file, setup, teardown);
  tcase_add_test(tc_file, gbk_file);
  tcase_add_test(tc_file, mixed_file);
  tcase_add_test(tc_file, bom_file);
  tcase_add_test(tc_file, ragged_rows);
  tcase_add_test(tc_file, csv_errors_in_file);
  suite_add_tcase(s, tc_read);
  suite_add_tcase(s, tc_limits);
  suite_add_tcase(s, tc_enc);
  suite_add_tcase(s, tc_file);
  return s;
}
