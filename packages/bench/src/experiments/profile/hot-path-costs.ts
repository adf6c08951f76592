import { createMemoryRateLimitStore, validateRequestBody } from "@gong-flows/client";
import { listRequest } from "../overhead/fetch-arms.js";
import { interleavedRounds, summarize, type Summary } from "../../lib/stats.js";

/** One building block of a call, timed alone in a loop. */
interface HotPathOp {
  id: string;
  /** What it is. */
  label: string;
  run: () => unknown;
}

/** Cost of one building block. */
export interface HotPathCost {
  id: string;
  label: string;
  microsPerOp: Summary;
}

/**
 * The building blocks a `fetch`-based client can spend a call on, beside the one every arm pays for
 * (building the Request), each timed alone. Together with the CPU profile they say which part of the
 * per-call overhead comes from where; which of them a given version of the client does per call is
 * read from its source (see docs/benchmarks.md).
 * Built when measured, not at import: `pnpm bench` loads this module on every run.
 */
function hotPathOps(): HotPathOp[] {
  const url = "http://127.0.0.1:1/v2/flows/prospects";
  const bodyText = JSON.stringify(listRequest);
  const bodyBytes = new TextEncoder().encode(bodyText).buffer;
  const answer = JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1", flowInstanceId: "2" }] });
  const answerBytes = new TextEncoder().encode(answer).buffer;
  const headers = { "content-type": "application/json" };
  const post = (init: RequestInit = {}) => new Request(url, { method: "POST", headers, body: bodyText, ...init });
  const template = post({ headers: { ...headers, authorization: "Bearer x" } });
  const store = createMemoryRateLimitStore();
  const timeout = () => {
    const controller = new AbortController();
    clearTimeout(setTimeout(() => controller.abort(), 30_000));
    return controller.signal;
  };
  const ops: [string, string, () => unknown][] = [
    [
      "request-check",
      '`validateRequestBody("listAssignedFlows", input)`: the client\'s JSON copy of the input and its generated check',
      () => validateRequestBody("listAssignedFlows", listRequest),
    ],
    [
      "free-turn",
      "`await store.acquire(turn)` of the memory rate-limit store, spacing off (a turn that needs no wait)",
      () => store.acquire({ requestsPerSecond: undefined, maxWaitMs: 60_000 }),
    ],
    ["request", "`new Request(url, { method, headers, body: string })`", () => post()],
    [
      "request-signal",
      "the same with a `signal` (undici then follows the signal: one more `AbortSignal` and listener)",
      () => post({ signal: new AbortController().signal }),
    ],
    [
      "request-read",
      "…and reading its body back: `await request.arrayBuffer()` (both steps)",
      () => post().arrayBuffer(),
    ],
    [
      "headers-copy",
      '`new Headers(request.headers)` + `set("authorization")`',
      () => new Headers(template.headers).set("authorization", "Bearer y"),
    ],
    ["url", "`new URL(request.url)`", () => new URL(template.url)],
    ["abort-timeout", "`new AbortController()` + `setTimeout` + `clearTimeout` (a per-attempt timeout)", timeout],
    [
      "request-again",
      "a second `new Request(url, { headers: Headers, body: ArrayBuffer, signal })` (a copy per attempt)",
      () =>
        post({ headers: template.headers, body: bodyBytes, signal: new AbortController().signal, redirect: "follow" }),
    ],
    [
      "response-rewrap",
      "`new Response(bytes, init)` + `await response.json()` (answer re-wrapped, then parsed)",
      () => new Response(answerBytes, { status: 200, statusText: "OK", headers }).json(),
    ],
    [
      "json-parse",
      "`JSON.parse` of the same answer (for scale)",
      () => JSON.parse(new TextDecoder().decode(answerBytes)),
    ],
  ];
  return ops.map(([id, label, run]) => ({ id, label, run }));
}

/**
 * Times each operation in interleaved rounds (`iterations` per round, awaited one by one) and returns
 * microseconds per operation.
 */
export async function measureHotPathCosts(rounds = 15, iterations = 2_000): Promise<HotPathCost[]> {
  const ops = hotPathOps();
  for (const op of ops) for (let i = 0; i < 200; i++) await op.run();
  const samples = await interleavedRounds(ops, rounds, async (op) => {
    (globalThis as { gc?: () => void }).gc?.();
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await op.run();
    return Number(process.hrtime.bigint() - started) / 1_000 / iterations;
  });
  return ops.map((op) => ({ id: op.id, label: op.label, microsPerOp: summarize(samples.get(op)!) }));
}
