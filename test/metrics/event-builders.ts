// Hand-built events for the metrics tests. Ids derive from the content, so a test timeline reads
// as a list of facts; pass `id` to force one.
import type { Event, EventOf } from '../../functions/events/schema.js';

type Who = { clinicId?: string; clientId?: string; counselorId?: string; id?: string };

function base<T extends Event['type']>(type: T, at: string, key: string, who: Who) {
  return {
    id: who.id ?? `${type}.${key}.${Date.parse(at)}`,
    type,
    clinicId: who.clinicId ?? 'clinic-1',
    clientId: who.clientId ?? 'client-1',
    counselorId: who.counselorId ?? 'counselor-1',
    occurredAt: at,
  };
}

export const enrolled = (at: string, who: Who = {}): EventOf<'client.enrolled'> => ({
  ...base('client.enrolled', at, 'enrol', who),
  gender: 'unknown',
  primarySubstance: 'alcohol',
  referral: 'self',
});

export const session = (
  at: string,
  status: EventOf<'session.recorded'>['status'],
  who: Who & { sessionId?: string } = {},
): EventOf<'session.recorded'> => ({
  ...base('session.recorded', at, `${who.sessionId ?? at}.${status}`, who),
  sessionId: who.sessionId ?? `s${Date.parse(at)}`,
  status,
});

export const goalSet = (
  at: string,
  goalId: string,
  mode: EventOf<'goal.set'>['mode'],
  weight = 1,
  who: Who = {},
): EventOf<'goal.set'> => ({ ...base('goal.set', at, goalId, who), goalId, mode, domain: 'substance_use', weight });

export const reviewed = (at: string, goalId: string, level: number, who: Who = {}): EventOf<'goal.reviewed'> => ({
  ...base('goal.reviewed', at, goalId, who),
  goalId,
  level,
});

export const closed = (
  at: string,
  goalId: string,
  outcome: EventOf<'goal.closed'>['outcome'],
  level?: number,
  who: Who = {},
): EventOf<'goal.closed'> => ({
  ...base('goal.closed', at, goalId, who),
  goalId,
  outcome,
  ...(level === undefined ? {} : { level }),
});

export const measured = (
  at: string,
  instrument: EventOf<'measure.recorded'>['instrument'],
  items: number[],
  who: Who = {},
): EventOf<'measure.recorded'> => ({ ...base('measure.recorded', at, instrument, who), instrument, items });

export const discharged = (at: string, reason: EventOf<'client.discharged'>['reason'], who: Who = {}): EventOf<'client.discharged'> => ({
  ...base('client.discharged', at, reason, who),
  reason,
});


/** A first episode that ends well: enrolled 1 Jan 2025, a collaborative goal, discharged completed on day 65. */
export const completedEpisode = (): Event[] => [
  enrolled('2025-01-01T10:00:00Z'),
  session('2025-01-01T10:00:00Z', 'attended'),
  goalSet('2025-01-01T11:00:00Z', 'first', 'collaborative'),
  session('2025-02-01T10:00:00Z', 'attended'),
  discharged('2025-03-07T10:00:00Z', 'completed'),
];
