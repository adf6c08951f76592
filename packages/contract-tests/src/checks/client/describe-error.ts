import { describeValue } from "../../report/describe-value.js";

/** An error in a violation: its class and message, or the thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return describeValue(error);
}
