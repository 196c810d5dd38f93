// Every item type of the single table declares its keys here, and nothing else builds key
// strings (ElectroDB's rule). docs/data-model.md explains each access pattern and index.
// Ids never contain '#' or '/' (SPEC §6), so the '#' delimiter cannot collide.

export const TIMELINE_INDEX = 'gsi1-timeline';
export const CHANGES_INDEX = 'gsi2-changes';

export interface PrimaryKey {
  pk: string;
  sk: string;
}

const utc = (timestamp: string) => new Date(timestamp).toISOString();

export const eventKeys = {
  /** The idempotency key: one item per (clinic, event id). */
  primary: (clinicId: string, eventId: string): PrimaryKey => ({ pk: `EVENT#${clinicId}#${eventId}`, sk: 'EVENT' }),
  /** One client's timeline, ordered by when things happened (UTC, so offsets sort correctly). */
  timeline: (clinicId: string, clientId: string, occurredAt: string, eventId: string) => ({
    gsi1pk: eventKeys.timelinePartition(clinicId, clientId),
    gsi1sk: `${utc(occurredAt)}#${eventId}`,
  }),
  timelinePartition: (clinicId: string, clientId: string) => `TIMELINE#${clinicId}#${clientId}`,
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
  clientStatePrefix: 'CLIENT#',
  /** The clinic's client summaries, spread over a fixed number of buckets by client id. */
  summaryBucket: (clinicId: string, bucket: number): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `BUCKET#${String(bucket).padStart(2, '0')}`,
  }),
  summaryBucketPrefix: 'BUCKET#',
  clinicMetrics: (clinicId: string): PrimaryKey => ({ pk: metricKeys.partition(clinicId), sk: 'CLINIC' }),
  counselorMetrics: (clinicId: string, counselorId: string): PrimaryKey => ({
    pk: metricKeys.partition(clinicId),
    sk: `COUNSELOR#${counselorId}`,
  }),
  /** The network comparison as one audience sees it: `clinic:<id>`, `all` or `research`. */
  networkView: (view: string): PrimaryKey => ({ pk: 'METRICS#NETWORK', sk: `VIEW#${view}` }),
};

export const aggregationKeys = {
  state: (): PrimaryKey => ({ pk: 'AGGREGATION', sk: 'STATE' }),
  /** Held by the one run in progress: runs must not interleave their bucket writes. */
  lease: (): PrimaryKey => ({ pk: 'AGGREGATION', sk: 'LEASE' }),
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
