/*
 * act_template.h - a blank actuals sheet for a program, which act_load
 * reads back once the 实际完成值 column is filled in ([DATA-TEMPLATE] in
 * docs/data-formats.md; `indc template`).
 */
#ifndef INDRT_ACT_TEMPLATE_H
#define INDRT_ACT_TEMPLATE_H

#include <stddef.h>

#include "../model.h"

/*
 * Write the sheet for p as CSV through write (UTF-8 with a byte-order mark,
 * CRLF, RFC 4180 quoting): the header 项目名称,一级指标,二级指标,三级指标,
 * 指标值,实际完成值,备注 (English: project,level1,level2,indicator,target,
 * actual,note), then per project a row for 执行数 (its 指标值 the budget),
 * a row per indicator and a row per raw field its indicators read.  The
 * 三级指标 cell names the indicator as the loader finds it ([DATA-NAMES]):
 * its name, or level-2/name or its id where the name alone would not.
 * Returns 0, or the first nonzero result of write.
 */
int act_template(const RtProgram *p, int english,
                 int (*write)(void *ud, const void *bytes, size_t len), void *ud);

#endif
