/**
 * The fiscal set-up's checks: the VSDC is a box in the shop (loopback, a
 * private range, a local name), never an address on the internet; the
 * default item's code gives the units its line is sent with.
 */
import { describe, expect, it } from 'vitest';
import { checkFiscalConfigInput, checkVsdcUrl, defaultItemLine, isShopNetworkHost, readFiscalConfig, unitsOfItemCode } from '../../../electron/core/fiscal/config';

const ITEM = { code: 'RW2NTU0000001', classCode: '5020230100', taxType: 'B', name: 'Goods' };

describe('the VSDC address', () => {
  it('is on this computer or the shop’s network', () => {
    for (const host of ['127.0.0.1', 'localhost', '10.0.0.5', '172.16.0.1', '172.31.255.254', '192.168.1.20', '169.254.3.4', '[::1]', '[fd00::1]', 'vsdc', 'vsdc.local', 'ebm.lan']) {
      expect(isShopNetworkHost(host), host).toBe(true);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '172.15.0.1', '203.0.113.7', 'example.com', 'vsdc.rra.gov.rw', '[2001:db8::1]']) {
      expect(isShopNetworkHost(host), host).toBe(false);
    }
  });

  it('is http(s), without a user, password, query or fragment; kept without its trailing slash', () => {
    expect(checkVsdcUrl('http://192.168.1.20:8080/rraVsdc/')).toBe('http://192.168.1.20:8080/rraVsdc');
    expect(checkVsdcUrl('https://vsdc.local')).toBe('https://vsdc.local');
    for (const bad of ['ftp://192.168.1.20', 'http://u:p@192.168.1.20', 'http://192.168.1.20/?x=1', 'http://192.168.1.20/#a', 'https://example.com', 'file:///etc/passwd', 'javascript:alert(1)', '']) {
      expect(() => checkVsdcUrl(bad), bad).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'vsdcUrl' }));
    }
  });
});

describe('the set-up input', () => {
  const good = { tin: '100200300', branchId: '00', deviceSerial: 'TILL-1', vsdcUrl: 'http://127.0.0.1:8080', defaultItem: ITEM };
  it('keeps what makes sense, upper-cases the code and tax type', () => {
    expect(checkFiscalConfigInput({ ...good, defaultItem: { ...ITEM, code: 'rw2ntu0000001', taxType: 'b' } }).defaultItem).toEqual(ITEM);
  });
  it('names the field of what does not', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tin: '1002003000' }, 'tin'],
      [{ branchId: '100' }, 'branchId'],
      [{ deviceSerial: '' }, 'deviceSerial'],
      [{ deviceSerial: 'x'.repeat(101) }, 'deviceSerial'],
      [{ defaultItem: { ...ITEM, code: 'RW4NTU0000001' } }, 'defaultItem.code'],
      [{ defaultItem: { ...ITEM, classCode: '502023010A' } }, 'defaultItem.classCode'],
      [{ defaultItem: { ...ITEM, name: 'line\u202Eone' } }, 'defaultItem.name'],
    ];
    for (const [patch, field] of cases) expect(() => checkFiscalConfigInput({ ...good, ...patch } as never), field).toThrow(expect.objectContaining({ field }));
  });
  it('a stored value that does not make sense counts as none', () => {
    expect(readFiscalConfig({ ...good, country: 'RW', sdcId: 'SDC010000001', mrcNo: 'WIS01000001', lastInvoiceNo: 0, taxpayerName: null, configuredAt: '2026-01-01T00:00:00Z' })).toBeDefined();
    expect(readFiscalConfig({ ...good, tin: '1', country: 'RW', sdcId: 'S', mrcNo: 'M', lastInvoiceNo: 0, configuredAt: 'x' })).toBeUndefined();
    expect(readFiscalConfig({ ...good, country: 'RW', sdcId: 'SDC010000001', mrcNo: 'WIS01000001', lastInvoiceNo: -1, configuredAt: 'x' })).toBeUndefined();
    expect(readFiscalConfig('nonsense')).toBeUndefined();
  });
});

describe('the default item line', () => {
  it('takes its units from the item code and the note as its name', () => {
    expect(unitsOfItemCode('RW2NTBA0000012')).toEqual({ origin: 'RW', type: '2', packagingUnit: 'NT', quantityUnit: 'BA' });
    expect(defaultItemLine(ITEM, 7000, ' Two bags of rice ')).toMatchObject({ itemCode: ITEM.code, name: 'Two bags of rice', packagingUnit: 'NT', quantityUnit: 'U', priceMinor: 7000, qtyMilli: 1000, taxType: 'B' });
    expect(defaultItemLine(ITEM, 7000).name).toBe('Goods');
  });
});
