import { defineExperiment } from "../../experiment.js";
import { fixed, machineLine, spread, table } from "../../format.js";
import { type ColdImportArm, type ColdImportResult, measureColdImport } from "./measure.js";

/** Fresh processes per arm. */
const rounds = 20;
const arms: ColdImportArm[] = [
  { id: "baseline", label: "nothing (empty process)", specifier: undefined },
  { id: "openapi-fetch", label: "`openapi-fetch`", specifier: "openapi-fetch" },
  { id: "client", label: "`@gong-flows/client`", specifier: "@gong-flows/client" },
];
const ms = fixed(1);

export default defineExperiment<ColdImportResult>({
  id: "cold-import",
  key: "coldImport",
  title: "cold import: a fresh node per arm per round",
  run: ({ log }) => measureColdImport(arms, rounds, log),
  goalRows(c) {
    const client = c?.arms.find((arm) => arm.id === "client");
    const of = c?.arms.find((arm) => arm.id === "openapi-fetch");
    const measured =
      client && of
        ? `${ms(client.importMs.median)} ms vs ${ms(of.importMs.median)} ms for openapi-fetch`
        : "not measured";
    return [["Cold import", "none set: reported", measured, "—"]];
  },
  render(c) {
    if (!c) return "_Not measured yet: run `pnpm bench`._";
    const rows = c.arms.map((arm) => [
      arm.label,
      arm.id === "baseline" ? "—" : spread(arm.importMs, ms),
      spread(arm.processMs, ms),
      arm.id === "baseline" ? "—" : spread(arm.processAboveBaselineMs, ms),
    ]);
    return [
      `Measured on: ${machineLine(c.machine)}. ${c.rounds} interleaved rounds, one fresh \`node\` per arm per round; median (min–max).`,
      table(
        ["fresh process imports", "`import()` ms (inside)", "process ms (spawn to exit)", "ms above empty process"],
        rows,
      ),
    ].join("\n\n");
  },
});
