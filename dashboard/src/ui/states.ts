// Loading, empty and error states. Placeholders keep the size of what replaces them, so nothing
// jumps when the data arrives.
import { h } from './dom.js';
import { ApiError } from '../api/http.js';

export const loadingCards = (count: number, kind: 'chart' | 'table' = 'chart') =>
  h(
    'div',
    { class: 'grid', 'aria-busy': 'true' },
    h('p', { class: 'visually-hidden', role: 'status' }, 'Loading…'),
    ...Array.from({ length: count }, () => h('div', { class: `card placeholder placeholder-${kind}`, 'aria-hidden': 'true' })),
  );

export const emptyState = (message: string) => h('p', { class: 'state state-empty' }, message);

/** `doing` is what failed to happen to `what`: load it (the default), request it, download it. */
export function errorState(error: unknown, what: string, doing = 'load') {
  const detail =
    error instanceof ApiError
      ? error.status === 404
        ? `Not found: ${error.detail ?? 'nothing here, or not yours to see.'}`
        : `${error.title}${error.detail ? `: ${error.detail}` : ''}`
      : error instanceof Error
        ? error.message
        : String(error);
  return h('div', { class: 'state state-error', role: 'alert' }, h('strong', {}, `Could not ${doing} ${what}. `), detail);
}
