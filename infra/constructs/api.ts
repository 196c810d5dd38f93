// The HTTP API: API Gateway (HTTP API, payload v2) in front of the Hono app in one Lambda function.
//
// Who may call what is decided per route, in the ROUTES table below:
//   - `people` routes carry the JWT authorizer on the Cognito user pool (the API's default
//     authorizer, so a route added without thinking is protected, never public by accident);
//   - `ingest-key` and `public` routes explicitly opt out with HttpNoneAuthorizer: ingest is
//     authorised inside the app by its clinic-scoped ingest key (header `x-api-key`), and health,
//     OpenAPI document and docs page are public by design.
// The app verifies the ID token again itself (jose, against the same issuer/audience/JWKS), so the
// authorizer is defence in depth and keeps unauthenticated traffic from ever reaching Lambda.
import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Identity } from './identity.js';
import { NodeFunction } from './node-function.js';
import type { Observability } from './observability.js';
import { denyAuditLogRewrites } from './table-access.js';

export type RouteAccess = 'people' | 'ingest-key' | 'public';

export interface RouteSpec {
  readonly path: string;
  readonly methods: apigwv2.HttpMethod[];
  readonly access: RouteAccess;
  /** Why a non-`people` route is reachable without a Cognito token (also the cdk-nag reason). */
  readonly why?: string;
}

const { ANY, GET, POST } = apigwv2.HttpMethod;

export const ROUTES: readonly RouteSpec[] = [
  {
    path: '/v1/events',
    methods: [POST],
    access: 'ingest-key',
    why: 'Clinic record systems are machines without Cognito identities; the app authorises every request with its clinic-scoped ingest key (x-api-key, stored only as a SHA-256 hash) and rejects a missing or wrong key with 401 before reading the body.',
  },
  {
    path: '/v1/health',
    methods: [GET],
    access: 'public',
    why: 'Liveness probe for load checks and uptime monitors; returns no data.',
  },
  {
    path: '/openapi.json',
    methods: [GET],
    access: 'public',
    why: 'The OpenAPI document describes the public contract (paths and schemas) and contains no data.',
  },
  {
    path: '/docs',
    methods: [GET],
    access: 'public',
    why: 'Static API reference page rendered from the OpenAPI document; contains no data.',
  },
  { path: '/v1/admin/{proxy+}', methods: [ANY], access: 'people' },
  { path: '/v1/clinics/{proxy+}', methods: [GET], access: 'people' },
  { path: '/v1/counselors/{proxy+}', methods: [GET], access: 'people' },
  { path: '/v1/network/{proxy+}', methods: [GET], access: 'people' },
  { path: '/v1/exports', methods: [GET, POST], access: 'people' },
  { path: '/v1/exports/{proxy+}', methods: [GET], access: 'people' },
];

export interface ApiProps {
  readonly stage: string;
  readonly table: dynamodb.ITableV2;
  readonly identity: Identity;
  readonly observability: Observability;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Browser origins allowed to call the API (the dashboard). */
  readonly corsOrigins: string[];
}

export class Api extends Construct {
  readonly handler: NodeFunction;
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Routes by access, for tests and for the cdk-nag acknowledgements. */
  readonly routes: Record<RouteAccess, { spec: RouteSpec; routes: apigwv2.HttpRoute[] }[]> = {
    people: [],
    'ingest-key': [],
    public: [],
  };

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { identity, observability } = props;

    this.handler = new NodeFunction(this, 'Handler', {
      entry: 'functions/lambda/api.ts',
      description: `Outcomes (${props.stage}) HTTP API: Hono app`,
      observability,
      serviceName: 'outcomes-api',
      logLevel: props.logLevel,
      memorySize: 1024,
      // API Gateway HTTP APIs give up after 30 s; answer (or fail) before that.
      timeout: Duration.seconds(25),
      environment: {
        TABLE_NAME: props.table.tableName,
        JWT_ISSUER: identity.issuer,
        JWT_AUDIENCE: identity.dashboardClient.userPoolClientId,
        JWT_JWKS_URL: `${identity.issuer}/.well-known/jwks.json`,
      },
    });
    props.table.grantReadWriteData(this.handler.fn);
    denyAuditLogRewrites(props.table, this.handler.role);

    const jwt = new authorizers.HttpUserPoolAuthorizer('CognitoJwt', identity.userPool, {
      authorizerName: 'cognito-jwt',
      userPoolClients: [identity.dashboardClient],
      identitySource: ['$request.header.Authorization'],
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `outcomes-${props.stage}`,
      description: `Outcomes (${props.stage}) API`,
      createDefaultStage: false,
      defaultAuthorizer: jwt,
      corsPreflight: {
        allowOrigins: props.corsOrigins.map((u) => new URL(u).origin),
        allowMethods: [apigwv2.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = observability.logGroup(this, 'AccessLogs');
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        // The route key, not the path: paths carry clinic and client ids, which access logs don't need.
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            principal: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const integration = new integrations.HttpLambdaIntegration('HonoApp', this.handler.fn, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    const none = new apigwv2.HttpNoneAuthorizer();
    for (const spec of ROUTES) {
      const routes = this.httpApi.addRoutes({
        path: spec.path,
        methods: spec.methods,
        integration,
        // `people` routes inherit the default (JWT) authorizer; everything else opts out explicitly.
        ...(spec.access === 'people' ? { authorizer: jwt } : { authorizer: none }),
      });
      this.routes[spec.access].push({ spec, routes });
    }

    observability.notify(
      new cloudwatch.Alarm(this, 'ServerErrorsAlarm', {
        alarmDescription:
          'The API answered with 5xx responses: the Lambda failed or timed out. Check the API function log group.',
        metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** The invoke URL of the `$default` stage, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/`. */
  get url(): string {
    return this.stage.url;
  }
}
