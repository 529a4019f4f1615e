import { discovery } from './routes/discovery.ts';
import { groups } from './routes/groups.ts';
import type { Handler } from './routes/types.ts';
import { users } from './routes/users.ts';
import { HttpError } from './http.ts';

type Methods = Partial<Record<string, Handler>>;
interface Endpoint {
  collection: Methods;
  item?: Methods;
}

const crud = (h: Record<string, Handler>): Endpoint => ({
  collection: { GET: h.list, POST: h.create },
  item: { GET: h.get, PUT: h.replace, PATCH: h.patch, DELETE: h.delete },
});

// Keys are lower case: clients differ in how they capitalise endpoints, and nothing is lost by that.
const endpoints: Record<string, Endpoint> = {
  users: crud(users),
  groups: crud(groups),
  roles: { collection: { GET: discovery.roles }, item: { GET: discovery.role } },
  serviceproviderconfig: { collection: { GET: discovery.serviceProviderConfig } },
  resourcetypes: { collection: { GET: discovery.resourceTypes }, item: { GET: discovery.resourceType } },
  schemas: { collection: { GET: discovery.schemas }, item: { GET: discovery.schema } },
};

/** Finds the handler for the path below the base (`Users/{id}` as ['Users', id]): 404 or 405 otherwise. */
export function route(method: string, segments: string[]): { handler: Handler; id?: string } {
  const endpoint = segments.length <= 2 ? endpoints[segments[0]?.toLowerCase() ?? ''] : undefined;
  const methods = segments.length === 1 ? endpoint?.collection : endpoint?.item;
  if (!methods) throw new HttpError(404, `No SCIM endpoint /${segments.join('/')}`);
  const handler = methods[method];
  if (!handler)
    throw new HttpError(405, `${method} is not supported on /${segments.join('/')}`, undefined, {
      Allow: Object.keys(methods).join(', '),
    });
  return { handler, id: segments[1] };
}
