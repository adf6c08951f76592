import type { JobProgress } from "../run/run-job.js";
import type { CliIo } from "./cli-io.js";
import type { RunFlags } from "./client-options.js";
import { barProgress, lineProgress, noProgress, type ProgressView } from "./progress.js";

/**
 * The progress view for this run, kept fresh once a second even between responses (a 429 wait counts
 * down, CI logs get their line every few seconds while nothing else happens).
 */
export function progressView(
  flags: RunFlags,
  io: CliIo,
  err: (text: string) => void,
): ProgressView & { close(): void } {
  if (!flags.progress) return { ...noProgress, close() {} };
  const view = io.stderr.isTTY === true ? barProgress(io.stderr) : lineProgress(err);
  let last: JobProgress | undefined;
  const ticker = setInterval(() => {
    if (last !== undefined) view.update(last);
  }, 1_000);
  ticker.unref();
  return {
    update(progress) {
      last = progress;
      view.update(progress);
    },
    note: (line) => view.note(line),
    stop() {
      last = undefined;
      view.stop();
    },
    close() {
      clearInterval(ticker);
      last = undefined;
      view.stop();
    },
  };
}
