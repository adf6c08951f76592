// One home for running a command to completion in its own process group: testkit's.
export { assertSucceeded, runProcess, type ProcessOutcome, type RunProcessOptions } from "@gong-flows/testkit";
