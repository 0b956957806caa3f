#!/usr/bin/env node
// Page speed as Lighthouse measures it: the storefront's home and product pages, served by the
// built API (build first: npx nx run-many -t build), with the mobile and desktop presets, in
// Debian's Chromium inside a loopback-only network namespace. Prints every run's scores and
// the median per page and preset; writes tmp/bench/lighthouse.{md,json}.
//
//   npm run bench:lighthouse -- [--runs=3] [--presets=mobile] [--reports] [--host-network]
//
// Lighthouse 13 needs Node >= 22: run it through npm, which uses the project's own Node.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { findChromium } from '../scripts/chromium.mjs';
import { cliArgs, reexecInLoopbackNamespace, startTestApi } from '../scripts/test-api.mjs';

const root = new URL('../..', import.meta.url).pathname;
const args = cliArgs();
const RUNS = Number(args.runs ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const ALL_PRESETS = { mobile: undefined, desktop: desktopConfig };
// --presets=mobile measures one preset only (a quicker round while changing things).
const PRESETS = Object.fromEntries(
  Object.entries(ALL_PRESETS).filter(([name]) => !args.presets || args.presets.split(',').includes(name)),
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function audit(chrome, url, preset, attempt = 1) {
  const result = await lighthouse(
    url,
    { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
    PRESETS[preset],
  );
  const { categories, audits, runtimeError } = result.lhr;
  if (args.reports) {
    // --reports keeps every full report (open one in https://googlechrome.github.io/lighthouse/viewer/).
    mkdirSync(join(root, 'tmp/bench/lighthouse'), { recursive: true });
    const name = `${new URL(url).pathname.split('/')[1] || 'home'}-${preset}-${Date.now()}.json`;
    writeFileSync(join(root, 'tmp/bench/lighthouse', name), result.report);
  }
  // A busy machine now and then loses the trace's start (NO_NAVSTART): that load is run again
  // (up to three tries).
  if (runtimeError && attempt < 3) return audit(chrome, url, preset, attempt + 1);
  if (runtimeError)
    throw new Error(`Lighthouse could not audit ${url}: ${runtimeError.code} ${runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]),
  );
  // What to fix next: audits that cost points, worst first.
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .sort((a, b) => a.score - b.score)
    .slice(0, 6)
    .map((a) => `${a.id} (${Math.round(a.score * 100)})`);
  const ms = (id) => Math.round(audits[id]?.numericValue ?? 0);
  // The simulated lab metrics the score is made of, and what the page cost to get there.
  const metrics = {
    fcp: ms('first-contentful-paint'),
    si: ms('speed-index'),
    tbt: ms('total-blocking-time'),
    cls: Number((audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
    mainThreadMs: ms('mainthread-work-breakdown'),
    scriptKb: Math.round(
      (audits['network-requests']?.details?.items ?? [])
        .filter((r) => r.resourceType === 'Script')
        .reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
    ),
  };
  // The unthrottled trace's LCP in its four parts (first byte, load delay, load, render delay).
  const parts = audits['lcp-breakdown-insight']?.details?.items?.[0]?.items ?? [];
  const lcpParts = parts.map((p) => `${p.subpart} ${Math.round(p.duration)}`).join(', ');
  return { scores, lcpMs: ms('largest-contentful-paint'), metrics, lcpParts, failing };
}

async function main() {
  reexecInLoopbackNamespace(import.meta.url, 'LIGHTHOUSE_BENCH_IN_NS', !!args['host-network']);
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  const loadBefore = os.loadavg()[0];
  const api = await startTestApi();
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const results = [];
  try {
    const products = await (await fetch(`${api.url}/api/v2/products?limit=1`)).json();
    const pages = { home: `${api.url}/`, product: `${api.url}/products/${products.items[0].id}` };
    // One unrecorded load per page warms the server and the database.
    for (const url of Object.values(pages)) await fetch(url);
    for (let run = 1; run <= RUNS; run++) {
      for (const [page, url] of Object.entries(pages)) {
        for (const preset of Object.keys(PRESETS)) {
          const r = await audit(chrome, url, preset);
          results.push({ run, page, preset, ...r });
          console.log(
            `run ${run} ${page.padEnd(7)} ${preset.padEnd(7)} ` +
              CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(', ') +
              `; LCP ${r.lcpMs} ms; load ${os.loadavg()[0].toFixed(1)}${r.failing.length ? `; below 90: ${r.failing.join(', ')}` : ''}`,
          );
          const m = r.metrics;
          console.log(
            `      FCP ${m.fcp} ms, SI ${m.si} ms, TBT ${m.tbt} ms, CLS ${m.cls}; ` +
              `main thread ${m.mainThreadMs} ms, scripts ${m.scriptKb} KB; observed LCP: ${r.lcpParts}`,
          );
        }
      }
    }
  } finally {
    await chrome.kill();
    await api.stop();
  }
  const lines = [
    `Lighthouse ${RUNS} runs per page and preset; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after.`,
    '',
    '| page | preset | performance | accessibility | best practices | SEO | LCP (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const page of ['home', 'product']) {
    for (const preset of Object.keys(PRESETS)) {
      const rows = results.filter((r) => r.page === page && r.preset === preset);
      const cell = (c) =>
        `${median(rows.map((r) => r.scores[c]))} (${rows.map((r) => r.scores[c]).join('/')})`;
      lines.push(
        `| ${page} | ${preset} | ${CATEGORIES.map(cell).join(' | ')} | ${median(rows.map((r) => r.lcpMs))} |`,
      );
    }
  }
  lines.push('', 'Each cell: the median, then every run.');
  console.log(`\n${lines.join('\n')}`);
  mkdirSync(join(root, 'tmp/bench'), { recursive: true });
  writeFileSync(join(root, 'tmp/bench/lighthouse.md'), `${lines.join('\n')}\n`);
  writeFileSync(join(root, 'tmp/bench/lighthouse.json'), JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
