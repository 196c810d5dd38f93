// The app's configuration, read from /config.json at start: "local" on the local server, or the
// Cognito endpoints that the deployment writes beside the files (infra/constructs/dashboard-hosting.ts).
import * as z from 'zod/mini';

const localConfig = z.object({ mode: z.literal('local'), apiUrl: z.optional(z.string()) });
const cognitoConfig = z.object({
  mode: z.literal('cognito'),
  /** The API's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  apiUrl: z.string(),
  /** The user pool's issuer, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC */
  authority: z.string(),
  clientId: z.string(),
  /** The hosted UI's domain, e.g. https://outcomes.auth.eu-west-1.amazoncognito.com (sign-out lives there). */
  hostedUiUrl: z.string(),
  /** Where Cognito sends the browser back after sign-in and sign-out (the dashboard's own URL). */
  redirectUri: z.optional(z.string()),
  postLogoutRedirectUri: z.optional(z.string()),
});
const configSchema = z.discriminatedUnion('mode', [localConfig, cognitoConfig]);

type AppConfig = z.infer<typeof configSchema>;
export type CognitoConfig = z.infer<typeof cognitoConfig>;

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return configSchema.parse(await response.json());
}
