import { describe, expect, it } from 'vitest';
import { DISTINCTIVE_NAME_SHARE, measureEvidence } from '../../src/retrieve/gate-evidence.js';
import {
  ABSENT_NAMES_DECLINE,
  judge,
  OPEN_GATE,
  type GateEvidence,
  type GateModel,
} from '../../src/retrieve/gate.js';
import { weighQueryTerms, type TermStats } from '../../src/retrieve/term-overlap.js';

/** Lower-cased words as terms; a coverage of 1,000 passages that knows these names. */
const stats: TermStats = {
  terms: (text) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [],
  documentFrequency: (term) =>
    (
      ({
        britain: 400,
        tokyo: 3,
        athens: 5,
        olympics: 20,
        gold: 30,
        medals: 25,
        ni: 4,
        scott: 6,
        spanish: 5,
        munster: 4,
        madrid: 8,
      }) as Record<string, number>
    )[term] ?? 0,
  variants: () => [],
  documentCount: 1000,
};

const passage = (text: string, article?: string) => ({
  sentences: [text],
  similarity: 0.5,
  ...(article === undefined ? {} : { article: () => article }),
});

const absent = (question: string, head: ReturnType<typeof passage>[]) =>
  measureEvidence(stats, weighQueryTerms(stats, question), head, []).absentNames;

const tokyo = 'How many gold medals did Britain win at the Tokyo Olympics?';

describe('measureEvidence: distinctive names the coverage knows but the best passages lack', () => {
  const athens = passage('Britain won nine gold medals at the Athens Olympics.');

  it('GIVEN a distinctive name that none of the passages holds THEN it is counted', () => {
    expect(stats.documentFrequency('tokyo')).toBeLessThanOrEqual(DISTINCTIVE_NAME_SHARE * 1000);
    expect(absent(tokyo, [athens])).toBe(1);
  });

  it('GIVEN the name in some passage, or elsewhere in its article THEN nothing is absent', () => {
    expect(absent(tokyo, [athens, passage('Tokyo bid for the Olympics.')])).toBe(0);
    expect(
      absent(tokyo, [passage('Britain won nine gold medals.', 'Tokyo Olympics: medals')]),
    ).toBe(0);
  });

  it('GIVEN a year the coverage never mentions, or one the passages and their articles lack THEN it is counted', () => {
    const known: TermStats = {
      ...stats,
      documentFrequency: (t) => (t === '2004' ? 300 : stats.documentFrequency(t)),
    };
    const ask = (question: string, head = [athens]) =>
      measureEvidence(known, weighQueryTerms(known, question), head, []).absentNames;
    expect(ask('How many gold medals did Britain win at the Olympics in 2023?')).toBe(1);
    // 2004 is in 30% of the passages, but not in these: a common year counts as a name does.
    expect(ask('How many gold medals did Britain win at the Olympics in 2004?')).toBe(1);
    expect(
      ask('How many gold medals did Britain win at the Olympics in 2004?', [
        passage('Britain won nine gold medals at the Athens Olympics in 2004.'),
      ]),
    ).toBe(0);
    expect(
      ask('How many gold medals did Britain win at the Olympics in 2004?', [
        passage('Britain won nine gold medals.', 'Athens 2004: the medal table'),
      ]),
    ).toBe(0);
  });

  it('GIVEN a common name, an unknown one or an abbreviation THEN it is not counted', () => {
    // Britain is in 40% of the passages: an article may well write "UK" instead.
    expect(absent(tokyo, [passage('UK athletes won gold at the Tokyo Olympics.')])).toBe(0);
    expect(absent('Did Britain win gold in Paris?', [athens])).toBe(0);
    expect(
      absent('Former NI minister Scott dies', [passage('Scott, a Belfast minister, died.')]),
    ).toBe(0);
  });
});

describe('measureEvidence: a country named in another of its forms', () => {
  const question = 'In which Spanish city will Munster play?';

  it('GIVEN "Spanish" asked and "Spain" written THEN the name is not absent', () => {
    expect(absent(question, [passage('Munster will play in San Sebastian, Spain.')])).toBe(0);
    expect(absent(question, [passage('Munster will play away.', 'The tie moves to Spain.')])).toBe(
      0,
    );
  });

  it('GIVEN no form of the country THEN it is absent; a capital is no form of its country', () => {
    expect(absent(question, [passage('Munster will play in San Sebastian.')])).toBe(1);
    expect(
      absent('Which city beat Madrid to the Olympics?', [passage('Spain lost the Olympics.')]),
    ).toBe(1);
  });
});

describe('judge', () => {
  const evidence: GateEvidence = {
    similarity: 1,
    termCoverage: 1,
    matchedMass: 1,
    sentenceMass: 1,
    lexicalStrength: 1,
    lexicalGap: 1,
    unknownShare: 0,
    unknownNameShare: 0,
    absentNames: 0,
  };
  const withRule: GateModel = {
    ...OPEN_GATE,
    modelId: 'fitted',
    absentNamesAt: ABSENT_NAMES_DECLINE,
  };

  it('GIVEN a distinctive name absent THEN declined whatever the score, by a gate calibrated to; not by one without the rule', () => {
    expect(judge(evidence, withRule)).toBe('confident');
    expect(judge({ ...evidence, absentNames: ABSENT_NAMES_DECLINE }, withRule)).toBe('declined');
    expect(judge({ ...evidence, absentNames: 2 }, OPEN_GATE)).toBe('confident');
  });
});
