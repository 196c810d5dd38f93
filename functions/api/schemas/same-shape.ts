// Compile-time proof that a response schema and the engine type it publishes describe the same
// JSON: each is assignable to the other. When the engine renames or adds a field, `tsc` fails on
// the schema beside it instead of the dashboard failing at run time.
export type SameShape<Schema, Engine> = [Schema] extends [Engine] ? ([Engine] extends [Schema] ? true : false) : false;

/** Usage, beside a schema: `sameShape<z.infer<typeof schema>, EngineType>(true);` — no run-time effect. */
export function sameShape<Schema, Engine>(_proof: SameShape<Schema, Engine>): void {}
