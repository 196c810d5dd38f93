// The network comparison as stored (SPEC §5, §7): one summary item (both populations' estimates
// and network rows) and the suppressed per-clinic breakdown in pages. No per-director copy: every
// audience sees the same cells, and the API names a director's own clinics on read. The research
// view is the consenting clinics' rows of the same breakdown.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inPopulation, type Population } from '../disclosure/index.js';
import type { BreakdownRow, NetworkComparison } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';

export interface StoredNetworkComparison {
  /** Also the time the run read the director scopes: those registered before it are protected against. */
  asOf: string;
  comparison: NetworkComparison;
}

/** What one population's audience may be shown. */
export interface NetworkView {
  population: Population;
  asOf: string;
  clinics: number;
  figures: NetworkComparison['populations'][Population]['figures'];
  breakdown: BreakdownRow[];
}

/** Clinics per breakdown page: about 60 bytes each packed, so a page stays far under 400 KB. */
const BREAKDOWN_PAGE_ROWS = 2_500;

export function networkViewItems({ asOf, comparison }: StoredNetworkComparison): Record<string, unknown>[] {
  const pages = Math.ceil(comparison.breakdown.length / BREAKDOWN_PAGE_ROWS);
  return [
    { ...metricKeys.networkSummary(), asOf, pages, summary: packJson({ asOf, populations: comparison.populations }) },
    ...Array.from({ length: pages }, (_, page) => ({
      ...metricKeys.networkBreakdownPage(page),
      asOf,
      rows: packJson(comparison.breakdown.slice(page * BREAKDOWN_PAGE_ROWS, (page + 1) * BREAKDOWN_PAGE_ROWS)),
    })),
  ];
}

export async function getNetworkView(db: DynamoDBDocumentClient, population: Population): Promise<NetworkView | undefined> {
  const [summaryItem] = await batchGetAll(db, [metricKeys.networkSummary()]);
  if (!summaryItem) return undefined;
  const summary = unpackJson<Omit<StoredNetworkComparison, 'comparison'> & Pick<NetworkComparison, 'populations'>>(summaryItem.summary as Uint8Array);
  const pageItems = await batchGetAll(db, Array.from({ length: summaryItem.pages as number }, (_, page) => metricKeys.networkBreakdownPage(page)));
  // A page written by a later run than the summary would mix two runs' patterns: read as one run.
  if (pageItems.some((p) => p.asOf !== summary.asOf)) return undefined;
  const breakdown = pageItems
    .sort((p, q) => (String(p.sk) < String(q.sk) ? -1 : 1))
    .flatMap((p) => unpackJson<BreakdownRow[]>(p.rows as Uint8Array))
    .filter((row) => inPopulation(row, population));
  const { clinics, figures } = summary.populations[population];
  return { population, asOf: summary.asOf, clinics, figures, breakdown };
}
