/**
 * What kind of answer a question asks for, and whether a sentence holds one: "When will Trump
 * meet Putin?" is answered by "later this week", not by the sentence that repeats the most
 * question words. Patterns for English news questions; a question of no recognised kind
 * ("What happened to the factory?") expects nothing in particular.
 */
import { YEAR_DIGITS } from './term-overlap.js';

export type AnswerType =
  'year' | 'time' | 'quantity' | 'money' | 'place' | 'person' | 'name' | 'reason' | 'statement';

/**
 * Up to three words between "which"/"what" and the noun that says what is asked for: "which
 * two Kashmiri cities", "which US official", "what file-sharing networks". A verb-like function
 * word or an article ends them, so "what did the city say" asks for no place.
 */
const MODIFIERS =
  "(?:(?!(?:is|are|was|were|be|been|do|does|did|has|have|had|will|would|can|could|should|may|might|must|the|a|an|of|to|in|on|at|for|with|by|from|about|and|or)\\b)[\\p{L}\\d’'-]+\\s+){0,3}?";
/** "which <modifiers> <one of nouns>", the nouns also in the plural. */
function askedFor(nouns: string): RegExp {
  return new RegExp(`\\b(?:which|what)\\s+${MODIFIERS}(?:${nouns})(?:s|es)?\\b`, 'iu');
}

/** Nouns that ask for someone or something by name: "which MP", "which band", "which firm". */
const PERSON_NOUNS =
  'minister|chancellor|secretary|official|president|leader|senator|mp|judge|spokesman|spokeswoman|player|striker|driver|champion|winner|manager|coach|team|club|side|party|parties|company|companies|firm|bank|airline|brand|outlet|newspaper|channel|network|actor|actress|singer|band|artist|author|writer|director|film|movie|album|book|novel|show|programme|program|person|people|group|organisation|organization|agency|body|service|website|retailer|carrier|operator|maker|carmaker|automaker|chipmaker|drugmaker|manufacturer|studio|label|broadcaster';

/**
 * Verbs of paying and of asking for money: "how much did it cost", "how much did the film
 * take", "how much did the government want from the tobacco firms", "how much did Rome lend".
 */
const MONEY_VERBS =
  /\b(?:cost|costs|costing|pay|paid|pays|paying|spend|spent|spends|worth|charge|charged|charges|earn|earned|earns|fetch|fetched|priced|fined|sell|sold|bid|offer|offered|invest|invested|owe|owed|valued|money|take|took|taken|want|wanted|seek|seeking|sought|demand|demanded|claim|claimed|lend|lent|loan|loaned|borrow|borrowed|award|awarded|damages|compensation)\b/iu;
/** Verbs of change: "how much did sales rise" asks for a number or a share, not a sum. */
const CHANGE_VERBS =
  /\b(?:rise|rose|risen|rises|fall|fell|fallen|falls|grow|grew|grown|grows|increase[sd]?|drop(?:ped|s)?|jump(?:ed|s)?|climb(?:ed|s)?|decline[sd]?|shr[iau]nk|slip(?:ped|s)?|gain(?:ed|s)?)\b/iu;

function asksForMoney(question: string): boolean {
  if (/\bhow much\b(?!\s+(?:time|longer|more time)\b)/iu.test(question))
    return MONEY_VERBS.test(question) && !CHANGE_VERBS.test(question);
  return askedFor('price|fee|sum|salary|wage|cost|fine|bid').test(question);
}

/** Each kind with its test, in the order they are tried (money before quantity). */
const QUESTION_KINDS: readonly [AnswerType, RegExp | ((question: string) => boolean)][] = [
  // "Which year" is answered by a year, not by "next week".
  ['year', /\b(?:what|which) year\b/iu],
  ['time', /^\s*when\b|\b(?:what|which) (?:day|date|time|month)\b|\bhow soon\b/iu],
  ['money', asksForMoney],
  [
    'quantity',
    /\bhow (?:many|much|long|old|far|big|large|high|often)\b|\bwhat (?:percentage|share|proportion|number|amount)\b/iu,
  ],
  [
    'place',
    new RegExp(
      `^\\s*where\\b|\\bwhere\\b|${askedFor('country|countries|nation|city|cities|town|village|county|capital|place|region|province|state|island|continent|venue|site|stadium|airport|port').source}`,
      'iu',
    ),
  ],
  // "What is the name of…", "what nickname did…", "what is the new service called?": the
  // answer is a name or a title, of a thing as often as of a person.
  [
    'name',
    new RegExp(
      `\\bwhat\\s+(?:is|was|are|were)\\s+(?:the|its|his|her|their)\\s+${MODIFIERS}(?:name|title|codename|code-name|nickname)s?\\b|\\bwhat\\s+${MODIFIERS}(?:name|title|codename|code-name|nickname)s?\\s+(?:did|does|do|is|was|has|have|had|will|would)\\b|^\\s*what\\b.*\\b(?:called|named|dubbed|nicknamed|titled|known as)\\s*\\??\\s*$`,
      'iu',
    ),
  ],
  [
    'reason',
    /^\s*why\b|\bwhat (?:is|was|are|were) the reasons?\b|\bfor what reason\b|\bwhat (?:prompted|caused|led to|drove|triggered)\b|\bhow come\b/iu,
  ],
  // "What did Nike boss Philip Knight credit for…", "how did Trump react…": what that speaker
  // said or decided, by a sentence that names them and reports it. (Any reported speech, or
  // any quotation, quoted Schiff first for "What did Vance say about sanctions?".)
  ['statement', (question: string) => speakerOf(question) !== undefined],
  // Who, "which MP / band …", and any other question that opens with "which" (or "in / for
  // … which") and no kind above claims: "which law lord", "which Russian" ask for a name.
  // The last, on the tuning halves: BBC questions hit@1 83.7 → 84.5%, hit@5 95.0 → 95.4%, MRR
  // 0.884 → 0.890; seeds and headlines unchanged.
  [
    'person',
    new RegExp(
      `^\\s*who(?:m|se)?\\b|${askedFor(PERSON_NOUNS).source}|^\\s*(?:(?:in|of|at|for|from|with|by|to|on)\\s+)?which\\b`,
      'iu',
    ),
  ],
];

/** "which <modifiers> <noun>", capturing the noun. */
const ASKED_NOUN = askedFor(`(${PERSON_NOUNS})`);
/** A name of one to four capitalised words, right where the pattern is tried (or after a comma). */
const NAME_AFTER = /,?\s+(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){0,3})/uy;

/**
 * `build` for the last question it was given, remembered: one question is tested against many
 * sentences, and its pattern is built once.
 */
function lastQuestion<T>(build: (question: string) => T): (question: string) => T {
  let last: { question: string; value: T } | undefined;
  return (question) => {
    if (last?.question !== question) last = { question, value: build(question) };
    return last.value;
  };
}

/** The question's asked noun as a pattern over sentences. */
const askedNoun = lastQuestion((question): RegExp | undefined => {
  const noun = ASKED_NOUN.exec(question)?.[1]?.toLowerCase();
  if (noun === undefined) return undefined;
  const forms = /(?:y|ies)$/u.test(noun)
    ? `${noun.replace(/(?:y|ies)$/u, '')}(?:y|ies)`
    : `${noun}(?:s|es)?`;
  return new RegExp(`\\b${forms}\\b`, 'giu');
});

/**
 * For a question asking "which band / MP / manufacturer …", whether `sentence` gives a name the
 * question does not, right after that noun, as news introduces one: "desert blues band
 * Tinariwen", "Labour MP John Cryer", "manufacturer Toshiba Elevator". That is the answer by
 * name, where any other name in the sentence may be anyone ("Youssou N'Dour has been named a
 * winner…" answers no "which band"). Undefined when the question asks for no such noun.
 */
export function namesAskedFor(sentence: string, question: string): boolean | undefined {
  const noun = askedNoun(question);
  if (noun === undefined) return undefined;
  const asked = question.toLowerCase();
  for (const match of sentence.matchAll(noun)) {
    NAME_AFTER.lastIndex = match.index + match[0].length;
    const name = NAME_AFTER.exec(sentence)?.[1];
    if (name?.split(/\s+/u).some((word) => !asked.includes(word.toLowerCase())) === true)
      return true;
  }
  return false;
}

/**
 * "How many <words>" up to four words, ended by a verb-like function word, an article or a
 * preposition: "how many yellow postal ballot papers did police seize" counts "papers".
 */
const COUNTED_WORD =
  "(?!(?:are|were|is|was|be|been|did|do|does|has|have|had|will|would|can|could|should|may|might|must|the|a|an|of|to|in|on|at|for|with|by|from|about|and|or)\\b)[\\p{L}’'-]+";
const COUNTED = new RegExp(`\\bhow many\\s+((?:${COUNTED_WORD}\\s+){0,3}${COUNTED_WORD})`, 'iu');

/** The question's counted noun, after a number, as a pattern over sentences. */
const countedPattern = lastQuestion((question): RegExp | undefined => {
  const words = COUNTED.exec(question)?.[1]?.split(/\s+/u);
  // The noun counted is the phrase's last word; its plural ending is left to match.
  const head = words?.[words.length - 1]?.toLowerCase().replace(/(?:es|s)$/u, '');
  if (head === undefined || head.length < 3) return undefined;
  return new RegExp(
    // From the first character of a number only (the look-behind): a long run of digits is
    // tried once, not from each of its digits.
    `(?<![\\p{N}.,])(?:\\p{N}[\\p{N},.]*|\\b(?:${NUMBER_WORDS}))(?:[\\s-]+[\\p{L}\\p{N}’'.,]+){0,3}?[\\s-]+${head.replace(/[’'-]/gu, '.')}\\p{L}*`,
    'iu',
  );
});

/**
 * For a question asking "how many <noun>", whether `sentence` gives a number of that noun
 * ("every officer had an annual target of 8,000 applications" for "how many visa
 * applications"), where any other number in it may count anything ("in about 11 minutes").
 * Undefined when the question counts no noun.
 */
export function countsAskedFor(sentence: string, question: string): boolean | undefined {
  return countedPattern(question)?.test(sentence);
}

/**
 * Whether `sentence` gives the answer exactly as asked: the name right after the noun of a
 * "which band / MP …" question (namesAskedFor), or a number of the noun a "how many …"
 * question counts (countsAskedFor). Undefined when the question asks for neither.
 */
export function answersAsAsked(
  sentence: string,
  wanted: AnswerType | undefined,
  question: string,
): boolean | undefined {
  if (wanted === 'person') return namesAskedFor(sentence, question);
  if (wanted === 'quantity') return countsAskedFor(sentence, question);
  return undefined;
}

/** The kind of answer `question` asks for, if any. */
export function expectedAnswerType(question: string): AnswerType | undefined {
  for (const [type, test] of QUESTION_KINDS) {
    if (typeof test === 'function' ? test(question) : test.test(question)) return type;
  }
  return undefined;
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = new RegExp(
  `\\b(?:${MONTHS}|${DAYS})\\b|\\b(?:[01]?\\d|2[0-3]):[0-5]\\d\\b|\\b(?:[01]?\\d|2[0-3])(?:[.:][0-5]\\d)?\\s?[ap]\\.?m\\b|\\b${YEAR_DIGITS}\\b|\\b(?:today|tomorrow|yesterday|tonight|weekend|soon|later this|earlier this|next|last|this) ?(?:week|month|year|weekend|morning|evening|spring|summer|autumn|winter)?\\b|\\b(?:days?|weeks?|months?|years?|hours?|decades?) (?:ago|later|earlier)\\b`,
  'u',
);
const YEAR = new RegExp(`(?<![\\p{N}.,])${YEAR_DIGITS}(?![\\p{N}.,]?\\d)`, 'gu');
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|quarter|third|percent|per cent';
/** A number, though not a year on its own ("by 2005" says no how many). */
const QUANTITY = new RegExp(
  `(?<![\\d.,])(?!${YEAR_DIGITS}\\b)\\d|[%$£€]|\\b(?:${NUMBER_WORDS})\\b`,
  'iu',
);
/**
 * A sum of money: "$19.1m", "£105.45", "253m euros", "two million dollars". A number is only
 * read from its first character (the look-behind): tried from every digit, as it once was, a
 * sentence that is one long run of digits (a hostile or broken article) took time in the
 * square of its length, 80 s for one question over a 200,000-digit "word".
 */
const MONEY =
  /[$£€¥]\s?\d|(?<![\d,.])[\d,.]*\d\s?(?:m|bn|k|million|billion|thousand)?\s?(?:dollars|pounds|euros|yen|pence|p)\b|\b(?:US|A|C|HK)\$|\bcents?\b/iu;
/** A capitalised word after a preposition of place: "in Alaska", "at the White House". */
const PLACE =
  /\b(?:in|at|to|from|near|across|outside|inside|into|between|via|towards)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/gu;
/**
 * Two capitalised words in a row: a person's or an organisation's name. Matched in two steps
 * (see `names`): as one pattern, a word that failed to be followed by another was tried again
 * from each of its later capitals, in time the square of its length (a 200,000-capital
 * "word" in a hostile article took 40 s per question).
 */
const NAME_FIRST = /\p{Lu}[\p{L}’'.-]+/gu;
const NAME_SECOND = /\s+(\p{Lu}[\p{L}’'-]+)/uy;

/**
 * The pairs of capitalised words in `sentence`, as the pattern
 * `(\p{Lu}[\p{L}’'.-]+)\s+(\p{Lu}[\p{L}’'-]+)` finds them, in linear time: whether a word
 * is followed by a second depends only on where the word ends, so each word is tried once.
 */
export function names(sentence: string): [string, string][] {
  const pairs: [string, string][] = [];
  const first = new RegExp(NAME_FIRST);
  const second = new RegExp(NAME_SECOND);
  for (let word = first.exec(sentence); word !== null; word = first.exec(sentence)) {
    second.lastIndex = first.lastIndex;
    const next = second.exec(sentence);
    if (next === null) continue;
    pairs.push([word[0], next[1]!]);
    first.lastIndex = second.lastIndex;
  }
  return pairs;
}

/**
 * A sentence that gives a reason or a purpose: "because …", "arguing that …", "in a bid to …".
 */
const REASON =
  /\b(?:because|due to|owing to|thanks to|as a result|the result of|in order to|so that|so as to|in a bid to|aim(?:ed|s|ing)? (?:to|at)|designed to|intended to|prompted by|driven by|blamed|blaming|citing|cited|argu(?:ed|ing|es) that|noting that|the reasons?|amid)\b/iu;

/**
 * A sentence that reports what someone said, thinks or decided: a quotation or a reporting
 * verb ("credited", "ruled out", "hinted").
 */
const STATEMENT =
  /["“”]|\b(?:said|says|told|tells|added|warned|warns|claimed|claims|argued|argues|insisted|insists|credited|credits|blamed|blames|announced|announces|decided|pledged|pledges|promised|promises|admitted|admits|revealed|reveals|predicted|predicts|suggested|suggests|described|describes|called|calls|believes|thinks|accused|accuses|ruled out|rejected|hinted|stressed|explained|urged|maintained|acknowledged)\b/u;
/** "What did <speaker> say / claim / decide…", "how did <speaker> react…": the speaker. */
const SPEAKER =
  /^\s*(?:what|how) (?:did|does|do|has|have|had|will|would) (.+?) (?:say|tell|claim|warn|pledge|promise|announce|decide|credit|blame|argue|insist|admit|reveal|predict|suggest|describe|call|think|make of|react|respond|accuse)\b/iu;
/** Words of a speaker's description that name nobody in particular ("the former boss"). */
const SPEAKER_STOP = new Set(['the', 'his', 'her', 'its', 'their', 'and', 'for', 'new', 'former']);

/**
 * The words a question names its speaker by ("nike", "boss", "philip", "knight"), lower case,
 * when it asks what someone said or decided; undefined for any other question.
 */
function speakerOf(question: string): string[] | undefined {
  const phrase = SPEAKER.exec(question)?.[1];
  if (phrase === undefined) return undefined;
  const words = (phrase.toLowerCase().match(/\p{L}+/gu) ?? []).filter(
    (word) => word.length >= 3 && !SPEAKER_STOP.has(word),
  );
  return words.length > 0 ? words : undefined;
}

/** A name given as one: "dubbed Mr Brown Sir Wastealot", "known as the Blue Line". */
const NAMED =
  /\b(?:call(?:ed|ing)|nam(?:ed|ing)|dubb(?:ed|ing)|nicknam(?:ed|ing)|code-?named|known as|entitled|titled|brand(?:ed|ing))\s+(?:(?:the|a|an|him|her|it|them|Mr|Mrs|Ms)\s+)?["“‘']?(\p{Lu}[\p{L}\p{N}’'-]*(?:\s+\p{Lu}[\p{L}\p{N}’'-]*)*)/gu;
/** A coined name of one word: "Pro-Shift", "iPod", "PlayStation", "X5". */
const COINED =
  /(?<![\p{L}\p{N}])(?:\p{Lu}[\p{Ll}\p{N}]*-\p{Lu}[\p{L}\p{N}]*|\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*)/gu;
/**
 * A short phrase in quotation marks: a title or a nickname ("Sir Wastealot"). A quote mark
 * inside a word is an apostrophe ("Brown's"), not the start or end of one.
 */
const QUOTED = /(?<![\p{L}\p{N}])["“‘']([^"“”‘’']{2,60})["”’'](?![\p{L}\p{N}])/gu;

/**
 * Whether `sentence` holds an answer of `type` that the question does not already give: a
 * place the question names ("in Alaska" for "meet in Alaska?") answers nothing.
 */
export function holdsAnswer(sentence: string, type: AnswerType, question: string): boolean {
  const asked = question.toLowerCase();
  const isNew = (word: string) => !asked.includes(word.toLowerCase());
  switch (type) {
    case 'year':
      return [...sentence.matchAll(YEAR)].some((m) => isNew(m[0]));
    case 'time':
      return TIME.test(sentence);
    case 'quantity':
      return QUANTITY.test(sentence);
    case 'money':
      return MONEY.test(sentence);
    case 'place':
      return [...sentence.matchAll(PLACE)].some((m) => isNew(m[1]!));
    case 'person':
      return (
        namesAskedFor(sentence, question) === true ||
        names(sentence).some(([first, second]) => isNew(first) || isNew(second))
      );
    case 'reason':
      return REASON.test(sentence);
    case 'statement': {
      // A quotation or reporting verb, in a sentence that names the speaker as the question does.
      if (!STATEMENT.test(sentence)) return false;
      const words: string[] = sentence.toLowerCase().match(/\p{L}+/gu) ?? [];
      return (speakerOf(question) ?? []).some((w) => words.includes(w));
    }
    case 'name':
      // Not any two capitalised words, which nearly every news sentence has: a name given as
      // one ("called …", "dubbed …"), in quotation marks, or coined.
      return [NAMED, COINED, QUOTED].some((pattern) =>
        [...sentence.matchAll(pattern)].some((m) => isNew(m[1] ?? m[0])),
      );
  }
}
