// The Content-Security-Policy in index.html allows only the site's own scripts (and wasm), and
// the built site works within it: no violation is reported while it loads, lists, searches and
// reads. A deliberate inline script shows the policy is in force and that violations are seen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

let site;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/explorer/' });
});

after(async () => {
  await site?.close();
});

test('the built page carries a strict CSP and no inline script', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta element');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '',
  );
  assert.deepEqual(inline, [], 'every script is a file');
});

test('using the site reports no CSP violation', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await explorer.open(`${site.url}?q=d%C3%A2n+v%E1%BA%ADn`);
    await explorer.facetValue('city', 'hcmc').locator('input').check();
    await explorer.page.locator('[data-report-id] .report-title a').first().click();
    await explorer.page.locator('.reader').waitFor();
    await explorer.page.locator('mark.figure, .para').first().hover();
    assert.deepEqual(await explorer.page.evaluate(() => window.__csp), []);
    explorer.assertCleanConsole();
    // The policy is in force, and the listener sees a violation when there is one.
    await explorer.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await explorer.until(() => explorer.page.evaluate(() => window.__csp.length === 1), 'a violation');
    assert.equal(await explorer.page.evaluate(() => window.__inline), undefined);
  });
});
