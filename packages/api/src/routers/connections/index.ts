import { router } from '../../trpc.ts';
import { addConnectionProcedure } from './add.ts';
import { getConnectionProcedure } from './get.ts';
import { listConnectionsProcedure } from './list.ts';
import { removeConnectionProcedure } from './remove.ts';
import { setWriteCredentialProcedure } from './set-write-credential.ts';
import { testConnectionProcedure } from './test.ts';

export const connectionsRouter = router({
  list: listConnectionsProcedure,
  get: getConnectionProcedure,
  add: addConnectionProcedure,
  test: testConnectionProcedure,
  remove: removeConnectionProcedure,
  setWriteCredential: setWriteCredentialProcedure,
});
