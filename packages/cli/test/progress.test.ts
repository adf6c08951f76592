import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { barProgress, lineProgress } from "../src/cli/progress.js";
import { commandLine, shellQuote } from "../src/cli/shell-quote.js";

describe("plain progress lines (no terminal)", () => {
  it("prints a line when a phase starts, then at most one per interval, and one when it is done", () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const view = lineProgress(
      (line) => lines.push(line),
      5_000,
      () => now,
    );
    view.update({ phase: "plan", done: 0, total: 300, calls: 0, holdUntil: undefined });
    now += 1_000;
    view.update({ phase: "plan", done: 100, total: 300, calls: 1, holdUntil: undefined });
    now += 5_000;
    view.update({ phase: "plan", done: 200, total: 300, calls: 2, holdUntil: now + 12_000 });
    now += 1_000;
    view.update({ phase: "plan", done: 300, total: 300, calls: 3, holdUntil: undefined });
    expect(lines).toEqual([
      "[gong-flows] listing: 0/300 prospects, 0 calls, 0.0/s",
      "[gong-flows] listing: 200/300 prospects, 2 calls, 0.3/s, ETA 3 s | 429: waiting 12 s",
      "[gong-flows] listing: 300/300 prospects, 3 calls, 0.4/s",
    ]);
  });

  it("says how long the job waits for requests Gong may still be working on before it lists them", () => {
    const now = 50_000;
    const lines: string[] = [];
    const view = lineProgress(
      (line) => lines.push(line),
      5_000,
      () => now,
    );
    view.update({ phase: "settle", done: 0, total: 150, calls: 3, holdUntil: undefined, waitingUntil: now + 25_000 });
    expect(lines).toEqual([
      "[gong-flows] settling: 0/150 prospects, 3 calls, 0.0/s | waiting 25 s for requests Gong may still be working on",
    ]);
  });

  it("closes one phase with its last state before the next begins", () => {
    let now = 0;
    const lines: string[] = [];
    const view = lineProgress(
      (line) => lines.push(line),
      5_000,
      () => now,
    );
    view.update({ phase: "plan", done: 0, total: 10, calls: 0, holdUntil: undefined });
    now += 100;
    view.update({ phase: "plan", done: 4, total: 10, calls: 1, holdUntil: undefined });
    view.update({ phase: "unassign", done: 0, total: 20, calls: 1, holdUntil: undefined });
    expect(lines.map((l) => l.replace(/, [\d.]+\/s.*/, ""))).toEqual([
      "[gong-flows] listing: 0/10 prospects, 0 calls",
      "[gong-flows] listing: 4/10 prospects, 1 calls",
      "[gong-flows] unassigning: 0/20 instances, 1 calls",
    ]);
  });
});

describe("the progress bar (a terminal)", () => {
  it("draws done/total, calls, rate and the 429 wait with cli-progress", () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 160,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let text = "";
    stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const now = Date.now();
    const view = barProgress(stream as unknown as NodeJS.WriteStream, () => now);
    view.update({ phase: "unassign", done: 400, total: 600, calls: 5, holdUntil: now + 30_000 });
    view.stop();
    expect(text).toMatch(
      /unassigning {1}\[[█░]+\] 400\/600 instances \| 5 calls, [\d.]+\/s \| ETA .* \| 429: waiting 30 s/,
    );
  });
});

describe("the resume command", () => {
  it("quotes what a shell would read otherwise", () => {
    expect(shellQuote("plain-arg_1.txt")).toBe("plain-arg_1.txt");
    expect(shellQuote("two words")).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("$(rm -rf /)")).toBe("'$(rm -rf /)'");
    expect(commandLine("gong-flows", ["unassign", "--prospects", "my leads.csv"], "/home/a b")).toBe(
      "cd '/home/a b' && gong-flows unassign --prospects 'my leads.csv'",
    );
  });
});
