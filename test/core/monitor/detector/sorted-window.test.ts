import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../../../src/core/monitor/detector/sorted-window.js';

describe('SortedWindow', () => {
  it('keeps the last `capacity` values and their order statistics', () => {
    const w = new SortedWindow(4);
    for (const v of [5, 1, 9, 3, 7, 2]) w.push(v);
    expect(w.values()).toEqual([9, 3, 7, 2]);
    expect(w.median()).toBe(5);
    expect(w.quantile(0)).toBe(2);
    expect(w.quantile(1)).toBe(9);
    expect(w.recent(0)).toBe(2);
    expect(w.recent(3)).toBe(9);
    expect(w.recent(4)).toBeNaN();
  });

  it('handles duplicates when the oldest copy leaves', () => {
    const w = new SortedWindow(3);
    for (const v of [2, 2, 2, 5, 5]) w.push(v);
    expect(w.values()).toEqual([2, 5, 5]);
    expect(w.median()).toBe(5);
  });

  it('matches a brute-force median over a long random stream', () => {
    const w = new SortedWindow(25);
    const all: number[] = [];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const v = Math.round((seed / 2 ** 31) * 50);
      all.push(v);
      w.push(v);
      if (all.length < 25) continue;
      const last = all.slice(-25).sort((a, b) => a - b);
      expect(w.median()).toBe(last[12]);
    }
  });

  it('is empty after clear', () => {
    const w = new SortedWindow(3);
    w.push(1);
    w.clear();
    expect(w.length).toBe(0);
    expect(w.median()).toBeNaN();
  });
});
