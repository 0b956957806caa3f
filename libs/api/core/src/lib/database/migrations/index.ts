import { InitialSchema1732406400000 } from './1732406400000-initial-schema';
import { Calls1732500000000 } from './1732500000000-calls';
import { CallMedia1732600000000 } from './1732600000000-call-media';
import { ShopBlocks1732700000000 } from './1732700000000-shop-blocks';
import { HeldSignals1732750000000 } from './1732750000000-held-signals';
import { CallDeclines1732800000000 } from './1732800000000-call-declines';
import { CallbackCalls1732800000001 } from './1732800000001-callback-calls';
import { OpeningHours1732800000002 } from './1732800000002-opening-hours';
import { Orders1732900000000 } from './1732900000000-orders';
import { AssistedOrders1732900000001 } from './1732900000001-assisted-orders';
import { Webhooks1733000000000 } from './1733000000000-webhooks';
import { CallMessages1733100000000 } from './1733100000000-call-messages';
import { CallRatings1733100000001 } from './1733100000001-call-ratings';
import { AnalyticsIndexes1733200000000 } from './1733200000000-analytics-indexes';
import { CallsAnalyticsIndex1733200000001 } from './1733200000001-calls-analytics-index';
import { CallNotes1733200000002 } from './1733200000002-call-notes';
import { WaitingLine1733400000000 } from './1733400000000-waiting-line';
import { Appointments1733500000000 } from './1733500000000-appointments';

/** Every migration, in order. A new migration is added here and to nothing else. */
export const MIGRATIONS = [
  InitialSchema1732406400000,
  Calls1732500000000,
  CallMedia1732600000000,
  ShopBlocks1732700000000,
  HeldSignals1732750000000,
  CallDeclines1732800000000,
  CallbackCalls1732800000001,
  OpeningHours1732800000002,
  Orders1732900000000,
  AssistedOrders1732900000001,
  Webhooks1733000000000,
  CallMessages1733100000000,
  CallRatings1733100000001,
  AnalyticsIndexes1733200000000,
  CallsAnalyticsIndex1733200000001,
  CallNotes1733200000002,
  WaitingLine1733400000000,
  Appointments1733500000000,
];
