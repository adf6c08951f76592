import createClient from "openapi-fetch";
const body = JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1", flowName: "SDR Flow", flowInstanceStatus: "Running" }] });
const fakeFetch = async (req) => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const base = "http://127.0.0.1:1";
const plain = createClient({ baseUrl: base, fetch: fakeFetch });
const plainH = createClient({ baseUrl: base, fetch: fakeFetch, headers: { authorization: "Bearer t" } });
const arms = {
  plain: () => plain.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] }, headers: { authorization: "Bearer t" } }),
  plainClientHeaders: () => plainH.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } }),
  plainSignal: () => plain.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] }, headers: { authorization: "Bearer t" }, signal: new AbortController().signal }),
  plainSignalTimer: () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); return plain.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] }, headers: { authorization: "Bearer t" }, signal: c.signal }).finally(() => clearTimeout(t)); },
};
const res = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
for (let round = 0; round < 15; round++) for (const [k, f] of Object.entries(arms)) {
  const t = performance.now(); for (let i = 0; i < 1000; i++) await f(); res[k].push((performance.now() - t));
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
for (const k of Object.keys(res)) console.log(k.padEnd(20), med(res[k]).toFixed(0), "µs/call", (med(res[k]) / med(res.plain)).toFixed(2));
