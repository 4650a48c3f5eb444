/** Whether the till service answers: lost when the event stream drops, back on its next 'hello'. */
import { create } from 'zustand';
import { pos } from '../pos';

interface ConnectionState {
  lost: boolean;
  follow(): () => void;
}

export const useConnection = create<ConnectionState>((set) => ({
  lost: false,
  follow() {
    return pos.events.subscribe((event) => {
      if (event.type === 'connection.lost') set({ lost: true });
      else if (event.type === 'hello') set({ lost: false });
    });
  },
}));
