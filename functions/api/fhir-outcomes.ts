// Under /fhir/*, every error is a FHIR OperationOutcome (http://hl7.org/fhir/R4/operationoutcome.html)
// with the problem's HTTP status: the RFC 9457 problems of auth, body limits, routing and the
// route itself are rewritten on the way out. A problem may carry its FHIR `issues` already.
import type { OperationOutcomeIssue } from 'fhir/r4';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.js';
import { errorIssue, operationOutcome, type IssueCode } from '../fhir/operation-outcome.js';

export const FHIR_JSON = 'application/fhir+json';

// FHIR R4 issue-type codes for the HTTP statuses the API answers with.
const ISSUE_CODE_BY_STATUS: Readonly<Record<number, IssueCode>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'processing',
};

export const fhirOutcomes = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('application/problem+json')) return;
  const problem = (await c.res.clone().json()) as { status: number; title: string; detail?: string; issues?: OperationOutcomeIssue[] };
  const issues = problem.issues ?? [errorIssue(ISSUE_CODE_BY_STATUS[problem.status] ?? 'exception', problem.detail ?? problem.title)];
  c.res = new Response(JSON.stringify(operationOutcome(issues)), { status: c.res.status, headers: { 'content-type': FHIR_JSON } });
});
