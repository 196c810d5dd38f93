// The dashboard on AWS (issue 8 §8), asserted on the synthesised template: a private bucket read
// only by CloudFront through origin access control, security headers from a response headers
// policy, hashed files immutable and the entry files no-cache, a config.json written at deploy time
// from the stack's own values, and the Cognito client sending people back to the distribution.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_FILES_CACHE_CONTROL, HASHED_FILES_CACHE_CONTROL } from '../../infra/constructs/dashboard-hosting.js';
import { logicalId, synthesize, type Synthesized } from './synth.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
type Json = Record<string, any>;

// What `npm run build:dashboard` writes, in miniature.
const dist = mkdtempSync(path.join(tmpdir(), 'dashboard-dist-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/main-ABC123.js"></script>');
writeFileSync(path.join(dist, 'assets', 'main-ABC123.js'), 'console.log(1)');
writeFileSync(path.join(dist, 'assets', 'chunk-DEF456.js'), 'export {}');
writeFileSync(path.join(dist, 'manifest.json'), '{"files":[],"inputs":{}}');

let s: Synthesized;
let resources: Record<string, Json>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (construct: { node: { defaultChild?: unknown } }) => logicalId(construct, s.deployment.stack);
const text = (value: unknown) => JSON.stringify(value);

/** The files a BucketDeployment source ships, from its staged asset directory. */
const stagedFiles = (assembly: Synthesized['assembly'], objectKey: string): string[] => {
  const dir = path.join(assembly.directory, `asset.${objectKey.replace(/\.zip$/, '')}`);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
};
const stagedFile = (assembly: Synthesized['assembly'], objectKey: string, file: string) =>
  readFileSync(path.join(assembly.directory, `asset.${objectKey.replace(/\.zip$/, '')}`, file), 'utf8');

const deployments = () => {
  const all = ofType('Custom::CDKBucketDeployment');
  const hashed = all.find(([, r]) => r.Properties.DestinationBucketKeyPrefix === 'assets/')!;
  const entry = all.find(([, r]) => r.Properties.DestinationBucketKeyPrefix === undefined)!;
  return { all, hashed, entry };
};

beforeAll(() => {
  s = synthesize({ dashboardDist: dist });
  resources = s.template.toJSON().Resources;
}, 120_000);

describe('the bucket', () => {
  it('is private: all public access blocked, no website hosting, TLS only, versioned, access-logged', () => {
    const bucket = resources[idOf(s.deployment.stack.dashboard.bucket)]!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: idOf(s.deployment.stack.dashboard.logBucket) });
  });

  it('is readable only by this distribution, through origin access control', () => {
    const bucketId = idOf(s.deployment.stack.dashboard.bucket);
    const distributionId = idOf(s.deployment.stack.dashboard.distribution);
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)!;
    const statements: Json[] = policy.Properties.PolicyDocument.Statement;
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const st of allows) {
      expect(st.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(st.Action).toBe('s3:GetObject');
      expect(text(st.Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
    }
    expect(statements.some((st) => st.Effect === 'Deny' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);

    const [oacId, oac] = ofType('AWS::CloudFront::OriginAccessControl')[0]!;
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const config = resources[distributionId]!.Properties.DistributionConfig;
    const s3Origin = config.Origins.find((o: Json) => text(o.DomainName).includes(bucketId));
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });
});

describe('the distribution', () => {
  const config = () => resources[idOf(s.deployment.stack.dashboard.distribution)]!.Properties.DistributionConfig;

  it('serves index.html at / over HTTPS with the security headers and logs to the log bucket', () => {
    const c = config();
    expect(c.DefaultRootObject).toBe('index.html');
    expect(c.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(c.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(c.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: idOf(s.deployment.stack.dashboard.headers) });
    expect(text(c.Logging.Bucket)).toContain(idOf(s.deployment.stack.dashboard.logBucket));
  });

  it('caches each file as its Cache-Control says (minimum TTL 0, so no-cache is honoured)', () => {
    const policyId = config().DefaultCacheBehavior.CachePolicyId.Ref;
    expect(resources[policyId]!.Properties.CachePolicyConfig).toMatchObject({ MinTTL: 0, MaxTTL: 365 * 24 * 3600 });
  });

  it('forwards /v1/* to the HTTP API, uncached, with every viewer header but Host (so Authorization reaches it)', () => {
    const c = config();
    const behavior = c.CacheBehaviors.find((b: Json) => b.PathPattern === '/v1/*');
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      ResponseHeadersPolicyId: { Ref: idOf(s.deployment.stack.dashboard.headers) },
    });
    expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    const origin = c.Origins.find((o: Json) => o.Id === behavior.TargetOriginId);
    expect(text(origin.DomainName)).toContain(idOf(s.deployment.stack.api.httpApi));
    expect(text(origin.DomainName)).toContain('execute-api');
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });
});

describe('the response headers policy', () => {
  const headers = () => resources[idOf(s.deployment.stack.dashboard.headers)]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;

  // No S3: export downloads navigate to their presigned link, which connect-src does not govern.
  it('sends a CSP that allows only the page’s own origin (files and API) and Cognito', () => {
    const csp = headers().ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    // The hosted UI domain is a token; everything else is literal.
    const joined: string = csp.ContentSecurityPolicy['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<cognito-domain>')).join('');
    const directives = Object.fromEntries(joined.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'", 'https://cognito-idp.us-east-1.amazonaws.com', 'https://<cognito-domain>.auth.us-east-1.amazoncognito.com']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(joined).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(text(csp.ContentSecurityPolicy)).toContain(idOf(s.deployment.stack.identity.domain));
  });

  it('sends HSTS for two years with subdomains, and nosniff, DENY framing, no referrer', () => {
    const h = headers();
    expect(h.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true });
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
  });
});

describe('the deployed files', () => {
  it('ships the hashed files under assets/ as immutable for a year, and keeps old ones', () => {
    const { all, hashed } = deployments();
    expect(all).toHaveLength(2);
    const p = hashed[1].Properties;
    expect(p.SystemMetadata).toEqual({ 'cache-control': HASHED_FILES_CACHE_CONTROL });
    expect(HASHED_FILES_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
    expect(p.Prune).toBe(false);
    expect(p.SourceObjectKeys).toHaveLength(1);
    expect(stagedFiles(s.assembly, p.SourceObjectKeys[0])).toEqual(['chunk-DEF456.js', 'main-ABC123.js']);
  });

  it('ships index.html and config.json as no-cache, after the hashed files, and never the build manifest', () => {
    const { hashed, entry } = deployments();
    const p = entry[1].Properties;
    expect(p.SystemMetadata).toEqual({ 'cache-control': ENTRY_FILES_CACHE_CONTROL });
    expect(ENTRY_FILES_CACHE_CONTROL).toBe('no-cache');
    expect(entry[1].DependsOn).toEqual(expect.arrayContaining([hashed[0]]));
    const [files, config] = p.SourceObjectKeys.map((key: string) => stagedFiles(s.assembly, key));
    expect(files).toEqual(['index.html']);
    expect(config).toEqual(['config.json']);
  });

  it('writes config.json at deploy time from the stack: API (this origin), Cognito issuer and hosted UI, client id, redirect URIs', () => {
    const { entry } = deployments();
    const p = entry[1].Properties;
    const config = JSON.parse(stagedFile(s.assembly, p.SourceObjectKeys[1], 'config.json'));
    expect(Object.keys(config).sort()).toEqual(['apiUrl', 'authority', 'clientId', 'hostedUiUrl', 'mode', 'postLogoutRedirectUri', 'redirectUri']);
    expect(config.mode).toBe('cognito');
    // Deploy-time values are markers, resolved by the deployment from these tokens.
    const markers: Record<string, unknown> = p.SourceMarkers[1];
    const deployedValue = (field: string) => text(Object.entries(markers).filter(([marker]) => String(config[field]).includes(marker)).map(([, v]) => v));
    const stack = s.deployment.stack;
    expect(deployedValue('clientId')).toContain(idOf(stack.identity.dashboardClient));
    expect(deployedValue('authority')).toContain(idOf(stack.identity.userPool));
    expect(config.authority).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\//);
    expect(deployedValue('hostedUiUrl')).toContain(idOf(stack.identity.domain));
    const domainName = { 'Fn::GetAtt': [idOf(stack.dashboard.distribution), 'DomainName'] };
    expect(deployedValue('apiUrl')).toBe(text([{ 'Fn::Join': ['', ['https://', domainName]] }]));
    for (const field of ['redirectUri', 'postLogoutRedirectUri']) {
      // The origin's marker, then a literal slash: https://<id>.cloudfront.net/
      expect(deployedValue(field)).toBe(deployedValue('apiUrl'));
      expect(config[field]).toMatch(/^<<marker:[^>]+>>\/$/);
    }
  });
});

describe('sign-in', () => {
  it('lets the Cognito client redirect to the distribution after sign-in and sign-out, code flow only', () => {
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const url = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(s.deployment.stack.dashboard.distribution), 'DomainName'] }, '/']] };
    expect(client.Properties.CallbackURLs).toEqual(['http://localhost:3000/', url]);
    expect(client.Properties.LogoutURLs).toEqual(['http://localhost:3000/', url]);
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client.Properties.GenerateSecret).toBe(false);
  });

  it('outputs the dashboard URL', () => {
    expect(text(s.template.toJSON().Outputs.DashboardUrl.Value)).toContain(idOf(s.deployment.stack.dashboard.distribution));
  });
});

describe('without a built dashboard', () => {
  it('deploys a placeholder page that says how to build it, with a synthesis warning', () => {
    const missing = path.join(tmpdir(), 'no-such-dashboard-dist');
    const bare = synthesize({ dashboardDist: missing, nag: false });
    expect(bare.deployment.stack.dashboard.placeholder).toBe(true);
    expect(s.deployment.stack.dashboard.placeholder).toBe(false);
    const warnings = bare.assembly.getStackArtifact(bare.deployment.stack.artifactId).messages.filter((m) => m.level === 'warning');
    expect(warnings.map((w) => String(w.entry.data))).toEqual(expect.arrayContaining([expect.stringContaining('npm run build:dashboard')]));
    const template = bare.template.toJSON().Resources as Record<string, Json>;
    const entry = Object.values(template).find((r) => r.Type === 'Custom::CDKBucketDeployment' && r.Properties.DestinationBucketKeyPrefix === undefined)!;
    expect(stagedFile(bare.assembly, entry.Properties.SourceObjectKeys[0], 'index.html')).toContain('was not built');
  }, 60_000);
});
