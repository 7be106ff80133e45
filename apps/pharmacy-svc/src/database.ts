import { StatsDay, StatsDayCount } from '@clinic/platform';
import { AlertNotice } from './alerts/alert-notice.entity';
import { DrugReturn, DrugReturnLine, LineAllocation, OrderLine, PharmacyOrder, RefundRelease } from './dispensing/dispensing.entities';
import { Drug, DrugPrice } from './drugs/drug.entity';
import { Initial1764115200000 } from './migrations/1764115200000-initial';
import { Stock1764374400000 } from './migrations/1764374400000-stock';
import { Checks1764792000000 } from './migrations/1764792000000-checks';
import { RefundReleases1764806400000 } from './migrations/1764806400000-refund-releases';
import { Stats1764892800000 } from './migrations/1764892800000-stats';
import { StatsDays1765238400000 } from './migrations/1765238400000-stats-days';
import { Stocktake, StocktakeLine } from './stocktake/stocktake.entities';
import { Batch, LedgerEntry, StockIn, StockInLine, Supplier } from './stock/stock.entities';

export const ENTITIES = [Drug, DrugPrice, Supplier, StockIn, StockInLine, Batch, LedgerEntry, PharmacyOrder, OrderLine, LineAllocation, DrugReturn, DrugReturnLine, Stocktake, StocktakeLine, AlertNotice, RefundRelease, StatsDay, StatsDayCount];
export const MIGRATIONS = [Initial1764115200000, Stock1764374400000, Checks1764792000000, RefundReleases1764806400000, Stats1764892800000, StatsDays1765238400000];
