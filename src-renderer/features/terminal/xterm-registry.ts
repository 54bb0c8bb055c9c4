import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { EventPayloads } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { copyText } from '../../lib/clipboard';

interface Entry {
  term: Terminal;
  fit: FitAddon;
  /** The element xterm draws into; moved between views, never re-created. */
  host: HTMLDivElement;
  /** The next output offset this view expects (characters since the terminal started). */
  next: number;
  /** Set while the scrollback is being fetched; live output waits in `held`. */
  syncing: boolean;
  held: EventPayloads['terminal.output'][];
}

/**
 * One xterm.js instance per terminal, kept for the life of the page: switching
 * tasks detaches its element and attaching brings it back with its scrollback
 * intact. Output is lined up by offset; a gap (output dropped for a slow
 * connection) re-reads the main process's scrollback.
 */
const entries = new Map<string, Entry>();

export function terminalEntry(id: string): Entry {
  let entry = entries.get(id);
  if (entry) return entry;
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 10_000,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  const host = document.createElement('div');
  host.className = 'xterm-host';
  term.open(host);
  term.onData((data) => void sendInput(id, data));
  // Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C stays the shell's interrupt).
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    // Ours, not the browser's: its Ctrl+Shift+V would paste a second time and
    // its Ctrl+Shift+C opens the element inspector.
    if (e.code === 'KeyC' || e.code === 'KeyV') e.preventDefault();
    if (e.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection) void copyText(selection).catch(() => undefined);
      return false;
    }
    if (e.code === 'KeyV') {
      void navigator.clipboard
        ?.readText()
        .then((text) => term.paste(text))
        .catch(() => undefined);
      return false;
    }
    return true;
  });
  entry = { term, fit, host, next: 0, syncing: false, held: [] };
  entries.set(id, entry);
  void resync(id, entry);
  return entry;
}

/** Input in pieces the contract accepts (a large paste is several requests, in order). */
const INPUT_PIECE = 32 * 1024;
let inputQueue: Promise<void> = Promise.resolve();
function sendInput(id: string, data: string): Promise<void> {
  inputQueue = inputQueue.then(async () => {
    for (let i = 0; i < data.length; i += INPUT_PIECE) {
      await api()
        .request('terminals.input', { id, data: data.slice(i, i + INPUT_PIECE) })
        .catch(() => undefined);
    }
  });
  return inputQueue;
}

async function resync(id: string, entry: Entry): Promise<void> {
  entry.syncing = true;
  try {
    const back = await api().request('terminals.scrollback', { id });
    entry.term.reset();
    entry.term.write(back.data);
    entry.next = back.offset + back.data.length;
  } catch {
    // the terminal is gone; what is on screen stays
  } finally {
    entry.syncing = false;
    const held = entry.held;
    entry.held = [];
    for (const e of held) writeOutput(e);
  }
}

/** Live output from the main process (every terminal's, whether shown or not). */
export function writeOutput(e: EventPayloads['terminal.output']): void {
  const entry = entries.get(e.id);
  if (!entry) return; // nobody opened it here: the scrollback covers it when someone does
  if (entry.syncing) {
    entry.held.push(e);
    return;
  }
  const end = e.offset + e.data.length;
  if (end <= entry.next) return; // already shown (it came with the scrollback)
  if (e.offset > entry.next) {
    void resync(e.id, entry); // output was dropped on the way: read it again
    return;
  }
  entry.term.write(e.data.slice(entry.next - e.offset));
  entry.next = end;
}

export function disposeTerminal(id: string): void {
  const entry = entries.get(id);
  if (!entry) return;
  entries.delete(id);
  entry.term.dispose();
  entry.host.remove();
}
