/*
 * data_msg.h - the language of the data loaders' messages (docs/i18n.md).
 *
 * libindrt has no gettext and no global state: two loads may run at once
 * in two languages.  A host that wants the problems of a load in another
 * language than English sets DataSink.translate; every message text the
 * loaders compose (a format, or a word spliced into one) goes through
 * data_tr first, so the callback sees the English text as its msgid.
 *
 * Marking: a format handed to bind_report is extracted as it is (its
 * keyword, po/update.sh); every other text is written DATA_N_("…") where
 * it is defined and translated with data_tr where it is used.  A
 * pass-through format such as "%s" is neither marked nor translated.
 */
#ifndef INDRT_DATA_MSG_H
#define INDRT_DATA_MSG_H

#include "actuals.h"

/* Marks a message for extraction (xgettext --keyword=DATA_N_); no-op. */
#define DATA_N_(s) (s)

/* msgid in the sink's language: its translate callback, or msgid itself
 * (English) when there is none or it gives NULL. */
#if defined(__GNUC__)
__attribute__((format_arg(2)))
#endif
static inline const char *data_tr(const DataSink *s, const char *msgid) {
  const char *t = s && s->translate ? s->translate(s->ud, msgid) : NULL;
  return t ? t : msgid;
}

#endif
