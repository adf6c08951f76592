/**
 * Runs the `gong-flows` command line in this process and, when it is done, prints its peak memory as one
 * JSON line on stderr: the resident set's high-water mark (KiB) and the largest V8 heap in use seen every 50 ms.
 */
import { runCli } from "@gong-flows/cli";

let peakHeapUsed = 0;
const sample = () => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed));
const sampler = setInterval(sample, 50);
const code = await runCli(process.argv.slice(2));
clearInterval(sampler);
sample();
process.stderr.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, peakHeapUsed })}\n`);
process.exitCode = code;
