/** The Chromium of the tests: Debian's package (`apt-get install -y chromium`), driven by playwright-core. */
export const chromiumPath = "/usr/bin/chromium";

/**
 * Chromium's flags: headless, no sandbox (CI runs as root), and nothing that reaches outside the
 * machine (no QUIC, no background, component-update or sync traffic). The host resolver rule makes
 * any name other than 127.0.0.1 fail to resolve, so a stray request cannot leave loopback.
 */
export const chromiumArgs: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];
