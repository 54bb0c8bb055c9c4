// The window's size and position across runs: a small JSON file in userData,
// read defensively (garbage means defaults) and fitted to the displays there
// are now (a monitor may have been unplugged since).
import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system place the window (centred). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
const MIN = MIN_WINDOW_SIZE;
const MAX_SIDE = 16_384;
const MAX_COORD = 100_000;
/** How much of the window must lie on a display for its saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 };

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Parses the file's text; anything malformed gives the defaults, never an error. */
export function parseWindowState(text: string | null): WindowState {
  if (!text) return { ...DEFAULT_WINDOW_STATE };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const r = raw as Record<string, unknown>;
  const state: WindowState = {
    width: isInt(r.width, MIN.width, MAX_SIDE) ? r.width : DEFAULT_WINDOW_STATE.width,
    height: isInt(r.height, MIN.height, MAX_SIDE) ? r.height : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  };
  if (isInt(r.x, -MAX_COORD, MAX_COORD) && isInt(r.y, -MAX_COORD, MAX_COORD)) {
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits a saved state to the displays' work areas (the first is the primary):
 * the size never exceeds the display it lands on, a position that would leave
 * the window (nearly) off every display is dropped, and a kept position is
 * moved so the whole window is on that display.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { width: state.width, height: state.height, maximized: state.maximized };
  const fit = (area: Rect): { width: number; height: number } => ({
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN.width, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN.height, area.height)),
  });
  if (state.x === undefined || state.y === undefined) {
    return { ...fit(primary), maximized: state.maximized };
  }
  const win: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(win, area);
    if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height) {
      if (o.width * o.height > bestArea) {
        best = area;
        bestArea = o.width * o.height;
      }
    }
  }
  if (!best) return { ...fit(primary), maximized: state.maximized };
  const size = fit(best);
  const x = Math.min(Math.max(state.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(state.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized: state.maximized };
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let text: string | null = null;
  try {
    const stat = fs.statSync(file);
    // A sane file is a few dozen bytes; anything big is not ours.
    if (stat.isFile() && stat.size <= 4096) text = fs.readFileSync(file, 'utf8');
  } catch {
    text = null;
  }
  return clampToDisplays(parseWindowState(text), workAreas);
}

/** Writes the state atomically (a torn file would only mean defaults, but still). */
export function saveWindowState(file: string, state: WindowState): void {
  const clean: WindowState = {
    width: Math.round(state.width),
    height: Math.round(state.height),
    maximized: state.maximized,
    ...(state.x !== undefined && state.y !== undefined
      ? { x: Math.round(state.x), y: Math.round(state.y) }
      : {}),
  };
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(clean) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
