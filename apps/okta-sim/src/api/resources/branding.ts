import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { crudRoutes, type TCrud } from '../crud.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

const B = '/api/v1/brands';

const brands: TCrud = {
  table: 'brands',
  path: B,
  idParam: 'brandId',
  prefix: 'bnd',
  untimed: true,
  scope: 'brands',
  page: { default: 20, max: 200 },
  createdStatus: 201,
  log: { type: 'Brand', events: { create: 'brand.create', update: 'brand.update', delete: 'brand.delete' } },
  validate: (body) => {
    if (!body.name) throw validation('name', 'name: The field cannot be left blank');
  },
  defaults: (body) => ({
    isDefault: false,
    agreeToCustomPrivacyPolicy: false,
    removePoweredByOkta: false,
    customPrivacyPolicyUrl: null,
    locale: 'en',
    ...body,
  }),
  replace: (existing, body) => ({ ...body, isDefault: existing.isDefault }),
  beforeDelete: (b) => {
    if (b.isDefault) throw validation('isDefault', 'isDefault: The default brand cannot be deleted');
  },
  links: (_b, _ctx, self) => ({ self: link(self, 'GET', 'PUT', 'DELETE'), themes: link(`${self}/themes`, 'GET') }),
};

/** A brand has exactly one theme: it is replaced, never created or deleted. */
const themes: TCrud = {
  table: 'themes',
  path: `${B}/{brandId}/themes`,
  idParam: 'themeId',
  parent: { param: 'brandId', table: 'brands' },
  prefix: 'thd',
  scope: 'brands',
  fixed: true,
  log: {
    type: 'Theme',
    events: { create: 'brand.theme.update', update: 'brand.theme.update', delete: 'brand.theme.update' },
  },
  links: (_t, _ctx, self) => ({ self: link(self, 'GET', 'PUT') }),
};

const customizations: TCrud = {
  table: 'emailCustomizations',
  path: `${B}/{brandId}/templates/email/{templateName}/customizations`,
  idParam: 'customizationId',
  parent: { param: 'templateName', table: (ctx) => `templates:${ctx.params.brandId}` },
  prefix: 'oel',
  scope: 'templates',
  page: { default: 20, max: 200 },
  createdStatus: 201,
  log: {
    type: 'EmailCustomization',
    events: {
      create: 'brand.email.customization.create',
      update: 'brand.email.customization.update',
      delete: 'brand.email.customization.delete',
    },
  },
  validate: (body) => {
    for (const f of ['language', 'subject', 'body'])
      if (!body[f]) throw validation(f, `${f}: The field cannot be left blank`);
  },
  defaults: (body) => ({ isDefault: false, ...body }),
  links: (_c, _ctx, self) => ({ self: link(self, 'GET', 'PUT', 'DELETE'), preview: link(`${self}/preview`, 'GET') }),
};

function template(ctx: Ctx): Json {
  if (!ctx.org.data.table('brands').has(ctx.params.brandId!)) throw notFound(`${ctx.params.brandId} (Brand)`);
  const found = ctx.org.data.table(`templates:${ctx.params.brandId}`).get(ctx.params.templateName!);
  if (!found) throw notFound(`${ctx.params.templateName} (EmailTemplate)`);
  return found;
}

function templateJson(ctx: Ctx, t: Json) {
  const self = `${ctx.base}${B}/${ctx.params.brandId}/templates/email/${t.name}`;
  const expand = (ctx.query.get('expand') ?? '').split(',');
  const embedded: Json = {};
  if (expand.includes('settings')) embedded.settings = { recipients: t.settings.recipients };
  if (expand.includes('customizationCount'))
    embedded.customizationCount = ctx.org.data.table(`emailCustomizations:${ctx.params.brandId}:${t.name}`).size;
  return {
    name: t.name,
    ...(Object.keys(embedded).length ? { _embedded: embedded } : {}),
    _links: {
      self: link(self, 'GET'),
      settings: link(`${self}/settings`, 'GET', 'PUT'),
      defaultContent: link(`${self}/default-content`, 'GET'),
      customizations: link(`${self}/customizations`, 'GET', 'POST', 'DELETE'),
      test: link(`${self}/test`, 'POST'),
    },
  };
}

/** The brand's customized sign-in page (where an org shows a notice-and-consent banner). */
function signInPage(which: 'customized' | 'default') {
  return (ctx: Ctx): Reply => {
    const brand = ctx.org.data.table('brands').get(ctx.params.brandId!);
    if (!brand) throw notFound(`${ctx.params.brandId} (Brand)`);
    const page = ctx.org.data.table('signInPages').get(brand.id);
    if (which === 'customized' && !page) throw notFound(`sign-in page customization of ${brand.id}`);
    return ok(which === 'customized' ? page : { pageContent: '', widgetVersion: '7', widgetCustomizations: {} });
  };
}

function replaceSignInPage(ctx: Ctx): Reply {
  const brand = ctx.org.data.table('brands').get(ctx.params.brandId!);
  if (!brand) throw notFound(`${ctx.params.brandId} (Brand)`);
  const { _links: _l, ...page } = ctx.body;
  ctx.org.data.table('signInPages').set(brand.id, page);
  audit(ctx, 'brand.sign_in_page.update', {
    id: brand.id,
    type: 'Brand',
    alternateId: brand.name,
    displayName: brand.name,
  });
  return ok(page);
}

export const brandingRoutes: Route[] = [
  ...crudRoutes(brands),
  ...crudRoutes(themes),
  route('GET', `${B}/{brandId}/templates/email`, 'templates', (ctx) => {
    if (!ctx.org.data.table('brands').has(ctx.params.brandId!)) throw notFound(`${ctx.params.brandId} (Brand)`);
    return pageOf(ctx, ctx.org.data.table(`templates:${ctx.params.brandId}`), { default: 20, max: 200 }, (t) =>
      templateJson(ctx, t),
    );
  }),
  route('GET', `${B}/{brandId}/templates/email/{templateName}`, 'templates', (ctx) =>
    ok(templateJson(ctx, template(ctx))),
  ),
  route('GET', `${B}/{brandId}/templates/email/{templateName}/settings`, 'templates', (ctx) =>
    ok({ recipients: template(ctx).settings.recipients }),
  ),
  route('PUT', `${B}/{brandId}/templates/email/{templateName}/settings`, 'templates', (ctx) => {
    const t = template(ctx);
    if (!['ALL_USERS', 'ADMINS_ONLY', 'NO_USERS'].includes(ctx.body.recipients))
      throw validation('recipients', 'recipients: Must be ALL_USERS, ADMINS_ONLY or NO_USERS');
    t.settings = { recipients: ctx.body.recipients, lastUpdated: iso(ctx.now) };
    audit(ctx, 'brand.email.settings.update', {
      id: t.name,
      type: 'EmailTemplate',
      alternateId: t.name,
      displayName: t.name,
    });
    return ok({ recipients: t.settings.recipients });
  }),
  ...crudRoutes(customizations),
  route('GET', `${B}/{brandId}/pages/sign-in/customized`, 'brands', signInPage('customized')),
  route('GET', `${B}/{brandId}/pages/sign-in/default`, 'brands', signInPage('default')),
  route('PUT', `${B}/{brandId}/pages/sign-in/customized`, 'brands', replaceSignInPage),
  route('DELETE', `${B}/{brandId}/pages/sign-in/customized`, 'brands', (ctx) => {
    ctx.org.data.table('signInPages').delete(ctx.params.brandId!);
    return noContent();
  }),
];
