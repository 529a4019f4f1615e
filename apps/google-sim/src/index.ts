export { createGoogleSim, type GoogleSim, type TGoogleSimOptions } from './sim.ts';
export type { ControlApi } from './control/api.ts';
export { READ_SCOPES, SCOPE, WRITE_SCOPES } from './auth/scopes.ts';
export { DEMO } from './seed/demo.ts';
export type { SimLogger } from './log.ts';
