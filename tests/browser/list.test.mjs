// The built site lists the compiled seed reports, at the root and under a sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, REPO, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

let root;
let sub;
let bundleIds;
let seedCount;

before(async () => {
  requireDist();
  root = await serveStatic(DIST, { mount: '/' });
  sub = await serveStatic(DIST, { mount: '/explorer/' });
  const bundle = JSON.parse(await readFile(join(DIST, 'bundle.json'), 'utf8'));
  bundleIds = bundle.reports.map((r) => r.id);
  seedCount = (await readdir(join(REPO, 'data', 'reports'))).filter((f) => f.endsWith('.txt')).length;
});

after(async () => {
  await root?.close();
  await sub?.close();
});

test('the built bundle holds one report per seed file', () => {
  assert.equal(seedCount, 5, 'the seed corpus has five reports');
  assert.equal(bundleIds.length, seedCount);
});

test('the site at the root lists the five seed reports', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(root.url);
    assert.deepEqual((await explorer.reportIds()).sort(), [...bundleIds].sort());
    assert.equal(await explorer.resultCount(), '5 báo cáo');
    assert.equal(await explorer.alert().count(), 0);
    explorer.assertCleanConsole();
  });
});

test('the site under /explorer/ lists the five seed reports with only relative URLs', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(sub.url);
    assert.equal((await explorer.reportIds()).length, 5);
    assert.equal(await explorer.resultCount(), '5 báo cáo');
    explorer.assertCleanConsole();
    const outside = sub.requests.filter((r) => !r.path.startsWith('/explorer/'));
    assert.deepEqual(outside, [], 'nothing is requested outside the sub-path');
  });
});

test('the sub-path server refuses paths outside its mount', async () => {
  const response = await fetch(`${sub.origin}/index.html`);
  assert.equal(response.status, 404);
  const wasm = (await readdir(DIST)).find((f) => f.endsWith('.wasm'));
  const served = await fetch(`${sub.url}${wasm}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'application/wasm');
});

test('?lang=en shows the interface in English', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(`${root.url}?lang=en`);
    assert.equal(await explorer.resultCount(), '5 reports');
    assert.equal(await explorer.page.locator('html').getAttribute('lang'), 'en');
    explorer.assertCleanConsole();
  });
});

test('every listed report shows a heading, a date or "undated", and its city', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(root.url);
    const items = explorer.page.locator('[data-report-id]');
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      assert.notEqual((await item.locator('.report-title').innerText()).trim(), '');
      assert.notEqual((await item.locator('.report-date').innerText()).trim(), '');
      assert.match(await item.locator('.report-city').innerText(), /Hà Nội|TP\. Hồ Chí Minh|Toàn quốc|Khác/);
    }
  });
});
