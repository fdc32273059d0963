/**
 * The key under which two addresses of one story compare equal: the same article reached
 * over http and https, with or without "www.", with tracking parameters, a trailing slash, a
 * fragment, or as its AMP version. Used only for de-duplication; the archive keeps the URL
 * as the page states it.
 */

/** Query parameters that only track the reader (campaigns, click ids, mail tools). */
const TRACKING_PARAM =
  /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok|ocid|cmpid|__twitter_impression)$/i;
/** Query parameters that ask for the AMP rendering of the same article. */
const AMP_PARAM = /^(amp|outputtype|output)$/i;

/**
 * The de-duplication key of `address`, e.g. `example.com/news/story?id=3`; undefined when it
 * is not an http(s) URL.
 */
export function canonicalKey(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;

  // Google's AMP cache: https://example-com.cdn.ampproject.org/c/s/example.com/path
  if (url.hostname.endsWith('.cdn.ampproject.org')) {
    const match = /^\/[a-z]\/(?:s\/)?(.+)$/.exec(url.pathname);
    if (match !== null) return canonicalKey(`https://${match[1]}${url.search}`);
  }

  const host = url.hostname.toLowerCase().replace(/^(www\d?|amp)\./, '');
  let path = url.pathname;
  // /story/amp, /story/amp/, /story.amp, /story.amp.html, /amp/story
  path = path
    .replace(/\/amp\/?$/i, '/')
    .replace(/\.amp(\.html?)?$/i, '$1')
    .replace(/^\/amp\//i, '/');
  path = path.replace(/\/index\.(html?|php)$/i, '/').replace(/\/+$/, '');
  const params = [...url.searchParams.entries()]
    .filter(
      ([name, value]) =>
        !TRACKING_PARAM.test(name) && !(AMP_PARAM.test(name) && /^(1|true|amp)?$/i.test(value)),
    )
    .sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${host}${port}${path}${query}`;
}
