import { Reader, type Principal } from '../../pipelines/read/index.js';
import type { AppDeps } from '../app-deps.js';
import type { AppServices } from './app-services.js';

/** The read layer for one caller on one request's connection. */
export function readerFor(services: AppServices, deps: AppDeps, principal: Principal): Reader {
  return new Reader(deps.connection, principal, services.disclosureRule, {
    registry: deps.registry,
    xmr: deps.xmr,
  });
}
