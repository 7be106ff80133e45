import { AuditHead, AuditLog, StatsDay, StatsDayCount } from '@clinic/platform';
import { DepartmentRef } from './departments/department-ref.entity';
import { FeeItem, FeeItemPrice } from './fee-items/fee-item.entity';
import { Bill, BillLine, BusinessDay, MoneyEntry, Payment, Refund, RefundLeg, RefundLine } from './bills/bill.entities';
import { Reconciliation, ReconciliationItem } from './reconciliation/reconciliation.entities';
import { Initial1764115200000 } from './migrations/1764115200000-initial';
import { Bills1764720000000 } from './migrations/1764720000000-bills';
import { Checks1764792000000 } from './migrations/1764792000000-checks';
import { Money1764806400000 } from './migrations/1764806400000-money';
import { Reconciliation1764979200000 } from './migrations/1764979200000-reconciliation';
import { Audit1765152000000 } from './migrations/1765152000000-audit';
import { Settlements1764892800000 } from './migrations/1764892800000-settlements';
import { Stats1765065600000 } from './migrations/1765065600000-stats';
import { StatsDays1765238400000 } from './migrations/1765238400000-stats-days';
import { PaymentReversal } from './reversals/payment-reversal.entity';
import { Settlement, SettlementLine } from './settlements/settlement.entities';

export const ENTITIES = [FeeItem, FeeItemPrice, DepartmentRef, Bill, BillLine, Payment, Refund, RefundLine, RefundLeg, BusinessDay, MoneyEntry, Settlement, SettlementLine, PaymentReversal, Reconciliation, ReconciliationItem, AuditLog, AuditHead, StatsDay, StatsDayCount];
export const MIGRATIONS = [Initial1764115200000, Bills1764720000000, Checks1764792000000, Money1764806400000, Settlements1764892800000, Reconciliation1764979200000, Stats1765065600000, Audit1765152000000, StatsDays1765238400000];
