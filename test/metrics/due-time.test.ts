import { describe, expect, it } from 'vitest';
import type { Event } from '../../functions/events/schema.js';
import { localDayNumberAt, localDayStartAt } from '../../functions/metrics/clinic-calendar.js';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { type DueRule, dueTimes, nextDueAt } from '../../functions/metrics/due-time.js';
import { discharged, enrolled, goalSet, reviewed, session } from './event-builders.js';

const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const withoutAsOf = (s: ClientSummary) => ({ ...s, asOf: null });

/**
 * The rule's instant is the next due time; a millisecond before it the figures are those at asOf,
 * and at it they are not. Returns the summary at the due time.
 */
function atBoundary(events: Event[], asOf: string, timeZone: string, rule: DueRule, expected: string): ClientSummary {
  const summary = summarizeClient(events, { asOf, timeZone });
  expect(dueTimes(summary, timeZone, events)).toContainEqual({ rule, at: expected });
  expect(nextDueAt(summary, timeZone, events)).toBe(expected);
  expect(withoutAsOf(summarizeClient(events, { asOf: shifted(expected, -1), timeZone }))).toEqual(withoutAsOf(summary));
  const after = summarizeClient(events, { asOf: expected, timeZone });
  expect(withoutAsOf(after)).not.toEqual(withoutAsOf(summary));
  return after;
}

describe('nextDueAt, one rule at a time at its boundary', () => {
  it('retention30: eligible from the start of local day start + 30', () => {
    const events = [enrolled('2025-01-01T10:00:00Z'), session('2025-01-01T10:00:00Z', 'attended')];
    const after = atBoundary(events, '2025-01-30T12:00:00Z', 'UTC', 'retention30', '2025-01-31T00:00:00.000Z');
    expect(after.episodes[0]!.retention.day30.eligible).toBe(true);
  });

  it('retention90 in New York: local midnight of 1 April is 04:00 UTC (EDT); the month ends at the same instant', () => {
    const events = [enrolled('2025-01-01T15:00:00Z'), session('2025-03-20T15:00:00Z', 'attended')];
    const after = atBoundary(events, '2025-03-31T20:00:00Z', 'America/New_York', 'retention90', '2025-04-01T04:00:00.000Z');
    expect(after.episodes[0]!.retention.day90).toEqual({ eligible: true, retained: false });
    expect(dueTimes(summarizeClient(events, { asOf: '2025-03-31T20:00:00Z', timeZone: 'America/New_York' }), 'America/New_York', events)).toContainEqual({
      rule: 'month_end',
      at: '2025-04-01T04:00:00.000Z',
    });
  });

  it('lost_to_contact: 60 local days after the last attended session', () => {
    const events = [enrolled('2025-01-01T10:00:00Z'), session('2025-01-10T10:00:00Z', 'attended')];
    const after = atBoundary(events, '2025-03-10T12:00:00Z', 'UTC', 'lost_to_contact', '2025-03-11T00:00:00.000Z');
    expect(after.episodes[0]!.dropout).toEqual({ droppedOut: true, cause: 'lost_to_contact' });
  });

  it('stalled_goal: 30 local days after the last review', () => {
    const events = [enrolled('2025-02-01T10:00:00Z'), goalSet('2025-02-01T10:00:00Z', 'g', 'collaborative'), reviewed('2025-02-25T10:00:00Z', 'g', 0)];
    const after = atBoundary(events, '2025-03-26T12:00:00Z', 'UTC', 'stalled_goal', '2025-03-27T00:00:00.000Z');
    expect(after.flags).toEqual([{ flag: 'stalled_goal', reason: 'goal g: no review since 2025-02-25' }]);
  });

  it('stalled_goal has no due time for a goal stalled by its reviews, a closed goal, or a discharged client', () => {
    const rules = (events: Event[]) => dueTimes(summarizeClient(events, { asOf: '2025-03-01T12:00:00Z', timeZone: 'UTC' }), 'UTC', events).map((d) => d.rule);
    const goal = [enrolled('2025-02-01T10:00:00Z'), goalSet('2025-02-01T10:00:00Z', 'g', 'collaborative')];
    expect(rules(goal)).toContain('stalled_goal');
    expect(rules([...goal, reviewed('2025-02-10T10:00:00Z', 'g', -1), reviewed('2025-02-11T10:00:00Z', 'g', -2)])).not.toContain('stalled_goal');
    expect(rules([...goal, discharged('2025-02-20T10:00:00Z', 'transferred')])).not.toContain('stalled_goal');
  });

  it('future_event: a session dated 10 minutes ahead counts from its instant', () => {
    const events = [enrolled('2025-01-06T10:00:00Z'), session('2025-01-06T12:10:00Z', 'attended')];
    const after = atBoundary(events, '2025-01-06T12:00:00Z', 'UTC', 'future_event', '2025-01-06T12:10:00.000Z');
    expect(after.episodes[0]!.attendance.attended).toBe(1);
  });

  it('week_end and month_end in Berlin, across the spring DST change', () => {
    const events = [enrolled('2025-03-30T08:00:00Z')];
    const summary = summarizeClient(events, { asOf: '2025-03-30T12:00:00Z', timeZone: 'Europe/Berlin' });
    const due = dueTimes(summary, 'Europe/Berlin', events);
    expect(due).toContainEqual({ rule: 'week_end', at: '2025-03-30T22:00:00.000Z' }); // Monday 31 March, 00:00 CEST
    expect(due).toContainEqual({ rule: 'month_end', at: '2025-03-31T22:00:00.000Z' }); // 1 April, 00:00 CEST
    expect(nextDueAt(summary, 'Europe/Berlin', events)).toBe('2025-03-30T22:00:00.000Z');
  });
});

describe('localDayStartAt', () => {
  it('is local midnight, or the end of a DST gap that swallows it (Santiago, 8 September 2024)', () => {
    const day = localDayNumberAt(Date.parse('2024-09-08T12:00:00Z'), 'America/Santiago');
    const start = localDayStartAt(day, 'America/Santiago');
    expect(new Date(start).toISOString()).toBe('2024-09-08T04:00:00.000Z'); // 00:00 −04 is 01:00 −03
    expect(localDayNumberAt(start - 1, 'America/Santiago')).toBe(day - 1);
    const tokyo = localDayNumberAt(Date.parse('2025-06-01T12:00:00Z'), 'Asia/Tokyo');
    expect(new Date(localDayStartAt(tokyo, 'Asia/Tokyo')).toISOString()).toBe('2025-05-31T15:00:00.000Z');
  });
});
