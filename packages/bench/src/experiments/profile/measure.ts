import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { scratchDir } from "@gong-flows/testkit";
import { distEntry } from "../../lib/paths.js";
import type { HotPathCost } from "./hot-path-costs.js";
import { interleavedRounds } from "../../lib/stats.js";

const run = promisify(execFile);
const target = distEntry("experiments/profile/target.js");

/** Self time of one function (or one group of code), per call of the profiled loop. */
export interface ProfileEntry {
  /** `name (file:line)`, or a group's name. */
  name: string;
  /** Microseconds of CPU per call spent in this function itself. */
  selfMicrosPerCall: number;
  /** Share of all sampled time. */
  share: number;
}

/** The profile of one arm. */
export interface ArmProfile {
  id: string;
  /** Calls profiled, over all rounds. */
  calls: number;
  /** Sampled CPU time per call, idle excluded. */
  busyMicrosPerCall: number;
  /** Self time grouped by where the code lives: the client's dist, openapi-fetch, undici, node internals, GC... */
  byGroup: ProfileEntry[];
  /** The functions with the most self time, by name. */
  topFunctions: ProfileEntry[];
  /** Self time of every function, by name (for comparing arms; not kept in latest.json). */
  allFunctions?: ProfileEntry[] | undefined;
}

/** Result of {@link profileArms}, with the costs of the transport's building blocks. */
export interface ProfileResult {
  arms: ArmProfile[];
  /** Fresh processes profiled per arm. */
  processesPerArm?: number | undefined;
  /** Self time per call that the client spends beyond plain openapi-fetch, by function (largest first). */
  extraOverOpenapiFetch: ProfileEntry[];
  hotPath?: HotPathCost[] | undefined;
}

/** The parts of a V8 `.cpuprofile` this module reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Profiles each arm in fresh `node --cpu-prof` processes making `calls` sequential list calls to the stub
 * at `baseUrl`, `rounds` times with the arms interleaved (a busy patch of the machine then lands on
 * every arm alike), and sums self time per function and per code group over the rounds. Sampling
 * profiles say where time goes; the interleaved benchmark says how much.
 */
export async function profileArms(
  armIds: readonly string[],
  baseUrl: string,
  calls: number,
  rounds = 3,
): Promise<Omit<ProfileResult, "hotPath">> {
  const profiles = await interleavedRounds(armIds, rounds, (id) => profileOnce(id, baseUrl, calls));
  const arms = armIds.map((id) => summarizeProfiles(id, profiles.get(id)!, calls));
  const reference = arms.find((arm) => arm.id === "openapi-fetch");
  const client = arms.find((arm) => arm.id === "client");
  const extraOverOpenapiFetch = reference && client ? extraSelfTime(client, reference) : [];
  for (const arm of arms) delete arm.allFunctions;
  return { arms, processesPerArm: rounds, extraOverOpenapiFetch };
}

async function profileOnce(id: string, baseUrl: string, calls: number): Promise<CpuProfile> {
  const scratch = await scratchDir("gong-flows-profile-");
  const dir = scratch.path;
  try {
    await run(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", target, id, baseUrl, String(calls)],
      {
        timeout: 120_000,
      },
    );
    const file = (await readdir(dir)).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no profile written for ${id}`);
    return JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile;
  } finally {
    await scratch.remove();
  }
}

/** Per function, `arm`'s self time per call minus `reference`'s, largest increase first. */
export function extraSelfTime(arm: ArmProfile, reference: ArmProfile): ProfileEntry[] {
  const before = new Map((reference.allFunctions ?? []).map((entry) => [entry.name, entry.selfMicrosPerCall]));
  const extraBusy = arm.busyMicrosPerCall - reference.busyMicrosPerCall;
  return (arm.allFunctions ?? [])
    .map((entry) => {
      const extra = entry.selfMicrosPerCall - (before.get(entry.name) ?? 0);
      return { name: entry.name, selfMicrosPerCall: extra, share: extraBusy > 0 ? extra / extraBusy : 0 };
    })
    .filter((entry) => entry.selfMicrosPerCall > 0)
    .sort((a, b) => b.selfMicrosPerCall - a.selfMicrosPerCall)
    .slice(0, 15);
}

/**
 * Sums the sample time of V8 CPU profiles (each of `callsEach` calls) by function and by code group, per
 * call. Exported for its test.
 */
export function summarizeProfiles(id: string, profiles: readonly CpuProfile[], callsEach: number): ArmProfile {
  const byFunction = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let busy = 0;
  const calls = callsEach * profiles.length;
  for (const profile of profiles) {
    const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((nodeId, index) => {
      const micros = profile.timeDeltas[index] ?? 0;
      const frame = byNode.get(nodeId);
      if (!frame || frame.functionName === "(idle)") return;
      busy += micros;
      const name = `${frame.functionName || "(anonymous)"} (${shortUrl(frame.url)}:${frame.lineNumber + 1})`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
      const group = codeGroup(frame.functionName, frame.url);
      byGroup.set(group, (byGroup.get(group) ?? 0) + micros);
    });
  }
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .map(([name, micros]) => ({ name, selfMicrosPerCall: micros / calls, share: busy > 0 ? micros / busy : 0 }))
      .sort((a, b) => b.selfMicrosPerCall - a.selfMicrosPerCall);
  const allFunctions = entries(byFunction);
  return {
    id,
    calls,
    busyMicrosPerCall: busy / calls,
    byGroup: entries(byGroup),
    topFunctions: allFunctions.slice(0, 15),
    allFunctions,
  };
}

/** Which code a frame belongs to, for the per-group table. */
function codeGroup(functionName: string, url: string): string {
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(program)") return "V8 / native (program)";
  if (url.includes("/packages/client/dist/") || url.includes("/@gong-flows/client/")) return "@gong-flows/client";
  if (url.includes("/openapi-fetch/")) return "openapi-fetch";
  if (url.includes("/packages/bench/")) return "benchmark harness";
  if (url.startsWith("node:internal/deps/undici") || url.includes("undici")) return "undici (Node's fetch)";
  if (url.startsWith("node:")) return "Node internals";
  if (url === "") return "native / builtins";
  return "other";
}

function shortUrl(url: string): string {
  const nodeModules = url.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return url.slice(nodeModules + "node_modules/".length);
  const packages = url.indexOf("/packages/");
  if (packages >= 0) return url.slice(packages + 1);
  return url || "native";
}
