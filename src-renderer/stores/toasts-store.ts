import { create } from 'zustand';

export type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

interface ToastsState {
  toasts: Toast[];
  push(kind: ToastKind, message: string): number;
  dismiss(id: number): void;
}

const LIFETIME_MS: Record<ToastKind, number> = { error: 12_000, info: 6_000, success: 4_000 };
const MAX_SHOWN = 5;
let nextId = 1;

/** Non-blocking messages in a corner; errors stay longer. */
export const useToasts = create<ToastsState>()((set, get) => ({
  toasts: [],
  push(kind, message) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { id, kind, message }].slice(-MAX_SHOWN) }));
    setTimeout(() => get().dismiss(id), LIFETIME_MS[kind]);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

/** Shorthands for code outside components. */
export const toast = {
  error: (message: string) => useToasts.getState().push('error', message),
  info: (message: string) => useToasts.getState().push('info', message),
  success: (message: string) => useToasts.getState().push('success', message),
};
