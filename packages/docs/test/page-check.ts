import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { chromiumArgs, chromiumPath, scratchDir } from "@gong-flows/testkit";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** What the page must show: each operation's heading (its summary) and path. */
export interface ExpectedOperation {
  readonly summary: string;
  readonly method: string;
  readonly path: string;
}

/** What a check of the page saw. Every list is empty on a good page. */
export interface PageCheck {
  /** Requests to anything but `file:` (and the page's own `data:`/`blob:` URLs), each blocked. */
  readonly outsideRequests: string[];
  /** Requests that failed, outside ones included. */
  readonly failedRequests: string[];
  /** Console errors and uncaught page errors. */
  readonly consoleErrors: string[];
  /** What the page should show and does not, in words. */
  readonly missing: string[];
}

const localSchemes = ["file:", "data:", "blob:"];

async function visible(what: string, locate: () => ReturnType<Page["locator"]>, missing: string[]): Promise<void> {
  const target = locate().first();
  // The page has loaded and gone network-idle: what is not in it by now will not come.
  if ((await locate().count()) === 0) {
    missing.push(what);
    return;
  }
  try {
    await target.scrollIntoViewIfNeeded({ timeout: 5_000 });
    if (!(await target.isVisible())) missing.push(what);
  } catch {
    missing.push(what);
  }
}

async function lookForContent(page: Page, operations: readonly ExpectedOperation[]): Promise<string[]> {
  const missing: string[] = [];
  for (const operation of operations) {
    await visible(
      `the heading "${operation.summary}"`,
      () => page.locator("h2", { hasText: operation.summary }),
      missing,
    );
    await visible(
      `the path ${operation.method} ${operation.path}`,
      () => page.getByText(operation.path, { exact: true }),
      missing,
    );
  }
  // Redoc draws each example as a JSON viewer (`.redoc-json`); the list operation's 200 example names
  // `prospectsAssigned`.
  await visible(
    "a rendered response example",
    () => page.locator(".redoc-json").filter({ hasText: "prospectsAssigned" }),
    missing,
  );
  await visible("a gong-flows decision note", () => page.getByText("gong-flows decision", { exact: false }), missing);
  return missing;
}

/** Headless Chromium with a fresh profile, for several checks; {@link ReferenceBrowser.close} removes both. */
export interface ReferenceBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium with a profile folder of ours, removed on close. */
export async function openReferenceBrowser(): Promise<ReferenceBrowser> {
  const userDataDir = await scratchDir("gong-flows-chromium-");
  // A persistent context is how playwright takes a profile folder of ours (it refuses --user-data-dir).
  const context = await chromium.launchPersistentContext(userDataDir.path, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      // Closing the context ends the browser: playwright kills Chromium's whole process group.
      await context.close();
      await userDataDir.remove();
    },
  };
}

/**
 * Opens the page from `file://` in a new tab of `browser`, blocks and records every request outside
 * `file:`, waits for Redoc to hydrate, looks for what the page must show, and saves a full-page
 * screenshot to `screenshotPath`. The tab is closed when this settles.
 */
export async function checkReferencePage(
  browser: ReferenceBrowser,
  pagePath: string,
  operations: readonly ExpectedOperation[],
  screenshotPath: string,
): Promise<PageCheck> {
  const outsideRequests: string[] = [];
  const failedRequests: string[] = [];
  const consoleErrors: string[] = [];
  const page = await browser.context.newPage();
  try {
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (localSchemes.some((scheme) => url.startsWith(scheme))) return route.continue();
      outsideRequests.push(url);
      return route.abort("blockedbyclient");
    });
    page.on("requestfailed", (request) =>
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`),
    );
    page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`console: ${message.text()}`);
    });
    await page.goto(pathToFileURL(pagePath).href, { waitUntil: "load" });
    // The prerendered HTML reads without scripts; Redoc's inlined bundle then takes it over (an error
    // there is a page error). Network idle: any late request has been made and counted.
    const bundled = await page.evaluate(() => "Redoc" in globalThis);
    if (!bundled) consoleErrors.push("Redoc's browser bundle did not load");
    await page.waitForLoadState("networkidle", { timeout: 30_000 });
    const missing = await lookForContent(page, operations);
    await mkdir(dirname(screenshotPath), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { outsideRequests, failedRequests, consoleErrors, missing };
  } finally {
    await page.close();
  }
}
