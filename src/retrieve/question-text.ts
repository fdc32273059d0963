/**
 * A question as typed, made comparable with the coverage: compatibility forms folded (NFKC:
 * full-width letters, ligatures), invisible format characters removed (a zero-width space
 * pasted from a web page would split or glue words), and whitespace collapsed.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .replace(/\p{Cf}+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
