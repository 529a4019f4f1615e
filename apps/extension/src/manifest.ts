/**
 * The extension's manifest, built for a release or for tests. The release may run on Okta's admin
 * hosts only (every org's admin console is `<org>-admin.<okta cloud>`, which these patterns cover)
 * and asks for Butterfly's origin when the admin connects (an optional host permission, https
 * only). The test build adds loopback, where okta-sim and the test system run.
 */
export const OKTA_HOSTS = ['https://*.okta.com/*', 'https://*.oktapreview.com/*', 'https://*.okta-emea.com/*'] as const;
export const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;
/** Extension pages load only the extension's own scripts: no remote code, no eval, no plugins. */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'";

/** Icon sizes: toolbar (16, 32), extensions page (48), Web Store (128). scripts/icons.ts draws each. */
export const ICON_SIZES = [16, 32, 48, 128] as const;
export const iconPath = (size: number) => `icons/icon-${size}.png`;
const ICONS = Object.fromEntries(ICON_SIZES.map((s) => [String(s), iconPath(s)]));

export function buildManifest(opts: { test: boolean; version: string }) {
  const hosts: string[] = opts.test ? [...OKTA_HOSTS, ...TEST_HOSTS] : [...OKTA_HOSTS];
  // The console is below `/admin/`; okta-sim puts one path segment (the org) before it.
  const consolePages = hosts.map((h) =>
    opts.test && (TEST_HOSTS as readonly string[]).includes(h)
      ? h.replace(/\/\*$/, '/*/admin/*')
      : h.replace(/\/\*$/, '/admin/*'),
  );
  return {
    manifest_version: 3,
    name: opts.test ? 'Butterfly (test build)' : 'Butterfly for Okta',
    description:
      "Butterfly's view of the Okta object on the admin console page: its backups, changes since the last one and compliance findings.",
    version: opts.version,
    minimum_chrome_version: '120',
    permissions: ['storage'],
    host_permissions: hosts,
    optional_host_permissions: ['https://*/*'],
    background: { service_worker: 'service-worker.js' },
    content_scripts: [{ matches: consolePages, js: ['content.js'], run_at: 'document_idle' }],
    options_ui: { page: 'options.html', open_in_tab: true },
    icons: ICONS,
    action: { default_title: 'Butterfly: connect or disconnect', default_icon: ICONS },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
  };
}
export type Manifest = ReturnType<typeof buildManifest>;
