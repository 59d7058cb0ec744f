import type { ExportLayout } from './detect-platform.js';

/** One column of an export, as servqual names it and as the questionnaire worded it. */
export interface ExportColumn {
  /** The name servqual uses for the column (in messages, `--segment-by`, the mapping file). */
  readonly name: string;
  /** The question's wording, without the matrix row. */
  readonly question: string;
  /** The matrix row (sub-question) the column holds, when the export names one. */
  readonly item: string | null;
}

/**
 * Names the columns of an export from its header rows, and splits each header into the question
 * and the matrix row it holds, the way each platform writes them:
 *
 * - Qualtrics: name = the export tag (row 1); row 2 is `Question - Row`.
 * - SurveyMonkey: row 1 holds the question above its first sub-column only (carried to the right);
 *   row 2 holds the matrix row, or `Response` / `Open-Ended Response` for a single answer.
 *   name = `Question - Row`, or the question alone.
 * - Google Forms and LimeSurvey (text headings): `Question [Row]`; LimeSurvey may prefix the
 *   question code (`IMP[SQ001]. Question [Row]`) or give the code alone (`IMP[tan1]`).
 * - 问卷星: `7、Question—Row` or `7(Row)`; the question number is dropped from the wording.
 * - Plain files: the header is both name and question.
 */
export function exportColumns(
  layout: ExportLayout,
  rows: ReadonlyArray<readonly string[]>,
): ExportColumn[] {
  const top = (rows[0] ?? []).map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
  switch (layout.platform) {
    case 'qualtrics':
      return top.map((name, i) => {
        const text = (rows[1]?.[i] ?? '').trim();
        const cut = text.lastIndexOf(' - ');
        return cut > 0
          ? { name, question: text.slice(0, cut).trim(), item: text.slice(cut + 3).trim() }
          : { name, question: text || name, item: null };
      });
    case 'surveymonkey': {
      let question = '';
      return top.map((head, i) => {
        if (head !== '') question = head;
        const row = (rows[1]?.[i] ?? '').trim();
        if (row === '' || row === 'Response' || row === 'Open-Ended Response')
          return { name: question, question, item: null };
        return { name: `${question} - ${row}`, question, item: row };
      });
    }
    case 'wjx':
      return top.map((name) => {
        const text = name.replace(/^\d+(?:[、.．]\s*|(?=[(（]))/, '');
        const dash = text.search(/—|--/);
        if (dash > 0)
          return {
            name,
            question: text.slice(0, dash).trim(),
            item: text
              .slice(dash)
              .replace(/^(—|--)+/, '')
              .trim(),
          };
        const paren = /^(.*?)[(（]([^()（）]+)[)）]$/.exec(text);
        if (paren !== null)
          return { name, question: (paren[1] ?? '').trim(), item: (paren[2] ?? '').trim() };
        return { name, question: text, item: null };
      });
    case 'googleforms':
    case 'limesurvey':
      return top.map((name) => {
        const text = name.replace(/^[A-Za-z][A-Za-z0-9_]*(\[[^\]]*\])?\.\s+/, '');
        const bracket = /^(.*?)\s*\[([^\]]+)\]$/.exec(text);
        if (bracket !== null)
          return {
            name,
            question: (bracket[1] ?? '').trim() || name,
            item: (bracket[2] ?? '').trim(),
          };
        return { name, question: text, item: null };
      });
    case null:
      return top.map((name) => ({ name, question: name, item: null }));
  }
}
