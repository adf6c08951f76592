import { defineExperiment } from "../../experiment.js";
import { int, machineLine, micros, spread, table } from "../../format.js";
import { startStub } from "../../lib/processes.js";
import { measureHotPathCosts } from "./hot-path-costs.js";
import { type ProfileResult, profileArms } from "./measure.js";

/** Calls per profiled process (3 interleaved processes per arm). */
const profileCalls = 2_000;

export default defineExperiment<ProfileResult>({
  id: "profile",
  key: "profile",
  flag: "--profile",
  title: "profiling the list call under node --cpu-prof (fresh processes, arms interleaved)",
  async run({ log }) {
    const server = await startStub();
    try {
      const profiles = await profileArms(["openapi-fetch", "client", "client-raw"], server.url, profileCalls);
      log("timing the transport's building blocks one by one");
      return { ...profiles, hotPath: await measureHotPathCosts() };
    } finally {
      await server.stop();
    }
  },
  render(p) {
    if (!p) return "_No profile yet: run `pnpm bench --profile`._";
    const parts = [
      `Profiled on: ${machineLine(p.machine)}. V8's sampling profiler (\`node --cpu-prof\`, 100 µs interval), ${int(p.arms[0]?.calls ?? 0)} sequential list calls per arm over ${p.processesPerArm ?? 1} fresh processes, arms interleaved; self time per call. Sampled time includes moments the process was descheduled on a busy machine, so absolute figures run high; compare columns, not machines.`,
    ];
    const groupNames = [...new Set(p.arms.flatMap((arm) => arm.byGroup.map((g) => g.name)))];
    const groupRows = groupNames.map((name) => [
      name,
      ...p.arms.map((arm) => {
        const entry = arm.byGroup.find((g) => g.name === name);
        return entry ? micros(entry.selfMicrosPerCall) : "0";
      }),
    ]);
    groupRows.push(["**busy CPU per call**", ...p.arms.map((arm) => `**${micros(arm.busyMicrosPerCall)}**`)]);
    parts.push(table(["code (self µs per call)", ...p.arms.map((arm) => `\`${arm.id}\``)], groupRows));
    if (p.extraOverOpenapiFetch.length > 0) {
      const rows = p.extraOverOpenapiFetch.slice(0, 12).map((f) => [`\`${f.name}\``, micros(f.selfMicrosPerCall)]);
      parts.push("Functions where `client` spends more self time per call than `openapi-fetch` (largest first):");
      parts.push(table(["function", "extra self µs per call"], rows));
    }
    if (p.hotPath) {
      const rows = p.hotPath.map((op) => [op.label, spread(op.microsPerOp, micros)]);
      parts.push(
        "Building blocks of a `fetch`-based call, timed alone (no network; interleaved rounds, median (min–max)):",
      );
      parts.push(table(["operation", "µs per op"], rows));
    }
    return parts.join("\n\n");
  },
});
