// Partials kept by delta (partial − partialOf([old]) + partialOf([new])) and put in canonical form
// store the same JSON as the canonical recompute over the summaries, and read the same figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClientSummary,
  type GroupPartial,
  canonicalGroupPartial,
  canonicalPeriodTallies,
  clinicMetricsOf,
  compareModesByCounselorOf,
  compareModesOf,
  groupMetricsOf,
  groupPartialOf,
  mergeGroupPartials,
  subtractAll,
  summarizeClient,
  weekTalliesOf,
} from '../../functions/metrics/index.js';
import { COUNSELORS, SUMMARY_CONTEXT, clientSummaries, clinicSummariesUpTo, stored } from './arbitrary-timeline.js';
import { enrolled, goalSet, session } from './event-builders.js';


const clinicSummaries = clinicSummariesUpTo(12);

/** Deep-equal values (−0 and 0 told apart) and the same JSON, key order included. */
function expectSame<T>(actual: T, expected: T): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

function expectSameFigures(actual: GroupPartial, expected: GroupPartial): void {
  expect(groupMetricsOf(actual)).toEqual(groupMetricsOf(expected));
  expect(clinicMetricsOf(actual)).toEqual(clinicMetricsOf(expected));
  expect(compareModesOf(actual)).toEqual(compareModesOf(expected));
  expect(compareModesByCounselorOf(actual)).toEqual(compareModesByCounselorOf(expected));
}

/** The delta update of a stored partial: old out, new in (either may be absent). */
const replaced = (partial: GroupPartial, old: ClientSummary[], next: ClientSummary[]): GroupPartial =>
  canonicalGroupPartial(mergeGroupPartials([subtractAll(partial, groupPartialOf(old)), groupPartialOf(next)]));

describe('partials kept by delta', () => {
  it('(A ∪ B) − B is A, in canonical form and in every figure', () => {
    fc.assert(
      fc.property(
        clinicSummaries.chain((summaries) =>
          fc.tuple(fc.constant(summaries), fc.array(fc.nat(2), { minLength: summaries.length, maxLength: summaries.length })),
        ),
        ([summaries, sides]) => {
          const a = summaries.filter((_, i) => sides[i] === 0);
          const [b1, b2] = [1, 2].map((side) => summaries.filter((_, i) => sides[i] === side));
          const whole = stored(groupPartialOf(summaries));
          const [before, beforeB1] = [JSON.stringify(whole), JSON.stringify(groupPartialOf(b1!))];
          const delta = canonicalGroupPartial(subtractAll(whole, groupPartialOf(b1!), groupPartialOf(b2!)));
          expectSame(delta, canonicalGroupPartial(groupPartialOf(a)));
          expectSameFigures(delta, groupPartialOf(a));
          expect([JSON.stringify(whole), JSON.stringify(groupPartialOf(b1!))]).toEqual([before, beforeB1]);
          if (a.length === 0) expectSame(delta, { counselors: {}, months: {} });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replacing a summary, under the same counselor or another, gives the recompute with the new one', () => {
    fc.assert(
      fc.property(
        clinicSummaries,
        clientSummaries('moved'),
        // The new summary under the old counselors, or under one the rest of the clinic has never had.
        fc.constantFrom(COUNSELORS, ['c9']).chain((counselors) => clientSummaries('moved', counselors)),
        (others, old, next) => {
          const partial = stored(canonicalGroupPartial(groupPartialOf([...others, ...old])));
          const delta = replaced(partial, old, next);
          expectSame(stored(delta), canonicalGroupPartial(groupPartialOf([...others, ...next])));
          expectSameFigures(delta, groupPartialOf([...others, ...next]));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('per-counselor partials kept through a run of updates stay those of the recompute', () => {
    const update = fc.tuple(fc.nat(5), fc.oneof(clientSummaries('x'), fc.constant([])));
    fc.assert(
      fc.property(clinicSummaries, fc.array(update, { maxLength: 6 }), (initial, updates) => {
        // Clients by id, and one stored partial per counselor, kept by delta as the aggregation does.
        const clients = new Map(initial.map((s) => [s.clientId, s]));
        const recompute = () => {
          const partials = new Map<string, GroupPartial>();
          for (const id of new Set([...clients.values()].map((s) => s.counselorId))) {
            partials.set(id, canonicalGroupPartial(groupPartialOf([...clients.values()].filter((s) => s.counselorId === id))));
          }
          return partials;
        };
        const kept = recompute();
        const empty: GroupPartial = { counselors: {}, months: {} };
        for (const [index, next] of updates) {
          // Client `index` replaced by the new summary (added if new, removed if there is none);
          // the old and new counselors may differ, and each partial is updated on its own.
          const clientId = `client-${index}`;
          const old = clients.get(clientId);
          const incoming = next.map((s) => ({ ...s, clientId }));
          if (old) kept.set(old.counselorId, replaced(stored(kept.get(old.counselorId)!), [old], []));
          for (const s of incoming) kept.set(s.counselorId, replaced(stored(kept.get(s.counselorId) ?? empty), [], [s]));
          clients.delete(clientId);
          for (const s of incoming) clients.set(clientId, s);
        }
        const expected = recompute();
        // A counselor left with no clients keeps an empty partial; every other one is the recompute's.
        for (const [id, partial] of kept) expectSame(partial, expected.get(id) ?? empty);
        for (const id of expected.keys()) expect(kept.has(id)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a client moved away from its only counselor leaves nothing of that counselor', () => {
    const events = (counselorId: string) => {
      const who = { clientId: 'p', counselorId };
      return [enrolled('2025-01-01T10:00:00Z', who), session('2025-01-10T10:00:00Z', 'attended', who), goalSet('2025-01-02T10:00:00Z', 'g', 'directive', 1, who)];
    };
    const [old, next] = [summarizeClient(events('c1'), SUMMARY_CONTEXT), summarizeClient(events('c2'), SUMMARY_CONTEXT)];
    const delta = replaced(canonicalGroupPartial(groupPartialOf([old])), [old], [next]);
    expectSame(delta, canonicalGroupPartial(groupPartialOf([next])));
    expect(Object.keys(delta.counselors)).toEqual(['c2']);
  });

  it('a counselor id of "__proto__" subtracts like any other', () => {
    const who = { clientId: 'x', counselorId: '__proto__' };
    const summary = summarizeClient([enrolled('2025-01-01T10:00:00Z', who), session('2025-01-01T10:00:00Z', 'attended', who)], SUMMARY_CONTEXT);
    const negative = subtractAll<GroupPartial>({ counselors: {}, months: {} }, groupPartialOf([summary]));
    expect(Object.getPrototypeOf(negative.counselors)).toBe(Object.prototype);
    expect(Object.hasOwn(negative.counselors, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(negative.counselors, '__proto__')?.value.clients).toBe(-1);
    expectSame(canonicalGroupPartial(mergeGroupPartials([negative, groupPartialOf([summary])])), { counselors: {}, months: {} });
  });

  it('week tallies subtract and canonicalize the same way', () => {
    // Every week: no week sorts before ''.
    const weeks = (summaries: readonly ClientSummary[]) => weekTalliesOf(summaries, '');
    fc.assert(
      fc.property(clinicSummaries, clinicSummaries, (a, b) => {
        const bRenamed = b.map((s) => ({ ...s, clientId: `b-${s.clientId}` }));
        expectSame(canonicalPeriodTallies(subtractAll(weeks([...a, ...bRenamed]), weeks(bRenamed))), canonicalPeriodTallies(weeks(a)));
      }),
      { numRuns: 50 },
    );
  });
});
