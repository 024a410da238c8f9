/**
 * The officers' dashboard over a large province: 100,000 tips over the last year across the
 * wards of one province (with warnings, groups and replies), and a province officer's
 *   (a) queue, first page (`officerQueue`, open tips, oldest first, with the state counts), plain
 *       and with a text search (a common word, and a phone number found in one tip only);
 *   (b) report (`reportFigures`) for the province over the last 90 days and the whole year.
 * p50 and p95 over RUNS runs each, and their ratio to a baseline measured in the same run (a
 * `SELECT 1` round trip through the same Prisma client). The target is under 200 ms (p95).
 *
 *   BENCH_TIPS=100000 npm run bench -- dashboard
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { officerQueue } from "../src/core/dashboard/queue.js";
import type { OfficerRef } from "../src/core/officers.js";
import { reportFigures } from "../src/core/reports/figures.js";
import { createDb, type Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { projectRoot } from "../src/project-root.js";
import { DATABASE_URL } from "./support.js";

const TOTAL = Number(process.env["BENCH_TIPS"] ?? 100_000);
const WARDS = 80;
const RUNS = 30;
const TARGET_MS = 200;
const PROVINCE = "98";
const GROUPS = 400;
const SUBSCRIBERS = 3_000;
const CAMPAIGNS = 150;

/**
 * Tips spread evenly over the last 365 days (a prime stride over the minutes of a year), most
 * older ones resolved, a third of the last month still open; categories and channels skewed as
 * in real hotlines (scams first, Telegram first).
 */
async function seedTips(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO "Tip" ("code", "sourceKey", "channel", "residentId", "provinceCode", "wardId", "status", "valuable", "category", "text", "createdAt", "firstActionAt", "resolvedAt", "priority")
     SELECT 'D' || g, 'dash-' || g, (ARRAY['TELEGRAM','TELEGRAM','TELEGRAM','ZALO_OA','ZALO_BOT','WEB'])[1 + g % 6]::"Channel",
       1 + g % 2000, '${PROVINCE}', 1 + (g * 31) % ${WARDS}, s.status::"TipStatus",
       CASE WHEN s.status = 'RESOLVED' AND h % 3 = 0 THEN true WHEN s.status = 'RESOLVED' AND h % 3 = 1 THEN false END,
       (ARRAY['scam','scam','scam','scam','theft','theft','drugs','disorder','racing','stranger','other'])[1 + (g * 7) % 11],
       'Tin báo ' || g || ': ' || (ARRAY['có người lạ gọi điện tự xưng công an yêu cầu chuyển tiền', 'mất trộm xe máy trước cửa nhà trong đêm',
         'nhóm thanh niên tụ tập đua xe gây ồn ào sau nửa đêm', 'nghi có người bán ma tuý ở quán nước đầu ngõ', 'tin nhắn giả ngân hàng gửi đường link lạ',
         'người lạ đi lại dò xét các nhà trong xóm', 'cãi nhau đánh nhau gây mất trật tự ở chợ', 'tài khoản mạng xã hội giả mạo người thân vay tiền'])[1 + g % 8]
         || '. Số điện thoại 09' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
       t.created,
       CASE WHEN s.status <> 'NEW' THEN t.created + (10 + h % 600) * interval '1 minute' END,
       CASE WHEN s.status = 'RESOLVED' THEN t.created + (10 + h % 600 + (h * 13) % 4000) * interval '1 minute' END,
       CASE WHEN h % 50 = 0 THEN 1 ELSE 0 END
     FROM generate_series(1, $1::int) g
     CROSS JOIN LATERAL (SELECT ((g::bigint * 2654435761) % 1000)::int AS h, (g::bigint * 7919) % 525600 AS age) k
     CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC') - k.age * interval '1 minute' AS created) t
     CROSS JOIN LATERAL (SELECT CASE
       WHEN k.age > 43200 THEN (CASE WHEN h % 100 < 92 THEN 'RESOLVED' WHEN h % 100 < 97 THEN 'CLAIMED' ELSE 'NEW' END)
       ELSE (CASE WHEN h % 100 < 50 THEN 'RESOLVED' WHEN h % 100 < 80 THEN 'CLAIMED' ELSE 'NEW' END) END AS status) s`,
    [TOTAL],
  );
}

/** Audience groups and subscribers in the province's wards, and warnings sent to them over the year. */
async function seedWarnings(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO "ChatGroup" ("channel", "chatId", "title", "memberCount", "purpose", "wardId", "updatedAt")
     SELECT 'TELEGRAM', '-100' || g, 'Nhóm ' || g, 50 + (g * 37) % 400, 'AUDIENCE', 1 + g % ${WARDS}, now() FROM generate_series(1, ${GROUPS}) g`,
  );
  await client.query(
    `INSERT INTO "Resident" ("pseudonym", "channel", "chatRef", "wardId") SELECT 'sub-' || g, 'TELEGRAM', 'x', 1 + g % ${WARDS} FROM generate_series(1, ${SUBSCRIBERS}) g`,
  );
  await client.query(`INSERT INTO "Subscription" ("residentId", "wardId", "updatedAt") SELECT "id", "wardId", now() FROM "Resident" WHERE "pseudonym" LIKE 'sub-%'`);
  await client.query(
    `INSERT INTO "Campaign" ("officerId", "title", "sourceChatId", "sourceMessageIds", "target", "status", "startedAt", "finishedAt", "updatedAt")
     SELECT 1, 'Cảnh báo ' || g, '1', ARRAY[1], '{"provinceCodes":["${PROVINCE}"]}', 'DONE',
       (now() AT TIME ZONE 'UTC') - (g * 2.4) * interval '1 day', (now() AT TIME ZONE 'UTC') - (g * 2.4) * interval '1 day' + interval '1 hour', now()
     FROM generate_series(1, ${CAMPAIGNS}) g`,
  );
  // Each warning reaches the groups and subscribers of a tenth of the wards (most sent, a few failed).
  await client.query(
    `INSERT INTO "CampaignDelivery" ("campaignId", "groupId", "status", "reach", "messageId", "sentAt")
     SELECT c."id", gr."id", (CASE WHEN (c."id" + gr."id") % 20 = 0 THEN 'FAILED' ELSE 'SENT' END)::"DeliveryStatus",
       CASE WHEN (c."id" + gr."id") % 20 = 0 THEN NULL ELSE gr."memberCount" END, 1000 + gr."id", c."startedAt"
     FROM "Campaign" c JOIN "ChatGroup" gr ON (gr."wardId" + c."id") % 10 = 0`,
  );
  await client.query(
    `INSERT INTO "CampaignDelivery" ("campaignId", "residentId", "status", "reach", "messageId", "sentAt")
     SELECT c."id", s."residentId", 'SENT', 1, 2000 + s."id", c."startedAt"
     FROM "Campaign" c JOIN "Subscription" s ON (s."wardId" + c."id") % 10 = 0`,
  );
  await client.query(
    `INSERT INTO "CampaignReply" ("campaignId", "deliveryId", "key", "createdAt")
     SELECT "campaignId", "id", 'd' || "id" || '-m1', "sentAt" FROM "CampaignDelivery" WHERE "status" = 'SENT' AND "id" % 17 = 0`,
  );
}

/** The province, its wards, tipsters, one province officer, the tips and the warnings (in the client's search_path). */
export async function seedDashboard(client: pg.Client): Promise<void> {
  await client.query(`INSERT INTO "Province" ("code", "name", "nameAscii") VALUES ('${PROVINCE}', 'Bench', 'bench')`);
  await client.query(`INSERT INTO "Ward" ("code", "name", "nameAscii", "provinceCode") SELECT lpad(g::text, 5, '8'), 'Phường ' || g, 'phuong ' || g, '${PROVINCE}' FROM generate_series(1, ${WARDS}) g`);
  await client.query(`INSERT INTO "Resident" ("pseudonym", "channel", "chatRef") SELECT 'tipster-' || g, 'TELEGRAM', 'x' FROM generate_series(1, 2000) g`);
  await client.query(`INSERT INTO "Officer" ("displayName", "role", "provinceCode", "canBroadcast") VALUES ('Bench', 'PROVINCE_OFFICER', '${PROVINCE}', true)`);
  await seedTips(client);
  await seedWarnings(client);
  // As autovacuum leaves live tables: statistics, and the visibility map for index-only scans (only this schema's tables).
  await client.query(`VACUUM ANALYZE "Province", "Ward", "Officer", "Resident", "Tip", "ChatGroup", "Subscription", "Campaign", "CampaignDelivery", "CampaignReply"`);
}

type Timing = { p50: number; p95: number };

async function measure(run: () => Promise<unknown>): Promise<Timing> {
  await run(); // warm-up: plans cached, pages in memory
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const at = (f: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(xs.length * f))]! * 100) / 100;
  return { p50: at(0.5), p95: at(0.95) };
}

export async function benchDashboard(): Promise<Record<string, unknown>> {
  const schema = `bench_dash_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await migrate({ url: DATABASE_URL, dir: join(projectRoot(), "prisma", "migrations"), schema });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const db: Db = createDb({ url: DATABASE_URL, poolMax: 4, schema });
  try {
    await client.query(`SET search_path TO "${schema}"`);
    await seedDashboard(client);
    const open = Number((await client.query(`SELECT count(*) FROM "Tip" WHERE "status" <> 'RESOLVED'`)).rows[0].count);
    const deliveries = Number((await client.query(`SELECT count(*) FROM "CampaignDelivery"`)).rows[0].count);
    // A phone number that is in exactly one tip's text: the search has to look at every tip.
    const rare = `09${String((Math.floor(TOTAL / 2) * 7919) % 100_000_000).padStart(8, "0")}`;

    const officer: OfficerRef = { id: 1, displayName: "Bench", role: "PROVINCE_OFFICER", wardId: null, provinceCode: PROVINCE, canBroadcast: true };
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const loadBefore = loadavg()[0]!;
    const baseline = await measure(() => db.$queryRaw`SELECT 1`);
    const queue = await measure(() => officerQueue(db, officer, { state: "open" }));
    const queueSearch = await measure(() => officerQueue(db, officer, { state: "open", q: "xe máy" }));
    const queueSearchRare = await measure(() => officerQueue(db, officer, { state: "all", q: rare }));
    const report90 = await measure(() => reportFigures(db, { provinceCode: PROVINCE, from: daysAgo(90), to: now }));
    const reportYear = await measure(() => reportFigures(db, { provinceCode: PROVINCE, from: daysAgo(366), to: now }));
    const yearReceived = (await reportFigures(db, { provinceCode: PROVINCE, from: daysAgo(366), to: now })).received;
    const ratio = (t: Timing) => Math.round((t.p50 / Math.max(0.01, baseline.p50)) * 10) / 10;
    const row = (name: string, t: Timing) => ({ [`${name}_p50_ms`]: t.p50, [`${name}_p95_ms`]: t.p95, [`${name}_p50_ratio_vs_select1`]: ratio(t) });
    return {
      tips: TOTAL,
      open_tips: open,
      wards: WARDS,
      deliveries,
      report_year_received: yearReceived,
      runs: RUNS,
      baseline_select1_p50_ms: baseline.p50,
      baseline_select1_p95_ms: baseline.p95,
      ...row("queue_first_page", queue),
      ...row("queue_search_common", queueSearch),
      ...row("queue_search_rare", queueSearchRare),
      ...row("report_90d", report90),
      ...row("report_year", reportYear),
      // Other work on the machine shows here: every figure above is slower under load.
      cpus: cpus().length,
      load_average_1m_before: Math.round(loadBefore * 100) / 100,
      load_average_1m_after: Math.round(loadavg()[0]! * 100) / 100,
      target_ms: TARGET_MS,
      under_target_p95: {
        queue_first_page: queue.p95 < TARGET_MS,
        queue_search_common: queueSearch.p95 < TARGET_MS,
        queue_search_rare: queueSearchRare.p95 < TARGET_MS,
        report_90d: report90.p95 < TARGET_MS,
        report_year: reportYear.p95 < TARGET_MS,
      },
    };
  } finally {
    await db.$disconnect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.end();
  }
}
