// The figures view on the seed corpus: the table follows the filters, sorts, filters by unit,
// links every figure to its paragraph, draws accessible charts and exports what it shows.

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

/** Opens the figures view with `query` and waits for the table (or its empty state). */
async function openFigures(explorer, query = '') {
  const response = await explorer.page.goto(`${site.url}?view=figures${query}`);
  assert.equal(response?.status(), 200);
  await explorer.page.locator('.figures-table, .figures-view .empty').first().waitFor({ timeout: 20_000 });
}

/** The `data-figure-value` of every table row, in page order, as numbers. */
function tableValues(page) {
  return page
    .locator('.figures-table tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-figure-value'))));
}

const byNumber = (a, b) => a - b;

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  assert.equal(quoted, false, 'no unterminated quote');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Clicks an export button and returns { name, bytes } of the downloaded file. */
async function download(page, which) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.locator(`[data-export="${which}"]`).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** Serves every response with a strict CSP header, like a host that sets one. */
async function withStrictCsp(page) {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'content-security-policy':
          // index.html's empty favicon is a data: URL; everything else must come from 'self'
          // (no inline style attribute, no blob: fetch).
          "default-src 'self'; img-src 'self' data:; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
      },
    });
  });
}

test('filtered to Hà Nội, the table lists exactly the Hà Nội figures', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&city=hanoi');
    const expected = bundle.reports
      .filter((r) => r.city === 'hanoi')
      .flatMap((r) => r.figures.map((f) => f.value));
    assert.ok(expected.length > 0, 'the seed corpus has Hà Nội figures');
    assert.deepEqual((await tableValues(explorer.page)).sort(byNumber), expected.sort(byNumber));
    const cities = await explorer.page
      .locator('.figures-table tbody tr')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-city')))]);
    assert.deepEqual(cities, ['hanoi']);
    // Vietnamese number format in the cells.
    assert.ok((await explorer.page.locator('.figures-table .fig-value').allInnerTexts()).includes('13.663'));
    explorer.assertCleanConsole();
  });
});

test('a figure links to its paragraph, which the reader marks', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&city=hanoi');
    const row = explorer.page.locator('.figures-table tbody tr[data-figure-value="13663"]');
    const reportId = await row.getAttribute('data-report-id');
    const figure = bundle.reports
      .find((r) => r.id === reportId)
      .figures.find((f) => f.value === 13663);
    await row.locator('a.figure-source').click();
    await explorer.page.waitForURL(/view=read/);
    const p = new URL(explorer.page.url()).searchParams;
    assert.equal(p.get('doc'), reportId);
    assert.equal(p.get('p'), String(figure.paragraph));
    assert.equal(p.get('city'), 'hanoi', 'the filters are kept for the way back');
    // The reader marks the paragraph, and the figure in it.
    const paragraph = explorer.page.locator(`#p-${figure.paragraph}`);
    await paragraph.waitFor({ timeout: 10_000 });
    assert.equal(await paragraph.getAttribute('aria-current'), 'true');
    assert.equal(await paragraph.getAttribute('data-paragraph'), String(figure.paragraph));
    const marks = await paragraph.locator('mark.figure').allInnerTexts();
    // The reader's figure mark starts with the figure as written (then its spoken description).
    assert.ok(marks.some((m) => m.startsWith(figure.text)), `${figure.text} in ${marks.join(' | ')}`);
    explorer.assertCleanConsole();
  });
});

test('sorting by value, descending, puts 13.663 first, and says so', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&unit=m%C3%B4+h%C3%ACnh');
    const head = explorer.page.locator('th[data-column="value"]');
    await head.locator('button').click();
    await explorer.page.waitForURL(/sort=value/);
    assert.equal(await explorer.page.locator('th[data-column="value"]').getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await tableValues(explorer.page), [1082, 11576, 13663]);
    await explorer.page.locator('th[data-column="value"] button').click();
    await explorer.page.waitForURL(/sort=-value/);
    assert.equal(await explorer.page.locator('th[data-column="value"]').getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await tableValues(explorer.page), [13663, 11576, 1082]);
    assert.equal(await explorer.page.locator('th[data-column="unit"]').getAttribute('aria-sort'), null);
    explorer.assertCleanConsole();
  });
});

test('choosing a unit shows only its figures', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer);
    const all = (await tableValues(explorer.page)).length;
    assert.equal(all, bundle.reports.reduce((n, r) => n + r.figures.length, 0));
    await explorer.page.locator('#unit-select').selectOption('mô hình');
    await explorer.page.waitForURL(/unit=/);
    assert.equal(new URL(explorer.page.url()).searchParams.get('unit'), 'mô hình');
    assert.deepEqual((await tableValues(explorer.page)).sort(byNumber), [1082, 11576, 13663]);
    const units = await explorer.page.locator('.figures-table tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual([...new Set(units)], ['mô hình']);
    explorer.assertCleanConsole();
  });
});

test('both charts are SVG images with a title, bars that link, and a twin table', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&unit=m%C3%B4+h%C3%ACnh');
    const charts = explorer.page.locator('figure.chart');
    assert.equal(await charts.count(), 2);
    for (let i = 0; i < 2; i++) {
      const chart = charts.nth(i);
      assert.notEqual((await chart.locator('figcaption').innerText()).trim(), '');
      const svg = chart.locator('svg[role="img"]');
      assert.equal(await svg.count(), 1);
      const labelledBy = await svg.getAttribute('aria-labelledby');
      const title = svg.locator('> title');
      assert.equal(await title.getAttribute('id'), labelledBy);
      assert.notEqual((await title.textContent()).trim(), '');
      // SVG elements, not HTML ones that happen to sit in an <svg>: only those name the image
      // and show tooltips.
      const namespaces = await svg.locator('title, a').evaluateAll((els) => [...new Set(els.map((e) => e.namespaceURI))]);
      assert.deepEqual(namespaces, ['http://www.w3.org/2000/svg']);
      assert.ok((await chart.locator('details table tbody tr').count()) > 0, 'a twin table');
    }
    // The unit chart: one bar per figure, each linking to its paragraph, also in the table.
    const unitChart = charts.nth(0);
    const bars = unitChart.locator('svg a[href*="view=read"] rect');
    assert.equal(await bars.count(), 3);
    const links = await unitChart.locator('details a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 3);
    assert.ok(links.every((h) => /view=read/.test(h) && /[?&]p=\d+/.test(h)), links.join(' '));
    // The reports chart counts what the bundle holds per year.
    const yearsTable = charts.nth(1).locator('details table');
    const text = await yearsTable.textContent();
    assert.match(text, /2024/);
    explorer.assertCleanConsole();
  });
});

test('the CSV export holds exactly the rows of the table, under a strict CSP', async (t) => {
  await withExplorer(t, async (explorer) => {
    await withStrictCsp(explorer.page);
    await openFigures(explorer, '&city=hanoi&sort=-value');
    const shown = await tableValues(explorer.page);
    const { name, bytes } = await download(explorer.page, 'figures-csv');
    assert.equal(name, 'danvan-figures-hanoi.csv');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const [header, ...records] = rows;
    assert.deepEqual(header.slice(0, 3), ['value', 'of', 'unit']);
    assert.deepEqual(records.map((r) => Number(r[0])), shown, 'same values, same order');
    assert.ok(records.every((r) => r[header.indexOf('city')] === 'hanoi'));
    assert.ok(records.every((r) => r.length === header.length));
    const mh = records.find((r) => r[0] === '13663');
    assert.equal(mh[header.indexOf('unit')], 'mô hình');
    explorer.assertCleanConsole();
  });
});

test('the JSON and report-list exports hold the filtered figures and reports', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&city=hcmc');
    const shown = await tableValues(explorer.page);
    const json = await download(explorer.page, 'figures-json');
    assert.equal(json.name, 'danvan-figures-hcmc.json');
    const figures = JSON.parse(json.bytes.toString('utf8'));
    assert.deepEqual(figures.map((f) => f.value), shown);
    assert.ok(figures.every((f) => f.city === 'hcmc' && typeof f.sentence === 'string'));

    const list = await download(explorer.page, 'reports-csv');
    assert.equal(list.name, 'danvan-reports-hcmc.csv');
    const [header, ...records] = parseCsv(list.bytes.subarray(3).toString('utf8'));
    assert.equal(header[0], 'id');
    const expected = bundle.reports.filter((r) => r.city === 'hcmc').map((r) => r.id);
    assert.deepEqual(records.map((r) => r[0]).sort(), expected.sort());
    explorer.assertCleanConsole();
  });
});

test('the figures view speaks English', async (t) => {
  await withExplorer(t, async (explorer) => {
    await openFigures(explorer, '&lang=en');
    assert.equal(await explorer.page.locator('#figures-title').innerText(), 'Figures');
    assert.match(await explorer.page.locator('th[data-column="value"]').innerText(), /Value/);
    assert.match(await explorer.page.getByTestId('figure-count').innerText(), /^18 figures/);
    explorer.assertCleanConsole();
  });
});
