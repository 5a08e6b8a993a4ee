// A bundle that is missing, unreachable, malformed or of another schema version gives a readable
// alert in Vietnamese and English; never a blank page, never an uncaught error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { FAILED_RESOURCE, withExplorer } from './support/explorer.mjs';

let site;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/explorer/' });
});

after(async () => {
  await site?.close();
});

/** Opens the site with bundle.json answered by `fulfil` and returns the alert's text. */
async function alertFor(explorer, fulfil) {
  await explorer.page.route('**/bundle.json', fulfil);
  await explorer.open(site.url);
  const alert = explorer.alert();
  await alert.waitFor();
  assert.equal(await explorer.page.locator('[data-report-id]').count(), 0);
  return alert.innerText();
}

const json = (body) => (route) =>
  route.fulfill({ status: 200, contentType: 'application/json', body });

test('a missing bundle (404) shows an alert naming the cause', async (t) => {
  await withExplorer(t, async (explorer) => {
    const text = await alertFor(explorer, (route) => route.fulfill({ status: 404, body: 'nope' }));
    assert.match(text, /Không tìm thấy tệp dữ liệu bundle\.json/);
    assert.match(text, /bundle\.json was not found/);
    assert.match(text, /HTTP 404/);
    explorer.assertCleanConsole({ allowedErrors: [FAILED_RESOURCE] });
  });
});

test('an unreachable bundle (network error) shows an alert', async (t) => {
  await withExplorer(t, async (explorer) => {
    const text = await alertFor(explorer, (route) => route.abort('connectionrefused'));
    assert.match(text, /Không kết nối được/);
    assert.match(text, /Could not reach the server/);
    explorer.assertCleanConsole({ allowedErrors: [FAILED_RESOURCE] });
  });
});

test('a truncated bundle shows an alert with the parser reason', async (t) => {
  await withExplorer(t, async (explorer) => {
    const text = await alertFor(explorer, json('{"schema_version":1,"reports":'));
    assert.match(text, /bị hỏng hoặc không đúng định dạng/);
    assert.match(text, /damaged or not in the expected format/);
    assert.match(text, /EOF while parsing/);
    explorer.assertCleanConsole();
  });
});

test('an HTML page served as the bundle shows an alert', async (t) => {
  await withExplorer(t, async (explorer) => {
    const text = await alertFor(explorer, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>hi</body></html>' }),
    );
    assert.match(text, /bị hỏng hoặc không đúng định dạng/);
    assert.match(text, /expected value/);
    explorer.assertCleanConsole();
  });
});

test('a bundle of an unknown schema version shows an alert naming the version', async (t) => {
  await withExplorer(t, async (explorer) => {
    const text = await alertFor(explorer, json('{"schema_version":99}'));
    assert.match(text, /phiên bản lược đồ 99/);
    assert.match(text, /schema version 99/);
    explorer.assertCleanConsole();
  });
});

test('the loading state is visible while the bundle is on its way', async (t) => {
  await withExplorer(t, async (explorer) => {
    let release;
    const held = new Promise((ok) => (release = ok));
    // The catalog and the bundle both: either one is enough to show the list.
    for (const file of ['**/bundle.json', '**/bundle.catalog.json']) {
      await explorer.page.route(file, async (route) => {
        await held;
        await route.continue();
      });
    }
    await explorer.page.goto(site.url);
    const status = explorer.page.getByRole('status');
    await status.waitFor();
    assert.match(await status.innerText(), /Đang tải báo cáo…/);
    assert.match(await status.innerText(), /Loading reports…/);
    release();
    await explorer.page.getByTestId('result-count').waitFor();
    assert.equal(await status.count(), 0);
    explorer.assertCleanConsole();
  });
});
