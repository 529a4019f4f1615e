import type { IdpAccessReport } from '@butterfly/domain/idp';
import { Badge } from '@butterfly/ui';

/** The last "test connection" as a status: colour and words, never colour alone. */
export function ConnectionHealth({ lastTest }: { lastTest: IdpAccessReport | null }) {
  if (!lastTest) return <Badge variant="neutral">Not tested</Badge>;
  if (lastTest.ok) return <Badge variant="success">Healthy</Badge>;
  if (lastTest.connected) return <Badge variant="warning">Missing scopes</Badge>;
  return <Badge variant="danger">Cannot connect</Badge>;
}
