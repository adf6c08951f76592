import { scratchDir, startPrism, type PrismServer } from "@gong-flows/testkit";
import { createConsumerProject, type ConsumerProject } from "./consumer-project.js";
import { packClient } from "./packed-client.js";

/** What both test suites start from: the packed client, installed in a consumer project, and the mock. */
export interface PackedConsumer {
  /** The tarball `pnpm pack` made. */
  readonly tarball: string;
  /** The scratch project it is installed in, with the fixtures. */
  readonly project: ConsumerProject;
  /** The Prism mock of the spec the consumers call. */
  readonly prism: PrismServer;
  /** Stops the mock and deletes the project (and the tarball, when it packed it). */
  close(): Promise<void>;
}

/**
 * Packs the client (unless `tarball` is one already packed, which is then only read) and starts the
 * mock at once, then installs the tarball into a new consumer project. When any step fails, whatever
 * was already started or written is removed before it throws.
 */
export async function setUpPackedConsumer(tarball?: string): Promise<PackedConsumer> {
  const packDir = await scratchDir("gong-flows-pack-");
  const [prism, packed] = await Promise.allSettled([startPrism(), tarball ?? packClient(packDir.path)]);
  let project: ConsumerProject | undefined;
  const close = async () => {
    await Promise.all([
      prism.status === "fulfilled" ? prism.value.stop() : undefined,
      project?.remove(),
      packDir.remove(),
    ]);
  };
  try {
    if (prism.status === "rejected") throw prism.reason;
    if (packed.status === "rejected") throw packed.reason;
    project = await createConsumerProject(packed.value);
    return { tarball: packed.value, project, prism: prism.value, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What `fixtures/smoke.mjs` reports when everything held, under every runtime. */
export const expectedSmokeSummary = {
  listedFlows: 1,
  requestSizes: [200, 200, 50],
  unassigned: 1,
  notUnassigned: 449,
  authError: { name: "GongAuthenticationError", status: 401 },
};

/** The last line a consumer printed, parsed: the fixtures end by printing their findings as one JSON line. */
export function lastJsonLine(stdout: string): unknown {
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}
