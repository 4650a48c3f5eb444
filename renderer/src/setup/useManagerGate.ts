/**
 * The manager PIN in front of Settings, Set up MoMo and the training switch:
 * chosen the first time (before anything else can open), typed after, and
 * checked by the engine (wrong PINs are journaled and count towards the lock).
 */
import { create } from 'zustand';
import { managerUnlock, pos } from '../pos';
import { failureOf, type Failure } from '../stores/failure';

export type GateMode = 'choose' | 'enter';

interface ManagerGateState {
  mode?: GateMode;
  busy: boolean;
  failure?: Failure;
  /** What opens once the PIN is right. */
  then?: () => void;
  /** What runs when the manager closes the dialog instead. */
  otherwise?: () => void;
  require(then: () => void, otherwise?: () => void): Promise<void>;
  choose(pin: string): Promise<void>;
  enter(pin: string): Promise<void>;
  cancel(): void;
}

export const useManagerGate = create<ManagerGateState>((set, get) => {
  const pass = () => {
    const then = get().then;
    set({ mode: undefined, then: undefined, otherwise: undefined, busy: false, failure: undefined });
    then?.();
  };
  return {
    busy: false,
    async require(then, otherwise) {
      const status = await pos.till.status({});
      if (!status.ok) return set({ mode: 'enter', then, otherwise, failure: failureOf(status) });
      set({ mode: status.data.managerPinSet ? 'enter' : 'choose', then, otherwise, failure: undefined });
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
      const otherwise = get().otherwise;
      set({ mode: undefined, then: undefined, otherwise: undefined, busy: false, failure: undefined });
      otherwise?.();
    },
  };
});

// The engine asked for the manager (its grant ended, or never was): the same dialog, then the call goes again.
managerUnlock.ask = () =>
  new Promise<boolean>((resolve) => {
    void useManagerGate.getState().require(
      () => resolve(true),
      () => resolve(false),
    );
  });
