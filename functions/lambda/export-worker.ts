// Lambda entry for one clinic of a research export (a Distributed Map item of the export state machine).
import { z } from 'zod';
import { exportClinic } from '../export/export-clinic.js';
import { exportDeps } from './export-deps.js';

const task = z.object({ exportId: z.uuid(), owner: z.string().min(1), clinicId: z.string().min(1), clinicCode: z.string().min(1) });

export async function handler(event: unknown) {
  const input = task.parse(event);
  await exportClinic(exportDeps(), input);
  return { clinicCode: input.clinicCode };
}
