import type { NegativeCase } from "../requests/negative-cases.js";

/**
 * Where Prism 5.14.2, the mock the suite runs against by default, does not keep the contract itself.
 * Each entry names the case and why; the suite still sends the request, and holds the answer to the
 * contract if Prism ever gives one (so a fixed Prism is checked in full without a change here).
 */
export interface PrismDefect {
  applies(negativeCase: NegativeCase): boolean;
  /**
   * What Prism does instead of refusing: `silent`, no answer at all (waited for `waitMs`); `accepts`,
   * a 2xx, which is then held to the spec like any answer.
   */
  kind: "silent" | "accepts";
  /** How long to wait for an answer that is known not to come. */
  waitMs: number;
  reason: string;
}

const prismDefects: readonly PrismDefect[] = [
  {
    applies: (c) => c.kind === "malformed-json",
    kind: "silent",
    waitMs: 2_000,
    reason:
      "Prism's HTTP server (@stoplight/prism-http-server 5.16, used by prism-cli 5.14.2) never answers a " +
      "request whose JSON body does not parse: after the parse error it waits for the request stream " +
      "to end, which it already has",
  },
  {
    applies: (c) => c.kind === "parameters" && c.required === false && Object.values(c.shape.query ?? {}).includes(""),
    kind: "accepts",
    waitMs: 0,
    reason:
      "Prism 5.14.2 reads an optional query parameter sent with an empty value (`workspaceId=`) as one " +
      "not sent, so it does not hold the value to the parameter's schema (an empty required one it refuses)",
  },
];

/** The known Prism defect that covers a negative case, if any. */
export function prismDefectFor(negativeCase: NegativeCase): PrismDefect | undefined {
  return prismDefects.find((defect) => defect.applies(negativeCase));
}
