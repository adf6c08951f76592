// Starts Prism once for the whole run (when the target is Prism) and stops it, with every process it
// started, when the run ends: failed tests included, since vitest always runs this teardown.
import { startPrism } from "@gong-flows/testkit";
import type { TestProject } from "vitest/node";
import { resolveSettings } from "../../src/run/settings.js";
import { shippedSpecPath } from "../../src/spec/document.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock of this run, or null when the target is not Prism. */
    prismUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const settings = resolveSettings({}, process.env);
  if (settings.target !== "prism") {
    project.provide("prismUrl", null);
    return undefined;
  }
  const prism = await startPrism({ specPath: settings.specPath ?? shippedSpecPath });
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
