// The one way the dashboard talks to the API: bearer token, JSON, and RFC 9457 problems turned
// into an ApiError the views can show.
import type { ProblemDetails } from '../../../functions/api/contract.js';
import { currentSession, signOut } from '../auth/session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ?? title);
  }
}

let apiBase = '';
export const setApiBase = (base: string) => {
  apiBase = base.replace(/\/$/, '');
};

/** A call with the bearer token whose answer is 2xx, else an ApiError (401 signs out first). */
export async function apiFetch(path: string, init: { method?: string; accept?: string; body?: unknown } = {}): Promise<Response> {
  const session = currentSession();
  const response = await fetch(`${apiBase}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: init.accept ?? 'application/json',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 401) {
    await signOut({ expired: true });
    throw new ApiError(401, 'Signed out', 'Your session has ended; sign in again.');
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<ProblemDetails>;
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail);
  }
  return response;
}

export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await apiFetch(path, { method, body });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const apiGet = <T>(path: string) => apiRequest<T>('GET', path);

export const query = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries)}`;
};
