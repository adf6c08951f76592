import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPrism, type PrismServer } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBrowserSmoke } from "../../src/browser-smoke.js";
import { childEnv } from "../../src/child-env.js";
import { createConsumerProject, type ConsumerProject } from "../../src/consumer-project.js";
import { packClient } from "../../src/packed-client.js";
import { installRuntime, runtimeCacheDir } from "../../src/runtime-cache.js";
import { runtimeVersion } from "../../src/runtime-version.js";
import { chromiumPath, serverRuntimes, type ServerRuntime } from "../../src/runtimes.js";
import { assertSucceeded, runProcess } from "../../src/run-process.js";

/** What the smoke test reports when everything held (see fixtures/smoke.mjs). */
const expectedSummary = {
  listedFlows: 1,
  requestSizes: [200, 200, 50],
  unassigned: 1,
  notUnassigned: 449,
  authError: { name: "GongAuthenticationError", status: 401 },
};

let packDir: string;
let project: ConsumerProject;
let prism: PrismServer;
/** Installs started at once, awaited by each runtime's test, so that downloads overlap. */
const installs = new Map<string, Promise<string>>();
/** The rows of the table printed at the end: what ran, in which version, from where. */
const tested: { runtime: string; version: string; from: string }[] = [];

beforeAll(async () => {
  for (const runtime of serverRuntimes) {
    if (!runtime.package) continue;
    const install = installRuntime(runtime.package);
    install.catch(() => {}); // reported by the runtime's own test
    installs.set(runtime.label, install);
  }
  packDir = await mkdtemp(join(tmpdir(), "gong-flows-pack-"));
  const [server, tarball] = await Promise.all([startPrism(), packClient(packDir)]);
  prism = server;
  project = await createConsumerProject(tarball);
});

afterAll(async () => {
  await Promise.all([prism?.stop(), project?.remove(), packDir && rm(packDir, { recursive: true, force: true })]);
  await Promise.allSettled(installs.values());
  if (tested.length > 0) {
    console.log(
      ["", "| runtime | version | from |", "|---|---|---|", ...tested.map((row) => `| ${row.runtime} | ${row.version} | ${row.from} |`)].join("\n"),
    );
  }
});

async function binaryOf(runtime: ServerRuntime): Promise<string> {
  return runtime.package ? await installs.get(runtime.label)! : process.execPath;
}

describe("the packed client's smoke test (list, unassign 450 ids in batches, a typed 401)", () => {
  it.each(serverRuntimes)("passes under $label", async (runtime) => {
    const binary = await binaryOf(runtime);
    const env = { ...runtime.env?.(runtimeCacheDir), DO_NOT_TRACK: "1" };
    const version = await runtimeVersion(binary, env);
    // The table must say what ran: the pinned package's version, or Node 20 for the host.
    expect(version).toContain(runtime.package?.version ?? "v20.");
    const outcome = assertSucceeded(
      `the smoke test under ${runtime.label}`,
      await runProcess(binary, runtime.runArgs("smoke-cli.mjs", [prism.url], project.dir), {
        cwd: project.dir,
        env: childEnv(env),
        timeoutMs: 120_000,
      }),
    );
    expect(JSON.parse(outcome.stdout.trim().split("\n").at(-1) ?? "")).toEqual(expectedSummary);
    tested.push({
      runtime: runtime.label,
      version,
      from: runtime.package ? `npm \`${runtime.package.name}@${runtime.package.version}\`` : "the Node.js running the tests",
    });
  });

  it("passes in headless Chromium", async () => {
    expect(await runBrowserSmoke(project.dir, prism.url)).toEqual(expectedSummary);
    const version = (await runtimeVersion(chromiumPath)).replace(/ built on .*/, "");
    const { stdout } = await runProcess("dpkg-query", ["-W", "-f=${Version}", "chromium"], { cwd: process.cwd(), env: childEnv() });
    tested.push({ runtime: "Chromium (headless)", version, from: `Debian \`chromium\` ${stdout.trim()}, playwright-core` });
  });
});
