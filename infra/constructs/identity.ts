// People sign in through a Cognito user pool (SPEC §6 roles). Admins create every account (no
// self sign-up) and set three custom attributes that the API trusts because they arrive inside a
// Cognito-signed ID token:
//   custom:role         admin | director | counselor | researcher
//   custom:clinics      comma-separated clinic ids in scope (directors, counselors)
//   custom:counselorId  the counselor's id in the clinic's record system (counselors)
// The dashboard app client can READ these but never WRITE them: otherwise any user could raise their
// own role with UpdateUserAttributes. Only admins (AdminUpdateUserAttributes, IAM-authorised) can.
import { Aws, Duration, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const CUSTOM_ATTRIBUTES = ['role', 'clinics', 'counselorId'] as const;

export interface IdentityProps {
  readonly stage: string;
  /** Hosted UI domain prefix; default `outcomes-<stage>-<account id>`. */
  readonly domainPrefix?: string;
  /** Dashboard URLs: OAuth callback and sign-out URLs. */
  readonly dashboardUrls: string[];
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  /** The dashboard's public client: authorization code grant with PKCE, no client secret. */
  readonly dashboardClient: cognito.UserPoolClient;
  /** OAuth callback and sign-out URLs: the configured ones, then the hosted dashboard's. */
  private readonly dashboardUrls: string[];

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.dashboardUrls = [...props.dashboardUrls];

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `outcomes-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 1, maxLen: 16, mutable: true }),
        clinics: new cognito.StringAttribute({ minLen: 0, maxLen: 2048, mutable: true }),
        counselorId: new cognito.StringAttribute({ minLen: 0, maxLen: 64, mutable: true }),
      },
      // Client-level health data: every person signs in with a second factor (authenticator app).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection blocks sign-ins with leaked credentials and risky sign-ins.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const domainPrefix = props.domainPrefix ?? Fn.join('-', ['outcomes', props.stage, Aws.ACCOUNT_ID]);
    this.domain = this.userPool.addDomain('HostedUiDomain', {
      cognitoDomain: { domainPrefix },
    });

    const customAttributes = CUSTOM_ATTRIBUTES.map((name) => `custom:${name}`);
    this.dashboardClient = this.userPool.addClient('DashboardClient', {
      userPoolClientName: 'dashboard',
      generateSecret: false, // a browser app cannot keep a secret: public client + PKCE
      authFlows: {}, // only the hosted UI signs people in; no password flows from scripts
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        // Read at synthesis, so that the dashboard's CloudFront URL, known only once hosting is built, is in.
        callbackUrls: Lazy.list({ produce: () => this.dashboardUrls }),
        logoutUrls: Lazy.list({ produce: () => this.dashboardUrls }),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(...customAttributes),
      // Deliberately no custom attributes: users must not be able to change their own scope.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
  }

  /** Lets the dashboard at `url` sign people in (authorization code + PKCE) and out. */
  addDashboardUrl(url: string): void {
    this.dashboardUrls.push(url);
  }

  /**
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens, built the
   * same way as the API's JWT authorizer builds it, so the app and the authorizer check one issuer.
   */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
