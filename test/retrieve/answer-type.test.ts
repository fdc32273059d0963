import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answersAsAsked,
  countsAskedFor,
  expectedAnswerType,
  holdsAnswer,
  names,
  namesAskedFor,
} from '../../src/retrieve/answer-type.js';

describe('expectedAnswerType', () => {
  it.each([
    ['When will Trump meet Putin?', 'time'],
    ['How many people were hurt?', 'quantity'],
    ['How much did the club pay?', 'money'],
    ['How much did Meet the Fockers take on Christmas Day?', 'money'],
    ['How much did US retail sales rise in December?', 'quantity'],
    ['How much time did the jury take?', 'quantity'],
    ['What fee did the club agree?', 'money'],
    ['How much did the US government want from the tobacco companies?', 'money'],
    ['How much did Rome lend the airline?', 'money'],
    ['In which year did the club last win the league?', 'year'],
    ['In what year did the war begin?', 'year'],
    ['Where will the summit be held?', 'place'],
    ['Which country left the agreement?', 'place'],
    ['Which stadium will host the final?', 'place'],
    ['Which two Kashmiri cities will the bus link?', 'place'],
    ['Who asked Vance to go?', 'person'],
    ['Which team won the cup?', 'person'],
    ['Which film won best picture?', 'person'],
    ['Which bank raised its rates?', 'person'],
    ['Which Japanese carmaker owns Maruti?', 'person'],
    ['Which law lord ruled against the appeal?', 'person'],
    ['In which film did she star?', 'person'],
    ['Which Russian ran the website?', 'person'],
    ['Which US official came to Britain?', 'person'],
    ['Which file-sharing networks are in court?', 'person'],
    ['What is the name of the gear changer Roy Tansley invented?', 'name'],
    ['What mocking name did the shadow chancellor give Gordon Brown?', 'name'],
    ['What was the codename of the FBI crackdown?', 'name'],
    ['What is the new service called?', 'name'],
    ['Why did Lula back the reform?', 'reason'],
    ['What prompted the strike?', 'reason'],
    ['What was the reason for the delay?', 'reason'],
    ['What did the city council decide?', 'statement'],
    ['What did Vance say?', 'statement'],
    ['How did Trump react to the strike?', 'statement'],
    ['What did Nike boss Philip Knight credit for the results?', 'statement'],
    ['What happened to the factory?', undefined],
    ['Russia makes concessions', undefined],
  ] as const)('GIVEN %j THEN %s', (question, type) => {
    expect(expectedAnswerType(question)).toBe(type);
  });
});

describe('holdsAnswer', () => {
  it('GIVEN a kind of answer THEN a sentence holds it only with something the question does not give', () => {
    expect(holdsAnswer('The talks will take place later this week.', 'time', 'When?')).toBe(true);
    expect(holdsAnswer('Sales rose 1.2% in December.', 'quantity', 'How much?')).toBe(true);
    expect(holdsAnswer('Broadband will grow by 2005.', 'quantity', 'How many?')).toBe(false);
    expect(holdsAnswer('The film took $19.1m on Christmas Day.', 'money', 'How much?')).toBe(true);
    expect(holdsAnswer('It will sell 253m euros of shares.', 'money', 'How much?')).toBe(true);
    expect(holdsAnswer('It sold 4m consoles.', 'money', 'How much?')).toBe(false);
    const cities = 'Which two Kashmiri cities will the bus link?';
    expect(holdsAnswer('A bus between Srinagar and Muzaffarabad.', 'place', cities)).toBe(true);
    const place = 'Where will Trump and Putin meet in Alaska?';
    expect(holdsAnswer('They will meet in Alaska.', 'place', place)).toBe(false);
    expect(holdsAnswer('They will meet in Anchorage.', 'place', place)).toBe(true);
    expect(holdsAnswer('The cup was won on Saturday.', 'person', 'Which team won the cup?')).toBe(
      false,
    );
    expect(
      holdsAnswer('Manchester United won the cup on Saturday.', 'person', 'Which team won?'),
    ).toBe(true);
  });
});

/** The patterns as they were before they were made linear, to check nothing else changed. */
const QUADRATIC_MONEY =
  /[$£€¥]\s?\d|\d(?:[\d,.]*\d)?\s?(?:m|bn|k|million|billion|thousand)?\s?(?:dollars|pounds|euros|yen|pence|p)\b|\b(?:US|A|C|HK)\$|\bcents?\b/iu;
const QUADRATIC_NAME = /(\p{Lu}[\p{L}’'.-]+)\s+(\p{Lu}[\p{L}’'-]+)/gu;

/** Text made of the pieces the patterns care about, in any order. */
const hostileText = fc
  .array(
    fc.constantFrom(
      'A',
      'Bo',
      'a',
      '.',
      ',',
      '-',
      '’',
      ' ',
      '  ',
      '\n',
      '1',
      '19',
      '$',
      'm',
      'bn',
      'p',
      'dollars',
      'US',
      'É',
      'é',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('namesAskedFor', () => {
  const band = 'Which desert blues band from Mali won the Africa category?';
  it.each([
    ['Winner in the Africa category was Malian desert blues band Tinariwen.', band, true],
    ["Senegalese musician Youssou N'Dour has been named a winner.", band, false],
    [
      'Labour MP John Cryer, whose question revealed the price, said…',
      'Which Labour MP asked?',
      true,
    ],
    ['The Labour MP asked the question.', 'Which Labour MP asked?', false],
    // The name the question already gives answers nothing.
    ['The Labour party leader spoke.', 'Which Labour party leader spoke?', false],
    ['Shares in the firm Cisco rose.', 'Which firms bought it?', true],
    ['Two parties, Labour and the Tories, agreed.', 'Which parties agreed?', true],
  ])('GIVEN %j and %j THEN %s', (sentence, question, named) => {
    expect(namesAskedFor(sentence, question)).toBe(named);
  });

  it('GIVEN a question that asks for no such noun THEN undefined', () => {
    expect(namesAskedFor('Manchester United won.', 'Who won the cup?')).toBeUndefined();
  });

  it('GIVEN a name after the noun THEN the sentence holds a person answer, even of one word', () => {
    const sentence = 'The prize went to desert blues band Tinariwen.';
    expect(holdsAnswer(sentence, 'person', band)).toBe(true);
  });
});

describe('countsAskedFor', () => {
  const visas =
    'How many visa applications a year is each entry clearance officer expected to handle?';
  const ballots = 'How many yellow postal ballot papers did police seize?';
  it.each([
    ['Every officer had an annual target of 8,000 applications.', visas, true],
    ['Staff deal with a visa application in about 11 minutes.', visas, false],
    // Up to three words may come between the number and the noun counted.
    ['Police found 275 yellow ballot papers in the warehouse.', ballots, true],
    ['Police found 275 papers.', ballots, true],
    ['Nine councillors were questioned about the papers.', ballots, false],
    ['Its cast includes forty-five children.', 'How many children are in the cast?', true],
    ['Its cast includes children from 45 schools.', 'How many children are in the cast?', false],
  ])('GIVEN %j and %j THEN %s', (sentence, question, counted) => {
    expect(countsAskedFor(sentence, question)).toBe(counted);
  });

  it('GIVEN a question that counts no noun THEN undefined', () => {
    expect(countsAskedFor('Sales rose 5%.', 'How much did sales rise?')).toBeUndefined();
    expect(countsAskedFor('Sales rose 5%.', 'How many?')).toBeUndefined();
  });

  it('GIVEN a long run of digits THEN it answers at once', () => {
    const sentence = `${'1'.repeat(200_000)} x`;
    const started = performance.now();
    expect(countsAskedFor(sentence, visas)).toBe(false);
    // Quadratic backtracking would take minutes; linear takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('answersAsAsked', () => {
  it('reads names for "which …", counts for "how many …", and nothing for other kinds', () => {
    const band = 'Which band won?';
    expect(answersAsAsked('The winner was the band Tinariwen.', 'person', band)).toBe(true);
    const count = 'How many jobs will go?';
    expect(answersAsAsked('The firm will cut 800 jobs.', 'quantity', count)).toBe(true);
    expect(answersAsAsked('The firm will cut 800 posts.', 'quantity', count)).toBe(false);
    expect(answersAsAsked('It happened on Monday.', 'time', 'When did it happen?')).toBeUndefined();
  });
});

describe('holdsAnswer: reasons', () => {
  it.each([
    [
      'Lula backed the reform, arguing that lending margins were among the highest in the world.',
      true,
    ],
    ['The decision is seen as a U-turn because Microsoft said no update was needed.', true],
    ['The Kremlin praised the choice, noting that the two countries share a border.', true],
    ['The firm changed the pills in a bid to stop smuggling.', true],
    ['Congress approved the reform on Tuesday.', false],
  ])('GIVEN %j THEN %s', (sentence, holds) => {
    expect(holdsAnswer(sentence, 'reason', 'Why?')).toBe(holds);
  });
});

describe('holdsAnswer: statements', () => {
  const question = 'What did Nike boss Philip Knight credit for the record results?';
  it.each([
    ['Mr Knight credited emerging markets such as China.', true],
    ['"It was a record quarter," Knight said.', true],
    // What the asker's speaker said, not anyone's words.
    ['"It was a record quarter," an analyst said.', false],
    ['Nike has reported its best second-quarter earnings.', false],
  ])('GIVEN %j THEN %s', (sentence, holds) => {
    expect(holdsAnswer(sentence, 'statement', question)).toBe(holds);
  });
});

describe('holdsAnswer: years', () => {
  it('GIVEN "which year" THEN only a year the question does not give answers it', () => {
    const question = 'In which year did Negroponte publish Being Digital, his 1995 bestseller?';
    expect(holdsAnswer('He published Being Digital in 1994.', 'year', question)).toBe(true);
    expect(holdsAnswer('He will publish it next week.', 'year', question)).toBe(false);
    expect(holdsAnswer('It came out in 1995.', 'year', question)).toBe(false);
    expect(holdsAnswer('It sold 12,000 copies for $2,000.', 'year', question)).toBe(false);
  });
});

describe('holdsAnswer: names of things', () => {
  const question = 'What mocking name did the shadow chancellor give Gordon Brown?';

  it('GIVEN a name given as one, quoted or coined THEN the sentence holds it', () => {
    expect(
      holdsAnswer('Oliver Letwin attacked debt, dubbing Mr Brown Sir Wastealot.', 'name', question),
    ).toBe(true);
    expect(holdsAnswer('He called him "Sir Wastealot" in reply.', 'name', question)).toBe(true);
    expect(holdsAnswer("Mr Tansley's invention, the Pro-Shift, works.", 'name', question)).toBe(
      true,
    );
  });

  it('GIVEN only capitalised words, names the question gives or apostrophes THEN it does not', () => {
    expect(holdsAnswer('Oliver Letwin spoke for the Tories in London.', 'name', question)).toBe(
      false,
    );
    expect(holdsAnswer('He called Gordon Brown a spendthrift.', 'name', question)).toBe(false);
    expect(holdsAnswer("Brown's plan and Blair's reply were debated.", 'name', question)).toBe(
      false,
    );
  });
});

describe('holdsAnswer on hostile text', () => {
  it('GIVEN any text THEN money and names are found exactly as by the original patterns', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(holdsAnswer(text, 'money', 'How much?')).toBe(QUADRATIC_MONEY.test(text));
        expect(names(text)).toEqual([...text.matchAll(QUADRATIC_NAME)].map((m) => [m[1], m[2]]));
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN a sentence that is one 300,000-character word THEN every kind is checked in linear time', () => {
    // The patterns tried from every character took minutes on these (80 s per question at
    // 200,000 digits); linear, they take milliseconds. 5 s leaves room for any machine.
    for (const word of [
      '1'.repeat(300_000),
      'A'.repeat(300_000),
      'A.'.repeat(150_000),
      'a'.repeat(300_000),
      `called ${'Ab '.repeat(100_000)}`,
    ]) {
      const started = performance.now();
      for (const type of [
        'year',
        'time',
        'quantity',
        'money',
        'place',
        'person',
        'name',
      ] as const) {
        holdsAnswer(word, type, 'Who paid how much?');
      }
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});
