// The event contract of SPEC §2: the one source of the event types, the request validation and
// the OpenAPI document. Every object is strict: free text has nowhere to hide.
import { z } from '@hono/zod-openapi';
import { instrumentSpecs, instruments } from './instruments.js';
import { eventFingerprint } from './fingerprint.js';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
// A US SSN fits the id charset, so it is refused by shape: SPEC §2 says a client id is never one.
const SSN_PATTERN = /^\d{3}-?\d{2}-?\d{4}$/;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_", ":" or "-"');

const pseudonymSchema = idSchema.refine((v) => !SSN_PATTERN.test(v), {
  message: 'looks like a social security number; send the clinic’s pseudonymous reference instead',
});

// The bounds relative to now (at most 24 h ahead, a birth year not after this year) are checked
// by eventTimeProblems against the caller's clock: the schema itself reads no clock.
const occurredAtSchema = z
  .iso.datetime({ offset: true, message: 'must be an RFC 3339 timestamp with an offset, e.g. 2025-03-01T09:30:00+01:00' })
  .refine((v) => Date.parse(v) >= EARLIEST, { message: 'must not be before 2000-01-01' })
  .openapi({ description: 'Not more than 24 hours after the time of ingest' });

const base = {
  id: idSchema.openapi({ description: 'Producer-chosen id; the idempotency key within a clinic' }),
  clinicId: idSchema.openapi({ description: 'Must equal the clinic of the ingest key' }),
  clientId: pseudonymSchema.openapi({ description: 'The clinic’s pseudonymous client reference' }),
  counselorId: idSchema.openapi({ description: 'The counselor responsible at that moment' }),
  occurredAt: occurredAtSchema,
};

// Zod's own message for an unknown key is good; a producer sending a total deserves the reason.
// The message names no key: the API reports each unknown key at its own path, so a message that
// listed them all would be repeated once per key and grow with the square of their number.
const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys.some((k) => /total|score/i.test(k))
        ? 'unknown field: totals and scores are computed by the platform from the items'
        : 'unknown field: events are strict and carry no free text';
    },
  });

export const genders = ['female', 'male', 'nonbinary', 'other', 'unknown'] as const;
export const substances = ['alcohol', 'opioids', 'stimulants', 'cannabis', 'sedatives', 'other', 'unknown'] as const;
export const referrals = ['self', 'mandated', 'other'] as const;
export const sessionStatuses = ['attended', 'no_show', 'cancelled'] as const;
export const modalities = ['individual', 'group', 'telehealth'] as const;
export const goalModes = ['collaborative', 'directive'] as const;
export const goalDomains = [
  'substance_use', 'mental_health', 'physical_health', 'relationships',
  'employment_education', 'housing', 'legal', 'other',
] as const;
export const goalOutcomes = ['achieved', 'not_achieved', 'abandoned'] as const;
// SAMHSA TEDS-D discharge reasons, as SPEC §2 lists them.
export const dischargeReasons = ['completed', 'transferred', 'dropped_out', 'terminated', 'incarcerated', 'other'] as const;

const gasLevel = z.number().int('must be a whole number').min(-2).max(2);

export const clientEnrolledSchema = strict({
  ...base,
  type: z.literal('client.enrolled'),
  birthYear: z
    .number()
    .int()
    .min(1900)
    .optional()
    .openapi({ description: 'Year only: exact birth dates are never accepted; not after the current year' }),
  gender: z.enum(genders),
  primarySubstance: z.enum(substances),
  referral: z.enum(referrals),
}).openapi('ClientEnrolled');

export const sessionRecordedSchema = strict({
  ...base,
  type: z.literal('session.recorded'),
  sessionId: idSchema,
  status: z.enum(sessionStatuses),
  modality: z.enum(modalities).optional(),
}).openapi('SessionRecorded');

export const goalSetSchema = strict({
  ...base,
  type: z.literal('goal.set'),
  goalId: idSchema,
  mode: z.enum(goalModes),
  domain: z.enum(goalDomains),
  weight: z.number().int().min(1).max(3).default(1),
}).openapi('GoalSet');

export const goalReviewedSchema = strict({
  ...base,
  type: z.literal('goal.reviewed'),
  goalId: idSchema,
  level: gasLevel.openapi({ description: 'Goal Attainment Scaling level; 0 is the expected outcome' }),
}).openapi('GoalReviewed');

export const goalClosedSchema = strict({
  ...base,
  type: z.literal('goal.closed'),
  goalId: idSchema,
  outcome: z.enum(goalOutcomes),
  level: gasLevel.optional(),
}).openapi('GoalClosed');

export const measureRecordedSchema = strict({
  ...base,
  type: z.literal('measure.recorded'),
  instrument: z.enum(instruments),
  items: z.array(z.number()).openapi({ description: 'Item scores; count and range per instrument (SPEC §4)' }),
})
  .superRefine((event, ctx) => {
    const spec = instrumentSpecs[event.instrument];
    if (event.items.length !== spec.items) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `${event.instrument} has exactly ${spec.items} items, got ${event.items.length}`,
      });
    }
    event.items.forEach((value, i) => {
      const problem = spec.checkItem(value);
      if (problem) ctx.addIssue({ code: 'custom', path: ['items', i], message: `${event.instrument} item ${problem}` });
    });
  })
  .openapi('MeasureRecorded');

export const clientDischargedSchema = strict({
  ...base,
  type: z.literal('client.discharged'),
  reason: z.enum(dischargeReasons),
}).openapi('ClientDischarged');

export const eventSchema = z
  .discriminatedUnion('type', [
    clientEnrolledSchema,
    sessionRecordedSchema,
    goalSetSchema,
    goalReviewedSchema,
    goalClosedSchema,
    measureRecordedSchema,
    clientDischargedSchema,
  ])
  .openapi('Event');

export const MAX_BATCH = 100;

export const eventBatchSchema = strict({
  events: z.array(eventSchema).min(1, 'a batch holds at least one event').max(MAX_BATCH, `a batch holds at most ${MAX_BATCH} events`),
})
  // SPEC §2: an id is the idempotency key, so one batch cannot say two things under it. Exact
  // repeats are harmless (stored once); differing bodies reject the batch whole, naming both.
  // Only an id that repeats is fingerprinted: most batches repeat none, and hashing is the cost.
  .superRefine(({ events }, ctx) => {
    const firstIndex = new Map<string, number>();
    const firstFingerprint = new Map<string, string>();
    for (const [index, event] of events.entries()) {
      const first = firstIndex.get(event.id);
      if (first === undefined) {
        firstIndex.set(event.id, index);
        continue;
      }
      const fingerprint = firstFingerprint.get(event.id) ?? eventFingerprint(events[first]!);
      firstFingerprint.set(event.id, fingerprint);
      if (eventFingerprint(event) === fingerprint) continue;
      const message = (other: number) => `id "${event.id}" is also used by event ${other} with a different body`;
      ctx.addIssue({ code: 'custom', path: ['events', first, 'id'], message: message(index) });
      ctx.addIssue({ code: 'custom', path: ['events', index, 'id'], message: message(first) });
    }
  })
  .openapi('EventBatch');

export const ingestBodySchema = z.union([eventSchema, eventBatchSchema]).openapi('IngestBody');

export type Event = z.infer<typeof eventSchema>;
export type EventInput = z.input<typeof eventSchema>;
export type EventType = Event['type'];
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;
export const eventTypes = eventSchema.options.map((o) => o.shape.type.value) as EventType[];

export interface TimeProblem {
  path: string;
  message: string;
}

/** SPEC §2's bounds relative to the present, judged by the caller's clock. */
export function eventTimeProblems(event: Event, now: Date): TimeProblem[] {
  const problems: TimeProblem[] = [];
  if (Date.parse(event.occurredAt) > now.getTime() + MAX_FUTURE_MS) {
    problems.push({ path: 'occurredAt', message: 'must not be more than 24 hours in the future' });
  }
  if (event.type === 'client.enrolled' && event.birthYear !== undefined && event.birthYear > now.getUTCFullYear()) {
    problems.push({ path: 'birthYear', message: 'must not be after the current year' });
  }
  return problems;
}
