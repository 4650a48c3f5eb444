/**
 * Browser mode for e2e: each test gets its own server (`electron/core/web/cli.ts`)
 * on 127.0.0.1 with a fresh data folder, and a page already holding the token.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../helpers/browser-mode';

export type PosServer = BrowserMode;
export { startBrowserMode };

export const test = base.extend<{ server: PosServer; counter: Page }>({
  server: async ({}, use) => {
    const server = await startBrowserMode();
    await use(server);
    await server.stop();
  },
  counter: async ({ page, server }, use) => {
    await page.goto(server.openUrl);
    await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
    await use(page);
  },
});

export { expect };
