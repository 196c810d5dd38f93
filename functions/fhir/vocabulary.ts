// The FHIR vocabulary the mappings read: our documented extensions and code systems, the LOINC
// codes of the HL7 Person-Centered Outcomes (PCO) IG, and the canonical questionnaire URLs.
// docs/fhir-mapping.md documents each of them; a change here is a change of the public contract.

/** Our own definitions live under this base; `…/StructureDefinition/goal-setting-mode` and so on. */
const FHIR_BASE = 'https://outcomes.example/fhir';
const extension = (name: string) => `${FHIR_BASE}/StructureDefinition/${name}`;
const codeSystem = (name: string) => `${FHIR_BASE}/CodeSystem/${name}`;

export const extensions = {
  goalSettingMode: extension('goal-setting-mode'),
  responsibleCounselor: extension('responsible-counselor'),
  enrolledAt: extension('enrolled-at'),
  primarySubstance: extension('primary-substance'),
  referralSource: extension('referral-source'),
  noShow: extension('no-show'),
  dischargeReason: extension('discharge-reason'),
} as const;

export const codeSystems = {
  primarySubstance: codeSystem('primary-substance'),
  referralSource: codeSystem('referral-source'),
  goalDomain: codeSystem('goal-domain'),
  goalSettingMode: codeSystem('goal-setting-mode'),
  sessionModality: codeSystem('session-modality'),
  /** Mirrors the SAMHSA TEDS-D discharge reasons (SPEC §2). */
  dischargeReason: codeSystem('discharge-reason'),
} as const;

export const LOINC = 'http://loinc.org';
/** FHIR R4 terminology: http://hl7.org/fhir/R4/valueset-goal-achievement.html */
export const GOAL_ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
/** FHIR R4 terminology: http://hl7.org/fhir/R4/valueset-goal-priority.html */
export const GOAL_PRIORITY = 'http://terminology.hl7.org/CodeSystem/goal-priority';
/** FHIR R4 Encounter.class binding (v3 ActCode): VR is a virtual encounter. */
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CPT = 'http://www.ama-assn.org/go/cpt';

/**
 * PCO IG extension on Goal describing the five GAS levels
 * (http://hl7.org/fhir/us/pco/StructureDefinition/pco-goal-attainment-scaling): its `level`
 * sub-extension is a Coding from LOINC answer list LL6900-6, its `progressText` is free text.
 */
export const PCO_GAS_EXTENSION = 'http://hl7.org/fhir/us/pco/StructureDefinition/pco-goal-attainment-scaling';

/** LOINC answer list LL6900-6 as the PCO IG binds it: answer code → GAS level (−2…+2). */
export const gasLevelByAnswer: Readonly<Record<string, number>> = {
  'LA34479-8': 2,
  'LA34480-6': 1,
  'LA34481-4': 0,
  'LA34483-0': -1,
  'LA34484-8': -2,
};

/**
 * GAS score Observation codes: 112296-9 (baseline) and the PCO IG value set
 * http://hl7.org/fhir/us/pco/ValueSet/goal-attainment-scaling-score (reported, and practitioner,
 * patient and caregiver follow-up scores).
 */
export const gasScoreCodes: ReadonlySet<string> = new Set(['112296-9', '107332-9', '107333-7', '107334-5', '107331-1']);

/** Canonical Questionnaire URLs a QuestionnaireResponse names to be read as an instrument (SPEC §4). */
export const questionnaireUrls = {
  'WAI-SR': `${FHIR_BASE}/Questionnaire/wai-sr`,
  SRS: `${FHIR_BASE}/Questionnaire/srs`,
  ORS: `${FHIR_BASE}/Questionnaire/ors`,
} as const;
