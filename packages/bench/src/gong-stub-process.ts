/**
 * Runs {@link createGongStubServer} as a process of its own, so that the server's work happens on the
 * machine's other core instead of inside the event loop being measured. Started by
 * `startGongStubProcess`; not meant to be run by hand.
 *
 * argv[2]: the options as JSON. Prints `listening <port>` once it listens on 127.0.0.1. Exits on SIGTERM
 * or after `lifetimeMs`, whichever comes first; if the benchmark dies first, the watchdog that leads its
 * process group kills it, so it can never outlive the run that started it.
 */
import { createGongStubServer, type GongStubOptions } from "./gong-stub-server.js";

const options = JSON.parse(process.argv[2] ?? "{}") as GongStubOptions & { lifetimeMs?: number };
const server = createGongStubServer(options);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("no port");
  process.stdout.write(`listening ${address.port}\n`);
});
const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
setTimeout(stop, options.lifetimeMs ?? 15 * 60_000).unref();
process.on("SIGTERM", stop);
