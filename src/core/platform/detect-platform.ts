/** The survey platforms whose CSV exports servqual reads as they come. */
export const PLATFORMS = ['qualtrics', 'surveymonkey', 'googleforms', 'wjx', 'limesurvey'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  qualtrics: 'Qualtrics',
  surveymonkey: 'SurveyMonkey',
  googleforms: 'Google Forms',
  wjx: '问卷星 (Wenjuanxing)',
  limesurvey: 'LimeSurvey',
};

/** Codes a platform writes for "no answer" in a rating column. */
export const MISSING_CODES: Readonly<Partial<Record<Platform, readonly string[]>>> = {
  wjx: ['-2', '-3'], // 问卷星's coded export: -2 skipped (jump logic), -3 not shown
  qualtrics: ['-99'], // "seen but unanswered", when the survey recodes it
};

export interface ExportLayout {
  /** null: a plain servqual CSV (one header row, the instrument's column names). */
  readonly platform: Platform | null;
  /** Rows before the first respondent. */
  readonly headerRows: number;
  /** What identified the platform (for the message on stderr); null when `--from` named it. */
  readonly evidence: string | null;
}

/**
 * Header rows a detection may need to see (Qualtrics: the third row tells the modern from the
 * legacy export).
 */
export const DETECTION_ROWS = 3;

/**
 * Recognises a survey platform's CSV export from its first rows (`rows[0]` is the first record of
 * the file; pass up to `DETECTION_ROWS` rows, fewer when the file is shorter), or lays out the
 * platform the user named (`from`). The signs are the fixed columns each platform writes:
 *
 * - Qualtrics: `StartDate`, `EndDate`, `ResponseId`, `Duration (in seconds)`…; 3 header rows
 *   (export tags, question text, `{"ImportId":…}`), 2 in the legacy export without the ImportId
 *   row.
 * - SurveyMonkey: `Respondent ID` and `Collector ID`; 2 header rows (question, then the matrix
 *   row or "Response").
 * - Google Forms: first column `Timestamp` (or its translation, e.g. `时间戳`); 1 header row,
 *   matrix columns `Question [row]`.
 * - 问卷星: `序号` with `提交答卷时间` or `所用时间`; 1 header row, numbered questions `7、…`.
 * - LimeSurvey: `id`/`submitdate`/`lastpage`/`startlanguage` (codes) or `Response ID`/`Date
 *   submitted`/`Last page` (texts); 1 header row.
 */
export function detectPlatform(
  rows: ReadonlyArray<readonly string[]>,
  from?: Platform,
): ExportLayout {
  const first = new Set((rows[0] ?? []).map((f) => f.trim().replace(/^\uFEFF/, '')));
  const has = (...names: string[]): boolean => names.every((n) => first.has(n));
  const qualtricsRows = (): number =>
    (rows[2] ?? []).some((f) => f.trim().startsWith('{"ImportId"')) ? 3 : 2;
  if (from !== undefined) {
    return {
      platform: from,
      headerRows: from === 'qualtrics' ? qualtricsRows() : from === 'surveymonkey' ? 2 : 1,
      evidence: null,
    };
  }
  if (
    has('ResponseId') ||
    has('StartDate', 'EndDate', 'Progress') ||
    has('Duration (in seconds)')
  ) {
    const headerRows = qualtricsRows();
    return {
      platform: 'qualtrics',
      headerRows,
      evidence:
        headerRows === 3
          ? 'ResponseId column, ImportId row'
          : 'ResponseId column, question texts in the second header row',
    };
  }
  if (has('Respondent ID', 'Collector ID'))
    return {
      platform: 'surveymonkey',
      headerRows: 2,
      evidence: 'Respondent ID and Collector ID columns',
    };
  const leading = (rows[0]?.[0] ?? '').trim().replace(/^\uFEFF/, '');
  if (TIMESTAMP.has(leading))
    return { platform: 'googleforms', headerRows: 1, evidence: `first column "${leading}"` };
  if (has('序号') && (first.has('提交答卷时间') || first.has('所用时间')))
    return { platform: 'wjx', headerRows: 1, evidence: '序号 and 提交答卷时间 columns' };
  if (has('id', 'submitdate') && (first.has('lastpage') || first.has('startlanguage'))) {
    return {
      platform: 'limesurvey',
      headerRows: 1,
      evidence: 'id, submitdate and lastpage columns',
    };
  }
  if (has('Response ID', 'Date submitted', 'Last page'))
    return {
      platform: 'limesurvey',
      headerRows: 1,
      evidence: 'Response ID, Date submitted and Last page columns',
    };
  return { platform: null, headerRows: 1, evidence: null };
}

/** Google Forms' first column in the languages servqual's users work in. */
const TIMESTAMP = new Set([
  'Timestamp',
  '时间戳',
  '時間戳記',
  'Marca temporal',
  'Horodateur',
  'Zeitstempel',
  'Carimbo de data/hora',
  'タイムスタンプ',
]);
