/*
 * imp_rows.c - splitting decoded text into rows of cells, per layout
 * ([IMPORT-LAYOUT] in docs/import.md).
 *
 *   tab   a line with a tab is a row of tab-separated cells;
 *   pipe  a line with a | is a row; when the table header has a | at
 *         both ends, so has every row, and those are borders (else a
 *         leading | ends an empty first cell); Markdown rule rows
 *         (|---|:--:|) are skipped;
 *   csv   RFC 4180 records: commas, "quoted" fields with "" for a quote
 *         and line breaks inside, CRLF/LF/CR line ends.
 * Any other line is a text row (cells[0] is the whole line): titles, the
 * table of contents, "单位：万元".  Cells are trimmed.  Every row keeps the
 * line it starts on.
 */
#include <stdlib.h>
#include <string.h>

#include "imp_internal.h"

static int escaped(const char *line, size_t i);

size_t imp_trailing_cells(const char *line, size_t n, char sep) {
  size_t seps = 0;
  for (size_t i = 0; i < n; i++) seps += line[i] == sep;
  if (seps < IMP_MAX_COLUMNS) return n;
  while (n > 0 && (line[n - 1] == sep || line[n - 1] == ' ' || line[n - 1] == '\t') &&
         !(sep == '|' && escaped(line, n - 1)))
    n--;
  return n;
}

static void push_row(ImpCtx *c, const ImpRow *row) {
  ARENA_PUSH(c->a, c->rows, c->nrows, c->caprows, *row);
}

/* Check the limits of one cell; -1 when it is too long (reported). */
static int cell_ok(ImpCtx *c, unsigned line, size_t n, unsigned col) {
  if (n <= IMP_MAX_CELL_BYTES) return 0;
  imp_error(c, line, "cell %u is %zu bytes long (limit %u)", col, n, IMP_MAX_CELL_BYTES);
  return -1;
}

static int set_cells(ImpCtx *c, ImpRow *row, const char **lo, const size_t *len, unsigned n) {
  if (n > IMP_MAX_COLUMNS) {
    imp_error(c, row->line, "row has %u cells (limit %u)", n, IMP_MAX_COLUMNS);
    return -1;
  }
  row->cells = arena_alloc(c->a, (n ? n : 1) * sizeof *row->cells);
  row->ncells = n;
  for (unsigned i = 0; i < n; i++) {
    if (cell_ok(c, row->line, len[i], i + 1) < 0) return -1;
    row->cells[i] = imp_trim(c->a, lo[i], len[i]);
  }
  return 0;
}

/* A Markdown rule cell: dashes with optional colons. */
static int rule_cell(const char *s) {
  size_t i = 0, nd = 0;
  while (s[i] == ' ') i++;
  if (s[i] == ':') i++;
  while (s[i] == '-') i++, nd++;
  if (s[i] == ':') i++;
  while (s[i] == ' ') i++;
  return nd > 0 && s[i] == '\0';
}

static int rule_row(const ImpRow *row) {
  for (unsigned i = 0; i < row->ncells; i++)
    if (!rule_cell(row->cells[i])) return 0;
  return row->ncells > 0;
}

/* A | escaped as in Markdown tables: `\|` is a | inside a cell. */
static int escaped(const char *line, size_t i) { return i > 0 && line[i - 1] == '\\'; }

/* The cell with every `\|` read as `|` (arena). */
static char *unescape_pipes(ImpCtx *c, const char *cell) {
  char *out = arena_strdup(c->a, cell), *o = out;
  for (const char *s = cell; *s; s++)
    if (!(s[0] == '\\' && s[1] == '|')) *o++ = *s;
  *o = '\0';
  return out;
}

/* A Markdown cell wholly in bold or italics (`**一级指标**`, `__x__`,
 * `*x*`) without the marks: emphasis is no part of the text. */
static char *md_plain(ImpCtx *c, char *cell) {
  static const char *const marks[] = {"**", "__", "*", "_"};
  size_t n = strlen(cell);
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
    size_t k = strlen(marks[i]);
    if (n > 2 * k && !strncmp(cell, marks[i], k) && !strcmp(cell + n - k, marks[i]))
      return imp_trim(c->a, cell + k, n - 2 * k);
  }
  return cell;
}

/* The length of the HTML line break at s (`<br>`, `<br/>`, `<br />`, any
 * case), or 0. */
static size_t html_break(const char *s) {
  if (s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r') return 0;
  size_t i = 3;
  while (s[i] == ' ') i++;
  if (s[i] == '/') i++;
  return s[i] == '>' ? i + 1 : 0;
}

/* A Markdown cell with its `<br>` (a line break inside a cell, as
 * converters from Word and Excel write it) as a line break, which the
 * space rule then treats as any other ([IMPORT-SPACE]). */
static char *md_breaks(ImpCtx *c, char *cell) {
  if (!strchr(cell, '<')) return cell;
  char *out = arena_strdup(c->a, cell), *o = out;
  for (const char *s = cell; *s;) {
    size_t k = html_break(s);
    if (k) *o++ = '\n', s += k;
    else *o++ = *s++;
  }
  *o = '\0';
  return imp_trim(c->a, out, (size_t)(o - out));
}

/*
 * [IMPORT-LAYOUT] Excel's "Text (Tab delimited)" quotes a cell that holds
 * a quote or a line break: "一卡通""发放", "两行\n文字".  A cell is read as
 * quoted only when it wholly is: it starts with ", every " inside is
 * doubled, and the closing " ends the cell (a tab or the line's end
 * follows); anything else ("双减"政策) is text as it stands.
 *
 * The end of the quoted cell that starts at s[i] (a "): the index after
 * its closing quote, or 0 when it is none.  *lines gets the line breaks
 * inside it (at most 15: a longer cell is none).
 */
static size_t quoted_end(const char *s, size_t n, size_t i, unsigned *lines) {
  unsigned nl = 0;
  for (size_t k = i + 1; k < n; k++) {
    if (s[k] == '"') {
      if (k + 1 < n && s[k + 1] == '"') {
        k++;
        continue;
      }
      if (k + 1 < n && s[k + 1] != '\t' && s[k + 1] != '\n' && s[k + 1] != '\r') return 0;
      *lines = nl;
      return k + 1;
    }
    if ((s[k] == '\n' || (s[k] == '\r' && !(k + 1 < n && s[k + 1] == '\n'))) && ++nl >= 16)
      return 0;
  }
  return 0;
}

/* The text of a wholly quoted cell without its quotes, "" read as ". */
static char *tab_unquote(ImpCtx *c, char *cell) {
  size_t n = strlen(cell);
  unsigned nl;
  if (n < 2 || cell[0] != '"' || quoted_end(cell, n, 0, &nl) != n) return cell;
  char *out = arena_alloc(c->a, n), *o = out;
  for (size_t i = 1; i + 1 < n; i++) {
    *o++ = cell[i];
    if (cell[i] == '"') i++;
  }
  *o = '\0';
  return out;
}

/* The end of the tab-separated record that starts at s[i]: its first
 * line's end, or further when a quoted cell holds line breaks (*lines
 * gets their number). */
static size_t tab_record_end(const char *s, size_t n, size_t i, unsigned *lines) {
  *lines = 0;
  for (size_t k = i; k < n;) {
    unsigned nl = 0;
    size_t q = s[k] == '"' ? quoted_end(s, n, k, &nl) : 0;
    if (q) {
      *lines += nl;
      k = q;
    } else {
      while (k < n && s[k] != '\t' && s[k] != '\n' && s[k] != '\r') k++;
    }
    if (k >= n || s[k] != '\t') return k;
    k++;
  }
  return n;
}

int imp_split_line(ImpCtx *c, const char *line, size_t n, char sep, ImpRow *row) {
  const char *lo[IMP_MAX_COLUMNS + 1];
  size_t len[IMP_MAX_COLUMNS + 1];
  unsigned nc = 0;
  if (sep == '|' && c->pipe_borders) { /* borders of a Markdown-style table */
    size_t b = 0, e = n;
    while (b < e && (line[b] == ' ' || line[b] == '\t')) b++;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) e--;
    if (b < e && line[b] == '|') b++;                  /* the leading border */
    if (e > b && line[e - 1] == '|' && !escaped(line, e - 1)) e--; /* the trailing one, if any */
    line += b, n = e - b;
  }
  n = imp_trailing_cells(line, n, sep);
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    unsigned nl;
    size_t q = sep == '\t' && i == start && i < n && line[i] == '"' ? quoted_end(line, n, i, &nl)
                                                                    : 0;
    if (q) i = q; /* a quoted cell: its tabs are text */
    if (i < n && (line[i] != sep || (sep == '|' && escaped(line, i)))) continue;
    if (nc <= IMP_MAX_COLUMNS) lo[nc] = line + start, len[nc] = i - start;
    nc++;
    start = i + 1;
  }
  row->text = 0;
  if (set_cells(c, row, lo, len, nc) < 0) return -1;
  for (unsigned i = 0; sep == '|' && i < row->ncells; i++)
    if (strstr(row->cells[i], "\\|")) row->cells[i] = unescape_pipes(c, row->cells[i]);
  for (unsigned i = 0; sep == '|' && i < row->ncells; i++)
    row->cells[i] = md_plain(c, md_breaks(c, row->cells[i]));
  for (unsigned i = 0; sep == '\t' && i < row->ncells; i++)
    if (row->cells[i][0] == '"') row->cells[i] = tab_unquote(c, row->cells[i]);
  return sep == '|' && rule_row(row) ? 0 : 1;
}

static int text_row(ImpCtx *c, const char *line, size_t n, ImpRow *row) {
  const char *lo[1] = {line};
  size_t len[1] = {n};
  if (set_cells(c, row, lo, len, 1) < 0) return -1;
  row->text = 1;
  return 1;
}

/* ---- tab and pipe: one row per line --------------------------------------- */

static int split_lines(ImpCtx *c, const char *s, size_t n, char sep) {
  unsigned line = 1;
  for (size_t i = 0; i < n;) {
    size_t e = i;
    unsigned more = 0; /* line breaks inside quoted cells (tab layout) */
    if (sep == '\t') e = tab_record_end(s, n, i, &more);
    else
      while (e < n && s[e] != '\n' && s[e] != '\r') e++;
    ImpRow row = {.line = line};
    int k = memchr(s + i, sep, e - i) ? imp_split_line(c, s + i, e - i, sep, &row)
                                       : text_row(c, s + i, e - i, &row);
    if (k < 0) return -1;
    if (k > 0) push_row(c, &row);
    line += more;
    if (++line > IMP_MAX_ROWS) {
      imp_error(c, line, "more than %u lines", IMP_MAX_ROWS);
      return -1;
    }
    if (e < n && s[e] == '\r' && e + 1 < n && s[e + 1] == '\n') e++;
    i = e + 1;
  }
  return 0;
}

/* ---- CSV ------------------------------------------------------------------ */

typedef struct CsvState {
  const char *s;
  size_t n, i;
  unsigned line;
  ImpBuf field;
} CsvState;

/* Skip a line end at st->i (CRLF, LF or CR); 1 when there was one. */
static int csv_eol(CsvState *st) {
  if (st->i >= st->n) return 0;
  if (st->s[st->i] == '\r') {
    st->i += st->i + 1 < st->n && st->s[st->i + 1] == '\n' ? 2 : 1;
  } else if (st->s[st->i] == '\n') {
    st->i++;
  } else {
    return 0;
  }
  st->line++;
  return 1;
}

/* A quoted field from st->i (at the opening quote) into st->field. */
static int csv_quoted(ImpCtx *c, CsvState *st, unsigned row_line) {
  unsigned open = st->line;
  st->i++;
  for (;;) {
    if (st->i >= st->n) {
      imp_error(c, open, "quoted field of the row at line %u never ends: is the file truncated?",
                row_line);
      return -1;
    }
    char ch = st->s[st->i];
    if (ch == '"' && st->i + 1 < st->n && st->s[st->i + 1] == '"') {
      imp_buf_add(&st->field, "\"", 1);
      st->i += 2;
    } else if (ch == '"') {
      st->i++;
      break;
    } else {
      if (ch == '\n' || (ch == '\r' && !(st->i + 1 < st->n && st->s[st->i + 1] == '\n')))
        st->line++;
      imp_buf_add(&st->field, &ch, 1);
      st->i++;
    }
  }
  while (st->i < st->n && (st->s[st->i] == ' ' || st->s[st->i] == '\t')) st->i++;
  return 0;
}

static void csv_plain(CsvState *st) {
  size_t b = st->i;
  while (st->i < st->n && st->s[st->i] != ',' && st->s[st->i] != '\n' && st->s[st->i] != '\r')
    st->i++;
  imp_buf_add(&st->field, st->s + b, st->i - b);
}

/* One record into row; 0 at the end of text, 1 a row, -1 an error. */
static int csv_record(ImpCtx *c, CsvState *st, ImpRow *row) {
  const char *lo[IMP_MAX_COLUMNS + 1];
  size_t len[IMP_MAX_COLUMNS + 1];
  unsigned nc = 0, filled = 0; /* filled: 1 + the last cell with text */
  if (st->i >= st->n) return 0;
  row->line = st->line;
  for (;;) {
    st->field.len = 0;
    imp_buf_add(&st->field, "", 0);
    if (st->i < st->n && st->s[st->i] == '"') {
      if (csv_quoted(c, st, row->line) < 0) return -1;
    }
    csv_plain(st); /* after a closing quote: whatever precedes the comma */
    for (size_t k = 0; k < st->field.len; k++)
      if (st->field.s[k] != ' ' && st->field.s[k] != '\t') {
        filled = nc + 1;
        break;
      }
    if (nc <= IMP_MAX_COLUMNS) {
      lo[nc] = arena_strndup(c->a, st->field.s, st->field.len);
      len[nc] = st->field.len;
    }
    nc++;
    if (st->i < st->n && st->s[st->i] == ',') {
      st->i++;
      continue;
    }
    csv_eol(st);
    break;
  }
  /* a spreadsheet's padding beyond the column limit is dropped (as in
   * imp_split_line) */
  if (nc > IMP_MAX_COLUMNS && filled <= IMP_MAX_COLUMNS) nc = filled > 2 ? filled : 2;
  if (nc == 1 && len[0] == 0) return text_row(c, "", 0, row);
  if (nc == 1) return text_row(c, lo[0], len[0], row);
  row->text = 0;
  return set_cells(c, row, lo, len, nc) < 0 ? -1 : 1;
}

static int split_csv(ImpCtx *c, const char *s, size_t n) {
  CsvState st = {.s = s, .n = n, .line = 1};
  int k;
  ImpRow row;
  while (memset(&row, 0, sizeof row), (k = csv_record(c, &st, &row)) > 0) {
    push_row(c, &row);
    if (c->nrows > IMP_MAX_ROWS) {
      imp_error(c, row.line, "more than %u rows", IMP_MAX_ROWS);
      k = -1;
      break;
    }
  }
  imp_buf_free(&st.field);
  return k < 0 ? -1 : 0;
}

int imp_split(ImpCtx *c, char *text, size_t len, ImpLayout layout) {
  switch (layout) {
  case IMP_LAYOUT_CSV: return split_csv(c, text, len);
  case IMP_LAYOUT_PIPE: return split_lines(c, text, len, '|');
  default: return split_lines(c, text, len, '\t');
  }
}
