/** Redaction by header name and by body field, with the placeholders of MTN's production exchange (docs/momo.md). */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody, redactHeaders, redactSecrets } from '../../../electron/core/momo';

describe('redactHeaders', () => {
  it('uses the placeholders of seed 000 whatever the header case', () => {
    expect(
      redactHeaders({
        'Ocp-Apim-Subscription-Key': 'c0a1b2c3d4e5f60718293a4b5c6d7e8f',
        Authorization: 'Basic MGI1YTFlOGM6YTdjMw==',
        'X-Reference-Id': '68d9495b-6050-468e-b03c-419e9c9bbcfe',
      }),
    ).toEqual({
      'Ocp-Apim-Subscription-Key': '<subscription-key-redacted>',
      Authorization: 'Basic <base64(apiUser:apiKey)-redacted>',
      'X-Reference-Id': '68d9495b-6050-468e-b03c-419e9c9bbcfe',
    });
    expect(redactHeaders({ authorization: 'bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSMjU2In0.e30.sig' })).toEqual({ authorization: 'Bearer <jwt-redacted>' });
    expect(redactHeaders({ Authorization: 'Token abc' })).toEqual({ Authorization: REDACTED.other });
  });
});

describe('redactBody', () => {
  it('replaces access_token and apiKey values in place, keeping the body as it was written', () => {
    expect(redactBody('{"access_token":"eyJ.a\\"b.c","token_type":"access_token","expires_in":3600}')).toBe('{"access_token":"<jwt-redacted>","token_type":"access_token","expires_in":3600}');
    expect(redactBody('{\n  "apiKey": "f1db798c98df4bcf83b538175893bbf0"\n}')).toBe('{\n  "apiKey": "<api-key-redacted>"\n}');
    expect(redactBody('{"amount":"1000","currency":"RWF"}')).toBe('{"amount":"1000","currency":"RWF"}');
  });
});

describe('redactSecrets', () => {
  it('ignores values too short to be secrets (they would eat ordinary text)', () => {
    expect(redactSecrets('amount 1000 RWF', ['1000', 'RWF', ''])).toBe('amount 1000 RWF');
  });
  it('replaces every occurrence', () => {
    expect(redactSecrets('k1=SECRETVALUE1 again SECRETVALUE1', [{ value: 'SECRETVALUE1', placeholder: REDACTED.apiKey }])).toBe('k1=<api-key-redacted> again <api-key-redacted>');
  });
});
