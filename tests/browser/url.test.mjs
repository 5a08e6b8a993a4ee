// The URL is the view: a shared link restores it exactly, back and forward walk it, the
// language switch keeps it, bad values are ignored with a visible notice, and values are text
// (markup in a URL never runs). The copy-link button copies it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, requireDist } from './support/browser.mjs';
import { serveStatic } from './support/server.mjs';
import { withExplorer } from './support/explorer.mjs';

const HANOI = '003-4f530625533c3697';
let site;

before(async () => {
  requireDist();
  site = await serveStatic(DIST, { mount: '/explorer/' });
});

after(async () => {
  await site?.close();
});

test('a shared link restores the exact view: reader, paragraph, search, filter, language', async (t) => {
  await withExplorer(t, async (explorer) => {
    const query = `?view=read&q=Th%E1%BB%A7+%C4%91%C3%B4&city=hanoi&doc=${HANOI}&p=9&lang=en`;
    await explorer.page.goto(site.url + query);
    const reader = explorer.page.locator(`.reader[data-report-id="${HANOI}"]`);
    await reader.waitFor();
    assert.equal(await explorer.page.locator('html').getAttribute('lang'), 'en');
    assert.equal(
      await explorer.page.locator('.tab[aria-current="page"]').innerText(),
      'Read',
    );
    const marked = explorer.page.locator('#p-9');
    assert.equal(await marked.getAttribute('aria-current'), 'true');
    assert.equal(await explorer.page.locator('[aria-current="true"]').count(), 1);
    await explorer.until(() => marked.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }), 'paragraph 9 scrolled into view');
    // "Thủ đô" is an alias of "Hà Nội": both are marked as hits in the text (once the search
    // index, built after the first paint, is there).
    const marks = reader.locator('.paragraphs mark:not(.figure)');
    await explorer.until(async () => {
      const hits = await marks.allInnerTexts();
      return hits.includes('Thủ đô') && hits.includes('Hà Nội');
    }, 'both alias spellings marked');
    // Back to the list keeps the search and the filter, in English.
    await explorer.page.getByRole('link', { name: '← Back to the list' }).click();
    await explorer.waitForCount('1 report');
    assert.deepEqual(await explorer.params(), { q: 'Thủ đô', city: 'hanoi', lang: 'en' });
    assert.equal(await explorer.searchBox().inputValue(), 'Thủ đô');
    assert.equal(await explorer.facetValue('city', 'hanoi').locator('input').isChecked(), true);
    assert.deepEqual(await explorer.reportIds(), [HANOI]);
    explorer.assertCleanConsole();
  });
});

test('back and forward walk through filters and the reader', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(site.url);
    await explorer.facetValue('city', 'hcmc').locator('input').check();
    await explorer.waitForCount('3 báo cáo');
    await explorer.page.locator('[data-report-id="000-02f6dcf03165deaf"] .report-title a').click();
    await explorer.page.locator('.reader').waitFor();
    assert.deepEqual(await explorer.params(), {
      view: 'read',
      city: 'hcmc',
      doc: '000-02f6dcf03165deaf',
    });
    await explorer.page.goBack();
    await explorer.waitForCount('3 báo cáo');
    assert.equal(await explorer.facetValue('city', 'hcmc').locator('input').isChecked(), true);
    await explorer.page.goBack();
    await explorer.waitForCount('5 báo cáo');
    assert.equal(await explorer.facetValue('city', 'hcmc').locator('input').isChecked(), false);
    assert.equal(new URL(explorer.page.url()).pathname, '/explorer/');
    await explorer.page.goForward();
    await explorer.waitForCount('3 báo cáo');
    await explorer.page.goForward();
    await explorer.page.locator('.reader[data-report-id="000-02f6dcf03165deaf"]').waitFor();
    explorer.assertCleanConsole();
  });
});

test('unknown keys and malformed values are ignored with a notice, and the list still shows', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(`${site.url}?year=abc&foo=1&topic=khong-co`);
    const notice = explorer.page.getByRole('status');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /year=abc/);
    assert.match(text, /foo=1/);
    assert.match(text, /topic=khong-co.*không có trong bộ bài viết này/);
    // The unknown topic matches nothing, as the notice says; the rest is ignored.
    assert.equal(await explorer.resultCount(), '0 báo cáo');
    await explorer.page.getByTestId('clear-filters').click();
    await explorer.waitForCount('5 báo cáo');
    assert.equal((await explorer.reportIds()).length, 5);
    // The app's own URLs are clean: the notice is gone.
    assert.equal(await explorer.page.getByRole('status').count(), 0);
    explorer.assertCleanConsole();
  });
});

test('markup in the URL is shown as text and never runs', async (t) => {
  await withExplorer(t, async (explorer) => {
    let dialogs = 0;
    explorer.page.on('dialog', async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    const img = '<img src=x onerror=window.__xss=1>';
    const script = '<script>alert(1)</script>';
    await explorer.open(
      `${site.url}?q=${encodeURIComponent(img)}&${encodeURIComponent(script)}=1&person=${encodeURIComponent(img)}`,
    );
    assert.equal(await explorer.searchBox().inputValue(), img);
    const notice = await explorer.page.getByRole('status').innerText();
    assert.ok(notice.includes(script), notice);
    assert.ok(notice.includes(img), notice);
    assert.equal(await explorer.page.locator('main img, main script').count(), 0);
    assert.equal(await explorer.page.evaluate(() => window.__xss), undefined);
    assert.equal(dialogs, 0);
    // Same in the reader.
    await explorer.page.goto(`${site.url}?view=read&doc=${HANOI}&q=${encodeURIComponent(img)}`);
    await explorer.page.locator('.reader').waitFor();
    assert.equal(await explorer.page.locator('main img, main script').count(), 0);
    assert.equal(await explorer.page.evaluate(() => window.__xss), undefined);
    explorer.assertCleanConsole();
  });
});

test('switching the language keeps the search, the filters and the open report', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.open(`${site.url}?q=d%C3%A2n+v%E1%BA%ADn&city=hcmc`);
    await explorer.waitForCount('3 báo cáo');
    await explorer.page.getByTestId('lang-switch').click();
    await explorer.waitForCount('3 reports');
    assert.deepEqual(await explorer.params(), { q: 'dân vận', city: 'hcmc', lang: 'en' });
    assert.equal(await explorer.page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await explorer.searchBox().inputValue(), 'dân vận');
    assert.equal(await explorer.page.getByTestId('lang-switch').innerText(), 'Tiếng Việt');
    // In the reader too.
    await explorer.page.locator('[data-report-id] .report-title a').first().click();
    await explorer.page.locator('.reader').waitFor();
    const doc = (await explorer.params()).doc;
    await explorer.page.getByTestId('lang-switch').click();
    await explorer.until(async () => (await explorer.params()).lang === 'vi', 'lang=vi');
    assert.equal((await explorer.params()).doc, doc);
    assert.equal((await explorer.params()).view, 'read');
    assert.equal(await explorer.page.locator('.tab[aria-current="page"]').innerText(), 'Đọc');
    explorer.assertCleanConsole();
  });
});

test('"copy link" copies the address of the current view', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(site.url).origin,
    });
    await explorer.open(`${site.url}?q=MTTQ&lang=en`);
    await explorer.page.getByTestId('copy-link').click();
    const status = explorer.page.getByTestId('copy-status');
    await explorer.until(async () => (await status.innerText()) === 'Link copied', 'copied');
    const copied = await explorer.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await explorer.page.evaluate(() => location.href));
    assert.equal(copied, `${site.url}?q=MTTQ&lang=en`);
    explorer.assertCleanConsole();
  });
});

test('"copy link" right after a keystroke copies the address with that keystroke', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(site.url).origin,
    });
    await explorer.open(`${site.url}?q=MTTQ`);
    // The first keystroke of a search adds a history entry at once; the next ones replace
    // its URL after the next paint. A copy in the same task as such a keystroke must not copy
    // the address from before it.
    const type = (text, copy) =>
      explorer.page.evaluate(([text, copy]) => {
        const box = document.querySelector('#search-q');
        box.value = text;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        if (copy) document.querySelector('[data-testid="copy-link"]').click();
      }, [text, copy]);
    await type('MTTQ H', false);
    await explorer.until(async () => (await explorer.params()).q === 'MTTQ H', 'first keystroke');
    await type('MTTQ Hà Nội', true);
    const status = explorer.page.getByTestId('copy-status');
    await explorer.until(async () => (await status.innerText()) === 'Đã chép liên kết', 'copied');
    const copied = await explorer.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(new URL(copied).searchParams.get('q'), 'MTTQ Hà Nội');
    assert.equal(copied, await explorer.page.evaluate(() => location.href));
    explorer.assertCleanConsole();
  });
});

test('without a clipboard, "copy link" shows the link selected for copying by hand', async (t) => {
  await withExplorer(t, async (explorer) => {
    await explorer.page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    await explorer.open(`${site.url}?city=hanoi`);
    await explorer.page.getByTestId('copy-link').click();
    const field = explorer.page.getByTestId('copy-status').locator('input');
    await field.waitFor();
    assert.equal(await field.inputValue(), `${site.url}?city=hanoi`);
    assert.match(await explorer.page.getByTestId('copy-status').innerText(), /Hãy chép liên kết này/);
    assert.equal(
      await field.evaluate((el) => el.selectionEnd - el.selectionStart),
      `${site.url}?city=hanoi`.length,
    );
    explorer.assertCleanConsole();
  });
});

test('every form control leaves its state to the URL: autocomplete="off" on each', async (t) => {
  // The URL holds the view, so the browser must not save or restore these controls itself
  // (Firefox restores checkboxes across reloads, against the URL); it also keeps every
  // history write cheap: Chromium serialises the state of each control that does not opt out
  // on every replaceState, one per keystroke (BENCHMARKS.md, "History writes").
  await withExplorer(t, async (explorer) => {
    const unmarked = () => explorer.page.evaluate(() => {
      const controls = [...document.querySelectorAll('input, select, textarea')];
      return {
        controls: controls.length,
        unmarked: controls.filter((c) => c.getAttribute('autocomplete') !== 'off').map((c) => c.outerHTML.slice(0, 120)),
      };
    });
    await explorer.page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    await explorer.open(`${site.url}?q=d%C3%A2n+v%E1%BA%ADn`);
    // The copy-link fallback's field is a control too.
    await explorer.page.getByTestId('copy-link').click();
    await explorer.page.getByTestId('copy-status').locator('input').waitFor();
    const list = await unmarked();
    assert.ok(list.controls >= 10, `the list page has its facets (${list.controls} controls)`);
    assert.deepEqual(list.unmarked, []);
    for (const [view, drawn] of [['compare', '[data-compare-side="b"]'], ['figures', '#unit-select']]) {
      await explorer.page.goto(`${site.url}?view=${view}`);
      await explorer.page.locator(drawn).waitFor({ timeout: 20_000 });
      const found = await unmarked();
      assert.ok(found.controls >= 1, `${view} has its pickers`);
      assert.deepEqual(found.unmarked, [], view);
    }
    explorer.assertCleanConsole();
  });
});
