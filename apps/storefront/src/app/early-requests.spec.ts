import { HttpParams } from '@angular/common/http';
import { convertToParamMap } from '@angular/router';
import { EARLY_RESPONSES_KEY, type EarlyResponse } from '@callshop/web/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalogQuery, toProductQuery } from './pages/catalog/catalog-query';

/** The inline script of index.html that starts the landing page's data request. */
const html = readFileSync(join(__dirname, '../index.html'), 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
const globals = globalThis as unknown as Record<string, Record<string, EarlyResponse> | undefined>;

/** The catalog's first request as the app sends it (`ProductsApi.list` with the default query). */
function catalogFirstRequest(): string {
  const query = toProductQuery(readCatalogQuery(convertToParamMap({})));
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params = params.set(key, String(value));
  return `/api/v2/products?${params.toString()}`;
}

async function runAt(path: string, body: unknown = { items: [{ images: ['/img/lamp.svg'] }] }) {
  window.history.pushState({}, '', path);
  delete globals[EARLY_RESPONSES_KEY];
  document.head.querySelectorAll('link[rel=preload]').forEach((l) => l.remove());
  const fetchMock = jest.fn(async () => ({ ok: true, status: 200, json: async () => body }));
  (window as unknown as { fetch: unknown }).fetch = fetchMock;
  new Function(script)();
  const early = globals[EARLY_RESPONSES_KEY];
  const answer = early ? await Object.values(early)[0]?.response : undefined;
  return { fetchMock, early, answer };
}

describe('index.html early request', () => {
  afterEach(() => window.history.pushState({}, '', '/'));

  it('on the home page, asks for exactly the catalog first page the app will request, and preloads its first image', async () => {
    const { fetchMock, early, answer } = await runAt('/');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(Object.keys(early ?? {})).toEqual([catalogFirstRequest()]);
    expect(answer).toEqual({ status: 200, body: { items: [{ images: ['/img/lamp.svg'] }] } });
    const preload = document.head.querySelector<HTMLLinkElement>('link[rel=preload][as=image]');
    expect(preload?.getAttribute('href')).toBe('/img/lamp.svg');
  });

  it('on a product page, asks for that product as ProductsApi.get does', async () => {
    const { early } = await runAt('/products/p%201', { id: 'p 1', images: [] });
    expect(Object.keys(early ?? {})).toEqual([`/api/v2/products/${encodeURIComponent('p 1')}`]);
    expect(document.head.querySelector('link[rel=preload][as=image]')).toBeNull();
  });

  it('asks for nothing on other pages or a filtered catalog', async () => {
    for (const path of ['/login', '/shops/s1', '/?search=lamp', '/products/p1/extra']) {
      const { fetchMock, early } = await runAt(path);
      expect(fetchMock).not.toHaveBeenCalled();
      expect(early).toBeUndefined();
    }
  });

  it('leaves nothing to reuse when the answer is an error', async () => {
    window.history.pushState({}, '', '/products/gone');
    (window as unknown as { fetch: unknown }).fetch = jest.fn(async () => ({ ok: false, status: 404 }));
    new Function(script)();
    const early = globals[EARLY_RESPONSES_KEY];
    await expect(Object.values(early ?? {})[0]?.response).resolves.toBeNull();
  });
});
