import { z } from 'zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any JSON value, as stored (a snapshot's object body, an audit entry's data, a change's before and after). */
export const ZJson: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(ZJson), z.record(z.string(), ZJson)]),
);
