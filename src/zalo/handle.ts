import { loadChatState, saveChatState } from "../core/chat-session.js";
import { upsertResident } from "../core/residents.js";
import { seal } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { isLocale, type Locale } from "../i18n.js";
import { relayToTipsterJob } from "../jobs/relay-to-tipster.js";
import { NOTICE_KINDS, notifyTipsterJob } from "../jobs/notify-tipster.js";
import { enqueue, jobId } from "../queue/job.js";
import { createZaloConversation } from "../../handlers/zalo/conversation.js";
import { splitWord, type ZaloContext } from "../../handlers/zalo/context.js";
import type { ZaloInbound } from "./inbound.js";
import { sendZaloText } from "./send.js";

export type ZaloChannel = "ZALO_OA" | "ZALO_BOT";

const conversations = new WeakMap<Deps, ReturnType<typeof createZaloConversation>>();

/**
 * Handles one resident message from Zalo: records the resident (pseudonym, sealed address),
 * opens the OA reply window, runs the conversation, sends its replies as one message, and
 * only then saves the conversation state. A retry after a failed send therefore replays the
 * message from the same state; what it wrote (tips, answers) is keyed by the message id.
 */
export async function handleZaloMessage(deps: Deps, channel: ZaloChannel, msg: ZaloInbound): Promise<void> {
  let conversation = conversations.get(deps);
  if (!conversation) conversations.set(deps, (conversation = createZaloConversation(deps)));
  const resident = await upsertResident(deps.db, deps.identity, { channel, accountId: msg.userId, chatId: msg.replyTo, language: "vi" });
  const chatRef = seal(deps.identity, msg.replyTo);
  const writes = msg.kind !== "follow" && msg.kind !== "unfollow";
  if (writes) {
    // Reachable again, at the address this message came from; on the OA the free-reply window
    // opens when the resident wrote (Zalo's time), not when a worker got to it.
    const window = channel === "ZALO_OA" ? { windowOpenedAt: new Date(Math.min(msg.at, Date.now())), windowReplies: 0 } : {};
    await deps.db.resident.update({ where: { id: resident.id }, data: { chatRef, unreachable: false, ...window } });
  }

  const key = `zalo:${resident.pseudonym}`;
  const state = await loadChatState(deps, key);
  const before = JSON.stringify(state);
  const replies: string[] = [];
  const locale: Locale = isLocale(resident.language) ? resident.language : "vi";
  const ctx: ZaloContext = {
    msg,
    channel,
    resident,
    locale,
    t: (k, a) => deps.i18n.t(ctx.locale, k, a),
    state,
    reply: (text) => void replies.push(text),
    ...splitWord(msg.text ?? ""),
  };
  await conversation(ctx);

  if (replies.length) await sendZaloText(deps, { id: resident.id, channel, chatRef }, replies.join("\n\n"), "reply");
  if (JSON.stringify(ctx.state) !== before) {
    await saveChatState(deps, key, ctx.state);
  }
  if (writes) await releaseWaitingQuestions(deps, resident.id, msg.key);
}

/** Officers' questions that waited for the window: the resident wrote, so they go now. */
async function releaseWaitingQuestions(deps: Deps, residentId: number, after: string): Promise<void> {
  const waiting = await deps.db.tipMessage.findMany({
    where: { author: "OFFICER", relayedAt: null, tip: { residentId } },
    orderBy: { id: "asc" },
    take: 20,
    select: { id: true },
  });
  for (const m of waiting) await enqueue(deps.queues, relayToTipsterJob, { messageId: m.id }, jobId("relay", m.id, "w", after));
  // Notices (tip judged / closed) that waited too; the job skips any already sent.
  const notices = await deps.db.tipEvent.findMany({
    where: { type: "notice-waiting", tip: { residentId } },
    orderBy: { id: "desc" },
    take: 20,
    select: { tipId: true, data: true },
  });
  for (const n of notices) {
    const kind = NOTICE_KINDS.find((k) => k === (n.data as { kind?: unknown } | null)?.kind);
    if (kind) await enqueue(deps.queues, notifyTipsterJob, { tipId: n.tipId, kind }, jobId("notify", n.tipId, kind, "w", after));
  }
}
