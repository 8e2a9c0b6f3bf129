import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';

/** Demo products; filled in with the catalog module. */
export async function seedDemoCatalog(_em: EntityManager, _clock: Clock): Promise<void> {}
