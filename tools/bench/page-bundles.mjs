#!/usr/bin/env node
// The JavaScript each storefront page needs before it can render: the page's chunk and every
// chunk it imports statically, with the initial bundle, in raw and gzip bytes. Reads the
// esbuild metafile of a build made with --stats-json:
//
//   npx nx build storefront --stats-json        (or --output-path=tmp/sf to keep dist alone)
//   node tools/bench/page-bundles.mjs [dist/apps/storefront]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/apps/storefront';
const { outputs } = JSON.parse(readFileSync(join(dir, 'browser-stats.json'), 'utf8'));
const name = (path) => path.replace(/^.*\//, '');
const byName = new Map(Object.keys(outputs).map((path) => [name(path), outputs[path]]));

/** A chunk and everything it imports statically (what the browser must fetch before running it). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of byName.get(file).imports) if (i.kind === 'import-statement') closure(name(i.path), seen);
  return seen;
}
const entry = (source) =>
  name(Object.keys(outputs).find((p) => p.endsWith('.js') && outputs[p].entryPoint?.includes(source)));

const pages = {
  'initial (main)': 'src/main.ts',
  'home (catalog)': 'pages/catalog/catalog.page',
  product: 'pages/product/product.page',
};
for (const [label, source] of Object.entries(pages)) {
  let raw = 0;
  let gzip = 0;
  const files = closure(entry(source));
  for (const file of files) {
    const bytes = readFileSync(join(dir, 'browser', file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  console.log(
    `${label.padEnd(16)} ${String(files.size).padStart(2)} files ${String(raw).padStart(8)} B raw ${String(gzip).padStart(7)} B gzip`,
  );
}
