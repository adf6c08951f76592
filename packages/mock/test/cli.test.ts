// The CLI door: gong-flows-mock as a process, started the way other packages' tests start it
// (testkit's startMockProcess), every flag, its refusals, and a clean stop.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  processGroupAlive,
  runProcess,
  scratchDir,
  startMockProcess,
  type MockProcess,
  type ScratchDir,
} from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specSchemas } from "../src/generated/spec-schemas.js";
import { generateAssignedFlows } from "../src/index.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;

let dir: string;
let scratch: ScratchDir;
const started: MockProcess[] = [];
beforeAll(async () => {
  scratch = await scratchDir("gong-flows-mock-cli-");
  dir = scratch.path;
});
afterAll(async () => {
  await Promise.all(started.map((process) => process.stop()));
  await scratch.remove();
});

async function start(args: string[]): Promise<MockProcess> {
  const mock = await startMockProcess({ cli, args });
  started.push(mock);
  return mock;
}

async function dataFile(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const post = (url: string, body: unknown, authorization = basic("k:s")) =>
  fetch(url, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** Runs the CLI to its end (for the cases where it refuses to start). */
const runCli = (args: string[]) =>
  runProcess(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, timeoutMs: 20_000 });

// Concurrent: each case is a process of its own, and starting Node.js is most of their time.
describe.concurrent("gong-flows-mock", () => {
  it("serves a --data file, and its admin stats, printing where it listens", async () => {
    const file = await dataFile("flows.json", {
      assignedFlows: generateAssignedFlows({ prospects: 3, flowsPerProspect: 2 }),
    });
    const mock = await start(["--data", file, "--rps", "0"]);
    expect(mock.output[0]).toBe(`Gong mock listening on ${mock.url}`);
    expect(mock.output[1]).toContain(`6 flow instance(s) in 2 flow(s) from ${file}; no rate limit, 10000 calls/day`);
    const listed = (await (
      await post(`${mock.url}/v2/flows/prospects`, { crmProspectsIds: ["prospect-00002"] })
    ).json()) as { prospectsAssigned: unknown[] };
    expect(listed.prospectsAssigned).toHaveLength(2);
    const stats = await (await fetch(`${mock.url}/_mock/stats`)).json();
    expect(stats).toMatchObject({
      calls: { listAssignedFlows: 1, total: 1 },
      statuses: { "200": 1 },
      flowInstances: { assigned: 6, unassigned: 0 },
    });
  });

  it("--rps, --daily-quota: 429 with Retry-After past either", async () => {
    const mock = await start(["--rps", "1", "--daily-quota", "2"]);
    const body = { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] };
    // Sent together, so that they reach the mock within its second however busy the machine is.
    const pair = await Promise.all([
      post(`${mock.url}/v2/flows/prospects`, body),
      post(`${mock.url}/v2/flows/prospects`, body),
    ]);
    expect(pair.map((answer) => answer.status).sort()).toEqual([200, 429]);
    const rate = pair.find((answer) => answer.status === 429)!;
    expect(rate.headers.get("retry-after")).toBe("1");
    // The second call of the day would be admitted after a second; the third never today.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await post(`${mock.url}/v2/flows/prospects`, body)).status).toBe(200);
    const quota = await post(`${mock.url}/v2/flows/prospects`, body);
    expect(quota.status).toBe(429);
    expect(Number(quota.headers.get("retry-after"))).toBeGreaterThan(1);
  });

  it("--access-key with --access-key-secret, --bearer-token: only those are accepted, and neither is printed", async () => {
    const mock = await start([
      "--access-key",
      "key",
      "--access-key-secret",
      "cli-secret-value",
      "--bearer-token",
      "cli-token-value",
      "--rps",
      "0",
    ]);
    const body = { crmProspectsIds: ["a"] };
    expect((await post(`${mock.url}/v2/flows/prospects`, body, basic("key:cli-secret-value"))).status).toBe(200);
    expect((await post(`${mock.url}/v2/flows/prospects`, body, "Bearer cli-token-value")).status).toBe(200);
    expect((await post(`${mock.url}/v2/flows/prospects`, body, basic("key:other"))).status).toBe(401);
    expect(mock.output.join("\n")).not.toMatch(/cli-secret-value|cli-token-value/);
  });

  it("--latency-ms delays every answer", async () => {
    const mock = await start(["--latency-ms", "300", "--rps", "0"]);
    const started = performance.now();
    await post(`${mock.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] });
    // A lower bound only: a busy machine can make it slower, never faster.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  // Both signals at once (each its own process): a busy machine starts Node.js slowly, and one process
  // after the other would double that.
  it.for(["SIGTERM", "SIGINT"] as const)(
    "stops cleanly on %s: exit code 0, nothing left, the port closed",
    async (signal) => {
      const mock = await start(["--rps", "0"]);
      process.kill(-mock.pid, signal);
      expect(await mock.exited).toEqual({ code: 0, signal: null });
      // Nothing of its process group is left, and its port no longer answers.
      expect(processGroupAlive(mock.pid)).toBe(false);
      await expect(fetch(`${mock.url}/_mock/stats`)).rejects.toThrow();
    },
  );

  it("takes more signals while it stops (a supervisor signalling the group and the process) as a stop too: exit code 0", async () => {
    const mock = await start(["--rps", "0"]);
    // The mock itself, the child of testkit's watchdog that leads the group (Linux's /proc says which):
    // signalled alone, so that only the mock's handling is judged.
    const [pid] = (await readFile(`/proc/${mock.pid}/task/${mock.pid}/children`, "utf8"))
      .trim()
      .split(/\s+/)
      .map(Number);
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid!, "SIGTERM");
      } catch {
        break; // gone already
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await mock.exited).toEqual({ code: 0, signal: null });
  });

  it("exits 0 on SIGTERM, reporting no error", async () => {
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      void import("node:child_process").then(({ spawn }) => {
        const child = spawn(process.execPath, [cli, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.once("data", () => child.kill("SIGTERM"));
        child.once("exit", (code) => resolve({ code, stderr }));
      });
    });
    expect(outcome).toEqual({ code: 0, stderr: "" });
  });

  it("serves a --data file of flows, folders, steps and CRM prospects, paged by --page-size", async () => {
    const file = await dataFile("catalogue.json", {
      folders: [{ id: "d1", name: "Outbound", visibility: "Company" }],
      flows: [
        { id: "f1", name: "First", folderId: "d1", visibility: "Company", exclusive: false },
        { id: "f2", name: "Second", visibility: "Personal", ownerEmail: "me@example.com" },
      ],
      steps: { f1: [{ id: "s1", stepOrder: 1, action: "CALL" }] },
      crmProspects: [{ crmId: "lead-1", firstName: "Ada", lastName: "Lovelace" }],
    });
    const mock = await start(["--data", file, "--rps", "0", "--page-size", "1"]);
    expect(mock.output[1]).toContain(`0 flow instance(s) in 2 flow(s) from ${file};`);
    const get = (path: string) => fetch(`${mock.url}${path}`, { headers: { authorization: basic("k:s") } });
    const first = (await (await get("/v2/flows?flowOwnerEmail=me%40example.com")).json()) as {
      flows: unknown[];
      records: { cursor?: string };
    };
    expect(first.flows).toEqual([
      { id: "f1", name: "First", folderId: "d1", folderName: "Outbound", visibility: "Company", exclusive: false },
    ]);
    const second = (await (
      await get(`/v2/flows?flowOwnerEmail=me%40example.com&cursor=${first.records.cursor}`)
    ).json()) as {
      flows: { id: string }[];
    };
    expect(second.flows.map((flow) => flow.id)).toEqual(["f2"]);
    const steps = await (await post(`${mock.url}/v2/flows/steps`, { flowIds: ["f1"] })).json();
    expect(steps).toMatchObject({ flows: [{ id: "f1", steps: [{ id: "s1", stepOrder: 1, action: "CALL" }] }] });
    const assigned = await (
      await post(`${mock.url}/v2/flows/prospects/assign`, {
        flowId: "f1",
        crmProspectsIds: ["lead-1"],
        flowInstanceOwnerEmail: "me@example.com",
      })
    ).json();
    expect(assigned).toMatchObject({
      prospectsAssigned: [{ crmProspectId: "lead-1", flowId: "f1" }],
      prospectsNotAssigned: [],
    });
  });

  it("--help lists every flag", async () => {
    const { code, stdout: printed } = await runCli(["--help"]);
    const stdout = printed.replace(/\s+/g, " ");
    expect(code).toBe(0);
    for (const flag of [
      "--port",
      "--host",
      "--data",
      "--rps",
      "--daily-quota",
      "--access-key",
      "--access-key-secret",
      "--bearer-token",
      "--latency-ms",
      "--page-size",
      "--bulk-start-ms",
      "--bulk-ms-per-prospect",
      "--log",
      "--version",
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain("(default: 4010)");
    expect(stdout).toContain('(default: "127.0.0.1")');
  });

  it.each([
    [["--rps", "three"], "--rps must be a whole number from 0 to 1000000."],
    [["--latency-ms", "-1"], "--latency-ms must be a whole number from 0 to 2147483647."],
    [["--latency-ms", "2147483648"], "--latency-ms must be a whole number from 0 to 2147483647."],
    [["--port", "70000"], "--port must be a whole number from 0 to 65535."],
    [["--port", "-1"], "--port must be a whole number from 0 to 65535."],
    [["--daily-quota", "1e3"], "--daily-quota must be a whole number from 0 to 9007199254740991."],
    [["--no-such-flag"], "unknown option '--no-such-flag'"],
    [["--access-key", "k"], "--access-key-secret: accessKey and accessKeySecret go together: give both"],
  ])("refuses %j with exit code 2 and says why", async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });

  it("refuses a --data file that breaks the spec's AssignedFlow, with the file and the JSON pointer, exit code 2", async () => {
    const file = await dataFile("bad.json", {
      assignedFlows: [{ flowInstanceId: "i", crmProspectId: "p", flowId: "f", flowInstanceStatus: "Done" }],
    });
    const { code, stderr } = await runCli(["--data", file]);
    // The statuses the spec documents, read from it, so that a status Gong adds there changes nothing here.
    const statuses = specSchemas.$defs.FlowInstanceStatus.enum.map((status) => JSON.stringify(status)).join(", ");
    expect(stderr).toBe(
      `gong-flows-mock: ${file} is not valid:\n  /assignedFlows/0/flowInstanceStatus: must be one of ${statuses}\n`,
    );
    expect(code).toBe(2);
  });

  it("--log prints a line per request (method, path, status, duration), never a secret", async () => {
    const lines: string[] = [];
    const secret = "log-test-secret-value";
    const mock = await startMockProcess({
      cli,
      args: ["--log", "--rps", "0", "--access-key", "log-key", "--access-key-secret", secret],
      onLine: (line) => lines.push(line),
    });
    started.push(mock);
    const authorization = `Basic ${btoa(`log-key:${secret}`)}`;
    const listed = await fetch(`${mock.url}/v2/flows/prospects`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] }),
    });
    expect(listed.status).toBe(200);
    const refused = await fetch(`${mock.url}/v2/flows/prospects?token=${secret}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(401);
    // A caller's own credentials, which the mock was not given, quoted in a URL.
    const own = "callers-own-token-value";
    const mine = await fetch(`${mock.url}/v2/flows/prospects?t=${own}`, {
      method: "POST",
      headers: { authorization: `Bearer ${own}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(mine.status).toBe(401);
    await expect.poll(() => lines.filter((line) => line.startsWith("POST ")).length).toBe(3);
    const logged = lines.filter((line) => line.startsWith("POST "));
    expect(logged[0]).toMatch(/^POST \/v2\/flows\/prospects 200 \d+\.\d ms$/);
    expect(logged[1]).toMatch(/^POST \/v2\/flows\/prospects\?token=\[REDACTED\] 401 \d+\.\d ms$/);
    expect(logged[2]).toMatch(/^POST \/v2\/flows\/prospects\?t=\[REDACTED\] 401 \d+\.\d ms$/);
    expect(lines.join("\n")).not.toContain(secret);
    expect(lines.join("\n")).not.toContain(own);
  });

  it("accepts a --data file that starts with a byte-order mark", async () => {
    const file = await dataFile(
      "bom.json",
      `\uFEFF${JSON.stringify({ assignedFlows: generateAssignedFlows({ prospects: 2 }) })}`,
    );
    const mock = await start(["--data", file, "--rps", "0"]);
    expect(
      ((await (await fetch(`${mock.url}/_mock/stats`)).json()) as { flowInstances: { assigned: number } }).flowInstances
        .assigned,
    ).toBe(2);
  });

  it("reports every problem of a --data file at once: the schema's and a repeated flow instance id", async () => {
    const flow = { flowInstanceId: "i", crmProspectId: "p", flowId: "f" };
    const file = await dataFile("many.json", {
      assignedFlows: [flow, { ...flow, flowInstanceStatus: "Done" }, { ...flow, flowInstanceCreateDate: "yesterday" }],
    });
    const { code, stderr } = await runCli(["--data", file]);
    expect(stderr).toContain('/assignedFlows/1/flowInstanceStatus: must be one of "Running", "Pending", "Paused"');
    expect(stderr).toContain("/assignedFlows/2/flowInstanceCreateDate: must be a valid date-time");
    expect(stderr).toContain('/assignedFlows/1/flowInstanceId: "i" is already the id of /assignedFlows/0');
    expect(stderr).toContain('/assignedFlows/2/flowInstanceId: "i" is already the id of /assignedFlows/0');
    expect(code).toBe(2);
  });

  it("refuses a --data file that is not JSON, with its line", async () => {
    const file = await dataFile("broken.json", '{\n  "assignedFlows": [\n}');
    const { code, stderr } = await runCli(["--data", file]);
    expect(stderr).toMatch(/is not valid JSON at line 3, column 1/);
    expect(code).toBe(2);
  });

  it("says when the port is taken, exit code 1", async () => {
    const mock = await start(["--rps", "0"]);
    const { code, stderr } = await runCli(["--port", String(mock.port)]);
    expect(stderr).toBe(`gong-flows-mock: cannot listen on 127.0.0.1:${mock.port} (EADDRINUSE)\n`);
    expect(code).toBe(1);
  });
});
