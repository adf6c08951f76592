import { createServer, type Server, type Socket } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisRateLimitStore, type IORedisLike, type RedisRateLimitStore } from "../src/index.js";

/**
 * A Redis stand-in that answers every command with an error quoting `echo(command)`: what a proxy or a
 * misconfigured server may do with the AUTH it was sent. The store must not pass the quote on.
 */
let server: Server;
let port: number;
let echo: (args: string[]) => string = () => "";
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("data", (chunk) => {
      // Pipelined RESP arrays of bulk strings, one error each: the arguments are the lines not starting with * or $.
      for (const command of chunk.toString("latin1").split(/\r\n(?=\*)/)) {
        const args = command.split("\r\n").filter((line) => line !== "" && !/^[*$]/.test(line));
        socket.write(`-ERR ${echo(args).replace(/\r|\n/g, " ")}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const stores: RedisRateLimitStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** Everything a caller might print of what the store threw. */
async function printedFailure(store: RedisRateLimitStore): Promise<string> {
  stores.push(store);
  const error = await store.acquire({ requestsPerSecond: 3, maxWaitMs: 1_000 }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack].join("\n");
}

function fromUrl(url: string): RedisRateLimitStore {
  return createRedisRateLimitStore({ redis: url, key: "redaction", unavailableTimeoutMs: 400 });
}

describe("the store's errors never show the Redis credentials", () => {
  it("redacts a password of 2 characters and a user name of 3 quoted back by Redis, and says what Redis said", async () => {
    echo = (args) => `refused ${args.join(" ")} for redis://ann:q7@127.0.0.1:${port}`;
    const printed = await printedFailure(fromUrl(`redis://ann:q7@127.0.0.1:${port}`));
    expect(printed).toContain("refused hello 3 AUTH [REDACTED] [REDACTED] for redis://[REDACTED]:[REDACTED]@127.0.0.1");
    expect(printed).not.toMatch(/\bq7\b|\bann\b/);
  });

  it("redacts a one-character password alone in a URL's user info", async () => {
    echo = () => `bad URL redis://:x@127.0.0.1:${port}`;
    const printed = await printedFailure(fromUrl(`redis://:x@127.0.0.1:${port}`));
    expect(printed).toContain("bad URL redis://:[REDACTED]@127.0.0.1");
  });

  it("redacts a password quoted base64-encoded or percent-encoded (the client's redaction)", async () => {
    const password = "p4ss+w/rd=";
    const forms = [Buffer.from(password).toString("base64"), encodeURIComponent(password), password];
    echo = () => `quoted ${forms.join(" ")}`;
    const printed = await printedFailure(fromUrl(`redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`));
    expect(printed).toContain("quoted [REDACTED] [REDACTED] [REDACTED]");
    for (const form of forms) expect(printed).not.toContain(form);
  });

  it("redacts the short password of a client passed in, from a reply error", async () => {
    const client: IORedisLike = {
      status: "ready",
      options: { host: "127.0.0.1", port, username: "", password: "zz" },
      evalsha: () => Promise.reject(Object.assign(new Error("WRONGPASS zz is not it"), { name: "ReplyError" })),
      eval: () => Promise.reject(new Error("not called")),
      connect: () => Promise.resolve(),
      once: () => undefined,
      removeListener: () => undefined,
    };
    const printed = await printedFailure(createRedisRateLimitStore({ redis: client, key: "redaction" }));
    expect(printed).toContain("WRONGPASS [REDACTED] is not it");
    expect(printed).not.toMatch(/\bzz\b/);
  });
});
