// How a research export is described on the researcher's page: its form's choices and checks,
// its status, and its manifest summary in words. Pure, so it is unit-tested without a browser.
import type { ExportRequest, ExportView } from '../../../functions/api/contract.js';
import { count } from './numbers.js';

type Purpose = ExportRequest['purpose'];
type Profile = ExportRequest['profile'];
type Format = ExportRequest['format'];

// Records keyed by the contract's enums: a purpose, profile or format added to (or dropped from)
// the API fails the type-check here until the page offers it.
export const purposeLabels: Record<Purpose, string> = { research: 'Research', quality_improvement: 'Quality improvement' };

export const profileChoices: Record<Profile, { label: string; explanation: string }> = {
  safe_harbor: {
    label: 'Safe Harbor (client level)',
    explanation: 'One row per client, goal, session and measure: random study ids, years instead of dates, age bands, and every group at least 11 clients.',
  },
  aggregate: {
    label: 'Aggregate',
    explanation: 'Metric tables per clinic and goal-setting mode, no client rows; any cell behind fewer than 11 clients is suppressed.',
  },
};

export const formatLabels: Record<Format, string> = { csv: 'CSV', ndjson: 'NDJSON', parquet: 'Parquet' };

/** What the form holds, as typed; the API checks it again (and alone decides). */
export type ExportFormFields = {
  purpose: string;
  protocolRef: string;
  profile: string;
  format: string;
  clinics: string;
  from: string;
  to: string;
};
export type FormErrors = Partial<Record<keyof ExportFormFields, string>>;

// The API's rules (functions/api/routes/exports-schemas.ts), repeated so a mistake is shown beside
// its field before any request is made.
const PROTOCOL_REF = /^[A-Za-z0-9._:/-]{1,64}$/;
const CLINIC_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isKey = <T extends string>(record: Record<T, unknown>, key: string): key is T => Object.hasOwn(record, key);

/** The request the form describes, or a message per field that is wrong. */
export function exportRequestOf(fields: ExportFormFields): { request: ExportRequest } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const protocolRef = fields.protocolRef.trim();
  const clinics = fields.clinics.split(/[\s,]+/).filter((c) => c !== '');
  if (!isKey(purposeLabels, fields.purpose)) errors.purpose = 'Choose the purpose of the export.';
  if (protocolRef === '') errors.protocolRef = 'Enter the protocol reference (IRB or data-use agreement number).';
  else if (!PROTOCOL_REF.test(protocolRef)) errors.protocolRef = 'Use 1–64 letters, digits and . _ : / - only (a reference, not a description).';
  if (!isKey(profileChoices, fields.profile)) errors.profile = 'Choose a profile.';
  if (!isKey(formatLabels, fields.format)) errors.format = 'Choose a file format.';
  const badClinic = clinics.find((c) => !CLINIC_ID.test(c));
  if (badClinic !== undefined) errors.clinics = `“${badClinic}” is not a clinic id.`;
  if (fields.from !== '' && !DAY.test(fields.from)) errors.from = 'Enter a date as YYYY-MM-DD.';
  if (fields.to !== '' && !DAY.test(fields.to)) errors.to = 'Enter a date as YYYY-MM-DD.';
  else if (fields.from !== '' && fields.to !== '' && fields.to < fields.from) errors.to = 'The end must not be before the start.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    request: {
      purpose: fields.purpose as Purpose,
      protocolRef,
      profile: fields.profile as Profile,
      format: fields.format as Format,
      ...(clinics.length > 0 ? { clinics } : {}),
      ...(fields.from !== '' ? { from: fields.from } : {}),
      ...(fields.to !== '' ? { to: fields.to } : {}),
    },
  };
}

export const statusText = (view: Pick<ExportView, 'status' | 'progress'>) =>
  view.status === 'complete' ? 'Complete' : view.status === 'failed' ? 'Failed' : `Running: ${view.progress}%`;

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** A file size in binary units, e.g. "1.5 MB". */
export function fileSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

// The manifest's counts (functions/export/safe-harbor/k-anonymity.ts, functions/export/finalize-export.ts).
const countWords: Record<string, (n: string) => string> = {
  ageBandWidened: (n) => `${n} clients’ age band widened`,
  substanceMerged: (n) => `${n} clients’ primary substance merged into “other”`,
  genderWithheld: (n) => `${n} clients’ gender withheld`,
  ageBandWithheld: (n) => `${n} clients’ age band withheld`,
  suppressed: (n) => `${n} clients suppressed (generalising was not enough)`,
  suppressedCells: (n) => `${n} cells suppressed (fewer than 11 behind them)`,
};

export type ManifestSummary = { rows: { table: string; rows: string }[]; protections: string[] };

/** Row counts per table, and what was generalised and suppressed, in words. */
export function manifestSummary(summary: NonNullable<ExportView['summary']>): ManifestSummary {
  const rows = Object.entries(summary.rows)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, n]) => ({ table, rows: count(n) }));
  const protections = Object.entries(summary.suppression)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => (countWords[key] ?? ((text) => `${key}: ${text}`))(count(n)));
  return { rows, protections: protections.length > 0 ? protections : ['Nothing needed generalising or suppressing.'] };
}

/**
 * The wait before the next look at a running export: 1 s at first, so a small export is seen
 * finishing at once, then growing by half up to 10 s, so a long one costs few calls.
 */
export const pollDelayMs = (attempt: number) => Math.min(10_000, Math.round(1000 * 1.5 ** attempt));
