// FHIR R4 OperationOutcome (http://hl7.org/fhir/R4/operationoutcome.html): how the FHIR endpoint
// reports every error, and the information notes of a stored entry.
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueCode = OperationOutcomeIssue['code'];

export const errorIssue = (code: IssueCode, diagnostics: string, expression?: string): OperationOutcomeIssue => ({
  severity: 'error',
  code,
  diagnostics,
  ...(expression ? { expression: [expression] } : {}),
});

export const informationIssue = (diagnostics: string): OperationOutcomeIssue => ({ severity: 'information', code: 'informational', diagnostics });

export const operationOutcome = (issue: OperationOutcomeIssue[]): OperationOutcome => ({ resourceType: 'OperationOutcome', issue });
