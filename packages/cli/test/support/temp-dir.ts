import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll } from "vitest";

/**
 * A temporary folder per test file (testkit's scratchDir: removed in teardown, and by its guard even
 * when the test process is killed before teardown runs).
 */
export function useTempDir(prefix = "gong-flows-cli-"): () => string {
  let dir: ScratchDir | undefined;
  beforeAll(async () => {
    dir = await scratchDir(prefix);
  });
  afterAll(async () => {
    await dir?.remove();
  });
  return () => {
    if (dir === undefined) throw new Error("the temporary folder is made in beforeAll");
    return dir.path;
  };
}
