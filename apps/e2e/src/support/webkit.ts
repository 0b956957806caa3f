import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ARTIFACTS, baseUrl } from './browser';

/*
 * WebKitGTK (Debian's `webkit2gtk-driver`: WebKitWebDriver driving WebKitGTK's MiniBrowser)
 * over W3C WebDriver, spoken with plain fetch: the few commands the tests need. WebKitGTK
 * needs a display; without DISPLAY / WAYLAND_DISPLAY the driver runs under `xvfb-run`.
 */

/** W3C WebDriver's key for an element reference. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface WebElement {
  [ELEMENT]: string;
}

export interface WebKitInstall {
  driver: string;
  miniBrowser: string;
  /** `xvfb-run`, when there is no display to use. */
  xvfbRun: string | null;
}

function onPath(name: string): string | null {
  try {
    return (
      execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'], shell: '/bin/sh' })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}

/** WebKitGTK's MiniBrowser: /usr/lib/<multiarch>/webkit2gtk-4.x/ on Debian, /usr/libexec elsewhere. */
function findMiniBrowser(): string | null {
  const fromEnv = process.env['WEBKIT_MINIBROWSER_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const libDirs = existsSync('/usr/lib') ? readdirSync('/usr/lib').map((dir) => join('/usr/lib', dir)) : [];
  const candidates = ['webkit2gtk-4.1', 'webkit2gtk-4.0'].flatMap((api) => [
    ...libDirs.map((dir) => join(dir, api, 'MiniBrowser')),
    join('/usr/libexec', api, 'MiniBrowser'),
  ]);
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** What is installed, or why the WebKit tests cannot run here. */
export function findWebKit(): WebKitInstall | { missing: string } {
  const fromEnv = process.env['WEBKIT_WEBDRIVER_PATH'];
  const driver = fromEnv ? (existsSync(fromEnv) ? fromEnv : null) : onPath('WebKitWebDriver');
  if (!driver) return { missing: 'no WebKitWebDriver (apt-get install webkit2gtk-driver)' };
  const miniBrowser = findMiniBrowser();
  if (!miniBrowser) return { missing: "no WebKitGTK MiniBrowser (webkit2gtk-driver's libwebkit2gtk)" };
  const hasDisplay = !!(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
  const xvfbRun = hasDisplay ? null : onPath('xvfb-run');
  if (!hasDisplay && !xvfbRun) return { missing: 'no display and no xvfb-run (apt-get install xvfb)' };
  return { driver, miniBrowser, xvfbRun };
}

export function webkitMissingBanner(reason: string): string {
  return [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    `!! WEBKIT TESTS SKIPPED: ${reason}`,
    '!! Debian/Ubuntu: sudo apt-get install webkit2gtk-driver xvfb.',
    '!! In CI (CI=true) a missing WebKit fails.',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A WebKitWebDriver process (under xvfb-run when needed) and one browser session. */
export class WebKitSession {
  private constructor(
    private readonly driver: ChildProcess,
    private readonly url: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  /**
   * Starts the driver and a MiniBrowser with `browserArgs` (WebKitSettings as
   * `--name=value`, see `MiniBrowser --help-all`).
   */
  static async start(install: WebKitInstall, browserArgs: string[] = []): Promise<WebKitSession> {
    const port = await freePort();
    const command = install.xvfbRun
      ? [install.xvfbRun, '-a', install.driver, `--port=${port}`]
      : [install.driver, `--port=${port}`];
    // Its own process group, so that stopping it stops Xvfb and the browser too.
    const driver = spawn(command[0], command.slice(1), {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    driver.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${stderr}`);
      try {
        if ((await fetch(`${url}/status`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        stopGroup(driver);
        throw new Error(`WebKitWebDriver did not start within 30 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      const created = await command_<{ sessionId: string; capabilities: Record<string, unknown> }>(
        url,
        'POST',
        '/session',
        {
          capabilities: {
            alwaysMatch: {
              'webkitgtk:browserOptions': {
                binary: install.miniBrowser,
                args: ['--automation', ...browserArgs],
              },
            },
          },
        },
      );
      const session = new WebKitSession(driver, url, created.sessionId, created.capabilities);
      await session.send('POST', '/window/rect', { width: 1280, height: 800 }).catch(() => undefined);
      return session;
    } catch (error) {
      stopGroup(driver);
      throw error;
    }
  }

  send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return command_<T>(this.url, method, `/session/${this.id}${path}`, body);
  }

  /** Opens `path` of the app under test and waits for the load. */
  async goto(path: string): Promise<void> {
    await this.send('POST', '/url', { url: `${baseUrl()}${path}` });
  }

  location(): Promise<string> {
    return this.send<string>('GET', '/url');
  }

  /** Runs `fn` in the page with `args` (elements come back as references). */
  execute<T>(fn: (...args: never[]) => T, ...args: unknown[]): Promise<Awaited<T>> {
    return this.send<Awaited<T>>('POST', '/execute/sync', {
      script: `return (${fn.toString()}).apply(null, arguments);`,
      args,
    });
  }

  /** Runs an async `fn` in the page and waits for its promise. */
  executeAsync<T>(fn: (...args: never[]) => Promise<T>, ...args: unknown[]): Promise<T> {
    return this.send<T>('POST', '/execute/async', {
      script:
        `const done = arguments[arguments.length - 1];` +
        `(${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1))` +
        `.then(done, (e) => done({ error: String(e) }));`,
      args,
    });
  }

  async click(element: WebElement): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  async type(element: WebElement, text: string): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  attribute(element: WebElement, name: string): Promise<string | null> {
    return this.send<string | null>('GET', `/element/${element[ELEMENT]}/attribute/${name}`);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    writeFileSync(path, Buffer.from(await this.send<string>('GET', '/screenshot'), 'base64'));
    return path;
  }

  /** Ends the session (closing the browser) and stops the driver and its display. */
  async quit(): Promise<void> {
    await this.send('DELETE', '').catch(() => undefined);
    stopGroup(this.driver);
  }
}

async function command_<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const reply = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${reply.value.error}: ${reply.value.message}`);
  return reply.value;
}

function stopGroup(child: ChildProcess): void {
  if (child.exitCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
