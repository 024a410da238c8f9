import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "../src/generated/prisma/enums.js";
import { upsertResident } from "../src/core/residents.js";
import { submitReport } from "../src/core/tips/submit.js";
import { PHOTO_LIMITS } from "../src/media/photo.js";
import { bombPng, cameraPhoto } from "./fakes/images.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { bindInbox } from "./support/faults.js";
import { textOf, to } from "./support/telegram-session.js";

const BA_DINH = "00004";
const INBOX = -1_008_200_000_001;
const BOMB_SIDE = 16_000;

/**
 * The worker cleans the pictures residents send in chats (Telegram image documents, Zalo
 * images) under the web form's limits: a picture of more than 50 megapixels is refused from
 * its header, never decoded, and the officers are told; every cleaned copy is at most 2560 px.
 */
describe("the worker's picture cleaning: pixel cap and size", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let files: Server;
  let filesUrl = "";
  let bomb: Buffer;
  let photo: Buffer;
  let nextChat = 7_820_000;

  /** A resident's tip with these attachments, submitted and routed as the chat flows do. */
  const tipWith = async (channel: Channel, media: Array<{ kind: string; fileRef: string; mime: string }>) => {
    const chatId = nextChat++;
    const r = await upsertResident(app.deps.db, app.deps.identity, { channel, accountId: String(chatId), chatId: String(chatId), language: "vi" });
    const sent = await submitReport(app.deps, {
      residentId: r.id, channel, sourceKey: `media-${chatId}`,
      flow: { step: "confirm", startedBy: chatId, wardCode: BA_DINH, category: "other", text: "Ảnh chụp tin nhắn lừa đảo", media, anonymous: true },
    });
    if (sent.kind !== "sent") throw new Error("tip not sent");
    return app.deps.db.tip.findUniqueOrThrow({ where: { code: sent.code }, select: { id: true, code: true, attachments: { orderBy: { id: "asc" }, select: { id: true } } } });
  };
  /** Resolves once every attachment of the tip was handled (posted, or noted as unprocessable). */
  const handled = (tip: { attachments: Array<{ id: number }> }) =>
    eventually(async () => {
      const keys = tip.attachments.map((a) => `att-${a.id}-`);
      const rows = await app.deps.db.sentMessage.findMany({ where: { OR: keys.map((k) => ({ key: { startsWith: k } })) }, select: { key: true } });
      return rows.length === keys.length;
    }, 120_000, "attachments handled");
  const blobSize = async (attachmentId: number) => {
    const blob = await app.deps.db.attachmentBlob.findUnique({ where: { attachmentId }, select: { bytes: true } });
    if (!blob) return null;
    const meta = await sharp(Buffer.from(blob.bytes)).metadata();
    return { width: meta.width, height: meta.height, exif: meta.exif };
  };
  /** Each run of the tip's card jobs: none failed and was retried. */
  const cardJobFailures = async (tipId: number) => {
    const jobs = await app.deps.queues.outbound.getJobs(["completed", "failed", "delayed", "wait", "active"]);
    return jobs.filter((j) => j.name === "sync-card" && j.data.tipId === tipId).flatMap((j) => j.stacktrace ?? []);
  };

  beforeAll(async () => {
    bomb = bombPng(BOMB_SIDE);
    photo = await cameraPhoto();
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    await bindInbox(app.deps.db, BA_DINH, INBOX);
    // Where Zalo's CDN would serve what residents send.
    files = createServer((req, res) => {
      const body = req.url === "/bomb.png" ? bomb : photo;
      res.writeHead(200, { "content-type": req.url === "/bomb.png" ? "image/png" : "image/jpeg", "content-length": body.length }).end(body);
    });
    await new Promise<void>((r) => files.listen(0, "127.0.0.1", () => r()));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await new Promise((r) => files?.close(r));
  });

  it("the crafted picture is what the issue describes: small, with 256 megapixels", async () => {
    expect(bomb.length).toBeLessThan(300 * 1024);
    const meta = await sharp(bomb).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", BOMB_SIDE, BOMB_SIDE]);
    expect(BOMB_SIDE * BOMB_SIDE).toBeGreaterThan(PHOTO_LIMITS.maxPixels);
  });

  it("Telegram image documents: the oversized one is refused and noted, the camera photo is cleaned to 2560 px", { timeout: 180_000 }, async () => {
    const bombFile = fake.addFile(bomb, { mime: "image/png", path: "documents/scan.png" });
    const photoFile = fake.addFile(photo, { mime: "image/jpeg", path: "documents/camera.jpg" });
    const tip = await tipWith("TELEGRAM", [
      { kind: "document", fileRef: bombFile.file_id, mime: "image/png" },
      { kind: "document", fileRef: photoFile.file_id, mime: "image/jpeg" },
    ]);
    await handled(tip);
    const [bombAtt, photoAtt] = tip.attachments;

    // No cleaned copy of it; the officers are told under the card; the original is never forwarded.
    expect(await blobSize(bombAtt!.id)).toBeNull();
    const note = await fake.waitFor((c) => c.ok && to(INBOX)(c) && textOf(c).includes(`#${tip.code}: một ảnh người báo gửi quá lớn`));
    expect(note.params["reply_parameters"]).toBeDefined();
    expect(fake.calls.filter((c) => c.params["document"] === bombFile.file_id || c.params["photo"] === bombFile.file_id)).toEqual([]);

    // The camera photo: scaled to 2560 px on its longer side, EXIF gone, in the inbox and on the dashboard.
    expect(await blobSize(photoAtt!.id)).toEqual({ width: 2560, height: 1707, exif: undefined });
    const sentPhotos = fake.uploads.filter((x) => x.method === "sendPhoto" && x.at >= note.at - 60_000);
    expect(sentPhotos.length).toBeGreaterThan(0);
    for (const x of sentPhotos) expect(Math.max(...(await sharp(x.bytes).metadata().then((m) => [m.width ?? 0, m.height ?? 0])))).toBeLessThanOrEqual(PHOTO_LIMITS.maxSide);

    // Refusing is final: no run of the card job failed and was retried.
    expect(await cardJobFailures(tip.id)).toEqual([]);
  });

  it("Zalo images: the oversized one is refused and noted, the camera photo is cleaned to 2560 px", { timeout: 180_000 }, async () => {
    const tip = await tipWith("ZALO_OA", [
      { kind: "photo", fileRef: `${filesUrl}/bomb.png`, mime: "image/jpeg" },
      { kind: "photo", fileRef: `${filesUrl}/camera.jpg`, mime: "image/jpeg" },
    ]);
    await handled(tip);
    const [bombAtt, photoAtt] = tip.attachments;
    expect(await blobSize(bombAtt!.id)).toBeNull();
    await fake.waitFor((c) => c.ok && to(INBOX)(c) && textOf(c).includes(`#${tip.code}: một ảnh người báo gửi quá lớn`));
    expect(JSON.stringify(fake.calls.map((c) => c.params))).not.toContain(filesUrl);
    expect(await blobSize(photoAtt!.id)).toEqual({ width: 2560, height: 1707, exif: undefined });
    expect(await cardJobFailures(tip.id)).toEqual([]);
  });
});
