// The catalog (bundle.catalog.json, the report list without the text) lets the list show before
// the bundle is in. Held back, the bundle leaves a working list and facets; a search and the
// views that read the text say they are waiting, then work when it comes. A catalog that does
// not match the bundle, or that is broken, gives way to the bundle.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

let site;
let bundle;
let catalog;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/explorer/' });
  bundle = JSON.parse(await readFile(join(DIST, 'bundle.json'), 'utf8'));
  catalog = JSON.parse(await readFile(join(DIST, 'bundle.catalog.json'), 'utf8'));
});

after(async () => {
  await site?.close();
});

/** Holds bundle.json back until the returned function is called. */
async function holdBundle(page) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route('**/bundle.json', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('the site ships a catalog of every report of its bundle, in bundle order', () => {
  assert.equal(catalog.schema_version, 1);
  assert.deepEqual(catalog.reports.map((r) => r.id), bundle.reports.map((r) => r.id));
  for (const [i, entry] of catalog.reports.entries()) {
    assert.equal(entry.paragraphs, bundle.reports[i].paragraphs.length);
    assert.equal(entry.title, bundle.reports[i].title);
    assert.equal('paragraphs' in entry && !('figures' in entry), true, 'no text in the catalog');
  }
  assert.ok(JSON.stringify(catalog).length * 5 < JSON.stringify(bundle).length, 'much smaller');
});

test('with the text held back, the list and facets work from the catalog', async (t) => {
  await withExplorer(t, async (explorer) => {
    const release = await holdBundle(explorer.page);
    await explorer.open(site.url);
    assert.equal(await explorer.resultCount(), '5 báo cáo');
    assert.deepEqual(
      (await explorer.reportIds()).sort(),
      bundle.reports.map((r) => r.id).sort(),
    );
    // A facet filters at once.
    const hanoi = bundle.reports.filter((r) => r.city === 'hanoi').length;
    await explorer.facetValue('city', 'hanoi').click();
    await explorer.waitForCount(`${hanoi} báo cáo`);

    // A search waits for the text, and says so rather than "no results".
    await explorer.searchBox().fill('dân vận khéo');
    const waiting = explorer.page.getByTestId('indexing');
    await waiting.waitFor();
    assert.match(await waiting.innerText(), /Đang chuẩn bị tìm kiếm/);

    // So does a report opened meanwhile.
    const id = bundle.reports.find((r) => r.city === 'hanoi').id;
    await explorer.page.goto(`${site.url}?view=read&doc=${id}`);
    const loading = explorer.page.getByTestId('text-loading');
    await loading.waitFor();
    assert.match(await loading.innerText(), /Đang tải nội dung các báo cáo/);

    release();
    await explorer.page.locator('.reader').waitFor();
    assert.equal(await loading.count(), 0);
    assert.ok((await explorer.page.locator('.reader [data-paragraph]').count()) > 3);
    explorer.assertCleanConsole();
  });
});

test('a search opened before the text comes shows its results once it is indexed', async (t) => {
  await withExplorer(t, async (explorer) => {
    const release = await holdBundle(explorer.page);
    await explorer.page.goto(`${site.url}?q=d%C3%A2n+v%E1%BA%ADn+kh%C3%A9o`);
    await explorer.page.getByTestId('indexing').waitFor();
    release();
    await explorer.page.getByTestId('result-count').waitFor();
    assert.equal(await explorer.page.getByTestId('indexing').count(), 0);
    assert.ok((await explorer.reportIds()).length > 0);
    // The hits are marked in the titles or snippets.
    await explorer.page.locator('.report-list mark').first().waitFor();
    explorer.assertCleanConsole();
  });
});

test('a catalog from another compilation gives way to the bundle', async (t) => {
  await withExplorer(t, async (explorer) => {
    // The bundle loses its first report and renames another; the catalog is the site's own.
    const [dropped, renamed, ...rest] = bundle.reports;
    const changed = { ...bundle, reports: [{ ...renamed, title: 'Tiêu đề mới của báo cáo' }, ...rest] };
    let release;
    const held = new Promise((ok) => (release = ok));
    await explorer.page.route('**/bundle.json', async (route) => {
      await held;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(changed) });
    });
    await explorer.open(site.url);
    assert.equal(await explorer.resultCount(), '5 báo cáo', 'the catalog shows first');
    release();
    await explorer.waitForCount('4 báo cáo');
    assert.ok(!(await explorer.reportIds()).includes(dropped.id));
    const title = explorer.page.locator(`[data-report-id="${renamed.id}"] .report-title`);
    assert.equal(await title.innerText(), 'Tiêu đề mới của báo cáo');
    // The reader opens the bundle's reports by the bundle's numbering: the last report is
    // number 3 in the bundle but 4 in the catalog. Opened from the list, in the same page (a
    // new page load would race the catalog and the bundle again).
    const last = rest.at(-1);
    await explorer.page.locator(`[data-report-id="${last.id}"] .report-title a`).click();
    await explorer.page.locator('.reader').waitFor();
    assert.equal(await explorer.page.locator('.reader').getAttribute('data-report-id'), last.id);
    const entry = catalog.reports.find((r) => r.id === last.id);
    assert.equal(
      (await explorer.page.locator('.reader-title').innerText()).trim(),
      (entry.title ?? entry.heading).trim(),
    );
    const warnings = explorer.problems.consoleWarnings.filter((l) => /does not match bundle\.json/.test(l));
    assert.equal(warnings.length, 1, JSON.stringify(explorer.problems.consoleWarnings));
    explorer.assertCleanConsole();
  });
});

test('a broken catalog is passed over: the list comes from the bundle', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.route('**/bundle.catalog.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version":1,"reports":' }),
    );
    await explorer.open(site.url);
    assert.equal(await explorer.resultCount(), '5 báo cáo');
    assert.equal(await explorer.alert().count(), 0);
    const warnings = explorer.problems.consoleWarnings.filter((l) => /bundle\.catalog\.json not used/.test(l));
    assert.equal(warnings.length, 1, JSON.stringify(explorer.problems.consoleWarnings));
    explorer.assertCleanConsole();
  });
});
