// The GAS level (−2…+2) of a CodeableConcept coded with a LOINC answer of list LL6900-6, as the
// HL7 PCO IG binds GAS scores (http://hl7.org/fhir/us/pco/ValueSet/goal-attainment-scaling-score).
import { codeIn, type FhirCodeableConcept } from './elements.js';
import { Unmappable } from './mapping.js';
import { LOINC, gasLevelByAnswer } from './vocabulary.js';

export function gasLevelOf(concept: FhirCodeableConcept | undefined, expression: string): number | undefined {
  const code = codeIn(concept, LOINC);
  if (code === undefined) return undefined;
  const level = gasLevelByAnswer[code];
  if (level === undefined) {
    throw new Unmappable(expression, `LOINC "${code}" is not a GAS answer; use one of ${Object.keys(gasLevelByAnswer).join(', ')}`);
  }
  return level;
}
