import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { processGroupAlive, startRedisServer } from "../src/index.js";

/** Sends one inline Redis command over a raw socket and resolves with the first reply line. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error("no reply within 5 s")));
    socket.once("error", reject);
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) {
        socket.end();
        resolve(reply.split("\r\n")[0]!);
      }
    });
    socket.write(`${line}\r\n`);
  });
}

/** The working folder Redis reports (`CONFIG GET dir`), read over a socket. */
async function workingDir(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.once("error", reject);
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      const lines = reply.split("\r\n");
      const dir = lines.indexOf("dir");
      if (dir !== -1 && lines[dir + 2] !== undefined) {
        socket.end();
        resolve(lines[dir + 2]!);
      }
    });
    socket.write("CONFIG GET dir\r\n");
  });
}

describe("startRedisServer", () => {
  it("answers on 127.0.0.1 and, once stopped, leaves neither a process nor its folder", async () => {
    const redis = await startRedisServer();
    const dir = redis.dir;
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await command(redis.port, "PING")).toBe("+PONG");
      expect(await workingDir(redis.port)).toBe(dir);
      expect(existsSync(dir)).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(processGroupAlive(redis.pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await expect(command(redis.port, "PING")).rejects.toThrow(/ECONNREFUSED/);
    await redis.stop(); // twice is fine
  });

  it("requires the password it was given, and puts it in the URL", async () => {
    await using redis = await startRedisServer({ password: "s3cret/pw" });
    expect(redis.url).toBe(`redis://:s3cret%2Fpw@127.0.0.1:${redis.port}`);
    expect(await command(redis.port, "PING")).toMatch(/^-NOAUTH/);
    expect(await command(redis.port, "AUTH s3cret/pw")).toBe("+OK");
  });

  it("kill() ends it at once, and a server started again on its port answers, empty", async () => {
    const first = await startRedisServer();
    expect(await command(first.port, "SET k v")).toBe("+OK");
    await first.kill();
    expect(processGroupAlive(first.pid)).toBe(false);
    expect(existsSync(first.dir)).toBe(false);
    await expect(command(first.port, "PING")).rejects.toThrow(/ECONNREFUSED/);
    await using again = await startRedisServer({ port: first.port });
    expect(again.port).toBe(first.port);
    expect(await command(again.port, "EXISTS k")).toBe(":0");
  });

  it("fails with a hint when the binary is missing", async () => {
    await expect(startRedisServer({ binary: "/nonexistent/redis-server" })).rejects.toThrow(
      /exited before it was ready.*apt-get install -y redis-server/s,
    );
  });

  it("fails, not hangs, when its port is taken", async () => {
    await using first = await startRedisServer();
    await expect(startRedisServer({ port: first.port })).rejects.toThrow(/port \d+ is in use/);
  });
});

describe("a test run killed before its teardown", () => {
  it("takes its Redis and its folder with it, even when it dies by SIGKILL", async () => {
    const dist = new URL("../dist/index.js", import.meta.url).href;
    // A stand-in for a test run: starts Redis, reports it, and waits to be killed.
    const run = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { startRedisServer } = await import(${JSON.stringify(dist)}); const r = await startRedisServer(); console.log(JSON.stringify({ pid: r.pid, dir: r.dir })); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const { pid, dir } = await new Promise<{ pid: number; dir: string }>((resolve, reject) => {
      run.stdout.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
      run.once("exit", (code) => reject(new Error(`the run exited early (${code})`)));
    });
    expect(processGroupAlive(pid)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    run.kill("SIGKILL");
    const deadline = Date.now() + 40_000; // the watchdog notices at once; the margin is for a busy machine
    while ((processGroupAlive(pid) || existsSync(dir)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processGroupAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
