/*
 * data_fixture.h - a small hand-built RtProgram for the data-loading tests
 * (test_csv.c, test_json.c, test_actuals.c), and a loader that collects
 * the reported problems as one transcript.
 *
 * Units: 元, 万元 = 10000 元, 人次, %, 场.  Scale 社会组织评估等级
 * {1A < 2A < 3A < 4A < 5A}.  Policy: met [0.8, 1] default 1, partial
 * [0.6, 0.8) default 0.7, unmet [0, 0.6) default 0.3.  Raw fields
 * 已处置工单, 工单总数 and 活动经费 (read by no indicator).
 *
 * Project 0 "天津市青年联合会第十四届委员会全体会议" (currency 万元):
 *   FX_HY     id hy   举办会议场次       quantity     ≥1 场        10 points
 *   FX_COVER_S        覆盖青联委员       social       ≥500 人次    10
 *   FX_COVER_E        覆盖青联委员       economic     ≥500 人次    10
 *   FX_DATE           会议完成时间       timeliness   2023-12-31   10
 *   FX_RANK           社会组织评估等级   quality      达到 3A 级   10
 *   FX_TEXT           会议质量           quality      "进一步提升" 20
 *   FX_PERIOD         活动开展           timeliness   全年         10
 *   FX_PCT            参会人员满意度     beneficiary  ≥95 %        10
 *   FX_DERIVED id gd  12355工单处置比例  social       ≥90 %, 实际 = 已处置工单 / 工单总数 * 100%
 *   FX_MONEY          会议经费           cost         ≤30 万元     10
 *   FX_BARE           满意度得分         beneficiary  ≥90 (no unit) 10
 * Project 1 "团市委物业服务项目" (currency 元):
 *   FX_P1_RATE        物业服务覆盖率     quantity     100 %        50
 *   FX_P1_COVER       覆盖青联委员       social       ≥500 人次    50
 */
#ifndef TEST_DATA_FIXTURE_H
#define TEST_DATA_FIXTURE_H

#include <stddef.h>

#include "data/actuals.h"
#include "model.h"

enum {
  FX_HY, FX_COVER_S, FX_COVER_E, FX_DATE, FX_RANK, FX_TEXT, FX_PERIOD, FX_PCT, FX_DERIVED,
  FX_MONEY, FX_BARE, FX_P1_RATE, FX_P1_COVER, FX_NIND
};
enum { FX_U_YUAN, FX_U_WAN, FX_U_RENCI, FX_U_PCT, FX_U_CHANG };
enum { FX_F_DONE, FX_F_TOTAL, FX_F_UNUSED };

#define FX_P0 "天津市青年联合会第十四届委员会全体会议"
#define FX_P1 "团市委物业服务项目"

/* Build the program above into *p (free with fx_program_free). */
void fx_program(RtProgram *p);
void fx_program_free(RtProgram *p);

/* A load of text through act_load with its problems as a transcript,
 * "name:line:col: message\n" per problem. */
typedef struct FxLoad {
  RtActuals act;
  indrt_status status;
  DataSink sink;
  char log[16384];
  size_t loglen;
} FxLoad;

indrt_status fx_load(FxLoad *l, const RtProgram *p, const char *name, const void *bytes,
                     size_t len, int format, int encoding);
/* NUL-terminated text, format and encoding AUTO. */
indrt_status fx_load_text(FxLoad *l, const RtProgram *p, const char *name, const char *text);
/* The same with the messages translated by tr (DataSink.translate; its
 * user data is l). */
indrt_status fx_load_text_tr(FxLoad *l, const RtProgram *p, const char *name, const char *text,
                             const char *(*tr)(void *ud, const char *msgid));
void fx_load_free(FxLoad *l);

/* Dec from text, for expectations ("9.8" -> 9800000000). */
Dec fx_dec(const char *s);

/* Path of a file under tests/data/ (a static buffer): below
 * $INDC_SOURCE_DIR when set (CTest), else found through __FILE__. */
const char *fx_data_path(const char *file);

/* Read a whole file (malloc'd; *len set); NULL on failure. */
char *fx_read_file(const char *path, size_t *len);

#endif
