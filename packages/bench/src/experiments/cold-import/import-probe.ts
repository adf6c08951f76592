/** Run in a fresh process by the cold-import experiment: imports argv[2] (nothing: the baseline), prints how long. */
const specifier = process.argv[2];
const started = performance.now();
if (specifier) await import(specifier);
process.stdout.write(JSON.stringify({ importMs: performance.now() - started }));
