import type { FeedItem } from './parse-feed.js';
import { withoutSiteName } from './headline.js';
import type { PageMetadata } from './page-metadata.js';
import { sanitiseDate, sanitiseUrl } from './sanitise.js';

/** Where an article's fields may come from: what the page and the feed state. */
export interface FieldSources {
  /** The page's metadata; absent when the page could not be read. */
  readonly page?: PageMetadata;
  /** The feed item the page was found through. */
  readonly item?: FeedItem;
  /** The feed's own title. */
  readonly feedTitle?: string;
  /** The outlet name given in the feeds file. */
  readonly outlet?: string;
  /** The address the page was finally fetched from (after redirects). */
  readonly finalUrl?: string;
}

export interface ArticleFields {
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly url?: string;
  readonly author?: string;
}

/**
 * The article's fields in the order of trust the issue fixes: the page's JSON-LD, then its
 * OpenGraph/`article:` meta tags, then its canonical link (for the URL), then the feed item,
 * then the feed itself (for the outlet). An outlet named in the feeds file wins over all: the
 * user chose it. For a date or a URL the first *usable* value wins, so a JSON-LD date in a
 * form nobody can read falls through to the meta tag instead of to nothing. A field no
 * source states stays absent. Pure.
 */
export function chooseFields(sources: FieldSources): ArticleFields {
  const { page, item } = sources;
  const jsonLd = page?.jsonLd ?? {};
  const meta = page?.meta ?? {};
  const outlet =
    sources.outlet ?? jsonLd.outlet ?? meta.outlet ?? sources.feedTitle ?? page?.siteName;
  const stated = jsonLd.title ?? meta.title ?? item?.title ?? page?.documentTitle;
  const fields = {
    // "Headline | Outlet" in og:title or <title>: the outlet has a field of its own.
    title:
      stated === undefined
        ? undefined
        : withoutSiteName(stated, {
            siteNames: [
              sources.outlet,
              jsonLd.outlet,
              meta.outlet,
              sources.feedTitle,
              page?.siteName,
            ],
            headlines: [
              ...(page?.headlines ?? []),
              ...(item?.title === undefined ? [] : [item.title]),
            ],
          }),
    outlet,
    published: [jsonLd.published, meta.published, item?.published].find(
      (value) => sanitiseDate(value) !== undefined,
    ),
    url: [page?.canonical, meta.url, jsonLd.url, item?.link, sources.finalUrl].find(
      (value) => sanitiseUrl(value) !== undefined,
    ),
    author: jsonLd.author ?? meta.author ?? item?.author,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as ArticleFields;
}
