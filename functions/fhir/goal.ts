// Goal → goal.set, goal.reviewed or goal.closed (SPEC §2). FHIR R4 Goal: http://hl7.org/fhir/R4/goal.html
// Each Goal version is one event, by its state:
//   - lifecycleStatus proposed | planned | accepted | active | on-hold → goal.set, or goal.reviewed
//     when achievementStatus carries a GAS level (a LOINC LL6900-6 answer, PCO IG);
//   - completed → goal.closed: achieved / not achieved from achievementStatus, else from the GAS
//     level (PCO IG GAS Goal profile: a goal is achieved at the realistic level 0 or better);
//   - cancelled → goal.closed abandoned; rejected records nothing (the goal was never set).
// The goal-setting mode comes from our goal-setting-mode extension, else is inferred from
// expressedBy (Patient → collaborative, Practitioner → directive) and the inference is noted.
// The PCO GAS extension (the five level descriptions) is free text and is dropped.
import { z } from 'zod';
import { goalDomains, goalModes } from '../events/schema.js';
import { codeIn, codeableConceptSchema, referenceSchema, resourceBase } from './elements.js';
import { codedExtension } from './coded-extension.js';
import { counselorOf } from './counselor.js';
import { gasLevelOf } from './gas-level.js';
import { defineMapper, nothingRecorded, Unmappable, type MappingContext } from './mapping.js';
import { referencedId, resolveReference } from './references.js';
import { instantOf } from './when.js';
import { GOAL_ACHIEVEMENT, GOAL_PRIORITY, PCO_GAS_EXTENSION, codeSystems, extensions } from './vocabulary.js';

// FHIR R4 goal-status.
const lifecycleStatuses = ['proposed', 'planned', 'accepted', 'active', 'on-hold', 'completed', 'cancelled', 'entered-in-error', 'rejected'] as const;

const goalSchema = z.looseObject({
  resourceType: z.literal('Goal'),
  ...resourceBase,
  lifecycleStatus: z.enum(lifecycleStatuses),
  achievementStatus: codeableConceptSchema.optional(),
  category: z.array(codeableConceptSchema).optional(),
  priority: codeableConceptSchema.optional(),
  subject: referenceSchema,
  startDate: z.string().optional(),
  statusDate: z.string().optional(),
  expressedBy: referenceSchema.optional(),
});
type Goal = z.infer<typeof goalSchema>;

// FHIR R4 goal-achievement codes → SPEC §2 outcome of a completed goal.
const ACHIEVED = new Set(['achieved', 'sustaining']);
const NOT_ACHIEVED = new Set(['in-progress', 'improving', 'worsening', 'no-change', 'not-achieved', 'no-progress', 'not-attainable']);
// FHIR R4 goal-priority → SPEC §2 weight (1–3).
const weightByPriority: Readonly<Record<string, number>> = { 'high-priority': 3, 'medium-priority': 2, 'low-priority': 1 };
const MODE_EXTENSION = `Goal.extension('${extensions.goalSettingMode}')`;

function modeOf(goal: Goal, context: MappingContext, notes: string[]): (typeof goalModes)[number] {
  const declared = codedExtension('Goal', goal.extension, extensions.goalSettingMode, codeSystems.goalSettingMode, goalModes);
  if (declared) return declared;
  const by = resolveReference(goal.expressedBy, context)?.resourceType;
  const inferred = by === 'Patient' ? 'collaborative' : by === 'Practitioner' ? 'directive' : undefined;
  if (!inferred) throw new Unmappable(MODE_EXTENSION, 'no goal-setting mode: add the goal-setting-mode extension, or expressedBy a Patient or Practitioner');
  notes.push(`Goal ${goal.id}: goal-setting mode "${inferred}" inferred from expressedBy ${by}; send the goal-setting-mode extension to state it`);
  return inferred;
}

function outcomeOf(goal: Goal, level: number | undefined): 'achieved' | 'not_achieved' {
  const code = codeIn(goal.achievementStatus, GOAL_ACHIEVEMENT);
  if (code !== undefined && ACHIEVED.has(code)) return 'achieved';
  if (code !== undefined && NOT_ACHIEVED.has(code)) return 'not_achieved';
  if (level !== undefined) return level >= 0 ? 'achieved' : 'not_achieved';
  throw new Unmappable('Goal.achievementStatus', 'a completed goal needs a goal-achievement code or a GAS level (LOINC LL6900-6 answer)');
}

export const goalMapper = defineMapper({
  resourceType: 'Goal',
  schema: goalSchema,
  read: ['lifecycleStatus', 'achievementStatus', 'category', 'priority', 'subject', 'startDate', 'statusDate', 'expressedBy'],
  // The PCO GAS scale is dropped too, with a note of its own.
  readExtensions: [extensions.goalSettingMode, extensions.responsibleCounselor, PCO_GAS_EXTENSION],
  map(goal, context) {
    if (goal.lifecycleStatus === 'entered-in-error') {
      throw new Unmappable('Goal.lifecycleStatus', '"entered-in-error" cannot be recorded: events are append-only facts (SPEC §2)');
    }
    if (goal.lifecycleStatus === 'rejected') return nothingRecorded(`Goal ${goal.id} was rejected: it was never set, nothing recorded`);
    const notes: string[] = [];
    const scale = goal.extension?.filter((e) => e.url === PCO_GAS_EXTENSION).length ?? 0;
    if (scale > 0) notes.push(`Goal ${goal.id}: the PCO GAS scale's ${scale} level descriptions are free text and were not stored`);
    const counselor = counselorOf('Goal', goal.extension, [{ reference: goal.expressedBy, expression: 'Goal.expressedBy' }], context);
    const common = { clientId: referencedId(goal.subject, 'Patient', 'Goal.subject', context), counselorId: counselor.counselorId, goalId: goal.id };
    const sources = { clientId: 'Goal.subject', counselorId: counselor.source, goalId: 'Goal.id', level: 'Goal.achievementStatus', outcome: 'Goal.achievementStatus' };
    const level = gasLevelOf(goal.achievementStatus, 'Goal.achievementStatus');
    const statusAt = () => instantOf(goal.statusDate, 'Goal.statusDate', context.timeZone);

    if (goal.lifecycleStatus === 'completed' || goal.lifecycleStatus === 'cancelled') {
      const outcome = goal.lifecycleStatus === 'cancelled' ? 'abandoned' : outcomeOf(goal, level);
      return {
        event: { type: 'goal.closed', ...common, occurredAt: statusAt(), outcome, ...(level === undefined ? {} : { level }) },
        sources: { ...sources, occurredAt: 'Goal.statusDate' },
        notes,
      };
    }
    if (level !== undefined) {
      return { event: { type: 'goal.reviewed', ...common, occurredAt: statusAt(), level }, sources: { ...sources, occurredAt: 'Goal.statusDate' }, notes };
    }
    const domain = goal.category?.map((c) => codeIn(c, codeSystems.goalDomain)).find((d) => d !== undefined);
    if (domain === undefined) notes.push(`Goal ${goal.id}: no category in ${codeSystems.goalDomain}; domain recorded as "other"`);
    else if (!(goalDomains as readonly string[]).includes(domain)) throw new Unmappable('Goal.category', `"${domain}" is not one of ${goalDomains.join(', ')}`);
    const priority = codeIn(goal.priority, GOAL_PRIORITY);
    const setAt = goal.startDate === undefined && goal.statusDate !== undefined ? 'Goal.statusDate' : 'Goal.startDate';
    return {
      event: {
        type: 'goal.set',
        ...common,
        occurredAt: instantOf(goal.startDate ?? goal.statusDate, setAt, context.timeZone),
        mode: modeOf(goal, context, notes),
        domain: (domain ?? 'other') as (typeof goalDomains)[number],
        weight: priority === undefined ? 1 : (weightByPriority[priority] ?? 1),
      },
      sources: { ...sources, occurredAt: setAt, mode: MODE_EXTENSION, domain: 'Goal.category', weight: 'Goal.priority' },
      notes,
    };
  },
});
