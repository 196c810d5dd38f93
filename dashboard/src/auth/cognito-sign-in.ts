// AWS: Cognito's hosted UI, authorization code flow with PKCE (oidc-client-ts does the PKCE and the
// code exchange). The ID token is the bearer token, because it carries the role and clinic claims.
// Loaded only in AWS mode (a separate chunk), so local mode never downloads it.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { CognitoConfig } from '../config.js';
import type { SignInProvider } from './session.js';

export function cognitoSignIn(config: CognitoConfig): SignInProvider {
  const home = config.redirectUri ?? `${location.origin}/`;
  const users = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: home,
    response_type: 'code',
    scope: 'openid email',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
  return {
    async restore() {
      const params = new URLSearchParams(location.search);
      if (params.has('code') && params.has('state')) {
        await users.signinRedirectCallback();
        history.replaceState(null, '', home + location.hash);
      }
      const user = await users.getUser();
      if (user && !user.expired && user.id_token) return user.id_token;
      await users.signinRedirect();
      return undefined;
    },
    async signOut() {
      await users.removeUser();
      // Cognito's logout endpoint is not in its discovery document, so it is called by name.
      const logout = new URL('/logout', config.hostedUiUrl);
      logout.searchParams.set('client_id', config.clientId);
      logout.searchParams.set('logout_uri', config.postLogoutRedirectUri ?? home);
      location.assign(logout.toString());
    },
  };
}
