// The compare view on the seed corpus: two places side by side, their topics, figures,
// distinctive terms, search lines and two reports in aligned columns.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

let site;
let bundle;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/' });
  bundle = JSON.parse(await readFile(join(DIST, 'bundle.json'), 'utf8'));
});

after(async () => {
  await site?.close();
});

/** Opens the compare view with `query` and waits until both sides are drawn. */
async function openCompare(explorer, query = '') {
  const response = await explorer.page.goto(`${site.url}?view=compare${query}`);
  assert.equal(response?.status(), 200);
  await explorer.page.locator('[data-compare-side="b"]').waitFor({ timeout: 20_000 });
}

/** The URL's query parameters. */
function params(page) {
  return new URL(page.url()).searchParams;
}

/** Serves every response with a strict CSP header (no inline style attribute allowed). */
async function withStrictCsp(page) {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
      },
    });
  });
}

const reportsOf = (city) => bundle.reports.filter((r) => r.city === city);

test('both places are shown with their filtered reports, under a strict CSP', async (t) => {
  await withExplorer(t, async (explorer) => {
    await withStrictCsp(explorer.page);
    await openCompare(explorer);
    const a = explorer.page.locator('[data-compare-side="a"]');
    const b = explorer.page.locator('[data-compare-side="b"]');
    assert.equal(await a.getAttribute('data-city'), 'hanoi');
    assert.equal(await b.getAttribute('data-city'), 'hcmc');
    assert.equal(await a.locator('h3').innerText(), 'Hà Nội');
    assert.equal(await b.locator('h3').innerText(), 'TP. Hồ Chí Minh');
    assert.equal(Number(await a.getAttribute('data-report-count')), reportsOf('hanoi').length);
    assert.equal(Number(await b.getAttribute('data-report-count')), reportsOf('hcmc').length);
    assert.equal(await a.locator('.side-count').innerText(), '1 báo cáo');
    assert.equal(await b.locator('.side-count').innerText(), '3 báo cáo');
    // The topic bars' lengths are set through the CSSOM, which the CSP allows.
    const width = await explorer.page
      .locator('.topic-pair[data-topic="dan-van-kheo"] .side-b .bar-fill')
      .evaluate((el) => el.style.width);
    assert.match(width, /^\d+(\.\d+)?%$/);
    explorer.assertCleanConsole();
  });
});

test('a Hà Nội figure stands beside an HCMC figure of the same unit, with a caveat', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer);
    const unit = explorer.page.locator('.unit-match[data-unit="mô hình"]');
    await unit.waitFor();
    const values = (side) =>
      unit.locator(`.side-${side} [data-figure-value]`).evaluateAll((els) =>
        els.map((el) => [Number(el.getAttribute('data-figure-value')), el.getAttribute('data-city')]),
      );
    assert.deepEqual(await values('a'), [
      [11576, 'hanoi'],
      [13663, 'hanoi'],
    ]);
    assert.deepEqual(await values('b'), [[1082, 'hcmc']]);
    // Written the Vietnamese way, and each with a link to its paragraph in the reader.
    assert.match(await unit.locator('.side-a').innerText(), /13\.663/);
    const source = new URL(
      await unit.locator('.side-b .fig-source a').getAttribute('href'),
      site.url,
    ).searchParams;
    const hcmc = reportsOf('hcmc').find((r) => r.figures.some((f) => f.value === 1082));
    assert.equal(source.get('view'), 'read');
    assert.equal(source.get('doc'), hcmc.id);
    assert.equal(source.get('p'), String(hcmc.figures.find((f) => f.value === 1082).paragraph));
    const caveats = await unit.locator('.caveats li').allInnerTexts();
    assert.ok(caveats.length >= 1, 'the period-less HCMC figure is flagged');
    assert.ok(caveats.some((c) => /thời kỳ/.test(c)), caveats.join(' | '));
    explorer.assertCleanConsole();
  });
});

test('pressing a distinctive term searches for it in the list', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer);
    const term = explorer.page.locator('[data-terms-side="a"] .term-link').first();
    const text = await term.innerText();
    assert.notEqual(text.trim(), '');
    await term.click();
    await explorer.page.getByTestId('result-count').waitFor();
    const p = params(explorer.page);
    assert.equal(p.get('q'), text);
    assert.equal(p.get('view'), null, 'the list is the default view');
    explorer.assertCleanConsole();
  });
});

test('pressing a topic filters by it and stays in the compare view', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer);
    const pair = explorer.page.locator('.topic-pair[data-topic="giai-phong-mat-bang"]');
    const button = pair.locator('.topic-toggle');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    await explorer.page.waitForURL(/topic=giai-phong-mat-bang/);
    const p = params(explorer.page);
    assert.equal(p.get('view'), 'compare');
    assert.equal(p.get('topic'), 'giai-phong-mat-bang');
    await assert.doesNotReject(
      explorer.page
        .locator('.topic-pair[data-topic="giai-phong-mat-bang"] .topic-toggle[aria-pressed="true"]')
        .waitFor(),
    );
    // Only reports with that topic are left: HCMC has none, and says so.
    const b = explorer.page.locator('[data-compare-side="b"]');
    await explorer.page.waitForFunction(
      () => document.querySelector('[data-compare-side="b"]')?.getAttribute('data-report-count') === '0',
    );
    assert.match(await b.locator('.empty').innerText(), /Không có báo cáo nào/);
    explorer.assertCleanConsole();
  });
});

test('a search shows its words in context on each side, highlighted', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer, '&q=d%C3%A2n+v%E1%BA%ADn+kh%C3%A9o');
    const a = explorer.page.locator('[data-kwic-side="a"]');
    const b = explorer.page.locator('[data-kwic-side="b"]');
    await a.waitFor();
    assert.ok((await a.locator('mark').count()) > 0);
    assert.ok((await b.locator('mark').count()) > 0);
    const marked = await b.locator('mark').first().innerText();
    assert.match(marked.normalize('NFC').toLowerCase(), /dân vận khéo/);
    explorer.assertCleanConsole();
  });
});

test('two chosen reports are read side by side, grouped by topic', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer);
    const hanoi = reportsOf('hanoi')[0];
    const hcmc = reportsOf('hcmc')[0];
    // A picker lists the side's reports once it is used (pressed, or reached by keyboard).
    const pickerA = explorer.page.locator('#compare-doc-a');
    assert.equal(await pickerA.locator('option').count(), 1, 'only the placeholder until used');
    await pickerA.click();
    await explorer.until(async () => (await pickerA.locator('option').count()) === reportsOf('hanoi').length + 1, 'every Hà Nội report listed');
    await explorer.page.keyboard.press('Escape');
    await pickerA.selectOption(hanoi.id);
    await explorer.page.waitForURL(/doc_a=/);
    // The chosen report stays shown in its picker, which lists the rest again when used.
    assert.equal(await pickerA.locator('option:checked').getAttribute('value'), hanoi.id);
    assert.equal(await pickerA.locator('option').count(), 2);
    // By keyboard: focusing the picker lists the reports, an arrow key chooses the first one.
    const pickerB = explorer.page.locator('#compare-doc-b');
    await pickerB.focus();
    await explorer.until(async () => (await pickerB.locator('option').count()) === reportsOf('hcmc').length + 1, 'every TP.HCM report listed');
    const first = await pickerB.locator('option').nth(1).getAttribute('value');
    await explorer.page.keyboard.press('ArrowDown');
    await explorer.page.waitForURL(/doc_b=/);
    assert.equal(params(explorer.page).get('doc_b'), first);
    await explorer.until(async () => (await pickerB.locator('option:checked').getAttribute('value')) === first, 'the choice shown');
    await pickerB.click();
    await explorer.page.keyboard.press('Escape');
    await explorer.until(async () => (await pickerB.locator('option').count()) > 2, 'listed again');
    await pickerB.selectOption(hcmc.id);
    await explorer.page.waitForURL(new RegExp(`doc_b=${hcmc.id}`));
    const p = params(explorer.page);
    assert.equal(p.get('doc_a'), hanoi.id);
    assert.equal(p.get('doc_b'), hcmc.id);
    const groups = explorer.page.locator('.pair-group');
    assert.ok((await groups.count()) >= 2);
    // Every body paragraph of both reports is shown once.
    const bodies = (r) => r.paragraphs.filter((x) => x.kind === 'body').length;
    assert.equal(await explorer.page.locator('[data-pair-side="a"] .pair-paragraph').count(), bodies(hanoi));
    assert.equal(await explorer.page.locator('[data-pair-side="b"] .pair-paragraph').count(), bodies(hcmc));
    explorer.assertCleanConsole();
  });
});

test('any two places can be compared, and the interface speaks English', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openCompare(explorer, '&a=hcmc&b=national&lang=en');
    const a = explorer.page.locator('[data-compare-side="a"]');
    const b = explorer.page.locator('[data-compare-side="b"]');
    assert.equal(await a.locator('h3').innerText(), 'Ho Chi Minh City');
    assert.equal(await b.locator('h3').innerText(), 'National');
    assert.equal(await a.locator('.side-count').innerText(), '3 reports');
    assert.equal(await b.locator('.side-count').innerText(), '1 report');
    assert.equal(await explorer.page.locator('#compare-title').innerText(), 'Compare two places');
    explorer.assertCleanConsole();
  });
});
