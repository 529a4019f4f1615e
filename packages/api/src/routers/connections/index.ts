import { router } from '../../trpc.ts';
import { addEntraConnectionProcedure } from './add-entra.ts';
import { addGoogleConnectionProcedure } from './add-google.ts';
import { addConnectionProcedure } from './add.ts';
import { getConnectionProcedure } from './get.ts';
import { listConnectionsProcedure } from './list.ts';
import { pauseConnectionProcedure } from './pause.ts';
import { removeConnectionProcedure } from './remove.ts';
import { resumeConnectionProcedure } from './resume.ts';
import { rotateEventHookSecretProcedure } from './rotate-event-hook-secret.ts';
import { setFreshnessProcedure } from './set-freshness.ts';
import { setWriteCredentialProcedure } from './set-write-credential.ts';
import { testConnectionProcedure } from './test.ts';
import { updateConnectionProcedure } from './update.ts';

export const connectionsRouter = router({
  list: listConnectionsProcedure,
  get: getConnectionProcedure,
  add: addConnectionProcedure,
  addEntra: addEntraConnectionProcedure,
  addGoogle: addGoogleConnectionProcedure,
  test: testConnectionProcedure,
  update: updateConnectionProcedure,
  pause: pauseConnectionProcedure,
  resume: resumeConnectionProcedure,
  remove: removeConnectionProcedure,
  setWriteCredential: setWriteCredentialProcedure,
  setFreshness: setFreshnessProcedure,
  rotateEventHookSecret: rotateEventHookSecretProcedure,
});
