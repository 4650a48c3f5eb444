/**
 * Where callbacks may go: production only over https; plain http only for the
 * simulator on this computer. The sandbox user's providerCallbackHost is head
 * office's host. At most one status check per reference per second.
 */
import { describe, expect, it } from 'vitest';
import { callbackBaseProblem, callbackRegistration, callbackUrlFor, createCallbackRelay, perKeyGate } from '../../../electron/core/headoffice';
import { callbackHostOf } from '../../../electron/core/setup/handlers';
import { callbackSchedule } from '../../../electron/core/movements';

describe('callback base', () => {
  it('production needs https; http passes only on loopback in the sandbox', () => {
    expect(callbackBaseProblem('https://hq.example.com', 'mtnrwanda')).toBeUndefined();
    expect(callbackBaseProblem('http://hq.example.com', 'mtnrwanda')).toMatch(/HTTPS/);
    expect(callbackBaseProblem('http://127.0.0.1:4000', 'mtnrwanda')).toMatch(/HTTPS/);
    expect(callbackBaseProblem('http://127.0.0.1:4000', 'sandbox')).toBeUndefined();
    expect(callbackBaseProblem('http://hq.example.com', 'sandbox')).toMatch(/HTTPS/);
    expect(callbackBaseProblem('hq.example.com', 'sandbox')).toMatch(/not a URL/);
  });

  it('the set-up wizard shows what to register in the partner portal, or why callbacks are off', () => {
    expect(callbackRegistration('https://hq.example.com/', 'mtnrwanda')).toEqual({ state: 'on', host: 'hq.example.com', url: 'https://hq.example.com/momo/callback/' });
    expect(callbackRegistration('https://hq.example.com:8443/pos', 'mtnrwanda')).toEqual({ state: 'on', host: 'hq.example.com', url: 'https://hq.example.com:8443/pos/momo/callback/' });
    expect(callbackRegistration(undefined, 'mtnrwanda')).toEqual({ state: 'off', reason: 'notSet' });
    expect(callbackRegistration(' ', 'mtnrwanda')).toEqual({ state: 'off', reason: 'notSet' });
    expect(callbackRegistration('http://hq.example.com', 'mtnrwanda')).toEqual({ state: 'off', reason: 'notHttps' });
    expect(callbackRegistration('hq.example.com', 'mtnrwanda')).toEqual({ state: 'off', reason: 'notHttps' });
  });

  it('names the till key and the reference in the path', () => {
    expect(callbackUrlFor('https://hq.example.com/', 'k'.repeat(32), 'ref')).toBe(`https://hq.example.com/momo/callback/${'k'.repeat(32)}/ref`);
  });

  it('the set-up wizard provisions a sandbox user with head office’s host', () => {
    expect(callbackHostOf('https://hq.example.com:8443/x')).toBe('hq.example.com');
    expect(callbackHostOf(undefined)).toBeUndefined();
    expect(callbackHostOf('nonsense')).toBeUndefined();
  });
});

describe('what a stranger can make a till do', () => {
  it('passes one hint per reference per second, whatever arrives', () => {
    let time = 0;
    const gate = perKeyGate(1_000, () => time);
    const passed = [];
    for (time = 0; time < 5_000; time += 10) passed.push(gate('ref-a'));
    expect(passed.filter(Boolean)).toHaveLength(5);
    expect(gate('ref-b')).toBe(true);
  });

  it('an overdue callback withdraws trust for the cool-down; a heard one does not', () => {
    let time = 0;
    const relay = createCallbackRelay({ overdueCooldownMs: 60_000, missGraceMs: 0, now: () => time });
    relay.attach({ listening: () => true, callbackUrl: () => 'u', ready: async () => {}, close: async () => {} });
    expect(relay.trusted()).toBe(true);
    relay.heard('a');
    relay.missed('a');
    expect(relay.trusted()).toBe(true);
    relay.missed('b');
    expect(relay.trusted()).toBe(false);
    time = 60_000;
    expect(relay.trusted()).toBe(true);
  });

  it('a callback that crosses the poll (heard within the grace) is no miss; trust grows with each confirmed one and a miss starts it again', async () => {
    const relay = createCallbackRelay({ overdueCooldownMs: 60_000, missGraceMs: 40 });
    relay.attach({ listening: () => true, callbackUrl: () => 'u', ready: async () => {}, close: async () => {} });
    relay.confirmed('x');
    relay.confirmed('y');
    expect(relay.streak()).toBe(2);
    relay.missed('crossed');
    relay.heard('crossed');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(relay.trusted()).toBe(true);
    expect(relay.streak()).toBe(2);
    relay.missed('lost');
    expect(relay.trusted()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(relay.trusted()).toBe(false);
    expect(relay.streak()).toBe(0);
  });

  it('the counter step grows with the streak and never polls faster than the schedule', () => {
    const today = { firstDelayMs: 2_000, fastIntervalMs: 1_400, fastPhaseMs: 120_000, backoffFactor: 1.5, maxIntervalMs: 30_000, windowMs: 360_000 };
    expect(callbackSchedule(today, 0)).toMatchObject({ firstDelayMs: 2_000, fastIntervalMs: 4_000 });
    expect(callbackSchedule(today, 3)).toMatchObject({ firstDelayMs: 2_000, fastIntervalMs: 10_000 });
    expect(callbackSchedule(today, 10)).toMatchObject({ firstDelayMs: 10_000, fastIntervalMs: 30_000, windowMs: 360_000 });
    expect(callbackSchedule({ ...today, firstDelayMs: 60_000, fastIntervalMs: 60_000 }, 10)).toMatchObject({ firstDelayMs: 60_000, fastIntervalMs: 60_000 });
  });
});
