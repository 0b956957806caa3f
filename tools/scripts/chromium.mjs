import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The system Chromium (never a downloaded browser): CHROMIUM_PATH, or one on the PATH. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const path = execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'], shell: '/bin/sh' })
        .toString()
        .trim();
      if (path) return path;
    } catch {
      // not installed under this name
    }
  }
  return null;
}
