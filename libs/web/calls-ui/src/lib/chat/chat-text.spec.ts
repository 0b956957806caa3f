import { chatSegments, safeHref } from './chat-text';

describe('chatSegments (links in chat messages)', () => {
  it('keeps plain text as one text segment', () => {
    expect(chatSegments('Hello there')).toEqual([{ kind: 'text', text: 'Hello there' }]);
    expect(chatSegments('')).toEqual([]);
  });

  it('makes http and https addresses links and leaves sentence punctuation outside', () => {
    expect(chatSegments('See https://example.com/spec?x=1&y=2#top. Or http://shop.test/a, ok?')).toEqual([
      { kind: 'text', text: 'See ' },
      {
        kind: 'link',
        text: 'https://example.com/spec?x=1&y=2#top',
        href: 'https://example.com/spec?x=1&y=2#top',
      },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'http://shop.test/a', href: 'http://shop.test/a' },
      { kind: 'text', text: ', ok?' },
    ]);
  });

  it('keeps a closing bracket that belongs to the address, not one that closes the sentence', () => {
    expect(chatSegments('(read https://en.wikipedia.org/wiki/Tea_(drink))')).toEqual([
      { kind: 'text', text: '(read ' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Tea_(drink)',
        href: 'https://en.wikipedia.org/wiki/Tea_(drink)',
      },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never links javascript:, data:, vbscript: or file: addresses, however they are written', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'click javascript://example.com/%0Aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'java\tscript:alert(1)',
    ]) {
      expect(chatSegments(text).filter((s) => s.kind === 'link')).toEqual([]);
      expect(
        chatSegments(text)
          .map((s) => s.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('keeps HTML as text: the markup is a text segment, and never part of a link', () => {
    const text = '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">https://evil.test</a>';
    const segments = chatSegments(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://evil.test', href: 'https://evil.test/' },
    ]);
    expect(segments[0]).toEqual({
      kind: 'text',
      text: '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">',
    });
  });

  it('does not link an address without a host, and keeps the text as written', () => {
    expect(chatSegments('https:// nothing')).toEqual([{ kind: 'text', text: 'https:// nothing' }]);
    expect(chatSegments('http://')).toEqual([{ kind: 'text', text: 'http://' }]);
  });

  it('safeHref accepts only http(s) URLs with a host', () => {
    expect(safeHref('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//example.com')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
