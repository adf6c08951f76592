import { defineExperiment } from "../../experiment.js";
import { fixed, goalRow, measuredOn, spread, table } from "../../format.js";
import { type ColdImportResult, measureColdImport } from "./measure.js";

/** Fresh processes per arm. */
const rounds = 20;
const arms = [
  { id: "baseline", label: "nothing (empty process)", specifier: undefined },
  { id: "openapi-fetch", label: "`openapi-fetch`", specifier: "openapi-fetch" },
  { id: "client", label: "`@gong-flows/client`", specifier: "@gong-flows/client" },
];
const ms = fixed(1);

export default defineExperiment<ColdImportResult>({
  id: "cold-import",
  key: "coldImport",
  title: "cold import: a fresh node per arm per round",
  run: (log) => measureColdImport(arms, rounds, log),
  goalRows(c) {
    const [client, of] = ["client", "openapi-fetch"].map((id) => c?.arms.find((arm) => arm.id === id)?.importMs);
    const measured = client && of ? `${ms(client.median)} ms vs ${ms(of.median)} ms for openapi-fetch` : undefined;
    return [goalRow("Cold import", "none set: reported", measured)];
  },
  render(c) {
    const rows = c.arms.map((arm) => [
      arm.label,
      arm.id === "baseline" ? "—" : spread(arm.importMs, ms),
      spread(arm.processMs, ms),
      arm.id === "baseline" ? "—" : spread(arm.processAboveBaselineMs, ms),
    ]);
    const header = ["fresh process imports", "`import()` ms (inside)", "process ms (spawn to exit)"];
    return [
      measuredOn(c.machine, `${c.rounds} interleaved rounds, one fresh \`node\` per arm per round; median (min–max).`),
      table([...header, "ms above empty process"], rows),
    ].join("\n\n");
  },
});
