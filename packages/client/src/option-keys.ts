import { GongConfigurationError } from "./errors.js";

/**
 * Refuses an options object with a key the client does not know (`maxRetry`, `timeout`, `ratelimit`),
 * naming it and the closest known key: a misspelt option would otherwise be ignored in silence and
 * its default used, which is how a 20,000-id job ends up with 30-second timeouts nobody asked for.
 */
export function checkKeys(options: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const name = where ? `${where}.${key}` : key;
    const closest = closestKey(key, known);
    throw new GongConfigurationError(
      `Unknown option ${JSON.stringify(name)}${closest ? `; did you mean ${JSON.stringify(where ? `${where}.${closest}` : closest)}?` : ""} ` +
        `(known: ${known.join(", ")})`,
    );
  }
}

/**
 * The known name nearest to `key` (case-insensitive edit distance), if it is near enough to be meant:
 * the "did you mean" of a misspelt option, flag value or status.
 *
 * @example
 * ```ts
 * closestKey("Runing", ["Running", "Pending", "Paused"]); // "Running"
 * closestKey("Finished", ["Running", "Pending", "Paused"]); // undefined
 * ```
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // `timeout` → `timeoutMs` is 2 edits, `maxRetry` → `maxRetries` 3; "near enough" grows with the word.
  return bestDistance <= Math.max(2, Math.ceil(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
