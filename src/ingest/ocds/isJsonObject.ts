/** A parsed JSON object: not null, not an array. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array), the only shape OCDS builds its records from. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
