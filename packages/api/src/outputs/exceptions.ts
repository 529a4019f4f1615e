import { z } from 'zod';
import { ZExceptionView } from './shapes.ts';

/** `exceptions.list`. */
export const ZExceptionsList = z.array(ZExceptionView);

/** `exceptions.request`. */
export const ZExceptionsRequest = ZExceptionView;

/** `exceptions.approve`. */
export const ZExceptionsApprove = ZExceptionView;

/** `exceptions.reject`. */
export const ZExceptionsReject = ZExceptionView;

/** `exceptions.revoke`. */
export const ZExceptionsRevoke = ZExceptionView;
