// What a run needs to know: which clinics, under which random codes. The plan is made when the export
// is requested, so consent is read then (a clinic that withdraws consent afterwards is also skipped by
// its worker). It holds clinic ids, so it never leaves the platform's own storage.
export interface ClinicTask {
  exportId: string;
  owner: string;
  clinicId: string;
  clinicCode: string;
}

export interface ExportPlan {
  exportId: string;
  owner: string;
  clinics: { clinicId: string; clinicCode: string }[];
}

export const clinicTasks = (plan: ExportPlan): ClinicTask[] =>
  plan.clinics.map((c) => ({ exportId: plan.exportId, owner: plan.owner, ...c }));

/** Where an export's files live in the export storage; the manifest's paths are relative to it. */
export const exportFileKey = (exportId: string, path: string) => `${exportId}/${path}`;
