/**
 * Copies the response examples the connector's tests serve from Okta's OpenAPI file into
 * src/okta/test/fixtures.json, so the tests run on what Okta documents, not on our guesses:
 *   pnpm --filter @butterfly/connectors fixtures /path/to/management-openapi.yaml
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const NAMES = [
  'ListUsersResponse',
  'list-groups-examples',
  'ListsOwnersMultipleResponse',
  'list-group-rules-example',
  'GetApplicationsByGroupResponseEx',
  'AppUserListEx',
  'GroupAssignmentExListResponse',
  'list-okta-sign-on-policy-response',
  'list-password-policy-response',
  'list-access-policy-response',
  'list-all-sign-on-policy-rule-response',
  'policy-mapping-list-response',
  'AuthenticatorsResponse',
  'RetrieveAllZones',
  'MultipleIdPsResponse',
  'TrustedOriginsResponse',
  'RetrieveAllEventHooks',
  'InlineHooktMgmtListAllexample',
  'ListsAllUserTypes',
  'UserSchemaDefaultResponse',
  'ListBrandsResponse',
  'LogStreamGetAllResponse',
  'RolesResponse',
  'ResourceSetsResponse',
  'RoleAssignedUsersResponseExample',
  'OrgSettingResponse',
  'ListAuthServersResponse',
  'ListMappingsResponse',
  'ErrorAccessDenied',
];

const file = process.argv[2];
if (!file) throw new Error('usage: extract-fixtures <management-openapi.yaml>');
const examples = (
  parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as {
    components: { examples: Record<string, { value: unknown }> };
  }
).components.examples;
const out: Record<string, unknown> = {};
for (const n of NAMES) {
  if (!examples[n]) throw new Error(`No example ${n} in ${file}`);
  out[n] = examples[n].value;
}
writeFileSync(resolve(import.meta.dirname, '../src/okta/test/fixtures.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${NAMES.length} examples written\n`);
