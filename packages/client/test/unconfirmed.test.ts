// Ambiguous writes: when an attempt's answer is lost after the request left, Gong may have acted on
// it; an id the retry's answer does not return is then "unconfirmed", never "kept assigned".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GongBatchError, GongServerError } from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { type RecordedRequest, type Reply, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const sentIds = (request: RecordedRequest) => (request.json as { flowInstanceIds: string[] }).flowInstanceIds;
/** Gong removing every id it is sent except `kept`. */
const removesAllBut = (request: RecordedRequest, kept: string[] = []): Reply => ({
  status: 200,
  body: { requestId: "r-final", unassignedFlowInstanceIds: sentIds(request).filter((id) => !kept.includes(id)) },
});

/** A network error whose code says the connection was never made (nothing left). */
const refusedConnection = () =>
  Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });

describe("an unassign whose earlier attempt got no usable answer", () => {
  it.each<[string, Reply, { timeoutMs?: number }]>([
    // Long enough that the answered retry is never timed out too on a busy machine.
    ["a timeout", { hang: true }, { timeoutMs: 2_000 }],
    ["a connection reset before the answer", { reset: true }, {}],
    ["a connection dropped mid-body", { dropBody: true, status: 200 }, {}],
    ["a 500", { status: 500, body: { errors: ["boom"] } }, {}],
    ["a 502 from a gateway", { status: 502 }, {}],
  ])("after %s, reports ids the retry did not return as unconfirmed", async (_label, first, options) => {
    server.respond((request, index) => (index === 0 ? first : removesAllBut(request, ["b"])));
    const { gong } = testClient(server.url, options);
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b", "c"] });
    expect(result).toEqual({
      unassignedFlowInstanceIds: ["a", "c"],
      notUnassignedFlowInstanceIds: [],
      unconfirmedFlowInstanceIds: ["b"],
      requestIds: ["r-final"],
    });
    expect(server.requests).toHaveLength(2);
  });

  it.each<[string, Reply]>([
    ["a 429", { status: 429, headers: { "retry-after": "0" }, body: {} }],
    ["a 503 is still a 5xx", { status: 503 }],
  ])("after %s …", async (label, first) => {
    server.respond((request, index) => (index === 0 ? first : removesAllBut(request, ["b"])));
    const { gong } = testClient(server.url);
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b"] });
    // A 429 is a refusal: Gong did nothing, and "b" was kept assigned by the answer to the retry.
    // A 503 promises nothing either way, so "b" is unconfirmed.
    if (label.includes("429")) expect(result.notUnassignedFlowInstanceIds).toEqual(["b"]);
    else expect(result.unconfirmedFlowInstanceIds).toEqual(["b"]);
  });

  it("keeps 'not unassigned' when the earlier attempt never left (connection refused)", async () => {
    let calls = 0;
    const { gong } = testClient(server.url, {
      fetch: (request) => (calls++ === 0 ? Promise.reject(refusedConnection()) : fetch(request)),
    });
    server.respond((request) => removesAllBut(request, ["b"]));
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b"] });
    expect(result.notUnassignedFlowInstanceIds).toEqual(["b"]);
    expect(result.unconfirmedFlowInstanceIds).toEqual([]);
  });

  it("marks unassignByCrmProspectId's result unconfirmed, and only then", async () => {
    server.respond((_request, index) =>
      index === 0 ? { status: 504 } : { status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["f2"] } },
    );
    const { gong } = testClient(server.url);
    expect(await gong.unassignByCrmProspectId({ crmProspectId: "p1" })).toEqual({
      unassignedFlowInstanceIds: ["f2"],
      requestId: "r",
      unconfirmed: true,
    });
    expect(await gong.unassignByCrmProspectId({ crmProspectId: "p2" })).toEqual({
      unassignedFlowInstanceIds: ["f2"],
      requestId: "r",
    });
  });

  it("in a batch that fails, keeps the unconfirmed ids of the requests that were answered apart", async () => {
    // Chunk 1: a 500, then an answer without "f-001". Chunk 2: 500s until the retries run out.
    const attempts = new Map<string, number>();
    server.respond((request) => {
      const first = sentIds(request)[0] as string;
      const n = (attempts.get(first) ?? 0) + 1;
      attempts.set(first, n);
      if (first === "f-000") return n === 1 ? { status: 500 } : removesAllBut(request, ["f-001"]);
      return { status: 500, body: { requestId: `r-500-${n}` } };
    });
    const { gong } = testClient(server.url, { batchConcurrency: 1, maxRetries: 1 });
    const ids = Array.from({ length: 300 }, (_, i) => `f-${String(i).padStart(3, "0")}`);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: ids }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(batch.cause).toBeInstanceOf(GongServerError);
    expect(batch.unconfirmedFlowInstanceIds).toEqual(["f-001"]);
    expect(batch.unassignedFlowInstanceIds).toEqual(ids.slice(0, 200).filter((id) => id !== "f-001"));
    expect(batch.processedIds).toEqual(ids.slice(0, 200));
    expect(batch.unprocessedIds).toEqual(ids.slice(200));
    // The failed request got only 5xx answers: Gong may have acted on it.
    expect(batch.outcomeUnknownIds).toEqual(ids.slice(200));
  });

  it("in a batch, counts the ids of a request that ended on a 5xx that is not retried (501) as outcome unknown", async () => {
    // The same rule as the attempt hook's: any 5xx may come after Gong acted, retried or not.
    server.respond((request) =>
      sentIds(request)[0] === "f-000" ? removesAllBut(request) : { status: 501, body: { requestId: "r-501" } },
    );
    const { gong } = testClient(server.url, { batchConcurrency: 1 });
    const ids = Array.from({ length: 300 }, (_, i) => `f-${String(i).padStart(3, "0")}`);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: ids }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(server.requests).toHaveLength(2);
    expect(batch.unprocessedIds).toEqual(ids.slice(200));
    expect(batch.outcomeUnknownIds).toEqual(ids.slice(200));
  });
});

describe("every distinct id ends up in exactly one list, whatever happens to each request", () => {
  /** What one attempt of a request meets. */
  const attemptOutcome = fc.constantFrom<"ok" | "500" | "503" | "429" | "400" | "reset" | "malformed">(
    "ok",
    "ok",
    "ok",
    "500",
    "503",
    "429",
    "400",
    "reset",
    "malformed",
  );

  it("holds on generated batches, and says 'not unassigned' only when Gong's answer did and nothing was ambiguous", async () => {
    await fc.assert(
      fc.asyncProperty(
        // 1 to 600 distinct ids (1 to 3 requests), some given twice.
        fc
          .tuple(fc.integer({ min: 1, max: 600 }), fc.array(fc.nat(599), { maxLength: 20 }))
          .map(([n, again]) => [
            ...Array.from({ length: n }, (_, i) => `f${i}`),
            ...again.filter((i) => i < n).map((i) => `f${i}`),
          ]),
        fc.array(fc.array(attemptOutcome, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 50 }),
        async (input, scripts, kept) => {
          server.reset();
          // Per request (by its first id), the outcome of each attempt; after the script, "ok".
          const attempt = new Map<string, number>();
          const ambiguousBefore = new Map<string, boolean>();
          const keptIds = new Set<string>();
          const chunkOf = new Map<string, number>();
          server.respond((request) => {
            const ids = sentIds(request);
            const key = ids[0] as string;
            if (!chunkOf.has(key)) chunkOf.set(key, chunkOf.size);
            const n = attempt.get(key) ?? 0;
            attempt.set(key, n + 1);
            const outcome = scripts[chunkOf.get(key) as number]?.[n] ?? "ok";
            if (["500", "503", "reset", "malformed"].includes(outcome)) ambiguousBefore.set(key, true);
            switch (outcome) {
              case "ok": {
                const stays = ids.filter((_, i) => kept[i % kept.length]);
                for (const id of stays) keptIds.add(id);
                return removesAllBut(request, stays);
              }
              case "429":
                return { status: 429, headers: { "retry-after": "0" }, body: {} };
              case "400":
                return { status: 400, body: { errors: ["no"] } };
              case "reset":
                return { reset: true };
              case "malformed":
                return { status: 200, body: { unassignedFlowInstanceIds: "all" } };
              default:
                return { status: Number(outcome) };
            }
          });
          const { gong } = testClient(server.url, { maxRetries: 2, batchConcurrency: 1 });
          let lists: Readonly<
            Record<
              "unassignedFlowInstanceIds" | "notUnassignedFlowInstanceIds" | "unconfirmedFlowInstanceIds",
              readonly string[]
            >
          >;
          let unprocessed: readonly string[] = [];
          try {
            lists = await gong.unassignByFlowInstanceIds({ flowInstanceIds: input });
          } catch (error) {
            if (!(error instanceof GongBatchError)) {
              // One request only: its own error says the whole call failed; nothing to partition.
              expect(new Set(input).size).toBeLessThanOrEqual(200);
              return;
            }
            lists = error;
            unprocessed = error.unprocessedIds;
          }
          const all = [
            ...lists.unassignedFlowInstanceIds,
            ...lists.notUnassignedFlowInstanceIds,
            ...lists.unconfirmedFlowInstanceIds,
            ...unprocessed,
          ];
          expect([...all].sort()).toEqual([...new Set(input)].sort());
          for (const id of lists.notUnassignedFlowInstanceIds) {
            expect(keptIds.has(id)).toBe(true);
            const request = [...chunkOf.keys()].find((key) =>
              server.requests.some((r) => sentIds(r)[0] === key && sentIds(r).includes(id)),
            );
            expect(ambiguousBefore.get(request as string) ?? false).toBe(false);
          }
          for (const id of lists.unconfirmedFlowInstanceIds) expect(keptIds.has(id)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
