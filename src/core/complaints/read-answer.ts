/**
 * Words accepted for each answer of the complaint questions, English and Chinese (the survey
 * stores the English choice; a spreadsheet may hold either). Case and surrounding space ignored.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  yes: ['yes', 'y', 'true', '1', '是', '有'],
  no: ['no', 'n', 'false', '0', '否', '没有', '无'],
  partly: ['partly', 'partial', 'partially', '部分'],
};

/**
 * Reads an answer to a yes/no (or yes/partly/no) question: the allowed answer it names, null when
 * blank (not answered), undefined when it names none of them.
 */
export function readAnswer<T extends string>(
  raw: string,
  allowed: readonly T[],
): T | null | undefined {
  const value = raw.trim().toLowerCase();
  if (value === '') return null;
  return allowed.find((a) => (SYNONYMS[a] ?? [a]).includes(value));
}
