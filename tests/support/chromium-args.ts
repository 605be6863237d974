/**
 * The switches every Chromium the tests and benchmarks launch is given (playwright.config.ts,
 * and the specs and benchmarks that launch their own): no sandbox or GPU in a container, and
 * none of the browser's own background traffic (first-run pages, updates, sync, QUIC) to
 * disturb what is measured or waited on.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
