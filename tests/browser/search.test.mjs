// Search as a Vietnamese reader types it: without accents, with either tone-mark placement,
// with abbreviations. The core matches; these tests check the built site shows it, with the
// hits highlighted in <mark> inside keyword-in-context snippets.

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

/** Types `text` into the search box and waits for the URL to carry it. */
async function search(explorer, text) {
  await explorer.searchBox().fill(text);
  await explorer.until(async () => (await explorer.params()).q === text.normalize('NFC'), `q=${text}`);
  // The URL is written after the frame that shows the results, so they are there.
  return explorer.reportIds();
}

test('accent-free typing finds accented text, highlighted in snippets', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const ids = await search(explorer, 'dan van kheo');
    // Four seed reports mention "Dân vận khéo" outside page clutter.
    assert.deepEqual(ids.sort(), [
      '000-02f6dcf03165deaf',
      '001-766f63b2c3b56db5',
      '003-4f530625533c3697',
      '004-9f8f8d386b4b9560',
    ]);
    assert.equal(await explorer.resultCount(), '4 báo cáo');
    const marks = explorer.page.locator('[data-report-id] .snippet mark');
    assert.ok((await marks.count()) >= 4);
    assert.match((await marks.first().innerText()).normalize('NFC'), /^d[âa]n v[ậa]n kh[ée]o$/i);
    // Each snippet links to its paragraph in the reader.
    const href = await explorer.page.locator('[data-report-id] .snippet').first().getAttribute('href');
    assert.match(href, /^\?view=read&q=dan\+van\+kheo&doc=[a-z0-9-]+&p=\d+$/);
    explorer.assertCleanConsole();
  });
});

test('tone-mark placement never matters: "Thành uỷ" and "Thành ủy" find the same reports', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const old = await search(explorer, 'Thành uỷ');
    const modern = await search(explorer, 'Thành ủy');
    // Every seed report has the word in one spelling or the other (or in lower case).
    assert.equal(old.length, 5);
    assert.deepEqual(old, modern);
    // NFD input (as some keyboards send it) is the same search too.
    const decomposed = await search(explorer, 'Tha\u0300nh u\u0309y');
    assert.deepEqual(decomposed.sort(), [...modern].sort());
    explorer.assertCleanConsole();
  });
});

test('an alias finds every spelling: TPHCM and "Thành phố Hồ Chí Minh"', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const short = await search(explorer, 'TPHCM');
    const long = await search(explorer, 'Thành phố Hồ Chí Minh');
    // 000 writes only "TPHCM", 004 only "Thành phố Hồ Chí Minh": both queries find both.
    assert.ok(short.includes('000-02f6dcf03165deaf') && short.includes('004-9f8f8d386b4b9560'), `${short}`);
    assert.deepEqual([...short].sort(), [...long].sort());
    const marked = await explorer.page
      .locator('[data-report-id="000-02f6dcf03165deaf"] .snippet mark')
      .first()
      .innerText();
    assert.equal(marked, 'TPHCM');
    explorer.assertCleanConsole();
  });
});

test('typing replaces one history entry instead of adding one per keystroke', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const before = await explorer.page.evaluate(() => history.length);
    await explorer.searchBox().pressSequentially('dân vận', { delay: 20 });
    await explorer.until(async () => (await explorer.params()).q === 'dân vận', 'typed');
    const after = await explorer.page.evaluate(() => history.length);
    assert.equal(after - before, 1, 'one entry for the whole search');
    await explorer.page.goBack();
    await explorer.until(async () => (await explorer.searchBox().inputValue()) === '', 'box emptied');
    await explorer.waitForCount('5 báo cáo');
    explorer.assertCleanConsole();
  });
});

/** Serves a bundle of 50 copies of the first report, under distinct ids (a page is 20 rows). */
async function fiftyCopies(explorer) {
  await explorer.withoutCatalog();
  await explorer.page.route('**/bundle.json', async (route) => {
    const response = await route.fetch();
    const bundle = await response.json();
    const base = bundle.reports[0];
    bundle.reports = Array.from({ length: 50 }, (_, i) => ({
      ...base,
      id: `copy-${String(i).padStart(3, '0')}`,
      file: `copy-${i}.txt`,
    }));
    await route.fulfill({ response, json: bundle });
  });
}

test('only the first page of a long list is rendered; the count is always whole', async (t) => {
  await withExplorer(t, async (explorer) => {
    await fiftyCopies(explorer);
    await explorer.open(site.url);
    assert.equal(await explorer.resultCount(), '50 báo cáo');
    assert.equal((await explorer.reportIds()).length, 20);
    await explorer.page.getByTestId('show-more').click();
    await explorer.until(async () => (await explorer.reportIds()).length === 40, '40 rows');
    await explorer.page.getByTestId('show-more').click();
    await explorer.until(async () => (await explorer.reportIds()).length === 50, '50 rows');
    assert.equal(await explorer.page.getByTestId('show-more').count(), 0);
    explorer.assertCleanConsole();
  });
});

test('a keystroke paints the first screenful of rows, then the rest of the page follows', async (t) => {
  await withExplorer(t, async (explorer) => {
    await fiftyCopies(explorer);
    await explorer.open(site.url);
    assert.equal((await explorer.reportIds()).length, 20);
    // Where the list starts in the 900 px window: the first frame of an answer builds the rows
    // from there to the window's bottom at 150 px a row (paging::first_rows), not 20.
    const listTop = await explorer.page.evaluate(() => document.querySelector('ol.report-list').getBoundingClientRect().top);
    const screenful = Math.min(20, Math.max(2, Math.ceil((900 - listTop) / 150)));
    assert.ok(screenful < 20 && screenful >= 3, `the list starts at ${listTop} px`);
    // What each frame is about to paint, sampled in requestAnimationFrame: the search text the
    // results answer, the rows in the list, whether it is marked busy, and whether the rows
    // built reach the window's bottom.
    await explorer.page.evaluate(() => {
      window.frames_seen = [];
      const sample = () => {
        const results = document.querySelector('section.results');
        const rows = document.querySelectorAll('[data-report-id]');
        window.frames_seen.push({
          q: results?.getAttribute('data-q') ?? null,
          rows: rows.length,
          busy: document.querySelector('ol.report-list[aria-busy]') !== null,
          filled: rows.length > 0 && rows[rows.length - 1].getBoundingClientRect().bottom >= innerHeight,
        });
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await explorer.searchBox().fill('dân vận');
    await explorer.waitForCount('50 báo cáo');
    await explorer.until(async () => (await explorer.params()).q === 'dân vận', 'q in the URL');
    const ids = await explorer.reportIds();
    assert.equal(ids.length, 20);
    // The whole page is in the DOM now; the frame that paints it is sampled at the next frame.
    await explorer.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const frames = (await explorer.page.evaluate(() => window.frames_seen)).filter(
      // Rows once the index answers (while it is still being built, the list waits).
      (f) => f.q === 'dân vận' && f.rows > 0,
    );
    assert.ok(frames.length > 0, 'a frame showed the answer');
    assert.deepEqual(frames[0], { q: 'dân vận', rows: screenful, busy: true, filled: true }, 'first frame of the answer');
    assert.deepEqual(frames.at(-1), { q: 'dân vận', rows: 20, busy: false, filled: true }, 'last frame sampled');
    assert.ok(
      frames.every((f, i) => i === 0 || f.rows >= frames[i - 1].rows),
      `rows only grow: ${frames.map((f) => f.rows).join(' ')}`,
    );
    // The highlighted snippets are in every row, the late ones too.
    assert.equal(await explorer.page.locator('[data-report-id]:has(mark)').count(), 20);
    explorer.assertCleanConsole();
  });
});

// In the app the Unicode normalisation comes from the browser (src/core/unicode.rs): these
// check that typed text still gives the keys the compiler gave the bundle.

test('"hoà"/"hòa" and "uỷ"/"ủy": either placement, NFC or NFD, or no accents find the same reports', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    const sorted = async (text) => [...(await search(explorer, text))].sort();
    // The seed writes "hoà" (old placement) in 001 and "hòa" (new placement) in 004; a word
    // matches by its accent-free key (exact spellings rank first), so 003's "hoá" counts too.
    const hoa = ['001-766f63b2c3b56db5', '003-4f530625533c3697', '004-9f8f8d386b4b9560'];
    // "hoà" and "hòa", each as NFC, as NFD, in capitals, and without accents.
    for (const text of ['hoà', 'hòa', 'hoa\u0300', 'ho\u0300a', 'HOÀ', 'HO\u0300A', 'hoa']) {
      assert.deepEqual(await sorted(text), hoa, text);
    }
    // "uỷ ban" is written with both placements; every report has "ủy ban" or "Ủy ban".
    const uy = await sorted('uỷ ban');
    assert.equal(uy.length, 5);
    for (const text of ['ủy ban', 'u\u0309y ban', 'uy\u0309 ban', 'Ủy Ban', 'uy ban']) {
      assert.deepEqual(await sorted(text), uy, text);
    }
    explorer.assertCleanConsole();
  });
});

test('text in other scripts and combining marks outside Vietnamese are searched, never a panic', async (t) => {
  await withExplorer(t, async (explorer) => {
    // The seed bundle plus one report in other scripts: "Zoë", polytonic Greek (precomposed,
    // outside the Latin tables), Russian with a stress mark that has no precomposed form (so
    // NFC text with a combining mark), Latin with a mark that composes ("Å" from "A" + U+030A).
    await explorer.withoutCatalog();
    await explorer.page.route('**/bundle.json', async (route) => {
      const response = await route.fetch();
      const bundle = await response.json();
      const base = bundle.reports[0];
      const text = 'Zoë đến Ἀθῆναι rồi Йошкар-Ола\u0301 và Ångström, ﬁn.';
      bundle.reports.push({
        ...base,
        id: 'other-scripts',
        file: 'other-scripts.txt',
        title: 'Zoë ở Ἀθῆναι',
        paragraphs: [{ kind: 'body', text, line: 1, topics: [] }],
        figures: [],
        people: [],
      });
      await route.fulfill({ response, json: bundle });
    });
    await explorer.open(site.url);
    assert.equal(await explorer.resultCount(), '6 báo cáo');
    for (const text of [
      'Zoë',
      'Zoe\u0308', // NFD
      'zoe', // no accents
      'ἀθῆναι',
      'α\u0313θη\u0342ναι', // NFD
      'αθηναι',
      'ОЛА\u0301',
      'ола',
      'A\u030Angstro\u0308m',
      'angstrom',
    ]) {
      assert.deepEqual(await search(explorer, text), ['other-scripts'], text);
    }
    // Marks with nothing to sit on, an enclosing mark and a mark from another script after a
    // Vietnamese letter: a sensible answer (nothing found), no panic.
    for (const text of ['\u0308\u0301', 'x\u20DD', 'ệ\u0308', '\u0301ola']) {
      await search(explorer, text);
      assert.equal(await explorer.resultCount(), '0 báo cáo', text);
    }
    // A mark after an ordinary word is part of it: "dân vận" still finds what it found.
    await search(explorer, 'dân vận');
    assert.equal(await explorer.resultCount(), '5 báo cáo');
    explorer.assertCleanConsole();
  });
});
