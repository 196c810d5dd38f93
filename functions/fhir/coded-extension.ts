// Our documented extensions carry one code: as `valueCode`, or as a `valueCoding` in the named
// code system. A value outside the documented codes is refused, naming the extension.
import { extensionOf, type FhirExtension } from './elements.js';
import { Unmappable } from './mapping.js';

export function codedExtension<const C extends readonly string[]>(
  resourceType: string,
  resourceExtensions: FhirExtension[] | undefined,
  url: string,
  system: string,
  codes: C,
): C[number] | undefined {
  const found = extensionOf(resourceExtensions, url);
  if (!found) return undefined;
  const coding = found.valueCoding;
  const code = found.valueCode ?? (coding?.system === system ? coding.code : undefined);
  if (code === undefined || !codes.includes(code)) {
    throw new Unmappable(`${resourceType}.extension('${url}')`, `must hold one of ${codes.join(', ')} (valueCode, or valueCoding in ${system})`);
  }
  return code;
}
