// The reader: clean text with its figures and search hits marked, captions set apart, clutter
// behind a toggle, paragraph anchors, metadata with provenance and curator notes, people and
// topics.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

const NATIONAL = '002-c49dc822d147d953';
const HANOI = '003-4f530625533c3697';
let site;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/' });
});

after(async () => {
  await site?.close();
});

async function openReader(explorer, query) {
  await explorer.page.goto(site.url + query);
  await explorer.page.locator('.reader').waitFor();
}

test('p=<n> scrolls to the paragraph and marks it; its ¶ link points at it', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openReader(explorer, `?view=read&doc=${NATIONAL}&p=30`);
    const p = explorer.page.locator('#p-30');
    assert.equal(await p.getAttribute('data-paragraph'), '30');
    assert.equal(await p.getAttribute('aria-current'), 'true');
    assert.match(await p.getAttribute('class'), /\bmarked\b/);
    await explorer.until(() => p.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }), 'paragraph 30 in view');
    assert.ok((await explorer.page.evaluate(() => scrollY)) > 0);
    // Clicking another paragraph's ¶ link moves the mark (and the URL).
    await explorer.page.locator('#p-2 .para-link').focus();
    await explorer.page.keyboard.press('Enter');
    await explorer.until(async () => (await explorer.params()).p === '2', 'p=2');
    assert.equal(await explorer.page.locator('#p-2').getAttribute('aria-current'), 'true');
    assert.equal(await p.getAttribute('aria-current'), null);
    explorer.assertCleanConsole();
  });
});

test('page clutter is hidden until the toggle shows it', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openReader(explorer, `?view=read&doc=${NATIONAL}`);
    const clutter = explorer.page.locator('.para[data-kind="boilerplate"]');
    assert.equal(await clutter.count(), 0);
    // Body paragraphs keep their bundle indices whatever is hidden.
    assert.equal(await explorer.page.locator('#p-4').count(), 1);
    const toggle = explorer.page.getByTestId('clutter-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.match(await toggle.innerText(), /\(16\)/);
    await toggle.click();
    await explorer.until(async () => (await clutter.count()) === 16, '16 clutter paragraphs');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await explorer.page.locator('#p-14').getAttribute('data-kind'), 'boilerplate');
    await toggle.click();
    await explorer.until(async () => (await clutter.count()) === 0, 'clutter hidden again');
    // A link to a clutter paragraph shows the clutter, so the mark has somewhere to be.
    await openReader(explorer, `?view=read&doc=${NATIONAL}&p=14`);
    assert.equal(await explorer.page.locator('#p-14').getAttribute('aria-current'), 'true');
    explorer.assertCleanConsole();
  });
});

test('figures are marked in the text, focusable, with value, unit and period', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openReader(explorer, `?view=read&doc=${HANOI}`);
    const figures = explorer.page.locator('mark.figure');
    assert.equal(await figures.count(), 8);
    const first = figures.first();
    assert.equal(await first.getAttribute('tabindex'), '0');
    const tip = await first.getAttribute('title');
    assert.equal(await first.getAttribute('data-tip'), tip);
    assert.match(tip, /^\S.* · .+$/, 'value and unit, then the period');
    // The tooltip is read out too (visually hidden text inside the mark).
    assert.ok((await first.textContent()).includes(`(${tip})`));
    await first.focus();
    assert.equal(await explorer.page.evaluate(() => document.activeElement.className), 'figure');
    explorer.assertCleanConsole();
  });
});

test('captions are set apart and metadata says inferred or curated, with curator notes', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openReader(explorer, `?view=read&doc=${HANOI}&lang=en`);
    assert.equal(await explorer.page.locator('.para-caption').count(), 2);
    assert.match(await explorer.page.locator('.para-caption').first().innerText(), /^CAPTION: /i);
    const date = explorer.page.locator('.meta-row[data-field="date"]');
    assert.match(await date.innerText(), /March 2024/);
    assert.equal(await date.locator('.provenance').getAttribute('data-provenance'), 'curated');
    assert.equal(
      await explorer.page.locator('.meta-row[data-field="city"] .provenance').innerText(),
      'inferred',
    );
    assert.match(await explorer.page.getByTestId('curator-notes').innerText(), /94th anniversary/);
    const topics = await explorer.page.getByTestId('topics').locator('li').allInnerTexts();
    assert.ok(topics.length >= 5, `${topics}`);
    explorer.assertCleanConsole();
  });
});

test('people are listed with their positions and lead to their reports', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openReader(explorer, `?view=read&doc=${NATIONAL}`);
    const people = explorer.page.getByTestId('people').locator('li');
    assert.equal(await people.count(), 5);
    await explorer.page.getByTestId('people').getByRole('link', { name: 'Võ Văn Thưởng' }).click();
    await explorer.waitForCount('1 báo cáo');
    assert.deepEqual(await explorer.params(), { person: 'Võ Văn Thưởng' });
    assert.deepEqual(await explorer.reportIds(), [NATIONAL]);
    explorer.assertCleanConsole();
  });
});

test('an unknown report id says so, with a notice, and a way back', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.goto(`${site.url}?view=read&doc=khong-co`);
    await explorer.page.getByTestId('doc-missing').waitFor();
    assert.match(await explorer.page.getByRole('status').innerText(), /doc=khong-co/);
    await explorer.page.getByRole('link', { name: '← Về danh sách' }).click();
    await explorer.waitForCount('5 báo cáo');
    explorer.assertCleanConsole();
  });
});
