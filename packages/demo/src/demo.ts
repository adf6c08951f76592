#!/usr/bin/env node
// `pnpm demo`: a tour of @gong-flows/client for a newcomer with no Gong account, against
// @gong-flows/mock on a free loopback port (mock-tour.ts); `--live` makes one read-only call to the
// Gong account in GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET or GONG_BEARER_TOKEN (live-call.ts).
import { GongError } from "@gong-flows/client";
import { liveCall } from "./live-call.js";
import { mockTour } from "./mock-tour.js";
import { say } from "./output.js";

const live = process.argv.includes("--live");
try {
  await (live ? liveCall() : mockTour());
} catch (error) {
  process.exitCode = 1;
  if (error instanceof GongError) {
    say(`\n${error.name}: ${error.message}`);
  } else {
    throw error;
  }
}
