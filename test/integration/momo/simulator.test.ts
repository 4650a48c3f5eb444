/**
 * The simulator itself: where it listens, how fast it closes, that its
 * memory stays bounded, the gateway's own checks, and the standalone runner.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMomoSimulator } from '../../../electron/core/momo-sim';
import { KEYS, requestToPayInput, startRig } from './rig';

const ROOT = path.join(import.meta.dirname, '../../..');

describe('where it listens', () => {
  it('binds 127.0.0.1 and refuses any other host', async () => {
    const sim = await startMomoSimulator();
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    } finally {
      await sim.close();
    }
    await expect(startMomoSimulator({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startMomoSimulator({ host: 'localhost' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('closes at once even with keep-alive connections and a slow answer pending', async () => {
    const rig = await startRig();
    await rig.momo.collection.getAccountBalance();
    rig.sim.injectFault({ operation: 'getAccountBalance', kind: 'slow', delayMs: 10_000 });
    const hanging = rig.momo.collection.getAccountBalance().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await rig.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await hanging).toMatchObject({ code: 'NETWORK' });
  });
});

describe('memory stays bounded', () => {
  it('forgets the oldest transactions beyond maxTransactions (600 payments, 100 kept)', async () => {
    const rig = await startRig({ sim: { maxTransactions: 100, approvalDelayMs: 0 } });
    try {
      const references: string[] = [];
      for (let batch = 0; batch < 30; batch += 1) {
        await Promise.all(
          Array.from({ length: 20 }, () => {
            const input = requestToPayInput('250788123456');
            references.push(input.referenceId);
            return rig.momo.collection.requestToPay(input);
          }),
        );
      }
      expect(rig.sim.stats().transactions).toBe(100);
      expect(rig.sim.requestsToPay()).toHaveLength(100);
      expect(rig.sim.requestToPayCount(references.at(-1)!)).toBe(1);
      expect(rig.sim.requestToPayCount(references[0]!)).toBe(0);
      expect((await rig.momo.collection.getRequestToPayStatus(references.at(-1)!)).status).toBe('SUCCESSFUL');
      expect(rig.sim.stats().tokensIssued).toBe(1);
    } finally {
      await rig.close();
    }
  });
});

describe("the gateway's own checks", () => {
  it('missing or unknown subscription key: 401 {statusCode, message}', async () => {
    const rig = await startRig();
    try {
      const missing = await fetch(`${rig.sim.url}/collection/token/`, { method: 'POST' });
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ statusCode: 401, message: expect.stringMatching(/missing subscription key/) });
      const wrong = await fetch(`${rig.sim.url}/collection/v1_0/account/balance`, { headers: { 'Ocp-Apim-Subscription-Key': '99999999999999999999999999999999' } });
      expect(await wrong.json()).toEqual({ statusCode: 401, message: expect.stringMatching(/invalid subscription key/) });
    } finally {
      await rig.close();
    }
  });

  it('a token of one product is refused by the other; a wrong target environment is refused', async () => {
    const rig = await startRig({ sim: { targetEnvironment: 'mtnrwanda' } });
    try {
      const basic = Buffer.from(`${KEYS.apiUser}:${KEYS.apiKey}`).toString('base64');
      const token = (await (await fetch(`${rig.sim.url}/collection/token/`, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Ocp-Apim-Subscription-Key': KEYS.collectionKey } })).json()) as { access_token: string; token_type: string; expires_in: number };
      expect(token).toMatchObject({ token_type: 'access_token', expires_in: 3600 });
      expect(token.access_token.split('.')).toHaveLength(3);
      const headers = { Authorization: `Bearer ${token.access_token}`, 'Ocp-Apim-Subscription-Key': KEYS.collectionKey };
      expect((await fetch(`${rig.sim.url}/disbursement/v1_0/account/balance`, { headers: { ...headers, 'X-Target-Environment': 'mtnrwanda' } })).status).toBe(401);
      const wrongEnvironment = await fetch(`${rig.sim.url}/collection/v1_0/account/balance`, { headers: { ...headers, 'X-Target-Environment': 'sandbox' } });
      expect(wrongEnvironment.status).toBe(400);
      expect(await wrongEnvironment.json()).toMatchObject({ code: 'NOT_ALLOWED_TARGET_ENVIRONMENT' });
      expect((await fetch(`${rig.sim.url}/collection/v1_0/account/balance`, { headers: { ...headers, 'X-Target-Environment': 'mtnrwanda' } })).status).toBe(200);
      expect((await fetch(`${rig.sim.url}/collection/v9_0/nothing`, { headers })).status).toBe(404);
    } finally {
      await rig.close();
    }
  });

  it('acceptAnyCredentials (training) gives a token to any API user and key', async () => {
    const rig = await startRig({ sim: { acceptAnyCredentials: true, subscriptionKeys: undefined, users: [] } });
    try {
      const momo = rig.client({ collection: { subscriptionKey: 'training-3b1f9a2c-5d4e-4f6a-8b7c-9d0e1f2a3b4c', apiUser: 'training-user', apiKey: 'training-key-0001' } });
      await expect(momo.collection.requestToPay(requestToPayInput('250788123456'))).resolves.toBeDefined();
    } finally {
      await rig.close();
    }
  });
});

describe('the standalone runner', () => {
  it('starts on PORT, prints its URL, answers, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/momo-sim/cli.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', APPROVAL_DELAY_MS: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`runner exited ${code}: ${output}`)));
        setTimeout(() => reject(new Error(`runner printed no URL: ${output}`)), 8_000);
      });
      const basic = Buffer.from('any-user:any-key').toString('base64');
      const answer = await fetch(`${url}/collection/token/`, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Ocp-Apim-Subscription-Key': 'any-key-will-do' } });
      expect(answer.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
