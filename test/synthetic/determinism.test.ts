import { describe, expect, it } from 'vitest';
import { generateNetwork, streamNetwork } from '../../functions/synthetic/index.js';

const options = { clients: 600, seed: 1, asOf: '2025-06-30T00:00:00Z' };
const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');

describe('generator determinism', () => {
  it('gives byte-identical output for the same clients, seed and as-of', () => {
    const first = generateNetwork(options);
    const second = generateNetwork(options);
    expect(ndjson(second.events)).toBe(ndjson(first.events));
    expect(second.clinics).toEqual(first.clinics);
    expect(second.counselors).toEqual(first.counselors);
  });

  it('streams exactly the events it generates', () => {
    expect(ndjson([...streamNetwork(options).events])).toBe(ndjson(generateNetwork(options).events));
  });

  it('gives a different network for a different seed', () => {
    expect(ndjson(generateNetwork({ ...options, seed: 2 }).events)).not.toBe(ndjson(generateNetwork(options).events));
  });

  it('keeps a client’s story when clients are added to the same counselor roster', () => {
    const small = generateNetwork({ ...options, clients: 50 });
    const large = generateNetwork({ ...options, clients: 100 });
    const ofClient = (events: typeof small.events) => ndjson(events.filter((e) => e.clientId === 'c000007'));
    expect(ofClient(large.events)).toBe(ofClient(small.events));
  });

  it('rejects options it cannot honour', () => {
    expect(() => generateNetwork({ ...options, clients: 0 })).toThrow(/clients/);
    expect(() => generateNetwork({ ...options, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateNetwork({ ...options, asOf: 'yesterday' })).toThrow(/asOf/);
    expect(() => generateNetwork({ ...options, clinics: 0 })).toThrow(/clinics/);
  });
});
