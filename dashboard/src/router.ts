// Hash routes, so the static host needs no rewrite rules: #/director?clinic=…, #/counselor/{id},
// #/counselor/{id}/clients/{clientId}, #/researcher, #/admin, #/sign-in.
export type Route = {
  path: string[];
  params: URLSearchParams;
  /** Navigates to the same path with some parameters changed (undefined removes one). */
  go(changes: Record<string, string | undefined>): void;
};

export function currentRoute(): Route {
  const [pathPart = '', queryPart = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(queryPart);
  return {
    path,
    params,
    go(changes) {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      location.hash = `#/${path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
    },
  };
}

export const link = (...path: string[]) => `#/${path.map(encodeURIComponent).join('/')}`;
