// The size envelope (SPEC §8: no item over 400 KB): the aggregation's items at the extremes of the
// target, written to the store. A client with 20,000 events goes through a real task; the largest
// caseloads and a clinic of 300 counselors are made from real summaries and written as the task
// writes them. A counselor's fold and a clinic view grow with counselors, weeks, months and
// distinct day counts, never with clients (a caseload is a row item per client), so 300
// counselors of 20 clients each have the shape of 300 counselors of 133.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, CLINIC_A, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';
import { clinicViewItems } from '../../functions/aggregation/clinic-views.js';
import { eventItem } from '../../functions/store/put-event.js';
import { countStoredEvents } from '../../functions/store/clinic-aggregation.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { caseloadRowItem } from '../../functions/store/caseload-rows.js';
import { counselorPartialItem } from '../../functions/store/counselor-partials.js';
import { getClinic } from '../../functions/store/clinics.js';
import { tableName } from '../../functions/store/table.js';
import { itemSize } from '../../functions/store/item-size.js';
import { caseloadRowOf, firstCaseloadWeek, groupPartialOf, mergeGroupPartials, summarizeClient, weekTalliesOf, type ClientSummary } from '../../functions/metrics/index.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';

const LIMIT = 400 * 1024;
const AS_OF = '2026-11-01T00:00:00.000Z';
const clock = fakeClock('2026-11-01T12:00:00.000Z');
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
});
afterAll(() => p.close());

async function largestStoredItem(prefix: string): Promise<number> {
  let largest = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await p.db.send(new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': prefix }, ExclusiveStartKey }));
    for (const item of page.Items ?? []) largest = Math.max(largest, itemSize(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return largest;
}

/** Real summaries of a synthetic network's clients, as templates to clone. */
function templateSummaries(): ClientSummary[] {
  const byClient = new Map<string, Event[]>();
  const network = streamNetwork({ clients: 60, seed: 5, asOf: AS_OF });
  const clinic = network.clinics[0]!;
  for (const e of network.events) if (e.clinicId === clinic.clinicId) byClient.set(e.clientId, [...(byClient.get(e.clientId) ?? []), eventSchema.parse(e) as Event]);
  return [...byClient.values()].map((events) => summarizeClient(events, { asOf: AS_OF, timeZone: clinic.timeZone }));
}

describe('size envelope', () => {
  it('a client with 20,000 events: its event set spills into parts, every item under 400 KB', async () => {
    const base = { clinicId: CLINIC_A, clientId: 'marathon', counselorId: 'co-1' };
    const start = Date.parse('2020-01-01T09:00:00Z');
    // Ids as clinics' systems make them (UUIDs): they, not the repeated field names, are what packs worst.
    const uuid = (i: number) => createHash('sha1').update(String(i)).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
    const events = Array.from({ length: 20_000 }, (_, i) => {
      const occurredAt = new Date(start + i * 3 * 3_600_000).toISOString();
      return eventSchema.parse(
        i % 2 === 0
          ? { ...base, id: uuid(i), type: 'session.recorded', occurredAt, sessionId: uuid(-i), status: i % 6 === 0 ? 'no_show' : 'attended', modality: 'individual' }
          : { ...base, id: uuid(i), type: 'measure.recorded', occurredAt, instrument: 'SRS', items: [0, 1, 2, 3].map((k) => ((i * 7 + k * 13) % 97) / 10) },
      ) as Event;
    });
    // Written as ingest writes them (event items, then the per-second count), without 20,000 API calls.
    const at = clock.now().toISOString();
    await batchWriteAll(p.db, events.map((e) => eventItem(e, at)));
    await countStoredEvents(p.db, CLINIC_A, events.length, at);
    clock.advance(60_000);
    const report = await runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0 });
    expect(report).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    const parts = await p.db.send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': `METRICS#${CLINIC_A}`, ':s': 'CLIENT#marathon#PART#' } }),
    );
    expect(parts.Items!.length).toBeGreaterThan(1);
    expect(await largestStoredItem(`METRICS#${CLINIC_A}`)).toBeLessThan(LIMIT);
  }, 120_000);

  it('the largest caseloads and a clinic of 300 counselors: rows, folds and views under 400 KB', async () => {
    const clinic = (await getClinic(p.db, CLINIC_A))!;
    const templates = templateSummaries();
    const clone = (t: ClientSummary, clientId: string, counselorId: string): ClientSummary => ({ ...t, clinicId: clinic.clinicId, clientId, counselorId });
    const counselors = Array.from({ length: 300 }, (_, c) => `env-co-${c}`);
    // One counselor carries 5,000 clients (a whole caseload filed under one id); the rest 20 each.
    const caseloads = counselors.map((counselorId, c) =>
      Array.from({ length: c === 0 ? 5_000 : 20 }, (_, i) => clone(templates[(c + i) % templates.length]!, `env-${c}-${i}`, counselorId)),
    );
    const items: Record<string, unknown>[] = [];
    const partials = caseloads.map((own, c) => {
      const counselorId = counselors[c]!;
      const partial = groupPartialOf(own);
      const weeks = weekTalliesOf(own, firstCaseloadWeek(AS_OF, clinic.timeZone));
      const rows = own.flatMap((s) => caseloadRowOf(s) ?? []);
      if (c === 0) expect(rows.length).toBeGreaterThan(1_000);
      items.push(...rows.map((row) => caseloadRowItem(clinic.clinicId, row)), counselorPartialItem(clinic.clinicId, { counselorId, asOf: AS_OF, timeZone: clinic.timeZone, partial, weeks }));
      return partial;
    });
    items.push(...clinicViewItems(clinic, AS_OF, mergeGroupPartials(partials)));
    const sizes = items.map(itemSize);
    expect(Math.max(...sizes)).toBeLessThan(LIMIT);
    // Written for real: the store refuses an item over 400 KB.
    // A batch at a time: dynalite drops connections under hundreds of large puts at once.
    const envelope = items.map((i) => ({ ...i, pk: `ENVELOPE#${String(i.pk)}` }));
    for (let i = 0; i < envelope.length; i += 25) await batchWriteAll(p.db, envelope.slice(i, i + 25));
    expect(await largestStoredItem('ENVELOPE#')).toBe(Math.max(...sizes) + 'ENVELOPE#'.length);
  }, 120_000);
});
