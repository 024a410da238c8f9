import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";
import { seedTelegramTip, signInOfficer, type WebClient } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX = -1_009_000_000_001;
const NEW_INBOX = -1_009_000_000_002;
const leaderUser = user(6_900_001, { firstName: "Hùng" });
const newOfficer = user(6_900_002, { firstName: "Nga" });

describe("administration and assignment on the dashboard", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let admin: WebClient;
  let leader: WebClient;
  let leaderId = 0;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    ({ officerId: leaderId } = await officerWithInbox(app, tg, u, { officer: leaderUser, wardCode: BA_DINH, inbox: INBOX, name: "Trưởng CA Hùng" }));
    await app.deps.db.officer.update({ where: { id: leaderId }, data: { role: "WARD_LEADER" } });
    const adminId = (await app.deps.db.officer.create({ data: { telegramUserId: 6_900_099n, displayName: "Quản trị", role: "ADMIN" } })).id;
    admin = await signInOfficer(app, adminId);
    leader = await signInOfficer(app, leaderId);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("is 404 for anyone but an administrator, and changes nothing", async () => {
    expect((await leader.get("/admin")).status).toBe(404);
    const r = await leader.post("/admin/officers", { telegramUserId: "123", displayName: "X", role: "ADMIN" });
    expect(r.status).toBe(404);
    expect(await app.deps.db.officer.count({ where: { telegramUserId: 123n } })).toBe(0);
    // Every other administrator's route too.
    const before = await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH }, select: { targetHours: true } });
    expect((await leader.post(`/admin/officers/${leaderId}/active`, { active: "0" })).status).toBe(404);
    expect((await leader.post(`/admin/wards/${BA_DINH}/target`, { hours: "1" })).status).toBe(404);
    expect((await leader.post(`/admin/wards/${BA_DINH}/binding-code`, {})).status).toBe(404);
    expect(await app.deps.db.officer.findUniqueOrThrow({ where: { id: leaderId }, select: { active: true } })).toEqual({ active: true });
    expect(await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH }, select: { targetHours: true } })).toEqual(before);
    expect(await app.deps.db.bindingCode.count({ where: { ward: { code: BA_DINH }, usedAt: null } })).toBe(0);
  });

  it("registers an officer, who can then use /login; a binding code made on the page binds a group by /bind", async () => {
    const saved = await admin.post("/admin/officers", { telegramUserId: String(newOfficer.id), displayName: "Cán bộ Nga", role: "WARD_OFFICER", wardCode: CUA_NAM });
    expect(saved.headers.get("location")).toBe("/admin?done=officer-saved");
    expect(await (await admin.get("/admin")).text()).toContain("Cán bộ Nga");
    const bad = await admin.post("/admin/officers", { telegramUserId: "77", displayName: "Y", role: "WARD_OFFICER", wardCode: "" });
    expect(bad.headers.get("location")).toBe("/admin?error=ward-needed");
    const link = await tg.send(u.privateCommand(newOfficer, "/login"), to(newOfficer.id));
    expect(textOf(link)).toContain("/auth/");

    expect((await admin.post("/admin/wards/99999/binding-code", {})).status).toBe(404);
    const page = await (await admin.post(`/admin/wards/${CUA_NAM}/binding-code`, {})).text();
    expect(page).toContain("Cửa Nam");
    const code = /\/bind ([0-9A-Z]{10})/.exec(page)![1]!;
    const bound = await tg.send(u.groupCommand(NEW_INBOX, newOfficer, "/bind", code), to(NEW_INBOX));
    expect(textOf(bound)).toContain("Cửa Nam");
  });

  it("changes a ward's target time, and the queue flags tips past it", async () => {
    const tip = await seedTelegramTip(app, { chatId: 7_900_001, wardCode: BA_DINH, text: "Nhóm thanh niên tụ tập gây rối" });
    await app.deps.db.tip.update({ where: { id: tip.id }, data: { createdAt: new Date(Date.now() - 3 * 3_600_000) } });
    const flagged = async () => (await (await leader.get("/inbox")).text()).includes(`<tr data-code="${tip.code}" class="overdue">`);
    expect(await flagged()).toBe(false); // 3 h waited, 24 h target
    expect((await admin.post(`/admin/wards/${BA_DINH}/target`, { hours: "2" })).headers.get("location")).toContain("done=target-saved");
    expect(await flagged()).toBe(true);
  });

  it("lets a ward leader assign a tip to an officer of the ward, but not to one of another ward", async () => {
    const tip = await seedTelegramTip(app, { chatId: 7_900_002, wardCode: BA_DINH, text: "Xe lạ đỗ trước cổng trường nhiều ngày" });
    const member = await app.deps.db.officer.create({ data: { telegramUserId: 6_900_010n, displayName: "Cán bộ Bình", wardId: (await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH } })).id, provinceCode: "01" } });
    const outsider = await app.deps.db.officer.findUniqueOrThrow({ where: { telegramUserId: BigInt(newOfficer.id) } });
    const page = await (await leader.get(`/tips/${tip.code}`)).text();
    expect(page).toContain(`<option value="${member.id}"`);
    expect(page).not.toContain(`<option value="${outsider.id}"`);
    expect((await leader.post(`/tips/${tip.code}/assign`, { officer: String(outsider.id) })).headers.get("location")).toContain("error=not-officer");
    expect((await leader.post(`/tips/${tip.code}/assign`, { officer: String(member.id) })).headers.get("location")).toContain("done=assign");
    const row = await app.deps.db.tip.findUniqueOrThrow({ where: { id: tip.id }, select: { status: true, claimedById: true } });
    expect(row).toEqual({ status: "CLAIMED", claimedById: member.id });
    expect(await (await leader.get(`/tips/${tip.code}`)).text()).toMatch(/giao việc · <b>Trưởng CA Hùng<\/b> · Cán bộ Bình/);

    // A ward officer has no assign form, and the action is refused.
    const plain = await signInOfficer(app, member.id);
    expect(await (await plain.get(`/tips/${tip.code}`)).text()).not.toContain("/assign");
    expect((await plain.post(`/tips/${tip.code}/assign`, { officer: String(member.id) })).headers.get("location")).toContain("error=forbidden");
  });

  it("deactivating an officer ends their session at once", async () => {
    const member = await app.deps.db.officer.findFirstOrThrow({ where: { displayName: "Cán bộ Bình" } });
    const session = await signInOfficer(app, member.id);
    expect((await session.get("/inbox")).status).toBe(200);
    expect((await admin.post(`/admin/officers/${member.id}/active`, { active: "0" })).headers.get("location")).toBe("/admin?done=deactivated");
    expect((await session.get("/inbox")).status).toBe(303);
  });
});
