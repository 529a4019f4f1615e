import { router } from '../../trpc.ts';
import { listAuditProcedure } from './list.ts';
import { verifyAuditProcedure } from './verify.ts';

export const auditRouter = router({ list: listAuditProcedure, verify: verifyAuditProcedure });
