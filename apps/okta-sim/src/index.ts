export { createOktaSim, type OktaSim, type TOktaSimOptions } from './sim.ts';
export type { ControlApi } from './control/api.ts';
export type {
  TAddFaultInput,
  TClientFlag,
  TCreateApiTokenInput,
  TCreateClientInput,
  TCreateUserInput,
  TUpdateUserInput,
} from './control/schemas.ts';
export type { TOrgView, TUserView } from './control/views.ts';
export type { SimClient, TUserStatus } from './model/types.ts';
export type { TDemo, TDemoUser } from './registry/demo.ts';
export type { SimLogger } from './log.ts';
export type { TRateStats, TBucketStats } from './api/rate/limiter.ts';
export { BUCKETS, CONCURRENCY, type TBucket } from './api/rate/buckets.ts';
