// How figures are written: one place, so the tables, the CSV files and the captions agree.
const MISSING = '—';

export const percent = (rate: number | null | undefined, digits = 0) => (rate === null || rate === undefined ? MISSING : `${(rate * 100).toFixed(digits)}%`);
export const decimal = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? MISSING : value.toFixed(digits));
export const count = (value: number | null | undefined) => (value === null || value === undefined ? MISSING : value.toLocaleString('en'));

export const dateOnly = (iso: string | null) => (iso ? iso.slice(0, 10) : MISSING);
export const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

// Fewer than 11 clients or goals: the same threshold as cell suppression (SPEC §7).
export const LOW_N = 11;
export const isLowN = (n: number | null | undefined) => n !== null && n !== undefined && n > 0 && n < LOW_N;
