// @gong-flows/mock as users install it: the packed tarball (with the packed client it depends on)
// installed by npm into a scratch project outside the workspace, beside msw and vitest from the
// registry. Its CLI serves a --data file and the admin stats; its MSW handlers intercept the client
// in a vitest run of the scratch project; the READMEs' runnable examples run there as written.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockProcess, type MockProcess } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { createConsumerProject, type ConsumerProject } from "../src/consumer-project.js";
import { tarballFiles } from "../src/packed-client.js";
import { lastJsonLine } from "../src/packed-consumer.js";
import { readmeExamples, type ReadmeExample } from "../src/readme-examples.js";
import { assertSucceeded, runProcess } from "../src/run-process.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const readmes = { client: join(repo, "packages/client/README.md"), mock: join(repo, "packages/mock/README.md") };

let mockTarball: string;
let clientTarball: string;
let project: ConsumerProject | undefined;
let examples: ReadmeExample[];
const running: MockProcess[] = [];

beforeAll(async () => {
  // Packed once for the run (test/support/global-setup.ts).
  ({ client: clientTarball, mock: mockTarball } = inject("tarballs"));
  // The versions the workspace tests with: msw 2.13 (the newest 2.x for Node 20), vitest 4.1.
  project = await createConsumerProject([clientTarball, mockTarball], {
    fixtures: null,
    dependencies: ["msw@~2.13.3", "vitest@~4.1.12"],
  });
  examples = [...(await readmeExamples(readmes.client)), ...(await readmeExamples(readmes.mock))];
  for (const example of examples) {
    await mkdir(dirname(join(project.dir, "examples", example.file)), { recursive: true });
    await writeFile(join(project.dir, "examples", example.file), example.code);
  }
});

afterAll(async () => {
  await Promise.all(running.map((mock) => mock.stop()));
  await project?.remove();
});

const inProject = (...parts: string[]) => join(project!.dir, ...parts);

async function startInstalledCli(args: string[]): Promise<MockProcess> {
  // The bin npm linked, run as `npx gong-flows-mock` runs it.
  const mock = await startMockProcess({
    cli: inProject("node_modules/.bin/gong-flows-mock"),
    args,
    env: childEnv(),
    cwd: project!.dir,
  });
  running.push(mock);
  return mock;
}

describe("the packed @gong-flows/mock tarball", () => {
  it("holds only the build (its shared chunks aside), its types and maps, the licence, the README and the manifest", async () => {
    const files = await tarballFiles(mockTarball);
    expect(files.filter((file) => !/^dist\/chunk-[\w-]+\.js(\.map)?$/.test(file))).toEqual([
      "LICENSE",
      "README.md",
      "bin/gong-flows-mock.js",
      "dist/cli.js",
      "dist/cli.js.map",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/index.js.map",
      "dist/node.d.ts",
      "dist/node.js",
      "dist/node.js.map",
      "package.json",
    ]);
  });

  it("installs with the client from its tarball and msw as the user's own peer", async () => {
    const { stdout } = assertSucceeded(
      "npm ls",
      await runProcess("npm", ["ls", "--all", "--json"], { cwd: project!.dir, env: childEnv() }),
    );
    const tree = JSON.parse(stdout) as {
      dependencies: Record<
        string,
        { version: string; resolved?: string; dependencies?: Record<string, { version: string }> }
      >;
    };
    expect(Object.keys(tree.dependencies).sort()).toEqual(["@gong-flows/client", "@gong-flows/mock", "msw", "vitest"]);
    expect(tree.dependencies["@gong-flows/client"]?.resolved).toMatch(/^file:.*\.tgz$/);
    const mockDependencies = tree.dependencies["@gong-flows/mock"]?.dependencies ?? {};
    expect(Object.keys(mockDependencies).sort()).toEqual([
      "@gong-flows/client",
      "ajv",
      "ajv-formats",
      "commander",
      "jsonc-parser",
      "msw",
    ]);
  });
});

describe("the installed gong-flows-mock CLI", () => {
  it("serves a --data file and the admin stats", async () => {
    const data = {
      assignedFlows: [
        {
          flowInstanceId: "fi-1",
          crmProspectId: "lead-1",
          flowId: "f-1",
          flowName: "SDR Flow",
          flowInstanceStatus: "Running",
          exclusive: true,
        },
        {
          flowInstanceId: "fi-2",
          crmProspectId: "lead-1",
          flowId: "f-2",
          flowName: "Nurture",
          flowInstanceStatus: "Paused",
          exclusive: false,
        },
      ],
    };
    await writeFile(inProject("flows.json"), JSON.stringify(data));
    const mock = await startInstalledCli(["--data", "flows.json", "--rps", "0"]);
    const auth = {
      authorization: `Basic ${Buffer.from("k:s").toString("base64")}`,
      "content-type": "application/json",
    };
    const listed = await fetch(`${mock.url}/v2/flows/prospects`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ crmProspectsIds: ["lead-1"] }),
    });
    expect(((await listed.json()) as { prospectsAssigned: unknown[] }).prospectsAssigned).toEqual(data.assignedFlows);
    await fetch(`${mock.url}/v2/flows/prospects/unassign-flows-by-instance-id`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ flowInstanceIds: ["fi-1", "fi-1", "nope"] }),
    });
    expect(await (await fetch(`${mock.url}/_mock/stats`)).json()).toEqual({
      calls: {
        listFlows: 0,
        listFlowFolders: 0,
        getFlowSteps: 0,
        listAssignedFlows: 1,
        unassignFlowsByCrmProspectId: 0,
        unassignFlowsByFlowInstanceIds: 1,
        assignProspects: 0,
        submitBulkAssignment: 0,
        getBulkAssignment: 0,
        total: 2,
      },
      statuses: { "200": 2 },
      flowInstances: { assigned: 1, unassigned: 1 },
      alreadyUnassignedIdsSent: 0,
    });
  });

  it("refuses a bad --data file with the JSON pointer of the problem", async () => {
    await writeFile(
      inProject("bad.json"),
      JSON.stringify({ assignedFlows: [{ flowInstanceId: "x", crmProspectId: "p" }] }),
    );
    const outcome = await runProcess(inProject("node_modules/.bin/gong-flows-mock"), ["--data", "bad.json"], {
      cwd: project!.dir,
      env: childEnv(),
      timeoutMs: 30_000,
    });
    expect(outcome.stderr).toBe("gong-flows-mock: bad.json is not valid:\n  /assignedFlows/0/flowId: is required\n");
    expect(outcome.code).toBe(2);
  });
});

describe("the READMEs' runnable examples, in the scratch project", () => {
  it("are there: vitest tests of the client against the mock's MSW handlers, and scripts", () => {
    expect(examples.map((example) => example.file).sort()).toEqual([
      "client/errors.test.ts",
      "client/list-flows.mjs",
      "client/offboard.test.ts",
      "mock/assign.test.ts",
      "mock/inventory.test.ts",
      "mock/server.mjs",
    ]);
  });

  it("the vitest examples pass: MSW handlers intercept @gong-flows/client in the user's own vitest", async () => {
    const outcome = await runProcess(
      inProject("node_modules/.bin/vitest"),
      ["run", "--reporter=verbose", "--typecheck.enabled=false"],
      { cwd: project!.dir, env: childEnv(), timeoutMs: 120_000 },
    );
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    for (const name of [
      "takes the contact out of every flow",
      "gives up at once when Gong's daily quota is spent",
      "settles an answer it never saw",
      "takes a lead out of one flow",
      "finds a flow by name, assigns prospects, and bulk-assigns a new one",
    ]) {
      expect(outcome.stdout).toContain(name);
    }
    expect(outcome.stdout).toMatch(/Tests\s+5 passed \(5\)/);
  });

  it("the standalone server example runs", async () => {
    const outcome = assertSucceeded(
      "server.mjs",
      await runProcess(process.execPath, ["examples/mock/server.mjs"], {
        cwd: project!.dir,
        env: childEnv(),
        timeoutMs: 30_000,
      }),
    );
    expect(lastJsonLine(outcome.stdout)).toEqual({ listed: 2, calls: 1 });
  });

  it("the CI example runs against the CLI, configured from the environment", async () => {
    const mock = await startInstalledCli([]);
    const env = childEnv({ GONG_BASE_URL: mock.url, GONG_ACCESS_KEY: "test", GONG_ACCESS_KEY_SECRET: "test" });
    const outcome = assertSucceeded(
      "list-flows.mjs",
      await runProcess(process.execPath, ["examples/client/list-flows.mjs"], {
        cwd: project!.dir,
        env,
        timeoutMs: 30_000,
      }),
    );
    expect(lastJsonLine(outcome.stdout)).toEqual({ flows: 2, calls: 1 });
  });
});

describe("the spec shipped in the packed client", () => {
  it("resolves as @gong-flows/client/openapi.yaml and is the spec it was generated from, byte for byte", async () => {
    const script =
      'import { createRequire } from "node:module"; console.log(createRequire(import.meta.url).resolve("@gong-flows/client/openapi.yaml"));';
    const outcome = assertSucceeded(
      "resolve",
      await runProcess(process.execPath, ["--input-type=module", "-e", script], { cwd: project!.dir, env: childEnv() }),
    );
    const resolved = outcome.stdout.trim();
    expect(resolved).toBe(inProject("node_modules/@gong-flows/client/openapi.yaml"));
    expect(await readFile(resolved, "utf8")).toBe(await readFile(join(repo, "spec/openapi.yaml"), "utf8"));
  });
});
