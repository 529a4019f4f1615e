import { describe, expect, it } from 'vitest';
import { buildManifest } from './manifest.ts';

describe('the release manifest', () => {
  const m = buildManifest({ test: false, version: '1.2.3' });

  it('is Manifest V3 and asks for storage only', () => {
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual(['storage']);
    expect(m.version).toBe('1.2.3');
  });

  it('runs on Okta admin hosts only; Butterfly is asked for at connect time, over https', () => {
    expect(m.host_permissions).toEqual([
      'https://*.okta.com/*',
      'https://*.oktapreview.com/*',
      'https://*.okta-emea.com/*',
    ]);
    expect(m.optional_host_permissions).toEqual(['https://*/*']);
    expect(m.content_scripts).toEqual([
      {
        matches: ['https://*.okta.com/admin/*', 'https://*.oktapreview.com/admin/*', 'https://*.okta-emea.com/admin/*'],
        js: ['content.js'],
        run_at: 'document_idle',
      },
    ]);
    expect(JSON.stringify(m)).not.toMatch(/http:\/\/|<all_urls>|127\.0\.0\.1|localhost/);
  });

  it('loads no remote code and exposes nothing to pages', () => {
    expect(m.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'none'; base-uri 'none'");
    expect(m.content_security_policy.extension_pages).not.toMatch(/unsafe|https?:|\*|wasm/);
    expect(m).not.toHaveProperty('externally_connectable');
    expect(m).not.toHaveProperty('web_accessible_resources');
    expect(m).not.toHaveProperty('sandbox');
    expect(m).not.toHaveProperty('update_url');
    expect(m.background).toEqual({ service_worker: 'service-worker.js' });
  });
});

describe('the test build', () => {
  it('adds loopback, where okta-sim and the test system run, and nothing else', () => {
    const t = buildManifest({ test: true, version: '0.0.0' });
    const release = buildManifest({ test: false, version: '0.0.0' });
    expect(t.host_permissions).toEqual([...release.host_permissions, 'http://127.0.0.1/*', 'http://localhost/*']);
    expect(t.content_scripts[0]!.matches).toContain('http://127.0.0.1/*/admin/*');
    expect({ ...t, name: '', host_permissions: [], content_scripts: [] }).toEqual({
      ...release,
      name: '',
      host_permissions: [],
      content_scripts: [],
    });
  });
});
