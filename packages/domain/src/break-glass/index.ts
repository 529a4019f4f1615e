/** @butterfly/domain/break-glass: the break-glass area's use-cases and types, for the apps, API and jobs. */
export { addBreakGlassAccount } from './add-break-glass-account.ts';
export { removeBreakGlassAccount } from './remove-break-glass-account.ts';
export { listBreakGlassAccounts } from './list-break-glass-accounts.ts';
export { type BreakGlassAccountView, type TBreakGlassInput, ZBreakGlassInput } from './break-glass.fns.ts';
