/**
 * Run in a fresh Node process by the cold-import benchmark: imports the module named by argv[2] (or
 * nothing when it is absent, for the baseline) and prints, as JSON, how long the `import()` took. Not
 * meant to be run by hand.
 */
const specifier = process.argv[2];
const started = performance.now();
if (specifier) await import(specifier);
process.stdout.write(JSON.stringify({ importMs: performance.now() - started }));
