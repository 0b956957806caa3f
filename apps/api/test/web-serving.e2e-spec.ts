import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';

/**
 * How the API serves the built web apps and what crawlers read: compressed responses,
 * immutable caching for content-hashed files only, robots.txt and a sitemap of products.
 */
describe('serving the web apps (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  const bundle = `console.log(${JSON.stringify('x'.repeat(5000))});`;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'callshop-web-'));
    const browser = join(dist, 'storefront', 'browser');
    mkdirSync(browser, { recursive: true });
    writeFileSync(
      join(browser, 'index.html'),
      '<!doctype html><title>Callshop</title><script src="main-AB12_x-Z.js"></script>',
    );
    writeFileSync(join(browser, 'main-AB12_x-Z.js'), bundle);
    writeFileSync(join(browser, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    env = await createTestEnvironment({
      label: 'web_serving',
      env: { WEB_DIST_DIR: dist, PUBLIC_URL: 'https://shop.example' },
    });
  });
  afterAll(() => env.close());

  it('compresses scripts and JSON for clients that accept it', async () => {
    const br = await env.http().get('/main-AB12_x-Z.js').set('Accept-Encoding', 'br').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    const gzip = await env.http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await env.http().get('/main-AB12_x-Z.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(bundle);
  });

  it('caches content-hashed files for a year, and makes browsers check index.html and other files', async () => {
    const hashed = await env.http().get('/main-AB12_x-Z.js').expect(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/favicon.svg']) {
      const res = await env.http().get(path).expect(200);
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-cache']);
    }
    // A deep link gets the app, never a stale one.
    const deep = await env.http().get('/products/123').expect(200);
    expect(deep.text).toContain('<title>Callshop</title>');
    expect(deep.headers['cache-control']).toMatch(/no-cache|max-age=0/);
  });

  it('answers robots.txt and a sitemap with every product page, not the app', async () => {
    const robots = await env.http().get('/robots.txt').expect(200);
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    expect(robots.text).toContain('Disallow: /seller/');
    expect(robots.text).toContain('Sitemap: https://shop.example/sitemap.xml');

    const seller = await env.registerSeller();
    const product = await env
      .http()
      .post('/api/v2/products')
      .set('Authorization', seller.auth)
      .send({ name: 'Desk <Lamp> & Co', description: 'Bright', price: 4999, stock: 3 })
      .expect(201);
    const sitemap = await env.http().get('/sitemap.xml').expect(200);
    expect(sitemap.headers['content-type']).toMatch(/^application\/xml/);
    expect(sitemap.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(sitemap.text).toContain(`<loc>https://shop.example/products/${product.body.id}</loc>`);
    expect(sitemap.text).toContain(`<loc>https://shop.example/shops/${seller.user.shopId}</loc>`);
    expect(sitemap.text).not.toContain('<Lamp>');
  });
});
