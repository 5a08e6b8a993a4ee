#!/usr/bin/env node
// The Chromium benchmark of the built release site (issue #6), with MiniSearch side by side.
//
// Usage: node tests/bench/browser-bench.mjs [--smoke] [--reports N] [--seed S] [--loads N]
//          [--repeat R] [--view-timeout SECONDS] [--out FILE] [--fresh] [--views-only]
//          [--typing-only]
// (`make bench-browser` builds dist/ and runs it; `make test` runs it with --smoke.)
// --views-only runs part 6 alone (the compare and figures views on the N-report site, about
// 2 minutes at 10k) and writes target/bench/results-views.json. --typing-only runs part 5
// alone (the typed query script on the N-report site, then on the empty page: about a minute)
// and writes target/bench/results-typing.json, for A/B runs of the keystroke path.
//
// What it serves. dist/ as `make dist` built it (the seed bundle: "seed site"), and a copy of
// dist/ whose bundle.json is a synthetic corpus of N reports (default 10,000, seed 42: `danvan
// synth --reports N --seed 42`, then `danvan compile` with data/topics.toml and
// data/aliases.toml; corpus and bundle cached in target/bench/synth-N-seedS/, delete it or pass
// --fresh after changing the synthesiser or the compiler). Both are served over loopback by
// tests/browser/support/server.mjs, uncompressed, `cache-control: no-store`. Chromium is
// Debian's (/usr/bin/chromium) with the headless flags of tests/browser/support/browser.mjs;
// every page load gets a fresh browser context (empty cache and storage).
//
// What each number means.
// 1. bytes: every resource the page requested (index.html, the wasm-bindgen JS, the .wasm, the
//    CSS, boot.js, bundle.json), raw as served, and compressed here with node:zlib: gzip level 9
//    and brotli quality 11 (files over 16 MB: quality 9, as q11 runs at about 1 MB/s; the
//    quality used is recorded). "first load" = the sum over those resources.
// 2. firstResultsMs: navigation start (performance.timeOrigin) to the first painted results:
//    the Element Timing entry of the result count (`elementtiming="result-count"`, painted
//    with the first rows: the browser's own render time). Where the browser has no Element
//    Timing, an init script's fallback: when the first `[data-report-id]` row exists it waits
//    for requestAnimationFrame + setTimeout(0) (firstResultsFrameMs, which runs only after any
//    task the app queued first, so it can be late). Median of --loads page loads, each in a
//    fresh context. Also recorded per load: when bundle.catalog.json and bundle.json finished
//    downloading (resource timing responseEnd) and the app's own measures `danvan:parse`
//    (Bundle::from_json_bytes on the fetched bytes, src/app/load.rs) and `danvan:index` (the
//    search index, built from the bundle a slice at a time after the list is painted from the
//    catalog: build_index in src/app/components/mod.rs, turns between slices included);
//    indexEndMs: navigation to index built ("search ready").
// 3. parseMs / indexMs: those two measures (medians over the loads).
// 4. wasm memory: `memory.buffer.byteLength` of the app's WebAssembly.Memory after the load
//    (the wasm-bindgen module's exports, reached by importing the same module boot.js loaded and
//    calling its init again, which returns the already-instantiated exports), plus the JS heap
//    (CDP Runtime.getHeapUsage usedSize) for context.
// 5. keystrokeMs: the queries of QUERIES typed character by character with page.keyboard into
//    the search box. Each keystroke: from the keydown event's timeStamp (characters outside the
//    US layout, e.g. "â", are inserted without a keydown: then the beforeinput event's
//    timeStamp) to the paint after the results section's `data-q` attribute equals the box's
//    NFC text (the app sets it once the results for that text are computed), measured as above
//    (rAF + setTimeout). One keystroke at a time: the next key is pressed only after the
//    previous one is painted. p50/p95 over all keystrokes.
//    keystrokeFloorMs: the same probe and the same typing on a page that does nothing but copy
//    the box's text to `data-q` in its input handler: what this way of measuring gives for no
//    work at all (the wait for the next frame, ~0–16.7 ms at 60 Hz, plus input dispatch).
//    keystrokeEventMs: the browser's own measure of the same keystrokes (Event Timing, what
//    INP reads): a keydown entry's duration, from its timestamp to the next paint after its
//    task (which holds the input event, the query and the new rows). Chromium reports only
//    entries of 16 ms or more, rounded to 8 ms: the others count as 0, so "p95 < 16 ms" means
//    fewer than 5 % of the keystrokes took a frame or more. Keystrokes without a keydown
//    (inserted text) are not in it.
// 6. views: the compare view (`?view=compare`) and the figures view (`?view=figures`), each in
//    a fresh context: navigation to painted view, then the time from a filter change to its
//    painted update. Compare: a click on the first topic's toggle (a topic filter: every
//    section of the view is recomputed), until that toggle's aria-pressed has flipped.
//    Figures: choosing the second unit in the unit select (change event), until the unit
//    chart's caption names it, then "all units" again. Medians of --repeat changes (fewer when
//    the first one takes over 10 s). A view not painted within --view-timeout (default 120 s)
//    of its navigation, or a change not painted within it, is recorded as timed out (a
//    failure in --smoke).
// 7. MiniSearch, in the same page after the app loaded the N-report bundle: fetch bundle.json,
//    JSON.parse, build one document per report (title + the text of every paragraph whose kind
//    is not "boilerplate", the only clutter kind the app does not search, joined by newlines),
//    addAll into `new MiniSearch({ fields: ['title', 'text'], processTerm })` where processTerm
//    is NFD, strip combining marks, đ→d, lower-case (so accent-free queries find accented
//    text, as ours does). Each query: `search(q, { combineWith: 'AND', prefix: false,
//    fuzzy: false })` (our search matches whole words, no prefix, no typo tolerance: see
//    src/core/search.rs). MiniSearch has no phrases and no aliases: a quoted query is the AND
//    of its words, and "TPHCM" finds only "TPHCM"; ours checks phrase order and expands alias
//    groups, so our work per query is larger. Ours per query is the `danvan:run` measure
//    (Prepared::run: search, ranking, filters and facet counts) when the box is set to the
//    query (alternating "q" and "q " so that each set is a new search); MiniSearch per query is
//    performance.now() around search(), in batches when one call is under 2 ms (timer
//    resolution). Ratios: ours / MiniSearch per query (medians), their geometric mean, the
//    slowest query's, and (danvan:parse + danvan:index) / (JSON.parse + documents + addAll).
// 8. Everything goes to target/bench/results.json (--smoke: results-smoke.json) with the date,
//    machine (nproc, CPU model), Chromium, Node and git commit, and a Markdown summary is
//    printed with the budget verdicts (1 KB = 1000 bytes).
//
// Benchmarks are not timed tests: no timing is asserted. The run fails (exit 1) only when the
// page shows an error (uncaught exception, console error, an alert) or a measurement is missing.

import { execFile as execFileCb } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { constants as Z, brotliCompress, gzip } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST, FLAGS, REPO, requireDist } from '../browser/support/browser.mjs';
import { serveStatic } from '../browser/support/server.mjs';

const execFile = promisify(execFileCb);

/**
 * The typed query script: accent-free, accented, a quoted phrase, an alias, both tone
 * placements, a loanword, place names. Each is typed character by character.
 */
const QUERIES = [
  'dan van kheo',
  'dân vận khéo',
  '"công tác dân vận"',
  'TPHCM',
  'hoà giải',
  'covid',
  'ton giao',
  'mặt trận tổ quốc',
  'dang vien',
  'khu dân cư',
  'an sinh xa hoi',
  'thanh niên',
  'Hà Nội',
];
const SMOKE_QUERIES = ['dan van', '"dân vận"', 'TPHCM'];

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = { smoke: false, fresh: false, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${a} needs a whole number, not "${v}"`);
      return Number(v);
    };
    if (a === '--smoke') o.smoke = true;
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--views-only') o.viewsOnly = true;
    else if (a === '--typing-only') o.typingOnly = true;
    else if (a === '--reports') o.reports = int();
    else if (a === '--seed') o.seed = int();
    else if (a === '--loads') o.loads = int();
    else if (a === '--repeat') o.repeat = int();
    else if (a === '--view-timeout') o.viewTimeoutMs = int() * 1000;
    else if (a === '--out') o.out = value();
    else if (a === '-h' || a === '--help') {
      console.log('usage: node tests/bench/browser-bench.mjs [--smoke] [--reports N] [--seed S] ' +
        '[--loads N] [--repeat R] [--view-timeout SECONDS] [--out FILE] [--fresh] [--views-only] [--typing-only]');
      process.exit(0);
    } else throw new Error(`unknown argument "${a}"`);
  }
  o.reports ??= o.smoke ? 50 : 10_000;
  o.loads ??= o.smoke ? 1 : 5;
  o.repeat ??= o.smoke ? 2 : 7;
  o.viewTimeoutMs ??= o.smoke ? 20_000 : 120_000;
  o.out ??= join(REPO, 'target', 'bench',
    o.smoke ? 'results-smoke.json' : o.viewsOnly ? 'results-views.json' : o.typingOnly ? 'results-typing.json' : 'results.json');
  o.queries = o.smoke ? SMOKE_QUERIES : QUERIES;
  // MiniSearch samples per query (cheap, so more of them).
  o.msRepeat = o.smoke ? 3 : 30;
  o.loadTimeoutMs = o.smoke ? 20_000 : 300_000;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Small statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** The q-quantile by linear interpolation (q = 0.5: the median). */
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = sorted(xs);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (xs) => quantile(xs, 0.5);
const round = (x, digits = 2) => (x == null ? null : Number(x.toFixed(digits)));
function summary(xs) {
  return {
    n: xs.length,
    median: round(median(xs)),
    p95: round(quantile(xs, 0.95)),
    min: round(xs.length ? Math.min(...xs) : null),
    max: round(xs.length ? Math.max(...xs) : null),
  };
}
const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : null);

// ---------------------------------------------------------------------------------------------
// Failures: the run goes on to collect everything, then exits 1 if anything was wrong.

const failures = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL: ${message}`);
}
function need(value, what) {
  if (value == null || (typeof value === 'number' && !Number.isFinite(value))) {
    fail(`missing measurement: ${what}`);
  }
  return value;
}

const started = Date.now();
const log = (...args) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)} s]`, ...args);

// ---------------------------------------------------------------------------------------------
// The machine

async function machine(browserVersion) {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? null;
  const git = async (...args) =>
    (await execFile('git', args, { cwd: REPO }).catch(() => ({ stdout: '' }))).stdout.trim();
  const commit = await git('rev-parse', 'HEAD');
  const dirty = (await git('status', '--porcelain', '--untracked-files=no')) !== '';
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpu: model,
    memGiB: round(Number(/^MemTotal:\s*(\d+)/m.exec(await readFile('/proc/meminfo', 'utf8').catch(() => ''))?.[1] ?? NaN) / 1048576, 1),
    chromium: browserVersion,
    node: process.version,
    commit: commit || null,
    dirty,
    loadavg: (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' '),
  };
}

// ---------------------------------------------------------------------------------------------
// The synthetic bundle, cached under target/bench/

async function run(cmd, args) {
  try {
    return await execFile(cmd, args, { cwd: REPO, maxBuffer: 64 << 20 });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${error.stderr ?? error.message}`);
  }
}

const danvan = (...args) => run('cargo', ['run', '--release', '--quiet', '--bin', 'danvan', '--', ...args]);

/** The compiled bundle of `danvan synth --reports n --seed seed`, made once and reused. */
async function syntheticBundle(n, seed, fresh) {
  const dir = join(REPO, 'target', 'bench', `synth-${n}-seed${seed}`);
  const reports = join(dir, 'reports');
  const marker = join(reports, '.complete'); // the marker benches/support/mod.rs also uses
  const bundle = join(dir, 'bundle.json');
  if (fresh) await rm(dir, { recursive: true, force: true });
  if (!existsSync(marker)) {
    log(`writing the synthetic corpus: ${n} reports, seed ${seed} → ${relative(REPO, reports)}`);
    await danvan('synth', '--reports', String(n), '--seed', String(seed), '-o', reports);
    await writeFile(marker, '');
  }
  // A bundle of another schema (an old cache) is rebuilt; the seed bundle says which is current.
  const schema = async (path) =>
    /"schema_version"\s*:\s*(\d+)/.exec((await readFile(path, 'utf8').catch(() => '')).slice(0, 200))?.[1];
  // The catalog beside it is written by the same compile; a cache from before catalogs has none.
  const cached = existsSync(bundle) && existsSync(catalogOf(bundle)) &&
    (await schema(bundle)) === (await schema(join(DIST, 'bundle.json')));
  if (!cached) {
    log(`compiling ${relative(REPO, reports)} → ${relative(REPO, bundle)}`);
    const t = Date.now();
    await danvan('compile', reports, '-o', bundle,
      '--topics', join(REPO, 'data', 'topics.toml'), '--aliases', join(REPO, 'data', 'aliases.toml'));
    log(`compiled in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return bundle;
}

/** The catalog `danvan compile` writes beside a bundle: bundle.json → bundle.catalog.json. */
const catalogOf = (bundle) => bundle.replace(/\.json$/, '.catalog.json');

/**
 * A copy of dist/ whose bundle.json and bundle.catalog.json are `bundle` and its catalog
 * (symbolic links: the bundle can be large).
 */
async function siteWith(bundle, name) {
  const site = join(REPO, 'target', 'bench', name);
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  for (const entry of await readdir(DIST, { withFileTypes: true })) {
    if (entry.isFile() && entry.name !== 'bundle.json' && entry.name !== 'bundle.catalog.json') {
      await copyFile(join(DIST, entry.name), join(site, entry.name));
    }
  }
  await symlink(bundle, join(site, 'bundle.json'));
  await symlink(catalogOf(bundle), join(site, 'bundle.catalog.json'));
  return site;
}

// ---------------------------------------------------------------------------------------------
// 1. Sizes

/** The size cache: compressing a 100 MB bundle takes a while, and the bundle is cached too. */
const SIZE_CACHE = join(REPO, 'target', 'bench', 'compressed-sizes.json');
const BROTLI_Q11_LIMIT = 16 << 20;

async function compressedSizes(path, cache) {
  const info = await stat(path);
  const bytes = await readFile(path);
  const quality = info.size > BROTLI_Q11_LIMIT ? 9 : 11;
  const key = createHash('sha256').update(bytes).digest('hex');
  if (cache[key]?.brotliQuality === quality) return cache[key];
  const text = /\.(html|js|css|json)$/.test(path);
  const [gz, br] = await Promise.all([
    promisify(gzip)(bytes, { level: 9 }),
    promisify(brotliCompress)(bytes, {
      params: {
        [Z.BROTLI_PARAM_QUALITY]: quality,
        [Z.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [Z.BROTLI_PARAM_MODE]: text ? Z.BROTLI_MODE_TEXT : Z.BROTLI_MODE_GENERIC,
      },
    }),
  ]);
  cache[key] = { raw: bytes.length, gzip9: gz.length, brotli: br.length, brotliQuality: quality };
  return cache[key];
}

/** The kind of a site file, for the per-resource table. */
function kindOf(file) {
  if (file === 'index.html') return 'html';
  if (file === 'boot.js') return 'boot.js';
  if (file === 'bundle.json') return 'bundle.json';
  if (file === 'bundle.catalog.json') return 'catalog';
  if (file.endsWith('.wasm')) return 'wasm';
  if (file.endsWith('.js')) return 'js';
  if (file.endsWith('.css')) return 'css';
  return 'other';
}

/** Sizes of every file the page asked for (`requested`: paths relative to the site). */
async function siteSizes(site, requested) {
  const cache = JSON.parse(await readFile(SIZE_CACHE, 'utf8').catch(() => '{}'));
  const resources = [];
  for (const file of [...new Set(requested)].sort()) {
    const path = join(site, file === '' ? 'index.html' : file);
    const name = file === '' ? 'index.html' : file;
    resources.push({ file: name, kind: kindOf(name), ...(await compressedSizes(path, cache)) });
  }
  await writeFile(SIZE_CACHE, JSON.stringify(cache, null, 1));
  const total = { raw: 0, gzip9: 0, brotli: 0 };
  for (const r of resources) for (const k of Object.keys(total)) total[k] += r[k];
  return { resources, total };
}

// ---------------------------------------------------------------------------------------------
// The browser and page helpers

/** Runs in the page before its own scripts: notes the first painted result row and the
 *  timestamps of the last click and change (filter changes), and holds the DOM conditions the
 *  measurements wait for (named here: the page's CSP forbids building functions from text). */
function pageProbe() {
  const bench = (window.__bench = { firstRow: null, lastClick: null, lastChange: null });
  // The frame holding a DOM change is produced after the requestAnimationFrame callbacks;
  // a task queued from one runs after that frame.
  const afterPaint = (done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  const observer = new MutationObserver(() => {
    if (bench.firstRow == null && document.querySelector('[data-report-id]')) {
      bench.firstRow = performance.now();
      observer.disconnect();
      afterPaint((t) => (bench.firstResultsFrame = t));
    }
  });
  // The paint itself, from the browser: Element Timing on the result count (elementtiming=
  // "result-count"), which is rendered with the first rows. The rAF + timer probe above is the
  // fallback; it can only run after any task the app queued first.
  bench.firstResultsFrame = null;
  bench.firstResultsPaint = null;
  if (PerformanceObserver.supportedEntryTypes?.includes('element')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'result-count' && bench.firstResultsPaint == null) {
          bench.firstResultsPaint = e.renderTime || e.startTime;
        }
      }
    }).observe({ type: 'element', buffered: true });
  }
  Object.defineProperty(bench, 'firstResults', {
    get: () => (bench.firstResultsFrame == null ? null : bench.firstResultsPaint ?? bench.firstResultsFrame),
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (e) => (bench.lastClick = e.timeStamp), true);
  document.addEventListener('change', (e) => (bench.lastChange = e.timeStamp), true);

  bench.checks = {
    /** The results section answers the search text `want`. */
    resultsFor: (want) => document.querySelector('section.results')?.dataset.q === want,
    /** The topic toggle `topic` of the compare view has aria-pressed `want`. */
    topicPressed: ({ topic, want }) =>
      document
        .querySelector(`.topic-pair[data-topic="${CSS.escape(topic)}"] .topic-toggle`)
        ?.getAttribute('aria-pressed') === want,
    /** The figures view's unit chart is titled with `unit`. */
    unitCharted: (unit) =>
      (document.querySelector('.chart-unit figcaption strong')?.textContent ?? '').includes(`“${unit}”`),
    /** A selector matches (or the page shows an alert). */
    present: (selector) => document.querySelector(selector) || document.querySelector('[role="alert"]'),
  };

  /** Resolves with the time of the paint after `check()` first holds (tested now and on every
   *  DOM change), or null after `timeout` ms. */
  bench.paintedWhen = (check, timeout) =>
    new Promise((resolve) => {
      let settled = false;
      const holds = () => {
        try {
          return Boolean(check());
        } catch {
          return false;
        }
      };
      const finish = (t) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(t);
      };
      const seen = () => {
        mo.disconnect();
        afterPaint(finish);
      };
      const mo = new MutationObserver(() => holds() && seen());
      const timer = setTimeout(() => {
        mo.disconnect();
        finish(null);
      }, timeout);
      if (holds()) seen();
      else mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  /** Arms a wait on the named check; `bench.pending` resolves as paintedWhen does. */
  bench.arm = (name, arg, timeout) => {
    bench.pending = bench.paintedWhen(() => bench.checks[name](arg), timeout);
  };
}

/** `promise`, or null once `ms` have passed (the page's own timer fires late while its main
 *  thread is busy, so the wait is bounded here too). */
function withDeadline(promise, ms) {
  let timer;
  const deadline = new Promise((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Waits (after `act()`) for the paint after the named check holds; the wait is armed before
 *  acting, so a fast update is not missed. Resolves with the paint time or null (timeout). */
async function paintedAfter(page, name, arg, timeout, act) {
  await page.evaluate(([name, arg, timeout]) => window.__bench.arm(name, arg, timeout), [name, arg, timeout]);
  await act();
  return withDeadline(page.evaluate(() => window.__bench.pending), timeout + 5000);
}

/** Records uncaught errors, console errors and alerts as failures of this run. */
function watch(page, label) {
  page.on('pageerror', (error) => fail(`${label}: uncaught error in the page: ${error?.stack ?? error}`));
  page.on('console', (message) => {
    if (message.type() === 'error') fail(`${label}: console error: ${message.text()}`);
  });
  page.on('crash', () => fail(`${label}: the page crashed`));
}

async function newPage(browser, label) {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  watch(page, label);
  return { context, page };
}

async function assertNoAlert(page, label) {
  const alert = await page.locator('[role="alert"]').first().textContent({ timeout: 1000 }).catch(() => null);
  if (alert != null) fail(`${label}: the page shows an alert: ${alert.trim()}`);
}

/** The wasm memory size and the JS heap of a loaded page. */
async function memory(page) {
  const wasmBytes = await page.evaluate(async () => {
    const tag = document.querySelector('script[data-danvan-js]');
    if (!tag) return null;
    const module = await import(new URL(tag.dataset.danvanJs, document.baseURI).href);
    // The module is already instantiated (boot.js awaited it), so init returns its exports.
    const exports = await module.default();
    return exports?.memory?.buffer?.byteLength ?? null;
  });
  const cdp = await page.context().newCDPSession(page);
  const heap = await cdp.send('Runtime.getHeapUsage').catch(() => null);
  await cdp.detach().catch(() => {});
  return { wasmBytes, jsHeapUsedBytes: heap?.usedSize ?? null };
}

// ---------------------------------------------------------------------------------------------
// 2–4. Page loads

/** Waits until the app has measured `danvan:index`: the search index is built. */
async function waitForIndex(page, o, label) {
  try {
    await page.waitForFunction(() => performance.getEntriesByName('danvan:index').length > 0,
      null, { timeout: o.loadTimeoutMs, polling: 50 });
  } catch {
    fail(`${label}: the search index was never built (no danvan:index measure)`);
  }
}

async function pageLoad(browser, server, label, o) {
  const { context, page } = await newPage(browser, label);
  try {
    const response = await page.goto(server.url, { waitUntil: 'commit', timeout: o.loadTimeoutMs });
    if (response?.status() !== 200) fail(`${label}: the page answered ${response?.status()}`);
    await page.waitForFunction(
      () => window.__bench?.firstResults != null || document.querySelector('[role="alert"]'),
      null,
      { timeout: o.loadTimeoutMs, polling: 100 },
    );
    await assertNoAlert(page, label);
    // The list shows from the catalog first; the search index is built after that paint.
    // Wait for it too, so that both times are read from the same load.
    await waitForIndex(page, o, label);
    const timing = await page.evaluate(() => {
      const measure = (name) => performance.getEntriesByName(name, 'measure')[0] ?? null;
      const bundle = performance.getEntriesByType('resource').find((e) => /\/bundle\.json$/.test(e.name));
      const parse = measure('danvan:parse');
      const index = measure('danvan:index');
      return {
        firstRowMs: window.__bench.firstRow,
        firstResultsMs: window.__bench.firstResults,
        firstResultsPaintMs: window.__bench.firstResultsPaint,
        firstResultsFrameMs: window.__bench.firstResultsFrame,
        catalogFetchedMs: performance.getEntriesByType('resource').find((e) => /\/bundle\.catalog\.json$/.test(e.name))?.responseEnd ?? null,
        bundleFetchedMs: bundle?.responseEnd ?? null,
        parseMs: parse?.duration ?? null,
        parseStartMs: parse?.startTime ?? null,
        indexMs: index?.duration ?? null,
        indexEndMs: index ? index.startTime + index.duration : null,
        rows: document.querySelectorAll('[data-report-id]').length,
        count: document.querySelector('[data-testid="result-count"]')?.textContent ?? null,
      };
    });
    const mem = await memory(page);
    const result = { ...timing, ...mem };
    for (const k of ['firstResultsMs', 'bundleFetchedMs', 'parseMs', 'indexMs', 'wasmBytes']) {
      need(result[k], `${label}: ${k}`);
    }
    return result;
  } finally {
    await context.close();
  }
}

/** `n` page loads of `server`, each in a fresh context, and the sizes of what they fetched. */
async function loads(browser, server, label, n, o) {
  const per = [];
  let requested = [];
  for (let i = 0; i < n; i++) {
    const start = server.requests.length;
    per.push(await pageLoad(browser, server, `${label} load ${i + 1}`, o));
    if (i === 0) requested = server.requests.slice(start);
    log(`${label} load ${i + 1}/${n}: first results ${per.at(-1).firstResultsMs?.toFixed(0)} ms`);
  }
  const paths = requested
    .filter((r) => r.status === 200)
    .map((r) => decodeURIComponent(new URL(r.path, 'http://h').pathname).slice(1));
  const pick = (k) => per.map((p) => p[k]).filter((v) => v != null);
  return {
    loads: per,
    firstResultsMs: summary(pick('firstResultsMs')),
    firstResultsPaintMs: summary(pick('firstResultsPaintMs')),
    firstResultsFrameMs: summary(pick('firstResultsFrameMs')),
    catalogFetchedMs: summary(pick('catalogFetchedMs')),
    bundleFetchedMs: summary(pick('bundleFetchedMs')),
    textToWasmMs: summary(per.filter((p) => p.parseStartMs != null && p.bundleFetchedMs != null).map((p) => p.parseStartMs - p.bundleFetchedMs)),
    parseMs: summary(pick('parseMs')),
    indexMs: summary(pick('indexMs')),
    indexEndMs: summary(pick('indexEndMs')),
    wasmMemoryBytes: median(pick('wasmBytes')),
    jsHeapUsedBytes: median(pick('jsHeapUsedBytes')),
    requested: paths,
  };
}

// ---------------------------------------------------------------------------------------------
// 5 and 7. Typing, our per-query time, MiniSearch: one page

/** Installs the keystroke probe on the search box. */
function keystrokeProbe() {
  const input = document.querySelector('#search-q');
  const k = (window.__keys = { recording: false, start: null, via: null, samples: [], errors: [], events: [] });
  // The browser's own measure (Event Timing, as INP uses): a keydown's duration runs from its
  // timestamp to the next paint after its task, which holds the input event and the results;
  // only entries of 16 ms and more are reported, rounded to 8 ms.
  if (PerformanceObserver.supportedEntryTypes?.includes('event')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'keydown') k.events.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16 });
  }
  input.addEventListener('keydown', (e) => {
    k.start = e.timeStamp;
    k.via = 'keydown';
  }, true);
  input.addEventListener('beforeinput', (e) => {
    if (k.start == null) {
      k.start = e.timeStamp;
      k.via = 'beforeinput';
    }
  }, true);
  input.addEventListener('input', () => {
    const { start, via } = k;
    k.start = null;
    if (!k.recording || start == null) return;
    const want = input.value.normalize('NFC');
    window.__bench
      .paintedWhen(() => window.__bench.checks.resultsFor(want), 60_000)
      .then((t) => {
        if (t == null) return k.errors.push(`no results for "${want}" within 60 s`);
        // The query this keystroke caused, to split the latency into query and the rest.
        const run = performance.getEntriesByName('danvan:run').filter((e) => e.startTime >= start).at(-1);
        k.samples.push({ text: want, ms: t - start, start, via, runMs: run?.duration ?? null });
      });
  }, true);
}

/** Sets the search box to `text` (one input event) and waits until the results show it. */
async function setQuery(page, text, timeout) {
  const box = page.locator('#search-q');
  const painted = await paintedAfter(page, 'resultsFor', text.normalize('NFC'), timeout, () => box.fill(text));
  if (painted == null) throw new Error(`the results never showed "${text}"`);
}

async function typing(page, o) {
  await page.evaluate(keystrokeProbe);
  const perQuery = [];
  for (const q of o.queries) {
    await setQuery(page, '', o.viewTimeoutMs);
    await page.locator('#search-q').focus();
    await page.evaluate(() => (window.__keys.recording = true));
    const before = await page.evaluate(() => window.__keys.samples.length);
    let expected = before;
    for (const ch of q) {
      await page.keyboard.type(ch);
      expected++;
      await page.waitForFunction(
        (n) => window.__keys.samples.length >= n || window.__keys.errors.length > 0,
        expected,
        { timeout: o.viewTimeoutMs, polling: 'raf' },
      );
    }
    await page.evaluate(() => (window.__keys.recording = false));
    const { samples, errors } = await page.evaluate(() => window.__keys);
    for (const e of errors) fail(`typing "${q}": ${e}`);
    const mine = samples.slice(before);
    if (mine.length !== [...q].length) fail(`typing "${q}": ${mine.length} of ${[...q].length} keystrokes measured`);
    perQuery.push({ query: q, keystrokes: mine.map((s) => ({ text: s.text, ms: round(s.ms), runMs: round(s.runMs), via: s.via })) });
    log(`typed "${q}": median ${median(mine.map((s) => s.ms))?.toFixed(1)} ms per keystroke`);
  }
  const all = perQuery.flatMap((p) => p.keystrokes.map((k) => k.ms));
  const runs = perQuery.flatMap((p) => p.keystrokes.map((k) => k.runMs).filter((x) => x != null));
  // Event Timing of the keystrokes that had a keydown; an entry arrives after its paint.
  await page.waitForTimeout(200);
  const { samples, events } = await page.evaluate(() => window.__keys);
  const keyed = samples.filter((s) => s.via === 'keydown');
  const durations = keyed.map((s) => events.find((e) => Math.abs(e.start - s.start) < 0.01)?.duration ?? 0);
  const eventTiming = {
    n: durations.length,
    atLeast16: durations.filter((d) => d >= 16).length,
    // Unreported keystrokes took under 16 ms: counted as 0 here, so a p95 of 0 reads "< 16 ms".
    median: round(median(durations)),
    p95: round(quantile(durations, 0.95)),
    max: round(durations.length ? Math.max(...durations) : null),
  };
  return { keystrokeMs: summary(all), keystrokeRunMs: summary(runs), keystrokeEventMs: eventTiming, perQuery };
}

/** The probe's floor: the same typing on a page whose input handler only sets `data-q`. */
async function keystrokeFloor(browser, o) {
  const { context, page } = await newPage(browser, 'empty page');
  try {
    await page.setContent(`<!doctype html><meta charset="utf-8">
      <input id="search-q" type="search"><section class="results" data-q=""></section>
      <script>
        const box = document.querySelector('#search-q');
        const results = document.querySelector('section.results');
        box.addEventListener('input', () => (results.dataset.q = box.value.normalize('NFC')));
      </script>`);
    return await typing(page, o);
  } finally {
    await context.close();
  }
}

/** Our per-query time: the `danvan:run` measure of each search, --repeat times per query. */
async function ourQueries(page, o) {
  const out = [];
  for (const q of o.queries) {
    const samples = [];
    let count = null;
    for (let r = 0; r < o.repeat; r++) {
      // Alternating "q" and "q " makes each set a new search of the same query.
      let text = r % 2 === 0 ? q : `${q} `;
      const current = await page.locator('#search-q').inputValue();
      if (current.normalize('NFC') === text.normalize('NFC')) text = `${q}  `;
      const before = await page.evaluate(() => performance.getEntriesByName('danvan:run').length);
      await setQuery(page, text, o.viewTimeoutMs);
      const runs = await page.evaluate(() => performance.getEntriesByName('danvan:run').map((e) => e.duration));
      if (runs.length !== before + 1) {
        fail(`query "${q}": expected one danvan:run measure, got ${runs.length - before}`);
        continue;
      }
      samples.push(runs.at(-1));
      count = await page.locator('[data-testid="result-count"]').textContent();
    }
    out.push({ query: q, resultCount: count?.trim() ?? null, runMs: summary(samples), samples: samples.map((s) => round(s, 3)) });
    need(median(samples), `danvan:run for "${q}"`);
  }
  return out;
}

/** MiniSearch in the page that already holds our app and its bundle. */
async function miniSearch(page, o) {
  const umd = await readFile(join(REPO, 'node_modules', 'minisearch', 'dist', 'umd', 'index.js'), 'utf8');
  const version = JSON.parse(await readFile(join(REPO, 'node_modules', 'minisearch', 'package.json'), 'utf8')).version;
  // Evaluated through DevTools (not a <script>), so the page's CSP stays as it is.
  await page.evaluate(umd);
  const build = await page.evaluate(async () => {
    const t0 = performance.now();
    const text = await (await fetch('bundle.json', { cache: 'no-store' })).text();
    const t1 = performance.now();
    const data = JSON.parse(text);
    const t2 = performance.now();
    const docs = data.reports.map((r, id) => ({
      id,
      title: r.title ?? '',
      text: r.paragraphs.filter((p) => p.kind !== 'boilerplate').map((p) => p.text).join('\n'),
    }));
    const t3 = performance.now();
    const processTerm = (term) =>
      term.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase() || null;
    const ms = new window.MiniSearch({ fields: ['title', 'text'], processTerm });
    ms.addAll(docs);
    const t4 = performance.now();
    window.__ms = ms;
    return { fetchMs: t1 - t0, jsonParseMs: t2 - t1, documentsMs: t3 - t2, addAllMs: t4 - t3, documents: docs.length, terms: ms.termCount };
  });
  const options = { combineWith: 'AND', prefix: false, fuzzy: false };
  const queries = [];
  for (const q of o.queries) {
    const r = await page.evaluate(
      ([q, options, repeat]) => {
        const ms = window.__ms;
        const once = () => {
          const t = performance.now();
          const hits = ms.search(q, options);
          return [performance.now() - t, hits.length];
        };
        const [first, hits] = once(); // also the warm-up
        // performance.now() is coarse (0.1 ms) without cross-origin isolation: short calls are
        // timed in batches of `batch` and divided.
        const batch = first < 2 ? Math.min(1000, Math.ceil(2 / Math.max(first, 0.05))) : 1;
        const samples = [];
        for (let i = 0; i < repeat; i++) {
          const t = performance.now();
          for (let j = 0; j < batch; j++) ms.search(q, options);
          samples.push((performance.now() - t) / batch);
        }
        return { hits, batch, samples };
      },
      [q, options, o.msRepeat],
    );
    queries.push({ query: q, hits: r.hits, batch: r.batch, searchMs: summary(r.samples) });
  }
  return { version, options: { ...options, fields: ['title', 'text'], processTerm: 'NFD, strip \\p{M}, đ/Đ→d, lower-case' }, build: roundAll(build), queries };
}

function roundAll(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}

async function searchPage(browser, server, o, { typingOnly = false } = {}) {
  const { context, page } = await newPage(browser, 'search page');
  try {
    await page.goto(server.url, { waitUntil: 'commit', timeout: o.loadTimeoutMs });
    await page.waitForFunction(() => window.__bench?.firstResults != null || document.querySelector('[role="alert"]'),
      null, { timeout: o.loadTimeoutMs, polling: 100 });
    await assertNoAlert(page, 'search page');
    // Typing before the index is built would time the "building the index" notice.
    await waitForIndex(page, o, 'search page');
    const measures = await page.evaluate(() => ({
      parseMs: performance.getEntriesByName('danvan:parse')[0]?.duration ?? null,
      indexMs: performance.getEntriesByName('danvan:index')[0]?.duration ?? null,
    }));
    log('typing the query script');
    const keys = await typing(page, o);
    if (typingOnly) return { measures, keys };
    log('timing our search per query');
    const ours = await ourQueries(page, o);
    log('MiniSearch in the same page');
    const ms = await miniSearch(page, o);
    await assertNoAlert(page, 'search page');
    return { measures, keys, ours, ms };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 6. The compare and figures views

/** The view `query` in a fresh context: navigation to the view painted (`ready` present),
 *  then --repeat filter changes, each timed from its event to the paint showing it. */
async function viewBench(browser, server, label, query, ready, changes, o) {
  const { context, page } = await newPage(browser, label);
  const result = { view: query, renderMs: null, changeMs: null, samples: [], timedOut: false };
  try {
    await page.goto(`${server.url}?${query}`, { waitUntil: 'commit', timeout: o.loadTimeoutMs });
    // Resolves with performance.now() of the new document: time since its navigation started.
    const painted = await withDeadline(
      page.evaluate(
        ([ready, timeout]) => window.__bench.paintedWhen(() => window.__bench.checks.present(ready), timeout),
        [ready, o.viewTimeoutMs],
      ),
      o.viewTimeoutMs + 5000,
    );
    await assertNoAlert(page, label);
    if (painted == null) {
      result.timedOut = true;
      return result;
    }
    result.renderMs = round(painted);
    const plan = await changes.prepare(page);
    if (!plan) {
      fail(`${label}: nothing to change (no topic or unit)`);
      return result;
    }
    let reps = o.repeat;
    for (let i = 0; i < reps; i++) {
      const { check, arg, stampKey } = changes.step(plan, i);
      const t1 = await paintedAfter(page, check, arg, o.viewTimeoutMs, () => changes.act(page, plan, i, o));
      if (t1 == null) {
        result.timedOut = true;
        break;
      }
      const t0 = await page.evaluate((k) => window.__bench[k], stampKey);
      result.samples.push(round(t1 - t0));
      if (i === 0 && t1 - t0 > 10_000) reps = Math.min(reps, 1);
    }
    result.changeMs = summary(result.samples);
    return result;
  } catch (error) {
    // A view too slow for the time limits is a result, not a reason to lose the others.
    if (!/Timeout/i.test(String(error))) throw error;
    result.timedOut = true;
    result.error = String(error).split('\n')[0];
    result.changeMs = summary(result.samples);
    return result;
  } finally {
    await context.close();
  }
}

/** Part 6: both views, each checked for a result. */
async function viewBenches(browser, server, o) {
  log('compare and figures views');
  const views = [
    await viewBench(browser, server, 'compare view', 'view=compare', '[data-compare-side="b"]', compareChanges, o),
    await viewBench(browser, server, 'figures view', 'view=figures', '[data-testid="figure-count"]', figuresChanges, o),
  ];
  for (const v of views) {
    if (v.timedOut) (o.smoke ? fail : log)(`${v.view}: timed out after ${o.viewTimeoutMs / 1000} s`);
    else need(v.changeMs?.median, `${v.view}: filter change`);
    log(`${v.view}: ${JSON.stringify(v.samples)}`);
  }
  return views;
}

const compareChanges = {
  async prepare(page) {
    const topic = await page.locator('.topic-pair[data-topic]').first().getAttribute('data-topic', { timeout: 5000 }).catch(() => null);
    return topic ? { topic } : null;
  },
  // Even steps select the topic, odd steps clear it again.
  step: (plan, i) => ({ check: 'topicPressed', arg: { topic: plan.topic, want: i % 2 === 0 ? 'true' : 'false' }, stampKey: 'lastClick' }),
  // The click returns once the page has handled it, i.e. after the synchronous recomputation.
  act: (page, plan, i, o) => page.locator(`.topic-pair[data-topic="${plan.topic}"] .topic-toggle`).click({ timeout: o.viewTimeoutMs }),
};

const figuresChanges = {
  async prepare(page) {
    const units = await page.locator('#unit-select option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    return units.length >= 2 ? { units } : null;
  },
  // Even steps choose the second unit; odd steps go back to "all units", whose chart shows
  // the most common unit (the first).
  step: (plan, i) => ({ check: 'unitCharted', arg: i % 2 === 0 ? plan.units[1] : plan.units[0], stampKey: 'lastChange' }),
  act: (page, plan, i, o) => page.locator('#unit-select').selectOption(i % 2 === 0 ? plan.units[1] : '', { timeout: o.viewTimeoutMs }),
};

// ---------------------------------------------------------------------------------------------
// Budgets and the summary

const KB = 1000;
function verdicts(r) {
  const wasm = r.sizes.seed.resources.find((x) => x.kind === 'wasm');
  const v = [];
  const add = (budget, value, ok) => v.push({ budget, value, ok });
  add('wasm ≤ 250 KB gzip', `${(wasm?.gzip9 / KB).toFixed(1)} KB`, wasm != null && wasm.gzip9 <= 250 * KB);
  add('seed site first load < 350 KB gzip', `${(r.sizes.seed.total.gzip9 / KB).toFixed(1)} KB`, r.sizes.seed.total.gzip9 < 350 * KB);
  const first = r.loads.synthetic.firstResultsMs.median;
  add(`${r.options.reports} reports: navigation to first results < 1.5 s`, `${(first / 1000).toFixed(2)} s`, first != null && first < 1500);
  const p95 = r.search.keystrokeMs.p95;
  const floor = r.search.keystrokeFloorMs?.p95;
  add('keystroke to painted results p95 < 16 ms', `${p95?.toFixed(1)} ms (an empty page: ${floor?.toFixed(1)} ms)`, p95 != null && p95 < 16);
  const et = r.search.keystrokeEventMs;
  add('… by Event Timing (keydown → next paint) p95 < 16 ms', et.p95 >= 16 ? `${et.p95} ms` : `< 16 ms (${et.atLeast16} of ${et.n} at 16 ms or more)`, et.n > 0 && et.p95 < 16);
  const g = r.comparison.searchRatioGeomean;
  add('search at least as fast as MiniSearch (geometric mean of ours/MiniSearch ≤ 1)', `${g?.toFixed(2)}×`, g != null && g <= 1);
  const w = r.comparison.searchRatioWorst;
  add('… on every query (the slowest ours/MiniSearch ≤ 1)', w ? `${w.ratio.toFixed(2)}× (${w.query})` : 'not measured', w != null && w.ratio <= 1);
  return v;
}

function fmtBytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} KB`;
}

/** The table of part 6: one line per view. */
function viewLines(r) {
  return r.views.map((v) => {
    const what = v.timedOut ? `timed out (> ${r.options.viewTimeoutMs / 1000} s)` : `${v.changeMs?.median} ms (n=${v.changeMs?.n}, ${v.changeMs?.min}–${v.changeMs?.max}); view painted ${v.renderMs} ms after navigation`;
    return `| ${v.view}: filter change → painted (median) | | ${what} |`;
  });
}

/** The keystroke rows of a summary table (`pad` fills the seed site's column, if any). */
function keystrokeLines(r, pad = '') {
  const k = r.search.keystrokeMs;
  const kr = r.search.keystrokeRunMs;
  const kf = r.search.keystrokeFloorMs;
  const ev = (e) => `${e.atLeast16} of ${e.n} keystrokes at 16 ms or more; p95 ${e.p95 >= 16 ? `${e.p95} ms` : '< 16 ms'} (max ${e.max >= 16 ? `${e.max} ms` : '< 16 ms'})`;
  return [
    `| keystroke → painted results, p50 / p95 (${k.n} keystrokes) | ${pad}${k.median} / ${k.p95} ms (max ${k.max}) |`,
    `| of which the query (danvan:run), p50 / p95 | ${pad}${kr.median} / ${kr.p95} ms |`,
    `| the same probe on an empty page (its floor), p50 / p95 | ${pad}${kf.median} / ${kf.p95} ms (max ${kf.max}) |`,
    `| Event Timing (the browser's keydown → next paint, as INP) | ${pad}${ev(r.search.keystrokeEventMs)}; an empty page: ${ev(r.search.keystrokeFloorEventMs)} |`,
  ];
}

function markdown(r) {
  const lines = [];
  const m = r.machine;
  lines.push(`Browser benchmark, ${m.date.slice(0, 10)}: ${m.nproc} cores, ${m.cpu}, Chromium ${m.chromium}, Node ${m.node}, commit ${m.commit?.slice(0, 7)}${m.dirty ? ' (dirty)' : ''}, load average at start ${m.loadavg}.`);
  lines.push('');
  for (const [name, s] of Object.entries(r.sizes)) {
    lines.push(`| ${name} site resource | raw | gzip -9 | brotli |`, '|---|---|---|---|');
    for (const x of s.resources) lines.push(`| ${x.kind} (${x.file}) | ${fmtBytes(x.raw)} | ${fmtBytes(x.gzip9)} | ${fmtBytes(x.brotli)} (q${x.brotliQuality}) |`);
    lines.push(`| **total** | ${fmtBytes(s.total.raw)} | ${fmtBytes(s.total.gzip9)} | ${fmtBytes(s.total.brotli)} |`, '');
  }
  lines.push('| measure | seed site | ' + `${r.options.reports} reports |`, '|---|---|---|');
  const row = (label, key, unit = 'ms') => lines.push(`| ${label} | ${r.loads.seed[key].median} ${unit} | ${r.loads.synthetic[key].median} ${unit} (${r.loads.synthetic[key].min}–${r.loads.synthetic[key].max}) |`);
  const rowIf = (label, key) => r.loads.synthetic[key]?.n ? row(label, key) : null;
  row('navigation → first results painted (median)', 'firstResultsMs');
  rowIf('… by Element Timing (the browser\'s render time)', 'firstResultsPaintMs');
  rowIf('… by requestAnimationFrame + timer (after the app\'s queued tasks)', 'firstResultsFrameMs');
  rowIf('navigation → bundle.catalog.json downloaded', 'catalogFetchedMs');
  row('navigation → bundle.json downloaded', 'bundleFetchedMs');
  row('bundle.json downloaded → parse starts (array buffer, copy into wasm)', 'textToWasmMs');
  row('danvan:parse (Bundle::from_json_bytes)', 'parseMs');
  row('danvan:index (the search index, in slices between frames, after the first paint)', 'indexMs');
  row('navigation → search index built (search ready)', 'indexEndMs');
  lines.push(`| wasm memory after load | ${fmtBytes(r.loads.seed.wasmMemoryBytes)} | ${fmtBytes(r.loads.synthetic.wasmMemoryBytes)} |`);
  lines.push(`| JS heap used after load | ${fmtBytes(r.loads.seed.jsHeapUsedBytes)} | ${fmtBytes(r.loads.synthetic.jsHeapUsedBytes)} |`);
  lines.push(...keystrokeLines(r, '| '));
  lines.push(...viewLines(r));
  lines.push('');
  lines.push(`| query | results (ours) | ours: danvan:run median | MiniSearch ${r.minisearch.version}: hits, median | ours / MiniSearch |`, '|---|---|---|---|---|');
  for (const c of r.comparison.perQuery) {
    lines.push(`| \`${c.query}\` | ${c.resultCount} | ${c.oursMs} ms | ${c.msHits}, ${c.msMs} ms | ${c.ratio}× |`);
  }
  const b = r.minisearch.build;
  lines.push('');
  lines.push(`Parse + index: ours ${r.comparison.oursParseIndexMs} ms (danvan:parse + danvan:index); MiniSearch ${r.comparison.msParseIndexMs} ms (JSON.parse ${b.jsonParseMs} + documents ${b.documentsMs} + addAll ${b.addAllMs}); ratio ${r.comparison.parseIndexRatio}×. Search: geometric mean of ours/MiniSearch ${r.comparison.searchRatioGeomean?.toFixed(2)}×.`);
  lines.push('');
  lines.push('| budget | measured | verdict |', '|---|---|---|');
  for (const v of r.verdicts) lines.push(`| ${v.budget} | ${v.value} | ${v.ok ? 'met' : '**missed**'} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** Writes the results of a one-part run (--views-only, --typing-only) and prints its table. */
async function writePart(result, o, t0, title, table) {
  result.elapsedS = round((Date.now() - t0) / 1000, 1);
  result.failures = failures;
  await mkdir(join(o.out, '..'), { recursive: true });
  await writeFile(o.out, JSON.stringify(result, null, 2) + '\n');
  const m = result.machine;
  console.log(`${title} benchmark, ${m.date.slice(0, 10)}: ${m.nproc} cores, Chromium ${m.chromium}, commit ${m.commit?.slice(0, 7)}${m.dirty ? ' (dirty)' : ''}, load average at start ${m.loadavg}.\n`);
  console.log(table.join('\n'));
  console.log(`\nwritten: ${relative(REPO, o.out)} (${result.elapsedS} s)`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  requireDist();
  const t0 = Date.now();
  const bundle = await syntheticBundle(o.reports, o.seed, o.fresh);
  const site = await siteWith(bundle, `site-${o.reports}-seed${o.seed}`);
  const seedServer = await serveStatic(DIST);
  const synthServer = await serveStatic(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const result = { options: { reports: o.reports, seed: o.seed, loads: o.loads, repeat: o.repeat, smoke: o.smoke, viewTimeoutMs: o.viewTimeoutMs, queries: o.queries, viewsOnly: Boolean(o.viewsOnly), typingOnly: Boolean(o.typingOnly) } };
    result.machine = await machine(browser.version());
    log(`machine: ${JSON.stringify(result.machine)}`);
    if (o.viewsOnly) {
      result.views = await viewBenches(browser, synthServer, o);
      await writePart(result, o, t0, 'Views', ['| measure | | ' + `${o.reports} reports |`, '|---|---|---|', ...viewLines(result)]);
      return;
    }

    if (o.typingOnly) {
      const s = await searchPage(browser, synthServer, o, { typingOnly: true });
      result.search = { ...s.measures, keystrokeMs: s.keys.keystrokeMs, keystrokeRunMs: s.keys.keystrokeRunMs, keystrokeEventMs: s.keys.keystrokeEventMs, typed: s.keys.perQuery };
      log('the keystroke probe on an empty page (its floor)');
      const floor = await keystrokeFloor(browser, o);
      result.search.keystrokeFloorMs = floor.keystrokeMs;
      result.search.keystrokeFloorEventMs = floor.keystrokeEventMs;
      await writePart(result, o, t0, 'Typing', ['| measure | ' + `${o.reports} reports |`, '|---|---|', ...keystrokeLines(result)]);
      return;
    }

    result.loads = {
      seed: await loads(browser, seedServer, 'seed site', o.loads, o),
      synthetic: await loads(browser, synthServer, `${o.reports}-report site`, o.loads, o),
    };
    result.sizes = {
      seed: await siteSizes(DIST, result.loads.seed.requested),
      [`${o.reports}-report`]: await siteSizes(site, result.loads.synthetic.requested),
    };
    for (const kind of ['html', 'js', 'wasm', 'css', 'boot.js', 'bundle.json']) {
      if (!result.sizes.seed.resources.some((r) => r.kind === kind)) fail(`the seed page did not request its ${kind}`);
    }

    const s = await searchPage(browser, synthServer, o);
    result.search = { ...s.measures, keystrokeMs: s.keys.keystrokeMs, keystrokeRunMs: s.keys.keystrokeRunMs, keystrokeEventMs: s.keys.keystrokeEventMs, typed: s.keys.perQuery, perQuery: s.ours };
    result.minisearch = s.ms;
    log('the keystroke probe on an empty page (its floor)');
    const floor = await keystrokeFloor(browser, o);
    result.search.keystrokeFloorMs = floor.keystrokeMs;
    result.search.keystrokeFloorEventMs = floor.keystrokeEventMs;
    need(result.search.keystrokeFloorMs.median, 'keystrokes on the empty page');

    result.views = await viewBenches(browser, synthServer, o);

    const perQuery = result.search.perQuery.map((ours, i) => {
      const ms = result.minisearch.queries[i];
      const ratio = ours.runMs.median / ms.searchMs.median;
      return { query: ours.query, resultCount: ours.resultCount, oursMs: ours.runMs.median, msHits: ms.hits, msMs: ms.searchMs.median, ratio: round(ratio) };
    });
    const b = result.minisearch.build;
    const oursParseIndex = (result.search.parseMs ?? NaN) + (result.search.indexMs ?? NaN);
    const msParseIndex = b.jsonParseMs + b.documentsMs + b.addAllMs;
    result.comparison = {
      perQuery,
      searchRatioGeomean: round(geomean(perQuery.map((p) => p.ratio).filter((x) => Number.isFinite(x) && x > 0)), 3),
      searchRatioWorst: perQuery.filter((p) => Number.isFinite(p.ratio)).reduce((a, p) => (a == null || p.ratio > a.ratio ? { query: p.query, ratio: p.ratio } : a), null),
      oursParseIndexMs: round(oursParseIndex),
      msParseIndexMs: round(msParseIndex),
      parseIndexRatio: round(oursParseIndex / msParseIndex),
    };
    need(result.comparison.searchRatioGeomean, 'search ratio');
    need(result.comparison.parseIndexRatio, 'parse + index ratio');
    result.verdicts = verdicts(result);
    result.elapsedS = round((Date.now() - t0) / 1000, 1);
    result.failures = failures;

    await mkdir(join(o.out, '..'), { recursive: true });
    await writeFile(o.out, JSON.stringify(result, null, 2) + '\n');
    console.log(markdown(result));
    console.log(`\nwritten: ${relative(REPO, o.out)} (${result.elapsedS} s)`);
  } finally {
    await browser.close();
    await seedServer.close();
    await synthServer.close();
  }
}

main().then(() => {
  if (failures.length) {
    console.error(`\n${failures.length} failure(s):\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}, (error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
