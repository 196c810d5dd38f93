// An item's size as DynamoDB counts it against the 400 KB limit and in capacity units: each
// attribute's name plus its value — strings in UTF-8 bytes, binary in bytes, numbers about one byte
// per two digits plus one, booleans and nulls one byte, lists and maps 3 bytes plus 1 per element
// ("Item sizes and formats", Amazon DynamoDB Developer Guide).
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [name, value]) => n + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  return 3 + Object.entries(value as object).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k) + valueSize(v), 0);
}
