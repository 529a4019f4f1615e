import { router } from '../../trpc.ts';
import { getMe } from './get.ts';

export const meRouter = router({ get: getMe });
