// SPEC §4: item counts and ranges only. Item wording is licensed and never reproduced here.
export const instruments = ['WAI-SR', 'SRS', 'ORS'] as const;
export type Instrument = (typeof instruments)[number];

interface InstrumentSpec {
  items: number;
  /** A reason the value is out of range, or undefined when it is fine. */
  checkItem(value: number): string | undefined;
}

const integerScale = (min: number, max: number) => (v: number) =>
  Number.isInteger(v) && v >= min && v <= max ? undefined : `must be a whole number from ${min} to ${max}`;

// SRS and ORS are 10 cm visual analogue lines scored to one decimal (Miller & Duncan).
const oneDecimalScale = (min: number, max: number) => (v: number) =>
  v >= min && v <= max && Math.abs(Math.round(v * 10) - v * 10) < 1e-9
    ? undefined
    : `must be from ${min} to ${max} with at most one decimal`;

export const instrumentSpecs: Record<Instrument, InstrumentSpec> = {
  // Hatcher & Gillaspy 2006: 12 items on a 1–5 scale.
  'WAI-SR': { items: 12, checkItem: integerScale(1, 5) },
  SRS: { items: 4, checkItem: oneDecimalScale(0, 10) },
  ORS: { items: 4, checkItem: oneDecimalScale(0, 10) },
};
