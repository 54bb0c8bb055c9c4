import { create } from 'zustand';

/** 'open' in the desktop window always; browser mode follows the WebSocket. */
export type Connection = 'connecting' | 'open' | 'closed' | 'unauthorized';

interface ConnectionState {
  state: Connection;
  /** True once the connection dropped, until it is open again. */
  lost: boolean;
  /** Bumped each time the connection comes back after a loss: data is reloaded. */
  reconnects: number;
  set(state: Connection): void;
}

export const useConnection = create<ConnectionState>()((set, get) => ({
  state: 'open',
  lost: false,
  reconnects: 0,
  set(state) {
    const { lost, reconnects } = get();
    if (state === 'open') {
      set({ state, lost: false, reconnects: lost ? reconnects + 1 : reconnects });
    } else {
      set({ state, lost: lost || state === 'closed' });
    }
  },
}));
