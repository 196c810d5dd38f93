// The typed contract (issue 8 §2): every metrics response of the running app, for every caller who
// may read it, parses under its published schema with nothing left over, and /openapi.json describes
// each response field by field instead of as a loose record. (That the schemas and the engine types
// agree is checked by `tsc`: functions/api/schemas/same-shape.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { ingest, syntheticNetwork } from '../support/synthetic-ingest.js';
import { bearer } from '../support/requests.js';
import { getCounselorView } from '../../functions/store/counselor-views.js';
import {
  caseloadResponse,
  clientTimelineResponse,
  clinicComparisonResponse,
  clinicMetricsResponse,
} from '../../functions/api/routes/metrics-schemas.js';
import { networkComparisonResponse } from '../../functions/api/routes/network-comparison-response.js';
import { apiPaths } from '../../functions/api/contract.js';

const clock = fakeClock('2026-11-01T12:00:00.000Z');
const RIVERSIDE = 'riverside';

let p: TestPlatform;
const reads: { name: string; path: string; token: () => string; schema: z.ZodType }[] = [];

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  const network = await syntheticNetwork(p, { clients: 24, seed: 5, asOf: '2026-11-01T00:00:00.000Z' });
  await ingest(p, network.keys, network.events);
  clock.advance(60_000);
  expect((await p.app.request(apiPaths.adminAggregations, { method: 'POST', headers: bearer(p.tokens.admin) })).status).toBe(202);
  await p.aggregation.idle();

  const counselorIds = network.counselors.filter((c) => c.clinicId === RIVERSIDE).map((c) => c.counselorId);
  const [view] = (await Promise.all(counselorIds.map((id) => getCounselorView(p.db, [RIVERSIDE], id)))).filter((v) => v !== undefined).filter((v) => v.caseload.rows.length > 0);
  const director = await p.sign({ role: 'director', clinics: [RIVERSIDE] }, 'dir');
  const counselor = await p.sign({ role: 'counselor', clinics: [RIVERSIDE], counselorId: view!.counselorId }, 'co');
  const client = view!.caseload.rows[0]!.clientId;
  reads.push(
    { name: 'clinic metrics, director', path: apiPaths.clinicMetrics(RIVERSIDE), token: () => director, schema: clinicMetricsResponse },
    { name: 'clinic metrics, admin', path: apiPaths.clinicMetrics('coastal'), token: () => p.tokens.admin, schema: clinicMetricsResponse },
    { name: 'clinic comparison, director', path: apiPaths.clinicComparison(RIVERSIDE), token: () => director, schema: clinicComparisonResponse },
    { name: 'clinic comparison, admin', path: apiPaths.clinicComparison(RIVERSIDE), token: () => p.tokens.admin, schema: clinicComparisonResponse },
    { name: 'network comparison, director', path: apiPaths.networkComparison, token: () => director, schema: networkComparisonResponse },
    { name: 'network comparison, researcher', path: apiPaths.networkComparison, token: () => p.tokens.researcher, schema: networkComparisonResponse },
    { name: 'network comparison, admin', path: apiPaths.networkComparison, token: () => p.tokens.admin, schema: networkComparisonResponse },
    { name: 'caseload, counselor', path: apiPaths.caseload(view!.counselorId), token: () => counselor, schema: caseloadResponse },
    { name: 'caseload, director', path: apiPaths.caseload(view!.counselorId), token: () => director, schema: caseloadResponse },
    { name: 'client timeline, counselor', path: apiPaths.clientTimeline(view!.counselorId, client), token: () => counselor, schema: clientTimelineResponse },
    { name: 'client timeline, director', path: apiPaths.clientTimeline(view!.counselorId, client), token: () => director, schema: clientTimelineResponse },
  );
}, 60_000);
afterAll(() => p.close());

describe('every metrics response matches its published schema', () => {
  it('for each endpoint and caller: it parses, and parsing drops nothing (no undeclared field)', async () => {
    expect(reads.length).toBe(11);
    for (const { name, path, token, schema } of reads) {
      const res = await p.app.request(path, { headers: bearer(token()) });
      expect(res.status, name).toBe(200);
      const body = await res.json();
      const parsed = schema.safeParse(body);
      expect(parsed.error?.issues ?? [], name).toEqual([]);
      expect(parsed.data, name).toStrictEqual(body);
    }
  });

  it('a response with a renamed field fails its schema', async () => {
    const res = await p.app.request(apiPaths.clinicMetrics(RIVERSIDE), { headers: bearer(p.tokens.admin) });
    const body = (await res.json()) as { metrics: { engagement: { overall: Record<string, unknown> } } };
    const { retention90, ...rest } = body.metrics.engagement.overall;
    body.metrics.engagement.overall = { ...rest, retention90days: retention90 };
    const issues = clinicMetricsResponse.safeParse(body).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toContain('metrics.engagement.overall.retention90');
  });
});

describe('/openapi.json', () => {
  type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    doc = await (await p.app.request('/openapi.json')).json();
  });

  /** Every object schema reachable from `schema`, following $refs once each. */
  function objectsUnder(schema: Schema, seen = new Set<string>()): Schema[] {
    if (schema.$ref) {
      const name = schema.$ref.split('/').at(-1)!;
      if (seen.has(name)) return [];
      seen.add(name);
      return objectsUnder(doc.components.schemas[name]!, seen);
    }
    const children = [...Object.values(schema.properties ?? {}), ...(schema.items ? [schema.items] : []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
    return [...(schema.type === 'object' ? [schema] : []), ...children.flatMap((c) => objectsUnder(c, seen))];
  }

  it.each([
    ['/v1/clinics/{clinicId}/metrics', 'ClinicMetrics', ['GroupMetrics', 'TrendRow', 'EngagementMetrics', 'Proportion']],
    ['/v1/clinics/{clinicId}/comparison', 'ClinicComparison', ['ModeComparison', 'ProportionEstimate', 'DifferenceEstimate', 'EffectSizeEstimate']],
    ['/v1/network/comparison', 'NetworkComparison', ['NetworkFigure', 'NetworkBreakdownRow', 'PublishedCount']],
    ['/v1/counselors/{counselorId}/caseload', 'Caseload', ['CaseloadRow', 'CaseloadFlag', 'TrendRow']],
    ['/v1/counselors/{counselorId}/clients/{clientId}/timeline', 'ClientTimeline', ['GoalCourse']],
  ])('%s answers %s, described field by field', (path, component, parts) => {
    const schema = doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema;
    expect(schema.$ref).toBe(`#/components/schemas/${component}`);
    for (const part of parts) expect(doc.components.schemas, part).toHaveProperty(part);
    const objects = objectsUnder(schema);
    expect(objects.length).toBeGreaterThan(2);
    // No loose record anywhere: every object lists its properties.
    for (const o of objects) {
      expect(o.properties, JSON.stringify(o).slice(0, 120)).toBeDefined();
      expect(o.additionalProperties === undefined || o.additionalProperties === false, JSON.stringify(o).slice(0, 120)).toBe(true);
    }
  });
});
