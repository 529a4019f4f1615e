import { router } from '../../trpc.ts';
import { extensionCompareProcedure } from './compare.ts';
import { extensionSnapshotProcedure } from './snapshot.ts';
import { extensionStatusProcedure } from './status.ts';

/** What the browser extension calls, with an access token from /oauth/token (Bearer). */
export const extensionRouter = router({
  status: extensionStatusProcedure,
  compare: extensionCompareProcedure,
  snapshot: extensionSnapshotProcedure,
});
