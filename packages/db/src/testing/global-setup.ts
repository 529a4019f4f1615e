import type { TestProject } from 'vitest/node';
import { ensureTemplate, ensureTestServer } from './server.ts';

import './provided.ts';

/** vitest globalSetup for every package with database tests: a server and a migrated template. */
export default async function setup(project: TestProject) {
  const server = await ensureTestServer();
  const template = await ensureTemplate(server.adminUrl);
  project.provide('bfyAdminUrl', server.adminUrl);
  project.provide('bfyTemplate', template);
  return () => server.stop();
}
