import { spawn } from "node:child_process";
import createClient from "openapi-fetch";
import { createGongFlowsClient } from "/work/main/packages/client/dist/index.js";
const srv = spawn(process.execPath, ["/tmp/srv.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((r) => srv.stdout.once("data", (d) => r(String(d).trim())));
const base = `http://127.0.0.1:${port}`;
const plain = createClient({ baseUrl: base });
const gong = createGongFlowsClient({ baseUrl: base, auth: { bearerToken: "t" }, rateLimit: false });
const arms = {
  plain: () => plain.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] }, headers: { authorization: "Bearer t" } }),
  raw: () => gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } }),
  method: () => gong.listAssignedFlows({ crmProspectsIds: ["a"] }),
};
const res = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
for (let round = 0; round < 15; round++) {
  for (const [k, f] of Object.entries(arms)) {
    const t = performance.now();
    for (let i = 0; i < 200; i++) await f();
    res[k].push((performance.now() - t) / 200 * 1000);
  }
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
for (const k of Object.keys(res)) console.log(k, med(res[k]).toFixed(0), "µs", (med(res[k]) / med(res.plain)).toFixed(2));
srv.kill();
