// Every item type of the single table declares its keys here, and nothing else builds key
// strings (ElectroDB's rule). docs/data-model.md explains each access pattern and index.
// Ids never contain '#' or '/' (SPEC §6), so the '#' delimiter cannot collide.

export const CHANGES_INDEX = 'gsi2-changes';

const utc = (timestamp: string) => new Date(timestamp).toISOString();

export interface PrimaryKey {
  pk: string;
  sk: string;
}

export const eventKeys = {
  /** The idempotency key: one item per (clinic, event id). */
  primary: (clinicId: string, eventId: string): PrimaryKey => ({ pk: `EVENT#${clinicId}#${eventId}`, sk: 'EVENT' }),
  /** What changed since a point in time, per clinic, ordered by ingest time. */
  change: (clinicId: string, ingestedAt: string, eventId: string) => ({
    gsi2pk: eventKeys.changesPartition(clinicId),
    gsi2sk: `${ingestedAt}#${eventId}`,
  }),
  changesPartition: (clinicId: string) => `CHANGES#${clinicId}`,
  /** Sort-key bound: every change ingested at or after `ingestedAt` sorts at or after it. */
  changeBound: (ingestedAt: string) => ingestedAt,
};

export const clinicKeys = {
  partition: 'CLINICS',
  primary: (clinicId: string): PrimaryKey => ({ pk: clinicKeys.partition, sk: `CLINIC#${clinicId}` }),
  sortPrefix: 'CLINIC#',
};

export const apiKeyKeys = {
  /** The lookup by secret: keys are stored only as the SHA-256 of the secret. */
  primary: (secretHash: string): PrimaryKey => ({ pk: `APIKEY#${secretHash}`, sk: 'APIKEY' }),
  /** The listing by clinic, for the admin's list and revocation; it names the lookup item's hash. */
  clinicPartition: (clinicId: string) => `APIKEYS#${clinicId}`,
  byClinic: (clinicId: string, keyId: string): PrimaryKey => ({ pk: apiKeyKeys.clinicPartition(clinicId), sk: `KEY#${keyId}` }),
};

/** Audit writes are spread over this many partitions a day, far below any partition's write limit. */
export const AUDIT_SHARDS = 8;

export const auditKeys = {
  /** What every audit partition starts with: IAM denies rewrites below it (infra/constructs/table-access.ts). */
  partitionPrefix: 'AUDIT#',
  /** A day per partition group keeps the append-only log readable by date; the shard spreads its writes. */
  partition: (day: string, shard: number) => `${auditKeys.partitionPrefix}${day}#${shard}`,
  /** The sort key is unique and orders the day across shards, so it doubles as the read cursor. */
  sortKey: (at: string, entryId: string) => `${utc(at)}#${entryId}`,
  primary: (at: string, entryId: string, shard: number): PrimaryKey => ({
    pk: auditKeys.partition(utc(at).slice(0, 10), shard),
    sk: auditKeys.sortKey(at, entryId),
  }),
};

export const metricKeys = {
  /** Everything the aggregation writes for one clinic lives in one partition. */
  partition: (clinicId: string) => `METRICS#${clinicId}`,
  /** One client's complete event set, so an incremental run need not re-read its timeline. */
  clientState: (clinicId: string, clientId: string): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `CLIENT#${clientId}`,
  }),
  /** A part of a long event set that would not fit one item (a client with years of events). */
  clientStatePart: (clinicId: string, clientId: string, part: number): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `CLIENT#${clientId}#PART#${String(part).padStart(3, '0')}`,
  }),
  clientStatePrefix: 'CLIENT#',
  /** A client's caseload row, under the counselor it is filed with: a caseload is one query. */
  caseloadRow: (clinicId: string, counselorId: string, clientId: string): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `${metricKeys.caseloadRowPrefix(counselorId)}${clientId}`,
  }),
  /** Ids never contain '#': the trailing one keeps counselor "co1" from matching "co10". */
  caseloadRowPrefix: (counselorId: string) => `${metricKeys.caseloadRowsPrefix}${counselorId}#`,
  /** Every caseload row of the clinic, whatever the counselor. */
  caseloadRowsPrefix: 'ROW#',
  /** The counselor and client a caseload row's sort key names (ROW#<counselor>#<client>). */
  ofCaseloadRow: (sk: string) => {
    const [counselorId, clientId] = sk.slice(metricKeys.caseloadRowsPrefix.length).split('#') as [string, string];
    return { counselorId, clientId };
  },
  /** A client's next due time, sorted by it: the clients due by an instant are one range query. */
  clientDue: (clinicId: string, dueAt: string, clientId: string): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: `${metricKeys.clientDuePrefix}${dueAt}#${clientId}` }),
  clientDuePrefix: 'DUE#',
  /** The due time and client a due item's sort key names (DUE#<dueAt>#<client>; a due time has no '#'). */
  ofClientDue: (sk: string) => {
    const at = sk.lastIndexOf('#');
    return { dueAt: sk.slice(metricKeys.clientDuePrefix.length, at), clientId: sk.slice(at + 1) };
  },
  /** The mergeable partial aggregate of one counselor's clients, kept by delta: the clinic view merges them all. */
  counselorPartial: (clinicId: string, counselorId: string): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `PARTIAL#${counselorId}`,
  }),
  counselorPartialPrefix: 'PARTIAL#',
  clinicMetrics: (clinicId: string): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: 'CLINIC' }),
  /** The clinic view's per-counselor rows, a page of counselors each, so the view never outgrows 400 KB. */
  clinicViewPage: (clinicId: string, page: number): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: `CLINIC#PAGE#${String(page).padStart(3, '0')}` }),
  /** The clinic's 2×2 comparison cells: all the network step reads of a clinic. */
  clinicCountRow: (clinicId: string): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: 'COUNTS' }),
  /** The network comparison's estimates and network rows of both populations, shared by every audience. */
  networkSummary: (): PrimaryKey => ({ pk: 'METRICS#NETWORK', sk: 'SUMMARY' }),
  /** The suppressed per-clinic breakdown, in pages of a fixed number of clinics (items stay under 400 KB). */
  networkBreakdownPage: (page: number): PrimaryKey => ({ pk: 'METRICS#NETWORK', sk: `BREAKDOWN#${String(page).padStart(4, '0')}` }),
};

/** Sort keys of the first per-clinic layout, which a clinic's rebuild deletes (store/legacy-items.ts). */
export const legacyMetricKeys = {
  prefixes: ['SUMMARIES#', 'COUNSELOR#'],
  filing: (clinicId: string): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: 'FILING' }),
};

/** Director scopes (the clinics of one director's token) the network suppression protects against. */
export const directorScopeKeys = {
  partition: 'DIRECTOR-SCOPES',
  /** Ids never contain ',' (SPEC §6 charset), so the sorted, joined ids name the scope. */
  primary: (clinicIds: readonly string[]): PrimaryKey => ({ pk: directorScopeKeys.partition, sk: `SCOPE#${[...clinicIds].sort().join(',')}` }),
  sortPrefix: 'SCOPE#',
};

export const aggregationKeys = {
  /**
   * One small item per clinic: its watermark, as-of time, fenced lease, last error, next due time,
   * and the count of events ingest has stored for it. An idle run reads only this item per clinic.
   * Its own partition per clinic, so ingest's counter updates spread like the clinics do.
   */
  clinic: (clinicId: string): PrimaryKey => ({ pk: `AGGREGATION#${clinicId}`, sk: 'CLINIC' }),
  /** One item per run: its status, the clinic tasks still pending, and the report. */
  run: (runId: string): PrimaryKey => ({ pk: `AGGREGATION-RUN#${runId}`, sk: 'RUN' }),
  /** Which run finished last, for the admin overview. */
  lastRun: (): PrimaryKey => ({ pk: 'AGGREGATION', sk: 'LAST-RUN' }),
};

export const demoKeys = {
  /** Whether the local demo data set was generated, and with which as-of, so a restart resumes it. */
  seed: (): PrimaryKey => ({ pk: 'DEMO', sk: 'SEED' }),
};

export const exportKeys = {
  /** A researcher's exports share a partition, so "my exports" is one query and another's is never found. */
  job: (owner: string, exportId: string): PrimaryKey => ({ pk: exportKeys.ownerPartition(owner), sk: `EXPORT#${exportId}` }),
  ownerPartition: (owner: string) => `EXPORTS#${owner}`,
  jobPrefix: 'EXPORT#',
  /** One item per clinic part of an export, written by that clinic's worker, read by the finalizer. */
  part: (exportId: string, clinicCode: string): PrimaryKey => ({ pk: exportKeys.partPartition(exportId), sk: `PART#${clinicCode}` }),
  partPartition: (exportId: string) => `EXPORTPARTS#${exportId}`,
};
