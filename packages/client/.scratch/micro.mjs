const url = "http://127.0.0.1:1/v2/flows/prospects";
const body = JSON.stringify({ crmProspectsIds: ["a"] });
const ab = new TextEncoder().encode(body).buffer;
const N = 20000;
async function time(name, f) {
  for (let i = 0; i < 2000; i++) await f();
  const t = performance.now();
  for (let i = 0; i < N; i++) await f();
  console.log(name.padEnd(40), ((performance.now() - t) / N * 1000).toFixed(1), "µs");
}
const h = new Headers({ "content-type": "application/json", authorization: "Bearer x" });
await time("new Request(string body)", () => new Request(url, { method: "POST", headers: h, body }));
await time("new Request(ab body)", () => new Request(url, { method: "POST", headers: h, body: ab }));
await time("new Request(ab, signal)", () => new Request(url, { method: "POST", headers: h, body: ab, signal: new AbortController().signal }));
await time("req.arrayBuffer()", () => new Request(url, { method: "POST", headers: h, body }).arrayBuffer());
await time("req.text()", () => new Request(url, { method: "POST", headers: h, body }).text());
await time("new Headers(req.headers)", () => new Headers(h));
await time("new URL", () => new URL(url));
await time("AbortController+setTimeout", () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); clearTimeout(t); });
const rbody = JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1" }] });
await time("new Response(str).arrayBuffer()", () => new Response(rbody, { status: 200, headers: { "content-type": "application/json" } }).arrayBuffer());
await time("new Response(ab)", () => new Response(ab, { status: 200, statusText: "OK", headers: h }));
