import cliProgress from "cli-progress";
import type { JobPhase, JobProgress } from "../run/run-job.js";
import { formatDuration } from "@gong-flows/client";

/** Shows a job's progress; {@link ProgressView.stop} clears it before the summary is printed. */
export interface ProgressView {
  update(progress: JobProgress): void;
  /** Prints a line above the progress (a warning, a stop notice). */
  note(line: string): void;
  stop(): void;
}

const phaseLabels: Record<JobPhase, { label: string; unit: string }> = {
  plan: { label: "listing", unit: "prospects" },
  settle: { label: "settling", unit: "prospects" },
  unassign: { label: "unassigning", unit: "instances" },
  assign: { label: "assigning", unit: "prospects" },
  verify: { label: "verifying", unit: "prospects" },
};

/**
 * Progress on a terminal: a live bar (cli-progress) with the phase, done / total, calls, call rate,
 * ETA and any 429 wait, redrawn in place on stderr.
 */
export function barProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressView {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{phase} [{bar}] {value}/{total} {unit} | {calls} calls, {rate}/s | ETA {eta_formatted}{wait}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = now();
  let phase: JobPhase | undefined;
  let last: JobProgress | undefined;
  const payload = (progress: JobProgress) => ({
    phase: phaseLabels[progress.phase].label.padEnd(11),
    unit: phaseLabels[progress.phase].unit,
    calls: progress.calls,
    rate: callRate(progress.calls, now() - started),
    wait: waitText(progress, now()),
  });
  return {
    update(progress) {
      last = progress;
      if (progress.phase !== phase) {
        if (phase !== undefined) bar.stop();
        phase = progress.phase;
        bar.start(Math.max(progress.total, 1), progress.done, payload(progress));
        return;
      }
      bar.setTotal(Math.max(progress.total, 1));
      bar.update(progress.done, payload(progress));
    },
    note(line) {
      // Keep the bar below the line: clear it, print, draw it again.
      if (phase !== undefined && last !== undefined) {
        bar.stop();
        stream.write(`${line}\n`);
        bar.start(Math.max(last.total, 1), last.done, payload(last));
      } else stream.write(`${line}\n`);
    },
    stop() {
      if (phase !== undefined) bar.stop();
      phase = undefined;
    },
  };
}

/**
 * Progress without a terminal (CI logs, a pipe): one plain line when a phase starts, then one every
 * `intervalMs` while it runs, and one when it ends — never a redraw.
 */
export function lineProgress(
  write: (line: string) => void,
  intervalMs = 5_000,
  now: () => number = Date.now,
): ProgressView {
  const started = now();
  let phase: JobPhase | undefined;
  let phaseStarted = started;
  let lastLine = 0;
  let last: JobProgress | undefined;
  const line = (progress: JobProgress) => {
    const { label, unit } = phaseLabels[progress.phase];
    const elapsed = now() - phaseStarted;
    const eta =
      progress.done > 0 && progress.done < progress.total
        ? `, ETA ${formatDuration((elapsed / progress.done) * (progress.total - progress.done))}`
        : "";
    write(
      `[gong-flows] ${label}: ${progress.done}/${progress.total} ${unit}, ${progress.calls} calls, ${callRate(progress.calls, now() - started)}/s${eta}${waitText(progress, now())}`,
    );
    lastLine = now();
  };
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (last !== undefined) line(last);
        phase = progress.phase;
        phaseStarted = now();
        last = progress;
        line(progress);
        return;
      }
      last = progress;
      if (now() - lastLine >= intervalMs || progress.done === progress.total) line(progress);
    },
    note(text) {
      write(text);
    },
    stop() {
      phase = undefined;
    },
  };
}

/** A view that shows nothing (`--no-progress`). */
export const noProgress: ProgressView = { update() {}, note() {}, stop() {} };

function callRate(calls: number, elapsedMs: number): string {
  return elapsedMs <= 0 ? "0.0" : (calls / (elapsedMs / 1000)).toFixed(1);
}

function waitText({ holdUntil, waitingUntil }: JobProgress, now: number): string {
  const hold = holdUntil !== undefined && holdUntil > now ? ` | 429: waiting ${formatDuration(holdUntil - now)}` : "";
  const settle =
    waitingUntil !== undefined && waitingUntil > now
      ? ` | waiting ${formatDuration(waitingUntil - now)} for requests Gong may still be working on`
      : "";
  return hold + settle;
}
