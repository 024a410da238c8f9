import { sealJson, unsealJson, type IdentityKeys } from "../crypto/identity.js";
import type { Db } from "../db/client.js";
import { parseChatState, type ChatState } from "./chat-state.js";

/**
 * A conversation untouched this long is abandoned: it is not resumed, and the retention job
 * deletes it. A day lets a resident finish a report after a night's sleep, and no longer.
 */
export const CHAT_STATE_TTL_MS = 24 * 3_600_000;

type SessionDeps = { db: Db; identity: IdentityKeys };

/**
 * The conversation state of a chat (`tg:<pseudonym>`, `zalo:<pseudonym>`). It holds what the
 * resident typed (a tip's draft, a name and phone), so it is stored sealed; an abandoned one
 * reads as a fresh start and is deleted.
 */
export async function loadChatState(deps: SessionDeps, key: string, now = new Date()): Promise<ChatState> {
  const row = await deps.db.chatSession.findUnique({ where: { key }, select: { value: true, updatedAt: true } });
  if (!row) return {};
  const cutoff = new Date(now.getTime() - CHAT_STATE_TTL_MS);
  if (row.updatedAt < cutoff) {
    // Only if still untouched: a message that saved it meanwhile keeps its state.
    await deps.db.chatSession.deleteMany({ where: { key, updatedAt: { lt: cutoff } } });
    return {};
  }
  return parseChatState(openValue(deps.identity, row.value));
}

/** Saves the state sealed; an empty state deletes the row, so nothing is kept for an idle chat. */
export async function saveChatState(deps: SessionDeps, key: string, state: ChatState): Promise<void> {
  if (Object.keys(state).length === 0) {
    await deps.db.chatSession.deleteMany({ where: { key } });
    return;
  }
  const value = sealJson(deps.identity, state);
  await deps.db.chatSession.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * A sealed value is a JSON string; an object is a state written in clear before sealing began
 * (read once, sealed at the next save, deleted by the retention job after a day otherwise).
 * A value that does not open (another key, tampering) starts afresh rather than crash.
 */
function openValue(keys: IdentityKeys, value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return unsealJson(keys, value);
  } catch {
    return {};
  }
}
