/**
 * The manager's support bundle beside the transcript, in a real browser:
 * the button asks for the manager PIN, a wrong one is refused in words, the
 * right one downloads one zip whose parts are named and which holds no full
 * phone number.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, callApi } from './fixtures';
import { MANAGER_PIN } from './manager-pin';

test('the support bundle: manager PIN, then one redacted zip downloaded beside the transcript', async ({ counter: page, server }) => {
  await callApi(server, 'till.setManagerPin', { pin: MANAGER_PIN });
  await page.keyboard.press('F2');
  await page.getByLabel('Phone', { exact: true }).fill('46733123450');
  await page.getByLabel('Amount', { exact: true }).fill('2500');
  await page.getByLabel('Amount', { exact: true }).press('Enter');
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status.locator('.status-headline')).toHaveText('Failed', { timeout: 15_000 });
  await status.getByRole('button', { name: 'Copy support transcript' }).click();
  const dialog = page.getByRole('dialog', { name: 'Support transcript' });
  await dialog.getByRole('button', { name: 'Support bundle' }).click();
  const form = dialog.getByRole('form', { name: 'Support bundle' });
  await form.getByLabel('Manager PIN').fill('000000');
  await form.getByRole('button', { name: 'Save the bundle' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByLabel('Manager PIN').fill(MANAGER_PIN);
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Save the bundle' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^momo-pos-support-.+\.zip$/);
  await expect(form.getByRole('status')).toContainText(`Saved ${file.suggestedFilename()}`);
  await page.screenshot({ path: 'test-results/support-bundle.png' });
  const files = unzipSync(readFileSync((await file.path())!));
  const names = Object.keys(files).map((name) => name.slice(name.indexOf('/') + 1));
  for (const part of ['README.txt', 'about.txt', 'verify.txt', 'head-office.txt']) expect(names).toContain(part);
  expect(names.some((name) => /^transcripts\/.+-1-failed\.txt$/.test(name))).toBe(true);
  const all = Object.values(files).map((bytes) => strFromU8(bytes)).join('\n');
  expect(all).not.toContain('46733123450');
  expect(all).toContain('Failure Reason: INTERNAL_PROCESSING_ERROR');
});
