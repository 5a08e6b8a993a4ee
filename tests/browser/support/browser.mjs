// Launching Debian's Chromium through playwright-core, and a page that records what went wrong.
//
// Flags follow /work/shared/TOOLCHAIN.md: they work as root and keep Chromium off the closed
// network. Each launch gets a fresh user-data-dir, so no test sees another's cache or storage.

import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, '..', '..', '..');
export const DIST = join(REPO, 'dist');
export const ARTIFACTS = join(here, '..', 'artifacts');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The headless flags (also used by tests/bench/browser-bench.mjs). */
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails early, with the fix, when the site has not been built. */
export function requireDist() {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'bundle.json'))) {
    throw new Error(`no built site in ${DIST}: run \`make dist\` first`);
  }
}

/**
 * Launches Chromium with a fresh profile. Vietnamese locale, so the UI's default language is
 * what a Vietnamese reader gets. Resolves to { context, close }.
 */
export async function launchBrowser({ locale = 'vi-VN' } = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'danvan-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a new page that records uncaught errors (`pageerror`) and console errors and warnings,
 * so each test can assert the console stayed clean.
 */
export async function newWatchedPage(context) {
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [], consoleWarnings: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    const line = `${message.text()} @ ${message.location()?.url ?? '?'}`;
    if (message.type() === 'error') problems.consoleErrors.push(line);
    if (message.type() === 'warning') problems.consoleWarnings.push(line);
  });
  return { page, problems };
}

/** Saves a full-page screenshot of `page` as artifacts/<name>.png; never throws. */
export async function screenshot(page, name) {
  try {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  } catch {
    return null;
  }
}
