import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';

/** How a pager looks: the label and style of its forward button ("More ▶", "Next ▶"). */
export interface PagerLook {
  readonly nextLabel: string;
  readonly nextStyle: ButtonStyle.Primary | ButtonStyle.Secondary;
}

/**
 * The "◀ Previous" / next buttons under a paged reply (answers' "More", `/sources`), or no
 * row at all for a single page. Each button's customId names the page it shows, clamped to
 * the pages that exist; a button that would lead nowhere is disabled.
 */
export function pagerRow(
  page: number,
  pageCount: number,
  buttonId: (page: number) => string,
  look: PagerLook,
): APIActionRowComponent<APIButtonComponent>[] {
  if (pageCount <= 1) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: '◀ Previous',
          custom_id: buttonId(Math.max(0, page - 1)),
          disabled: page <= 0,
        },
        {
          type: ComponentType.Button,
          style: look.nextStyle,
          label: look.nextLabel,
          custom_id: buttonId(Math.min(pageCount - 1, page + 1)),
          disabled: page >= pageCount - 1,
        },
      ],
    },
  ];
}
