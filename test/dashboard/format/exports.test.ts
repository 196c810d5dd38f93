import { describe, expect, it } from 'vitest';
import { type ExportFormFields, exportRequestOf, fileSize, manifestSummary, pollDelayMs, statusText } from '../../../dashboard/src/format/exports.js';

const filled: ExportFormFields = { purpose: 'research', protocolRef: ' IRB-2026-0042 ', profile: 'safe_harbor', format: 'parquet', clinics: '', from: '', to: '' };

describe('the export form', () => {
  it('makes the request, trimming the reference and leaving out what is empty', () => {
    expect(exportRequestOf(filled)).toEqual({ request: { purpose: 'research', protocolRef: 'IRB-2026-0042', profile: 'safe_harbor', format: 'parquet' } });
  });

  it('splits clinics on commas and spaces and keeps the date range', () => {
    const result = exportRequestOf({ ...filled, clinics: 'riverside, harbor  ,,lakeside', from: '2025-01-01', to: '2025-12-31' });
    expect(result).toEqual({ request: expect.objectContaining({ clinics: ['riverside', 'harbor', 'lakeside'], from: '2025-01-01', to: '2025-12-31' }) });
  });

  it('says what is wrong beside each field, and makes no request', () => {
    const result = exportRequestOf({ purpose: 'curiosity', protocolRef: 'study of Jane Doe', profile: '', format: 'xlsx', clinics: 'ok, bad id!', from: '2025-06-01', to: '2025-01-01' });
    expect(result).not.toHaveProperty('request');
    expect(Object.keys('errors' in result ? result.errors : {}).sort()).toEqual(['clinics', 'format', 'profile', 'protocolRef', 'purpose', 'to']);
    expect('errors' in result && result.errors.clinics).toBe('“id!” is not a clinic id.');
    expect('errors' in result && result.errors.to).toBe('The end must not be before the start.');
  });

  it('asks for a protocol reference when there is none', () => {
    expect(exportRequestOf({ ...filled, protocolRef: '  ' })).toEqual({ errors: { protocolRef: 'Enter the protocol reference (IRB or data-use agreement number).' } });
  });
});

describe('an export in words', () => {
  it('states the status with the progress while running', () => {
    expect(statusText({ status: 'running', progress: 42 })).toBe('Running: 42%');
    expect(statusText({ status: 'complete', progress: 100 })).toBe('Complete');
    expect(statusText({ status: 'failed', progress: 50 })).toBe('Failed');
  });

  it('writes file sizes in binary units', () => {
    expect(fileSize(0)).toBe('0 bytes');
    expect(fileSize(1023)).toBe('1023 bytes');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(5 * 1024 ** 3)).toBe('5.0 GB');
  });

  it('summarises rows per table and what was generalised and suppressed, leaving out zeros', () => {
    const summary = manifestSummary({
      rows: { sessions: 12_345, clients: 800 },
      suppression: { ageBandWidened: 40, substanceMerged: 0, genderWithheld: 3, ageBandWithheld: 0, suppressed: 2 },
      files: 7,
      manifestSha256: 'x',
    });
    expect(summary.rows).toEqual([
      { table: 'clients', rows: '800' },
      { table: 'sessions', rows: '12,345' },
    ]);
    expect(summary.protections).toEqual(['40 clients’ age band widened', '3 clients’ gender withheld', '2 clients suppressed (generalising was not enough)']);
  });

  it('says so when nothing needed protecting, and names a count it does not know', () => {
    expect(manifestSummary({ rows: {}, suppression: { suppressedCells: 0 }, files: 3, manifestSha256: 'x' }).protections).toEqual(['Nothing needed generalising or suppressing.']);
    expect(manifestSummary({ rows: {}, suppression: { somethingNew: 5 }, files: 3, manifestSha256: 'x' }).protections).toEqual(['somethingNew: 5']);
  });

  it('polls after 1 s at first, then less often, never beyond 10 s', () => {
    const delays = Array.from({ length: 12 }, (_, i) => pollDelayMs(i));
    expect(delays.slice(0, 3)).toEqual([1000, 1500, 2250]);
    expect(delays.every((d, i) => i === 0 || d >= delays[i - 1]!)).toBe(true);
    expect(Math.max(...delays)).toBe(10_000);
  });
});
