import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { scratchDir } from "@gong-flows/testkit";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";
import { fixturesDir } from "./consumer-project.js";
import { chromiumArgs, chromiumPath } from "./runtimes.js";
import { serveStatic } from "./static-server.js";

/**
 * Bundles the packed client as a page would ship it: esbuild of the ESM entry that npm installed in
 * the consumer project, with openapi-fetch, for browsers.
 */
async function bundleClient(projectDir: string): Promise<string> {
  const result = await build({
    entryPoints: [join(projectDir, "node_modules/@gong-flows/client/dist/index.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no bundle of the client");
  return output.text;
}

/**
 * Runs the smoke test (`fixtures/smoke.mjs`) in headless Chromium against the mock at `prismUrl`:
 * a page served from 127.0.0.1 imports the bundled client and calls the mock across origins, as a
 * browser app would (the mock answers CORS preflights). Resolves to the test's summary; rejects with
 * the page's errors. Chromium, its fresh profile and the page server are gone when this settles.
 */
export async function runBrowserSmoke(projectDir: string, prismUrl: string): Promise<unknown> {
  try {
    await access(chromiumPath);
  } catch {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's package (apt-get install -y chromium)`);
  }
  const server = await serveStatic({
    "/": {
      contentType: "text/html; charset=utf-8",
      body: await readFile(join(fixturesDir, "browser/index.html"), "utf8"),
    },
    "/smoke.mjs": {
      contentType: "text/javascript; charset=utf-8",
      body: await readFile(join(projectDir, "smoke.mjs"), "utf8"),
    },
    "/client.js": { contentType: "text/javascript; charset=utf-8", body: await bundleClient(projectDir) },
  });
  const userDataDir = await scratchDir("gong-flows-chromium-");
  let context: BrowserContext | undefined;
  try {
    // A persistent context is how playwright takes a profile folder of ours (it refuses
    // --user-data-dir among the args); the folder is new for every run.
    context = await chromium.launchPersistentContext(userDataDir.path, {
      executablePath: chromiumPath,
      headless: true,
      args: [...chromiumArgs],
      timeout: 60_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}/`);
    try {
      await page.waitForFunction(() => (globalThis as { smokeReady?: boolean }).smokeReady === true, undefined, {
        timeout: 30_000,
      });
      return await page.evaluate(
        (baseUrl) => (globalThis as unknown as { runSmoke: (url: string) => Promise<unknown> }).runSmoke(baseUrl),
        prismUrl,
      );
    } catch (error) {
      // The page's stack frames point at http://127.0.0.1 URLs, which a test runner would try to
      // open as files: they are kept as text, the error gets no frames of its own.
      const text = `${String((error as Error).message)}\n${problems.join("\n")}`.replace(/^\s+at /gm, "    (page) at ");
      const failure = new Error(`the smoke test failed in Chromium: ${text}`);
      failure.stack = failure.message;
      throw failure;
    }
  } finally {
    // Closing the context ends the browser: playwright kills Chromium's whole process group.
    await context?.close();
    await server.close();
    await userDataDir.remove();
  }
}
