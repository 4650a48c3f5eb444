/**
 * `receipt.print` through the router of a real app: with no thermal printer it
 * says so, and with a network printer (a TCP listener on 127.0.0.1 playing
 * port 9100) the receipt's bytes arrive and the answer names the printer. The
 * answer is a key and its facts, so the preview says it in the cashier's
 * language.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import type { PosResult } from '../../../shared/contract';
import { noticeText } from '../../../shared/error-text';

const manager = { id: 'test:manager' };
const cashier = { id: 'test:cashier' };
let app: Pos;
let dataDir: string;
const call = <T = any>(method: string, input: unknown, caller: { id: string }) => app.router.call(method as never, input, caller) as Promise<PosResult<T>>;
async function ok<T = any>(method: string, input: unknown, caller: { id: string }): Promise<T> {
  const result = await call<T>(method, input, caller);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.data;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-print-'));
  app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: {}, log: () => {} });
  await ok('till.setManagerPin', { pin: '482916' }, manager);
  await ok('till.setCashier', { name: 'Aline', pin: '1357', managerPin: '482916' }, manager);
  await ok('till.openShift', { openingFloat: '0', cashier: 'Aline', pin: '1357' }, cashier);
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('receipt.print', () => {
  it('no printer: says so in the cashier’s language; a network printer: the bytes arrive and the answer names it', async () => {
    const sale = await ok<{ id: string }>('sale.payCash', { amount: '2500' }, cashier);
    const none = await ok<{ printed: boolean; key: string; params: Record<string, string>; message: string }>('receipt.print', { saleId: sale.id }, cashier);
    expect(none).toMatchObject({ printed: false, key: 'error.receipts.noPrinterSetUp' });
    expect(none.message).toMatch(/^No receipt printer is set up/);
    expect(noticeText(none, 'fr')).toMatch(/^Aucune imprimante de reçus n’est réglée/);

    const received: Buffer[] = [];
    const printer = net.createServer((socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('end', () => socket.end());
    });
    await new Promise<void>((resolve) => printer.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = printer.address() as net.AddressInfo;
      await ok('settings.update', { printerKind: 'network', printerHost: '127.0.0.1', printerPort: port }, manager);
      const sent = await ok<{ printed: boolean; key: string; params: Record<string, string>; message: string }>('receipt.print', { saleId: sale.id }, cashier);
      expect(sent).toMatchObject({ printed: true, key: 'error.receipts.sentToNetworkPrinter', params: { where: '127.0.0.1' } });
      expect(noticeText(sent, 'rw')).toBe('Byoherejwe kuri printer iri kuri 127.0.0.1.');
      expect(Buffer.concat(received).toString('latin1')).toContain('2,500');
    } finally {
      await new Promise((resolve) => printer.close(resolve));
    }
  });
});
