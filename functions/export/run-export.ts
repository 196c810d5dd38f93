// A whole export in one process: each clinic's worker in turn, then the finalizer. The local platform
// and the CLI run exports this way; in AWS the same two functions run as Step Functions steps.
import { failExportJob } from '../store/export-jobs.js';
import { exportClinic, type ExportContext } from './export-clinic.js';
import { clinicTasks, type ExportPlan } from './export-plan.js';
import { finalizeExport } from './finalize-export.js';

export async function runExport(ctx: ExportContext, plan: ExportPlan, onClinicDone: (done: number, total: number) => void = () => {}) {
  try {
    const tasks = clinicTasks(plan);
    for (const [i, task] of tasks.entries()) {
      await exportClinic(ctx, task);
      onClinicDone(i + 1, tasks.length);
    }
    return await finalizeExport(ctx, plan);
  } catch (error) {
    await failExportJob(ctx.db, plan.owner, plan.exportId, (error as Error).message);
    throw error;
  }
}
