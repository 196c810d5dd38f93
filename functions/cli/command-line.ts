// The shared shape of the project's commands: strict flags, `--help`, and usage errors that say
// what is wrong and exit 2.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

type Values<O extends ParseArgsOptionsConfig> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

export function commandLine<const O extends ParseArgsOptionsConfig>(usage: string, options: O, argv = process.argv.slice(2)) {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(2);
  };
  let values: Values<O> & { help?: boolean };
  try {
    values = parseArgs({ args: argv, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }).values as typeof values;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  /** A whole-number flag within [min, max], or its default when absent. */
  const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = (values as Record<string, unknown>)[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      return fail(`--${name} must be an integer ${range}, got "${String(raw)}"`);
    }
    return value;
  };
  return { values: values as Values<O>, fail, integer };
}
