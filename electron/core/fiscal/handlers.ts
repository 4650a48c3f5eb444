/**
 * The fiscal methods of the PosApi (fiscal.status, fiscal.configure,
 * fiscal.receipt): set-up of the shop's fiscal device behind the manager's
 * grant, what waits for a signature, and a sale's fiscal receipt.
 */
import { PosError } from '../../../shared/errors';
import type { MethodName, Outputs, ParsedInputOf } from '../../../shared/contract';
import { checkFiscalConfigInput, FISCAL_DEVICE_SETTING, readFiscalConfig, type FiscalDeviceConfig } from './config';
import { createRwandaVsdcClient } from './rwanda-vsdc';
import { itemOf, type FiscalHost, type FiscalService } from './service';
import type { FiscalDeviceInfo, FiscalFailure } from './types';

const DEVICE_CODE = /^[A-Z0-9]{4,20}$/;

/** A group of handlers by the contract's shape (the router's `HandlerGroup`, without importing the api room). */
export type FiscalHandlerGroup<C = unknown> = { [M in MethodName]?: (input: ParsedInputOf<M>, caller: C) => Promise<Outputs[M]> | Outputs[M] };

function deviceFailure(failure: FiscalFailure, host: string, field?: string): PosError {
  return failure.kind === 'unreachable'
    ? new PosError('FISCAL_DEVICE', 'error.fiscal.deviceUnreachable', { host }, field ?? 'vsdcUrl')
    : new PosError('FISCAL_DEVICE', 'error.fiscal.deviceRefused', { code: failure.code || '—', detail: failure.key ? { key: failure.key, params: failure.params ?? {} } : failure.field ? `${failure.field}, ${failure.message}` : failure.message }, field ?? failure.field);
}

export function createFiscalHandlers(host: FiscalHost, service: FiscalService, options: { timeoutMs?: number } = {}): FiscalHandlerGroup {
  return {
    'fiscal.status': () => service.status(),

    'fiscal.configure': async (input) => {
      const checked = checkFiscalConfigInput(input);
      const identity = { tin: checked.tin, branchId: checked.branchId, deviceSerial: checked.deviceSerial };
      const where = new URL(checked.vsdcUrl).host;
      const adapter = createRwandaVsdcClient({ baseUrl: checked.vsdcUrl, identity, timeoutMs: options.timeoutMs ?? 15_000 });
      const ledger = host.ledger;
      const stored = readFiscalConfig(ledger.getSetting<unknown>(FISCAL_DEVICE_SETTING));
      const sameDevice = stored && stored.tin === identity.tin && stored.branchId === identity.branchId && stored.deviceSerial === identity.deviceSerial;
      const outcome = await adapter.initialise(identity);
      let info: FiscalDeviceInfo;
      if (outcome.kind === 'initialised') {
        info = { ...outcome.info, lastInvoiceNo: Math.max(outcome.info.lastInvoiceNo, sameDevice ? stored.lastInvoiceNo : 0) };
      } else if (outcome.kind === 'already-installed') {
        // The device was set up before and will not say its SDC ID and MRC again: ours from before, or as the manager reads them off a signed receipt.
        if (sameDevice) info = { sdcId: stored.sdcId, mrcNo: stored.mrcNo, lastInvoiceNo: stored.lastInvoiceNo, taxpayerName: stored.taxpayerName };
        else if (input.sdcId && DEVICE_CODE.test(input.sdcId) && input.mrcNo && DEVICE_CODE.test(input.mrcNo)) info = { sdcId: input.sdcId, mrcNo: input.mrcNo, lastInvoiceNo: 0, taxpayerName: null };
        else throw new PosError('FISCAL_DEVICE', 'error.fiscal.alreadyInstalled', {}, 'sdcId');
      } else {
        throw deviceFailure(outcome, where);
      }
      if (!info.mrcNo) throw new PosError('FISCAL_DEVICE', 'error.fiscal.noMrc', {}, 'vsdcUrl');
      const registered = await adapter.registerItem(itemOf(checked.defaultItem));
      if (registered.kind !== 'registered') throw deviceFailure(registered, where, registered.kind === 'rejected' ? 'defaultItem.code' : undefined);
      const config: FiscalDeviceConfig = {
        ...checked,
        country: 'RW',
        sdcId: info.sdcId,
        mrcNo: info.mrcNo,
        lastInvoiceNo: info.lastInvoiceNo,
        taxpayerName: info.taxpayerName,
        // Reconfiguring the same device keeps the day it started: sales since then stay fiscal.
        configuredAt: sameDevice ? stored.configuredAt : new Date().toISOString(),
      };
      service.saveConfig(config);
      return service.status();
    },

    'fiscal.receipt': ({ saleId, refundId }) => {
      const ledger = host.ledger;
      if (saleId !== undefined && !ledger.getSale(saleId)) throw new PosError('NOT_FOUND', 'error.common.noSuchSale');
      if (refundId !== undefined && !ledger.getRefund(refundId)) throw new PosError('NOT_FOUND', 'error.till.noSuchRefund');
      return service.receipt(saleId !== undefined ? `sale:${saleId}` : `refund:${refundId!}`);
    },
  };
}

/**
 * The unsigned limits at the counter: a new sale (MoMo, pay later, cash) is
 * refused with FISCAL_UNSIGNED_LIMIT while too many receipts wait for the
 * device's signature, or one waited too long. Settling an existing sale in
 * cash is not a new sale and goes on.
 */
export function withUnsignedLimit<C>(group: FiscalHandlerGroup<C>, service: Pick<FiscalService, 'assertCanSell'>): FiscalHandlerGroup<C> {
  const guarded: FiscalHandlerGroup<C> = { ...group };
  const charge = group['sale.charge'];
  const payLater = group['sale.payLater'];
  const payCash = group['sale.payCash'];
  if (charge) guarded['sale.charge'] = (input, caller) => (service.assertCanSell(), charge(input, caller));
  if (payLater) guarded['sale.payLater'] = (input, caller) => (service.assertCanSell(), payLater(input, caller));
  if (payCash) guarded['sale.payCash'] = (input, caller) => (input.saleId === undefined && service.assertCanSell(), payCash(input, caller));
  return guarded;
}
