// Data minimisation (SPEC §7): whatever a mapping does not read never reaches the store. The
// response says so, element by element, so a clinic sees what it sent that we did not keep.
const ALWAYS_READ = new Set(['resourceType', 'id', 'meta']);

/** "dropped …" for every top-level element the mapping did not read, or undefined when none. */
export function droppedNote(resource: Record<string, unknown>, read: readonly string[], readExtensions: readonly string[]): string | undefined {
  const counts: string[] = [];
  let total = 0;
  for (const [element, value] of Object.entries(resource)) {
    if (ALWAYS_READ.has(element) || value === undefined) continue;
    let count: number;
    if (element === 'extension' && Array.isArray(value)) {
      count = value.filter((e: { url?: unknown }) => !readExtensions.includes(String(e?.url))).length;
    } else if (read.includes(element)) continue;
    else count = Array.isArray(value) ? value.length : 1;
    if (count === 0) continue;
    total += count;
    counts.push(`${element} ×${count}`);
  }
  if (total === 0) return undefined;
  return `${resource.resourceType}: ${total} value(s) not used by the platform were dropped and not stored (${counts.join(', ')}); SPEC §7 keeps no names, contact data, identifiers or free text`;
}
