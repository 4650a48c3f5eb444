/**
 * The manager PIN in front of Settings, Set up MoMo and the training switch:
 * chosen the first time (before anything else can open), typed after, and
 * checked by the engine (wrong PINs are journaled and count towards the lock).
 */
import { create } from 'zustand';
import { pos } from '../pos';
import { failureOf, type Failure } from '../stores/failure';

export type GateMode = 'choose' | 'enter';

interface ManagerGateState {
  mode?: GateMode;
  busy: boolean;
  failure?: Failure;
  /** What opens once the PIN is right. */
  then?: () => void;
  require(then: () => void): Promise<void>;
  choose(pin: string): Promise<void>;
  enter(pin: string): Promise<void>;
  cancel(): void;
}

export const useManagerGate = create<ManagerGateState>((set, get) => {
  const pass = () => {
    const then = get().then;
    set({ mode: undefined, then: undefined, busy: false, failure: undefined });
    then?.();
  };
  return {
    busy: false,
    async require(then) {
      const status = await pos.till.status({});
      if (!status.ok) return set({ mode: 'enter', then, failure: failureOf(status) });
      set({ mode: status.data.managerPinSet ? 'enter' : 'choose', then, failure: undefined });
    },
    async choose(pin) {
      set({ busy: true, failure: undefined });
      const result = await pos.till.setManagerPin({ pin });
      if (!result.ok) return set({ busy: false, failure: failureOf(result) });
      pass();
    },
    async enter(pin) {
      set({ busy: true, failure: undefined });
      const result = await pos.till.checkManagerPin({ pin });
      if (!result.ok) return set({ busy: false, failure: failureOf(result) });
      pass();
    },
    cancel() {
      set({ mode: undefined, then: undefined, busy: false, failure: undefined });
    },
  };
});
