import { describe, expect, it } from 'vitest';
import { eventSchema, eventTimeProblems, eventTypes } from '../../functions/events/schema.js';
import { sampleEvents } from '../support/test-platform.js';

const valid = sampleEvents('clinic-a', 'v');
const byType = Object.fromEntries(valid.map((e) => [e.type, e])) as Record<string, Record<string, unknown>>;

const messagesFor = (event: unknown) => {
  const result = eventSchema.safeParse(event);
  expect(result.success).toBe(false);
  // An unknown key's issue sits at the object's path and names the keys beside its message.
  return result.error!.issues.map((i) => `${[...i.path, ...(i.code === 'unrecognized_keys' ? i.keys : [])].join('.')}: ${i.message}`);
};

describe('event schema', () => {
  it('accepts a valid example of every type', () => {
    expect(new Set(valid.map((e) => e.type))).toEqual(new Set(eventTypes));
    for (const event of valid) expect(eventSchema.safeParse(event).success, event.type).toBe(true);
  });

  it('defaults a goal weight to 1', () => {
    const { weight: _w, ...noWeight } = byType['goal.set']!;
    expect(eventSchema.parse(noWeight)).toMatchObject({ weight: 1 });
  });

  const common: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown field (free text)', { note: 'client said…' }, /note.*no free text/],
    ['a bad id charset', { id: 'has space' }, /^id: must be 1–64/],
    ['an over-long id', { id: 'x'.repeat(65) }, /^id: must be 1–64/],
    ['an e-mail as client id', { clientId: 'jane@example.org' }, /^clientId:/],
    ['an SSN as client id', { clientId: '123-45-6789' }, /social security/],
    ['a timestamp without offset', { occurredAt: '2025-03-01T09:30:00' }, /^occurredAt: must be an RFC 3339/],
    ['a timestamp before 2000', { occurredAt: '1999-12-31T23:59:59Z' }, /before 2000-01-01/],
    ['a missing counselor', { counselorId: undefined }, /^counselorId:/],
  ];

  for (const type of eventTypes) {
    describe(type, () => {
      for (const [what, change, expected] of common) {
        it(`rejects ${what}`, () => {
          expect(messagesFor({ ...byType[type], ...change }).join('\n')).toMatch(expected);
        });
      }
    });
  }

  const specific: [string, Record<string, unknown>, RegExp][] = [
    ['an exact birth date', { ...byType['client.enrolled'], birthDate: '1980-04-02' }, /birthDate/],
    ['a birth year before 1900', { ...byType['client.enrolled'], birthYear: 1899 }, /^birthYear:/],
    ['an unknown gender', { ...byType['client.enrolled'], gender: 'f' }, /^gender:/],
    ['an unknown session status', { ...byType['session.recorded'], status: 'late' }, /^status:/],
    ['an unknown modality', { ...byType['session.recorded'], modality: 'phone' }, /^modality:/],
    ['an unknown goal mode', { ...byType['goal.set'], mode: 'shared' }, /^mode:/],
    ['a goal weight of 4', { ...byType['goal.set'], weight: 4 }, /^weight:/],
    ['a goal with free-text wording', { ...byType['goal.set'], description: 'stop drinking' }, /description/],
    ['a GAS level of 3', { ...byType['goal.reviewed'], level: 3 }, /^level:/],
    ['a fractional GAS level', { ...byType['goal.reviewed'], level: 0.5 }, /^level: must be a whole number/],
    ['an unknown goal outcome', { ...byType['goal.closed'], outcome: 'partial' }, /^outcome:/],
    ['a WAI-SR with 11 items', { ...byType['measure.recorded'], instrument: 'WAI-SR', items: Array(11).fill(3) }, /WAI-SR has exactly 12 items, got 11/],
    ['a WAI-SR item of 6', { ...byType['measure.recorded'], instrument: 'WAI-SR', items: [...Array(11).fill(3), 6] }, /items.11: WAI-SR item must be a whole number from 1 to 5/],
    ['an SRS item with two decimals', { ...byType['measure.recorded'], instrument: 'SRS', items: [9.15, 9, 9, 9] }, /items.0: SRS item must be from 0 to 10 with at most one decimal/],
    ['an ORS item over 10', { ...byType['measure.recorded'], instrument: 'ORS', items: [11, 9, 9, 9] }, /items.0: ORS item/],
    ['a total sent by the producer', { ...byType['measure.recorded'], total: 30 }, /totals and scores are computed by the platform/],
    ['an unknown instrument', { ...byType['measure.recorded'], instrument: 'PHQ-9' }, /^instrument:/],
    ['an unknown discharge reason', { ...byType['client.discharged'], reason: 'moved' }, /^reason:/],
    ['an unknown type', { ...byType['client.discharged'], type: 'client.deleted' }, /^type: Invalid discriminator/],
  ];
  for (const [what, event, expected] of specific) {
    it(`rejects ${what}`, () => {
      expect(messagesFor(event).join('\n')).toMatch(expected);
    });
  }
});

describe('event fingerprint', () => {
  it('is the same for the same event sent with keys in another order or a default left out', async () => {
    const { eventFingerprint } = await import('../../functions/events/fingerprint.js');
    const goal = byType['goal.set']!;
    const reversed = Object.fromEntries(Object.entries({ ...goal, weight: 1 }).reverse());
    const { weight: _w, ...noWeight } = { ...goal, weight: 1 };
    const fp = (e: unknown) => eventFingerprint(eventSchema.parse(e));
    expect(fp(reversed)).toBe(fp(noWeight));
    expect(fp({ ...goal, weight: 2 })).not.toBe(fp(noWeight));
  });
});

describe('bounds relative to the present', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const at = (occurredAt: string) => eventSchema.parse({ ...byType['session.recorded'], occurredAt });

  it('allows an event up to 24 hours ahead of the given clock, not one more', () => {
    expect(eventTimeProblems(at('2026-03-02T12:00:00Z'), now)).toEqual([]);
    expect(eventTimeProblems(at('2026-03-02T12:00:01Z'), now)).toEqual([{ path: 'occurredAt', message: 'must not be more than 24 hours in the future' }]);
  });

  it('refuses a birth year after the clock’s year', () => {
    const enrolled = (birthYear: number) => eventSchema.parse({ ...byType['client.enrolled'], birthYear });
    expect(eventTimeProblems(enrolled(2026), now)).toEqual([]);
    expect(eventTimeProblems(enrolled(2027), now)).toEqual([{ path: 'birthYear', message: 'must not be after the current year' }]);
  });

  it('reads no clock of its own: the schema accepts a far-future event, which ingest then judges', () => {
    expect(eventSchema.safeParse({ ...byType['session.recorded'], occurredAt: '2999-01-01T00:00:00Z' }).success).toBe(true);
  });
});
