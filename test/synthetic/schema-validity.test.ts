import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../functions/events/schema.js';
import { DEMO_AS_OF, demoNetwork } from './demo-network.js';

const { clinics, counselors, events } = demoNetwork;
const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const RFC3339_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

describe('default demo network', () => {
  it('has every event pass the ingest schema', () => {
    const failures = events.flatMap((event, index) => {
      const result = eventSchema.safeParse(event);
      return result.success ? [] : [{ index, id: event.id, issues: result.error.issues }];
    });
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('uses only the id charset in every id field', () => {
    for (const event of events) {
      for (const key of ['id', 'clinicId', 'clientId', 'counselorId', 'sessionId', 'goalId'] as const) {
        const value = (event as Record<string, unknown>)[key];
        if (value !== undefined) expect(value, `${event.id}.${key}`).toMatch(ID);
      }
    }
  });

  it('dates every event in the clinic’s offset, within the year before as-of', () => {
    const asOf = Date.parse(DEMO_AS_OF);
    const yearBefore = asOf - 366 * 86_400_000;
    for (const event of events) {
      expect(event.occurredAt).toMatch(RFC3339_WITH_OFFSET);
      const ms = Date.parse(event.occurredAt);
      expect(ms).toBeLessThanOrEqual(asOf);
      expect(ms).toBeGreaterThanOrEqual(yearBefore);
    }
    // Winter and summer offsets of each clinic's zone both appear (DST handled).
    const offsets = (clinicId: string) =>
      new Set(events.filter((e) => e.clinicId === clinicId).map((e) => e.occurredAt.slice(19)));
    expect(offsets('riverside')).toEqual(new Set(['-05:00', '-04:00']));
    expect(offsets('coastal')).toEqual(new Set(['-08:00', '-07:00']));
  });

  it('gives every event an id unique within its clinic', () => {
    const keys = new Set(events.map((e) => `${e.clinicId}/${e.id}`));
    expect(keys.size).toBe(events.length);
  });

  it('has at least 3 clinics in different time zones, 10 counselors and 500 clients', () => {
    expect(clinics.length).toBeGreaterThanOrEqual(3);
    expect(new Set(clinics.map((c) => c.timeZone)).size).toBe(clinics.length);
    expect(counselors.length).toBeGreaterThanOrEqual(10);
    expect(new Set(events.map((e) => e.clientId)).size).toBeGreaterThanOrEqual(500);
    const clinicIds = new Set(clinics.map((c) => c.clinicId));
    for (const event of events) {
      expect(clinicIds).toContain(event.clinicId);
      expect(event.counselorId.startsWith(`${event.clinicId}.`)).toBe(true);
    }
  });

  it('covers every event type and every value of its categorical fields', () => {
    const seen = new Set(events.map((e) => {
      switch (e.type) {
        case 'session.recorded': return `${e.type}:${e.status}`;
        case 'goal.set': return `${e.type}:${e.mode}`;
        case 'goal.closed': return `${e.type}:${e.outcome}`;
        case 'measure.recorded': return `${e.type}:${e.instrument}`;
        case 'client.discharged': return `${e.type}:${e.reason}`;
        default: return e.type;
      }
    }));
    expect([...seen].sort()).toEqual([
      'client.discharged:completed', 'client.discharged:dropped_out', 'client.discharged:incarcerated',
      'client.discharged:other', 'client.discharged:terminated', 'client.discharged:transferred',
      'client.enrolled',
      'goal.closed:abandoned', 'goal.closed:achieved', 'goal.closed:not_achieved',
      'goal.reviewed',
      'goal.set:collaborative', 'goal.set:directive',
      'measure.recorded:ORS', 'measure.recorded:SRS', 'measure.recorded:WAI-SR',
      'session.recorded:attended', 'session.recorded:cancelled', 'session.recorded:no_show',
    ]);
  });

  it('has counselors who differ in how often they set goals collaboratively', () => {
    const byCounselor = new Map<string, { collaborative: number; total: number }>();
    for (const e of events) {
      if (e.type !== 'goal.set') continue;
      const c = byCounselor.get(e.counselorId) ?? { collaborative: 0, total: 0 };
      c.total++;
      if (e.mode === 'collaborative') c.collaborative++;
      byCounselor.set(e.counselorId, c);
    }
    const shares = [...byCounselor.values()].filter((c) => c.total >= 10).map((c) => c.collaborative / c.total);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.5);
  });
});
