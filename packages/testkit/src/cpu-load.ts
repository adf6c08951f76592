import { availableParallelism } from "node:os";
import { killProcessGroup, spawnInGroup } from "./process-group.js";

/** CPU-bound processes started by {@link startCpuBurners}. */
export interface CpuBurners {
  /** How many run. */
  readonly count: number;
  /** Their process groups (the ids of the groups' leaders). */
  readonly groups: readonly number[];
  /** Stops every one of them (their whole process groups); safe to call more than once. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Keeps every core of the machine busy: one Node process per core spinning in a loop, at normal
 * priority, each in a process group of its own (see spawnInGroup: none outlives the caller), so that
 * a timing test sees what a user's busy machine does to it. Stop them in a `finally` or teardown hook.
 */
export function startCpuBurners(count = availableParallelism()): CpuBurners {
  const burners = Array.from({ length: count }, () =>
    spawnInGroup(process.execPath, ["-e", "for (;;) {}"], { stdio: ["ignore", "ignore", "ignore"] }),
  );
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= Promise.all(burners.map((burner) => killProcessGroup(burner, 500))).then(() => undefined));
  return { count, groups: burners.map((burner) => burner.pid as number), stop, [Symbol.asyncDispose]: stop };
}

/**
 * Raises the scheduling priority of a process group (nice −20) when this process may (root), so that a
 * server standing in for Gong — which runs on machines of its own — stamps arrivals when they happen
 * rather than when a busy machine gets round to it. Elsewhere it does nothing and says so: false.
 */
export async function raiseGroupPriority(pgid: number): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const { readdirSync, readFileSync } = await import("node:fs");
  const { setPriority } = await import("node:os");
  let raised = false;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/PID/stat is the process group (after the command, which may contain spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      setPriority(Number(entry), -20);
      raised = true;
    } catch {
      // The process has gone meanwhile.
    }
  }
  return raised;
}
