import { authedLoader } from '~/utils/authed-route.server.ts';

/** JSON for the progress bar's fetcher: `backups.progress`, polled about once a second. */
export const loader = authedLoader(async ({ params, caller }) => {
  return await caller.backups.progress({ connectionId: params.connectionId ?? '' });
});
