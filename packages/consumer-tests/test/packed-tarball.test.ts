import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { tarballFiles } from "../src/packed-client.js";
import {
  expectedSmokeSummary,
  lastJsonLine,
  setUpPackedConsumer,
  type PackedConsumer,
} from "../src/packed-consumer.js";
import { assertSucceeded, runProcess, type ProcessOutcome } from "../src/run-process.js";
import { serveStatic } from "../src/static-server.js";
import { compileTypeScript } from "../src/typescript-compiler.js";

let consumer: PackedConsumer;

beforeAll(async () => {
  // Packed once for the run (test/support/global-setup.ts).
  consumer = await setUpPackedConsumer(inject("tarballs").client);
});

afterAll(async () => {
  await consumer?.close();
});

/** Runs a file of the consumer project with this Node, the mock's URL as its argument, and parses its JSON line. */
async function runConsumer(file: string): Promise<Record<string, unknown>> {
  const outcome = assertSucceeded(
    file,
    await runProcess(process.execPath, [file, consumer.prism.url], {
      cwd: consumer.project.dir,
      env: childEnv(),
      timeoutMs: 60_000,
    }),
  );
  return lastJsonLine(outcome.stdout) as Record<string, unknown>;
}

describe("the packed @gong-flows/client tarball", () => {
  it("holds only what users need: the builds, their types and maps, the spec, the licence, the README and the manifest", async () => {
    expect(await tarballFiles(consumer.tarball)).toEqual([
      "LICENSE",
      "README.md",
      "dist/index.cjs",
      "dist/index.cjs.map",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/index.js.map",
      "openapi.yaml",
      "package.json",
    ]);
  });

  it("is installed with npm into a project outside the workspace, with openapi-fetch as its only dependency", async () => {
    expect(consumer.project.dir.startsWith(tmpdir())).toBe(true);
    const { stdout } = assertSucceeded(
      "npm ls",
      await runProcess("npm", ["ls", "--all", "--json"], { cwd: consumer.project.dir, env: childEnv() }),
    );
    const tree = JSON.parse(stdout) as {
      dependencies: Record<string, { version: string; dependencies?: Record<string, unknown> }>;
    };
    expect(Object.keys(tree.dependencies)).toEqual(["@gong-flows/client"]);
    expect(Object.keys(tree.dependencies["@gong-flows/client"]?.dependencies ?? {})).toEqual(["openapi-fetch"]);
  });
});

describe("a JavaScript consumer of the tarball", () => {
  it("imports it as ESM (dist/index.js) and gets an answer from the mock", async () => {
    const result = await runConsumer("esm-consumer.mjs");
    expect(result["resolved"]).toMatch(/\/node_modules\/@gong-flows\/client\/dist\/index\.js$/);
    expect(result["errorsExtendGongError"]).toBe(true);
    expect(result["flowIds"]).toEqual(["1695493301223590792"]);
    expect(result["requestIds"]).toEqual(["4al018gzaztcr8nbukw"]);
  });

  it("requires it as CommonJS (dist/index.cjs) and gets an answer from the mock", async () => {
    const result = await runConsumer("cjs-consumer.cjs");
    expect(result["resolved"]).toMatch(/\/node_modules\/@gong-flows\/client\/dist\/index\.cjs$/);
    expect(result["errorsExtendGongError"]).toBe(true);
    expect(result["flowIds"]).toEqual(["1695493301223590792"]);
  });
});

describe("a TypeScript consumer of the tarball", () => {
  // One compile per resolution (seconds each) checks both the consumer and the wrong body beside it; the
  // nodenext one also emits the code that a later test runs.
  const compiles = new Map<string, Promise<ProcessOutcome>>();
  const compile = (resolution: string) => {
    if (!compiles.has(resolution))
      compiles.set(resolution, compileTypeScript(consumer.project.dir, `tsconfig.${resolution}.json`));
    return compiles.get(resolution)!;
  };

  it.each(["nodenext", "bundler"])(
    "compiles under moduleResolution %s with skipLibCheck off, and refuses exactly the wrong request body",
    async (resolution) => {
      const outcome = await compile(resolution);
      expect(outcome.stderr).toBe("");
      // Every line is one of the wrong body's two errors: the consumer's own files compile cleanly.
      expect(outcome.stdout.trimEnd().split("\n")).toEqual([
        expect.stringMatching(
          /^ts\/wrong-body\.mts\(7,32\): error TS2561: .*'crmProspectIds' does not exist.*Did you mean to write 'crmProspectsIds'\?/,
        ),
        expect.stringMatching(
          /^ts\/wrong-body\.mts\(10,40\): error TS2322: Type 'string' is not assignable to type 'string\[\]'/,
        ),
      ]);
      expect(outcome.code).not.toBe(0);
    },
  );

  it("once compiled (nodenext), calls the mock as ESM and as CommonJS and gets typed results", async () => {
    await compile("nodenext");
    expect(await runConsumer("out/consumer.mjs")).toEqual({
      module: "esm",
      flowInstanceId: "1234361284629356",
      status: "Running",
      requestIds: ["4al018gzaztcr8nbukw"],
      errorsExtendGongError: true,
    });
    expect(await runConsumer("out/consumer.cjs")).toEqual({
      module: "cjs",
      flowInstanceId: "1234361284629356",
      notUnassigned: ["1234361284629356"],
    });
  });
});

describe("the runtime smoke test of `pnpm test:runtimes` (fixtures/smoke.mjs)", () => {
  it("passes under this Node.js against the mock", async () => {
    expect(await runConsumer("smoke-cli.mjs")).toEqual(expectedSmokeSummary);
  });

  it("fails when what answers is not the mock", async () => {
    const notTheMock = await serveStatic({});
    try {
      const outcome = await runProcess(process.execPath, ["smoke-cli.mjs", notTheMock.url], {
        cwd: consumer.project.dir,
        env: childEnv(),
        timeoutMs: 60_000,
      });
      expect(outcome.stderr).toMatch(/GongApiError: .*404/);
      expect(outcome.code).not.toBe(0);
    } finally {
      await notTheMock.close();
    }
  });
});
