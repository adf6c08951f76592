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
  const answerBytes = new TextEncoder().encode(
    JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1", flowInstanceId: "2" }] }),
  ).buffer;
  const template = new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer x" },
    body: bodyText,
  });
  const store = createMemoryRateLimitStore();
  return [
    {
      id: "request-check",
      label:
        '`validateRequestBody("listAssignedFlows", input)`: the client\'s JSON copy of the input and its generated check',
      run: () => validateRequestBody("listAssignedFlows", listRequest),
    },
    {
      id: "free-turn",
      label: "`await store.acquire(turn)` of the memory rate-limit store, spacing off (a turn that needs no wait)",
      run: () => store.acquire({ requestsPerSecond: undefined, maxWaitMs: 60_000 }),
    },
    {
      id: "request",
      label: "`new Request(url, { method, headers, body: string })`",
      run: () => new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: bodyText }),
    },
    {
      id: "request-signal",
      label: "the same with a `signal` (undici then follows the signal: one more `AbortSignal` and listener)",
      run: () =>
        new Request(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: bodyText,
          signal: new AbortController().signal,
        }),
    },
    {
      id: "request-read",
      label: "…and reading its body back: `await request.arrayBuffer()` (both steps)",
      run: () =>
        new Request(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: bodyText,
        }).arrayBuffer(),
    },
    {
      id: "headers-copy",
      label: '`new Headers(request.headers)` + `set("authorization")`',
      run: () => new Headers(template.headers).set("authorization", "Bearer y"),
    },
    {
      id: "url",
      label: "`new URL(request.url)`",
      run: () => new URL(template.url),
    },
    {
      id: "abort-timeout",
      label: "`new AbortController()` + `setTimeout` + `clearTimeout` (a per-attempt timeout)",
      run: () => {
        const controller = new AbortController();
        clearTimeout(setTimeout(() => controller.abort(), 30_000));
        return controller.signal;
      },
    },
    {
      id: "request-again",
      label: "a second `new Request(url, { headers: Headers, body: ArrayBuffer, signal })` (a copy per attempt)",
      run: () =>
        new Request(url, {
          method: "POST",
          headers: template.headers,
          body: bodyBytes,
          signal: new AbortController().signal,
          redirect: "follow",
        }),
    },
    {
      id: "response-rewrap",
      label: "`new Response(bytes, init)` + `await response.json()` (answer re-wrapped, then parsed)",
      run: () =>
        new Response(answerBytes, {
          status: 200,
          statusText: "OK",
          headers: { "content-type": "application/json" },
        }).json(),
    },
    {
      id: "json-parse",
      label: "`JSON.parse` of the same answer (for scale)",
      run: () => JSON.parse(new TextDecoder().decode(answerBytes)),
    },
  ];
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
