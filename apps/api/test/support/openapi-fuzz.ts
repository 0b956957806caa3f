import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  security?: object[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One route of the document, with arbitraries for its path, query and body. */
export interface FuzzRoute {
  method: string;
  template: string;
  request: fc.Arbitrary<{ path: string; body?: string | Buffer; contentType?: string }>;
}

/** Strings and numbers that have broken servers: encodings, sizes, ranges, injections. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  'a'.repeat(300),
  'x'.repeat(5000),
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'pair \ud83c\udfa7 and lone \udc00',
  '💥🎧',
  'Zoë',
  '%E0%A4%A',
  '%',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  '1e400',
  '-1',
  '0x10',
  'NaN',
  'Infinity',
  '9007199254740993',
  '2147483648',
  '-2147483649',
  '2026-02-30T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
export const HOSTILE_NUMBERS = [
  -1,
  0,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
];

/** A value of any JSON type, hostile ones often, nesting a little. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Raw bodies a JSON parser must survive, with the content type they claim. */
const rawBodies: fc.Arbitrary<{ body: string | Buffer; contentType?: string }> = fc.oneof(
  fc.constantFrom(
    { body: '' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"text"', contentType: 'application/json' },
    { body: '{"a":', contentType: 'application/json' },
    { body: '{"s":"\\ud800"}', contentType: 'application/json' },
    { body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, contentType: 'application/json' },
    {
      body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      contentType: 'application/json',
    },
    { body: 'a=1&a=2', contentType: 'application/x-www-form-urlencoded' },
    { body: 'plain', contentType: 'text/plain' },
    { body: '{}', contentType: 'application/json; charset=utf-16' },
    { body: '<xml/>', contentType: 'application/xml' },
  ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((body) => ({ body, contentType: 'application/json' })),
);

/** A generated value as query or path text (objects without a prototype have no toString). */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));

/** How a path segment or query value is put on the wire: encoded, or with broken escapes. */
function onWire(text: string, broken: number): string {
  const encoded = encodeURIComponent(text.replace(/[\ud800-\udfff]/g, 'x'));
  return ['', '%', '%E0%A4%A', '%FF', '%ED%A0%80', '%00'][broken] + encoded;
}

export class OpenApiFuzzer {
  constructor(
    private readonly doc: OpenApiDocument,
    /** Ids that exist in the database (a product, a shop, a call...), so requests reach real rows. */
    private readonly knownIds: string[],
  ) {}

  private resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i++)
      s = this.doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {};
    if (s.allOf?.length) return this.resolve(s.allOf[0]);
    return s;
  }

  /** A value that fits `schema` (often a boundary), or one of any type. */
  value(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const fitting = ((): fc.Arbitrary<unknown> => {
      if (s.enum?.length) return fc.constantFrom(...s.enum);
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...this.knownIds), fc.uuid());
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      switch (s.type) {
        case 'integer':
        case 'number': {
          const bounds = [s.minimum, s.maximum].filter((n): n is number => n !== undefined);
          const inside = fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1_000_000 });
          return bounds.length
            ? fc.oneof(inside, fc.constantFrom(...bounds.flatMap((b) => [b, b - 1, b + 1])))
            : inside;
        }
        case 'boolean':
          return fc.boolean();
        case 'array':
          return depth > 3 ? fc.constant([]) : fc.array(this.value(s.items, depth + 1), { maxLength: 4 });
        case 'object':
          return depth > 3 ? fc.constant({}) : this.object(s, depth + 1);
        default:
          return fc.string({ maxLength: s.maxLength ?? 60 });
      }
    })();
    return fc.oneof({ weight: 3, arbitrary: fitting }, { weight: 1, arbitrary: anyValue });
  }

  /** An object with each known property present or not, sometimes an extra key. */
  object(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const props = Object.entries(this.resolve(schema).properties ?? {});
    const known = fc.record(Object.fromEntries(props.map(([k, v]) => [k, this.value(v, depth)])), {
      requiredKeys: [],
    });
    const extra = fc.option(
      fc.tuple(
        fc.oneof(fc.constantFrom('isAdmin', 'role', 'id', 'shopId'), fc.string({ maxLength: 10 })),
        anyValue,
      ),
      { freq: 5 },
    );
    return fc.tuple(known, extra).map(([obj, more]) => (more ? { ...obj, [more[0]]: more[1] } : obj));
  }

  /** Every operation of the document as a route to fuzz. */
  routes(): FuzzRoute[] {
    const routes: FuzzRoute[] = [];
    for (const [template, ops] of Object.entries(this.doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        routes.push({ method: method.toUpperCase(), template, request: this.request(template, op) });
      }
    }
    return routes;
  }

  private request(template: string, op: Operation): FuzzRoute['request'] {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const segment = (p: Parameter) =>
      fc.tuple(
        fc.oneof(this.value(p.schema), fc.constantFrom(...HOSTILE_STRINGS)).map(asText),
        fc.nat({ max: 12 }).map((n) => (n < 6 ? n : 0)),
      );
    const path = fc
      .tuple(...pathParams.map(segment))
      .map((values) =>
        pathParams.reduce(
          (t, p, i) => t.replace(`{${p.name}}`, onWire(values[i][0], values[i][1])),
          template,
        ),
      );
    const queryPart = (p: Parameter) =>
      fc
        .oneof(
          { weight: 2, arbitrary: fc.constant([] as string[]) },
          { weight: 3, arbitrary: this.value(p.schema).map((v) => [asText(v)]) },
          {
            weight: 1,
            arbitrary: fc.array(fc.constantFrom(...HOSTILE_STRINGS), { minLength: 1, maxLength: 3 }),
          },
        )
        .map((vs) => ({ name: p.name, vs }));
    const query = fc
      .tuple(
        fc.tuple(...queryParams.map(queryPart)),
        fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { freq: 5 }),
        fc.nat({ max: 20 }).map((n) => (n < 6 ? n : 0)),
      )
      .map(([parts, extra, broken]) => {
        const pairs = parts.flatMap(({ name, vs }) => vs.map((v) => `${name}=${onWire(v, broken)}`));
        if (extra) pairs.push(`${onWire(extra[0], 0)}[x]=${onWire(extra[1], 0)}`);
        return pairs.length ? `?${pairs.join('&')}` : '';
      });
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const body = schema
      ? fc.oneof(
          {
            weight: 4,
            arbitrary: this.object(schema).map((o) => ({
              body: JSON.stringify(o),
              contentType: 'application/json',
            })),
          },
          { weight: 1, arbitrary: rawBodies },
        )
      : fc.option(rawBodies, { freq: 4 });
    return fc.tuple(path, query, body).map(([p, q, b]) => ({ path: p + q, ...(b ?? {}) }));
  }
}
