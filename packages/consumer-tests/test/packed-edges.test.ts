// The edges where a person's files, paths and mistakes meet the installed `gong-flows` and
// `gong-flows-mock` (the run's packed tarballs installed by npm outside the workspace): never
// act beyond the input, never clobber a file, check every path first, and say what went wrong in the
// user's words, with the exit codes the READMEs give.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startMockProcess, type MockProcess } from "@gong-flows/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { workInInstalledProject, type ConsumerProject } from "../src/consumer-project.js";
import { runProcess, type ProcessOutcome } from "../src/run-process.js";

const id15 = "0035e00000AbCdE";
const id18 = `${id15}AAV`; // the suffix Salesforce computes from the case of the 15
const flow = (crmProspectId: string, flowInstanceId: string, extra: Record<string, unknown> = {}) => ({
  flowId: "1695493301223590792",
  flowName: "SDR Flow",
  crmProspectId,
  flowInstanceId,
  flowInstanceStatus: "Running",
  flowInstanceCreateDate: "2025-01-01T00:00:00Z",
  ...extra,
});
const assignedFlows = [
  flow(id18, "mine-1"),
  flow(id18, "mine-2"),
  flow(`${id15}AAA`, "not-mine-1"),
  flow("merged-record", "not-mine-2"),
  flow("p-2", "p2-1"),
];

let project: ConsumerProject | undefined;
let mock: MockProcess | undefined;
let proxy: Server | undefined;
let proxyUrl: string;
let caseNumber = 0;

beforeAll(async () => {
  // The CLI family, with msw (the mock's peer, which its CLI needs), installed once for the run.
  project = await workInInstalledProject(inject("cliFamilyProject"));
  await writeFile(inProject("flows.json"), JSON.stringify({ assignedFlows }));
  mock = await startMockProcess({
    cli: inProject("node_modules/.bin/gong-flows-mock"),
    args: ["--data", "flows.json", "--rps", "0", "--daily-quota", "0"],
    env: childEnv(),
    cwd: project.dir,
  });
  proxy = await startExpandingProxy(mock.url);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await mock?.stop();
  await project?.remove();
});

beforeEach(async () => {
  await admin("POST", "reset");
});

const inProject = (...parts: string[]) => join(project!.dir, ...parts);
const credentials = { GONG_ACCESS_KEY: "packed-edges-key", GONG_ACCESS_KEY_SECRET: "packed-edges-secret" };

/**
 * A proxy in front of the mock that answers a list request with more prospects than it was asked
 * for — as a proxy, a merged CRM record or the other form of a Salesforce id can — by asking the mock
 * about the 18-character form and two prospects nobody named as well.
 */
async function startExpandingProxy(target: string): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      let body = Buffer.concat(chunks);
      if (incoming.url === "/v2/flows/prospects") {
        const asked = JSON.parse(body.toString("utf8")) as { crmProspectsIds: string[] };
        body = Buffer.from(
          JSON.stringify({ crmProspectsIds: [...asked.crmProspectsIds, id18, `${id15}AAA`, "merged-record"] }),
        );
      }
      const headers = { ...incoming.headers, "content-length": String(body.length) };
      const forwarded = httpRequest(`${target}${incoming.url}`, { method: incoming.method, headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function admin(method: "GET" | "POST", route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mock!.url}/_mock/${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.status === 204 ? undefined : response.json();
}
const stats = () =>
  admin("GET", "stats") as Promise<{
    calls: { total: number };
    flowInstances: { assigned: number; unassigned: number };
  }>;

/** A fresh folder of the project, with a prospects file in it. */
async function workspace(ids: readonly string[] = [id15, "p-2", "in-no-flow"]): Promise<string> {
  caseNumber += 1;
  const dir = inProject(`case-${caseNumber}`);
  await mkdir(dir);
  await writeFile(join(dir, "prospects.txt"), `${ids.join("\n")}\n`);
  return dir;
}

/** The installed `gong-flows`, as `npx gong-flows` runs it. */
function gongFlows(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = { ...credentials, GONG_BASE_URL: mock!.url },
): Promise<ProcessOutcome> {
  return runProcess(inProject("node_modules/.bin/gong-flows"), [...args, "--rps", "0", "--no-progress"], {
    cwd,
    env: childEnv(env),
    timeoutMs: 120_000,
  });
}

describe("the installed gong-flows never acts beyond its input", () => {
  it("plans only the file's prospects (15-character ids find Gong's 18-character ones) and leaves the others alone, reported", async () => {
    const dir = await workspace();
    const outcome = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes", "--base-url", proxyUrl], dir);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toContain("2 flow instance(s) listed for prospects the input does not name were left alone");
    const report = JSON.parse(await readFile(join(dir, "prospects.gong-flows-report.json"), "utf8")) as {
      unassigned: string[];
      flowInstancesOutsideInput: { flowInstanceId: string; crmProspectId: string }[];
      prospectsMatchingNoFlow: string[];
    };
    expect(report.unassigned.sort()).toEqual(["mine-1", "mine-2", "p2-1"]);
    expect(report.flowInstancesOutsideInput).toEqual([
      { flowInstanceId: "not-mine-1", crmProspectId: `${id15}AAA` },
      { flowInstanceId: "not-mine-2", crmProspectId: "merged-record" },
    ]);
    expect(report.prospectsMatchingNoFlow).toEqual(["in-no-flow"]);
    expect((await stats()).flowInstances).toEqual({ assigned: 2, unassigned: 3 });
  });
});

describe("the installed gong-flows never clobbers a file and checks every path first", () => {
  it("refuses a --journal that is not a journal, untouched; a --report that is the input; a --report that is a folder (exit 2, nothing sent)", async () => {
    const dir = await workspace();
    await writeFile(join(dir, "notes.txt"), '{"a":1}');
    await mkdir(join(dir, "a-folder"));
    const cases = [
      [["--journal", "notes.txt"], "notes.txt exists and is not a gong-flows journal"],
      [["--report", "prospects.txt"], "the input and --report name the same file"],
      [["--report", "a-folder"], "is a folder; name a file"],
    ] as const;
    for (const [flags, message] of cases) {
      const outcome = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes", ...flags], dir);
      expect(outcome.code, outcome.stderr).toBe(2);
      expect(outcome.stderr).toContain(message);
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await readFile(join(dir, "notes.txt"), "utf8")).toBe('{"a":1}');
    expect((await readdir(dir)).sort()).toEqual(["a-folder", "notes.txt", "prospects.txt"]);
    expect((await stats()).calls.total).toBe(0);
  });

  it("creates the missing folders of --report, --journal and list --out", async () => {
    const dir = await workspace();
    const run = await gongFlows(
      ["unassign", "--prospects", "prospects.txt", "--yes", "--report", "out/r.json", "--journal", "state/j.jsonl"],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(join(dir, "out/r.json"))).isFile()).toBe(true);
    expect((await stat(join(dir, "state/j.jsonl"))).isFile()).toBe(true);
    const list = await gongFlows(
      ["list", "--prospects", "prospects.txt", "--format", "csv", "--out", "exports/flows.csv"],
      dir,
    );
    expect(list.code, list.stderr).toBe(0);
    expect((await stat(join(dir, "exports/flows.csv"))).isFile()).toBe(true);
  });
});

describe("the installed gong-flows says what went wrong in the user's words", () => {
  it("names the environment variables when there are no credentials (exit 2)", async () => {
    const dir = await workspace();
    const outcome = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes"], dir, {
      GONG_BASE_URL: mock!.url,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (or GONG_BEARER_TOKEN");
  });

  it("a run Gong refuses at once leaves no journal and no report, so the corrected --base-url runs", async () => {
    const dir = await workspace();
    const strict = await startMockProcess({
      cli: inProject("node_modules/.bin/gong-flows-mock"),
      args: ["--rps", "0", "--access-key", "other", "--access-key-secret", "other-secret"],
      env: childEnv(),
      cwd: project!.dir,
    });
    try {
      const refused = await gongFlows(
        ["unassign", "--prospects", "prospects.txt", "--yes", "--base-url", strict.url],
        dir,
      );
      expect(refused.code, refused.stderr).toBe(2);
      expect((await readdir(dir)).sort()).toEqual(["prospects.txt"]);
    } finally {
      await strict.stop();
    }
    const fixed = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes", "--base-url", mock!.url], dir);
    expect(fixed.code, fixed.stderr).toBe(0);
  });

  it("--status Runing is a usage error with a did-you-mean; a header line is skipped with a warning naming it", async () => {
    const dir = await workspace();
    const typo = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes", "--status", "Runing"], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean Running?");
    await writeFile(join(dir, "with-header.txt"), `crm_id\n${id18}\n`);
    const header = await gongFlows(["unassign", "--prospects", "with-header.txt", "--dry-run"], dir);
    expect(header.code, header.stderr).toBe(0);
    expect(header.stderr).toContain('with-header.txt:1: skipped "crm_id", a column header, not an id');
    expect((await stat(join(dir, "with-header.gong-flows-plan.json"))).isFile()).toBe(true);
  });

  it("list names the prospects of a refused batch", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `lead-${String(i).padStart(3, "0")}`);
    const dir = await workspace(ids);
    await admin("POST", "faults", { operation: "listAssignedFlows", status: 400, times: 1 });
    const outcome = await gongFlows(["list", "--prospects", "prospects.txt", "--format", "json"], dir);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("100 prospect(s) were not listed");
    for (const id of ids.slice(0, 100)) expect(outcome.stderr).toContain(`  ${id}\n`);
  });
});

describe("the installed gong-flows-mock", () => {
  const runMock = (args: readonly string[]) =>
    runProcess(inProject("node_modules/.bin/gong-flows-mock"), [...args], {
      cwd: project!.dir,
      env: childEnv(),
      timeoutMs: 60_000,
    });

  it("range-checks its numeric flags (exit 2, the flag named)", async () => {
    const outcome = await runMock(["--port", "70000"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("--port must be a whole number from 0 to 65535.");
    expect(outcome.stderr).not.toContain("RangeError");
  });

  it("accepts a data file with a byte-order mark, and reports every problem of a bad one at once", async () => {
    await writeFile(inProject("bom.json"), `\uFEFF${JSON.stringify({ assignedFlows: [flow("p", "i")] })}`);
    const lines: string[] = [];
    const bom = await startMockProcess({
      cli: inProject("node_modules/.bin/gong-flows-mock"),
      args: ["--data", "bom.json", "--rps", "0", "--log"],
      env: childEnv(),
      cwd: project!.dir,
      onLine: (line) => lines.push(line),
    });
    try {
      const stats = (await (await fetch(`${bom.url}/_mock/stats`)).json()) as { flowInstances: { assigned: number } };
      expect(stats.flowInstances.assigned).toBe(1);
      const listed = await fetch(`${bom.url}/v2/flows/prospects`, {
        method: "POST",
        headers: { authorization: `Basic ${btoa("k:packed-log-secret")}`, "content-type": "application/json" },
        body: JSON.stringify({ crmProspectsIds: ["p"] }),
      });
      expect(listed.status).toBe(200);
      await expect.poll(() => lines.find((line) => line.startsWith("POST /v2/flows/prospects 200 "))).toBeDefined();
      expect(lines.join("\n")).not.toContain("packed-log-secret");
    } finally {
      await bom.stop();
    }
    await writeFile(
      inProject("bad.json"),
      JSON.stringify({
        assignedFlows: [
          flow("p", "i"),
          flow("p", "i", { flowInstanceStatus: "Done" }),
          flow("p", "j", { flowInstanceCreateDate: "yesterday" }),
        ],
      }),
    );
    const bad = await runMock(["--data", "bad.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/assignedFlows/1/flowInstanceStatus: must be one of "Running", "Pending", "Paused"');
    expect(bad.stderr).toContain('/assignedFlows/1/flowInstanceId: "i" is already the id of /assignedFlows/0');
    expect(bad.stderr).toContain("/assignedFlows/2/flowInstanceCreateDate: must be a valid date-time");
  });
});
