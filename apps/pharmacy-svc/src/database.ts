import { Drug } from './drugs/drug.entity';
import { Initial1764115200000 } from './migrations/1764115200000-initial';

export const ENTITIES = [Drug];
export const MIGRATIONS = [Initial1764115200000];
