import { DepartmentRef } from './departments/department-ref.entity';
import { FeeItem } from './fee-items/fee-item.entity';
import { Initial1764115200000 } from './migrations/1764115200000-initial';

export const ENTITIES = [FeeItem, DepartmentRef];
export const MIGRATIONS = [Initial1764115200000];
