import type { App } from '../../functions/api/app.js';

export const postEvents = (app: App, key: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
