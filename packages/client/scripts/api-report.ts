#!/usr/bin/env node
// The client's API report (review/client.api.md, api-extractor), with the declarations generated from
// the spec (`components`, `operations`, `paths`) reported by name only. Their detail is the spec's:
// `pnpm spec:diff` gates every spec edit (oasdiff grades what breaks users, and any change needs a
// client changeset), so an additive spec edit must not also need a second, hand-made edit here. Every
// hand-written declaration is reported in full, as api-extractor writes it.
//
//   node --import tsx scripts/api-report.ts           fails when the report differs from review/ (lint)
//   node --import tsx scripts/api-report.ts --local   rewrites review/client.api.md (api:update)
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { generatedDeclarationNames, reportedByName } from "./api-report-text.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const local = process.argv.includes("--local");

const config = ExtractorConfig.loadFileAndPrepare(resolve(packageDir, "api-extractor.json"));
// api-extractor writes the report it found to reportTempFolder; its own verdict on the report is not
// used (it compares the full text), so it runs as a "local" build only in that it never fails on it.
const result = Extractor.invoke(config, {
  localBuild: false,
  messageCallback: (message) => {
    if (message.messageId === "console-api-report-not-copied") message.handled = true;
  },
});
if (result.errorCount > 0) {
  console.error(`api-extractor reported ${result.errorCount} error(s)`);
  process.exit(1);
}

const names = generatedDeclarationNames(await readFile(resolve(packageDir, "src/generated/schema.ts"), "utf8"));
for (const { fileName } of config.reportConfigs) {
  const tempPath = join(config.reportTempFolder, fileName);
  const found = reportedByName(await readFile(tempPath, "utf8"), names);
  await writeFile(tempPath, found);
  const reviewPath = join(config.reportFolder, fileName);
  const reviewed = await readFile(reviewPath, "utf8").catch(() => undefined);
  if (found === reviewed) continue;
  if (local) {
    await writeFile(reviewPath, found);
    console.log(`updated ${reviewPath}`);
  } else {
    console.error(
      `The public API of @gong-flows/client differs from ${reviewPath}: run \`pnpm api:update\` and review the change ` +
        `(the report found is in ${tempPath}).`,
    );
    process.exitCode = 1;
  }
}
