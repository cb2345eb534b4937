/** JSON for stdout: Decimals print as their exact strings (their toJSON), indented for people and jq alike. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
