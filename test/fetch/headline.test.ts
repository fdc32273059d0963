import { describe, expect, it } from 'vitest';
import { withoutSiteName } from '../../src/fetch/headline.js';

describe('withoutSiteName', () => {
  const site = { siteNames: ['Ashcombe Courier'], headlines: [] };

  it('GIVEN "Headline | Outlet" or "Outlet - Headline" THEN the headline alone', () => {
    expect(withoutSiteName('Library reopens with longer hours | Ashcombe Courier', site)).toBe(
      'Library reopens with longer hours',
    );
    expect(withoutSiteName('Ashcombe Courier – Library reopens', site)).toBe('Library reopens');
  });

  it('GIVEN a title whose parts are not the outlet THEN it is kept whole', () => {
    expect(withoutSiteName('Man, 45, charged - police', site)).toBe('Man, 45, charged - police');
    expect(withoutSiteName('LIVE: A38 closed', site)).toBe('LIVE: A38 closed');
  });

  it('GIVEN "Site :: Section :: Headline" and the headline stated apart THEN that headline', () => {
    const title = 'Ashcombe Courier :: News :: Planning committee backs 140 homes at Orchard Farm';
    expect(
      withoutSiteName(title, {
        siteNames: [],
        headlines: ['Planning committee backs 140 homes at Orchard Farm'],
      }),
    ).toBe('Planning committee backs 140 homes at Orchard Farm');
  });

  it('GIVEN an <h1> that is the site logo THEN it never becomes the title', () => {
    const title = 'Ashcombe Courier :: Fire at Millfield';
    expect(withoutSiteName(title, { siteNames: [], headlines: ['Ashcombe Courier'] })).toBe(title);
    expect(
      withoutSiteName(title, { siteNames: ['Ashcombe Courier'], headlines: ['Ashcombe Courier'] }),
    ).toBe('Fire at Millfield');
  });

  it('GIVEN a headline with a spaced dash that the page states whole THEN it is kept whole', () => {
    const headline = 'Bypass reopens - but resurfacing to follow';
    expect(
      withoutSiteName(`${headline} | Ashcombe Courier`, {
        siteNames: ['Ashcombe Courier'],
        headlines: [headline],
      }),
    ).toBe(headline);
  });
});
