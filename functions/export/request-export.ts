// A researcher asks for an export: the consenting clinics in their request are read now (consent
// withdrawn afterwards never reaches this export's plan), each gets a random code, the request is
// recorded and audited. Shared by POST /v1/exports and the CLI.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { appendAudit } from '../store/audit-log.js';
import { listClinics } from '../store/clinics.js';
import { putExportJob, type ExportJob, type ExportParameters } from '../store/export-jobs.js';
import type { ExportPlan } from './export-plan.js';
import { codeAssigner } from './random-codes.js';

export interface Requester {
  owner: string;
  role: string;
}

/** Requested clinics that are unknown or without research consent: told apart from nothing (SPEC §6). */
export class ClinicsNotAvailable extends Error {
  constructor(readonly clinicIds: string[]) {
    super(`No consenting clinic: ${clinicIds.join(', ')}`);
  }
}

export async function requestExport(db: DynamoDBDocumentClient, requester: Requester, parameters: ExportParameters, now: Date): Promise<{ job: ExportJob; plan: ExportPlan }> {
  const consenting = (await listClinics(db)).filter((c) => c.researchConsent).map((c) => c.clinicId);
  const unavailable = (parameters.clinics ?? []).filter((id) => !consenting.includes(id));
  if (unavailable.length > 0) throw new ClinicsNotAvailable(unavailable);
  const clinicIds = parameters.clinics ? consenting.filter((id) => parameters.clinics!.includes(id)) : consenting;
  const clinicCode = codeAssigner('C');
  const clinics = clinicIds.map((clinicId) => ({ clinicId, clinicCode: clinicCode(clinicId) }));
  const at = now.toISOString();
  const job: ExportJob = {
    exportId: randomUUID(),
    owner: requester.owner,
    role: requester.role,
    createdAt: at,
    asOf: at,
    parameters,
    clinicsTotal: clinics.length,
    clinicsDone: 0,
    status: 'running',
  };
  await putExportJob(db, job);
  await appendAudit(db, {
    at,
    actor: requester.owner,
    role: requester.role,
    scope: clinicIds,
    action: 'export.request',
    purpose: parameters.purpose,
    protocolRef: parameters.protocolRef,
    exportId: job.exportId,
    parameters: { ...parameters },
  });
  return { job, plan: { exportId: job.exportId, owner: job.owner, clinics } };
}
