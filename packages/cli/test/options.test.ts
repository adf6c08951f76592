import { describe, expect, it } from "vitest";
import { UsageError } from "../src/cli/exit-codes.js";
import { parseDailyBudget, parseRedisWaitMs, parseTimeoutMs } from "../src/cli/options.js";

describe.each([
  ["--daily-budget", parseDailyBudget, "calls"],
  ["--timeout-ms", parseTimeoutMs, "milliseconds"],
  ["--redis-wait-ms", parseRedisWaitMs, "milliseconds"],
] as const)("%s", (flag, parse, unit) => {
  it("takes a whole number, 1 or more", () => {
    expect(parse("1")).toBe(1);
    expect(parse(" 9000 ")).toBe(9000);
  });

  it.each(["0", "-5", "1.5", "1e3", "abc", "", "99999999999999999999"])("refuses %j, naming the flag", (value) => {
    const parsing = () => parse(value);
    expect(parsing).toThrow(UsageError);
    expect(parsing).toThrow(`${flag} must be a whole number of ${unit}, 1 or more (got ${JSON.stringify(value)})`);
  });
});
