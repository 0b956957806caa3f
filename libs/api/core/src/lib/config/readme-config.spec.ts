import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_JWT_SECRET, ENV_KEYS, validateEnv } from './env.validation';

/**
 * The README's Configuration table and the env schema must agree: same variables, same defaults.
 *
 * A table row names one variable or several (`` `PORT` / `HOST` ``) and gives one default for
 * all of them or one per variable (`` `3000` / `0.0.0.0` ``). A default is read as:
 * - `` `text` ``: that exact value (numbers and booleans as written in the environment, lists
 *   comma-separated);
 * - `empty...` (e.g. "empty (same origin only)"): an empty string or an empty list;
 * - `unset...` (e.g. "unset: embedded PostgreSQL"): no value at all (`null`);
 * - a phrase from {@link PHRASES}: the value it stands for.
 * Anything else fails the test, so the table cannot drift into prose the test does not check.
 */
const PHRASES: Record<string, string> = {
  'a development placeholder': DEV_JWT_SECRET,
};

const UNSET = '(unset)';
const EMPTY = '(empty)';

interface Row {
  variables: string[];
  defaults: string[];
}

function configurationRows(markdown: string): Row[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const cells = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  // The first line is the header, the second the separator.
  return cells.slice(2).map(([variable, value]) => ({
    variables: variable.split(' / ').map((name) => {
      const match = /^`([A-Z][A-Z0-9_]*)`$/.exec(name);
      if (!match) throw new Error(`README: cannot read the variable name ${name}`);
      return match[1];
    }),
    defaults: value.split(' / '),
  }));
}

/** What a README default cell says, in the form {@link schemaDefault} gives. */
function documentedDefault(text: string): string {
  const literal = /^`([^`]*)`$/.exec(text);
  if (literal) return literal[1];
  if (/^empty\b/.test(text)) return EMPTY;
  if (/^unset\b/.test(text)) return UNSET;
  if (text in PHRASES) return PHRASES[text];
  throw new Error(`README: cannot read the default "${text}"`);
}

function schemaDefault(value: unknown): string {
  if (value === null || value === undefined) return UNSET;
  if (value === '' || (Array.isArray(value) && value.length === 0)) return EMPTY;
  return Array.isArray(value) ? value.join(',') : String(value);
}

function readmeDefaults(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '../../../../../../README.md'), 'utf8');
  const documented = new Map<string, string>();
  for (const { variables, defaults } of configurationRows(readme)) {
    if (defaults.length !== 1 && defaults.length !== variables.length) {
      throw new Error(`README: ${variables.join(' / ')} has ${defaults.length} defaults`);
    }
    variables.forEach((name, i) =>
      documented.set(name, documentedDefault(defaults[defaults.length === 1 ? 0 : i])),
    );
  }
  return documented;
}

describe('README configuration table', () => {
  const documented = readmeDefaults();
  const bare = validateEnv({});
  const schema = new Map<string, string>(ENV_KEYS.map((key) => [key, schemaDefault(bare[key])]));

  it('lists every variable of the env schema', () => {
    expect(ENV_KEYS.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('lists only variables the env schema knows', () => {
    expect([...documented.keys()].filter((name) => !schema.has(name))).toEqual([]);
  });

  it("gives the schema's default for each variable", () => {
    const differing = [...documented]
      .filter(([name, value]) => schema.has(name) && schema.get(name) !== value)
      .map(([name, value]) => `${name}: README says ${value}, the schema ${schema.get(name)}`);
    expect(differing).toEqual([]);
  });
});
