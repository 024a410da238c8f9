import type { Redis } from "ioredis";
import { PROMOTION_TEXT_MAX } from "./oa-schemas.js";
import { claimQuota, inPromotionHours, returnQuota, vnDay } from "./window.js";
import type { Db } from "../db/client.js";

/** Zalo's answers to a promotion outside its hours or past the user's one a day (assumed codes; see README). */
export const PROMOTION_ERRORS = { outsideHours: -237, dailyLimit: -244 } as const;

/** Why a proactive (promotion) message cannot go now. */
export type PromotionBlock = "hours" | "daily" | "quota" | "too-long";

/** A claimed right to send one promotion: give it back when the send certainly did not happen. */
export type PromotionClaim = { release(): Promise<void> };

/** Up to 5 text elements fit in a promotion besides its header (Zalo allows 6 elements; assumed). */
export const MAX_PROMOTION_TEXT = 5 * PROMOTION_TEXT_MAX;

const dailyKey = (prefix: string, residentId: number, now: Date) => `${prefix}:zpromo:${residentId}:${vnDay(now)}`;

/**
 * Claims what one promotion needs, in order: Vietnam hours (06:00–21:59), this resident's one
 * promotion of the Vietnam day (a Redis key, SET NX, so two workers never both send), then a unit
 * of the month's quota. Anything claimed is handed back when a later step fails.
 */
export async function claimPromotion(
  deps: { db: Db; redis: Redis; prefix: string; monthlyQuota: number },
  residentId: number,
  text: string,
  now: Date,
): Promise<PromotionClaim | PromotionBlock> {
  if (text.length > MAX_PROMOTION_TEXT) return "too-long";
  if (!inPromotionHours(now)) return "hours";
  const key = dailyKey(deps.prefix, residentId, now);
  // 26 h: outlives the Vietnam day it names, whatever hour it was claimed at.
  if ((await deps.redis.set(key, "1", "PX", 26 * 3600_000, "NX")) !== "OK") return "daily";
  if (!(await claimQuota(deps.db, deps.monthlyQuota, now))) {
    await deps.redis.del(key);
    return "quota";
  }
  return {
    async release() {
      await returnQuota(deps.db, now);
      await deps.redis.del(key);
    },
  };
}
