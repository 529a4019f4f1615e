declare const __BUTTERFLY_TEST_BUILD__: boolean | undefined;

/**
 * True in the test build (esbuild `define`), false in a release and in unit tests. The test build
 * accepts Butterfly on loopback over http and leaves the panel's shadow root open for Playwright;
 * nothing else differs.
 */
export const TEST_BUILD = typeof __BUTTERFLY_TEST_BUILD__ !== 'undefined' && __BUTTERFLY_TEST_BUILD__ === true;
