import { test, expect } from './fixtures';

test('browser mode opens in training mode with the banner and the Phone and Amount fields', async ({ counter, server }) => {
  await expect(counter.getByRole('status', { name: 'Training mode' })).toContainText('TRAINING');
  await expect(counter.getByLabel('Phone', { exact: true })).toBeEditable();
  await expect(counter.getByLabel('Amount', { exact: true })).toBeEditable();
  // The token was traded for a cookie: it is not left in the address bar.
  expect(counter.url()).toBe(`${server.url}/`);
  if (process.env.MOMO_POS_SCREENSHOTS) await counter.screenshot({ path: 'docs/screenshots/counter-idle.png' });
});

test('the page without the token gets nothing but a refusal', async ({ page, server }) => {
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(401);
  await expect(page.getByLabel('Phone', { exact: true })).toHaveCount(0);
});
