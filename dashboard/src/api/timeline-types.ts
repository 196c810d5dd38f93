// The per-client timeline (GET /v1/counselors/{counselorId}/clients/{clientId}/timeline), served
// from the stored client state.
export type ClientTimelineResponse = {
  clinicId: string;
  counselorId: string;
  clientId: string;
  timeZone: string;
  asOf: string;
  goals: { goalId: string; mode: 'collaborative' | 'directive'; setAt: string; levels: { at: string; level: number }[]; closed: { at: string; outcome: string } | null }[];
  sessions: { at: string; status: 'attended' | 'no_show' | 'cancelled' }[];
  measures: { srs: { at: string; total: number }[]; ors: { at: string; total: number }[] };
};
