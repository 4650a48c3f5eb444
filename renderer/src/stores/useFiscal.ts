/**
 * The fiscal device (Rwanda EBM's VSDC) as the manager sees it in Settings:
 * its state, and set-up (stored only once the device is initialised). The
 * engine's answer to `fiscal.configure` is the new state or a failure with a
 * code (and the field the device named), put into words by the card.
 */
import { create } from 'zustand';
import type { FiscalStatus, InputOf } from '../../../shared/contract';
import { pos } from '../pos';
import { failureOf, type Failure } from './failure';

export type FiscalSetup = InputOf<'fiscal.configure'>;

interface FiscalState {
  status?: FiscalStatus;
  failure?: Failure;
  busy: boolean;
  /** The address of the last set-up tried (for the failure sentence). */
  triedAddress?: string;
  /** Set when the last set-up succeeded (shows SDC ID and MRC). */
  justConfigured: boolean;
  refresh(): Promise<void>;
  configure(setup: FiscalSetup): Promise<boolean>;
}

export const useFiscal = create<FiscalState>((set) => ({
  busy: false,
  justConfigured: false,
  async refresh() {
    const result = await pos.fiscal.status({});
    if (result.ok) set({ status: result.data });
  },
  async configure(setup) {
    set({ busy: true, failure: undefined, justConfigured: false, triedAddress: setup.vsdcUrl });
    const result = await pos.fiscal.configure(setup);
    if (result.ok) set({ status: result.data, busy: false, justConfigured: true });
    else set({ failure: failureOf(result), busy: false });
    return result.ok;
  },
}));
