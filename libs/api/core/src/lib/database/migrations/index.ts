import { InitialSchema1732406400000 } from './1732406400000-initial-schema';

/** Every migration, in order. A new migration is added here and to nothing else. */
export const MIGRATIONS = [InitialSchema1732406400000];
