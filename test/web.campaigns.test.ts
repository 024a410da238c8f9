import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";
import { signInOfficer, type WebClient } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the preview's confirmation form, as the browser would send them. */
function confirmFields(page: string): Record<string, string> {
  const form = /<form method="post" action="\/campaigns" class="confirm">([\s\S]*?)<\/form>/.exec(page)?.[1];
  if (!form) throw new Error(`no confirmation form in: ${page.slice(0, 2_000)}`);
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescape(m[2]!);
  delete fields["_csrf"]; // the client adds its own (or leaves it out on purpose)
  return fields;
}

describe("dashboard: warning campaigns composed on the page, with the chat's rules, and their results", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let lan: WebClient; // ward officer of Ba Đình, may broadcast
  let minh: WebClient; // ward officer of Ba Đình, may not
  let tuan: WebClient; // ward officer of Cửa Nam, may broadcast
  let baGroups: number[] = [];
  let cnGroups: number[] = [];
  let baResident = 0;
  let cnResident = 0;

  let nextGroup = -1_003_500_000_000;
  const makeGroups = async (n: number, wardId: number) => {
    const ids = Array.from({ length: n }, () => nextGroup--);
    await app.deps.db.chatGroup.createMany({ data: ids.map((id) => ({ channel: "TELEGRAM" as const, chatId: String(id), title: `Tổ dân phố ${id}`, memberCount: 30, purpose: "AUDIENCE" as const, wardId })) });
    return ids;
  };
  const subscriber = async (id: number, wardCode: string) => {
    const r = user(id);
    await tg.send(u.privateCommand(r, "/start", wardCode), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    await tg.send(u.privateCommand(r, "/subscribe"), (c) => to(r.id)(c) && /Đã đăng ký/.test(textOf(c)));
    return r.id;
  };
  /** Chats that received `text` as a message of their own (not a copy), one entry per send. */
  const receivers = (text: string) =>
    fake.calls.filter((c) => c.ok && c.method === "sendMessage" && c.params["text"] === text).map((c) => Number(c.params["chat_id"])).sort((a, b) => a - b);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const status = async (id: number) => (await app.deps.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  const done = (id: number) => eventually(async () => (await status(id)) === "DONE", WAIT_MS, `campaign ${id} done`);
  const idIn = (res: Response) => Number(/^\/campaigns\/(\d+)\?done=launched$/.exec(res.headers.get("location") ?? "")?.[1] ?? NaN);

  /** Previews a warning on the page and returns the confirmation form's fields. */
  const preview = async (web: WebClient, form: Record<string, string>) => {
    const res = await web.post("/campaigns/preview", form);
    const page = await res.text();
    expect(res.status, page.slice(0, 500)).toBe(200);
    return { page, fields: confirmFields(page) };
  };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5_000, globalPerSecond: 1_000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    const ward = (code: string) => app.deps.db.ward.findUniqueOrThrow({ where: { code }, select: { id: true, provinceCode: true } });
    const [ba, cn] = [await ward(BA_DINH), await ward(CUA_NAM)];
    const officer = async (displayName: string, w: { id: number; provinceCode: string }, canBroadcast: boolean) =>
      (await app.deps.db.officer.create({ data: { displayName, wardId: w.id, provinceCode: w.provinceCode, canBroadcast }, select: { id: true } })).id;
    lan = await signInOfficer(app, await officer("Cán bộ Lan", ba, true));
    minh = await signInOfficer(app, await officer("Cán bộ Minh", ba, false));
    tuan = await signInOfficer(app, await officer("Cán bộ Tuấn", cn, true));
    baGroups = await makeGroups(2, ba.id);
    cnGroups = await makeGroups(1, cn.id);
    baResident = await subscriber(7_800_001, BA_DINH);
    cnResident = await subscriber(7_800_002, CUA_NAM);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("an officer composes a warning, previews it, confirms; each group and subscriber of the ward gets it once, and the list shows the results", async () => {
    const form = await lan.get("/campaigns/new");
    const formPage = await form.text();
    expect(form.status).toBe(200);
    // As in the chat, a ward officer is offered their own ward only.
    expect(formPage).toContain(`name="area" value="ward"`);
    expect(formPage).not.toContain(`value="pick"`);
    expect(formPage).toContain("Giả danh công an, viện kiểm sát");

    const text = "⚠️ Cảnh báo: kẻ gian giả danh <b>công an</b> & ngân hàng gọi điện.\nKhông chuyển tiền cho ai qua điện thoại.";
    const { page, fields } = await preview(lan, { text, area: "ward", audience: "both" });
    expect(page).toContain("giả danh &lt;b&gt;công an&lt;/b&gt; &amp; ngân hàng");
    expect(page).toContain("Sẽ gửi tới 2 nhóm (60 thành viên) và 1 người đăng ký.");
    expect(receivers(text)).toEqual([]); // a preview sends nothing

    const sent = await lan.post("/campaigns", fields);
    expect(sent.status).toBe(303);
    const id = idIn(sent);
    expect(id).toBeGreaterThan(0);
    await done(id);
    expect(receivers(text)).toEqual(sorted([...baGroups, baResident]));

    const list = await (await lan.get("/campaigns")).text();
    const row = new RegExp(`<tr data-campaign="${id}">[\\s\\S]*?</tr>`).exec(list)?.[0] ?? "";
    expect(row).toContain("đã gửi xong");
    expect(row).toContain("Cán bộ Lan");
    expect(row).toContain(`data-figure="sent">3<`);
    expect(row).toContain(`data-figure="pending">0<`);
    expect(row).toContain("2 nhóm (60 thành viên), 1 người đăng ký");
    const details = await (await lan.get(`/campaigns/${id}`)).text();
    expect(details).toMatch(/data-figure="sent"><b>3<\/b>/);
    expect(details).not.toContain("/cancel"); // finished: nothing to pause or cancel
  });

  it("a template warning scheduled from the page can be cancelled there before it sends anything", async () => {
    const at = new Date(Date.now() + 7 * 3_600_000 + 3_600_000).toISOString().slice(0, 16); // in an hour, Vietnam time
    const { page, fields } = await preview(lan, { template: "fake-bank", text: "", area: "ward", audience: "groups", at });
    expect(page).toContain("Sẽ gửi tới 2 nhóm (60 thành viên) và 0 người đăng ký.");
    const sent = await lan.post("/campaigns", fields);
    const id = idIn(sent);
    expect(await status(id)).toBe("SCHEDULED");
    const row = await app.deps.db.campaign.findUniqueOrThrow({ where: { id }, select: { title: true, templateKey: true, plainText: true } });
    expect(row).toMatchObject({ title: "Đường link giả ngân hàng", templateKey: "fake-bank" });

    const details = await (await lan.get(`/campaigns/${id}`)).text();
    expect(details).toContain(`action="/campaigns/${id}/cancel"`);
    expect(details).toContain("đã hẹn giờ");
    // Another officer of the ward sees it, but only its sender (or an admin) may stop it, as in the chat.
    expect((await minh.post(`/campaigns/${id}/cancel`, {})).status).toBe(403);
    const cancelled = await lan.post(`/campaigns/${id}/cancel`, {});
    expect(cancelled.headers.get("location")).toBe(`/campaigns/${id}?done=cancel`);
    expect(await status(id)).toBe("CANCELLED");
    expect((await lan.post(`/campaigns/${id}/cancel`, {})).headers.get("location")).toBe(`/campaigns/${id}?error=wrong-state`);
    expect(receivers(row.plainText!)).toEqual([]);
  });

  it("an officer who may not broadcast sees the list but cannot compose or send", async () => {
    const list = await minh.get("/campaigns");
    const html = await list.text();
    expect(list.status).toBe(200);
    expect(html).toContain("Cán bộ Lan"); // the ward's campaigns
    expect(html).not.toContain(`href="/campaigns/new"`);
    expect((await minh.get("/campaigns/new")).status).toBe(403);
    const text = "Cảnh báo của người không được giao";
    expect((await minh.post("/campaigns/preview", { text, area: "ward", audience: "both" })).status).toBe(403);
    const before = await app.deps.db.campaign.count();
    const refused = await minh.post("/campaigns", { text, area: "ward", audience: "both", codes: "", tags: "", at: "", template: "", nonce: crypto.randomUUID() });
    expect(refused.status).toBe(403);
    expect(await app.deps.db.campaign.count()).toBe(before);
  });

  it("a confirmation without the CSRF token is refused and sends nothing", async () => {
    const text = "Cảnh báo gửi không qua trang";
    const { fields } = await preview(lan, { text, area: "ward", audience: "both" });
    const before = await app.deps.db.campaign.count();
    const forged = await lan.post("/campaigns", fields, { csrf: false });
    expect(forged.status).toBe(403);
    // The refusal comes before anything is recorded or queued, and nothing is sent without a campaign.
    expect(await app.deps.db.campaign.count()).toBe(before);
    expect(receivers(text)).toEqual([]);
  });

  it("a ward officer can neither reach another ward nor see its campaigns", async () => {
    // Picking wards by code is not offered to ward officers, as in the chat.
    expect((await lan.post("/campaigns/preview", { text: "Cảnh báo", area: "pick", codes: CUA_NAM, audience: "both" })).status).toBe(403);
    expect((await lan.post("/campaigns/preview", { text: "Cảnh báo", area: "province", audience: "both" })).status).toBe(403);

    const text = "Cảnh báo riêng cho phường Cửa Nam";
    const { fields } = await preview(tuan, { text, area: "ward", audience: "both" });
    const id = idIn(await tuan.post("/campaigns", fields));
    await done(id);
    expect(receivers(text)).toEqual(sorted([...cnGroups, cnResident]));

    expect((await lan.get(`/campaigns/${id}`)).status).toBe(404);
    expect((await lan.post(`/campaigns/${id}/cancel`, {})).status).toBe(404);
    expect(await (await lan.get("/campaigns")).text()).not.toContain(`data-campaign="${id}"`);
    expect(await (await tuan.get("/campaigns")).text()).toContain(`data-campaign="${id}"`);
  });

  it("a province officer sees what reached any ward of the province, and picks wards of the province only", async () => {
    const ba = await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH }, select: { provinceCode: true } });
    const far = await app.deps.db.ward.findFirstOrThrow({ where: { provinceCode: { not: ba.provinceCode } }, select: { code: true } });
    const id = (await app.deps.db.officer.create({ data: { displayName: "Cán bộ tỉnh Hà", role: "PROVINCE_OFFICER", provinceCode: ba.provinceCode, canBroadcast: true }, select: { id: true } })).id;
    const ha = await signInOfficer(app, id);
    const list = await (await ha.get("/campaigns")).text();
    expect(list).toContain("Cán bộ Lan");
    expect(list).toContain("Cán bộ Tuấn");

    const form = await (await ha.get("/campaigns/new")).text();
    expect(form).toContain(`name="area" value="province"`);
    expect(form).toContain(`name="area" value="pick"`);
    expect(form).not.toContain(`name="area" value="all"`);
    const { page } = await preview(ha, { text: "Cảnh báo hai phường", area: "pick", codes: `${BA_DINH} ${CUA_NAM}`, audience: "groups" });
    expect(page).toContain("Sẽ gửi tới 3 nhóm (90 thành viên) và 0 người đăng ký.");
    expect((await ha.post("/campaigns/preview", { text: "Cảnh báo tỉnh khác", area: "pick", codes: far.code, audience: "groups" })).status).toBe(403);
    const typo = await ha.post("/campaigns/preview", { text: "Cảnh báo", area: "pick", codes: "0004", audience: "groups" });
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain("mã phường, xã hoặc tỉnh, thành phố phải đúng");
  });

  it("the same confirmation sent twice (or three times at once) launches one campaign", async () => {
    const text = "Cảnh báo: không bấm vào đường link lạ nhận quà";
    const { fields } = await preview(lan, { text, area: "ward", audience: "both" });
    const [a, b, c] = await Promise.all([lan.post("/campaigns", fields), lan.post("/campaigns", fields), lan.post("/campaigns", fields)]);
    const again = await lan.post("/campaigns", fields);
    const locations = [a, b, c, again].map((r) => r.headers.get("location"));
    expect(new Set(locations).size).toBe(1);
    const id = idIn(again);
    expect(await app.deps.db.campaign.count({ where: { plainText: text } })).toBe(1);
    await done(id);
    expect(receivers(text)).toEqual(sorted([...baGroups, baResident]));

    // A new preview is a new nonce: sending it is a second campaign, on purpose.
    const second = await preview(lan, { text, area: "ward", audience: "groups" });
    expect(second.fields["nonce"]).not.toBe(fields["nonce"]);

    // Newest first; the page after a campaign lists only older ones.
    const list = await (await lan.get("/campaigns")).text();
    const ids = [...list.matchAll(/data-campaign="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids[0]).toBe(id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const older = await (await lan.get(`/campaigns?before=${id}`)).text();
    expect(older).not.toContain(`data-campaign="${id}"`);
    expect(older).toContain(`data-campaign="${ids[1]}"`);
  });
});
