import type pg from 'pg';
import { IdentityService } from './modules/identity/identity.service.js';

/** The services, built once per process; each takes the request context first. */
export interface Services {
  identity: IdentityService;
}

export function createServices(deps: { pool: pg.Pool }): Services {
  return {
    identity: new IdentityService(deps.pool),
  };
}
