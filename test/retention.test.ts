import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";
import { pseudonym } from "../src/crypto/identity.js";
import { upsertResident } from "../src/core/residents.js";
import { runRetention } from "../src/core/retention.js";
import { reportFigures } from "../src/core/reports/figures.js";
import { createTip } from "../src/core/tips/create.js";
import { statusKeyFor, webSourceKey } from "../src/core/tips/web.js";
import { relayToTipsterJob } from "../src/jobs/relay-to-tipster.js";
import { retentionJob } from "../src/jobs/retention.js";
import { enqueue, jobId } from "../src/queue/job.js";
import { routeTipJob } from "../src/jobs/route-tip.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, PG_URL, eventually, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { signInOfficer } from "./support/web.js";

const WARD = "00004"; // Phường Ba Đình, Hà Nội
const INBOX = -1_005_400_000_001;
const officer = user(5_401_001, { firstName: "Hà" });
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dump = (schema: string) => execFileSync("pg_dump", ["--data-only", "--schema", schema, PG_URL], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

describe("retention: tipster data erased RETENTION_DAYS (180) after a tip is resolved", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let officerId = 0;
  let seq = 0;
  /** The erased web tip's code and status key. */
  const webTip = { code: "", key: "" };

  /** A Telegram tipster's tip, resolved `resolvedDaysAgo` days ago (null: still open). */
  async function tip(o: { account: string; resolvedDaysAgo: number | null; createdDaysAgo?: number; identity?: string; files?: boolean; seenDaysAgo?: number }) {
    const resident = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: o.account, chatId: o.account, language: "vi" });
    const t = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `tg-ret-${++seq}`, channel: "TELEGRAM", residentId: resident.id, wardCode: WARD, provinceCode: null, category: seq % 2 ? "theft" : "drugs",
      text: `Tin số ${seq} về trộm cắp`, media: o.files ? [{ kind: "document", fileRef: `BQACAgUAAxkBAAI-original-${seq}`, mime: "image/jpeg" }, { kind: "photo", fileRef: "blob:1", mime: "image/jpeg" }] : [],
      anonymous: !o.identity, identity: o.identity,
    });
    const created = daysAgo(o.createdDaysAgo ?? (o.resolvedDaysAgo ?? 0) + 10);
    await app.deps.db.tip.update({
      where: { id: t.id },
      data: { createdAt: created, firstActionAt: created, valuable: seq % 3 === 0, ...(o.resolvedDaysAgo === null ? {} : { status: "RESOLVED", resolvedAt: daysAgo(o.resolvedDaysAgo), outcome: "đã xác minh" }) },
    });
    if (o.seenDaysAgo !== undefined) await app.deps.db.resident.update({ where: { id: resident.id }, data: { lastSeenAt: daysAgo(o.seenDaysAgo) } });
    if (o.files) {
      const blobRef = await app.deps.db.attachment.findFirstOrThrow({ where: { tipId: t.id, fileRef: "blob:1" }, select: { id: true } });
      await app.deps.db.attachmentBlob.create({ data: { attachmentId: blobRef.id, mime: "image/jpeg", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) } });
    }
    return { ...t, residentId: resident.id };
  }

  const residentRow = (id: number) => app.deps.db.resident.findUniqueOrThrow({ where: { id }, select: { pseudonym: true, chatRef: true } });
  const tipRow = (id: number) => app.deps.db.tip.findUniqueOrThrow({ where: { id }, select: { residentId: true, identitySealed: true, erasedAt: true, text: true, status: true } });
  const erasedEvents = (tipId: number) => app.deps.db.tipEvent.count({ where: { tipId, type: "erased" } });
  const figures = () => reportFigures(app.deps.db, { provinceCode: "01", from: daysAgo(800), to: new Date() });

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
    ({ officerId } = await officerWithInbox(app, telegramSession(fake, app.baseUrl), u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Hà" }));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("reads RETENTION_DAYS: 180 by default, a whole number of days from 1", () => {
    expect(parseConfig({}).retention).toEqual({ days: 180 });
    expect(parseConfig({ RETENTION_DAYS: "365" }).retention).toEqual({ days: 365 });
    for (const bad of ["0", "-3", "1.5", "forever"]) {
      expect(() => parseConfig({ RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => parseConfig({ RETENTION_DAYS: bad }), bad).toThrow(/RETENTION_DAYS/);
    }
  });

  it("schedules itself as a repeatable job with BullMQ", async () => {
    const scheduler = await eventually(() => app.deps.queues.maintenance.getJobScheduler("retention"));
    expect(scheduler.name).toBe("retention");
    expect(Number(scheduler.every)).toBe(6 * 3_600_000);
  });

  it("erases tips resolved 181 days ago, keeps those resolved 179 days ago and open ones of any age; reports do not change", async () => {
    const old = await tip({ account: "7100001", resolvedDaysAgo: 181, identity: "Lê Văn Tám 0903 111 222", files: true, seenDaysAgo: 200 });
    // A named tip whose card sits in the ward's inbox, name and phone on it.
    const named = await tip({ account: "7100007", resolvedDaysAgo: null, createdDaysAgo: 195, identity: "Võ Thị Sáu 0905 777 888", seenDaysAgo: 200 });
    await enqueue(app.deps.queues, routeTipJob, { tipId: named.id }, jobId("route", named.id));
    const card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(named.code));
    expect(textOf(card)).toContain("Võ Thị Sáu 0905 777 888");
    await app.deps.db.tip.update({ where: { id: named.id }, data: { status: "RESOLVED", resolvedAt: daysAgo(185) } });
    const recent = await tip({ account: "7100002", resolvedDaysAgo: 179, identity: "Phạm Thị Mai 0904 333 444", seenDaysAgo: 179 });
    const open = await tip({ account: "7100003", resolvedDaysAgo: null, createdDaysAgo: 400, seenDaysAgo: 400 });
    // A tipster still active: the old tip is erased, the person stays reachable for the new one.
    const active = await tip({ account: "7100004", resolvedDaysAgo: 200, seenDaysAgo: 1 });
    const activeNew = await tip({ account: "7100004", resolvedDaysAgo: null, createdDaysAgo: 1 });
    // Residents without tips: a quiet one, and a quiet subscriber still wanting warnings.
    const quiet = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: "7100005", chatId: "7100005", language: "vi" });
    const subscriber = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: "7100006", chatId: "7100006", language: "vi" });
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: WARD }, select: { id: true } });
    await app.deps.db.subscription.create({ data: { residentId: subscriber.id, wardId: ward.id } });
    await app.deps.db.resident.updateMany({ where: { id: { in: [quiet.id, subscriber.id] } }, data: { lastSeenAt: daysAgo(300) } });
    // A web tip resolved 181 days ago: its status key stops opening anything.
    const nonce = randomUUID();
    const key = statusKeyFor(app.deps.identity, nonce);
    const webResident = await app.deps.db.resident.create({ data: { pseudonym: pseudonym(app.deps.identity, "WEB", key), channel: "WEB", chatRef: "", lastSeenAt: daysAgo(191) }, select: { id: true } });
    const web = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: webSourceKey(app.deps.identity, nonce), channel: "WEB", residentId: webResident.id, wardCode: WARD, provinceCode: null, category: "scam", text: "Tin web cũ", media: [], anonymous: true,
    });
    await app.deps.db.tip.update({ where: { id: web.id }, data: { createdAt: daysAgo(191), status: "RESOLVED", resolvedAt: daysAgo(181) } });
    Object.assign(webTip, { code: web.code, key });
    const lookUp = () => fetch(`${app.baseUrl}/report/status`, { method: "POST", body: new URLSearchParams(webTip) });
    expect((await lookUp()).status).toBe(200);
    // The old tip's phone number was reported as a scam indicator, by its tipster.
    const indicator = await app.deps.db.indicator.create({ data: { key: "phone:+84903999888", kind: "PHONE", value: "+84903999888", reportCount: 1 } });
    await app.deps.db.indicatorReport.create({ data: { indicatorId: indicator.id, tipId: old.id, residentId: old.residentId, wardId: ward.id } });
    // Records of handled updates and chat sessions, old and new.
    await app.deps.db.inboundUpdate.createMany({ data: [{ channel: "TELEGRAM", externalId: "old-1", receivedAt: daysAgo(181) }, { channel: "TELEGRAM", externalId: "new-1", receivedAt: daysAgo(1) }] });
    await app.deps.db.chatSession.createMany({ data: [{ key: "tg:abandoned", value: "x" }, { key: "tg:fresh", value: "y" }] });
    await app.deps.db.$executeRawUnsafe(`UPDATE "${app.schema}"."ChatSession" SET "updatedAt" = now() - interval '2 days' WHERE "key" = 'tg:abandoned'`);

    const oldResident = await residentRow(old.residentId);
    const quietResident = await residentRow(quiet.id);
    const activeResident = await residentRow(active.residentId);
    const before = await figures();
    expect(before.received).toBeGreaterThanOrEqual(6);
    expect((await (await signInOfficer(app, officerId)).get(`/tips/${old.code}`)).status).toBe(200);

    // The scheduled job, as a worker runs it.
    await enqueue(app.deps.queues, retentionJob, {}, jobId("retention", "test"));
    await eventually(async () => (await app.deps.queues.maintenance.getJob("retention-test"))?.isCompleted(), undefined, "retention job completed");

    const erased = await tipRow(old.id);
    expect(erased).toMatchObject({ residentId: null, identitySealed: null, text: "Tin số 1 về trộm cắp", status: "RESOLVED" });
    expect(erased.erasedAt).not.toBeNull();
    expect(await tipRow(web.id)).toMatchObject({ residentId: null });
    expect(await tipRow(active.id)).toMatchObject({ residentId: null });
    // 179 days, open at 400 days, and the active tipster's new tip: untouched.
    for (const kept of [recent, open, activeNew]) {
      const row = await tipRow(kept.id);
      expect(row.residentId, kept.code).toBe(kept.residentId);
      expect(row.erasedAt, kept.code).toBeNull();
      expect(await erasedEvents(kept.id)).toBe(0);
    }
    expect((await tipRow(recent.id)).identitySealed).not.toBeNull();
    for (const t of [old, web, active, named]) expect(await erasedEvents(t.id), t.code).toBe(1);
    const event = await app.deps.db.tipEvent.findFirstOrThrow({ where: { tipId: old.id, type: "erased" }, select: { officerId: true, data: true } });
    expect(event).toMatchObject({ officerId: null, data: { retentionDays: 180, identity: true, files: 1 } });

    // The original file's platform reference is gone; the cleaned copy stays for the officers.
    const files = await app.deps.db.attachment.findMany({ where: { tipId: old.id }, orderBy: { id: "asc" }, select: { id: true, fileRef: true } });
    expect(files.map((f) => f.fileRef)).toEqual(["erased:", "blob:1"]);
    expect((await app.deps.db.indicatorReport.findFirstOrThrow({ where: { tipId: old.id } })).residentId).toBe(0);

    // Residents: the old tipster and the quiet one lose pseudonym and chat; the active tipster,
    // the subscriber and the tipsters of kept tips do not.
    for (const id of [old.residentId, quiet.id, webResident.id]) expect(await residentRow(id), String(id)).toMatchObject({ pseudonym: `erased-${id}`, chatRef: "" });
    expect(await residentRow(active.residentId)).toEqual(activeResident);
    expect((await residentRow(subscriber.id)).chatRef).not.toBe("");
    expect((await residentRow(recent.residentId)).chatRef).not.toBe("");
    expect((await residentRow(open.residentId)).chatRef).not.toBe("");

    expect((await app.deps.db.inboundUpdate.findMany({ where: { externalId: { in: ["old-1", "new-1"] } }, select: { externalId: true } })).map((r) => r.externalId)).toEqual(["new-1"]);
    expect((await app.deps.db.chatSession.findMany({ where: { key: { in: ["tg:abandoned", "tg:fresh"] } }, select: { key: true } })).map((s) => s.key)).toEqual(["tg:fresh"]);

    const rows = dump(app.schema);
    for (const gone of [oldResident.pseudonym, oldResident.chatRef, quietResident.pseudonym, quietResident.chatRef, "BQACAgUAAxkBAAI-original-1"]) expect(rows, gone).not.toContain(gone);
    expect(rows).toContain("Tin số 1 về trộm cắp");

    expect(await figures()).toEqual(before);
    expect((await lookUp()).status).toBe(404);

    // The inbox card no longer shows the name and phone.
    const edited = await fake.waitFor((c) => c.method === "editMessageText" && String(c.params["message_id"]) === String(messageIdOf(card)) && !textOf(c).includes("Võ Thị Sáu"));
    expect(textOf(edited)).toContain("Người báo: ẩn danh");
    expect(fake.message(INBOX, messageIdOf(card))?.text ?? "").not.toContain("0905 777 888");
  });

  it("keeps the officer's tip page working, and refuses questions to an erased tipster", async () => {
    const erased = await app.deps.db.tip.findFirstOrThrow({ where: { erasedAt: { not: null }, channel: "TELEGRAM", attachments: { some: {} } }, select: { id: true, code: true, attachments: { where: { fileRef: "blob:1" }, select: { id: true } } } });
    const web = await signInOfficer(app, officerId);
    const page = await (await web.get(`/tips/${erased.code}`)).text();
    expect(page).toContain("Tin số 1 về trộm cắp");
    expect(page).toContain("xoá thông tin người báo");
    expect(page).not.toContain("Lê Văn Tám");
    expect((await web.get(`/tips/${erased.code}/files/${erased.attachments[0]!.id}`)).status).toBe(200);

    const asked = await web.post(`/tips/${erased.code}/ask`, { text: "Anh còn nhớ biển số xe không?", nonce: randomUUID() });
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toContain("error=unreachable");
    const refused = await (await web.get(asked.headers.get("location")!)).text();
    expect(refused).toContain("Không thể liên lạc với người báo tin này nữa");
    expect(await app.deps.db.tipMessage.count({ where: { tipId: erased.id, author: "OFFICER" } })).toBe(0);

    // A question queued just before the erasure ends without a sender, instead of failing for 9 hours.
    const late = await app.deps.db.tipMessage.create({ data: { tipId: erased.id, author: "OFFICER", officerId, text: "Câu hỏi gửi trước khi xoá" }, select: { id: true } });
    await enqueue(app.deps.queues, relayToTipsterJob, { messageId: late.id }, jobId("relay", late.id));
    // Read in one go with its result: finished, and how.
    const job = await eventually(async () => {
      const j = await app.deps.queues.outbound.getJob(jobId("relay", late.id));
      return j?.finishedOn ? j : null;
    }, undefined, "relay job finished");
    expect(job.returnvalue).toEqual({ skipped: "tipster erased" });
  });

  it("erases each tip once when runs overlap (several workers) and repeat", async () => {
    const tips = [];
    for (let i = 0; i < 7; i++) tips.push(await tip({ account: `72000${i}`, resolvedDaysAgo: 190 + i, identity: `Người thứ ${i}`, seenDaysAgo: 200 }));
    const [a, b] = await Promise.all([runRetention(app.deps.db, 180), runRetention(app.deps.db, 180)]);
    expect(a.tips + b.tips).toBe(7);
    expect(a.residents + b.residents).toBe(7);
    for (const t of tips) expect(await erasedEvents(t.id)).toBe(1);
    const again = await runRetention(app.deps.db, 180);
    expect(again).toEqual({ tips: 0, residents: 0, sessions: 0, inboundUpdates: 0, named: [] });
    for (const t of tips) expect(await erasedEvents(t.id)).toBe(1);
  });
});
