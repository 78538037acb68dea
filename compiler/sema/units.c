/*
 * units.c - the unit table ([UNITS-1], [UNITS-2] in docs/language.md).
 *
 * Each unit belongs to a dimension, named by its base unit, and has an
 * exact size in base units.  `计量单位 万元 = 10000 元` makes 万元 a unit of
 * 元's dimension of size 10000; `计量单位 人/次 = 人次` an alias of size 1;
 * `计量单位 场` a new dimension.  Declarations are collected from every
 * file in load order (the prelude first), so a unit must be declared
 * before a declaration that uses it as its base.
 */
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "sema_internal.h"
#include "text/namekey.h"

const Unit *prog_unit(const Program *p, const char *name) {
  /* the units' keys differ (declare() keeps one unit per key), so a unit
   * spelled exactly as declared is the one its key finds: most are, and
   * this spares a key (an allocation) per target of a large spec */
  for (size_t i = 0; i < p->nunits; i++)
    if (strcmp(p->units[i].name, name) == 0) return &p->units[i];
  char *key = name_key(name, strlen(name));
  const Unit *res = NULL;
  for (size_t i = 0; i < p->nunits && key; i++)
    if (strcmp(p->units[i].key, key) == 0) {
      res = &p->units[i];
      break;
    }
  free(key);
  return res;
}

DecStatus prog_convert(const Program *p, Dec v, const Unit *from, const Unit *to, Dec *out) {
  (void)p;
  if (from == to || from->factor == to->factor) {
    *out = v;
    return DEC_OK;
  }
  return dec_muldiv(v, from->factor, to->factor, out);
}

static void push_unit(Program *p, Unit u) {
  if (p->nunits == p->capunits) {
    p->capunits = p->capunits ? p->capunits * 2 : 64;
    Unit *n = realloc(p->units, p->capunits * sizeof *n);
    if (!n) abort();
    p->units = n;
  }
  p->units[p->nunits++] = u;
}

/* Does a share a character (a code point) with b? */
static int shares_char(const char *a, const char *b) {
  for (size_t i = 0; a[i];) {
    size_t n = 1;
    while (((unsigned char)a[i + n] & 0xC0) == 0x80) n++;
    for (size_t j = 0; b[j]; j++)
      if (strncmp(a + i, b + j, n) == 0) return 1;
    i += n;
  }
  return 0;
}

/*
 * The hint of an unknown unit: declared units that share a character with
 * the name (场 and 次 for 场次), or else the first few, and how to declare it.
 */
static void hint_units(Program *p, Diag *d, const char *name) {
  char buf[512];
  size_t off = 0;
  unsigned shown = 0;
  int near = 1;
  for (; near >= 0 && shown == 0; near--)
    for (size_t i = 0; i < p->nunits && shown < 12; i++) {
      const char *n = p->units[i].name;
      if (near && !shares_char(n, name)) continue;
      if (off + strlen(n) + 2 < sizeof buf) {
        off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s", shown ? " " : "", n);
        shown++;
      }
    }
  buf[off] = '\0';
  if (near == 0) /* the loop stopped after finding near names */
    diag_hint(d, "near units: %s; or declare it, e.g. 计量单位 %s", buf, name);
  else
    diag_hint(d, "declare it, e.g. 计量单位 %s; declared units include %s …", name, buf);
}

const Unit *sema_unit_ref(Program *p, const char *name, Span at) {
  const Unit *u = prog_unit(p, name);
  if (u) return u;
  Diag *d = diag_report(&p->diags, E_UNKNOWN_UNIT, at, "unknown unit '%s'", name);
  if (d) hint_units(p, d, name);
  return NULL;
}

static void declare(Program *p, const UnitDecl *ud) {
  const Unit *old = prog_unit(p, ud->name);
  Unit u;
  u.name = ud->name;
  char *k = name_key(ud->name, strlen(ud->name));
  if (!k) return;
  u.key = arena_strdup(&p->arena, k);
  free(k);
  u.span = ud->span;
  u.dim = (int)p->nunits;
  u.factor = DEC_ONE;
  if (ud->base) {
    const Unit *b = sema_unit_ref(p, ud->base, ud->base_span);
    if (!b) return;
    u.dim = b->dim;
    Dec f = ud->has_factor ? ud->factor : DEC_ONE;
    if (f <= 0) {
      Diag *d = diag_report(&p->diags, E_BAD_UNIT_DECL, ud->span,
                            "unit '%s' must be a positive multiple of '%s'", ud->name, ud->base);
      diag_hint(d, "the number says how many '%s' make one '%s', e.g. 计量单位 万元 = 10000 元",
                ud->base, ud->name);
      return;
    }
    if (dec_mul(f, b->factor, &u.factor) != DEC_OK || u.factor == 0) {
      diag_report(&p->diags, E_OVERFLOW, ud->span, "size of unit '%s' is out of range",
                  ud->name);
      return;
    }
  }
  if (old) {
    /* the same definition again (two files declaring one unit) is fine */
    int old_is_base = old->dim == (int)(old - p->units);
    if (ud->base ? (old->dim == u.dim && old->factor == u.factor) : old_is_base) return;
    /* [UNITS-1] a spec that declares a prelude unit as a unit of its own
     * (计量单位 分钟, 计量单位 万件: what indc told it to do for a unit the
     * prelude did not have yet) keeps the prelude's definition, which only
     * adds conversions to it */
    if (!ud->base && p->nfiles && old->span.file == p->files[0]->source) return;
    Diag *d = diag_report(&p->diags, E_DUP_UNIT, ud->span, "unit '%s' declared twice", ud->name);
    if (d && old->span.file != UINT32_MAX) diag_note(d, old->span, "first declared here");
    return;
  }
  push_unit(p, u);
}

void sema_units(Program *p) {
  for (size_t i = 0; i < p->nfiles; i++) {
    File *f = p->files[i]->ast;
    for (size_t j = 0; j < f->nunits; j++) declare(p, f->units[j]);
  }
}

int sema_same_dim(const Unit *a, const Unit *b) { return a && b && a->dim == b->dim; }

const char *sema_dim_name(const Program *p, const Unit *u) { return p->units[u->dim].name; }
