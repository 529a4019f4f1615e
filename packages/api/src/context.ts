import type { Logger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import type { Actor, Deps, JobQueue } from '@butterfly/domain/core';
import type { Keyring } from '@butterfly/domain/crypto';
import type { IdpClientFactory } from '@butterfly/domain/idp';
import type { Role } from '@butterfly/domain/permissions';
import type { IssuerProbe, TxtResolver } from '@butterfly/domain/sso';
import type { WebhookTargetCheck } from '@butterfly/domain/webhooks';
import type { BodyStore } from '@butterfly/domain/bodies';

/** Who the request is from, as the web app resolved it (session cookie, API token, access JWT). */
export interface RequestPrincipal {
  tenantId: string;
  memberId: string;
  email: string;
  role: Role;
  via: 'session' | 'api_token' | 'access_token' | 'test';
  /** The browser session behind the request (via 'session'): "sign out everywhere else" keeps it. */
  sessionId?: string;
}

/**
 * What some procedures need from the outside world, wired by the app: the DNS resolver that domain
 * verification asks (configurable server), and the issuer probe behind "test connection" (which
 * applies the outbound-address policy). Absent in a context, those procedures fail as INTERNAL.
 */
export interface ApiServices {
  resolveTxt?: TxtResolver;
  probeIssuer?: IssuerProbe;
  /** Builds an IdP client for a connection ("test connection"; the app wires `@butterfly/connectors`). */
  idpClientFor?: IdpClientFactory;
  /** Refuses webhook targets the outbound policy would refuse (the app wires `@butterfly/outbound`). */
  checkWebhookTarget?: WebhookTargetCheck;
}

export interface CreateContextInput {
  db: Kysely<DB>;
  log: Logger;
  keyring: Keyring;
  /** Where snapshot bodies are kept (BUTTERFLY_BODY_STORE); Postgres when absent. */
  bodies?: BodyStore;
  requestId: string;
  principal: RequestPrincipal | null;
  services?: ApiServices;
  clock?: () => Date;
  /** Where procedures enqueue work ("Backup now", test alerts): the app wires @butterfly/jobs' queue. */
  jobs?: JobQueue;
}

/**
 * Built from plain inputs so the API never imports an app: the web app (or a test) resolves the
 * principal and hands it in. `deps(actor)` gives use-cases what they take.
 */
export function createContext(input: CreateContextInput) {
  const clock = input.clock ?? (() => new Date());
  const log = input.log.child({
    requestId: input.requestId,
    ...(input.principal ? { tenantId: input.principal.tenantId, memberId: input.principal.memberId } : {}),
  });
  return {
    db: input.db,
    log,
    requestId: input.requestId,
    principal: input.principal,
    services: input.services ?? {},
    deps(actor: Actor): Deps {
      return {
        db: input.db,
        actor,
        log,
        clock,
        keyring: input.keyring,
        ...(input.bodies ? { bodies: input.bodies } : {}),
        requestId: input.requestId,
        ...(input.jobs ? { jobs: input.jobs } : {}),
      };
    },
  };
}

export type Context = ReturnType<typeof createContext>;
