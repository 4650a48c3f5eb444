/** Free text (log lines, command output) is redacted by the transcript's rules, and ordinary words, times and hashes survive. */
import { describe, expect, it } from 'vitest';
import { redactText } from '../../../electron/core/momo/redaction';

describe('redactText', () => {
  it('masks every phone number and removes keys, tokens and passwords', () => {
    const text = [
      'charge to 250788123456 and +250788654321, customer on 0788123456',
      'Authorization: Bearer abc.def-ghi',
      'Authorization: Basic M2YwYzFkMmU6YWstdGVzdA==',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      'Ocp-Apim-Subscription-Key: 0f1e2d3c4b5a6978',
      'postgres://till_7:hunter2hunter2@hq.example/pos',
      '{"apiKey":"ak-123","pin":"482916","password":"p4ss"}',
      'typed key sk-live-0123456789',
    ].join('\n');
    const redacted = redactText(text, ['sk-live-0123456789']);
    expect(redacted).toBe(
      [
        'charge to 2507******56 and 2507******21, customer on 0788****56',
        'Authorization: Bearer <jwt-redacted>',
        'Authorization: Basic <base64(apiUser:apiKey)-redacted>',
        'token <jwt-redacted>',
        'Ocp-Apim-Subscription-Key: <subscription-key-redacted>',
        'postgres://till_7:<redacted>@hq.example/pos',
        '{"apiKey":"<api-key-redacted>","pin":"<redacted>","password":"<redacted>"}',
        'typed key <redacted>',
      ].join('\n'),
    );
  });

  it('leaves times, amounts, hashes, references and ordinary words alone', () => {
    const text = 'at 2025-03-10T10:00:00.000Z, 1000 RWF, seq 12 hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, ref 7c1f1f0e-1111-4222-8333-444455556666, Basic authentication failed, receipt POS1-000001';
    expect(redactText(text)).toBe(text);
  });

  it('leaves what is already redacted as it is', () => {
    const text = 'Authorization: Bearer <jwt-redacted>\nOcp-Apim-Subscription-Key: <subscription-key-redacted>\n"partyId": "2507******56"';
    expect(redactText(text)).toBe(text);
  });
});
