import type { User } from "grammy/types";
import { createBindingCode } from "../../src/core/officers.js";
import type { Call } from "../fakes/telegram-api.js";
import type { UpdateFactory } from "../fakes/telegram-updates.js";
import type { TestApp } from "./app.js";
import { to, type telegramSession } from "./telegram-session.js";

/**
 * Registers `officer` for `wardCode` and has them bind the Telegram group `inbox` as that
 * ward's inbox with a one-time code, as an administrator would. Returns the officer's id and
 * the bot's confirmation in the group.
 */
export async function officerWithInbox(
  app: TestApp,
  tg: ReturnType<typeof telegramSession>,
  u: UpdateFactory,
  o: { officer: User; wardCode: string; inbox: number; name?: string; canBroadcast?: boolean },
): Promise<{ officerId: number; confirmation: Call }> {
  const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: o.wardCode }, select: { id: true, provinceCode: true } });
  const { id: officerId } = await app.deps.db.officer.create({
    data: { telegramUserId: BigInt(o.officer.id), displayName: o.name ?? o.officer.first_name, wardId: ward.id, provinceCode: ward.provinceCode, canBroadcast: o.canBroadcast ?? false },
    select: { id: true },
  });
  const { code } = await createBindingCode(app.deps.db, o.wardCode);
  const confirmation = await tg.send(u.groupCommand(o.inbox, o.officer, "/bind", code), to(o.inbox));
  return { officerId, confirmation };
}
