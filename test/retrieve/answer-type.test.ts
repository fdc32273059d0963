import { describe, expect, it } from 'vitest';
import { expectedAnswerType, holdsAnswer } from '../../src/retrieve/answer-type.js';

describe('expectedAnswerType', () => {
  it.each([
    ['When will Trump meet Putin?', 'time'],
    ['In what year did the war begin?', 'time'],
    ['How many people were hurt?', 'quantity'],
    ['How much did the club pay?', 'money'],
    ['How much did Meet the Fockers take on Christmas Day?', 'money'],
    ['How much did US retail sales rise in December?', 'quantity'],
    ['How much time did the jury take?', 'quantity'],
    ['What fee did the club agree?', 'money'],
    ['Where will the summit be held?', 'place'],
    ['Which country left the agreement?', 'place'],
    ['Which stadium will host the final?', 'place'],
    ['Which two Kashmiri cities will the bus link?', 'place'],
    ['Who asked Vance to go?', 'person'],
    ['Which team won the cup?', 'person'],
    ['Which film won best picture?', 'person'],
    ['Which bank raised its rates?', 'person'],
    ['Which US official came to Britain?', 'person'],
    ['Which file-sharing networks are in court?', 'person'],
    ['What did the city council decide?', undefined],
    ['What did Vance say?', undefined],
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
