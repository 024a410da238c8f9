import type { AnyJobDef } from "../queue/workers.js";
import { campaignDeliverJob } from "./campaign-deliver.js";
import { campaignFanoutJob } from "./campaign-fanout.js";
import { campaignMonitorJob } from "./campaign-monitor.js";
import { campaignSweepJob } from "./campaign-sweep.js";
import { postToInboxJob } from "./post-to-inbox.js";
import { relayToTipsterJob } from "./relay-to-tipster.js";
import { notifyTipsterJob } from "./notify-tipster.js";
import { retentionJob } from "./retention.js";
import { routeTipJob } from "./route-tip.js";
import { syncCardJob } from "./sync-card.js";
import { telegramUpdateJob } from "./telegram-update.js";
import { zaloUpdateJob } from "./zalo-update.js";

/** Every job kind the workers run, by queue and name. */
export const ALL_JOBS: AnyJobDef[] = [
  telegramUpdateJob,
  zaloUpdateJob,
  routeTipJob,
  syncCardJob,
  relayToTipsterJob,
  notifyTipsterJob,
  postToInboxJob,
  campaignFanoutJob,
  campaignDeliverJob,
  campaignMonitorJob,
  campaignSweepJob,
  retentionJob,
];
