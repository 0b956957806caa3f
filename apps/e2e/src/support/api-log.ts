import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the browser tests' API writes its log (every level), checked when the run ends. */
export const API_LOG = join(resolve(__dirname, '../../../..'), 'test-artifacts', 'e2e-api.log');

/**
 * What must never reach a log line: the passwords and the phone number the tests type, the
 * demo accounts' password, password hashes, access tokens, and SDP or ICE candidates.
 */
const SECRETS: { what: string; pattern: RegExp }[] = [
  { what: 'a password the tests type', pattern: /demo-password|correct-horse-42|another-pass-77/ },
  { what: "a customer's phone number", pattern: /\+?1 ?555 ?010 ?9999|15550109999/ },
  { what: 'a password hash', pattern: /\$argon2/ },
  { what: 'an access token', pattern: /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/ },
  { what: 'an Authorization header', pattern: /Bearer [\w-]{10,}/ },
  { what: 'SDP', pattern: /a=fingerprint|a=ice-ufrag|v=0\\r\\no=/ },
  { what: 'an ICE candidate', pattern: /candidate:\d+ \d+ (udp|tcp) /i },
];

/** The lines of `log` that give a secret away, each with what it gives away. */
export function secretsIn(log: string): string[] {
  const found: string[] = [];
  for (const line of log.split('\n')) {
    for (const { what, pattern } of SECRETS) {
      if (pattern.test(line)) found.push(`${what}: ${line.slice(0, 300)}`);
    }
  }
  return found;
}

/** Checks the run's API log: prints its warnings and errors, throws when a line holds a secret. */
export function checkApiLog(path = API_LOG): void {
  let log: string;
  try {
    log = readFileSync(path, 'utf8');
  } catch {
    return; // the API never started: the tests failed already
  }
  const loud = log.split('\n').filter((l) => /"level":(4|5|6)\d/.test(l));
  if (loud.length) {
    console.error(`API warnings and errors during the browser tests (${loud.length}; all in ${path}):`);
    for (const l of loud.slice(-40)) console.error(`  ${l.slice(0, 400)}`);
  }
  const leaks = secretsIn(log);
  if (leaks.length) {
    throw new Error(
      `The API's log holds secrets (${leaks.length} lines, ${path}):\n${leaks.slice(0, 10).join('\n')}`,
    );
  }
  console.error(`API log checked: ${log.split('\n').length - 1} lines, no secret (${path})`);
}
