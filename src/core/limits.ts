/**
 * Documented limits on inputs (README "Limits"), checked up front so that a hostile or mistaken
 * file ends in one clear message and exit 2 — never in a stack overflow, a crash or minutes of
 * work. Each is far above any real survey: the built-in instrument has 45 attributes in 13
 * constructs, and real exports have at most a few thousand columns.
 */
export const LIMITS = {
  /** Bytes of an instrument or mapping JSON file. */
  jsonBytes: 8 << 20,
  /** Nesting depth of arrays and objects in a JSON file (an instrument needs 5). */
  jsonDepth: 64,
  /** Attributes in an instrument (summed over its constructs). */
  attributes: 5000,
  /** Constructs in an instrument. */
  constructs: 1000,
  /** Characters of an id (construct, attribute, respondent field). */
  idLength: 64,
  /**
   * Columns in a header: a CSV file's, an SPSS file's variables (a workbook has at most 16 384,
   * A to XFD). `map --init` handles 10 000 in under a second.
   */
  columns: 100_000,
  /**
   * Bytes of one record (row), and so of any one cell: a CSV record (read-csv's MAX_RECORD_BYTES),
   * a workbook row's or an SPSS case's text in UTF-8.
   */
  recordBytes: 1 << 20,
  /**
   * Bytes of a workbook part held in memory whole, once unzipped: the shared-string table, the
   * styles, the workbook and its relationships (a sheet is streamed, never held).
   */
  workbookPartBytes: 256 << 20,
} as const;
