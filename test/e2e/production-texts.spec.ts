/**
 * Training runs the simulator's production profile (docs/momo.md, "What production
 * does"): a shop whose name and note production would refuse still gets paid,
 * because MoMo only ever receives the cleaned copy; the counter and the
 * receipt keep what was typed.
 */
import { test, expect } from './fixtures';

test('"Jean & Fils\' Boutique" charging with the note "Marie\'s order & co" is paid in training, which refuses what production refuses', async ({ counter: page }) => {
  // The same call the settings screen makes, from the page (its session).
  const updated = await page.evaluate(async () => {
    // Settings are the manager's: this session chooses the manager PIN first (which unlocks it), as the Settings gate does.
    await fetch('/api/call/till.setManagerPin', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '482916' }) });
    const response = await fetch('/api/call/settings.update', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merchantName: "Jean & Fils' Boutique" }) });
    return (await response.json()) as { ok: boolean };
  });
  expect(updated.ok).toBe(true);
  await page.reload();
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('2500');
  await page.getByLabel('Note (optional)').fill("Marie's order & co");
  await page.getByRole('button', { name: /^Charge/ }).click();
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
  await status.getByRole('button', { name: 'Print receipt' }).click();
  const receipt = page.getByRole('dialog').frameLocator('iframe[title="Receipt preview"]').locator('body');
  await expect(receipt).toContainText("Marie's order & co");
  await expect(receipt).toContainText("Jean & Fils' Boutique");
});
