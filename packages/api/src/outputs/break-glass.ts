import { z } from 'zod';
import { ZBreakGlassAccountView } from './shapes.ts';

/** `break-glass.list`. */
export const ZBreakGlassList = z.array(ZBreakGlassAccountView);

/** `break-glass.add`. */
export const ZBreakGlassAdd = ZBreakGlassAccountView;

/** `break-glass.remove`. */
export const ZBreakGlassRemove = z.object({
  removed: z.literal(true),
  oktaUserId: z.string(),
  login: z.string().nullable(),
  displayName: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
});
