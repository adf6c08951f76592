/** Longest rendering of a value in a report; longer ones are cut, so that a report stays readable. */
const maxLength = 160;

/**
 * Renders a value for the `actual` or `expected` side of a violation: JSON, cut to a readable
 * length, and `absent` for a missing value.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "absent";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length} characters)` : text;
}
