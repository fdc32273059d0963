import type { Country } from 'world-countries';
import { describe, expect, it } from 'vitest';
import { buildForms, sameCountryTerms } from '../../src/retrieve/place-names.js';
import { lexicalTerms } from '../../src/store/lexical-index.js';

const term = (word: string) => lexicalTerms(word)[0]!;
const forms = (word: string) => [...(sameCountryTerms(term(word)) ?? [])].sort();

describe('sameCountryTerms (world-countries data)', () => {
  it('links a country, its adjective and its other one-word names', () => {
    expect(forms('Spanish')).toEqual([term('Spain')]);
    expect(forms('British')).toEqual([term('Britain'), term('UK')].sort());
    expect(forms('Dutch')).toContain(term('Holland'));
    expect(forms('American')).toEqual([term('America')]);
  });

  it('leaves out capitals, and the words of a name that name other things too', () => {
    expect(sameCountryTerms(term('Paris'))).toBeUndefined();
    expect(forms('French')).not.toContain(term('Paris'));
    expect(sameCountryTerms(term('South'))).toBeUndefined();
  });
});

describe('buildForms', () => {
  const country = (fields: Partial<Country> & Pick<Country, 'name'>): Country =>
    ({
      cca2: 'XX',
      cca3: 'XXX',
      capital: [],
      altSpellings: [],
      independent: true,
      unMember: true,
      demonyms: { eng: { f: '', m: '' } },
      ...fields,
    }) as unknown as Country;

  it('takes a territory out: it shares its state adjective', () => {
    const map = buildForms([
      country({
        name: { common: 'Ruritania', official: 'Kingdom of Ruritania', native: {} },
        demonyms: { eng: { f: 'Ruritanian', m: 'Ruritanian' } },
        altSpellings: ['XX', 'Kingdom of Ruritania'],
      }),
      country({
        name: { common: 'Ruritanian Isles', official: 'Ruritanian Isles', native: {} },
        demonyms: { eng: { f: 'Ruritanian', m: 'Ruritanian' } },
        altSpellings: ['Isleland'],
        independent: false,
        unMember: false,
      }),
    ]);
    expect([...map.get(term('Ruritanian'))!]).toEqual([term('Ruritania')]);
    expect(map.has(term('Isleland'))).toBe(false);
    // The ISO code is not a name ("IT" is a word too).
    expect(map.has(term('XX'))).toBe(false);
  });
});
