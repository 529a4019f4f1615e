/** @butterfly/domain/setup: the setup area's use-cases and types, for the apps, API and jobs. */
export { getSetupStatus, type SetupStatus } from './get-setup-status.ts';
