/** A run of a chat message: plain text, or a link that is safe to open. */
export type ChatSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Something that looks like a web address; checked with `URL` before it becomes a link. */
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.com/a."). */
const TRAILING = /[.,;:!?'"*)\]}>]+$/;

/** The address as a link target, or null unless it is a well-formed http(s) URL with a host. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  return url.href;
}

/**
 * Splits a chat message into text and links, for a template to render as text nodes and
 * anchors (never as HTML): only `http:` and `https:` addresses become links, so `javascript:`,
 * `data:` or markup in the text stay text. A closing bracket is kept when the address opened one
 * (`https://en.wikipedia.org/wiki/Tea_(drink)`).
 */
export function chatSegments(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let at = 0;
  const push = (t: string) => {
    if (!t) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += t;
    else segments.push({ kind: 'text', text: t });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    let address = match[0];
    const trailing = address.match(TRAILING)?.[0] ?? '';
    address = address.slice(0, address.length - trailing.length);
    let rest = trailing;
    // "(see https://x.org/a_(b))": give back the ")" the address opened.
    while (rest.startsWith(')') && count(address, '(') > count(address, ')')) {
      address += ')';
      rest = rest.slice(1);
    }
    const href = safeHref(address);
    push(text.slice(at, match.index));
    if (href) segments.push({ kind: 'link', text: address, href });
    else push(address);
    push(rest);
    at = match.index + match[0].length;
  }
  push(text.slice(at));
  return segments;
}

const count = (s: string, c: string) => s.split(c).length - 1;
