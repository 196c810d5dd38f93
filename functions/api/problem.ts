// The one error type of the API: it knows its RFC 9457 problem response.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ProblemFields {
  status: ContentfulStatusCode;
  title: string;
  detail?: string;
  /** Extension members, e.g. `errors` on a 400 or `conflicts` on a 409. */
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://outcomes.example/problems/';

export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly body: Record<string, unknown>;

  constructor({ status, title, detail, ...extensions }: ProblemFields, readonly headers: Record<string, string> = {}) {
    super(detail ?? title);
    this.status = status;
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    this.body = { type: `${TYPE_BASE}${slug}`, title, status, ...(detail ? { detail } : {}), ...extensions };
  }

  toResponse(instance?: string): Response {
    return new Response(JSON.stringify(instance ? { ...this.body, instance } : this.body), {
      status: this.status,
      headers: { 'content-type': 'application/problem+json', ...this.headers },
    });
  }
}

export const problems = {
  unauthenticated: (detail = 'Send a valid bearer token or ingest key.') =>
    new Problem({ status: 401, title: 'Unauthenticated', detail }, { 'www-authenticate': 'Bearer' }),
  forbidden: (detail: string) => new Problem({ status: 403, title: 'Forbidden', detail }),
  // SPEC §6: another clinic's resource is answered as if it did not exist.
  notFound: (detail = 'No such resource.') => new Problem({ status: 404, title: 'Not found', detail }),
  invalid: (detail: string, errors: { index?: number; path: string; message: string }[]) =>
    new Problem({ status: 400, title: 'Invalid request', detail, errors }),
};
