import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant } from '../../functions/metrics/instant.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseInstant', () => {
  it('agrees with Date.parse on RFC 3339 timestamps, valid or not', () => {
    const timestamp = fc
      .record({
        y: fc.integer({ min: 1999, max: 2101 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 24 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 60 }),
        ms: fc.option(fc.integer({ min: 0, max: 999 })),
        offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`)),
      })
      .map(({ y, mo, d, h, mi, s, ms, offset }) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === null ? '' : `.${pad(ms, 3)}`}${offset}`);
    fc.assert(
      fc.property(fc.oneof(timestamp, fc.string()), (text) => {
        expect(Object.is(parseInstant(text), Date.parse(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
