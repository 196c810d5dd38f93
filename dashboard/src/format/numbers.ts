// How figures are written: one place, so the tables, the CSV files and the captions agree.
import { isSmallCount } from '../../../functions/disclosure/small-count.js';

const MISSING = '—';

export const percent = (rate: number | null | undefined, digits = 0) => (rate === null || rate === undefined ? MISSING : `${(rate * 100).toFixed(digits)}%`);
export const decimal = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? MISSING : value.toFixed(digits));
export const count = (value: number | null | undefined) => (value === null || value === undefined ? MISSING : value.toLocaleString('en'));

/** A 95% interval, `lower to upper`, scaled (100: a rate as percent) to `digits` decimals; missing without an estimate. */
export const ciText = (e: { estimate: number | null; lower?: number; upper?: number }, scale = 100, digits = 0) =>
  e.estimate === null || e.lower === undefined || e.upper === undefined ? MISSING : `${(e.lower * scale).toFixed(digits)} to ${(e.upper * scale).toFixed(digits)}`;

export const dateOnly = (iso: string | null) => (iso ? iso.slice(0, 10) : MISSING);
export const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

// Fewer than 11 clients or goals: the counts cell suppression hides (SPEC §7), flagged where shown.
export const isLowN = (n: number | null | undefined) => n !== null && n !== undefined && isSmallCount(n);
