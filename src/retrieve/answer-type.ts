/**
 * What kind of answer a question asks for, and whether a sentence holds one: "When will Trump
 * meet Putin?" is answered by "later this week", not by the sentence that repeats the most
 * question words. Patterns for English news questions; a question of no recognised kind
 * ("What did Vance say?") expects nothing in particular.
 */
export type AnswerType = 'time' | 'quantity' | 'place' | 'person';

const QUESTION_KINDS: readonly [AnswerType, RegExp][] = [
  ['time', /^\s*when\b|\bwhat (?:day|date|time|year|month)\b|\bhow soon\b/iu],
  [
    'quantity',
    /\bhow (?:many|much|long|old|far|big|large|high|often)\b|\bwhat (?:percentage|share|proportion|number|amount)\b/iu,
  ],
  [
    'place',
    /^\s*where\b|\b(?:which|what) (?:country|countries|nation|city|cities|town|village|county|capital|place|region|regions|province|state|island|continent|venue|site|stadium|airport|port)\b|\bwhere\b/iu,
  ],
  [
    'person',
    /^\s*who(?:m|se)?\b|\b(?:which|what) (?:minister|chancellor|secretary|official|officials|president|leader|senator|mp|judge|spokesman|spokeswoman|player|striker|driver|champion|winner|manager|coach|team|club|side|party|company|companies|firm|bank|airline|brand|outlet|newspaper|channel|network|actor|actress|singer|band|artist|author|writer|director|film|movie|album|book|novel|show|programme|program|person|people)\b/iu,
  ],
];

/** The kind of answer `question` asks for, if any. */
export function expectedAnswerType(question: string): AnswerType | undefined {
  for (const [type, pattern] of QUESTION_KINDS) if (pattern.test(question)) return type;
  return undefined;
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = new RegExp(
  `\\b(?:${MONTHS}|${DAYS})\\b|\\b(?:1[89]|20)\\d{2}\\b|\\b(?:today|tomorrow|yesterday|tonight|weekend|soon|later this|earlier this|next|last|this) ?(?:week|month|year|weekend|morning|evening|spring|summer|autumn|winter)?\\b|\\b(?:days?|weeks?|months?|years?|hours?|decades?) (?:ago|later|earlier)\\b`,
  'u',
);
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|quarter|third|percent|per cent';
const QUANTITY = new RegExp(`\\d|[%$£€]|\\b(?:${NUMBER_WORDS})\\b`, 'iu');
/** A capitalised word after a preposition of place: "in Alaska", "at the White House". */
const PLACE =
  /\b(?:in|at|to|from|near|across|outside|inside|into)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/gu;
/** Two capitalised words in a row: a person's or an organisation's name. */
const NAME = /(\p{Lu}[\p{L}’'.-]+)\s+(\p{Lu}[\p{L}’'-]+)/gu;

/**
 * Whether `sentence` holds an answer of `type` that the question does not already give: a
 * place the question names ("in Alaska" for "meet in Alaska?") answers nothing.
 */
export function holdsAnswer(sentence: string, type: AnswerType, question: string): boolean {
  const asked = question.toLowerCase();
  const isNew = (word: string) => !asked.includes(word.toLowerCase());
  switch (type) {
    case 'time':
      return TIME.test(sentence);
    case 'quantity':
      return QUANTITY.test(sentence);
    case 'place':
      return [...sentence.matchAll(PLACE)].some((m) => isNew(m[1]!));
    case 'person':
      return [...sentence.matchAll(NAME)].some((m) => isNew(m[1]!) || isNew(m[2]!));
  }
}
