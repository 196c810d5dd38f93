/** A clock the test moves by hand: ingest stamps and aggregation as-of times both read it. */
export function fakeClock(start: string) {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    set: (iso: string) => {
      ms = Date.parse(iso);
    },
    advance: (deltaMs: number) => {
      ms += deltaMs;
    },
  };
}
