/**
 * Run under `node --cpu-prof` by the profiler (`pnpm bench --profile`): makes argv[4] sequential list
 * calls with the arm named by argv[2] against the stub at argv[3], after a warm-up. Not meant to be run
 * by hand.
 */
import { clientArms } from "../overhead/client-arms.js";
import { openapiFetchArm, rawFetchArm } from "../overhead/fetch-arms.js";

const [, , armId, baseUrl, callsText] = process.argv;
if (!armId || !baseUrl || !callsText) throw new Error("usage: target <arm> <baseUrl> <calls>");
const arms = [rawFetchArm(baseUrl), openapiFetchArm(baseUrl), ...clientArms(baseUrl)];
const chosen = arms.find((candidate) => candidate.id === armId);
if (!chosen) throw new Error(`unknown arm ${armId}`);
for (let i = 0; i < 500; i++) await chosen.call();
const calls = Number(callsText);
for (let i = 0; i < calls; i++) await chosen.call();
