import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { lexicalTerms } from '../store/lexical-index.js';

/**
 * The forms one country takes in news writing: its name, its people's adjective and its other
 * names ("Spain", "Spanish"; "UK", "Britain", "British"; "Netherlands", "Holland", "Dutch").
 * A question and an article often name the same country in different forms: "the Spanish
 * city" asked of a report that writes "in Spain". Capitals are left out: "Paris" in a
 * question about the 2012 Olympic vote is not named by a report on France. From the
 * world-countries data (mledoze/countries), loaded on first use.
 */

/** Analysed term → the analysed terms of the other forms of the same country (or countries). */
let forms: Map<string, Set<string>> | undefined;

/** The other forms of a place term (analysed as the lexical index analyses), if it is one. */
export function sameCountryTerms(term: string): ReadonlySet<string> | undefined {
  forms ??= buildForms(loadCountries());
  return forms.get(term);
}

function loadCountries(): readonly Country[] {
  // The package's ES module imports its JSON without an import attribute, which Node refuses;
  // the JSON itself is its documented data file.
  return createRequire(import.meta.url)('world-countries/countries.json') as Country[];
}

/** Builds the term map from country records (exported for tests with a small sample). */
export function buildForms(countries: readonly Country[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  // Territories share their state's adjective ("American" Samoa): states only.
  for (const country of countries.filter((c) => c.independent || c.unMember)) {
    const terms = new Set<string>();
    for (const form of countryForms(country)) {
      const analysed = lexicalTerms(form).filter((term) => !DESIGNATORS.has(term));
      // One word besides the designators: "Great Britain" is Britain, "United States of
      // America" America; the words of "New Delhi" or "South Africa" name other things too.
      if (analysed.length === 1) terms.add(analysed[0]!);
    }
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return map;
}

/** Words that make a name formal without naming the place ("Kingdom of Spain"), analysed. */
const DESIGNATORS = new Set(
  [
    'united',
    'great',
    'kingdom',
    'republic',
    'state',
    'states',
    'federation',
    'federal',
    'democratic',
    'people',
    'islamic',
    'commonwealth',
    'union',
    'principality',
    'grand',
    'duchy',
  ].flatMap((word) => lexicalTerms(word)),
);

function countryForms(country: Country): string[] {
  const demonyms = country.demonyms?.eng;
  const codes = new Set([country.cca2, country.cca3]);
  return [
    country.name.common,
    ...(demonyms === undefined ? [] : [demonyms.m, demonyms.f]),
    // Other names, but not the ISO codes ("IT", "ES" are words too); "UK", "USA" are kept.
    ...country.altSpellings.filter((name) => !codes.has(name)),
  ].filter((form) => form.trim() !== '');
}
