import type { Language, RespondentField } from '../instrument/types.js';

const ZH: Readonly<Record<string, string>> = { yes: '是', no: '否', partly: '部分' };

/**
 * How the survey shows a choice of a complaint question (a field with a `meaning`): in Chinese,
 * yes, no and partly as 是, 否, 部分 (the stored answer stays the English word, which the analysis
 * reads). Other fields' choices are shown as written.
 */
export function answerName(field: RespondentField, choice: string, lang: Language): string {
  if (lang !== 'zh' || field.meaning === undefined) return choice;
  return ZH[choice] ?? choice;
}
