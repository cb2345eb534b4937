import type { chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser; the browser tests skip when it is not there. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Starts Debian's Chromium headless, with the switches that keep it from calling out to Google's services (this
 * machine's network refuses them, and a test must see only the page's own requests).
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium: browser } = await import('playwright-core');
  return browser.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type Browser = Awaited<ReturnType<typeof chromium.launch>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

/** What a page did that it must never do: requests (to check none leaves), console errors, dialogs. */
export interface Watched {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

/** Records every request, console error or warning, page error and dialog of a page (dialogs are dismissed). */
export function watch(page: Page): Watched {
  const seen: Watched = { requests: [], errors: [], dialogs: [] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}
