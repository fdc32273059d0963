import { ButtonStyle, ComponentType } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pagerRow } from '../../src/discord/pager-row.js';

const look = { nextLabel: 'More ▶', nextStyle: ButtonStyle.Primary } as const;
const id = (page: number) => `p:${page}`;

describe('pagerRow', () => {
  it('GIVEN one page (or none) THEN no buttons', () => {
    expect(pagerRow(0, 1, id, look)).toEqual([]);
    expect(pagerRow(0, 0, id, look)).toEqual([]);
  });

  it('GIVEN the first of three pages THEN Previous is disabled and next leads to page 2', () => {
    const [row] = pagerRow(0, 3, id, look);
    expect(row?.type).toBe(ComponentType.ActionRow);
    expect(
      row?.components.map((b) => [
        'label' in b && b.label,
        'custom_id' in b && b.custom_id,
        b.disabled,
      ]),
    ).toEqual([
      ['◀ Previous', 'p:0', true],
      ['More ▶', 'p:1', false],
    ]);
  });

  it('PROPERTY: buttons lead to existing pages, and only the ends are disabled', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.nat(60), (pageCount, raw) => {
        const page = raw % pageCount;
        const [row] = pagerRow(page, pageCount, id, look);
        const [previous, next] = row!.components;
        for (const button of [previous!, next!]) {
          const target = Number(('custom_id' in button ? button.custom_id : '').slice(2));
          expect(target).toBeGreaterThanOrEqual(0);
          expect(target).toBeLessThan(pageCount);
        }
        expect(previous!.disabled).toBe(page === 0);
        expect(next!.disabled).toBe(page === pageCount - 1);
      }),
    );
  });
});
