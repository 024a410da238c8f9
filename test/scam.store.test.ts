import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import type { Indicator } from "../src/core/scam/extract.js";
import { lookupIndicators, recordIndicators, topIndicators } from "../src/core/scam/store.js";
import { judge } from "../src/core/scam/verdict.js";
import { PG_URL, dropSchema, uniqueName } from "./support/app.js";

const phone = (value: string): Indicator => ({ kind: "phone", value, raw: value });
const bank = (value: string, b: string | null): Indicator => ({ kind: "bank_account", value, bank: b, raw: value });

/** The indicator store on the real PostgreSQL: what residents' questions and officers' queues rely on. */
describe("scam indicators in PostgreSQL", () => {
  const schema = uniqueName("scam");
  let db: Db;
  let wardId: number;
  const residents: number[] = [];
  let n = 0;
  const tip = async (residentId: number) => {
    n += 1;
    return db.tip.create({ data: { code: `TEST-${String(n).padStart(4, "0")}`, sourceKey: `test-${n}`, channel: "TELEGRAM", residentId, wardId, category: "scam", text: "x" }, select: { id: true } });
  };

  beforeAll(async () => {
    await migrate({ url: PG_URL, dir: join(import.meta.dirname, "..", "prisma", "migrations"), schema });
    db = createDb({ url: PG_URL, poolMax: 4, schema });
    await db.province.create({ data: { code: "01", name: "Hà Nội", nameAscii: "ha noi" } });
    wardId = (await db.ward.create({ data: { code: "00004", name: "Phường Ba Đình", nameAscii: "phuong ba dinh", provinceCode: "01" }, select: { id: true } })).id;
    for (let i = 0; i < 3; i++) residents.push((await db.resident.create({ data: { pseudonym: `p${i}`, channel: "TELEGRAM", chatRef: "sealed" } })).id);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await dropSchema(schema);
  });

  it("counts each tip once per indicator, however often the job runs, and raises the priority of open tips that share it", async () => {
    const a = await tip(residents[0]!);
    const b = await tip(residents[1]!);
    const shared = phone("+84912000001");
    await recordIndicators(db, { id: a.id, residentId: residents[0]!, wardId }, [shared]);
    await recordIndicators(db, { id: a.id, residentId: residents[0]!, wardId }, [shared]); // a retried job
    expect((await db.indicator.findUniqueOrThrow({ where: { key: "phone:+84912000001" } })).reportCount).toBe(1);

    const raised = await recordIndicators(db, { id: b.id, residentId: residents[1]!, wardId }, [shared, bank("0123456789", "VCB")]);
    expect(raised.sort()).toEqual([a.id, b.id].sort());
    const priorities = await db.tip.findMany({ where: { id: { in: [a.id, b.id] } }, select: { priority: true } });
    expect(priorities.map((p) => p.priority)).toEqual([1, 1]);
    expect((await db.indicator.findUniqueOrThrow({ where: { key: "bank:0123456789" } })).detail).toEqual({ bank: "VCB" });
  });

  it("a resolved tip keeps its priority; only open ones move", async () => {
    const c = await tip(residents[2]!);
    await db.tip.updateMany({ where: { code: "TEST-0001" }, data: { status: "RESOLVED" } });
    await recordIndicators(db, { id: c.id, residentId: residents[2]!, wardId }, [phone("+84912000001")]);
    const rows = await db.tip.findMany({ where: { code: { in: ["TEST-0001", "TEST-0002", "TEST-0003"] } }, orderBy: { code: "asc" }, select: { priority: true } });
    expect(rows.map((r) => r.priority)).toEqual([1, 2, 2]);
  });

  it("a resident asking is told how many OTHER residents reported it, and an unknown one is unknown", async () => {
    const keys = ["phone:+84912000001", "phone:+84999999999"];
    const asFirst = await lookupIndicators(db, keys, residents[0]!);
    expect(asFirst).toEqual([expect.objectContaining({ key: "phone:+84912000001", status: "REPORTED", othersReports: 2 })]);
    const v = judge([phone("+84912000001"), phone("+84999999999")], asFirst);
    expect(v).toMatchObject({ level: "reported", reported: [{ shown: "0912000001", count: 2 }], unknown: ["0999999999"] });

    await db.indicator.update({ where: { key: "phone:+84912000001" }, data: { status: "CONFIRMED", tactic: "fake-police" } });
    expect(judge([phone("+84912000001")], await lookupIndicators(db, keys, residents[0]!))).toMatchObject({ level: "confirmed", confirmed: [{ tactic: "fake-police" }] });
  });

  it("lists the ward's most reported indicators since a date", async () => {
    const top = await topIndicators(db, wardId, new Date(Date.now() - 3_600_000));
    expect(top.map((t) => [t.key, t.reportsInPeriod])).toEqual([
      ["phone:+84912000001", 3],
      ["bank:0123456789", 1],
    ]);
    expect(await topIndicators(db, wardId, new Date(Date.now() + 60_000))).toEqual([]);
  });
});
