/** The audit clock's formatting: always exactly what `Date.prototype.toISOString` writes. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isoTime } from './iso-time.js';

const DAY = 86_400_000;

describe('isoTime', () => {
  it('equals toISOString at the edges of days, months, leap days, centuries and the epoch', () => {
    const days = [
      0,
      Date.UTC(2000, 1, 29),
      Date.UTC(2024, 1, 29),
      Date.UTC(2100, 2, 1),
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 11, 31),
      Date.UTC(9999, 11, 31),
    ];
    for (const day of days) {
      for (const offset of [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, DAY - 1]) {
        const ms = day + offset;
        assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
      }
    }
  });

  it('equals toISOString for 20 000 random times, in order and out of order (the day cache)', () => {
    const words = new Uint32Array(randomBytes(4 * 20_000).buffer);
    for (const word of words) {
      const ms = Math.floor((word / 2 ** 32) * Date.UTC(9999, 11, 31, 23, 59, 59, 999));
      assert.equal(isoTime(ms), new Date(ms).toISOString());
    }
    let ms = Date.UTC(2026, 5, 30, 23, 59, 58);
    for (let i = 0; i < 5000; i++, ms += 7) assert.equal(isoTime(ms), new Date(ms).toISOString());
  });

  it('follows Date outside whole milliseconds of years 1970 to 9999, errors included', () => {
    for (const ms of [-1, -DAY * 400, 1.5, Date.UTC(10_000, 0, 1), 8.64e15]) {
      assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
    }
    for (const ms of [Number.NaN, Infinity, 8.64e15 + 1]) {
      assert.throws(() => isoTime(ms), RangeError);
    }
  });
});
