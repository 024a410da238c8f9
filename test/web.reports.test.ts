import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, OfficerRole } from "../src/generated/prisma/enums.js";
import { csvField } from "../src/web/reports-csv.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { signInOfficer, type WebClient } from "./support/web.js";

/** A Vietnamese wall-clock time (UTC+7) as an instant. */
const vn = (local: string) => new Date(`${local}+07:00`);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

const PERIOD = "from=2025-03-03&to=2025-03-16";

type Seeded = { wardA: { id: number; code: string; name: string; provinceCode: string }; wardB: { id: number; code: string }; wardC: { id: number; code: string; provinceCode: string } };

/** Reads the figures of the report page from its data attributes. */
function pageFigures(body: string) {
  const figures: Record<string, string> = {};
  for (const m of body.matchAll(/data-figure="([A-Za-z]+)"><b data-value="(\d*)"/g)) figures[m[1]!] = m[2]!;
  const rows = (kind: string) => Object.fromEntries([...body.matchAll(new RegExp(`<tr data-${kind}="([A-Z_a-z]+)"><td>[^<]*</td><td data-value="(\\d+)"`, "g"))].map((m) => [m[1]!, Number(m[2])]));
  const weeks = Object.fromEntries([...body.matchAll(/<g data-label="(\d\d\/\d\d)" data-value="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
  return { figures, categories: rows("category"), channels: rows("channel"), weeks };
}

/** Parses our CSV (quoted fields, CRLF) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") (row.push(field), rows.push(row), (row = []), (field = ""), i++);
    else field += c;
  }
  return rows;
}

const csvSection = (rows: string[][], section: string) => Object.fromEntries(rows.filter((r) => r[0] === section).map((r) => [r[1]!, r[3]!]));

describe("reports pages", () => {
  let app: TestApp;
  let seeded: Seeded;
  const officers: Record<"leaderA" | "province" | "officerC" | "admin", number> = { leaderA: 0, province: 0, officerC: 0, admin: 0 };
  const clients: Partial<Record<keyof typeof officers, WebClient>> = {};
  const as = async (who: keyof typeof officers) => (clients[who] ??= await signInOfficer(app, officers[who]));

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.deps.db;
    // Two wards of one province and one of another, from the real directory.
    const [wardA, wardB] = await db.ward.findMany({ where: { provinceCode: "01" }, orderBy: { code: "asc" }, take: 2, select: { id: true, code: true, name: true, provinceCode: true } });
    const wardC = await db.ward.findFirstOrThrow({ where: { provinceCode: { not: "01" } }, orderBy: { code: "asc" }, select: { id: true, code: true, provinceCode: true } });
    seeded = { wardA: wardA!, wardB: wardB!, wardC };
    const officer = async (name: string, role: OfficerRole, wardId: number | null, provinceCode: string | null) =>
      (await db.officer.create({ data: { displayName: name, role, wardId, provinceCode, canBroadcast: true }, select: { id: true } })).id;
    officers.leaderA = await officer("Lãnh đạo A", "WARD_LEADER", wardA!.id, null);
    officers.province = await officer("Cán bộ tỉnh", "PROVINCE_OFFICER", null, "01");
    officers.officerC = await officer("Cán bộ C", "WARD_OFFICER", wardC.id, null);
    officers.admin = await officer("Quản trị", "ADMIN", null, null);

    let n = 0;
    const resident = async (channel: Channel, wardId: number | null = null) =>
      db.resident.create({ data: { pseudonym: `rep-${++n}`, channel, chatRef: "sealed", wardId }, select: { id: true } });
    const tip = async (t: {
      ward: { id: number; provinceCode: string } | null; provinceCode?: string; category: string; channel: Channel; at: Date;
      firstAction?: number; resolved?: number; valuable?: boolean; status?: "NEW" | "CLAIMED" | "RESOLVED"; mergedIntoId?: number;
    }) => {
      const r = await resident(t.channel);
      const i = ++n;
      return db.tip.create({
        data: {
          code: `RPT-${i}`, sourceKey: `rpt-${i}`, channel: t.channel, residentId: r.id, wardId: t.ward?.id ?? null,
          provinceCode: t.ward?.provinceCode ?? t.provinceCode ?? null, category: t.category, text: `Tin thử ${i}`,
          status: t.status ?? (t.resolved !== undefined ? "RESOLVED" : t.firstAction !== undefined ? "CLAIMED" : "NEW"),
          valuable: t.valuable ?? null, createdAt: t.at, firstActionAt: t.firstAction === undefined ? null : minutes(t.at, t.firstAction),
          resolvedAt: t.resolved === undefined ? null : minutes(t.at, t.resolved), mergedIntoId: t.mergedIntoId ?? null,
        },
        select: { id: true },
      });
    };
    const A = seeded.wardA, B = { ...seeded.wardB, provinceCode: "01" }, C = seeded.wardC;
    // Ward A, 3–16 March 2025 (weeks of 3 and 10 March).
    const first = await tip({ ward: A, category: "scam", channel: "TELEGRAM", at: vn("2025-03-03T09:00:00"), firstAction: 30, resolved: 120, valuable: true });
    await tip({ ward: A, category: "scam", channel: "ZALO_OA", at: vn("2025-03-04T10:00:00"), firstAction: 60, valuable: false });
    await tip({ ward: A, category: "drugs", channel: "WEB", at: vn("2025-03-10T08:00:00"), firstAction: 90, resolved: 600, valuable: true });
    await tip({ ward: A, category: "theft", channel: "TELEGRAM", at: vn("2025-03-11T14:00:00") });
    // A duplicate merged into the first: received, but neither resolved nor in the times.
    await tip({ ward: A, category: "scam", channel: "TELEGRAM", at: vn("2025-03-12T07:00:00"), firstAction: 5, resolved: 5, mergedIntoId: first.id });
    await tip({ ward: A, category: "other", channel: "TELEGRAM", at: vn("2025-03-16T23:30:00") }); // the last evening counts
    await tip({ ward: A, category: "scam", channel: "TELEGRAM", at: vn("2025-03-17T00:10:00") }); // the next day does not
    await tip({ ward: A, category: "scam", channel: "TELEGRAM", at: vn("2025-03-02T23:50:00") }); // nor the day before
    // Ward B, same province; one tip routed only to the province; ward C elsewhere.
    await tip({ ward: B, category: "scam", channel: "TELEGRAM", at: vn("2025-03-05T12:00:00"), firstAction: 10, valuable: true });
    await tip({ ward: B, category: "racing", channel: "ZALO_BOT", at: vn("2025-03-14T21:00:00") });
    await tip({ ward: null, provinceCode: "01", category: "other", channel: "WEB", at: vn("2025-03-06T09:00:00") });
    await tip({ ward: C, category: "drugs", channel: "TELEGRAM", at: vn("2025-03-07T09:00:00"), firstAction: 15, resolved: 30, valuable: true });

    // Warnings: deliveries count for the ward of the group or subscriber they reached.
    const group = async (wardId: number, memberCount: number) =>
      (await db.chatGroup.create({ data: { channel: "TELEGRAM", chatId: `-100${++n}`, title: `Nhóm ${n}`, memberCount, purpose: "AUDIENCE", wardId }, select: { id: true } })).id;
    const subscriber = async (wardId: number) => {
      const r = await resident("TELEGRAM");
      await db.subscription.create({ data: { residentId: r.id, wardId } });
      return r.id;
    };
    const g1 = await group(A.id, 120), g2 = await group(B.id, 80), g3 = await group(A.id, 50), gC = await group(C.id, 40);
    const r1 = await subscriber(A.id), r2 = await subscriber(B.id);
    const campaign = async (officerId: number, startedAt: Date) =>
      (await db.campaign.create({ data: { officerId, title: "Cảnh báo", sourceChatId: "1", sourceMessageIds: [1], target: { all: true }, status: "DONE", startedAt }, select: { id: true } })).id;
    const deliver = async (campaignId: number, to: { groupId: number } | { residentId: number }, reach: number | null, status: "SENT" | "FAILED" = "SENT", replies = 0) => {
      const d = await db.campaignDelivery.create({ data: { campaignId, ...to, status, reach, sentAt: status === "SENT" ? new Date() : null, messageId: 7 }, select: { id: true } });
      for (let i = 0; i < replies; i++) await db.campaignReply.create({ data: { campaignId, deliveryId: d.id, key: `d${d.id}-m${100 + i}` } });
    };
    const c1 = await campaign(officers.province, vn("2025-03-05T08:00:00"));
    await deliver(c1, { groupId: g1 }, 120, "SENT", 2);
    await deliver(c1, { groupId: g2 }, 80);
    await deliver(c1, { groupId: g3 }, null, "FAILED");
    await deliver(c1, { residentId: r1 }, 1);
    await deliver(c1, { residentId: r2 }, 1, "SENT", 1);
    const c2 = await campaign(officers.leaderA, vn("2025-03-12T08:00:00"));
    await deliver(c2, { groupId: g1 }, 125, "SENT", 1);
    const before = await campaign(officers.leaderA, vn("2025-02-20T08:00:00"));
    await deliver(before, { groupId: g1 }, 118, "SENT", 3);
    const elsewhere = await campaign(officers.officerC, vn("2025-03-06T08:00:00"));
    await deliver(elsewhere, { groupId: gC }, 40, "SENT", 1);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  const wardAReport = () => `scope=ward:${seeded.wardA.code}&${PERIOD}`;

  it("shows a ward leader the figures of their ward for the period", async () => {
    const web = await as("leaderA");
    const res = await web.get(`/reports?${wardAReport()}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`${seeded.wardA.name}, từ 03/03/2025 đến 16/03/2025`);
    expect(body).toContain("Tin báo tiếp nhận");
    const p = pageFigures(body);
    expect(p.figures).toEqual({
      received: "6", valuable: "2", notValuable: "1", resolved: "2", duplicates: "1",
      medianFirstActionMinutes: "60", medianResolutionMinutes: "360",
      warningsSent: "2", deliveriesSent: "3", groupsReached: "1", membersReached: "125", residentsReached: "1", replies: "3",
    });
    expect(p.categories).toEqual({ scam: 3, drugs: 1, theft: 1, other: 1 });
    expect(p.channels).toEqual({ TELEGRAM: 4, ZALO_OA: 1, WEB: 1 });
    expect(p.weeks).toEqual({ "03/03": 2, "10/03": 4 });
    // Medians read as durations; categories and channels by their names.
    expect(body).toMatch(/data-value="60">1 giờ</);
    expect(body).toMatch(/data-value="360">6 giờ</);
    expect(body).toContain("Lừa đảo");
    expect(body).toContain("Zalo OA");
    // Charts are inline SVG with a title, and there are links to the CSV and the printable page.
    expect(body).toMatch(/<svg class="chart" role="img"[^>]*>\s*<title id="chart-weeks-title">Tin báo theo tuần<\/title>/);
    expect(body).toContain(`href="/reports.csv?scope=ward%3A${seeded.wardA.code}&amp;from=2025-03-03&amp;to=2025-03-16"`);
    expect(body).toContain("data-print");
  });

  it("exports the same figures as CSV that Excel opens in Vietnamese", async () => {
    const web = await as("leaderA");
    const page = pageFigures(await (await web.get(`/reports?${wardAReport()}`)).text());
    const res = await web.get(`/reports.csv?${wardAReport()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="wardline-report-ward-${seeded.wardA.code}-2025-03-03-2025-03-16.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(["Mục", "Mã", "Nội dung", "Số liệu"]);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(csvSection(rows, "report")).toMatchObject({ scope: seeded.wardA.name, scopeCode: `ward:${seeded.wardA.code}`, from: "2025-03-03", to: "2025-03-16" });
    expect({ ...csvSection(rows, "tips"), ...csvSection(rows, "warnings") }).toEqual(page.figures);
    expect(Object.fromEntries(Object.entries(csvSection(rows, "category")).map(([k, v]) => [k, Number(v)]))).toEqual(page.categories);
    expect(Object.fromEntries(Object.entries(csvSection(rows, "channel")).map(([k, v]) => [k, Number(v)]))).toEqual(page.channels);
    expect(csvSection(rows, "week")).toEqual({ "2025-03-03": "2", "2025-03-10": "4" });
    expect(rows.find((r) => r[1] === "medianResolutionMinutes")?.[2]).toBe("Thời gian đến khi xử lý xong (trung vị), tính bằng phút");
    expect(rows.find((r) => r[0] === "category" && r[1] === "scam")?.[2]).toBe("Lừa đảo");
  });

  it("shows a province officer the whole province, and any ward of it", async () => {
    const web = await as("province");
    const province = pageFigures(await (await web.get(`/reports?scope=province:01&${PERIOD}`)).text());
    expect(province.figures).toMatchObject({
      received: "9", valuable: "3", resolved: "2", medianFirstActionMinutes: "45",
      warningsSent: "2", deliveriesSent: "5", groupsReached: "2", membersReached: "205", residentsReached: "2", replies: "4",
    });
    expect(province.categories).toEqual({ scam: 4, drugs: 1, theft: 1, other: 2, racing: 1 });
    expect(province.channels).toEqual({ TELEGRAM: 5, ZALO_OA: 1, ZALO_BOT: 1, WEB: 2 });
    const ward = pageFigures(await (await web.get(`/reports?scope=ward:${seeded.wardB.code}&${PERIOD}`)).text());
    expect(ward.figures).toMatchObject({ received: "2", valuable: "1", resolved: "0", medianFirstActionMinutes: "10", medianResolutionMinutes: "", groupsReached: "1", membersReached: "80", residentsReached: "1", replies: "1" });
    // The default report of a province officer is their province; the picker lists it and its wards.
    const first = await (await web.get("/reports")).text();
    expect(first).toMatch(/<option value="province:01" selected>/);
    expect(first).toContain(`<option value="ward:${seeded.wardB.code}">`);
    expect(first).not.toContain(`ward:${seeded.wardC.code}`);
  });

  it("answers 404, never the figures, outside the officer's scope", async () => {
    const leader = await as("leaderA");
    const province = await as("province");
    const other = await as("officerC");
    const refused: Array<[WebClient, string]> = [
      [leader, `scope=ward:${seeded.wardB.code}`],
      [leader, `scope=ward:${seeded.wardC.code}`],
      [leader, "scope=province:01"],
      [province, `scope=ward:${seeded.wardC.code}`],
      [province, `scope=province:${seeded.wardC.provinceCode}`],
      [other, `scope=ward:${seeded.wardA.code}`],
      [other, `scope=province:${seeded.wardC.provinceCode}`],
      [leader, "scope=ward:99999"],
      [leader, "scope=nonsense"],
    ];
    for (const [web, scope] of refused) {
      for (const path of ["/reports", "/reports.csv", "/reports/print"]) {
        const res = await web.get(`${path}?${scope}&${PERIOD}`);
        expect(res.status, `${path}?${scope}`).toBe(404);
        expect(await res.text()).not.toContain("data-figure");
      }
    }
    // Signed out: the sign-in page, not the figures.
    const anonymous = await fetch(`${app.baseUrl}/reports.csv?${wardAReport()}`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
  });

  it("lets an administrator read any ward or province", async () => {
    const admin = await as("admin");
    const c = pageFigures(await (await admin.get(`/reports?scope=ward:${seeded.wardC.code}&${PERIOD}`)).text());
    expect(c.figures).toMatchObject({ received: "1", resolved: "1", medianResolutionMinutes: "30", warningsSent: "1", membersReached: "40", replies: "1" });
    const a = pageFigures(await (await admin.get(`/reports?${wardAReport()}`)).text());
    expect(a.figures["received"]).toBe("6");
  });

  it("opens on the current month, refuses a period that makes no sense, and prints", async () => {
    const web = await as("leaderA");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    const first = await (await web.get("/reports")).text();
    expect(first).toContain(`name="from" value="${today.slice(0, 8)}01"`);
    expect(first).toContain(`name="to" value="${today}"`);
    expect(first).toMatch(new RegExp(`<option value="ward:${seeded.wardA.code}" selected>`));
    for (const bad of ["from=2025-03-16&to=2025-03-03", "from=2025-02-30&to=2025-03-03", "from=2020-01-01&to=2025-01-01", "from=yesterday&to=2025-03-03"]) {
      expect((await web.get(`/reports?scope=ward:${seeded.wardA.code}&${bad}`)).status, bad).toBe(400);
    }
    const print = await web.get(`/reports/print?${wardAReport()}`);
    expect(print.status).toBe(200);
    const body = await print.text();
    expect(body).toContain("Báo cáo sơ kết");
    expect(pageFigures(body).figures["received"]).toBe("6");
    expect(body).not.toContain('id="report-filters"');
  });

  it("shows English to officers who chose it", async () => {
    const web = await as("leaderA");
    const res = await fetch(`${app.baseUrl}/reports?${wardAReport()}`, { headers: { cookie: `${web.cookie}; wl_lang=en` } });
    const body = await res.text();
    expect(body).toContain("Tips received");
    expect(body).toContain("Week of 03/03/2025");
    expect(pageFigures(body).figures["received"]).toBe("6");
  });

  it("writes CSV fields a spreadsheet cannot mistake for formulas", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+84 912")).toBe("'+84 912");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField("Phường Ba Đình, Hà Nội")).toBe('"Phường Ba Đình, Hà Nội"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });
});
