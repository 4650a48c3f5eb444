/**
 * The MoMo client talking real HTTP over loopback to the real simulator,
 * both on one controlled clock. Keys are fake but shaped like MTN's.
 */
import { randomUUID } from 'node:crypto';
import { createMomoClient, type MomoClient, type MomoClientOptions, type MomoExchange } from '../../../electron/core/momo';
import { startMomoSimulator, type MomoSimulator, type MomoSimulatorOptions } from '../../../electron/core/momo-sim';

export const KEYS = {
  collectionKey: 'c0a1b2c3d4e5f60718293a4b5c6d7e8f',
  collectionSecondaryKey: 'c9f8e7d6c5b4a3928170f6e5d4c3b2a1',
  disbursementKey: 'd0e1f2a3b4c5d6e7f8091a2b3c4d5e6f',
  apiUser: '0b5a1e8c-3f2d-4c6b-9a7e-1d2c3b4a5f6e',
  apiKey: 'a7c3798c98df4bcf83b538175893bbf0',
};

export function uuid(): string {
  return randomUUID();
}

/** A clock the test moves by hand; shared by client and simulator. */
export function controlledClock(start = Date.UTC(2025, 11, 13, 9, 21, 0)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export interface Rig {
  sim: MomoSimulator;
  momo: MomoClient;
  clock: ReturnType<typeof controlledClock>;
  exchanges: MomoExchange[];
  client(overrides?: Partial<MomoClientOptions>): MomoClient;
  close(): Promise<void>;
}

export async function startRig(options: { sim?: MomoSimulatorOptions; client?: Partial<MomoClientOptions> } = {}): Promise<Rig> {
  const clock = controlledClock();
  const sim = await startMomoSimulator({
    approvalDelayMs: 5_000,
    slowApprovalDelayMs: 30_000,
    now: clock.now,
    subscriptionKeys: [KEYS.collectionKey, KEYS.collectionSecondaryKey, KEYS.disbursementKey],
    users: [{ apiUser: KEYS.apiUser, apiKey: KEYS.apiKey }],
    ...options.sim,
  });
  const exchanges: MomoExchange[] = [];
  const client = (overrides: Partial<MomoClientOptions> = {}) =>
    createMomoClient({
      baseUrl: sim.url,
      keysEnteredFor: sim.url,
      targetEnvironment: 'sandbox',
      collection: { subscriptionKey: KEYS.collectionKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey },
      disbursement: { subscriptionKey: KEYS.disbursementKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey },
      now: clock.now,
      timeoutMs: 2_000,
      onExchange: (exchange) => exchanges.push(exchange),
      ...options.client,
      ...overrides,
    });
  return { sim, momo: client(), clock, exchanges, client, close: () => sim.close() };
}

export function requestToPayInput(partyId: string, overrides: Record<string, unknown> = {}) {
  return {
    referenceId: uuid(),
    amount: '1000',
    currency: 'RWF',
    externalId: `SALE-${Math.random().toString(36).slice(2, 10)}`,
    payer: { partyIdType: 'MSISDN' as const, partyId },
    payerMessage: 'Kigali Corner Shop',
    payeeNote: 'R-000123',
    ...overrides,
  };
}

/** Resolves with the error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> & { name: string; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & { name: string; code: string; message: string };
  }
  throw new Error('expected a failure, got success');
}
