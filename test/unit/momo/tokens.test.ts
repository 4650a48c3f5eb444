/** The token cache alone: margin, single flight, invalidation, abort of one waiter. */
import { describe, expect, it } from 'vitest';
import { TOKEN_REFRESH_MARGIN_MS } from '../../../electron/core/momo';
import { createSubscriptionKeys, createTokenCache } from '../../../electron/core/momo/tokens';

function cacheWith(expiresInSeconds: number) {
  let time = 0;
  let issued = 0;
  let release: (() => void) | undefined;
  let hold = false;
  const cache = createTokenCache({
    now: () => time,
    async requestToken() {
      issued += 1;
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return { accessToken: `token-${issued}`, expiresInSeconds };
    },
  });
  return {
    cache,
    advance: (ms: number) => (time += ms),
    issued: () => issued,
    hold: (value: boolean) => (hold = value),
    release: () => release?.(),
  };
}

const context = { listeners: [] };

describe('token cache', () => {
  it('refreshes a minute before expiry', async () => {
    const t = cacheWith(3600);
    expect(await t.cache.get(context)).toBe('token-1');
    t.advance(3600_000 - TOKEN_REFRESH_MARGIN_MS - 1);
    expect(await t.cache.get(context)).toBe('token-1');
    t.advance(1);
    expect(await t.cache.get(context)).toBe('token-2');
  });

  it('a lifetime shorter than two minutes is refreshed at half-life', async () => {
    const t = cacheWith(60);
    await t.cache.get(context);
    t.advance(29_999);
    expect(await t.cache.get(context)).toBe('token-1');
    t.advance(1);
    expect(await t.cache.get(context)).toBe('token-2');
  });

  it('one flight for many callers; invalidate forgets only the token that failed', async () => {
    const t = cacheWith(3600);
    t.hold(true);
    const waiting = Promise.all(Array.from({ length: 20 }, () => t.cache.get(context)));
    await Promise.resolve();
    t.release();
    expect(new Set(await waiting)).toEqual(new Set(['token-1']));
    expect(t.issued()).toBe(1);
    t.hold(false);
    t.cache.invalidate('token-0');
    expect(await t.cache.get(context)).toBe('token-1');
    t.cache.invalidate('token-1');
    expect(await t.cache.get(context)).toBe('token-2');
  });

  it('an aborted waiter stops waiting; the flight goes on for the others', async () => {
    const t = cacheWith(3600);
    t.hold(true);
    const controller = new AbortController();
    const aborted = t.cache.get({ signal: controller.signal, listeners: [] }).catch((error: unknown) => error);
    const other = t.cache.get(context);
    controller.abort();
    expect(await aborted).toMatchObject({ name: 'MomoError', code: 'ABORTED', operation: 'token' });
    t.release();
    expect(await other).toBe('token-1');
  });
});

describe('subscription keys', () => {
  it('switches to the key not yet tried, and stays there', () => {
    const keys = createSubscriptionKeys('primary-key-0001', 'second-key-0002');
    expect(keys.current()).toBe('primary-key-0001');
    expect(keys.switchFrom('primary-key-0001', new Set(['primary-key-0001']))).toBe(true);
    expect(keys.current()).toBe('second-key-0002');
    expect(keys.switchFrom('second-key-0002', new Set(['primary-key-0001', 'second-key-0002']))).toBe(false);
    expect(createSubscriptionKeys('only-key-000001').switchFrom('only-key-000001', new Set(['only-key-000001']))).toBe(false);
  });
});
