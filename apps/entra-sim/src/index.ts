export { createEntraSim, type EntraSim, type TEntraSimOptions } from './sim.ts';
export type { ControlApi } from './control/api.ts';
export type { TCreateTenantInput, TFaultInput, TRegisterAppInput, TSettingsInput } from './control/schemas.ts';
export { DEMO, READ_CONSENT, WRITE_PERMISSIONS } from './seed/demo.ts';
export type { SimLogger } from './log.ts';
