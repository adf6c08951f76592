/**
 * Run under `node --cpu-prof` by the profiler (`pnpm bench --profile`): makes argv[4] sequential list
 * calls with the arm named by argv[2] against the stub at argv[3], after a warm-up. Not meant to be run
 * by hand.
 */
import { clientArms, loadClient } from "./client-arms.js";
import type { OverheadArm } from "./overhead.js";
import { openapiFetchArm, rawFetchArm } from "./overhead-arms.js";

const [, , armId, baseUrl, callsText] = process.argv;
if (!armId || !baseUrl || !callsText) throw new Error("usage: profile-target <arm> <baseUrl> <calls>");

async function arm(): Promise<OverheadArm> {
  if (armId === "raw-fetch") return rawFetchArm(baseUrl!);
  if (armId === "openapi-fetch") return openapiFetchArm(baseUrl!);
  const loaded = await loadClient();
  if (!loaded.ok) throw new Error(loaded.reason);
  const found = clientArms(baseUrl!).find((candidate) => candidate.id === armId);
  if (!found) throw new Error(`unknown arm ${armId}`);
  return found;
}

const chosen = await arm();
for (let i = 0; i < 500; i++) await chosen.call();
const calls = Number(callsText);
for (let i = 0; i < calls; i++) await chosen.call();
