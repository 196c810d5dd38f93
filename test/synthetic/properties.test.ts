import fc from 'fast-check';
import { describe, it } from 'vitest';
import { eventSchema } from '../../functions/events/schema.js';
import { generateNetwork } from '../../functions/synthetic/index.js';

const EARLIEST_AS_OF = Date.parse('2001-01-01T00:00:00Z');

describe('generator properties', () => {
  it('produces only valid, unique, never-after-as-of events for any small network', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: EARLIEST_AS_OF, max: Date.now() }),
        fc.integer({ min: 1, max: 8 }),
        (clients, seed, asOfMs, clinics) => {
          const asOf = new Date(asOfMs).toISOString();
          const { events } = generateNetwork({ clients, seed, asOf, clinics });
          const ids = new Set<string>();
          for (const event of events) {
            eventSchema.parse(event);
            if (Date.parse(event.occurredAt) > asOfMs) throw new Error(`${event.id} after as-of`);
            const key = `${event.clinicId}/${event.id}`;
            if (ids.has(key)) throw new Error(`duplicate ${key}`);
            ids.add(key);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
