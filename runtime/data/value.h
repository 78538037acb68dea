/*
 * value.h - one actual value, parsed for the target it measures
 * ([DATA-VALUE] in docs/data-formats.md).
 *
 * The text is the cell as written; it is compared in name_key form, so
 * full-width digits, units and colons and any spaces are fine ("９．８ 万元",
 * "部分达成：11").  Numbers are exact (dec_parse), with optional thousands
 * separators ("142,500") when every group after the first has three
 * digits.  Conversions between units are exact or an error.
 *
 * Each function returns 0, or -1 with a one-line message in m (lower
 * case, no period, the value and the indicator quoted; in the language of
 * m->sink's translator), or -2 when out of memory.
 */
#ifndef INDRT_VALUE_H
#define INDRT_VALUE_H

#include <stddef.h>

#include "../model.h"
#include "actuals.h"
#include "data_limits.h"

/* Where a value's problem is written: msg[0..cap), its texts translated
 * by sink (data_msg.h; NULL: English). */
typedef struct ValMsg {
  char *msg;
  size_t cap;
  const DataSink *sink;
} ValMsg;

/*
 * The actual of indicator ind (of project pj) from text s[0..len):
 * 不适用/N/A/na for any target, else by target kind: QUANT a number with
 * an optional unit (a bare 0 < v <= 1 against a target of at least 10% is
 * ambiguous, [DATA-FRACTION]), DEADLINE a date, GRADE a member of the target's scale,
 * TEXT and PERIOD 达成/部分达成/未达成 with an optional in-band score.
 * Sets out->kind, grade, has_score, value, date and rank.
 */
int val_actual(const RtProgram *p, const RtProject *pj, const RtIndicator *ind,
               const char *s, size_t len, RtActual *out, const ValMsg *m);

/* 执行数: a money amount, a bare number in the project's currency, else
 * converted into it; never negative ([PROJ-1]). */
int val_money(const RtProgram *p, const RtProject *pj, const char *s, size_t len, Dec *out,
              const ValMsg *m);

/* A raw field of a derived indicator: a plain number, no unit. */
int val_plain(const char *field, const char *s, size_t len, Dec *out, const ValMsg *m);

/*
 * A JSON number's text (RFC 8259 syntax, checked by json.c) as plain
 * decimal text for the functions above: the exponent is applied by moving
 * the point, so 9.8e4 is "98000" exactly.  buf must hold
 * VAL_JSON_NUMBER_CAP bytes.  0, or -1 when the exponent is beyond +/-40
 * (m says so).
 */
#define VAL_JSON_NUMBER_CAP (DATA_MAX_NUMBER_CHARS + 48)
int val_json_number(const char *s, size_t len, char *buf, size_t bufcap, const ValMsg *m);

#endif
