// The page object for the explorer: what a test may ask the page, by the same hooks the app
// promises (data-report-id, data-testid="result-count", role="alert").

import assert from 'node:assert/strict';
import { launchBrowser, newWatchedPage, screenshot } from './browser.mjs';

/** A failed resource load as Chromium logs it; allowed only where a test expects one. */
export const FAILED_RESOURCE = /^Failed to load resource: /;

/** The catalog's 404, as logged when a test withholds it (`withoutCatalog`). */
const CATALOG_404 = /^Failed to load resource: .* @ .*\/bundle\.catalog\.json$/;

export class ExplorerPage {
  constructor(page, problems) {
    this.page = page;
    this.problems = problems;
    /** Console errors this page expects (see `withoutCatalog`). */
    this.expectedErrors = [];
  }

  /**
   * Answers bundle.catalog.json with 404, as a host without one would: for tests that serve a
   * bundle of their own (the site's catalog lists the seed reports, not theirs). The app then
   * shows the list from the bundle. The 404's console line is expected from then on.
   */
  async withoutCatalog() {
    await this.page.route('**/bundle.catalog.json', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found\n' }),
    );
    this.expectedErrors.push(CATALOG_404);
  }

  /** Opens `url` and waits until the app has settled: a result count or an alert. */
  async open(url) {
    const response = await this.page.goto(url);
    assert.equal(response?.status(), 200, `the page itself should load: ${url}`);
    await this.page
      .locator('[data-testid="result-count"], [role="alert"]')
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** The `data-report-id` of every listed report, in page order, once the page of rows is
   * whole: an answer shows its first screenful in one frame and adds the rest of its page over
   * the next tasks, with the list marked `aria-busy` meanwhile. */
  async reportIds() {
    await this.page.locator('ol.report-list[aria-busy]').waitFor({ state: 'detached' });
    return this.page.locator('[data-report-id]').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-report-id')),
    );
  }

  resultCount() {
    return this.page.getByTestId('result-count').innerText();
  }

  /** Waits until `probe()` resolves to a truthy value (polling), then returns it. */
  async until(probe, what = 'condition', timeout = 5_000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      last = await probe();
      if (last) return last;
      await this.page.waitForTimeout(50);
    }
    throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
  }

  /** Waits until the result count reads `text`. */
  async waitForCount(text) {
    await this.until(async () => (await this.resultCount()) === text, `result count "${text}"`);
  }

  /** The checkbox label of a facet value (`data-facet`, `data-value`). */
  facetValue(facet, value) {
    return this.page.locator(`label.facet-value[data-facet="${facet}"][data-value="${value}"]`);
  }

  /** The live count shown beside a facet value, as a number. */
  async facetCount(facet, value) {
    return Number(await this.facetValue(facet, value).locator('.facet-count').innerText());
  }

  /** The search box, found by its label as a reader would. */
  searchBox() {
    return this.page.getByRole('searchbox');
  }

  /** The page's query parameters as a plain object. */
  async params() {
    const search = await this.page.evaluate(() => location.search);
    return Object.fromEntries(new URLSearchParams(search));
  }

  alert() {
    return this.page.getByRole('alert');
  }

  /**
   * Asserts the console stayed clean: no uncaught error at all, no console error except those
   * matching `allowedErrors`, and no warning that the server sent wasm with a wrong MIME type.
   */
  assertCleanConsole({ allowedErrors = [] } = {}) {
    const { pageErrors, consoleErrors, consoleWarnings } = this.problems;
    assert.deepEqual(pageErrors, [], 'no uncaught error');
    const allowed = [...allowedErrors, ...this.expectedErrors];
    const unexpected = consoleErrors.filter((line) => !allowed.some((re) => re.test(line)));
    assert.deepEqual(unexpected, [], 'no unexpected console error');
    const mime = consoleWarnings.filter((line) => /instantiateStreaming|MIME/i.test(line));
    assert.deepEqual(mime, [], 'wasm served with application/wasm');
  }
}

/**
 * Runs `body(explorer)` in a fresh browser; on failure saves a screenshot named after the test
 * to tests/browser/artifacts/, then fails with the original error.
 */
export async function withExplorer(t, body, { locale } = {}) {
  const browser = await launchBrowser({ locale });
  try {
    const { page, problems } = await newWatchedPage(browser.context);
    const explorer = new ExplorerPage(page, problems);
    try {
      await body(explorer);
    } catch (error) {
      const shot = await screenshot(page, t.name);
      if (shot) t.diagnostic(`screenshot: ${shot}`);
      t.diagnostic(`console: ${JSON.stringify(problems)}`);
      throw error;
    }
  } finally {
    await browser.close();
  }
}
