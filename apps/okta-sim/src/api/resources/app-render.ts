import type { Json } from '../../model/types.ts';
import { appLinks } from '../../okta/apps.ts';
import type { Ctx } from '../context.ts';

/** An app as the API returns it; `_links.accessPolicy` names the app sign-in policy it is mapped to. */
export function renderApp(ctx: Ctx, app: Json) {
  return { ...app, _links: appLinks(app, ctx.base, ctx.org.data.appPolicies.get(app.id)) };
}

export const appTarget = (app: Json) => ({
  id: app.id,
  type: 'AppInstance',
  alternateId: app.label,
  displayName: app.label,
});
