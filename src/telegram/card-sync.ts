import { GrammyError, InputFile, type Api } from "grammy";
import type { CardData } from "../core/card.js";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { renderCard } from "./card-view.js";
import { telegramCall } from "./errors.js";
import { downloadTelegramFile } from "./media.js";
import { cleanPhoto } from "../media/photo.js";
import { downloadZaloFile } from "../zalo/media.js";
import { BLOB_REF_PREFIX } from "../core/tips/web.js";

type SyncDeps = Pick<Deps, "db" | "i18n" | "config" | "log" | "metrics">;

const notModified = (err: unknown) => err instanceof GrammyError && /message is not modified/.test(err.description);

async function editCard(api: Api, chatId: string, messageId: string, view: ReturnType<typeof renderCard>): Promise<void> {
  try {
    await telegramCall(() =>
      api.editMessageText(chatId, Number(messageId), view.text, {
        parse_mode: "HTML",
        ...(view.keyboard ? { reply_markup: view.keyboard } : { reply_markup: { inline_keyboard: [] } }),
      }),
    );
  } catch (err) {
    if (notModified(err) || (err instanceof Error && /message is not modified/.test(err.message))) return;
    throw err;
  }
}

/** Posts the tip's card in its inbox once (with cleaned attachments), and edits every card of it in place. */
export async function syncTelegramCard(deps: SyncDeps, api: Api, card: CardData): Promise<{ posted: boolean; edited: number }> {
  let edited = 0;
  for (const c of card.cards) {
    if (c.channel !== "TELEGRAM" || !c.messageId || !c.readOnly) continue;
    if (card.inbox?.groupId === c.groupId) continue; // transferred back: handled below as the live card
    await editCard(api, c.chatId, c.messageId, renderCard(deps.i18n, card, true));
    edited++;
  }
  const inbox = card.inbox;
  if (!inbox || inbox.channel !== "TELEGRAM") return { posted: false, edited };
  const row = await deps.db.tipCard.upsert({
    where: { tipId_groupId: { tipId: card.tipId, groupId: inbox.groupId } },
    create: { tipId: card.tipId, groupId: inbox.groupId },
    update: { readOnly: false },
    select: { id: true, messageId: true },
  });
  const view = renderCard(deps.i18n, card, false);
  if (row.messageId) {
    await editCard(api, inbox.chatId, row.messageId, view);
    return { posted: false, edited: edited + 1 };
  }
  const sent = await telegramCall(() => api.sendMessage(inbox.chatId, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
  await deps.db.tipCard.update({ where: { id: row.id }, data: { messageId: String(sent.message_id) } });
  deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
  await postAttachments(deps, api, card, inbox.chatId, inbox.groupId, sent.message_id);
  return { posted: true, edited };
}

async function postAttachments(deps: SyncDeps, api: Api, card: CardData, chatId: string, groupId: number, cardMessageId: number): Promise<void> {
  const tg = deps.config.telegram;
  if (!tg.enabled) return;
  const reply = { reply_parameters: { message_id: cardMessageId, allow_sending_without_reply: true } };
  const caption = `#${card.code}`;
  const fromZalo = card.channel === "ZALO_OA" || card.channel === "ZALO_BOT";
  const original = (ref: string) => (fromZalo ? downloadZaloFile(ref) : downloadTelegramFile(api, tg.apiRoot, tg.token, ref));
  for (const a of card.attachments) {
    await sendOnce(deps.db, `att-${a.id}-${groupId}`, async () => {
      if (a.fileRef.startsWith(BLOB_REF_PREFIX)) return postStoredCopy(deps, api, chatId, card.code, a.id, { caption, ...reply });
      const isImage = a.kind === "photo" || (a.kind === "document" && /^image\/(jpeg|png|webp|heic|heif|tiff)$/.test(a.mime ?? ""));
      if (isImage) {
        // Never forward the original: it may carry GPS and device data in its EXIF.
        const clean = await cleanPhoto(await original(a.fileRef));
        if (!clean) {
          // Too many pixels to decode safely, or not a picture at all: retrying cannot help, so
          // the officers are told, and this attachment is done.
          const m = await telegramCall(() => api.sendMessage(chatId, deps.i18n.t("vi", "card-attachment-unprocessable", { code: card.code }), reply));
          return String(m.message_id);
        }
        // The same clean copy is what the dashboard shows inline.
        await deps.db.attachmentBlob.upsert({
          where: { attachmentId: a.id },
          create: { attachmentId: a.id, mime: "image/jpeg", bytes: new Uint8Array(clean) },
          update: {},
        });
        const m = await telegramCall(() => api.sendPhoto(chatId, new InputFile(clean, `${card.code}-${a.id}.jpg`), { caption, ...reply }));
        const cleanRef = m.photo?.at(-1)?.file_id ?? null;
        await deps.db.attachment.update({ where: { id: a.id }, data: { cleanRef } });
        return String(m.message_id);
      }
      // Zalo files are links to Zalo's servers: officers get a copy, never the resident's link.
      if (fromZalo) {
        const file = new InputFile(await original(a.fileRef), `${card.code}-${a.id}`);
        const m = await telegramCall(() => api.sendDocument(chatId, file, { caption, ...reply }));
        return String(m.message_id);
      }
      const send: () => Promise<{ message_id: number }> =
        a.kind === "video" ? () => api.sendVideo(chatId, a.fileRef, { caption, ...reply })
        : a.kind === "voice" ? () => api.sendVoice(chatId, a.fileRef, { caption, ...reply })
        : a.kind === "audio" ? () => api.sendAudio(chatId, a.fileRef, { caption, ...reply })
        : () => api.sendDocument(chatId, a.fileRef, { caption, ...reply });
      const m = await telegramCall(send);
      return String(m.message_id);
    });
  }
  if (card.lat !== null && card.lng !== null) {
    // The resident shared this location on purpose, for the officers.
    await sendOnce(deps.db, `loc-${card.tipId}-${groupId}`, async () => {
      const m = await telegramCall(() => api.sendLocation(chatId, card.lat!, card.lng!, reply));
      return String(m.message_id);
    });
  }
}

/**
 * A file that exists only as its cleaned copy in the database (web uploads): posted from the
 * stored bytes. A copy that was never stored (a crash between the tip and its bytes) is skipped.
 */
async function postStoredCopy(
  deps: SyncDeps,
  api: Api,
  chatId: string,
  code: string,
  attachmentId: number,
  opts: { caption: string; reply_parameters: { message_id: number; allow_sending_without_reply: boolean } },
): Promise<string | null> {
  const blob = await deps.db.attachmentBlob.findUnique({ where: { attachmentId }, select: { mime: true, bytes: true } });
  if (!blob) {
    deps.log.warn({ attachmentId }, "stored attachment has no bytes; not posted");
    return null;
  }
  const bytes = Buffer.from(blob.bytes);
  if (blob.mime.startsWith("image/")) {
    const m = await telegramCall(() => api.sendPhoto(chatId, new InputFile(bytes, `${code}-${attachmentId}.jpg`), opts));
    await deps.db.attachment.update({ where: { id: attachmentId }, data: { cleanRef: m.photo?.at(-1)?.file_id ?? null } });
    return String(m.message_id);
  }
  const m = await telegramCall(() => api.sendDocument(chatId, new InputFile(bytes, `${code}-${attachmentId}`), opts));
  return String(m.message_id);
}

