/** One set of phone rules per market, for the engine and the counter alike (shared/phone.ts phoneRulesFor). */
import { describe, expect, it } from 'vitest';
import { MARKETS } from '../../shared/markets';
import { parsePayerNumber, phoneRulesFor } from '../../shared/phone';

describe('phoneRulesFor', () => {
  it('takes the market’s country and MTN prefixes', () => {
    expect(phoneRulesFor('mtnuganda', false)).toEqual({ country: 'UG', mtnPrefixes: MARKETS.mtnuganda.mtnPrefixes, training: false });
    expect(parsePayerNumber('0772 123456', phoneRulesFor('mtnuganda', false))).toEqual({ msisdn: '256772123456', display: '+256 772 123456' });
    expect(parsePayerNumber('0702 123456', phoneRulesFor('mtnuganda', false)).warning?.key).toBe('error.phone.maybeNotMtn');
  });

  it('accepts the sandbox’s test numbers in training only', () => {
    expect(parsePayerNumber('46733123450', phoneRulesFor('sandbox', true))).toEqual({ msisdn: '46733123450', display: '+46733123450 (sandbox test number)' });
    // Outside training it is a Swedish number like any other: another country, warned about.
    expect(parsePayerNumber('46733123450', phoneRulesFor('sandbox', false)).warning?.key).toBe('error.phone.otherCountry');
  });

  it('counts an unknown environment as Rwanda, as the settings do', () => {
    expect(phoneRulesFor('mtnatlantis', false)).toEqual({ country: 'RW', mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: false });
  });
});
