import { DepartmentRef } from './departments/department-ref.entity';
import { FeeItem } from './fee-items/fee-item.entity';
import { Bill, BillLine, Payment } from './bills/bill.entities';
import { Initial1764115200000 } from './migrations/1764115200000-initial';
import { Bills1764720000000 } from './migrations/1764720000000-bills';

export const ENTITIES = [FeeItem, DepartmentRef, Bill, BillLine, Payment];
export const MIGRATIONS = [Initial1764115200000, Bills1764720000000];
