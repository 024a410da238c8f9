import { z } from "zod";
import { residentChatId } from "../core/residents.js";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { defineJob } from "../queue/job.js";
import { isLocale } from "../i18n.js";
import { sendZaloText } from "../zalo/send.js";

export const NOTICE_KINDS = ["judged", "closed"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The key of a notice in SentMessage: at most one per tip and kind, whatever the officers do next. */
export const noticeKey = (tipId: number, kind: NoticeKind) => `notify-${tipId}-${kind}`;

/**
 * Tells the tipster, in one short message on the tip's channel, that their tip was judged or
 * closed (the job carries only the tip id and the kind; text and tipster are read here). Sent
 * at most once per kind: an officer changing a judgement back and forth sends nothing more.
 * The judged notice says "valuable" only when the tip is valuable at send time, else just
 * "reviewed". Web tipsters read it on the status page instead; a tipster who sent /tatthongbao,
 * or whom retention erased, gets nothing. On the Zalo OA outside the free window the notice
 * waits, like a relayed question, and goes when the resident next writes (src/zalo/handle.ts).
 */
export const notifyTipsterJob = defineJob({
  queue: "outbound",
  name: "notify-tipster",
  schema: z.object({ tipId: z.number().int().positive(), kind: z.enum(NOTICE_KINDS) }),
  async handle(deps: Deps, { tipId, kind }) {
    const tip = await deps.db.tip.findUnique({
      where: { id: tipId },
      select: { id: true, code: true, valuable: true, resident: { select: { id: true, channel: true, chatRef: true, language: true, tipNotices: true, unreachable: true } } },
    });
    const resident = tip?.resident;
    if (!tip || !resident) return { skipped: "no tipster" };
    if (!resident.tipNotices) return { skipped: "turned off" };
    if (resident.channel === "WEB") return { delivered: "web" };
    const key = noticeKey(tip.id, kind);
    if (await deps.db.sentMessage.findUnique({ where: { key }, select: { key: true } })) return { skipped: "already sent" };
    const locale = isLocale(resident.language) ? resident.language : "vi";
    const t = (k: string) => deps.i18n.t(locale, k, { code: tip.code });
    const zalo = resident.channel === "ZALO_OA" || resident.channel === "ZALO_BOT";
    const what = kind === "closed" ? "notify-closed" : tip.valuable ? "notify-judged-valuable" : "notify-judged-reviewed";
    const text = `${t(what)}\n${t(zalo ? "notify-how-off-zalo" : "notify-how-off")}`;
    if (zalo) {
      if (resident.unreachable) return { skipped: "unreachable" };
      const r = await sendZaloText(deps, resident, text, "relay");
      if (r.kind === "waiting") {
        await deps.db.tipEvent.create({ data: { tipId: tip.id, type: "notice-waiting", data: { kind } } });
        return { waiting: r.reason };
      }
      if (r.kind !== "sent") return { skipped: r.kind };
      await deps.db.sentMessage.upsert({ where: { key }, create: { key, messageId: r.messageId }, update: {} });
      return { sent: true };
    }
    if (resident.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for ${resident.channel}`);
    const chatId = residentChatId(deps.identity, resident.chatRef);
    await sendOnce(deps.db, key, async () => String((await deps.bot!.api.sendMessage(chatId, text)).message_id));
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
    return { sent: true };
  },
});
