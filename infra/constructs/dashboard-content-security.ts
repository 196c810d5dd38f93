// The dashboard's Content-Security-Policy (issue 8 §8), one directive per line so a reviewer sees
// every source the page may use: its own files and API (same origin, through CloudFront), and
// Cognito — the issuer for OIDC discovery and keys, the hosted UI domain for the token exchange.
// No inline script or style, no framing, no plugins. Not the exports bucket either: the page asks
// the download route for a presigned link as JSON and navigates to it, and navigation is neither
// connect-src nor subject to CORS, so neither this policy nor the bucket names the other.
export function dashboardContentSecurityPolicy(cognito: { issuerOrigin: string; hostedUiUrl: string }): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", cognito.issuerOrigin, cognito.hostedUiUrl],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
    ['upgrade-insecure-requests'],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
