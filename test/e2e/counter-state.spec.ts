/**
 * What the counter shows is what the engine holds: after a reload the waiting
 * payment comes back with its real timer, a lost till service shows at once,
 * and a sale opened from the list brings its own phone, amount and note.
 * 46733123453 is docs/momo.md's sandbox number that stays PENDING (never answers).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, startBrowserMode } from './fixtures';

function parts(page: Page) {
  return {
    phone: page.getByLabel('Phone', { exact: true }),
    amount: page.getByLabel('Amount', { exact: true }),
    note: page.getByLabel('Note (optional)'),
    charge: page.getByRole('button', { name: /^Charge/ }),
    status: page.getByRole('region', { name: 'Payment status' }),
    sales: page.getByRole('region', { name: 'Today’s sales' }),
  };
}

/** The timer's mm:ss in seconds. */
async function timerSeconds(status: Locator): Promise<number> {
  const text = (await status.getByRole('timer').textContent()) ?? '';
  const [minutes, seconds] = text.split(':').map(Number) as [number, number];
  return minutes * 60 + seconds;
}

async function chargeWaiting(page: Page, amount: string, note?: string) {
  const counter = parts(page);
  await counter.phone.fill('46733123453');
  await counter.amount.fill(amount);
  if (note) await counter.note.fill(note);
  await counter.charge.click();
  await expect(counter.status.locator('.status-headline')).toHaveText('Waiting for the customer', { timeout: 15_000 });
  return (await counter.status.getByText(/^Receipt /).textContent())!.replace(/^Receipt /, '').trim();
}

test('after a reload the waiting payment is back on the counter, with the time since its prompt left', async ({ counter: page }) => {
  const counter = parts(page);
  const receipt = await chargeWaiting(page, '4200', 'two sodas');
  await expect.poll(() => timerSeconds(counter.status)).toBeGreaterThanOrEqual(3);

  await page.reload();
  await expect(counter.status.getByText(`Receipt ${receipt}`)).toBeVisible();
  await expect(counter.status.locator('.status-headline')).toHaveText('Waiting for the customer');
  // The engine's own clock: not restarted at 00:00 by the reload.
  expect(await timerSeconds(counter.status)).toBeGreaterThanOrEqual(3);
  // The form shows the sale it belongs to, not an empty new sale.
  await expect(counter.amount).toHaveValue('4200');
  await expect(counter.note).toHaveValue('two sodas');
});

test('a killed till service shows on screen at once, without a key press', async ({ counter: page, server }) => {
  const counter = parts(page);
  await chargeWaiting(page, '1000');
  server.child.kill('SIGKILL');
  const alert = page.getByRole('alert').filter({ hasText: 'The till service is not answering.' });
  await expect(alert).toBeVisible();
  // The panel no longer claims to be waiting live.
  await expect(counter.status).toContainText('not answering');
});

test('opening an older sale from the list shows its own phone, amount and note, and Stop waiting keeps its time', async ({ counter: page }) => {
  const counter = parts(page);
  const older = await chargeWaiting(page, '3000', 'older sale');
  await expect.poll(() => timerSeconds(counter.status)).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('F2');
  await counter.phone.fill('0788 123 456');
  await counter.amount.fill('1500');
  await counter.note.fill('newer sale');
  await counter.charge.click();
  await expect(counter.status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });

  const row = counter.sales.getByRole('listitem', { name: `Sale ${older}` });
  await row.getByRole('button', { name: /^Show/ }).click();
  await expect(counter.status.getByText(`Receipt ${older}`)).toBeVisible();
  await expect(counter.amount).toHaveValue('3000');
  await expect(counter.note).toHaveValue('older sale');
  await expect(counter.phone).toHaveValue('4673*****53');

  const before = await timerSeconds(counter.status);
  expect(before).toBeGreaterThanOrEqual(2);
  await counter.status.getByRole('button', { name: /^Stop waiting/ }).click();
  await expect(counter.status.locator('.status-headline')).toHaveText('Stopped waiting');
  expect(await timerSeconds(counter.status)).toBeGreaterThanOrEqual(before);
});

test('a till service that hangs (no answer, no closed connection) shows too, and its return brings the counter back', async ({ page }) => {
  // Heartbeats every 300 ms: a stream quiet for several of them is a lost connection.
  const server = await startBrowserMode({ MOMO_POS_HEARTBEAT_MS: '300' });
  try {
    await page.goto(server.openUrl);
    const receipt = await chargeWaiting(page, '2500');
    const alert = page.getByRole('alert').filter({ hasText: 'The till service is not answering.' });
    server.child.kill('SIGSTOP');
    await expect(alert).toBeVisible();
    server.child.kill('SIGCONT');
    await expect(alert).toBeHidden();
    await expect(parts(page).status.getByText(`Receipt ${receipt}`)).toBeVisible();
  } finally {
    server.child.kill('SIGCONT');
    await server.stop();
  }
});
