/**
 * The shop's fiscal device set-up, as the manager typed it and the device
 * answered: kept in the ledger's settings (no secret in it: the VSDC takes
 * none), checked for sense before anything is sent or stored.
 */
import { isIP } from 'node:net';
import { ValidationError } from '../../../shared/errors';
import { hasControlCharacters } from '../../../shared/control-characters';
import type { FiscalDeviceIdentity, FiscalItemLine } from './types';

/** The settings key the configuration lives under. */
export const FISCAL_DEVICE_SETTING = 'fiscalDevice';

export interface FiscalDefaultItem {
  code: string;
  classCode: string;
  /** Tax group letter (Rwanda A–D). */
  taxType: string;
  name: string;
}

export interface FiscalConfigInput extends FiscalDeviceIdentity {
  vsdcUrl: string;
  defaultItem: FiscalDefaultItem;
}

/** What is stored once the device is initialised and the default item registered. */
export interface FiscalDeviceConfig extends FiscalConfigInput {
  country: 'RW';
  sdcId: string;
  mrcNo: string;
  /** The device's last invoice number at initialisation: ours continue above it. */
  lastInvoiceNo: number;
  taxpayerName: string | null;
  /** Sales created from then on carry a fiscal receipt. */
  configuredAt: string;
}

const TIN = /^\d{9}$/;
const BRANCH = /^\d{2}$/;
const SERIAL = /^[\x21-\x7e]{1,100}$/;
/** Country (2) + type (1–3) + packaging unit (2) + quantity unit (1–3) + 7-digit sequence, e.g. RW2NTU0000001. */
const ITEM_CODE = /^([A-Z]{2})([1-3])([A-Z]{2})([A-Z0-9]{1,3})(\d{7})$/;
const ITEM_CLASS = /^\d{10}$/;
const RWANDA_TAX_TYPES = ['A', 'B', 'C', 'D'];

/** An address in the shop: loopback, a private LAN range, link-local, or a name on the local network. */
export function isShopNetworkHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.local') || host.endsWith('.lan')) return true;
  const family = isIP(host);
  if (family === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (family === 6) return host === '::1' || host.startsWith('fc') || host.startsWith('fd') || host.startsWith('fe80:');
  // A bare name (no dot): the shop's own network names it.
  return /^[a-z0-9-]{1,63}$/.test(host);
}

/**
 * The VSDC's address: http(s), on this computer or the shop's network (the
 * VSDC is a box in the shop: an address on the internet is refused). No user
 * or password in it, no query or fragment.
 */
export function checkVsdcUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError('vsdcUrl', 'error.fiscal.vsdcUrl', { example: 'http://192.168.1.20:8080' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash || !isShopNetworkHost(url.hostname)) {
    throw new ValidationError('vsdcUrl', 'error.fiscal.vsdcUrl', { example: 'http://192.168.1.20:8080' });
  }
  return url.toString().replace(/\/$/, '');
}

/** Checks what the manager typed (Rwanda's rules); throws a ValidationError naming the field, changes nothing. */
export function checkFiscalConfigInput(input: FiscalConfigInput): FiscalConfigInput {
  if (!TIN.test(input.tin)) throw new ValidationError('tin', 'error.fiscal.tin');
  if (!BRANCH.test(input.branchId)) throw new ValidationError('branchId', 'error.fiscal.branchId');
  if (!SERIAL.test(input.deviceSerial)) throw new ValidationError('deviceSerial', 'error.fiscal.deviceSerial');
  const vsdcUrl = checkVsdcUrl(input.vsdcUrl);
  const item = input.defaultItem;
  const code = item.code.toUpperCase();
  if (!ITEM_CODE.test(code) || code.length > 20) throw new ValidationError('defaultItem.code', 'error.fiscal.itemCode', { example: 'RW2NTU0000001' });
  if (!ITEM_CLASS.test(item.classCode)) throw new ValidationError('defaultItem.classCode', 'error.fiscal.itemClass');
  const taxType = item.taxType.toUpperCase();
  if (!RWANDA_TAX_TYPES.includes(taxType)) throw new ValidationError('defaultItem.taxType', 'error.fiscal.taxType');
  const name = item.name.trim();
  if (name.length === 0 || name.length > 200 || hasControlCharacters(name, { multiline: false })) throw new ValidationError('defaultItem.name', 'error.fiscal.itemName');
  return { tin: input.tin, branchId: input.branchId, deviceSerial: input.deviceSerial, vsdcUrl, defaultItem: { code, classCode: item.classCode, taxType, name } };
}

/** The packaging and quantity units the item code carries (RW2NTU0000001 → NT, U), and its type and origin. */
export function unitsOfItemCode(code: string): { origin: string; type: '1' | '2' | '3'; packagingUnit: string; quantityUnit: string } {
  const match = ITEM_CODE.exec(code);
  if (!match) throw new ValidationError('defaultItem.code', 'error.fiscal.itemCode', { example: 'RW2NTU0000001' });
  return { origin: match[1]!, type: match[2] as '1' | '2' | '3', packagingUnit: match[3]!, quantityUnit: match[4]! };
}

/** The stored configuration, when it makes sense (a hand-edited or half-written value counts as none). */
export function readFiscalConfig(value: unknown): FiscalDeviceConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<FiscalDeviceConfig>;
  try {
    checkFiscalConfigInput(v as FiscalConfigInput);
  } catch {
    return undefined;
  }
  if (v.country !== 'RW' || typeof v.sdcId !== 'string' || typeof v.mrcNo !== 'string' || typeof v.configuredAt !== 'string') return undefined;
  if (typeof v.lastInvoiceNo !== 'number' || !Number.isSafeInteger(v.lastInvoiceNo) || v.lastInvoiceNo < 0) return undefined;
  return v as FiscalDeviceConfig;
}

/**
 * The one line every sale carries: the shop's default item at the sale's
 * amount, quantity 1; the cashier's note (when there is one) is the line's
 * description, the item's own name otherwise.
 */
export function defaultItemLine(item: FiscalDefaultItem, amountMinor: number, note?: string): FiscalItemLine {
  const units = unitsOfItemCode(item.code);
  const description = note?.trim();
  return {
    itemCode: item.code,
    itemClassCode: item.classCode,
    name: description ? description.slice(0, 200) : item.name,
    packagingUnit: units.packagingUnit,
    quantityUnit: units.quantityUnit,
    priceMinor: amountMinor,
    qtyMilli: 1000,
    discountMinor: 0,
    taxType: item.taxType,
  };
}
