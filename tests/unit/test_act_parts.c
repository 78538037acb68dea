/*
 * test_act_parts.c - loading a CSV data file in parts (runtime/data/
 * act_parts.c): whatever the cuts, the result and the messages are those
 * of act_load_mem in one piece; the parts are used when the file allows,
 * and the file is loaded in one piece when a part meets a problem, a
 * project of another part, or a quoted field across its end.
 *
 * The data is the seed's sample file (specs/.../actuals-2023.csv) for the
 * seed's program, rewritten: CRLF, merged project cells, rows of projects
 * interleaved, notes over several lines, columns in another order.
 */
#include <check.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "bc.h"
#include "data/act_parts.h"
#include "sema/program.h"
#include "support/threads.h"
#include "test_util.h"
#include "../act_same.h"

static Program sp;
static RtProgram prog;
static char *sample; /* the sample file, NUL-terminated */

static void setup(void) {
  test_seed_program(&sp, &prog);
  char *path = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  FILE *f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  free(path);
  sample = calloc(1, 1 << 20);
  ck_assert_ptr_nonnull(sample);
  size_t n = fread(sample, 1, (1 << 20) - 1, f);
  fclose(f);
  ck_assert_uint_gt(n, 1000);
}

static void teardown(void) {
  free(sample);
  rt_program_free(&prog);
  prog_free(&sp);
}

/* ---- loading both ways ------------------------------------------------------- */

typedef struct Load {
  RtActuals act;
  indrt_status st;
  DataSink sink;
  char log[1 << 15];
  size_t loglen;
  unsigned used; /* parts the result came from */
} Load;

static void log_problem(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  Load *l = ud;
  int n = snprintf(l->log + l->loglen, sizeof l->log - l->loglen, "%s:%u:%u: %s\n", file, line,
                   col, msg);
  if (n > 0 && (size_t)n < sizeof l->log - l->loglen) l->loglen += (size_t)n;
}

static void load_init(Load *l) {
  memset(l, 0, sizeof *l);
  l->sink.report = log_problem;
  l->sink.ud = l;
}

static void whole_enc(Load *l, const char *text, size_t len, int enc, size_t limit) {
  load_init(l);
  RtMem mem = {limit, NULL, NULL};
  l->st = act_load_mem(&prog, "d.csv", text, len, INDRT_DATA_AUTO, enc, &mem, &l->act, &l->sink);
  l->used = 1;
}

static void whole(Load *l, const char *text, size_t limit) {
  whole_enc(l, text, strlen(text), INDRT_ENC_AUTO, limit);
}

static void run_part(void *ctx, unsigned k) { act_parts_run(ctx, k); }

/* In at most `want` parts of at least min_part bytes; on threads, or one
 * after the other from the last part to the first. */
static void parts_enc(Load *l, const char *name, const char *text, size_t len, int enc,
                      size_t limit, unsigned want, size_t min_part, int threads) {
  load_init(l);
  RtMem mem = {limit, NULL, NULL};
  ActParts *ap = malloc(sizeof *ap);
  ck_assert_ptr_nonnull(ap);
  unsigned n = act_parts_begin(ap, &prog, name, text, len, INDRT_DATA_AUTO, enc, &mem, want,
                               min_part, &l->act, &l->sink);
  ck_assert_uint_le(n, want < ACT_MAX_PARTS ? want : ACT_MAX_PARTS);
  if (threads) thr_each(n, run_part, ap);
  else
    for (unsigned k = n; k-- > 0;) act_parts_run(ap, k);
  l->st = act_parts_end(ap, &l->used);
  free(ap);
}

static void parts(Load *l, const char *name, const char *text, size_t limit, unsigned want,
                  size_t min_part, int threads) {
  parts_enc(l, name, text, strlen(text), INDRT_ENC_AUTO, limit, want, min_part, threads);
}

/* b is a: status, messages, and every slot of the result. */
static void same(const Load *a, const Load *b, const char *what) {
  ck_assert_msg(a->st == b->st, "%s: status %d, in one piece %d", what, b->st, a->st);
  ck_assert_msg(strcmp(a->log, b->log) == 0, "%s: messages\n%s\nin one piece\n%s", what, b->log,
                a->log);
  if (a->st != INDRT_OK) return;
  for (uint32_t i = 0; i < prog.nindicators; i++) {
    const RtActual *x = &a->act.ind[i], *y = &b->act.ind[i];
    ck_assert_msg(act_same_ind(&a->act, &b->act, i),
                  "%s: indicator %u (%s): kind %d line %u \"%s\", in one piece kind %d line %u \"%s\"",
                  what, i, prog.indicators[i].name, y->kind, y->line, y->text ? y->text : "",
                  x->kind, x->line, x->text ? x->text : "");
  }
  for (uint32_t p = 0; p < prog.nprojects; p++) {
    ck_assert_msg(act_same_spent(&a->act, &b->act, p), "%s: 执行数 of project %u", what, p);
    for (uint32_t f = 0; f < prog.nfields; f++)
      ck_assert_msg(act_same_field(&a->act, &b->act, p, f, prog.nfields),
                    "%s: raw field %u of project %u", what, f, p);
  }
}

/* Every way of cutting text[0..len) in encoding enc gives what the load
 * in one piece gives; the most parts any way used. */
static unsigned all_ways_enc(const char *text, size_t len, int enc, const char *what) {
  static const size_t mins[] = {1, 7, 64, 500, 2000};
  Load *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  ck_assert(a && b);
  whole_enc(a, text, len, enc, 0);
  unsigned most = 1;
  for (unsigned want = 2; want <= ACT_MAX_PARTS + 1; want++)
    for (size_t m = 0; m < sizeof mins / sizeof mins[0]; m++)
      for (int threads = 0; threads < 2; threads++) {
        char label[128];
        snprintf(label, sizeof label, "%s, %u parts of %zu bytes%s", what, want, mins[m],
                 threads ? ", threads" : "");
        parts_enc(b, "d.csv", text, len, enc, 0, want, mins[m], threads);
        same(a, b, label);
        if (b->used > most) most = b->used;
        act_free(&b->act);
      }
  act_free(&a->act);
  free(a);
  free(b);
  return most;
}

static unsigned all_ways(const char *text, const char *what) {
  return all_ways_enc(text, strlen(text), INDRT_ENC_AUTO, what);
}

/* text with each line (after the header) passed through fn into a new
 * malloc'd text; fn writes the line (without its end) to out. */
typedef void (*LineFn)(const char *line, size_t n, size_t index, char *out);

static char *rewrite(const char *text, LineFn fn, const char *eol) {
  size_t cap = strlen(text) * 4 + 4096, o = 0, index = 0;
  char *out = malloc(cap), buf[4096];
  ck_assert_ptr_nonnull(out);
  for (const char *p = text; *p;) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (index == 0) {
      memcpy(buf, p, n), buf[n] = '\0';
    } else {
      fn(p, n, index, buf);
    }
    o += (size_t)snprintf(out + o, cap - o, "%s%s", buf, eol);
    index++;
    p += n + (e != NULL);
  }
  return out;
}

static void copy_line(const char *line, size_t n, size_t index, char *out) {
  (void)index;
  memcpy(out, line, n);
  out[n] = '\0';
}

/* ---- tests ------------------------------------------------------------------------ */

START_TEST(sample_file) {
  ck_assert_uint_ge(all_ways(sample, "sample"), 4);
}
END_TEST

START_TEST(crlf) {
  char *t = rewrite(sample, copy_line, "\r\n");
  ck_assert_uint_ge(all_ways(t, "CRLF"), 4);
  free(t);
}
END_TEST

/* Excel's merged cells: a project's rows after its first leave the cell
 * blank.  Cuts go where a project begins. */
static void merge_cells(const char *line, size_t n, size_t index, char *out) {
  static char prev[512];
  const char *comma = memchr(line, ',', n);
  size_t k = comma ? (size_t)(comma - line) : n;
  if (index > 1 && k < sizeof prev && strlen(prev) == k && memcmp(prev, line, k) == 0) {
    memcpy(out, line + k, n - k); /* the cell left blank */
    out[n - k] = '\0';
    return;
  }
  if (k < sizeof prev) memcpy(prev, line, k), prev[k] = '\0';
  memcpy(out, line, n);
  out[n] = '\0';
}

START_TEST(merged_cells) {
  char *t = rewrite(sample, merge_cells, "\n");
  ck_assert_ptr_nonnull(strstr(t, "\n,"));
  ck_assert_uint_ge(all_ways(t, "merged cells"), 4);
  free(t);
}
END_TEST

/* Notes over several lines, in quotes: cuts fall inside some of them. */
static void long_note(const char *line, size_t n, size_t index, char *out) {
  size_t k = n;
  while (k > 0 && line[k - 1] != ',') k--; /* the note is the last column */
  if (index % 3 == 0)
    snprintf(out, 4096, "%.*s\"第一行\n第二行, \"\"引号\"\"\r\n第三行\"", (int)k, line);
  else
    copy_line(line, n, index, out);
}

START_TEST(quoted_line_breaks) {
  char *t = rewrite(sample, long_note, "\n");
  all_ways(t, "notes over lines");
  /* a part that begins inside a quoted note does not count */
  free(t);
}
END_TEST

/* The project column last: cuts fall anywhere, and the parts still give
 * what one piece gives. */
static void project_last(const char *line, size_t n, size_t index, char *out) {
  (void)index;
  const char *comma = memchr(line, ',', n);
  ck_assert_ptr_nonnull(comma);
  size_t k = (size_t)(comma - line);
  snprintf(out, 4096, "%.*s,%.*s", (int)(n - k - 1), comma + 1, (int)k, line);
}

START_TEST(project_column_last) {
  char *t = rewrite(sample, project_last, "\n");
  char *nl = strchr(t, '\n');
  const char *header = "indicator,actual,note,project";
  ck_assert_uint_eq((size_t)(nl - t), strlen(header));
  memcpy(t, header, strlen(header));
  all_ways(t, "project last");
  free(t);
}
END_TEST

/* The rows of the projects taken in turn: every cut splits projects, and
 * the file is loaded in one piece. */
START_TEST(interleaved_projects) {
  const char *lines[512];
  size_t lens[512], n = 0;
  for (const char *p = strchr(sample, '\n') + 1; *p && n < 512; n++) {
    const char *e = strchr(p, '\n');
    lines[n] = p;
    lens[n] = e ? (size_t)(e - p) : strlen(p);
    p += lens[n] + (e != NULL);
  }
  size_t cap = strlen(sample) + 16, o = 0;
  char *t = malloc(cap);
  o += (size_t)snprintf(t, cap, "project,indicator,actual,note\n");
  for (size_t i = 0; i < n; i += 2) o += (size_t)snprintf(t + o, cap - o, "%.*s\n", (int)lens[i], lines[i]);
  for (size_t i = 1; i < n; i += 2) o += (size_t)snprintf(t + o, cap - o, "%.*s\n", (int)lens[i], lines[i]);
  Load *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  whole(a, t, 0);
  ck_assert_int_eq(a->st, INDRT_OK);
  parts(b, "d.csv", t, 0, 2, 1, 1);
  same(a, b, "interleaved");
  ck_assert_uint_eq(b->used, 1);
  act_free(&a->act);
  act_free(&b->act);
  free(a);
  free(b);
  free(t);
}
END_TEST

/* Problems in any part: the messages of the load in one piece, all of
 * them, in order. */
START_TEST(problems) {
  size_t n = strlen(sample);
  char *t = malloc(n + 4096);
  /* a duplicate row at the end (its first is in the first part), an
   * unknown indicator in the middle, a bad value near the start */
  memcpy(t, sample, n + 1);
  const char *first = strchr(strchr(sample, '\n') + 1, '\n') + 1; /* the second data row */
  const char *e = strchr(first, '\n');
  snprintf(t + n, 4096, "%.*s\n团市委物业服务项目,没有这个指标,1,\n", (int)(e - first), first);
  all_ways(t, "problems");
  Load *b = malloc(sizeof *b);
  parts(b, "d.csv", t, 0, 2, 1, 1);
  ck_assert_int_eq(b->st, INDRT_E_DATA);
  ck_assert_uint_eq(b->used, 1);
  ck_assert_ptr_nonnull(strstr(b->log, "duplicate row"));
  ck_assert_msg(strstr(b->log, "没有这个指标") != NULL, "%s", b->log);
  act_free(&b->act);
  free(b);
  free(t);
}
END_TEST

/* text in up to `want` parts of min_part: the load in one piece, taken
 * as one piece. */
static void in_one_piece(const char *name, const char *text, unsigned want, size_t min_part,
                         const char *what) {
  Load *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  ck_assert(a && b);
  whole(a, text, 0);
  parts(b, name, text, 0, want, min_part, 1);
  same(a, b, what);
  ck_assert_msg(b->used == 1, "%s: %u parts", what, b->used);
  act_free(&a->act);
  act_free(&b->act);
  free(a);
  free(b);
}

START_TEST(json_and_small_in_one_piece) {
  const char *json = "{\"projects\": {\"团市委物业服务项目\": {\"执行数\": \"100万元\"}}}";
  in_one_piece("d.json", json, 4, 1, "json");
  /* one job, or parts below the minimum: one piece */
  in_one_piece("d.csv", sample, 1, 1, "one job");
  in_one_piece("d.csv", sample, 8, strlen(sample), "below the minimum");
  Load *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  /* a header only, and an empty file */
  parts(b, "d.csv", "project,indicator,actual\n", 0, 2, 1, 1);
  ck_assert_int_eq(b->st, INDRT_OK);
  act_free(&b->act);
  whole(a, "", 0);
  parts(b, "d.csv", "", 0, 2, 1, 1);
  same(a, b, "empty");
  act_free(&a->act);
  free(a);
  free(b);
}
END_TEST

/* A memory limit: the parts share what the limit leaves, and when that is
 * not enough, the load in one piece has the whole limit. */
START_TEST(memory_limit) {
  Load *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  for (size_t limit = 1024; limit < ((size_t)1 << 22); limit = limit * 3 / 2) {
    char label[64];
    snprintf(label, sizeof label, "limit %zu", limit);
    whole(a, sample, limit);
    parts(b, "d.csv", sample, limit, 4, 1, 1);
    same(a, b, label);
    act_free(&a->act);
    act_free(&b->act);
  }
  free(a);
  free(b);
}
END_TEST

/* Encodings: each part copies and checks its own UTF-8; a BOM is skipped;
 * GBK is converted whole when said, and when not (auto) the parts find a
 * byte that is no UTF-8 and the load in one piece takes the file as GBK;
 * a NUL or a bad byte late in the file gives one piece's message. */
START_TEST(encodings) {
  size_t n = strlen(sample);
  char *t = malloc(3 * n + 16);
  ck_assert_ptr_nonnull(t);
  memcpy(t, "\xEF\xBB\xBF", 3);
  memcpy(t + 3, sample, n + 1);
  ck_assert_uint_ge(all_ways_enc(t, n + 3, INDRT_ENC_AUTO, "BOM"), 4);
  ck_assert_uint_ge(all_ways_enc(t, n + 3, INDRT_ENC_UTF8, "BOM, utf8"), 4);

  iconv_t cd = iconv_open("GB18030", "UTF-8");
  ck_assert(cd != (iconv_t)-1);
  char *in = sample, *out = t;
  size_t inleft = n, outleft = 3 * n;
  ck_assert_uint_ne(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
  iconv_close(cd);
  size_t glen = (size_t)(out - t);
  ck_assert_uint_eq(all_ways_enc(t, glen, INDRT_ENC_AUTO, "GBK, auto"), 1);
  ck_assert_uint_ge(all_ways_enc(t, glen, INDRT_ENC_GBK, "GBK"), 4);

  memcpy(t, sample, n + 1);
  t[n - 5] = '\0'; /* in the last row */
  all_ways_enc(t, n, INDRT_ENC_AUTO, "NUL");
  t[n - 5] = (char)0xFF;
  all_ways_enc(t, n, INDRT_ENC_UTF8, "bad byte, utf8");
  all_ways_enc(t, n, INDRT_ENC_AUTO, "bad byte, auto");
  Load *b = malloc(sizeof *b);
  parts_enc(b, "d.csv", t, n, INDRT_ENC_UTF8, 0, 2, 1, 1);
  ck_assert_int_eq(b->st, INDRT_E_DATA);
  ck_assert_msg(strstr(b->log, "invalid UTF-8") != NULL, "%s", b->log);
  act_free(&b->act);
  free(b);
  free(t);
}
END_TEST

Suite *act_parts_suite(void); /* called by check_main.c */

Suite *act_parts_suite(void) {
  Suite *s = suite_create("act_parts");
  TCase *tc = tcase_create("parts");
  tcase_set_timeout(tc, 120);
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, sample_file);
  tcase_add_test(tc, crlf);
  tcase_add_test(tc, merged_cells);
  tcase_add_test(tc, quoted_line_breaks);
  tcase_add_test(tc, project_column_last);
  tcase_add_test(tc, interleaved_projects);
  tcase_add_test(tc, problems);
  tcase_add_test(tc, json_and_small_in_one_piece);
  tcase_add_test(tc, memory_limit);
  tcase_add_test(tc, encodings);
  suite_add_tcase(s, tc);
  return s;
}
