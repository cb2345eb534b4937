import type { chromium } from 'playwright-core';

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
