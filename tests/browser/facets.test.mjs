// Facets filter the seed reports and their counts are live (Pagefind/Datasette style): each
// value counts the reports matching the search and every other facet; a value with no match
// stays listed with 0. Every change is in the URL.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

let site;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/' });
});

after(async () => {
  await site?.close();
});

test('the city facet filters and the other facets recount, zero counts staying visible', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    assert.equal(await explorer.facetCount('city', 'hcmc'), 3);
    assert.equal(await explorer.facetCount('city', 'hanoi'), 1);
    // Before filtering, "chuyển đổi số" is a topic of two reports (001 and 004, both TP.HCM).
    assert.equal(await explorer.facetCount('topic', 'chuyen-doi-so'), 2);
    await explorer.facetValue('city', 'hanoi').locator('input').check();
    await explorer.waitForCount('1 báo cáo');
    assert.deepEqual(await explorer.reportIds(), ['003-4f530625533c3697']);
    assert.equal((await explorer.params()).city, 'hanoi');
    // The Hà Nội report has no such topic: the value stays, with 0.
    await explorer.until(async () => (await explorer.facetCount('topic', 'chuyen-doi-so')) === 0, 'zero count');
    assert.ok(await explorer.facetValue('topic', 'chuyen-doi-so').isVisible());
    assert.match(await explorer.facetValue('topic', 'chuyen-doi-so').getAttribute('class'), /zero/);
    // Counts within the city facet ignore its own selection: TP.HCM still says 3.
    assert.equal(await explorer.facetCount('city', 'hcmc'), 3);
    await explorer.facetValue('city', 'hcmc').locator('input').check();
    await explorer.waitForCount('4 báo cáo');
    assert.equal((await explorer.params()).city, 'hanoi,hcmc');
    explorer.assertCleanConsole();
  });
});

test('the year range filters from and to, and counts the undated', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    await explorer.page.getByLabel('Từ năm').selectOption('2024');
    await explorer.waitForCount('3 báo cáo');
    assert.equal((await explorer.params()).year, '2024');
    await explorer.page.getByLabel('Từ năm').selectOption('2022');
    await explorer.waitForCount('5 báo cáo');
    await explorer.page.getByLabel('Đến năm').selectOption('2022');
    await explorer.waitForCount('2 báo cáo');
    assert.equal((await explorer.params()).year, '2022');
    assert.deepEqual(
      (await explorer.reportIds()).sort(),
      ['000-02f6dcf03165deaf', '002-c49dc822d147d953'],
    );
    // Each year option carries its live count; the city filter changes it.
    const option2024 = explorer.page.locator('#year-from option[value="2024"]');
    assert.equal(await option2024.innerText(), '2024 (3)');
    await explorer.facetValue('city', 'hanoi').locator('input').check();
    await explorer.until(async () => (await option2024.innerText()) === '2024 (1)', '2024 recounted');
    assert.match(await explorer.page.getByTestId('undated-count').innerText(), /Không rõ ngày: 0/);
    explorer.assertCleanConsole();
  });
});

test('the topic facet filters', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    await explorer.facetValue('topic', 'giai-phong-mat-bang').locator('input').check();
    await explorer.waitForCount('1 báo cáo');
    assert.deepEqual(await explorer.reportIds(), ['003-4f530625533c3697']);
    assert.equal((await explorer.params()).topic, 'giai-phong-mat-bang');
    explorer.assertCleanConsole();
  });
});

test('the outlet facet filters', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    assert.equal(await explorer.facetCount('outlet', 'VOH'), 1);
    await explorer.facetValue('outlet', 'VOH').locator('input').check();
    await explorer.waitForCount('1 báo cáo');
    assert.deepEqual(await explorer.reportIds(), ['000-02f6dcf03165deaf']);
    assert.equal((await explorer.params()).outlet, 'VOH');
    // An outlet's count ignores the outlet filter itself: Kinhtedothi would still give 1.
    assert.equal(await explorer.facetCount('outlet', 'Kinhtedothi'), 1);
    explorer.assertCleanConsole();
  });
});

test('the person facet filters, with Vietnamese names as written', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const person = explorer.facetValue('person', 'Nguyễn Hữu Hiệp');
    // Ten people: the facet shows them all (under its cut of twelve).
    assert.equal(await explorer.page.locator('label.facet-value[data-facet="person"]').count(), 10);
    await person.locator('input').check();
    await explorer.waitForCount('1 báo cáo');
    assert.deepEqual(await explorer.reportIds(), ['000-02f6dcf03165deaf']);
    assert.equal((await explorer.params()).person, 'Nguyễn Hữu Hiệp');
    // A person's own count ignores the person filter; other facets count within it.
    assert.equal(await explorer.facetCount('person', 'Võ Văn Thưởng'), 1);
    assert.equal(await explorer.facetCount('city', 'national'), 0);
    assert.ok(await explorer.facetValue('city', 'national').isVisible());
    explorer.assertCleanConsole();
  });
});

test('"clear all" removes every filter and keeps the search', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(`${site.url}?q=d%C3%A2n+v%E1%BA%ADn&city=hanoi&year=2024`);
    await explorer.waitForCount('1 báo cáo');
    assert.equal(await explorer.facetValue('city', 'hanoi').locator('input').isChecked(), true);
    await explorer.page.getByTestId('clear-filters').click();
    await explorer.waitForCount('5 báo cáo');
    assert.deepEqual(await explorer.params(), { q: 'dân vận' });
    assert.equal(await explorer.facetValue('city', 'hanoi').locator('input').isChecked(), false);
    assert.equal(await explorer.page.getByLabel('Từ năm').inputValue(), '');
    assert.equal(await explorer.page.getByTestId('clear-filters').count(), 0);
    explorer.assertCleanConsole();
  });
});
