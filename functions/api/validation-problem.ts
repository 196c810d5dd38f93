// Turns zod issues into the `errors` list of a 400 problem: index (for batch items), path, message.
import type { z } from 'zod';
import { Problem } from './problem.js';

export interface FieldError {
  index?: number;
  path: string;
  message: string;
}

/** A 400 lists at most this many problems, plus their total, so its size never follows the input's. */
export const MAX_LISTED_ERRORS = 100;

export function fieldErrors(issues: z.core.$ZodIssue[], batchKey?: string): FieldError[] {
  // An unknown key is reported at its own path, so the producer sees exactly which field to drop.
  const located = issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] })) : [issue],
  );
  return located.map((issue) => {
    const path = [...issue.path];
    let index: number | undefined;
    if (batchKey && path[0] === batchKey && typeof path[1] === 'number') {
      index = path[1];
      path.splice(0, 2);
    }
    return { ...(index !== undefined ? { index } : {}), path: path.map(String).join('.'), message: issue.message };
  });
}

export function invalidRequest(target: string, errors: FieldError[]): Problem {
  const count = errors.length === 1 ? 'one problem' : `${errors.length.toLocaleString('en')} problems`;
  const listed = errors.length > MAX_LISTED_ERRORS ? `; the first ${MAX_LISTED_ERRORS} are listed` : '';
  return new Problem({
    status: 400,
    title: 'Invalid request',
    detail: `The request ${target} has ${count}${listed}; nothing was stored.`,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
  });
}
