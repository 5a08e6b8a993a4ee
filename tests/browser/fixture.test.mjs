// Report text is data: markup in it shows as text, and a report without a title gets its first
// body sentence as heading. Uses a hand-written bundle (fixtures/two-reports.json).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'two-reports.json');
let site;
let fixture;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/' });
  fixture = await readFile(FIXTURE, 'utf8');
});

after(async () => {
  await site?.close();
});

async function openWithFixture(explorer) {
  await explorer.withoutCatalog();
  await explorer.page.route('**/bundle.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: fixture }),
  );
  await explorer.open(site.url);
}

test('markup in report text is shown as text, never run', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openWithFixture(explorer);
    assert.equal(await explorer.resultCount(), '2 báo cáo');
    const title = explorer.page.locator('[data-report-id="r-0"] .report-title');
    assert.equal(
      await title.innerText(),
      'Dân vận khéo <b>ở</b> TP.HCM <img src=x onerror="window.__pwned=1">',
    );
    assert.equal(await explorer.page.locator('.report-list img, .report-list b').count(), 0);
    assert.equal(await explorer.page.evaluate(() => window.__pwned), undefined);
    explorer.assertCleanConsole();
  });
});

test('a report without a title is headed by its first body sentence, shortened', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openWithFixture(explorer);
    const title = explorer.page.locator('[data-report-id="r-1"] .report-title');
    const text = await title.innerText();
    assert.match(text, /^Thành uỷ Hà Nội tổ chức hội nghị tổng kết công tác dân vận/);
    assert.match(text, /…$/);
    assert.ok([...text].length <= 110, `at most 110 chars: ${text}`);
    assert.equal(await title.getAttribute('class'), 'report-title from-body');
    assert.equal(
      await explorer.page.locator('[data-report-id="r-1"] .report-date').innerText(),
      'tháng 1/2024',
    );
    explorer.assertCleanConsole();
  });
});
