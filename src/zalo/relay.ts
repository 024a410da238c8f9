import { UnrecoverableError } from "bullmq";
import type { Deps } from "../deps.js";
import type { Locale } from "../i18n.js";
import { noticeUnderCard } from "../telegram/inbox-thread.js";
import { sendZaloText, type ZaloRecipient } from "./send.js";

/** Officers work in Vietnamese. */
const L = "vi" as const;

type Question = { id: number; text: string; tip: { id: number; code: string } };

/** Tells the tip's inbox, once per question and reason, why the question has not reached the tipster. */
async function tellInbox(deps: Deps, q: Question, reason: "waiting" | "unreachable"): Promise<void> {
  const oa = deps.config.zalo.oa;
  const key = reason === "waiting" ? "inbox-relay-waiting" : "inbox-relay-unreachable";
  const text = deps.i18n.t(L, key, { code: q.tip.code, hours: oa.enabled ? Math.round(oa.windowMs / 3_600_000) : 48 });
  if (!(await noticeUnderCard(deps, q.tip.id, `relay-${reason}-${q.id}`, text))) return;
  await deps.db.tipEvent.create({ data: { tipId: q.tip.id, type: reason === "waiting" ? "relay-waiting" : "relay-unreachable", data: { messageId: q.id } } });
}

/**
 * Relays an officer's question to a tipster on Zalo. Inside the OA's free window it goes now;
 * outside it, it waits (the officer is told why) and goes when the resident next writes.
 */
export async function relayToZalo(deps: Deps, q: Question, to: ZaloRecipient, locale: Locale): Promise<{ relayed: boolean; waiting?: string }> {
  const done = await deps.db.sentMessage.findUnique({ where: { key: `relay-${q.id}` }, select: { key: true } });
  if (!done) {
    const t = (k: string, a?: Record<string, string>) => deps.i18n.t(locale, k, a);
    const text = `${t("relay-question", { code: q.tip.code })}\n\n${q.text}\n\n${t("zalo-answer-how")}`;
    const r = await sendZaloText(deps, to, text, "relay");
    if (r.kind === "waiting") {
      await tellInbox(deps, q, "waiting");
      return { relayed: false, waiting: r.reason };
    }
    if (r.kind === "gone") {
      await tellInbox(deps, q, "unreachable");
      return { relayed: false, waiting: "unreachable" };
    }
    if (r.kind === "refused") throw new UnrecoverableError(`Zalo refused the question: ${r.reason}`);
    await deps.db.sentMessage.upsert({ where: { key: `relay-${q.id}` }, create: { key: `relay-${q.id}`, messageId: r.messageId }, update: {} });
  }
  await deps.db.tipMessage.update({ where: { id: q.id }, data: { relayedAt: new Date() } });
  return { relayed: true };
}
