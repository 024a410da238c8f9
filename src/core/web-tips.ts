import { pseudonym, type IdentityKeys } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { routeTipJob } from "../jobs/route-tip.js";
import { enqueue, jobId } from "../queue/job.js";
import type { Category } from "./categories.js";
import { tipsterReply, type ActionResult } from "./tips/actions.js";
import { createTip, firstMessageKey } from "./tips/create.js";
import { STATUS_SELECT, statusView, type TipStatusView } from "./tips/queries.js";
import { normalizeTrackingCode } from "./tracking-code.js";
import { BLOB_REF_PREFIX, normalizeStatusKey, statusKeyFor, webSourceKey } from "./tips/web.js";

/**
 * Tips from the public web page. A web tipster has no account: each tip gets its own Resident,
 * known only by a keyed pseudonym of a secret "status key" that only the tipster is shown (it is
 * derived from the form's random nonce; neither is stored, only keyed hashes of them). The tracking
 * code names the tip; code and key together open its status and the officers' questions.
 */

export type WebTipDeps = Pick<Deps, "db" | "queues" | "identity" | "metrics">;

const webPseudonym = (keys: IdentityKeys, statusKey: string) => pseudonym(keys, "WEB", statusKey);

export type WebTipInput = {
  /** The form's one-time id: the seed of its status key and, hashed, the tip's idempotency key. */
  nonce: string;
  locale: string;
  wardCode: string;
  category: Category;
  text: string;
  place?: string | undefined;
  when?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  /** Name and phone, only when the tipster chose to give them (sealed at rest). */
  identity?: string | undefined;
  /** Photos already cleaned of their metadata (the originals are never passed in). */
  photos: Array<{ bytes: Buffer; mime: string }>;
};

export type WebTipResult = { kind: "no-ward" } | { kind: "sent"; code: string; statusKey: string; wardName: string; created: boolean };

/** Turns a submitted web form into a tip (once per nonce) and queues its routing, like any channel. */
export async function submitWebTip(deps: WebTipDeps, input: WebTipInput): Promise<WebTipResult> {
  const ward = await deps.db.ward.findUnique({ where: { code: input.wardCode }, select: { name: true, provinceCode: true } });
  if (!ward) return { kind: "no-ward" };
  const statusKey = statusKeyFor(deps.identity, input.nonce);
  const p = webPseudonym(deps.identity, statusKey);
  const resident = await deps.db.resident.upsert({
    where: { pseudonym: p },
    create: { pseudonym: p, channel: "WEB", chatRef: "", language: input.locale },
    update: {},
    select: { id: true },
  });
  const tip = await createTip(deps.db, deps.identity, {
    sourceKey: webSourceKey(deps.identity, input.nonce),
    channel: "WEB",
    residentId: resident.id,
    wardCode: input.wardCode,
    provinceCode: ward.provinceCode,
    category: input.category,
    text: input.text,
    place: input.place,
    happenedAt: input.when,
    lat: input.lat,
    lng: input.lng,
    media: input.photos.map((ph, i) => ({ kind: "photo", fileRef: `${BLOB_REF_PREFIX}${i + 1}`, mime: ph.mime, size: ph.bytes.length })),
    anonymous: !input.identity,
    identity: input.identity,
  });
  if (input.photos.length) await storePhotos(deps, tip.id, input.photos);
  // Routing comes after the bytes are stored: the inbox card posts them.
  await enqueue(deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
  if (tip.created) deps.metrics.inc("wardline_tips_created_total", { channel: "web" });
  return { kind: "sent", code: tip.code, statusKey, wardName: ward.name, created: tip.created };
}

export type WebReceipt = {
  code: string;
  statusKey: string;
  wardName: string;
  tipId: number;
  /** The first submit stored the tip but stopped before its routing ran (Redis away, a crash). */
  unfinished: boolean;
  /** …and before its photos were stored: the repeat's photos are needed once more. */
  photosMissing: boolean;
};

/**
 * The receipt of the tip already sent with `nonce` (a double submit, a reload, a replay), or
 * null: answered from the database alone, so a repeat of a finished tip costs no photo decoding.
 */
export async function webTipReceipt(deps: Pick<WebTipDeps, "db" | "identity">, nonce: string): Promise<WebReceipt | null> {
  const tip = await deps.db.tip.findUnique({
    where: { sourceKey: webSourceKey(deps.identity, nonce) },
    select: {
      id: true,
      code: true,
      routedAt: true,
      ward: { select: { name: true } },
      events: { where: { type: { in: ["routed", "unrouted"] } }, take: 1, select: { id: true } },
      attachments: { where: { fileRef: { startsWith: BLOB_REF_PREFIX } }, select: { blob: { select: { attachmentId: true } } } },
    },
  });
  if (!tip) return null;
  const unfinished = !tip.routedAt && tip.events.length === 0;
  return {
    code: tip.code,
    statusKey: statusKeyFor(deps.identity, nonce),
    wardName: tip.ward?.name ?? "",
    tipId: tip.id,
    unfinished,
    photosMissing: unfinished && tip.attachments.some((a) => !a.blob),
  };
}

/** Finishes what a first submit left undone (see `WebReceipt.unfinished`): its photos, then its routing. */
export async function finishWebTip(deps: WebTipDeps, tipId: number, photos: WebTipInput["photos"]): Promise<void> {
  if (photos.length) await storePhotos(deps, tipId, photos);
  await enqueue(deps.queues, routeTipJob, { tipId }, jobId("route", tipId));
}

/** The cleaned bytes of each `blob:<n>` attachment; a repeated submit writes nothing twice. */
async function storePhotos(deps: WebTipDeps, tipId: number, photos: WebTipInput["photos"]): Promise<void> {
  const attachments = await deps.db.attachment.findMany({
    where: { tipId, fileRef: { startsWith: BLOB_REF_PREFIX } },
    orderBy: { id: "asc" },
    select: { id: true, fileRef: true },
  });
  const data = attachments.flatMap((a) => {
    const photo = photos[Number(a.fileRef.slice(BLOB_REF_PREFIX.length)) - 1];
    return photo ? [{ attachmentId: a.id, mime: photo.mime, bytes: new Uint8Array(photo.bytes) }] : [];
  });
  if (data.length) await deps.db.attachmentBlob.createMany({ data, skipDuplicates: true });
}

export type WebThreadMessage = { author: "OFFICER" | "TIPSTER"; text: string; at: Date };
/** What happened to the tip, one line each (the web tipster's notices: they get no push). */
export type WebTipEvent = { key: "notify-status-judged-valuable" | "notify-status-judged-reviewed" | "notify-status-closed"; at: Date };
export type WebTipStatus = { residentId: number; tipId: number; status: TipStatusView; thread: WebThreadMessage[]; events: WebTipEvent[]; canAnswer: boolean };

async function webResidentId(deps: Pick<WebTipDeps, "db" | "identity">, statusKey: string): Promise<number | null> {
  const key = normalizeStatusKey(statusKey);
  if (!key) return null;
  const r = await deps.db.resident.findUnique({ where: { pseudonym: webPseudonym(deps.identity, key) }, select: { id: true, channel: true } });
  return r?.channel === "WEB" ? r.id : null;
}

/**
 * A web tip's state and its exchange with the officers (questions and answers, never officers'
 * names), for the holder of its code and status key; null for any wrong pair, whichever part is
 * wrong. Questions shown here count as delivered to the tipster.
 */
export async function webTipStatus(deps: Pick<WebTipDeps, "db" | "identity">, code: string, statusKey: string): Promise<WebTipStatus | null> {
  const c = normalizeTrackingCode(code);
  const residentId = c ? await webResidentId(deps, statusKey) : null;
  if (!c || !residentId) return null;
  const tip = await deps.db.tip.findFirst({ where: { code: c, residentId }, select: { id: true, sourceKey: true, ...STATUS_SELECT } });
  if (!tip) return null;
  const status = statusView(tip);
  const messages = await deps.db.tipMessage.findMany({
    where: { tipId: tip.id, author: { in: ["OFFICER", "TIPSTER"] }, NOT: { sourceKey: firstMessageKey(tip.sourceKey) } },
    orderBy: { id: "asc" },
    select: { id: true, author: true, text: true, createdAt: true, relayedAt: true },
  });
  const unseen = messages.filter((m) => m.author === "OFFICER" && !m.relayedAt).map((m) => m.id);
  if (unseen.length) await deps.db.tipMessage.updateMany({ where: { id: { in: unseen }, relayedAt: null }, data: { relayedAt: new Date() } });
  const thread = messages.map((m) => ({ author: m.author as "OFFICER" | "TIPSTER", text: m.text, at: m.createdAt }));
  return { residentId, tipId: tip.id, status, thread, events: await tipEvents(deps, tip.id, status), canAnswer: status.status !== "RESOLVED" && thread.some((m) => m.author === "OFFICER") };
}

/**
 * The judgement and the closure, as the tipster may know them: "valuable" or merely "reviewed"
 * (never "not valuable"), dated by the first such event; a merged duplicate reads as closed.
 */
async function tipEvents(deps: Pick<WebTipDeps, "db">, tipId: number, status: TipStatusView): Promise<WebTipEvent[]> {
  const rows = await deps.db.tipEvent.findMany({
    where: { tipId, type: { in: ["assessed", "resolved", "merged"] } },
    orderBy: { id: "asc" },
    select: { type: true, createdAt: true },
  });
  const judged = rows.find((r) => r.type === "assessed");
  const closed = rows.find((r) => r.type !== "assessed");
  const events: WebTipEvent[] = [];
  if (judged && status.valuable !== null) events.push({ key: status.valuable ? "notify-status-judged-valuable" : "notify-status-judged-reviewed", at: judged.createdAt });
  if (closed && status.status === "RESOLVED") events.push({ key: "notify-status-closed", at: closed.createdAt });
  return events;
}

/** A web tipster's answer to the officers' questions, posted under the tip's inbox card (once per nonce). */
export async function answerWebTip(
  deps: Pick<WebTipDeps, "db" | "identity" | "queues">,
  input: { code: string; statusKey: string; text: string; nonce: string },
): Promise<ActionResult> {
  const found = await webTipStatus(deps, input.code, input.statusKey);
  if (!found) return { ok: false, reason: "not-found" };
  if (!found.canAnswer) return { ok: false, reason: found.status.status === "RESOLVED" ? "resolved" : "forbidden" };
  return tipsterReply(deps, found.residentId, found.status.code, input.text, `web:${input.nonce}`);
}
