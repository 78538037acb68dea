/*
 * data_limits.h - limits of the actual-data readers (csv.c, json.c,
 * actuals.c).  Each holds for any input, so that no data file can exhaust
 * memory, the C stack or the error output.  docs/data-formats.md lists
 * them with the message each one gives; tests/unit/test_csv.c and
 * test_json.c test each at the limit and one past it.
 */
#ifndef INDRT_DATA_LIMITS_H
#define INDRT_DATA_LIMITS_H

/* Largest data file, in bytes (before and after GBK conversion).  A unit
 * with a thousand projects of twenty indicators writes about 2 MB; the
 * bound leaves room for a whole province while refusing files that are
 * surely not actuals. */
#define DATA_MAX_FILE_BYTES (256u * 1024u * 1024u)

/* Longest CSV field or JSON string, in bytes of UTF-8.  The longest
 * things in the data are 备注 notes and 三级指标 names; 64 KiB is pages of
 * Chinese text. */
#define DATA_MAX_FIELD_BYTES (64u * 1024u)

/* CSV rows, the header included.  Ten million rows is far past any real
 * file; the bound caps the time spent on a hostile one.  A row costs no
 * memory beyond the text (the reader streams). */
#define DATA_MAX_ROWS 10000000u

/* JSON values in all (keys not counted).  A value is a tree node of about
 * 80 bytes, so the bound caps the tree at 80 MB; a real file has one or
 * two values per indicator, some tens of thousands. */
#define DATA_MAX_JSON_VALUES 1000000u

/* Fields in one CSV row.  The format has at most four columns; the bound
 * only needs to leave room for the error that names the extra ones. */
#define DATA_MAX_COLUMNS 64u

/* Nesting of JSON arrays and objects.  The format nests three deep
 * ({"projects": {P: {I: {"actual": …}}}} is four with the value object);
 * the reader recurses once per level, so the bound protects the C stack. */
#define DATA_MAX_DEPTH 32u

/* Longest JSON number, in characters.  Numbers are kept as their text and
 * parsed exactly (dec.h holds 19 digits); 100 leaves room for exponents
 * and leading zeros while bounding the exponent shifting in value.c. */
#define DATA_MAX_NUMBER_CHARS 100u

/* Problems reported before a load stops reporting, when the sink gives no
 * cap of its own (DataSink.max = 0).  Counting goes on past it. */
#define DATA_MAX_ERRORS 100u

#endif
