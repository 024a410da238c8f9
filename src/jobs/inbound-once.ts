import { DelayedError, type Job } from "bullmq";
import type { Db } from "../db/client.js";
import type { Deps } from "../deps.js";
import type { Channel } from "../generated/prisma/enums.js";
import { exclusive } from "../queue/exclusive.js";
import { firstNotice, paceSender } from "../queue/flood.js";
import { lockToken } from "../queue/workers.js";

/** An inbound update as the database remembers it: its channel and the platform's id for it. */
export type InboundKey = { channel: Channel; externalId: string };

/** What a channel supplies to handle one update; the rest is the same for every channel. */
export type InboundPlan = {
  /** The sender to pace (a pseudonym) and the one polite notice when they are slowed; omitted: not paced. */
  pace?: { who: string; notify(): Promise<unknown> } | undefined;
  /** The lock that keeps one chat's updates in order; omitted: none needed. */
  lockKey?: string | undefined;
  handle(): Promise<unknown>;
};

/** True once the update was handled (BullMQ's job id only dedupes while the job exists). */
export async function alreadyHandled(db: Db, key: InboundKey): Promise<boolean> {
  const seen = await db.inboundUpdate.findUnique({ where: { channel_externalId: key }, select: { processedAt: true } });
  return Boolean(seen?.processedAt);
}

/**
 * Handles one inbound update and records it as processed. A flooding sender is slowed, never
 * dropped; one chat's updates are handled one at a time, in order.
 */
export async function handleOnce(deps: Pick<Deps, "db" | "redis" | "config">, job: Job, key: InboundKey, plan: InboundPlan): Promise<unknown> {
  if (plan.pace) {
    const { prefix } = deps.config.redis;
    // Paced by when the update arrived, not when a worker got to it: a backlog is not a flood.
    const pace = await paceSender(deps.redis, prefix, plan.pace.who, key.externalId, deps.config.limits.messagesPerMinute, job.timestamp);
    const waitMs = pace.allowAt - Date.now();
    if (waitMs > 0) {
      if (await firstNotice(deps.redis, prefix, plan.pace.who, 10 * 60_000)) await plan.pace.notify();
      // Slowed, not dropped: the update is handled when its turn comes.
      await job.moveToDelayed(Date.now() + waitMs, lockToken(job));
      throw new DelayedError();
    }
  }
  const run = async () => {
    await deps.db.inboundUpdate.upsert({ where: { channel_externalId: key }, create: key, update: {} });
    await plan.handle();
    await deps.db.inboundUpdate.update({ where: { channel_externalId: key }, data: { processedAt: new Date() } });
    return { handled: true };
  };
  return plan.lockKey === undefined ? run() : exclusive(deps.redis, plan.lockKey, job, run);
}
