/*
 * bc_read.c - the loader of .indb files (docs/bytecode.md): untrusted
 * bytes in, an RtProgram out, or a short reason and the byte offset where
 * reading stopped.
 *
 * Every read goes through one bounded cursor (Reader.pos and Reader.left)
 * and every failure through bc_fail.  Failures are sticky: after the first
 * one every read returns 0 and does nothing, so a reader checks r->failed
 * only where a value it has read is about to be used (a count before it
 * allocates, a string index before it is looked up).  A count is never
 * trusted: it is compared with the bytes left in its section, each record
 * having a known minimum size, before anything is allocated for it.
 *
 * Reading checks the format (lengths, counts, string indices, UTF-8);
 * bc_verify.c then checks the meaning.  bc_load runs both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bc_crc32.h"
#include "bc_internal.h"

typedef struct Reader {
  const uint8_t *base;   /* the file */
  size_t pos;            /* the cursor: offset of the next byte */
  size_t left;           /* bytes the cursor may still read */
  const char *what;      /* what is being read: "header", "section UNITS" */
  int failed;
  indrt_status status;   /* of the failure */
  BcError *err;
  RtProgram *p;
  const char **strs;     /* the STRINGS section */
  uint32_t nstrs;
  BcLayout layout;
} Reader;

/* Record the first failure: its offset, status and reason.  Returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int bc_fail(Reader *r, uint64_t at, indrt_status status, const char *fmt, ...) {
  if (r->failed) return -1;
  r->failed = 1;
  r->status = status;
  r->err->offset = at;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
  va_end(ap);
  return -1;
}

/* The cursor: the next n bytes, or NULL (and a failure) past the end. */
static const uint8_t *take(Reader *r, size_t n) {
  if (r->failed) return NULL;
  if (n > r->left) {
    bc_fail(r, r->pos, INDRT_E_FORMAT, "truncated %s", r->what);
    return NULL;
  }
  const uint8_t *at = r->base + r->pos;
  r->pos += n;
  r->left -= n;
  return at;
}

static uint64_t load_le(const uint8_t *b, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--) v = (v << 8) | b[i];
  return v;
}

static uint64_t rd_le(Reader *r, int n) {
  const uint8_t *b = take(r, (size_t)n);
  return b ? load_le(b, n) : 0;
}

static uint8_t rd_u8(Reader *r) { return (uint8_t)rd_le(r, 1); }
static uint16_t rd_u16(Reader *r) { return (uint16_t)rd_le(r, 2); }
static uint32_t rd_u32(Reader *r) { return (uint32_t)rd_le(r, 4); }
static int32_t rd_i32(Reader *r) { return (int32_t)rd_u32(r); }
static int64_t rd_i64(Reader *r) { return (int64_t)rd_le(r, 8); }

/* A zeroed array of n items in the program's arena (NULL when n is 0). */
static void *rd_alloc(Reader *r, uint32_t n, size_t size) {
  if (r->failed || n == 0) return NULL;
  void *mem = (size_t)n > SIZE_MAX / size ? NULL : rt_alloc_dense(&r->p->arena, (size_t)n * size);
  if (!mem) bc_fail(r, r->pos, INDRT_E_NOMEM, "out of memory");
  return mem;
}

/* A record count, checked against the bytes left at min bytes a record. */
static uint32_t rd_count(Reader *r, size_t min) {
  size_t at = r->pos;
  uint32_t n = rd_u32(r);
  if (!r->failed && n > r->left / min)
    bc_fail(r, at, INDRT_E_FORMAT, "%s: count %u exceeds remaining bytes", r->what, n);
  return r->failed ? 0 : n;
}

/* A string reference of record rec: NULL for BC_NONE. */
static const char *rd_str(Reader *r, uint32_t rec) {
  size_t at = r->pos;
  uint32_t i = rd_u32(r);
  if (r->failed || i == BC_NONE) return NULL;
  if (i < r->nstrs) return r->strs[i];
  bc_fail(r, at, INDRT_E_FORMAT, "%s record %u: string %u out of range (%u strings)", r->what,
          rec, i, r->nstrs);
  return NULL;
}

/* ---- STRINGS ------------------------------------------------------------ */

/* 1 if s[0..n) is well-formed UTF-8 (RFC 3629: shortest form, no
 * surrogates, nothing above U+10FFFF). */
static int utf8_valid(const uint8_t *s, size_t n) {
  for (size_t i = 0; i < n;) {
    uint8_t c = s[i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || n - i < len) return 0;
    uint32_t cp = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += len;
  }
  return 1;
}

static void read_string(Reader *r, uint32_t i) {
  size_t at = r->pos;
  uint32_t len = rd_u32(r);
  if (!r->failed && len > r->left)
    bc_fail(r, at, INDRT_E_FORMAT, "string %u: length %u exceeds remaining bytes", i, len);
  const uint8_t *s = take(r, len);
  if (!s) return;
  if (memchr(s, 0, len)) {
    bc_fail(r, at, INDRT_E_FORMAT, "string %u contains a NUL byte", i);
  } else if (!utf8_valid(s, len)) {
    bc_fail(r, at, INDRT_E_FORMAT, "string %u is not valid UTF-8", i);
  } else if (!(r->strs[i] = rt_strndup(&r->p->arena, (const char *)s, len))) {
    bc_fail(r, at, INDRT_E_NOMEM, "out of memory");
  }
}

static void read_strings(Reader *r) {
  uint32_t n = rd_count(r, BC_STRING_MIN_SIZE);
  r->strs = rd_alloc(r, n, sizeof *r->strs);
  for (uint32_t i = 0; i < n && !r->failed; i++) read_string(r, i);
  r->nstrs = r->failed ? 0 : n;
}

/* ---- UNITS, SCALES, POLICIES ------------------------------------------------ */

static void read_units(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, BC_UNIT_SIZE);
  p->units = rd_alloc(r, n, sizeof *p->units);
  for (uint32_t i = 0; i < n && !r->failed; i++) {
    RtUnit *u = &p->units[i];
    u->name = rd_str(r, i);
    u->dim = rd_u32(r);
    u->factor = rd_i64(r);
  }
  p->nunits = r->failed ? 0 : n;
}

static void read_scale(Reader *r, RtScale *s, uint32_t i) {
  s->name = rd_str(r, i);
  size_t at = r->pos;
  uint32_t n = rd_u32(r);
  if (!r->failed && n > r->left / 4)
    bc_fail(r, at, INDRT_E_FORMAT, "%s record %u: member count %u exceeds remaining bytes",
            r->what, i, n);
  s->members = rd_alloc(r, n, sizeof *s->members);
  for (uint32_t j = 0; j < n && !r->failed; j++) s->members[j] = rd_str(r, i);
  s->nmembers = r->failed ? 0 : n;
}

static void read_scales(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, BC_SCALE_MIN_SIZE);
  p->scales = rd_alloc(r, n, sizeof *p->scales);
  for (uint32_t i = 0; i < n && !r->failed; i++) read_scale(r, &p->scales[i], i);
  p->nscales = r->failed ? 0 : n;
}

static void rd_band(Reader *r, RtBand *b) {
  b->lo = rd_i64(r);
  b->hi = rd_i64(r);
  b->dflt = rd_i64(r);
}

static void read_policy(Reader *r, RtPolicy *pol) {
  pol->w_output = rd_i64(r);
  pol->w_benefit = rd_i64(r);
  pol->w_satisfaction = rd_i64(r);
  pol->w_rate = rd_i64(r);
  rd_band(r, &pol->met);
  rd_band(r, &pol->partial);
  rd_band(r, &pol->unmet);
  pol->grade_excellent = rd_i64(r);
  pol->grade_good = rd_i64(r);
  pol->grade_fair = rd_i64(r);
  pol->overshoot = rd_i64(r);
  pol->low_rate = rd_i64(r);
  pol->lag = rd_i64(r);
  pol->reverse = rd_u8(r);
}

static void read_policies(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, BC_POLICY_SIZE);
  p->policies = rd_alloc(r, n, sizeof *p->policies);
  for (uint32_t i = 0; i < n && !r->failed; i++) read_policy(r, &p->policies[i]);
  p->npolicies = r->failed ? 0 : n;
}

/* ---- PROJECTS, INDICATORS ------------------------------------------------------- */

static void read_project(Reader *r, RtProject *pr, uint32_t i) {
  pr->name = rd_str(r, i);
  pr->key = rd_str(r, i);
  pr->file = rd_str(r, i);
  pr->line = rd_u32(r);
  pr->year = rd_i32(r);
  pr->currency = rd_u32(r);
  pr->budget = rd_i64(r);
  pr->policy = rd_u32(r);
  pr->first = rd_u32(r);
  pr->nind = rd_u32(r);
  pr->english = rd_u8(r);
}

static void read_projects(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, BC_PROJECT_SIZE);
  p->projects = rd_alloc(r, n, sizeof *p->projects);
  for (uint32_t i = 0; i < n && !r->failed; i++) read_project(r, &p->projects[i], i);
  p->nprojects = r->failed ? 0 : n;
}

static void read_indicator(Reader *r, RtIndicator *ind, uint32_t i) {
  RtTarget *t = &ind->target;
  ind->id = rd_str(r, i);
  ind->name = rd_str(r, i);
  ind->key = rd_str(r, i);
  ind->line = rd_u32(r);
  ind->points = rd_i64(r);
  ind->code = rd_u32(r);
  ind->ncode = rd_u32(r);
  t->unit = rd_i32(r);
  t->value = rd_i64(r);
  t->date = rd_i32(r);
  t->year = rd_i32(r);
  t->scale = rd_i32(r);
  t->rank = rd_i32(r);
  t->text = rd_str(r, i);
  ind->level1 = rd_u8(r);
  ind->level2 = rd_u8(r);
  ind->derived = rd_u8(r);
  t->kind = rd_u8(r);
  t->cmp = rd_u8(r);
  t->explicit_cmp = rd_u8(r);
}

static void read_indicators(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, BC_INDICATOR_SIZE);
  p->indicators = rd_alloc(r, n, sizeof *p->indicators);
  for (uint32_t i = 0; i < n && !r->failed; i++) read_indicator(r, &p->indicators[i], i);
  p->nindicators = r->failed ? 0 : n;
}

/* ---- FIELDS, CONSTS, CODE ----------------------------------------------------------- */

static void read_fields(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, 4);
  p->fields = rd_alloc(r, n, sizeof *p->fields);
  for (uint32_t i = 0; i < n && !r->failed; i++) p->fields[i] = rd_str(r, i);
  p->nfields = r->failed ? 0 : n;
}

static void read_consts(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, 8);
  p->consts = rd_alloc(r, n, sizeof *p->consts);
  for (uint32_t i = 0; i < n && !r->failed; i++) p->consts[i] = rd_i64(r);
  p->nconsts = r->failed ? 0 : n;
}

static void read_code(Reader *r) {
  RtProgram *p = r->p;
  uint32_t n = rd_count(r, 4);
  p->code = rd_alloc(r, n, sizeof *p->code);
  for (uint32_t i = 0; i < n && !r->failed; i++) p->code[i] = rd_u32(r);
  p->ncode = r->failed ? 0 : n;
}

/* ---- the file --------------------------------------------------------------------------- */

static const struct {
  const char *name;
  const char *what;          /* for messages */
  void (*read)(Reader *r);
} sections[BC_SEC__COUNT + 1] = {
    [BC_SEC_STRINGS] = {"STRINGS", "section STRINGS", read_strings},
    [BC_SEC_UNITS] = {"UNITS", "section UNITS", read_units},
    [BC_SEC_SCALES] = {"SCALES", "section SCALES", read_scales},
    [BC_SEC_POLICIES] = {"POLICIES", "section POLICIES", read_policies},
    [BC_SEC_PROJECTS] = {"PROJECTS", "section PROJECTS", read_projects},
    [BC_SEC_INDICATORS] = {"INDICATORS", "section INDICATORS", read_indicators},
    [BC_SEC_FIELDS] = {"FIELDS", "section FIELDS", read_fields},
    [BC_SEC_CONSTS] = {"CONSTS", "section CONSTS", read_consts},
    [BC_SEC_CODE] = {"CODE", "section CODE", read_code},
};

const char *bc_section_name(uint32_t id) {
  return id >= BC_SEC_STRINGS && id <= BC_SEC__COUNT ? sections[id].name : "?";
}

/* Section id: `u32 id, u32 length`, then a payload read to its last byte. */
static void read_section(Reader *r, uint32_t id) {
  r->what = sections[id].what;
  size_t at = r->pos;
  uint32_t got = rd_u32(r), len = rd_u32(r);
  if (r->failed) return;
  if (got != id) {
    if (got >= BC_SEC_STRINGS && got <= BC_SEC__COUNT)
      bc_fail(r, at, INDRT_E_FORMAT, "section %s (%u) found where %s (%u) was expected",
              bc_section_name(got), got, sections[id].name, id);
    else
      bc_fail(r, at, INDRT_E_FORMAT, "unknown section %u where %s (%u) was expected", got,
              sections[id].name, id);
    return;
  }
  if (len > r->left) {
    bc_fail(r, at + 4, INDRT_E_FORMAT, "%s: length %u exceeds remaining bytes", r->what, len);
    return;
  }
  size_t outer = r->left - len;
  r->left = len;
  r->layout.at[id] = r->pos + 4; /* records start after the count */
  sections[id].read(r);
  if (!r->failed && r->left != 0)
    bc_fail(r, r->pos, INDRT_E_FORMAT, "%s: %zu bytes left over", r->what, r->left);
  r->left = outer;
}

/* The 32-byte header; on success the cursor covers the rest of the file. */
static void read_header(Reader *r, size_t len) {
  r->what = "header";
  if (len < BC_HEADER_SIZE) {
    bc_fail(r, len, INDRT_E_FORMAT, "truncated header");
    return;
  }
  r->left = BC_HEADER_SIZE;
  const uint8_t *magic = take(r, 4);
  uint16_t version = rd_u16(r), flags = rd_u16(r);
  uint32_t endian = rd_u32(r);
  int64_t deccheck = rd_i64(r);
  uint32_t nsec = rd_u32(r), body = rd_u32(r), crc = rd_u32(r);
  size_t have = len - BC_HEADER_SIZE;
  if (memcmp(magic, BC_MAGIC, 4) != 0) bc_fail(r, 0, INDRT_E_FORMAT, "bad magic");
  if (version != BC_VERSION)
    bc_fail(r, 4, INDRT_E_FORMAT, "unsupported version %u", (unsigned)version);
  if (flags != 0) bc_fail(r, 6, INDRT_E_FORMAT, "unsupported flags 0x%04x", (unsigned)flags);
  if (endian != BC_ENDIAN_CHECK)
    bc_fail(r, 8, INDRT_E_FORMAT, "bad byte-order check 0x%08x", (unsigned)endian);
  if (deccheck != BC_DEC_CHECK) bc_fail(r, 12, INDRT_E_FORMAT, "bad Dec check");
  if (nsec != BC_SEC__COUNT)
    bc_fail(r, 20, INDRT_E_FORMAT, "%u sections, expected %u", nsec, (unsigned)BC_SEC__COUNT);
  if (body > have)
    bc_fail(r, len, INDRT_E_FORMAT, "truncated file: %zu of %u bytes after the header", have,
            body);
  if (body < have)
    bc_fail(r, BC_HEADER_SIZE + (uint64_t)body, INDRT_E_FORMAT,
            "%zu bytes of trailing data after the end", have - body);
  if (!r->failed && bc_crc32(0, r->base + BC_HEADER_SIZE, have) != crc)
    bc_fail(r, 28, INDRT_E_FORMAT, "checksum mismatch");
  r->left = have;
}

static void read_file(Reader *r, size_t len) {
  read_header(r, len);
  for (uint32_t id = BC_SEC_STRINGS; id <= BC_SEC__COUNT && !r->failed; id++)
    read_section(r, id);
  if (!r->failed && r->left != 0)
    bc_fail(r, r->pos, INDRT_E_FORMAT, "%zu bytes after the last section", r->left);
}

indrt_status bc_load(const void *bytes, size_t len, size_t mem_limit, RtProgram *out,
                     BcError *err) {
  RtMem mem = {mem_limit, NULL, NULL};
  return bc_load_mem(bytes, len, &mem, out, err);
}

indrt_status bc_load_mem(const void *bytes, size_t len, const RtMem *mem, RtProgram *out,
                         BcError *err) {
  Reader r;
  memset(&r, 0, sizeof r);
  memset(out, 0, sizeof *out);
  memset(err, 0, sizeof *err);
  rt_arena_init_mem(&out->arena, mem);
  r.base = bytes;
  r.err = err;
  r.p = out;
  read_file(&r, bytes ? len : 0);
  indrt_status st = r.failed ? r.status : bc_verify_at(out, &r.layout, err);
  if (st != INDRT_OK) rt_program_free(out);
  return st;
}
