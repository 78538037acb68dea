/*
 * test_bc.c - the .indb format: runtime/bc_write.c, bc_read.c,
 * bc_verify.c, bc_disasm.c, bc_opinfo.c and bc_crc32.c
 * (docs/bytecode.md).
 *
 * Programs are built by hand (make_program: two projects, every target
 * kind, a derived indicator with jumps) so the format is tested apart from
 * the compiler.  Then:
 *   - write -> load -> write is byte-identical;
 *   - every verifier rule has one failing case (vcases below), checked on
 *     the program in memory and again through a file;
 *   - every reader failure has one failing case on the bytes (rcases);
 *   - mutations of a valid file (bit flips, bytes, random runs, truncation,
 *     appended garbage: thousands of variants) are rejected cleanly, or
 *     load, verify, and evaluate correctly: with empty data and with
 *     made-up data of every kind (tests/fuzz/fuzz_synth.h), every score
 *     within its points, and the same scorecard from the program as
 *     written back and read again;
 *   - tests/corrupt/NAME.indb load with the error in NAME.expected.
 *     INDC_UPDATE_CORRUPT=1 rewrites that directory from the cases marked
 *     for it;
 *   - the opcode section of docs/bytecode.md matches bc_opcodes.def.
 */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/bc.h"
#include "../../runtime/bc_crc32.h"
#include "../../runtime/bc_internal.h"
#include "../../runtime/data/actuals.h"
#include "../../runtime/eval.h"
#include "../fuzz/fuzz_synth.h"

/* ---- building programs by hand ------------------------------------------- */

static Dec D(const char *s) {
  Dec d = 0;
  ck_assert_msg(dec_parse(s, strlen(s), &d) == DEC_OK, "bad literal %s", s);
  return d;
}

static Dec I(int64_t n) { return n * DEC_ONE; }

/* The indicators of make_program, in order. */
enum {
  I_QUANT,     /* project 0: >= 15 场 */
  I_DERIVED,   /* project 0: >= 90 %, from fields, with JZ and JMP */
  I_DEADLINE,  /* project 0: by 2023-06-30 */
  I_GRADE,     /* project 0: 3A or better */
  I_TEXT,      /* project 0 */
  I_PERIOD,    /* project 0: the budget year */
  I_COST,      /* project 1: <= 5 万元 */
  I_SATIS,     /* project 1: >= 95, no unit */
  I_PERIOD2,   /* project 1: 2024, no id, zero points */
  N_IND
};

enum { CAP_CODE = 512, CAP_CONSTS = 64 };

static void *alloc(RtProgram *p, size_t n) {
  void *m = rt_alloc(&p->arena, n);
  ck_assert_ptr_nonnull(m);
  return m;
}

/* The index of constant v, added on first use. */
static uint32_t konst(RtProgram *p, Dec v) {
  for (uint32_t i = 0; i < p->nconsts; i++)
    if (p->consts[i] == v) return i;
  ck_assert_uint_lt(p->nconsts, CAP_CONSTS);
  p->consts[p->nconsts] = v;
  return p->nconsts++;
}

static void emit(RtProgram *p, int op, uint32_t a) {
  ck_assert_uint_lt(p->ncode, CAP_CODE);
  p->code[p->ncode++] = BC_WORD(op, a);
}

static void set_units(RtProgram *p) {
  static const struct { const char *name; uint32_t dim; const char *factor; } u[] = {
      {"元", 0, "1"}, {"万元", 0, "10000"}, {"人", 2, "1"}, {"场", 3, "1"}, {"%", 4, "1"}};
  p->nunits = 5;
  p->units = alloc(p, sizeof u / sizeof u[0] * sizeof *p->units);
  for (uint32_t i = 0; i < p->nunits; i++)
    p->units[i] = (RtUnit){u[i].name, u[i].dim, D(u[i].factor)};
}

static void set_scales(RtProgram *p) {
  static const char *members[] = {"1A", "2A", "3A", "4A", "5A"};
  p->nscales = 1;
  p->scales = alloc(p, sizeof *p->scales);
  p->scales[0] = (RtScale){"社会组织评估等级", members, 5};
}

static RtPolicy default_policy(void) {
  RtPolicy pol = {0};
  pol.w_output = I(50);
  pol.w_benefit = I(30);
  pol.w_satisfaction = I(10);
  pol.w_rate = I(10);
  pol.met = (RtBand){D("0.8"), I(1), I(1)};
  pol.partial = (RtBand){D("0.6"), D("0.8"), D("0.7")};
  pol.unmet = (RtBand){0, D("0.6"), D("0.3")};
  pol.grade_excellent = I(90);
  pol.grade_good = I(80);
  pol.grade_fair = I(60);
  pol.overshoot = D("1.3");
  pol.low_rate = D("0.9");
  pol.lag = D("0.2");
  return pol;
}

static void set_policies(RtProgram *p) {
  p->npolicies = 2;
  p->policies = alloc(p, 2 * sizeof *p->policies);
  p->policies[0] = default_policy();
  p->policies[1] = default_policy();
  p->policies[1].reverse = 1;
  p->policies[1].w_output = I(60);
  p->policies[1].w_benefit = I(20);
}

static void set_projects(RtProgram *p) {
  p->nprojects = 2;
  p->projects = alloc(p, 4 * sizeof *p->projects);
  p->projects[0] = (RtProject){"青年志愿服务项目", "青年志愿服务项目", "youth.ind", 2, 2023, 1,
                               I(20), 0, 0, 6, 0};
  p->projects[1] = (RtProject){"Library services", "Libraryservices", "library.ind", 1, 2024, 0,
                               I(580), 1, 6, 3, 1};
}

static RtIndicator *set_ind(RtProgram *p, uint32_t i, const char *name, int l1, int l2,
                            int kind, Dec points) {
  RtIndicator *ind = &p->indicators[i];
  ind->id = NULL;
  ind->name = name;
  ind->key = name;
  ind->level1 = (uint8_t)l1;
  ind->level2 = (uint8_t)l2;
  ind->points = points;
  ind->line = 10 + i;
  ind->target = (RtTarget){.kind = (uint8_t)kind, .unit = -1, .scale = -1, .text = ""};
  return ind;
}

static void set_indicators(RtProgram *p) {
  RtIndicator *ind;
  p->nindicators = N_IND;
  p->indicators = alloc(p, 16 * sizeof *p->indicators);
  ind = set_ind(p, I_QUANT, "志愿服务活动场次", RT_CAT_OUTPUT, RT_CAT_QUANTITY, RT_TGT_QUANT, I(10));
  ind->id = "1.1";
  ind->target.unit = 3, ind->target.value = I(15), ind->target.text = "≥15 场";
  ind = set_ind(p, I_DERIVED, "志愿者参与率", RT_CAT_BENEFIT, RT_CAT_SOCIAL, RT_TGT_QUANT, I(10));
  ind->derived = 1;
  ind->target.unit = 4, ind->target.value = I(90), ind->target.text = "≥90%";
  ind = set_ind(p, I_DEADLINE, "完成时间", RT_CAT_OUTPUT, RT_CAT_TIMELINESS, RT_TGT_DEADLINE, I(10));
  ind->target.date = rt_days_from_civil(2023, 6, 30), ind->target.text = "2023年6月30日前";
  ind = set_ind(p, I_GRADE, "组织评估等级", RT_CAT_OUTPUT, RT_CAT_QUALITY, RT_TGT_GRADE, D("7.5"));
  ind->target.scale = 0, ind->target.rank = 3, ind->target.text = "3A";
  ind = set_ind(p, I_TEXT, "社会影响", RT_CAT_BENEFIT, RT_CAT_SUSTAINABLE, RT_TGT_TEXT, I(10));
  ind->target.text = "持续提升";
  ind = set_ind(p, I_PERIOD, "长效机制", RT_CAT_BENEFIT, RT_CAT_ECONOMIC, RT_TGT_PERIOD, I(10));
  ind->target.text = "本年度";
  ind = set_ind(p, I_COST, "Unit cost", RT_CAT_COST, RT_CAT_ECONOMIC_COST, RT_TGT_QUANT, I(5));
  ind->target.cmp = RT_CMP_LE, ind->target.explicit_cmp = 1, ind->target.unit = 1;
  ind->target.value = I(5), ind->target.text = "<= 5 万元";
  ind = set_ind(p, I_SATIS, "Reader satisfaction", RT_CAT_SATISFACTION, RT_CAT_BENEFICIARY,
                RT_TGT_QUANT, I(10));
  ind->target.value = I(95), ind->target.text = ">= 95";
  ind = set_ind(p, I_PERIOD2, "Opening hours", RT_CAT_OUTPUT, RT_CAT_COST, RT_TGT_PERIOD, 0);
  ind->target.year = 2024, ind->target.text = "2024";
}

/* The derived expression: FIELD1 = 0 ? 0 : FIELD0 / FIELD1, times 100. */
static void emit_derived_expr(RtProgram *p) {
  emit(p, BC_FIELD, 1);           /* 2 */
  emit(p, BC_JZ, 4);              /* 3: to 8 */
  emit(p, BC_FIELD, 0);           /* 4 */
  emit(p, BC_FIELD, 1);           /* 5 */
  emit(p, BC_DIV, 0);             /* 6 */
  emit(p, BC_JMP, 1);             /* 7: to 9 */
  emit(p, BC_KONST, konst(p, 0)); /* 8 */
  emit(p, BC_KONST, konst(p, I(100)));
  emit(p, BC_MUL, 0);
}

/* The canonical code of indicator i of a project of the given year. */
static void emit_canonical(RtProgram *p, RtIndicator *ind, int32_t year) {
  const RtTarget *t = &ind->target;
  ind->code = p->ncode;
  emit(p, BC_KONST, konst(p, ind->points));
  switch (t->kind) {
  case RT_TGT_QUANT:
    emit(p, BC_KONST, konst(p, t->value));
    if (ind->derived) emit_derived_expr(p);
    else emit(p, BC_ACTUAL, 0);
    emit(p, BC_SQUANT, t->cmp);
    break;
  case RT_TGT_DEADLINE:
    emit(p, BC_KONST, konst(p, I(t->date)));
    emit(p, BC_KONST, konst(p, I(rt_days_from_civil(year, 1, 1))));
    emit(p, BC_ADATE, 0);
    emit(p, BC_SDATE, 0);
    break;
  case RT_TGT_GRADE:
    emit(p, BC_KONST, konst(p, I(t->rank)));
    emit(p, BC_ARANK, 0);
    emit(p, BC_SORD, 0);
    break;
  default:
    emit(p, BC_SGRADED, 0);
  }
  emit(p, BC_RET, 0);
  ind->ncode = p->ncode - ind->code;
}

/* A valid program with every kind of record; free with rt_program_free. */
static void make_program(RtProgram *p) {
  static const char *fields[] = {"参与人数", "总人数"};
  memset(p, 0, sizeof *p);
  rt_arena_init(&p->arena, 0);
  set_units(p);
  set_scales(p);
  set_policies(p);
  set_projects(p);
  set_indicators(p);
  p->fields = alloc(p, 4 * sizeof *p->fields);
  memcpy((void *)p->fields, fields, sizeof fields);
  p->nfields = 2;
  p->consts = alloc(p, CAP_CONSTS * sizeof *p->consts);
  p->code = alloc(p, CAP_CODE * sizeof *p->code);
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pr = &p->projects[j];
    for (uint32_t i = pr->first; i < pr->first + pr->nind; i++)
      emit_canonical(p, &p->indicators[i], pr->year);
  }
}

/* Point indicator i at new code: n words given as op, operand pairs. */
static void recode(RtProgram *p, uint32_t i, int n, ...) {
  va_list ap;
  va_start(ap, n);
  p->indicators[i].code = p->ncode;
  p->indicators[i].ncode = (uint32_t)n;
  for (int k = 0; k < n; k++) {
    int op = va_arg(ap, int);
    emit(p, op, va_arg(ap, uint32_t));
  }
  va_end(ap);
}

/* The word pc of indicator i. */
#define W(i, pc) (p->code[p->indicators[(i)].code + (pc)])

/* ---- small helpers ------------------------------------------------------------ */

static uint32_t get32(const uint8_t *b) {
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint8_t *b, uint32_t v) {
  for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
}

/* Offset of section id's header (u32 id, u32 length) in a valid file. */
static size_t sec_at(const BcBuf *b, uint32_t id) {
  size_t at = BC_HEADER_SIZE;
  while (get32(b->data + at) != id) at += 8 + get32(b->data + at + 4);
  return at;
}

/* Make the header's length and CRC match the bytes after it. */
static void fix_header(uint8_t *data, size_t len) {
  put32(data + 24, (uint32_t)(len - BC_HEADER_SIZE));
  put32(data + 28, bc_crc32(0, data + BC_HEADER_SIZE, len - BC_HEADER_SIZE));
}

static void write_ok(const RtProgram *p, BcBuf *b) {
  ck_assert_int_eq(bc_write(p, b), 0);
}

static const char *status_text(indrt_status st) {
  switch (st) {
  case INDRT_OK: return "ok";
  case INDRT_E_FORMAT: return "format error";
  case INDRT_E_VERIFY: return "verify error";
  case INDRT_E_NOMEM: return "out of memory";
  default: return "other error";
  }
}

/* The one-line outcome of loading bytes, as tests/corrupt/ records it. */
static void load_outcome(const uint8_t *data, size_t len, char *out, size_t cap) {
  RtProgram p;
  BcError err;
  indrt_status st = bc_load(data, len, 0, &p, &err);
  if (st == INDRT_OK) snprintf(out, cap, "ok");
  else snprintf(out, cap, "%s at offset %llu: %s", status_text(st),
                (unsigned long long)err.offset, err.msg);
  rt_program_free(&p);
}

/* ---- CRC, opcode table ---------------------------------------------------------- */

START_TEST(test_crc32) {
  ck_assert_uint_eq(bc_crc32(0, "123456789", 9), 0xCBF43926u);
  ck_assert_uint_eq(bc_crc32(0, "", 0), 0);
  ck_assert_uint_eq(bc_crc32(bc_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
}
END_TEST

/* The CRC bit by bit, from the polynomial alone: the reference for the
 * table and for slicing by 8. */
static uint32_t crc_bitwise(const unsigned char *p, size_t len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
  }
  return ~crc;
}

/* Long inputs take the eight-bytes-at-a-time path (4096 bytes and more):
 * every length and alignment around the boundaries agrees bit by bit. */
START_TEST(test_crc32_sliced) {
  enum { N = 20000 };
  unsigned char *buf = malloc(N);
  ck_assert_ptr_nonnull(buf);
  uint32_t x = 12345;
  for (size_t i = 0; i < N; i++) x = x * 1103515245u + 12345u, buf[i] = (unsigned char)(x >> 16);
  static const size_t lens[] = {0, 1, 7, 8, 9, 4095, 4096, 4097, 4103, 4104, 9999, N - 3};
  for (size_t o = 0; o < 3; o++)
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++)
      ck_assert_msg(bc_crc32(0, buf + o, lens[k]) == crc_bitwise(buf + o, lens[k]),
                    "offset %zu, length %zu", o, lens[k]);
  /* continuing a CRC across a split into a short and a long part */
  ck_assert_uint_eq(bc_crc32(bc_crc32(0, buf, 100), buf + 100, N - 100), crc_bitwise(buf, N));
  memset(buf, 0xFF, N);
  ck_assert_uint_eq(bc_crc32(0, buf, N), crc_bitwise(buf, N));
  free(buf);
}
END_TEST

START_TEST(test_opinfo) {
  ck_assert_str_eq(bc_ops[BC_NOP].name, "NOP");
  ck_assert_str_eq(bc_ops[BC_RET].name, "RET");
  ck_assert_int_eq(bc_ops[BC_KONST].operand, BC_OPND_CONST);
  ck_assert_int_eq(bc_ops[BC_SDATE].pops, 4);
  ck_assert_int_eq(bc_ops[BC_JZ].operand, BC_OPND_JUMP);
  for (int op = 0; op < BC__NOPS; op++) {
    ck_assert_ptr_nonnull(bc_ops[op].name);
    ck_assert_ptr_nonnull(bc_ops[op].doc);
    ck_assert_uint_le(bc_ops[op].pushes, 1);
  }
  ck_assert_uint_eq(BC_OP(BC_WORD(BC_JMP, BC_MAX_A)), BC_JMP);
  ck_assert_uint_eq(BC_A(BC_WORD(BC_JMP, BC_MAX_A)), BC_MAX_A);
}
END_TEST

/* ---- round trip ------------------------------------------------------------------- */

START_TEST(test_valid_program_verifies) {
  RtProgram p;
  BcError err;
  make_program(&p);
  ck_assert_msg(bc_verify(&p, &err) == INDRT_OK, "%s", err.msg);
  rt_program_free(&p);
  ck_assert_ptr_null(p.arena.head);
  ck_assert_uint_eq(p.nindicators, 0);
}
END_TEST

START_TEST(test_round_trip) {
  RtProgram p, q;
  BcBuf a, b;
  BcError err;
  make_program(&p);
  write_ok(&p, &a);
  ck_assert_msg(bc_load(a.data, a.len, 0, &q, &err) == INDRT_OK, "%s", err.msg);
  write_ok(&q, &b);
  ck_assert_uint_eq(a.len, b.len);
  ck_assert_mem_eq(a.data, b.data, a.len);
  /* spot checks of what was read */
  ck_assert_uint_eq(q.nindicators, N_IND);
  ck_assert_str_eq(q.indicators[I_QUANT].id, "1.1");
  ck_assert_ptr_null(q.indicators[I_DERIVED].id);
  ck_assert_str_eq(q.indicators[I_GRADE].target.text, "3A");
  ck_assert_int_eq(q.indicators[I_GRADE].points, D("7.5"));
  ck_assert_int_eq(q.indicators[I_SATIS].target.unit, -1);
  ck_assert_str_eq(q.projects[0].name, "青年志愿服务项目");
  ck_assert_ptr_eq(q.projects[0].name, q.projects[0].key); /* one interned string */
  ck_assert_str_eq(q.scales[0].members[4], "5A");
  ck_assert_int_eq(q.policies[1].reverse, 1);
  ck_assert_int_eq(q.units[1].factor, I(10000));
  ck_assert_mem_eq(q.code, p.code, p.ncode * sizeof *p.code);
  rt_program_free(&p);
  rt_program_free(&q);
  bc_buf_free(&a);
  bc_buf_free(&b);
}
END_TEST

START_TEST(test_header_layout) {
  RtProgram p;
  BcBuf b;
  make_program(&p);
  write_ok(&p, &b);
  ck_assert_mem_eq(b.data, "INDB\x01\x00\x00\x00\x04\x03\x02\x01", 12);
  ck_assert_uint_eq(get32(b.data + 20), 9);
  ck_assert_uint_eq(get32(b.data + 24), b.len - BC_HEADER_SIZE);
  ck_assert_uint_eq(get32(b.data + 28), bc_crc32(0, b.data + 32, b.len - 32));
  /* sections in id order, each once */
  size_t at = BC_HEADER_SIZE;
  for (uint32_t id = 1; id <= 9; id++) {
    ck_assert_uint_eq(get32(b.data + at), id);
    at += 8 + get32(b.data + at + 4);
  }
  ck_assert_uint_eq(at, b.len);
  /* strings are interned: "青年志愿服务项目" appears once */
  size_t s = sec_at(&b, BC_SEC_STRINGS), n = 0;
  const char *name = "青年志愿服务项目";
  for (size_t i = s; i + strlen(name) <= sec_at(&b, BC_SEC_UNITS); i++)
    n += memcmp(b.data + i, name, strlen(name)) == 0;
  ck_assert_uint_eq(n, 1);
  rt_program_free(&p);
  bc_buf_free(&b);
}
END_TEST

static int64_t get64(const uint8_t *b) {
  return (int64_t)((uint64_t)get32(b) | (uint64_t)get32(b + 4) << 32);
}

/* The record layouts of docs/bytecode.md, field by field where it matters. */
START_TEST(test_record_layout) {
  RtProgram p;
  BcBuf b;
  make_program(&p);
  write_ok(&p, &b);
  const uint8_t *u = b.data + sec_at(&b, BC_SEC_UNITS) + 12 + 16; /* unit 1 */
  ck_assert_uint_eq(get32(u + 4), 0);
  ck_assert_int_eq(get64(u + 8), I(10000));
  const uint8_t *pol = b.data + sec_at(&b, BC_SEC_POLICIES) + 12 + 153; /* policy 1 */
  ck_assert_uint_eq(get32(b.data + sec_at(&b, BC_SEC_POLICIES) + 4), 4 + 2 * 153);
  ck_assert_int_eq(get64(pol + 0), I(60));
  ck_assert_int_eq(get64(pol + 56), D("0.6"));
  ck_assert_int_eq(get64(pol + 72), D("0.7"));
  ck_assert_int_eq(get64(pol + 144), D("0.2"));
  ck_assert_uint_eq(pol[152], 1);
  const uint8_t *pr = b.data + sec_at(&b, BC_SEC_PROJECTS) + 12 + 45; /* project 1 */
  ck_assert_uint_eq(get32(b.data + sec_at(&b, BC_SEC_PROJECTS) + 4), 4 + 2 * 45);
  ck_assert_uint_eq(get32(pr + 16), 2024);
  ck_assert_int_eq(get64(pr + 24), I(580));
  ck_assert_uint_eq(get32(pr + 36), 6);
  ck_assert_uint_eq(get32(pr + 40), 3);
  ck_assert_uint_eq(pr[44], 1);
  const uint8_t *ind = b.data + sec_at(&b, BC_SEC_INDICATORS) + 12 + 70 * I_COST;
  ck_assert_uint_eq(get32(b.data + sec_at(&b, BC_SEC_INDICATORS) + 4), 4 + N_IND * 70);
  ck_assert_uint_eq(get32(ind + 0), BC_NONE);
  ck_assert_uint_eq(get32(ind + 12), 10 + I_COST);
  ck_assert_int_eq(get64(ind + 16), I(5));
  ck_assert_uint_eq(get32(ind + 24), p.indicators[I_COST].code);
  ck_assert_uint_eq(get32(ind + 28), 5);
  ck_assert_uint_eq(get32(ind + 32), 1);
  ck_assert_int_eq(get64(ind + 36), I(5));
  ck_assert_uint_eq(ind[64], RT_CAT_COST);
  ck_assert_uint_eq(ind[65], RT_CAT_ECONOMIC_COST);
  ck_assert_uint_eq(ind[67], RT_TGT_QUANT);
  ck_assert_uint_eq(ind[68], RT_CMP_LE);
  ck_assert_uint_eq(ind[69], 1);
  ind = b.data + sec_at(&b, BC_SEC_INDICATORS) + 12 + 70 * I_GRADE;
  ck_assert_uint_eq(get32(ind + 52), 0);
  ck_assert_uint_eq(get32(ind + 56), 3);
  ind = b.data + sec_at(&b, BC_SEC_INDICATORS) + 12 + 70 * I_DEADLINE;
  ck_assert_int_eq((int32_t)get32(ind + 44), rt_days_from_civil(2023, 6, 30));
  ck_assert_uint_eq(ind[66], 0);
  ck_assert_uint_eq(b.data[sec_at(&b, BC_SEC_INDICATORS) + 12 + 70 * I_DERIVED + 66], 1);
  const uint8_t *code = b.data + sec_at(&b, BC_SEC_CODE) + 12;
  ck_assert_uint_eq(get32(code), BC_WORD(BC_KONST, 0));
  ck_assert_uint_eq(code[12], BC_SQUANT); /* word 3: opcode in the low byte */
  ck_assert_uint_eq(get32(code + 12), BC_WORD(BC_SQUANT, RT_CMP_GE));
  rt_program_free(&p);
  bc_buf_free(&b);
}
END_TEST

START_TEST(test_empty_program) {
  RtProgram p, q;
  BcBuf a, b;
  BcError err;
  memset(&p, 0, sizeof p);
  write_ok(&p, &a);
  ck_assert_uint_eq(a.len, BC_HEADER_SIZE + 9 * 12);
  ck_assert_int_eq(bc_load(a.data, a.len, 0, &q, &err), INDRT_OK);
  write_ok(&q, &b);
  ck_assert_mem_eq(a.data, b.data, a.len);
  rt_program_free(&q);
  bc_buf_free(&a);
  bc_buf_free(&b);
}
END_TEST

/* Step the memory limit up: every failure is a clean INDRT_E_NOMEM. */
START_TEST(test_memory_limit) {
  RtProgram p, q;
  BcBuf b;
  BcError err;
  make_program(&p);
  write_ok(&p, &b);
  size_t limit = 16;
  indrt_status st;
  while ((st = bc_load(b.data, b.len, limit, &q, &err)) != INDRT_OK) {
    ck_assert_int_eq(st, INDRT_E_NOMEM);
    ck_assert_str_eq(err.msg, "out of memory");
    ck_assert_ptr_null(q.arena.head);
    limit += 16;
  }
  ck_assert_uint_le(q.arena.used, limit);
  rt_program_free(&q);
  rt_program_free(&p);
  bc_buf_free(&b);
}
END_TEST

/* ---- verifier: one failing case per rule ------------------------------------------------ */

/*
 * VCASE(name, expected message, statements mutating RtProgram *p); the
 * message is what bc_verify says, exactly.  C marks the cases that are
 * also kept as files in tests/corrupt/.
 */
#define VCASES(X, C)                                                                        \
  X(unit_name, "unit 1: no name", p->units[1].name = NULL)                                 \
  C(unit_dim_range, "unit 1: dimension 99 out of range (5 units)", p->units[1].dim = 99)   \
  C(unit_dim_not_base, "unit 4: dimension 1 is not a base unit", p->units[4].dim = 1)      \
  X(unit_factor_zero, "unit 1: factor must be > 0", p->units[1].factor = 0)                \
  X(unit_factor_negative, "unit 1: factor must be > 0", p->units[1].factor = -I(1))        \
  X(unit_base_factor, "unit 0: a base unit's factor must be 1", p->units[0].factor = I(2)) \
  X(scale_name, "scale 0: no name", p->scales[0].name = NULL)                              \
  C(scale_empty, "scale 0: no members", p->scales[0].nmembers = 0)                         \
  X(scale_member, "scale 0: member 4 has no name",                                         \
    static const char *m[] = {"1A", "2A", "3A", "4A", NULL}; p->scales[0].members = m)     \
  X(policy_weight, "policy 1: benefit weight is negative", p->policies[1].w_benefit = -1)  \
  X(policy_threshold, "policy 0: fair threshold is negative", p->policies[0].grade_fair = -1) \
  X(policy_share, "policy 0: lag share is negative", p->policies[0].lag = -1)              \
  C(policy_band_order, "policy 0: band met is not ordered as 0 <= low <= default <= high <= 1", \
    p->policies[0].met.dflt = D("0.7"))                                                    \
  X(policy_band_above_one,                                                                 \
    "policy 0: band partial is not ordered as 0 <= low <= default <= high <= 1",          \
    p->policies[0].partial.hi = D("1.5"))                                                  \
  X(policy_band_negative,                                                                  \
    "policy 0: band unmet is not ordered as 0 <= low <= default <= high <= 1",            \
    p->policies[0].unmet.lo = -D("0.1"))                                                   \
  X(policy_reverse, "policy 0: reverse formula 2 is not 0 or 1", p->policies[0].reverse = 2) \
  X(field_name, "field 1: no name", p->fields[1] = NULL)                                   \
  X(const_invalid, "constant 11: not a valid decimal (-2^63)",                              \
    ck_assert_uint_eq(p->nconsts, 11); p->consts[p->nconsts++] = INT64_MIN)                 \
  X(project_name, "project 1: name, key or file missing", p->projects[1].file = NULL)     \
  X(project_year, "project 0: year 1899 outside 1900..9999", p->projects[0].year = 1899)   \
  X(project_currency, "project 0: currency unit 5 out of range (5 units)",                 \
    p->projects[0].currency = 5)                                                           \
  X(project_budget, "project 0: budget is negative", p->projects[0].budget = -1)           \
  X(project_policy, "project 1: policy 2 out of range (2 policies)", p->projects[1].policy = 2) \
  C(project_gap, "project 1: indicators start at 7, expected 6", p->projects[1].first = 7)  \
  X(project_overrun, "project 1: indicators 6+4 run past the 9 indicators",             \
    p->projects[1].nind = 4)                                                               \
  C(project_cover, "projects: cover 8 of the 9 indicators", p->projects[1].nind = 2)       \
  X(project_language, "project 1: language flag 2 is not 0 or 1", p->projects[1].english = 2) \
  X(ind_name, "indicator 4: name or key missing", p->indicators[4].key = NULL)             \
  X(ind_level1, "indicator 0: category 4 is not a level-1 category",                       \
    p->indicators[0].level1 = RT_CAT_QUANTITY)                                             \
  C(ind_level2, "indicator 0: category social is not allowed under output",                \
    p->indicators[0].level2 = RT_CAT_SOCIAL)                                               \
  X(ind_level2_cost, "indicator 6: category cost is not allowed under cost",               \
    p->indicators[6].level2 = RT_CAT_COST)                                                 \
  X(ind_level2_unknown, "indicator 0: category (unknown) is not allowed under output",     \
    p->indicators[0].level2 = 99)                                                          \
  X(ind_kind, "indicator 4: target kind 9 unknown", p->indicators[4].target.kind = 9)      \
  X(ind_cmp, "indicator 4: comparison 5 unknown", p->indicators[4].target.cmp = 5)         \
  X(ind_explicit, "indicator 0: explicit-comparison flag 3 is not 0 or 1",                 \
    p->indicators[0].target.explicit_cmp = 3)                                              \
  X(ind_unit, "indicator 0: unit 5 out of range (5 units)", p->indicators[0].target.unit = 5) \
  X(ind_unit_negative, "indicator 0: unit -2 out of range (5 units)",                      \
    p->indicators[0].target.unit = -2)                                                     \
  X(ind_value, "indicator 4: target value is not a valid decimal",                         \
    p->indicators[4].target.value = INT64_MIN)                                             \
  X(ind_scale, "indicator 3: scale 1 out of range (1 scales)", p->indicators[3].target.scale = 1) \
  X(ind_no_scale, "indicator 3: grade target without a scale", p->indicators[3].target.scale = -1) \
  C(ind_rank_high, "indicator 3: rank 6 outside 1..5", p->indicators[3].target.rank = 6)   \
  X(ind_rank_zero, "indicator 3: rank 0 outside 1..5", p->indicators[3].target.rank = 0)   \
  X(ind_deadline, "indicator 2: deadline day -25568 outside the years 1900..9999",         \
    p->indicators[2].target.date = rt_days_from_civil(1899, 12, 31))                       \
  X(ind_period_year, "indicator 5: period year 23 is neither 0 nor within 1900..9999",     \
    p->indicators[5].target.year = 23)                                                     \
  X(ind_text, "indicator 5: target text missing", p->indicators[5].target.text = NULL)     \
  X(ind_points, "indicator 4: points are negative", p->indicators[4].points = -1)          \
  X(ind_derived_flag, "indicator 0: derived flag 2 is not 0 or 1", p->indicators[0].derived = 2) \
  X(ind_derived_kind, "indicator 3: a derived actual needs a quantitative target",          \
    p->indicators[3].derived = 1)                                                          \
  C(ind_code_range, "indicator 8: code 46+3 outside the code section (48 words)",          \
    p->indicators[8].code = 46)                                                            \
  X(code_short, "indicator 4: 1 code words, at least 2 needed", p->indicators[4].ncode = 1) \
  X(code_no_ret, "indicator 4: code ends with NOP, not RET", W(4, 2) = BC_WORD(BC_NOP, 0)) \
  C(code_wrong_score, "indicator 0: SORD before RET, expected SQUANT for this target",     \
    W(0, 3) = BC_WORD(BC_SORD, 0))                                                         \
  C(code_unknown_op, "indicator 1, word 4: unknown opcode 200", W(1, 4) = BC_WORD(200, 0)) \
  X(code_operand, "indicator 0, word 2: ACTUAL takes no operand, found 1",                 \
    W(0, 2) = BC_WORD(BC_ACTUAL, 1))                                                       \
  X(code_const_range, "indicator 0, word 1: constant 999 out of range (11 constants)",      \
    W(0, 1) = BC_WORD(BC_KONST, 999))                                                      \
  X(code_field_range, "indicator 1, word 4: field 2 out of range (2 fields)",              \
    W(1, 4) = BC_WORD(BC_FIELD, 2))                                                        \
  X(code_cmp_range, "indicator 0, word 3: comparison 5 unknown", W(0, 3) = BC_WORD(BC_SQUANT, 5)) \
  C(code_jump_past, "indicator 1, word 3: JZ +9 lands past the score instruction",         \
    W(1, 3) = BC_WORD(BC_JZ, 9))                                                           \
  X(code_jump_to_ret, "indicator 1, word 7: JMP +4 lands past the score instruction",      \
    W(1, 7) = BC_WORD(BC_JMP, 4))                                                          \
  C(code_jump_heights, "indicator 1, word 7: jump to word 9 with stack height 3, another jump there has 2", \
    W(1, 3) = BC_WORD(BC_JZ, 5))                                                           \
  X(code_merge_height, "indicator 1, word 9: stack height 2, but 3 at a jump here",        \
    W(1, 8) = BC_WORD(BC_NOP, 0))                                                          \
  C(code_unreachable, "indicator 1, word 4: unreachable instruction",                      \
    W(1, 3) = BC_WORD(BC_JMP, 4))                                                          \
  C(code_underflow, "indicator 4, word 1: stack underflow at SGRADED (height 0)",          \
    W(4, 0) = BC_WORD(BC_NOP, 0))                                                          \
  X(code_floor, "indicator 1, word 2: ADD consumes the points or target value below the expression", \
    W(1, 2) = BC_WORD(BC_ADD, 0))                                                          \
  C(code_overflow, "indicator 1, word 64: stack overflow at FIELD (limit 64)",             \
    recode_deep(p))                                                                        \
  X(code_extra_value, "indicator 4, word 2: stack height 1 after SGRADED, expected 0",      \
    recode(p, 4, 4, BC_KONST, 0, BC_KONST, 0, BC_SGRADED, 0, BC_RET, 0))                  \
  X(code_score_early, "indicator 1, word 4: SQUANT before the end of the code",            \
    W(1, 4) = BC_WORD(BC_SQUANT, 0))                                                       \
  X(code_ret_early, "indicator 1, word 4: RET before the end of the code", W(1, 4) = BC_WORD(BC_RET, 0)) \
  X(code_actual_derived, "indicator 1, word 4: ACTUAL outside the code of a non-derived quantitative target", \
    W(1, 4) = BC_WORD(BC_ACTUAL, 0))                                                       \
  X(code_actual_grade, "indicator 3, word 2: ACTUAL outside the code of a non-derived quantitative target", \
    W(3, 2) = BC_WORD(BC_ACTUAL, 0))                                                       \
  X(code_adate, "indicator 0, word 2: ADATE outside the code of a deadline target",       \
    W(0, 2) = BC_WORD(BC_ADATE, 0))                                                        \
  X(code_arank, "indicator 2, word 3: ARANK outside the code of a grade target",           \
    W(2, 3) = BC_WORD(BC_ARANK, 0))                                                        \
  X(code_field, "indicator 0, word 2: FIELD outside derived code", W(0, 2) = BC_WORD(BC_FIELD, 0)) \
  C(canon_points, "indicator 0, word 0: the constant is not the points", p->indicators[0].points = I(9)) \
  X(canon_value, "indicator 0, word 1: the constant is not the target value",              \
    p->indicators[0].target.value = I(16))                                                 \
  X(canon_derived_value, "indicator 1, word 1: the constant is not the target value",      \
    p->indicators[1].target.value = I(91))                                                 \
  X(canon_deadline, "indicator 2, word 1: the constant is not the deadline",               \
    p->indicators[2].target.date += 1)                                                     \
  C(canon_jan1, "indicator 2, word 2: the constant is not January 1 of the budget year", \
    p->projects[0].year = 2022)                                                            \
  X(canon_rank, "indicator 3, word 1: the constant is not the target rank",                \
    p->indicators[3].target.rank = 2)                                                      \
  X(canon_cmp, "indicator 0, word 3: SQUANT 0, but the target's comparison is 1",          \
    p->indicators[0].target.cmp = RT_CMP_LE)                                               \
  X(canon_derived_cmp, "indicator 1, word 11: SQUANT 0, but the target's comparison is 4", \
    p->indicators[1].target.cmp = RT_CMP_EQ)                                               \
  X(canon_length, "indicator 0: 6 code words, the canonical code of this target has 5",    \
    recode(p, 0, 6, BC_KONST, 0, BC_KONST, 1, BC_NOP, 0, BC_ACTUAL, 0, BC_SQUANT, 0, BC_RET, 0)) \
  X(canon_op, "indicator 3, word 1: ARANK where the canonical code has KONST",             \
    recode(p, 3, 5, BC_KONST, 7, BC_ARANK, 0, BC_KONST, 8, BC_SORD, 0, BC_RET, 0))         \
  X(canon_derived_prefix, "indicator 1, word 0: FIELD where the canonical code has KONST", \
    W(1, 0) = BC_WORD(BC_FIELD, 0))

/* Indicator 1's code made 70 values deep. */
static void recode_deep(RtProgram *p) {
  RtIndicator *ind = &p->indicators[I_DERIVED];
  ind->code = p->ncode;
  emit(p, BC_KONST, 0);
  emit(p, BC_KONST, 0);
  for (int k = 0; k < 70; k++) emit(p, BC_FIELD, 0);
  for (int k = 0; k < 70; k++) emit(p, BC_ADD, 0);
  emit(p, BC_SQUANT, 0);
  emit(p, BC_RET, 0);
  ind->ncode = p->ncode - ind->code;
}

#define VFN(name, expect, ...) \
  static void vmut_##name(RtProgram *p) { __VA_ARGS__; }
VCASES(VFN, VFN)
#undef VFN

typedef struct VCase {
  const char *name, *expect;
  void (*mutate)(RtProgram *p);
  int corpus;   /* also a file in tests/corrupt/ */
} VCase;

#define VROW(name, expect, ...) {#name, expect, vmut_##name, 0},
#define VROWC(name, expect, ...) {#name, expect, vmut_##name, 1},
static const VCase vcases[] = {VCASES(VROW, VROWC)};
#undef VROW
#undef VROWC
enum { N_VCASES = sizeof vcases / sizeof vcases[0] };

/* The base program really is what the cases assume. */
START_TEST(test_vcases_base) {
  RtProgram p;
  make_program(&p);
  ck_assert_uint_eq(p.nconsts, 11);
  ck_assert_uint_eq(p.ncode, 48);
  ck_assert_uint_eq(p.indicators[8].code, 45);
  ck_assert_uint_eq(BC_OP(p.code[p.indicators[1].code + 11]), BC_SQUANT);
  rt_program_free(&p);
}
END_TEST

START_TEST(test_verify_rule) {
  const VCase *c = &vcases[_i];
  RtProgram p, q;
  BcError err, err2;
  BcBuf b;
  make_program(&p);
  c->mutate(&p);
  ck_assert_int_eq(bc_verify(&p, &err), INDRT_E_VERIFY);
  ck_assert_str_eq(err.msg, c->expect);
  ck_assert_uint_eq(err.offset, 0);
  /* the same through a file, now with an offset into it */
  write_ok(&p, &b);
  ck_assert_int_eq(bc_load(b.data, b.len, 0, &q, &err2), INDRT_E_VERIFY);
  ck_assert_str_eq(err2.msg, c->expect);
  ck_assert_uint_gt(err2.offset, BC_HEADER_SIZE);
  ck_assert_uint_lt(err2.offset, b.len);
  ck_assert_uint_eq(q.nunits, 0);
  rt_program_free(&p);
  bc_buf_free(&b);
}
END_TEST

/* Verifier offsets point at the record or word concerned. */
START_TEST(test_verify_offsets) {
  RtProgram p, q;
  BcError err;
  BcBuf b;
  make_program(&p);
  p.units[4].dim = 1;
  write_ok(&p, &b);
  ck_assert_int_eq(bc_load(b.data, b.len, 0, &q, &err), INDRT_E_VERIFY);
  ck_assert_uint_eq(err.offset, sec_at(&b, BC_SEC_UNITS) + 12 + 4 * 16);
  bc_buf_free(&b);
  rt_program_free(&p);
  make_program(&p);
  p.code[p.indicators[1].code + 4] = BC_WORD(200, 0);
  write_ok(&p, &b);
  ck_assert_int_eq(bc_load(b.data, b.len, 0, &q, &err), INDRT_E_VERIFY);
  ck_assert_uint_eq(err.offset, sec_at(&b, BC_SEC_CODE) + 12 + 4 * (p.indicators[1].code + 4));
  ck_assert_uint_eq(b.data[err.offset], 200);
  bc_buf_free(&b);
  rt_program_free(&p);
}
END_TEST

/* ---- reader: one failing case per check ------------------------------------------------------ */

/*
 * RCASE(name, fix, expected message, statements patching BcBuf *b, a
 * valid file); fix: make the header's length and CRC match afterwards, so
 * the reader gets past the checksum to the problem.
 */
#define RCASES(X)                                                                            \
  X(truncated_header, 0, "truncated header", b->len = 10)                                    \
  X(empty_file, 0, "truncated header", b->len = 0)                                           \
  X(bad_magic, 0, "bad magic", b->data[0] = 'X')                                             \
  X(bad_version, 0, "unsupported version 7", b->data[4] = 7)                                 \
  X(bad_flags, 0, "unsupported flags 0x0001", b->data[6] = 1)                                \
  X(bad_byte_order, 0, "bad byte-order check 0x04030201", put32(b->data + 8, 0x04030201))    \
  X(bad_dec_check, 0, "bad Dec check", b->data[12] ^= 1)                                     \
  X(section_count, 0, "8 sections, expected 9", put32(b->data + 20, 8))                      \
  X(checksum, 0, "checksum mismatch", b->data[b->len - 1] ^= 0x40)                           \
  X(truncated_file, 0, "truncated file: ", b->len -= 5)                                      \
  X(trailing_data, 0, "3 bytes of trailing data after the end", b->len += 3)                 \
  X(after_last_section, 1, "3 bytes after the last section", b->len += 3)                    \
  X(section_truncated, 1, "section CODE: length ", b->len -= 2)                             \
  X(string_count, 1, "section STRINGS: count 4294967295 exceeds remaining bytes",            \
    put32(b->data + sec_at(b, BC_SEC_STRINGS) + 8, 0xFFFFFFFFu))                             \
  X(string_length, 1, "string 0: length 4294967040 exceeds remaining bytes",                 \
    put32(b->data + sec_at(b, BC_SEC_STRINGS) + 12, 0xFFFFFF00u))                            \
  X(string_utf8, 1, "string 0 is not valid UTF-8", b->data[sec_at(b, BC_SEC_STRINGS) + 16] = 0xC0) \
  X(string_surrogate, 1, "string 0 is not valid UTF-8",                                      \
    memcpy(b->data + sec_at(b, BC_SEC_STRINGS) + 16, "\xED\xA0\x80", 3))                     \
  X(string_nul, 1, "string 0 contains a NUL byte", b->data[sec_at(b, BC_SEC_STRINGS) + 17] = 0) \
  X(unit_count, 1, "section UNITS: count 4294967295 exceeds remaining bytes",                \
    put32(b->data + sec_at(b, BC_SEC_UNITS) + 8, 0xFFFFFFFFu))                               \
  X(unit_leftover, 1, "section UNITS: 16 bytes left over",                                   \
    put32(b->data + sec_at(b, BC_SEC_UNITS) + 8, 4))                                         \
  X(section_length, 1, "section UNITS: length 4294967295 exceeds remaining bytes",           \
    put32(b->data + sec_at(b, BC_SEC_UNITS) + 4, 0xFFFFFFFFu))                               \
  X(section_order, 1, "section SCALES (3) found where UNITS (2) was expected",               \
    put32(b->data + sec_at(b, BC_SEC_UNITS), 3))                                             \
  X(section_unknown, 1, "unknown section 77 where UNITS (2) was expected",                   \
    put32(b->data + sec_at(b, BC_SEC_UNITS), 77))                                            \
  X(string_index, 1, "section UNITS record 0: string 9999 out of range (",                   \
    put32(b->data + sec_at(b, BC_SEC_UNITS) + 12, 9999))                                     \
  X(scale_short, 1, "truncated section SCALES", put32(b->data + sec_at(b, BC_SEC_SCALES) + 8, 2)) \
  X(scale_members, 1, "section SCALES record 0: member count 1073741824 exceeds remaining bytes", \
    put32(b->data + sec_at(b, BC_SEC_SCALES) + 16, 0x40000000u))                             \
  X(code_count, 1, "section CODE: count 49 exceeds remaining bytes",                         \
    put32(b->data + sec_at(b, BC_SEC_CODE) + 8, 49))

#define RFN(name, fix, expect, ...) \
  static void rmut_##name(BcBuf *b) { __VA_ARGS__; }
RCASES(RFN)
#undef RFN

typedef struct RCase {
  const char *name;
  int fix;
  const char *expect;  /* the message starts with this */
  void (*patch)(BcBuf *b);
} RCase;

#define RROW(name, fix, expect, ...) {#name, fix, expect, rmut_##name},
static const RCase rcases[] = {RCASES(RROW)};
#undef RROW
enum { N_RCASES = sizeof rcases / sizeof rcases[0] };

/* The bytes of reader case c: a valid file patched (room for 64 more). */
static void make_rcase(const RCase *c, BcBuf *b) {
  RtProgram p;
  make_program(&p);
  write_ok(&p, b);
  rt_program_free(&p);
  uint8_t *data = realloc(b->data, b->len + 64);
  ck_assert_ptr_nonnull(data);
  memset(data + b->len, 0xA5, 64);
  b->data = data;
  b->cap = b->len + 64;
  c->patch(b);
  if (c->fix) fix_header(b->data, b->len);
}

START_TEST(test_reader_case) {
  const RCase *c = &rcases[_i];
  BcBuf b;
  RtProgram q;
  BcError err;
  make_rcase(c, &b);
  ck_assert_int_eq(bc_load(b.data, b.len, 0, &q, &err), INDRT_E_FORMAT);
  ck_assert_msg(strncmp(err.msg, c->expect, strlen(c->expect)) == 0, "%s: got \"%s\"", c->name,
                err.msg);
  ck_assert_uint_le(err.offset, b.len);
  ck_assert_uint_eq(q.nunits + q.nindicators, 0);
  bc_buf_free(&b);
}
END_TEST

START_TEST(test_load_null) {
  RtProgram q;
  BcError err;
  ck_assert_int_eq(bc_load(NULL, 0, 0, &q, &err), INDRT_E_FORMAT);
  ck_assert_str_eq(err.msg, "truncated header");
}
END_TEST

/* ---- mutations of a valid file ------------------------------------------------------------------ */

/* Evaluate p against a; the scorecard is in arena.  Checks what holds for
 * any scorecard: scores within their points, totals within 0..100. */
static void eval_checked(const RtProgram *p, const RtActuals *a, int32_t as_of, RtArena *arena,
                         RtResult *res) {
  rt_arena_init(arena, 0);
  ck_assert_int_eq(rt_evaluate(p, a, as_of, 100000, arena, res), 0);
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind; i++) {
      ck_assert_uint_le(res->ind[i].status, RT_ST_PENDING);
      ck_assert_msg(res->ind[i].score >= 0 && res->ind[i].score <= p->indicators[i].points,
                    "indicator %u scores %lld of %lld points", i, (long long)res->ind[i].score,
                    (long long)p->indicators[i].points);
    }
    ck_assert_msg(res->proj[j].total >= 0 && res->proj[j].total <= 100 * DEC_ONE,
                  "project %u total %lld", j, (long long)res->proj[j].total);
  }
}

/* A loaded program q and the same program read back from its bytes, r:
 * each evaluates, with empty data (act_load) and made-up data, at year end
 * and mid-year, and the two scorecards are the same. */
static void evaluate_both(const RtProgram *q, const RtProgram *r, uint32_t seed) {
  static const char empty[] = "project,indicator,actual\n";
  RtActuals ea, eb, sa, sb;
  ck_assert_int_eq(act_load(q, "empty.csv", empty, sizeof empty - 1, INDRT_DATA_CSV,
                            INDRT_ENC_UTF8, 0, &ea, NULL), INDRT_OK);
  ck_assert_int_eq(act_load(r, "empty.csv", empty, sizeof empty - 1, INDRT_DATA_CSV,
                            INDRT_ENC_UTF8, 0, &eb, NULL), INDRT_OK);
  memset(&sa, 0, sizeof sa);
  memset(&sb, 0, sizeof sb);
  ck_assert_int_eq(fz_synth_actuals(q, seed, &sa), 0);
  ck_assert_int_eq(fz_synth_actuals(r, seed, &sb), 0);
  const RtActuals *pairs[2][2] = {{&ea, &eb}, {&sa, &sb}};
  int32_t mid = rt_days_from_civil(q->nprojects ? q->projects[0].year : 2023, 6, 30);
  for (int k = 0; k < 4; k++) {
    RtArena a1, a2;
    RtResult x, y;
    int32_t as_of = k & 1 ? mid : RT_NO_AS_OF;
    eval_checked(q, pairs[k / 2][0], as_of, &a1, &x);
    eval_checked(r, pairs[k / 2][1], as_of, &a2, &y);
    for (uint32_t i = 0; i < q->nindicators; i++) {
      ck_assert_int_eq(x.ind[i].score, y.ind[i].score);
      ck_assert_int_eq(x.ind[i].status, y.ind[i].status);
    }
    for (uint32_t j = 0; j < q->nprojects; j++) ck_assert_int_eq(x.proj[j].total, y.proj[j].total);
    rt_arena_free(&a1);
    rt_arena_free(&a2);
  }
  act_free(&ea);
  act_free(&eb);
  rt_arena_free(&sa.arena);
  rt_arena_free(&sb.arena);
}

/* Load bytes that may or may not be valid: a clean rejection, or a
 * program that verifies, lists, writes back stably and evaluates. */
static int load_any(const uint8_t *data, size_t len) {
  RtProgram q, r;
  BcError err;
  BcBuf a, b;
  indrt_status st = bc_load(data, len, 0, &q, &err);
  if (st != INDRT_OK) {
    ck_assert_msg(st == INDRT_E_FORMAT || st == INDRT_E_VERIFY, "status %d", st);
    ck_assert_msg(err.msg[0] != '\0', "no reason given");
    ck_assert_msg(err.offset <= len, "offset %llu past the end", (unsigned long long)err.offset);
    ck_assert_ptr_null(q.arena.head);
    return 0;
  }
  ck_assert_int_eq(bc_verify(&q, &err), INDRT_OK);
  FILE *sink = fopen("/dev/null", "w");
  ck_assert_ptr_nonnull(sink);
  bc_disasm(&q, sink);
  fclose(sink);
  write_ok(&q, &a);
  ck_assert_int_eq(bc_load(a.data, a.len, 0, &r, &err), INDRT_OK);
  write_ok(&r, &b);
  ck_assert_uint_eq(a.len, b.len);
  ck_assert_mem_eq(a.data, b.data, a.len);
  evaluate_both(&q, &r, bc_crc32(0, data, len));
  rt_program_free(&q);
  rt_program_free(&r);
  bc_buf_free(&a);
  bc_buf_free(&b);
  return 1;
}

static void valid_file(BcBuf *b) {
  RtProgram p;
  make_program(&p);
  write_ok(&p, b);
  rt_program_free(&p);
}

/* Every bit of the first 4 KiB flipped: the header checks or the CRC
 * reject each one. */
START_TEST(test_mutate_bit_flips) {
  BcBuf b;
  valid_file(&b);
  size_t n = b.len < 4096 ? b.len : 4096;
  for (size_t i = 0; i < n; i++)
    for (int bit = 0; bit < 8; bit++) {
      b.data[i] ^= (uint8_t)(1u << bit);
      ck_assert_msg(load_any(b.data, b.len) == 0, "flip of bit %d of byte %zu loaded", bit, i);
      b.data[i] ^= (uint8_t)(1u << bit);
    }
  bc_buf_free(&b);
}
END_TEST

/* Every byte XOR 0xFF with the header fixed, so the sections are read. */
START_TEST(test_mutate_bytes_fixed) {
  BcBuf b;
  valid_file(&b);
  int loaded = 0;
  for (size_t i = BC_HEADER_SIZE; i < b.len; i++) {
    uint8_t *m = malloc(b.len);
    ck_assert_ptr_nonnull(m);
    memcpy(m, b.data, b.len);
    m[i] ^= 0xFF;
    fix_header(m, b.len);
    loaded += load_any(m, b.len);
    free(m);
  }
  ck_assert_int_lt(loaded, (int)b.len / 2); /* most bytes matter */
  bc_buf_free(&b);
}
END_TEST

static uint32_t xorshift(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

/* 1,000 seeded runs of 1 to 8 random bytes, header fixed. */
START_TEST(test_mutate_random) {
  BcBuf b;
  uint32_t seed = 20240601u;
  valid_file(&b);
  uint8_t *m = malloc(b.len);
  ck_assert_ptr_nonnull(m);
  for (int k = 0; k < 1000; k++) {
    memcpy(m, b.data, b.len);
    int runs = 1 + (int)(xorshift(&seed) % 4);
    for (int r = 0; r < runs; r++) {
      size_t at = BC_HEADER_SIZE + xorshift(&seed) % (b.len - BC_HEADER_SIZE);
      size_t n = 1 + xorshift(&seed) % 8;
      for (size_t j = at; j < at + n && j < b.len; j++) m[j] = (uint8_t)xorshift(&seed);
    }
    if (k % 2) fix_header(m, b.len);
    load_any(m, b.len);
  }
  free(m);
  bc_buf_free(&b);
}
END_TEST

/* Every code word replaced by every opcode (and one past the last) with
 * operands 0..3 and the largest: 9 x 49 x 5 variants of the code per
 * indicator, header fixed.  The verifier must take only code that scores
 * as the record says, and what it takes must evaluate (load_any). */
START_TEST(test_mutate_code_words) {
  BcBuf b;
  valid_file(&b);
  size_t code = sec_at(&b, BC_SEC_CODE) + 12; /* id, length, count */
  size_t nwords = get32(b.data + code - 4);
  static const uint32_t operands[] = {0, 1, 2, 3, BC_MAX_A};
  uint8_t *m = malloc(b.len);
  ck_assert_ptr_nonnull(m);
  int variants = 0, loaded = 0;
  for (size_t w = 0; w < nwords; w++)
    for (uint32_t op = 0; op <= BC__NOPS; op++)
      for (size_t k = 0; k < sizeof operands / sizeof operands[0]; k++) {
        memcpy(m, b.data, b.len);
        put32(m + code + 4 * w, BC_WORD(op, operands[k]));
        fix_header(m, b.len);
        loaded += load_any(m, b.len);
        variants++;
      }
  ck_assert_int_gt(variants, 5000);
  ck_assert_int_gt(loaded, 0);  /* some variants are valid, and were evaluated */
  free(m);
  bc_buf_free(&b);
}
END_TEST

/* Every 8-byte number of the CONSTS and POLICIES sections and of each
 * indicator's points and target value, set to the extremes a Dec can hold:
 * overflow-prone programs are rejected or score within their points. */
START_TEST(test_mutate_extreme_values) {
  BcBuf b;
  valid_file(&b);
  static const int64_t values[] = {0, 1, -1, DEC_ONE, -DEC_ONE, INT64_MAX, INT64_MIN,
                                   INT64_MAX / 2, 100 * DEC_ONE, 2 * DEC_ONE};
  size_t at[512], n = 0;
  size_t consts = sec_at(&b, BC_SEC_CONSTS) + 12, nconsts = get32(b.data + consts - 4);
  for (size_t i = 0; i < nconsts; i++) at[n++] = consts + 8 * i;
  size_t pol = sec_at(&b, BC_SEC_POLICIES) + 12, npol = get32(b.data + pol - 4);
  for (size_t i = 0; i < npol; i++)
    for (size_t f = 0; f < 19; f++) at[n++] = pol + i * BC_POLICY_SIZE + 8 * f;
  size_t ind = sec_at(&b, BC_SEC_INDICATORS) + 12, nind = get32(b.data + ind - 4);
  for (size_t i = 0; i < nind; i++) {
    at[n++] = ind + i * BC_INDICATOR_SIZE + 16; /* points */
    at[n++] = ind + i * BC_INDICATOR_SIZE + 36; /* target value */
  }
  uint8_t *m = malloc(b.len);
  ck_assert_ptr_nonnull(m);
  int loaded = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
      memcpy(m, b.data, b.len);
      put32(m + at[i], (uint32_t)(uint64_t)values[k]);
      put32(m + at[i] + 4, (uint32_t)((uint64_t)values[k] >> 32));
      fix_header(m, b.len);
      loaded += load_any(m, b.len);
    }
  ck_assert_int_gt(loaded, 0);
  free(m);
  bc_buf_free(&b);
}
END_TEST

/* Cut at every length, with and without the header fixed; then garbage. */
START_TEST(test_mutate_truncate_append) {
  BcBuf b;
  valid_file(&b);
  uint8_t *m = malloc(b.len + 64);
  ck_assert_ptr_nonnull(m);
  for (size_t len = 0; len < b.len; len++) {
    memcpy(m, b.data, len);
    ck_assert_int_eq(load_any(m, len), 0);
    if (len < BC_HEADER_SIZE) continue;
    fix_header(m, len);
    ck_assert_int_eq(load_any(m, len), 0);
  }
  for (size_t extra = 1; extra <= 64; extra++) {
    memcpy(m, b.data, b.len);
    memset(m + b.len, (int)extra, extra);
    ck_assert_int_eq(load_any(m, b.len + extra), 0);
    fix_header(m, b.len + extra);
    ck_assert_int_eq(load_any(m, b.len + extra), 0);
  }
  free(m);
  bc_buf_free(&b);
}
END_TEST

/* ---- disassembler ---------------------------------------------------------------------------------- */

static char *listing(const RtProgram *p) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  ck_assert_ptr_nonnull(f);
  bc_disasm(p, f);
  fclose(f);
  return text;
}

START_TEST(test_disasm) {
  RtProgram p;
  make_program(&p);
  char *a = listing(&p), *b = listing(&p);
  ck_assert_str_eq(a, b);
  static const char *const lines[] = {
      "; indb version 1\n",
      "; 5 units, 1 scales, 2 policies, 2 projects, 9 indicators, 2 fields, 11 constants, "
      "48 code words\n",
      "units\n     0  元 (base)\n     1  万元 = 10000 元\n",
      "scales\n     0  社会组织评估等级: 1A < 2A < 3A < 4A < 5A\n",
      "     0  weights output 50 benefit 30 satisfaction 10 rate 10, reverse difference\n"
      "        bands met 0.8..1 (1) partial 0.6..0.8 (0.7) unmet 0..0.6 (0.3)\n"
      "        grades excellent 90 good 80 fair 60, overshoot 1.3 low_rate 0.9 lag 0.2\n",
      "     0  \"青年志愿服务项目\" (youth.ind line 2)\n"
      "        year 2023, budget 20 万元, policy 0, indicators 0+6, chinese\n",
      "fields\n     0  参与人数\n     1  总人数\n",
      "; project 0 indicator 0 \"志愿服务活动场次\" (line 10)\n"
      ";   id 1.1, output/quantity, quant >= 15 场, points 10, target \"≥15 场\"\n"
      "  0000  KONST     0        ; 10\n"
      "  0001  KONST     1        ; 15\n"
      "  0002  ACTUAL\n"
      "  0003  SQUANT    0        ; >=\n"
      "  0004  RET\n",
      "  0002  FIELD     1        ; 总人数\n"
      "  0003  JZ        4        ; to 0008\n",
      ";   output/timeliness, deadline 2023-06-30, points 10",
      "grade 3A on 社会组织评估等级 (rank 3), points 7.5, target \"3A\"\n",
      "; project 1 indicator 6 \"Unit cost\" (line 16)\n"
      ";   cost/economic_cost, quant <= 5 万元, points 5",
      "period 2024, points 0",
      "  0002  KONST     6        ; 19358\n", /* 2023-01-01 as a day number */
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    ck_assert_msg(strstr(a, lines[i]), "listing lacks:\n%s\n--- listing:\n%s", lines[i], a);
  free(a);
  free(b);
  rt_program_free(&p);
}
END_TEST

/* ---- files: tests/corrupt/ and docs/bytecode.md ---------------------------------------------------- */

/* The source tree: $INDC_SOURCE_DIR, else from this file's path, else
 * ../.. (the build directory's tests/). */
static const char *source_dir(void) {
  static char dir[1024];
  const char *env = getenv("INDC_SOURCE_DIR");
  if (env && *env) return env;
  const char *tail = strstr(__FILE__, "tests/unit/test_bc.c");
  if (__FILE__[0] == '/' && tail && (size_t)(tail - __FILE__) < sizeof dir) {
    size_t n = (size_t)(tail - __FILE__) - 1; /* without the slash */
    memcpy(dir, __FILE__, n);
    dir[n] = '\0';
    return dir;
  }
  return "../..";
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (cap - n < 4096) {
      cap = cap ? cap * 2 : 8192;
      buf = realloc(buf, cap + 1);
      ck_assert_ptr_nonnull(buf);
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

static void write_all(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  ck_assert_msg(f != NULL, "cannot write %s", path);
  ck_assert_uint_eq(fwrite(data, 1, len, f), len);
  ck_assert_int_eq(fclose(f), 0);
}

/* Write one corrupt file and its expected outcome. */
static void write_corrupt(const char *dir, const char *name, const BcBuf *b) {
  char path[1500], outcome[400];
  load_outcome(b->data, b->len, outcome, sizeof outcome);
  ck_assert_str_ne(outcome, "ok");
  snprintf(path, sizeof path, "%s/%s.indb", dir, name);
  write_all(path, b->data, b->len);
  strcat(outcome, "\n");
  snprintf(path, sizeof path, "%s/%s.expected", dir, name);
  write_all(path, outcome, strlen(outcome));
}

/* INDC_UPDATE_CORRUPT=1: regenerate tests/corrupt/ from the cases. */
static void update_corrupt(const char *dir) {
  char name[96];
  for (int i = 0; i < N_RCASES; i++) {
    BcBuf b;
    make_rcase(&rcases[i], &b);
    snprintf(name, sizeof name, "format-%s", rcases[i].name);
    for (char *s = name; *s; s++) *s = *s == '_' ? '-' : *s;
    write_corrupt(dir, name, &b);
    bc_buf_free(&b);
  }
  for (int i = 0; i < N_VCASES; i++) {
    if (!vcases[i].corpus) continue;
    RtProgram p;
    BcBuf b;
    make_program(&p);
    vcases[i].mutate(&p);
    write_ok(&p, &b);
    snprintf(name, sizeof name, "verify-%s", vcases[i].name);
    for (char *s = name; *s; s++) *s = *s == '_' ? '-' : *s;
    write_corrupt(dir, name, &b);
    bc_buf_free(&b);
    rt_program_free(&p);
  }
}

/* Every tests/corrupt/NAME.indb loads with the outcome in NAME.expected. */
START_TEST(test_corrupt_files) {
  char dir[1100], path[1500], outcome[400];
  snprintf(dir, sizeof dir, "%s/tests/corrupt", source_dir());
  const char *update = getenv("INDC_UPDATE_CORRUPT");
  if (update && *update && strcmp(update, "0") != 0) update_corrupt(dir);
  DIR *d = opendir(dir);
  ck_assert_msg(d != NULL, "cannot open %s (set INDC_SOURCE_DIR)", dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t len = strlen(e->d_name), flen, elen;
    if (len < 6 || strcmp(e->d_name + len - 5, ".indb") != 0) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    char *data = read_all(path, &flen);
    ck_assert_ptr_nonnull(data);
    snprintf(path, sizeof path, "%s/%.*s.expected", dir, (int)(len - 5), e->d_name);
    char *expect = read_all(path, &elen);
    ck_assert_msg(expect != NULL, "%s has no .expected file", e->d_name);
    expect[strcspn(expect, "\n")] = '\0';
    load_outcome((const uint8_t *)data, flen, outcome, sizeof outcome);
    ck_assert_msg(strcmp(outcome, expect) == 0, "%s:\n  expected: %s\n  got:      %s", e->d_name,
                  expect, outcome);
    free(data);
    free(expect);
    n++;
  }
  closedir(d);
  ck_assert_int_ge(n, 10);
}
END_TEST

static const char *const operand_names[] = {"-", "const", "field", "jump", "cmp"};

/* The opcode section of docs/bytecode.md as bc_opcodes.def gives it. */
static char *render_opcodes(void) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  ck_assert_ptr_nonnull(f);
  fprintf(f, "<!-- BEGIN OPCODES -->\n");
  fprintf(f, "<!-- Generated from runtime/bc_opcodes.def by tests/unit/test_bc.c; do not edit. -->\n");
  fprintf(f, "| Code | Name | Operand A | Pops | Pushes | Effect |\n");
  fprintf(f, "|-----:|------|-----------|-----:|-------:|--------|\n");
  for (int op = 0; op < BC__NOPS; op++) {
    fprintf(f, "| %d | `%s` | %s | %u | %u | ", op, bc_ops[op].name,
            operand_names[bc_ops[op].operand], bc_ops[op].pops, bc_ops[op].pushes);
    for (const char *s = bc_ops[op].doc; *s; s++) fprintf(f, *s == '|' ? "\\|" : "%c", *s);
    fprintf(f, " |\n");
  }
  fprintf(f, "<!-- END OPCODES -->\n");
  fclose(f);
  return text;
}

START_TEST(test_opcode_doc) {
  char path[1200];
  size_t len;
  snprintf(path, sizeof path, "%s/docs/bytecode.md", source_dir());
  char *doc = read_all(path, &len);
  ck_assert_msg(doc != NULL, "cannot read %s (set INDC_SOURCE_DIR)", path);
  char *want = render_opcodes();
  char *begin = strstr(doc, "<!-- BEGIN OPCODES -->");
  char *end = begin ? strstr(begin, "<!-- END OPCODES -->\n") : NULL;
  int same = end && (size_t)(end + strlen("<!-- END OPCODES -->\n") - begin) == strlen(want) &&
             memcmp(begin, want, strlen(want)) == 0;
  if (!same)
    fprintf(stderr, "docs/bytecode.md: the opcode section is stale; replace it with:\n%s", want);
  ck_assert_msg(same, "docs/bytecode.md: opcode section differs from bc_opcodes.def (see stderr)");
  free(want);
  free(doc);
}
END_TEST

Suite *bc_suite(void);
Suite *bc_suite(void) {
  Suite *s = suite_create("bc");
  TCase *tc = tcase_create("format");
  tcase_add_test(tc, test_crc32);
  tcase_add_test(tc, test_crc32_sliced);
  tcase_add_test(tc, test_opinfo);
  tcase_add_test(tc, test_valid_program_verifies);
  tcase_add_test(tc, test_round_trip);
  tcase_add_test(tc, test_header_layout);
  tcase_add_test(tc, test_record_layout);
  tcase_add_test(tc, test_empty_program);
  tcase_add_test(tc, test_memory_limit);
  tcase_add_test(tc, test_load_null);
  tcase_add_test(tc, test_disasm);
  tcase_add_test(tc, test_opcode_doc);
  tcase_add_test(tc, test_corrupt_files);
  suite_add_tcase(s, tc);

  tc = tcase_create("verify");
  tcase_add_test(tc, test_vcases_base);
  tcase_add_loop_test(tc, test_verify_rule, 0, N_VCASES);
  tcase_add_test(tc, test_verify_offsets);
  suite_add_tcase(s, tc);

  tc = tcase_create("read");
  tcase_add_loop_test(tc, test_reader_case, 0, N_RCASES);
  suite_add_tcase(s, tc);

  tc = tcase_create("mutate");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_mutate_bit_flips);
  tcase_add_test(tc, test_mutate_bytes_fixed);
  tcase_add_test(tc, test_mutate_random);
  tcase_add_test(tc, test_mutate_truncate_append);
  tcase_add_test(tc, test_mutate_code_words);
  tcase_add_test(tc, test_mutate_extreme_values);
  suite_add_tcase(s, tc);
  return s;
}
