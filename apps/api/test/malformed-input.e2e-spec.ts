import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { createShop, type TestShop } from './support/call-clients';
import { rawRequest } from './support/raw-http';

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Input no route can read, sent byte for byte as a hostile client would: each is answered
 * with a 4xx in the one error shape, naming the problem, and nothing is stored.
 */
describe('malformed input at the edge (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let shop: TestShop;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'malformed_input' });
    shop = await createShop(env);
  });
  afterAll(() => env.close());

  const product = (body: string | Buffer) => ({
    method: 'POST',
    path: '/api/v2/products',
    headers: { ...JSON_TYPE, authorization: shop.owner.auth },
    body,
  });
  const login = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE) => ({
    method: 'POST',
    path: '/api/v2/auth/login',
    headers,
    body,
  });

  const cases: [string, () => Parameters<typeof rawRequest>[1], number, RegExp][] = [
    [
      'malformed percent-encoding in a path',
      () => ({ path: '/api/v2/products/%E0%A4%A' }),
      400,
      /path is not valid percent-encoded UTF-8/,
    ],
    ['a lone % in a path', () => ({ path: '/api/v2/shops/%' }), 400, /path is not valid/],
    [
      'malformed percent-encoding in a query',
      () => ({ path: '/api/v2/products?search=%E0%A4%A' }),
      400,
      /query string is not valid/,
    ],
    [
      'invalid UTF-8 in a query',
      () => ({ path: '/api/v2/products?search=%FF%FE' }),
      400,
      /query string is not valid/,
    ],
    [
      'an encoded lone surrogate in a query',
      () => ({ path: '/api/v2/products?search=%ED%A0%80' }),
      400,
      /query string is not valid/,
    ],
    [
      'a query parameter given twice',
      () => ({ path: '/api/v2/products?search=a&search=b' }),
      400,
      /search must be a string/,
    ],
    [
      'a page number given twice',
      () => ({ path: '/api/v2/products?limit=1&limit=2' }),
      400,
      /limit must be a whole number/,
    ],
    [
      'a hexadecimal page number',
      () => ({ path: '/api/v2/products?page=0x10' }),
      400,
      /page must be a whole number/,
    ],
    [
      'a page limit beyond any integer',
      () => ({ path: '/api/v2/products?limit=99999999999999999999' }),
      400,
      /limit must/,
    ],
    [
      'a lone surrogate in a JSON string',
      () => product('{"name":"\\ud800","description":"x","price":1,"stock":1}'),
      400,
      /name must be valid Unicode text/,
    ],
    [
      'invalid UTF-8 bytes in a body',
      () =>
        product(
          Buffer.concat([
            Buffer.from('{"name":"'),
            Buffer.from([0xff, 0xfe, 0xc3]),
            Buffer.from('","description":"x","price":1,"stock":1}'),
          ]),
        ),
      400,
      /body is not valid UTF-8/,
    ],
    [
      'a price beyond numeric precision',
      () => product('{"name":"n","description":"x","price":1e400,"stock":1}'),
      400,
      /price must not be greater than/,
    ],
    [
      'integers beyond 2^31 for int columns',
      () => product('{"name":"n","description":"x","price":9007199254740993,"stock":3000000000}'),
      400,
      /stock must not be greater than/,
    ],
    [
      '20,000 nested arrays',
      () => login(`{"email":${'['.repeat(20000)}${']'.repeat(20000)}}`),
      400,
      /nested too deeply/,
    ],
    [
      '3,000 nested objects',
      () => login(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
      400,
      /nested too deeply/,
    ],
    [
      'a body over the size limit',
      () => login(JSON.stringify({ email: 'x'.repeat(70 * 1024) })),
      413,
      /too large/,
    ],
    [
      'a plain-text body',
      () => login('hello', { 'content-type': 'text/plain' }),
      415,
      /Send the body as JSON/,
    ],
    [
      'a form body',
      () => login('email=a&email=b', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      /Send the body as JSON/,
    ],
    [
      'a multipart body',
      () => login('--x\r\n', { 'content-type': 'multipart/form-data; boundary=x' }),
      415,
      /Send the body as JSON/,
    ],
    ['a body with no content type', () => login('{}', {}), 415, /Send the body as JSON/],
    ['an empty JSON body', () => login(''), 400, /email must be a valid email address/],
    ['a JSON array for an object', () => login('[1,2]'), 400, /body must be a JSON object/],
    ['JSON null', () => login('null'), 400, /not valid JSON/],
    ['truncated JSON', () => login('{"email":'), 400, /JSON/],
    [
      'an unknown charset',
      () => login('{}', { 'content-type': 'application/json; charset=latin-9' }),
      415,
      /unsupported charset/,
    ],
    [
      'a body that claims gzip but is not',
      () => login('notgzip', { ...JSON_TYPE, 'content-encoding': 'gzip' }),
      400,
      /Bad Request/,
    ],
  ];

  it.each(cases)('%s: %d', async (_name, req, status, message) => {
    const res = await rawRequest(env.url, req());
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      statusCode: status,
      error: expect.any(String),
      message: expect.stringMatching(message),
    });
  });

  it('stored nothing from any of them, and still serves ordinary requests', async () => {
    const page = await env.http().get(`/api/v2/products?shopId=${shop.shopId}&page=1&limit=10`).expect(200);
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([shop.product.id]);
  });
});
