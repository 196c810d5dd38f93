// The synthetic demo network: clinics, counselors and a year of events before as-of.
// `streamNetwork` yields events lazily (1M events without holding them); `generateNetwork`
// collects them. Same options → the same events in the same order, byte for byte.
import type { EventInput } from '../events/schema.js';
import { tellClientStory } from './client-story.js';
import { planNetwork, type NetworkOptions, type NetworkPlan } from './network-plan.js';

export type { NetworkOptions } from './network-plan.js';

export interface SyntheticClinic {
  clinicId: string;
  timeZone: string;
  label: string;
}

export interface SyntheticCounselor {
  counselorId: string;
  clinicId: string;
}

export interface SyntheticNetwork<Events = EventInput[]> {
  clinics: SyntheticClinic[];
  counselors: SyntheticCounselor[];
  events: Events;
}

export function streamNetwork(options: NetworkOptions): SyntheticNetwork<Generator<EventInput, void, undefined>> {
  const plan = planNetwork(options);
  return {
    clinics: plan.clinics.map(({ profile: { clinicId, timeZone, label } }) => ({ clinicId, timeZone, label })),
    counselors: plan.clinics.flatMap((c) => c.counselors.map(({ counselorId, clinicId }) => ({ counselorId, clinicId }))),
    events: networkEvents(plan),
  };
}

export function generateNetwork(options: NetworkOptions): SyntheticNetwork {
  const network = streamNetwork(options);
  return { ...network, events: [...network.events] };
}

function* networkEvents(plan: NetworkPlan): Generator<EventInput, void, undefined> {
  // Late events (a goal.set entered after its reviews) are sent after everything else.
  const late: EventInput[] = [];
  for (let n = 1; n <= plan.clients; n++) {
    const story = tellClientStory(plan, n);
    yield* story.events;
    late.push(...story.late);
  }
  yield* late;
}
