/*
 * bc_disasm.c - a readable listing of a program (indc disasm), pinned by
 * golden tests, so its format changes only on purpose.
 *
 *   ; indb version 1
 *   ; 5 units, 1 scales, ... 45 code words
 *   units / scales / policies / projects / fields: one entry per line
 *   code: for each indicator, a comment naming it, then one line per word:
 *     ; project 0 indicator 2 "活动场次" (line 12)
 *     ;   output/quantity, quant >= 15 场, points 10, target "≥15 场"
 *       0000  KONST     0        ; 10
 *       0003  SQUANT    0        ; >=
 *   pcs count from the indicator's first word; comments decode the operand:
 *   a constant's value, a field's name, a comparison's symbol, a jump's
 *   target.
 *
 * Indices out of range print as "?", so a listing of an unverified program
 * never reads outside it.
 */
#include <stdio.h>

#include "bc_internal.h"

static const char *cmp_symbol(uint32_t cmp) {
  static const char *const sym[] = {">=", "<=", ">", "<", "="};
  return cmp <= RT_CMP_EQ ? sym[cmp] : "?";
}

static const char *str_or(const char *s, const char *none) { return s ? s : none; }

static const char *unit_name(const RtProgram *p, int64_t u) {
  return u >= 0 && u < (int64_t)p->nunits ? str_or(p->units[u].name, "?") : "?";
}

/* A Dec as text, in a caller's buffer of 32 bytes. */
static const char *dec_text(Dec d, char buf[32]) {
  dec_format(d, -1, buf, 32);
  return buf;
}

static void list_units(const RtProgram *p, FILE *out) {
  char buf[32];
  fprintf(out, "units\n");
  for (uint32_t i = 0; i < p->nunits; i++) {
    const RtUnit *u = &p->units[i];
    if (u->dim == i)
      fprintf(out, "  %4u  %s (base)\n", i, str_or(u->name, "?"));
    else
      fprintf(out, "  %4u  %s = %s %s\n", i, str_or(u->name, "?"), dec_text(u->factor, buf),
              unit_name(p, u->dim));
  }
}

static void list_scales(const RtProgram *p, FILE *out) {
  fprintf(out, "scales\n");
  for (uint32_t i = 0; i < p->nscales; i++) {
    const RtScale *s = &p->scales[i];
    fprintf(out, "  %4u  %s:", i, str_or(s->name, "?"));
    for (uint32_t j = 0; j < s->nmembers; j++)
      fprintf(out, "%s %s", j ? " <" : "", str_or(s->members[j], "?"));
    fprintf(out, "\n");
  }
}

static void print_band(const char *name, const RtBand *b, FILE *out) {
  char lo[32], hi[32], dflt[32];
  fprintf(out, " %s %s..%s (%s)", name, dec_text(b->lo, lo), dec_text(b->hi, hi),
          dec_text(b->dflt, dflt));
}

static void list_policies(const RtProgram *p, FILE *out) {
  char a[32], b[32], c[32], d[32];
  fprintf(out, "policies\n");
  for (uint32_t i = 0; i < p->npolicies; i++) {
    const RtPolicy *pol = &p->policies[i];
    fprintf(out, "  %4u  weights output %s benefit %s satisfaction %s rate %s, reverse %s\n", i,
            dec_text(pol->w_output, a), dec_text(pol->w_benefit, b),
            dec_text(pol->w_satisfaction, c), dec_text(pol->w_rate, d),
            pol->reverse ? "ratio" : "difference");
    fprintf(out, "        bands");
    print_band("met", &pol->met, out);
    print_band("partial", &pol->partial, out);
    print_band("unmet", &pol->unmet, out);
    fprintf(out, "\n        grades excellent %s good %s fair %s,",
            dec_text(pol->grade_excellent, a), dec_text(pol->grade_good, b),
            dec_text(pol->grade_fair, c));
    fprintf(out, " overshoot %s low_rate %s", dec_text(pol->overshoot, a),
            dec_text(pol->low_rate, b));
    fprintf(out, " lag %s\n", dec_text(pol->lag, a));
  }
}

static void list_projects(const RtProgram *p, FILE *out) {
  char budget[32];
  fprintf(out, "projects\n");
  for (uint32_t i = 0; i < p->nprojects; i++) {
    const RtProject *pr = &p->projects[i];
    fprintf(out, "  %4u  \"%s\" (%s line %u)\n", i, str_or(pr->name, "?"), str_or(pr->file, "?"),
            pr->line);
    fprintf(out, "        year %d, budget %s %s, policy %u, indicators %u+%u, %s\n", pr->year,
            dec_text(pr->budget, budget), unit_name(p, pr->currency), pr->policy, pr->first,
            pr->nind, pr->english ? "english" : "chinese");
  }
}

static void list_fields(const RtProgram *p, FILE *out) {
  fprintf(out, "fields\n");
  for (uint32_t i = 0; i < p->nfields; i++)
    fprintf(out, "  %4u  %s\n", i, str_or(p->fields[i], "?"));
}

/* ---- code ------------------------------------------------------------------ */

static void print_target(const RtProgram *p, const RtTarget *t, FILE *out) {
  char buf[32];
  int y, m, d;
  switch (t->kind) {
  case RT_TGT_QUANT:
    fprintf(out, "quant %s %s", cmp_symbol(t->cmp), dec_text(t->value, buf));
    if (t->unit >= 0) fprintf(out, " %s", unit_name(p, t->unit));
    break;
  case RT_TGT_DEADLINE:
    rt_civil_from_days(t->date, &y, &m, &d);
    fprintf(out, "deadline %04d-%02d-%02d", y, m, d);
    break;
  case RT_TGT_PERIOD:
    if (t->year) fprintf(out, "period %d", t->year);
    else fprintf(out, "period (budget year)");
    break;
  case RT_TGT_GRADE: {
    const RtScale *s = t->scale >= 0 && (uint32_t)t->scale < p->nscales ? &p->scales[t->scale] : NULL;
    const char *g = s && t->rank >= 1 && (uint32_t)t->rank <= s->nmembers ? s->members[t->rank - 1] : NULL;
    fprintf(out, "grade %s on %s (rank %d)", str_or(g, "?"), s ? str_or(s->name, "?") : "?",
            t->rank);
    break;
  }
  case RT_TGT_TEXT:
    fprintf(out, "text");
    break;
  default:
    fprintf(out, "kind %u", t->kind);
  }
}

static void print_indicator(const RtProgram *p, uint32_t proj, uint32_t i, FILE *out) {
  const RtIndicator *ind = &p->indicators[i];
  char buf[32];
  fprintf(out, "; project %u indicator %u \"%s\" (line %u)\n", proj, i, str_or(ind->name, "?"),
          ind->line);
  fprintf(out, ";   ");
  if (ind->id) fprintf(out, "id %s, ", ind->id);
  fprintf(out, "%s/%s, ", rt_category_name(ind->level1, 1), rt_category_name(ind->level2, 1));
  print_target(p, &ind->target, out);
  fprintf(out, "%s, points %s, target \"%s\"\n", ind->derived ? " (derived)" : "",
          dec_text(ind->points, buf), str_or(ind->target.text, ""));
}

/* One instruction; pc is relative to the indicator's first word. */
static void print_word(const RtProgram *p, uint32_t pc, uint32_t word, FILE *out) {
  uint32_t op = BC_OP(word), a = BC_A(word);
  char buf[32];
  if (op >= BC__NOPS) {
    fprintf(out, "  %04u  (opcode %u) %u\n", pc, op, a);
    return;
  }
  const BcOpInfo *info = &bc_ops[op];
  if (info->operand == BC_OPND_NONE && a == 0) {
    fprintf(out, "  %04u  %s\n", pc, info->name);
    return;
  }
  fprintf(out, "  %04u  %-10s%-9u; ", pc, info->name, a);
  switch (info->operand) {
  case BC_OPND_CONST:
    fprintf(out, "%s\n", a < p->nconsts ? dec_text(p->consts[a], buf) : "?");
    break;
  case BC_OPND_FIELD:
    fprintf(out, "%s\n", a < p->nfields ? str_or(p->fields[a], "?") : "?");
    break;
  case BC_OPND_CMP:
    fprintf(out, "%s\n", cmp_symbol(a));
    break;
  case BC_OPND_JUMP:
    fprintf(out, "to %04u\n", pc + 1 + a);
    break;
  default:
    fprintf(out, "operand should be 0\n");
  }
}

static void list_code(const RtProgram *p, FILE *out) {
  fprintf(out, "code\n");
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pr = &p->projects[j];
    for (uint32_t i = pr->first; i < p->nindicators && i - pr->first < pr->nind; i++) {
      const RtIndicator *ind = &p->indicators[i];
      print_indicator(p, j, i, out);
      for (uint32_t pc = 0; pc < ind->ncode && ind->code + pc < p->ncode; pc++)
        print_word(p, pc, p->code[ind->code + pc], out);
    }
  }
}

void bc_disasm(const RtProgram *p, FILE *out) {
  fprintf(out, "; indb version %u\n", BC_VERSION);
  fprintf(out,
          "; %u units, %u scales, %u policies, %u projects, %u indicators, %u fields, "
          "%u constants, %u code words\n",
          p->nunits, p->nscales, p->npolicies, p->nprojects, p->nindicators, p->nfields,
          p->nconsts, p->ncode);
  list_units(p, out);
  list_scales(p, out);
  list_policies(p, out);
  list_projects(p, out);
  list_fields(p, out);
  list_code(p, out);
}
