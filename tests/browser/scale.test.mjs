// Views at corpus scale: a bundle of the seed reports repeated forty times (thousands of
// figures). The figures table pages its rows, the unit chart draws a few bars per place, and the
// compare view lists a few figures per unit, linking to the rest, so none builds a table or a
// chart of every figure.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

const COPIES = 40;
let site;
let big;
let figures;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/' });
  const seed = JSON.parse(await readFile(join(DIST, 'bundle.json'), 'utf8'));
  const reports = [];
  for (let k = 0; k < COPIES; k++) {
    for (const r of seed.reports) {
      reports.push({ ...r, id: `${r.id}-${k}`, file: `${k}-${r.file}` });
    }
  }
  figures = reports.reduce((n, r) => n + r.figures.length, 0);
  big = JSON.stringify({ ...seed, reports });
});

after(async () => {
  await site?.close();
});

/** Opens `query` on the big bundle and waits for `ready` to show. */
async function openBig(explorer, query, ready) {
  await explorer.withoutCatalog();
  await explorer.page.route('**/bundle.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: big }),
  );
  const response = await explorer.page.goto(`${site.url}${query}`);
  assert.equal(response?.status(), 200);
  await explorer.page.locator(ready).first().waitFor({ timeout: 30_000 });
}

test('the figures table shows a page of rows and more on request', async (t) => {
  await withExplorer(t, async (explorer) => {
    assert.ok(figures > 250, `the test bundle has many figures (${figures})`);
    await openBig(explorer, '?view=figures', '.figures-table');
    const rows = explorer.page.locator('.figures-table tbody tr');
    await explorer.until(async () => (await rows.count()) === 100, '100 rows');
    const more = explorer.page.getByTestId('figures-show-more');
    assert.match(await explorer.page.locator('.figures-view > .show-more').innerText(), new RegExp(`100/${figures}`));
    await more.click();
    await explorer.until(async () => (await rows.count()) === 200, '200 rows');
    // A sort starts again from the first page, sorted over every figure, not only those shown.
    await explorer.page.locator('th[data-column="value"] button').click();
    await explorer.until(async () => (await rows.count()) === 100, 'back to 100 rows');
    const values = await rows.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-figure-value'))));
    const all = JSON.parse(big).reports.flatMap((r) => r.figures.map((f) => f.value)).sort((a, b) => a - b);
    assert.deepEqual(values, all.slice(0, 100));
    explorer.assertCleanConsole();
  });
});

test('the unit chart draws a few bars per place, each linked to its sentence, and more on request', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openBig(explorer, '?view=figures', '.chart-unit svg');
    // "mô hình", the most common unit: 80 figures in Hà Nội and 40 in TP.HCM.
    const total = JSON.parse(big).reports.reduce(
      (n, r) => n + r.figures.filter((f) => f.unit.toLowerCase() === 'mô hình').length, 0);
    assert.equal(total, 120);
    const chart = explorer.page.locator('.chart-unit');
    assert.match(await chart.locator('figcaption strong').innerText(), /“mô hình”/i);
    const bars = chart.locator('svg a[href*="view=read"] rect');
    const twins = chart.locator('details table tbody tr');
    const perPlace = () => chart.locator('svg .bar-row').evaluateAll((rows) => {
      const n = {};
      for (const r of rows) {
        const city = [...r.classList].find((c) => c.startsWith('city-'));
        n[city] = (n[city] ?? 0) + 1;
      }
      return n;
    });
    assert.equal(await bars.count(), 50);
    assert.deepEqual(await perPlace(), { 'city-hanoi': 25, 'city-hcmc': 25 });
    assert.equal(await twins.count(), 50, 'the twin table holds the bars drawn');
    assert.match(await chart.locator('.show-more').innerText(), /50\/120/);
    // Every bar opens its figure's paragraph in the reader.
    for (const href of await chart.locator('svg a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const to = new URL(href, site.url).searchParams;
      assert.equal(to.get('view'), 'read');
      assert.ok(to.get('doc') && to.get('p') != null, href);
    }
    await chart.getByTestId('chart-show-more').click();
    await explorer.until(async () => (await bars.count()) === 90, '90 bars');
    assert.deepEqual(await perPlace(), { 'city-hanoi': 50, 'city-hcmc': 40 });
    // 25 more per place each time: Hà Nội 75, then all 80.
    await chart.getByTestId('chart-show-more').click();
    await explorer.until(async () => (await bars.count()) === 115, '115 bars');
    await chart.getByTestId('chart-show-more').click();
    await explorer.until(async () => (await bars.count()) === 120, 'every bar');
    assert.equal(await chart.getByTestId('chart-show-more').count(), 0);
    assert.equal(await twins.count(), 120);
    // Another unit starts again from a few bars per place.
    await explorer.page.locator('#unit-select').selectOption('cá nhân');
    await explorer.until(async () => /“cá nhân”/.test(await chart.locator('figcaption strong').innerText()), 'the new unit');
    assert.deepEqual(await perPlace(), { 'city-hcmc': 25 });
    explorer.assertCleanConsole();
  });
});

test('the compare view lists a few figures per unit and links to the rest', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openBig(explorer, '?view=compare', '.unit-match[data-unit="mô hình"]');
    const unit = explorer.page.locator('.unit-match[data-unit="mô hình"]');
    assert.equal(await unit.locator('.side-a [data-figure-value]').count(), 12);
    const link = unit.locator('.side-a .note a');
    assert.match(await link.innerText(), /số liệu nữa/);
    const to = new URL(await link.getAttribute('href'), site.url).searchParams;
    assert.equal(to.get('view'), 'figures');
    assert.equal(to.get('unit'), 'mô hình');
    explorer.assertCleanConsole();
  });
});
