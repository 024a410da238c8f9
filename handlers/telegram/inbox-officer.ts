import type { Deps } from "../../src/deps.js";
import { findOfficerByTelegramId, officerCovers, type OfficerRef } from "../../src/core/officers.js";
import type { BotContext } from "./context.js";

/** The registered, active officer behind this update, or null. */
export async function officerOf(deps: Pick<Deps, "db">, ctx: BotContext): Promise<OfficerRef | null> {
  return ctx.from ? findOfficerByTelegramId(deps.db, ctx.from.id) : null;
}

export const isGroup = (ctx: BotContext) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/** The officer behind this update if their scope covers `ward` (an inbox's ward), else null. */
export async function officerFor(deps: Pick<Deps, "db">, ctx: BotContext, ward: { id: number; provinceCode: string }): Promise<OfficerRef | null> {
  const officer = await officerOf(deps, ctx);
  return officer && officerCovers(officer, ward, ward.provinceCode) ? officer : null;
}
