import { SCOPE } from '../auth/scopes.ts';
import type { TCustomer } from '../model/types.ts';
import { notFound, ownCustomer, type TDirCtx } from './context.ts';
import { listOf, present } from './present.ts';

export const CUSTOMER_READ = [SCOPE.customer, SCOPE.customerRead];
export const DOMAIN_READ = [SCOPE.domain, SCOPE.domainRead];

/** `customers.get`: `my_customer` resolves to the canonical `C…` id Cloud Identity needs. */
export function getCustomer(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  return present('admin#directory#customer', { id: c.id, customerDomain: c.customerDomain, ...c.record });
}

const aliasesOf = (c: TCustomer, domain: unknown) =>
  c.domainAliases.filter((a) => a.parentDomainName === domain).map((a) => present('admin#directory#domainAlias', a));

/** `domains.list`: every domain with its aliases; no paging, as Google's. */
export function listDomains(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  return listOf(
    'admin#directory#domains2',
    'domains',
    c.domains.map((d) => present('admin#directory#domains', { ...d, domainAliases: aliasesOf(c, d.domainName) })),
  );
}

export function getDomain(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const d = c.domains.find((x) => x.domainName === ctx.params[1]?.toLowerCase());
  if (!d) throw notFound('domainName');
  return present('admin#directory#domains', { ...d, domainAliases: aliasesOf(c, d.domainName) });
}

export function listDomainAliases(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const parent = ctx.url.searchParams.get('parentDomainName');
  const items = c.domainAliases.filter((a) => !parent || a.parentDomainName === parent);
  return listOf(
    'admin#directory#domainAliases',
    'domainAliases',
    items.map((a) => present('admin#directory#domainAlias', a)),
  );
}

export function getDomainAlias(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const a = c.domainAliases.find((x) => x.domainAliasName === ctx.params[1]?.toLowerCase());
  if (!a) throw notFound('domainAliasName');
  return present('admin#directory#domainAlias', a);
}
