import { router } from '../../trpc.ts';
import { addDomainProcedure } from './add-domain.ts';
import { getSsoProcedure } from './get.ts';
import { removeDomainProcedure } from './remove-domain.ts';
import { setSsoProcedure } from './set.ts';
import { testConnectionProcedure } from './test-connection.ts';
import { verifyDomainProcedure } from './verify-domain.ts';

export const ssoRouter = router({
  get: getSsoProcedure,
  set: setSsoProcedure,
  addDomain: addDomainProcedure,
  removeDomain: removeDomainProcedure,
  verifyDomain: verifyDomainProcedure,
  testConnection: testConnectionProcedure,
});
