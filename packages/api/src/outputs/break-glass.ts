import { z } from 'zod';
import { ZBreakGlassAccountView } from './shapes.ts';

/** `breakGlass.list`. */
export const ZBreakGlassList = z.array(ZBreakGlassAccountView);

/** `breakGlass.add`. */
export const ZBreakGlassAdd = ZBreakGlassAccountView;

/** `breakGlass.remove`. */
export const ZBreakGlassRemove = z.object({
  removed: z.literal(true),
  oktaUserId: z.string(),
  login: z.string().nullable(),
  displayName: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
});
