import type { WriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { killProcessGroup, spawnInGroup } from "@gong-flows/testkit";

export interface Timed {
  seconds: number;
  output: string;
}

/** One developer-loop run: where it works, its log, and the failures it records beside its figures. */
export class LoopSession {
  /** A `pnpm test` that fails still took its time: the failure is recorded beside the figure. */
  readonly failures: string[] = [];

  constructor(
    readonly workDir: string,
    readonly cloneDir: string,
    readonly log: WriteStream,
    readonly say: (message: string) => void,
  ) {}

  run(command: string, args: string[], cwd = this.cloneDir): Promise<string> {
    return runLogged(command, args, cwd, this.log);
  }

  /** Times one command; a failure throws. */
  timed(label: string, command: string, args: string[], cwd = this.cloneDir): Promise<Timed> {
    return this.time(label, () => this.run(command, args, cwd));
  }

  /** Times `pnpm test`; a failure is recorded (which tasks failed) rather than thrown. */
  timedTest(label: string, extraArgs: readonly string[] = []): Promise<Timed> {
    return this.time(label, () => this.run("pnpm", ["test", ...extraArgs]).catch((error) => this.failed(label, error)));
  }

  /** CI's own entry point on a clone of its own (its turbo cache empty), as a pull request's run starts. */
  async timedCiRun(repoDir: string): Promise<number> {
    const ciDir = join(this.workDir, "ci-clone");
    await this.run("git", ["clone", "--quiet", repoDir, ciDir], this.workDir);
    const run = () =>
      this.run("bash", [".ci/run"], ciDir).catch((error) => this.failed("bash .ci/run", error, "see the log"));
    return (await this.time("bash .ci/run on a fresh clone", run)).seconds;
  }

  private failed(label: string, error: unknown, unnamed = "unknown task"): string {
    const output = String(error);
    this.failures.push(`${label}: failed (${/Failed:\s+(.+)/.exec(output)?.[1]?.trim() ?? unnamed})`);
    return output;
  }

  private async time(label: string, step: () => Promise<string>): Promise<Timed> {
    this.say(`${label}...`);
    const started = performance.now();
    const output = await step();
    const seconds = (performance.now() - started) / 1000;
    this.say(`${label}: ${seconds.toFixed(1)} s`);
    return { seconds, output };
  }
}

/** Replaces a description in the spec, or appends a comment if it is gone: either invalidates turbo's cache. */
export async function editSpec(specPath: string, find: string, replace: string): Promise<void> {
  const spec = await readFile(specPath, "utf8");
  await writeFile(specPath, spec.includes(find) ? spec.replace(find, replace) : `${spec}\n# edited by the benchmark\n`);
}

/** This run's own turbo and pnpm script variables removed, so that a nested `pnpm test` runs as in a fresh shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const inherited = /^(TURBO_|npm_lifecycle_|npm_package_|PNPM_SCRIPT_SRC_DIR$|INIT_CWD$)/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !inherited.test(key)));
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
}

/** Runs a command, appends its output to `log`, resolves with its output; rejects with the tail on failure. */
export function runLogged(command: string, args: string[], cwd: string, log: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    log.write(`\n$ ${command} ${args.join(" ")}  (in ${cwd})\n`);
    // Own process group: a timeout or an early exit ends turbo, vitest and any server the tests started.
    const child = spawnInGroup(command, args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      log.write(chunk);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    // A bound on each step: the slowest, the cold `pnpm test`, takes a few minutes on this class of machine.
    const timer = setTimeout(() => void killProcessGroup(child, 1_000), 20 * 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      // Whatever the command left behind in its group (a stray server) goes with it.
      void killProcessGroup(child, 0).finally(() => {
        if (code === 0) resolve(output);
        else
          reject(
            new Error(`${command} ${args.join(" ")} failed (code ${code}, signal ${signal}):\n${output.slice(-4000)}`),
          );
      });
    });
  });
}
