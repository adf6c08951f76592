import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBrowserSmoke } from "../../src/browser-smoke.js";
import { childEnv } from "../../src/child-env.js";
import {
  expectedSmokeSummary,
  lastJsonLine,
  setUpPackedConsumer,
  type PackedConsumer,
} from "../../src/packed-consumer.js";
import { installRuntime, runtimeCacheDir } from "../../src/runtime-cache.js";
import { runtimeVersion } from "../../src/runtime-version.js";
import { chromiumPath, serverRuntimes, type ServerRuntime } from "../../src/runtimes.js";
import { assertSucceeded, runProcess } from "../../src/run-process.js";

let consumer: PackedConsumer;
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
  consumer = await setUpPackedConsumer();
});

afterAll(async () => {
  await consumer?.close();
  await Promise.allSettled(installs.values());
  if (tested.length > 0) {
    console.log(
      [
        "",
        "| runtime | version | from |",
        "|---|---|---|",
        ...tested.map((row) => `| ${row.runtime} | ${row.version} | ${row.from} |`),
      ].join("\n"),
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
      await runProcess(binary, runtime.runArgs("smoke-cli.mjs", [consumer.prism.url], consumer.project.dir), {
        cwd: consumer.project.dir,
        env: childEnv(env),
        timeoutMs: 120_000,
      }),
    );
    expect(lastJsonLine(outcome.stdout)).toEqual(expectedSmokeSummary);
    tested.push({
      runtime: runtime.label,
      version,
      from: runtime.package
        ? `npm \`${runtime.package.name}@${runtime.package.version}\``
        : "the Node.js running the tests",
    });
  });

  it("passes in headless Chromium", async () => {
    expect(await runBrowserSmoke(consumer.project.dir, consumer.prism.url)).toEqual(expectedSmokeSummary);
    const version = (await runtimeVersion(chromiumPath)).replace(/ built on .*/, "");
    // dpkg-query's own placeholder syntax, not a template literal.
    const dpkgVersionFormat = "-f=" + "$" + "{Version}";
    const { stdout } = await runProcess("dpkg-query", ["-W", dpkgVersionFormat, "chromium"], {
      cwd: process.cwd(),
      env: childEnv(),
    });
    tested.push({
      runtime: "Chromium (headless)",
      version,
      from: `Debian \`chromium\` ${stdout.trim()}, playwright-core`,
    });
  });
});
