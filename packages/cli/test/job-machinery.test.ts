import { GongBadRequestError, GongRateLimitError, GongServerError } from "@gong-flows/client";
import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../src/journal/records.js";
import { finishJob, jobExitCode } from "../src/run/finish-job.js";
import { createOutcomeRules, shouldSendAgain } from "../src/run/outcome-rules.js";
import type { Recorder } from "../src/run/recorder.js";
import type { InFlight, SendOutcome } from "../src/run/request-sender.js";
import { stopFor, type StopReason } from "../src/run/stop-reason.js";
import { createStopControl } from "../src/run/stop-control.js";

const failed = (error: unknown, applied: "no" | "maybe"): SendOutcome => ({
  status: "failed",
  error,
  applied,
  stop: stopFor(error),
});
const limits = { maxRetries: 2, maxRetryAfterMs: 60_000 };

describe("sending a request again", () => {
  it("only after a 429 Gong returned before acting, with a wait the client holds through, while tries remain", () => {
    const tooMany = (retryAfterMs?: number) => new GongRateLimitError({ status: 429, retryAfterMs });
    expect(shouldSendAgain(failed(tooMany(1_000), "no"), 1, limits)).toBe(true);
    expect(shouldSendAgain(failed(tooMany(), "no"), 2, limits)).toBe(true);
    expect(shouldSendAgain(failed(tooMany(1_000), "no"), 3, limits)).toBe(false);
    expect(shouldSendAgain(failed(tooMany(60_001), "no"), 1, limits)).toBe(false);
    expect(shouldSendAgain(failed(tooMany(1_000), "maybe"), 1, limits)).toBe(false);
    expect(shouldSendAgain(failed(new GongServerError({ status: 503 }), "no"), 1, limits)).toBe(false);
    expect(shouldSendAgain({ status: "responded" }, 1, limits)).toBe(false);
  });
});

describe("what an outcome means for the job", () => {
  const rules = () => {
    const stops: StopReason[] = [];
    const budgetStop: StopReason = { kind: "daily-budget", limit: 10, day: "2026-01-01" };
    return { stops, rules: createOutcomeRules({ stopWith: (r) => stops.push(r), budgetSpent: () => budgetStop }) };
  };
  const lost = () => failed(new GongServerError({ status: 503 }), "maybe");

  it("stops on the third write in a row whose response was lost, not before, and a response starts the count again", () => {
    const { stops, rules: r } = rules();
    r.settleOutcome(lost(), ["a"]);
    r.settleOutcome(lost(), ["b"]);
    r.settleOutcome({ status: "responded" }, ["c"]);
    r.settleOutcome(lost(), ["d"]);
    r.settleOutcome(lost(), ["e"]);
    expect(stops).toEqual([]);
    r.settleOutcome(lost(), ["f"]);
    expect(stops.map((s) => s.kind)).toEqual(["gong-unavailable"]);
  });

  it("stops at once when a listing (no ids of its own) fails that way", () => {
    const { stops, rules: r } = rules();
    r.settleOutcome(lost(), []);
    expect(stops.map((s) => s.kind)).toEqual(["gong-unavailable"]);
  });

  it("keeps ids Gong refused before acting out of this run, and stops for a spent budget", () => {
    const { stops, rules: r } = rules();
    r.settleOutcome(failed(new GongBadRequestError({ status: 400 }), "no"), ["x", "y"]);
    expect([...r.refusedThisRun]).toEqual(["x", "y"]);
    expect(stops).toEqual([]);
    r.settleOutcome({ status: "no-budget" }, []);
    expect(stops.map((s) => s.kind)).toEqual(["daily-budget"]);
  });
});

describe("the stop", () => {
  const requests = () => {
    const waiting: InFlight = { controller: new AbortController(), attempts: [] };
    const onTheWire: InFlight = {
      controller: new AbortController(),
      attempts: [{ status: undefined, mayHaveActed: true }],
    };
    return { waiting, onTheWire, inFlight: new Set([waiting, onTheWire]) };
  };

  it("on a signal holds back the requests that have not left and lets those on the wire finish; a second one abandons them", () => {
    const { waiting, onTheWire, inFlight } = requests();
    const signal = new AbortController();
    const force = new AbortController();
    const stop = createStopControl({ inFlight, signal: signal.signal, forceSignal: force.signal });
    signal.abort("SIGINT");
    expect(stop.reason).toEqual({ kind: "signal", signal: "SIGINT" });
    expect([stop.keepGoing(), stop.stopping.aborted]).toEqual([false, true]);
    expect([waiting.controller.signal.aborted, onTheWire.controller.signal.aborted]).toEqual([true, false]);
    force.abort("SIGINT");
    expect(onTheWire.controller.signal.aborted).toBe(true);
    stop.dispose();
  });

  it("for a spent budget holds back nothing already in flight, and keeps the first reason", () => {
    const { waiting, inFlight } = requests();
    const stop = createStopControl({ inFlight });
    stop.stopWith({ kind: "daily-budget", limit: 10, day: "2026-01-01" });
    expect(waiting.controller.signal.aborted).toBe(false);
    stop.stopWith({ kind: "declined" });
    expect(stop.reason?.kind).toBe("daily-budget");
  });
});

describe("the exit code", () => {
  const run = (stop: StopReason | undefined, wroteThisRun: boolean, dryRun: boolean, complete: boolean) => ({
    stop,
    wroteThisRun,
    dryRun,
    complete: () => complete,
  });
  const credentials: StopReason = { kind: "credentials", message: "401" };
  it.each([
    ["credentials refused before any write", 2, run(credentials, false, false, true)],
    ["credentials refused after a write", 3, run(credentials, true, false, true)],
    ["declined", 4, run({ kind: "declined" }, false, false, true)],
    ["a dry run", 0, run(undefined, false, true, false)],
    ["a run that left something undone", 1, run(undefined, true, false, false)],
    ["a run that did everything", 0, run(undefined, true, false, true)],
  ])("%s: exit %i", (_, code, given) => {
    expect(jobExitCode(given)).toBe(code);
  });
});

describe("finishing a run", () => {
  it("when the journal's end cannot be written: exit 3, the report says why, and the journal is closed", async () => {
    const written: JournalRecord[] = [];
    let closed = 0;
    const recorder: Recorder = {
      write: async (record) => {
        if (record.type === "end") throw new Error("ENOSPC: no space left on device");
        written.push(record);
      },
      writeNow: () => {},
    };
    const journal = { path: "unused", append: async () => {}, appendNow: () => {}, close: async () => void closed++ };
    const finished = await finishJob({
      exitCode: 0,
      stop: undefined,
      leaveNothing: false,
      journal,
      recorder,
      now: () => 0,
      redact: (text) => text,
      reportOf: (exitCode, stoppedBecause) => ({ exitCode, stoppedBecause }),
      writeReport: async () => ["report.json"],
    });
    expect(finished.exitCode).toBe(3);
    expect(finished.report).toEqual({ exitCode: 3, stoppedBecause: finished.stoppedBecause });
    expect(finished.stoppedBecause).toMatch(/could not be written \(ENOSPC.*run the same command again/);
    expect(closed).toBe(1);
  });
});
