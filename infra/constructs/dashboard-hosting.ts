// The dashboard on AWS (issue 8 §8): its built files in a private S3 bucket, served by CloudFront
// through origin access control, with the API behind the same distribution under /v1/*.
//
// Why the API goes through CloudFront too: the page then calls its own origin, so the CSP can say
// `connect-src 'self'` plus Cognito and no CORS is involved. (Calling the API Gateway URL directly
// would need the distribution's domain in the API's CORS origins and the API's URL in the
// distribution's CSP: a dependency cycle CloudFormation cannot deploy.) The API behaviour caches
// nothing and forwards every viewer header but Host, which is how CloudFront passes Authorization
// to an origin when caching is disabled.
//
// Caching: hashed files under assets/ are `immutable` for a year; index.html and config.json are
// `no-cache`, so a deploy is visible on the next load. config.json is written at deploy time from
// the stack's own values (API URL, Cognito issuer, hosted UI, app client id, redirect URIs).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Aws, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { CognitoConfig } from '../../dashboard/src/config.js';
import type { Api } from './api.js';
import { dashboardContentSecurityPolicy } from './dashboard-content-security.js';
import type { Identity } from './identity.js';
import type { Observability } from './observability.js';
import { repoRoot } from './node-function.js';

/** Shown instead of the dashboard when `dashboard/dist` was not built before synthesis. */
const DASHBOARD_PLACEHOLDER = path.join(repoRoot, 'infra', 'dashboard-placeholder');

export const HASHED_FILES_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const ENTRY_FILES_CACHE_CONTROL = 'no-cache';

export interface DashboardHostingProps {
  readonly stage: string;
  /** The output of `npm run build:dashboard` (index.html and assets/). */
  readonly distDir: string;
  readonly api: Api;
  readonly identity: Identity;
  readonly observability: Observability;
  readonly logRetentionDays: number;
}

export class DashboardHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  readonly hashedFiles: s3deploy.BucketDeployment;
  readonly entryFiles: s3deploy.BucketDeployment;
  readonly deploymentRole: iam.Role;
  /** `https://<id>.cloudfront.net/`: the dashboard, and the OAuth redirect and sign-out URL. */
  /** https://<distribution domain>: the page's origin, and the API's base URL in its config.json. */
  readonly origin: string;
  readonly url: string;
  /** True when the built dashboard was missing and the placeholder page is deployed instead. */
  readonly placeholder: boolean;

  constructor(scope: Construct, id: string, props: DashboardHostingProps) {
    super(scope, id);
    const { api, identity } = props;
    const region = Stack.of(this).region;

    // Access logs of the bucket and the distribution. CloudFront's standard logs are delivered with
    // object ACLs, hence object-writer ownership (public access stays blocked) and SSE-S3.
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Outcomes (${props.stage}) dashboard: CSP, HSTS and friends`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: dashboardContentSecurityPolicy({
            issuerOrigin: `https://cognito-idp.${region}.amazonaws.com`,
            hostedUiUrl: identity.domain.baseUrl(),
          }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    // Edge caching follows each object's Cache-Control (minimum TTL 0, so `no-cache` is honoured).
    const filesCache = new cloudfront.CachePolicy(this, 'FilesCache', {
      comment: 'Dashboard files: as long as their Cache-Control says',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const apiDomain = `${api.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Outcomes (${props.stage}) dashboard`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: filesCache,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.HttpOrigin(apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
        },
      },
    });

    this.origin = Fn.join('', ['https://', this.distribution.distributionDomainName]);
    this.url = `${this.origin}/`;
    identity.addDashboardUrl(this.url);

    this.placeholder = !existsSync(path.join(props.distDir, 'index.html'));
    if (this.placeholder) {
      Annotations.of(this).addWarningV2(
        'outcomes:dashboardNotBuilt',
        `${props.distDir} has no index.html: a placeholder page is deployed instead of the dashboard. Run npm run build:dashboard first.`,
      );
    }
    const distDir = this.placeholder ? DASHBOARD_PLACEHOLDER : props.distDir;
    // The deployment function (one, shared by both deployments): its own log group and a role with
    // only what the grants add, instead of the AWS managed basic-execution policy.
    const logGroup = props.observability.logGroup(this, 'DeploymentLogs');
    this.deploymentRole = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built dashboard into its bucket during deploys',
    });
    logGroup.grantWrite(this.deploymentRole);
    const role = this.deploymentRole;

    this.hashedFiles = new s3deploy.BucketDeployment(this, 'HashedFiles', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      sources: [s3deploy.Source.asset(path.join(distDir, 'assets'))],
      cacheControl: [s3deploy.CacheControl.fromString(HASHED_FILES_CACHE_CONTROL)],
      // Old hashed files stay: a page loaded before the deploy may still fetch its lazy chunks.
      prune: false,
      logGroup,
      role,
    });

    this.entryFiles = new s3deploy.BucketDeployment(this, 'EntryFiles', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.asset(distDir, { exclude: ['assets', 'assets/**', 'manifest.json'] }),
        s3deploy.Source.jsonData('config.json', {
          mode: 'cognito',
          apiUrl: this.origin,
          authority: identity.issuer,
          clientId: identity.dashboardClient.userPoolClientId,
          hostedUiUrl: identity.domain.baseUrl(),
          redirectUri: this.url,
          postLogoutRedirectUri: this.url,
        } satisfies Required<CognitoConfig>),
      ],
      cacheControl: [s3deploy.CacheControl.fromString(ENTRY_FILES_CACHE_CONTROL)],
      prune: false,
      logGroup,
      role,
    });
    // index.html names hashed files: they must be in place before it is.
    this.entryFiles.node.addDependency(this.hashedFiles);
  }
}
