import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  type Rect,
} from '../../src-main/electron/window-state';
import { makeTempDir, removeTempDirs } from '../support/git-repos';

afterAll(() => removeTempDirs());

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR_RIGHT: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowState', () => {
  it('ignores garbage', () => {
    for (const text of [
      null,
      '',
      'not json',
      '[1,2]',
      '42',
      'null',
      '"x"',
      '{"width": "big", "height": {}}',
      '{"width": 1e9, "height": -5}',
      '{"width": 1000.5, "height": NaN}',
      '{"__proto__": {"width": 5000}}',
    ]) {
      const state = parseWindowState(text);
      expect(state, String(text)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('keeps the good parts of a half-good file', () => {
    expect(parseWindowState('{"width": 1000, "height": "x", "x": 5, "maximized": "yes"}')).toEqual({
      width: 1000,
      height: DEFAULT_WINDOW_STATE.height,
      maximized: false,
    });
    // A position needs both coordinates.
    expect(parseWindowState('{"width": 1000, "height": 700, "x": 5}')).not.toHaveProperty('x');
    expect(
      parseWindowState('{"width": 1000, "height": 700, "x": 5, "y": 1e12}'),
    ).not.toHaveProperty('y');
    expect(
      parseWindowState('{"width": 1000, "height": 700, "x": -1200, "y": 40, "maximized": true}'),
    ).toEqual({ width: 1000, height: 700, x: -1200, y: 40, maximized: true });
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that fits on a display', () => {
    const s = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [LAPTOP, MONITOR_RIGHT])).toEqual(s);
  });

  it('forgets the position on a display that is gone', () => {
    const s = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(clampToDisplays(s, [LAPTOP])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('pulls a window that hangs off the edge fully onto the display', () => {
    const s = { x: 1300, y: -50, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [LAPTOP])).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('never makes the window bigger than its display', () => {
    const s = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(clampToDisplays(s, [LAPTOP])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
    expect(clampToDisplays({ width: 3000, height: 2000, maximized: false }, [LAPTOP])).toEqual({
      width: 1440,
      height: 875,
      maximized: false,
    });
  });

  it('picks the display holding most of the window', () => {
    const s = { x: 1000, y: 100, width: 1200, height: 700, maximized: false };
    const out = clampToDisplays(s, [LAPTOP, MONITOR_RIGHT]);
    expect(out.x).toBeGreaterThanOrEqual(MONITOR_RIGHT.x);
  });

  it('copes with no display information', () => {
    const s = { x: 100, y: 100, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('load and save', () => {
  it('round-trips, privately', () => {
    const file = path.join(makeTempDir(), 'window-state.json');
    saveWindowState(file, { x: 10.4, y: 20, width: 1000, height: 700, maximized: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadWindowState(file, [LAPTOP])).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('gives the defaults for a missing, garbled or oversized file', () => {
    const dir = makeTempDir();
    expect(loadWindowState(path.join(dir, 'none.json'), [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
    const garbled = path.join(dir, 'garbled.json');
    fs.writeFileSync(garbled, '{"width": 1000, "heig');
    expect(loadWindowState(garbled, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, JSON.stringify({ width: 1000, height: 700, pad: 'x'.repeat(10_000) }));
    expect(loadWindowState(big, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
    expect(loadWindowState(dir, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
