import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfficerRole } from "../src/generated/prisma/enums.js";
import type { OfficerRef } from "../src/core/officers.js";
import { assessTip, claimTip, resolveTip, transferTip, type ActionResult } from "../src/core/tips/actions.js";
import { assignTip } from "../src/core/tips/assign.js";
import { mergeTip } from "../src/core/tips/merge.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { bindInbox } from "./support/faults.js";
import { seedTelegramTip, signInOfficer } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const HANG_BAC = "00070";
const INBOX = -1_008_100_000_001;
/** Each race is run this many times: one run may happen to come out in order. */
const ROUNDS = 8;

/**
 * Officers acting on one tip at the same moment (two on the dashboard, one in the chat and one
 * on the dashboard): each change lands once, the loser is told why, the audit trail has one entry.
 */
describe("races between officers acting on one tip", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let officers: OfficerRef[] = [];
  let leader: OfficerRef;
  let nextChat = 7_810_000;

  const officer = async (name: string, wardCode: string, role: OfficerRole = "WARD_OFFICER"): Promise<OfficerRef> => {
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: wardCode }, select: { id: true, provinceCode: true } });
    return app.deps.db.officer.create({
      data: { displayName: name, role, wardId: ward.id, provinceCode: ward.provinceCode },
      select: { id: true, displayName: true, role: true, wardId: true, provinceCode: true, canBroadcast: true },
    });
  };
  const newTip = () => seedTelegramTip(app, { chatId: nextChat++, wardCode: BA_DINH, text: "Có người gọi giả danh công an đòi chuyển tiền" });
  const events = (tipId: number, type: string) => app.deps.db.tipEvent.count({ where: { tipId, type } });
  const tipRow = (id: number) =>
    app.deps.db.tip.findUniqueOrThrow({ where: { id }, select: { status: true, claimedById: true, resolvedAt: true, outcome: true, mergedIntoId: true, valuable: true, ward: { select: { code: true } } } });
  const oks = (rs: ActionResult[]) => rs.filter((r) => r.ok);

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    await bindInbox(app.deps.db, BA_DINH, INBOX);
    officers = [];
    for (const name of ["Lan", "Minh", "Hà", "Tuấn", "Vy"]) officers.push(await officer(`Cán bộ ${name}`, BA_DINH));
    leader = await officer("Trưởng Công an phường", BA_DINH, "WARD_LEADER");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("five officers claim one tip at once: one gets it, the others are told who did, the audit trail has one claim", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tip = await newTip();
      const results = await Promise.all(officers.map((o) => claimTip(app.deps, o, tip.id)));
      const winners = oks(results);
      expect(winners).toHaveLength(1);
      const winner = officers[results.findIndex((r) => r.ok)]!;
      for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, reason: "already-claimed", by: winner.displayName });
      expect(await tipRow(tip.id)).toMatchObject({ status: "CLAIMED", claimedById: winner.id });
      expect(await events(tip.id, "claimed")).toBe(1);
    }
  });

  it("one officer tapping claim twice at once claims once", async () => {
    const tip = await newTip();
    const results = await Promise.all([claimTip(app.deps, officers[0]!, tip.id), claimTip(app.deps, officers[0]!, tip.id)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await events(tip.id, "claimed")).toBe(1);
  });

  it("two officers resolve one tip at once: it is resolved once, with the winner's outcome", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tip = await newTip();
      const [a, b] = officers;
      const results = await Promise.all([resolveTip(app.deps, a!, tip.id, "outcome-a"), resolveTip(app.deps, b!, tip.id, "outcome-b")]);
      expect(oks(results)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "resolved" });
      const row = await tipRow(tip.id);
      expect(row.outcome).toBe(results[0]!.ok ? "outcome-a" : "outcome-b");
      expect(row.claimedById).toBe(results[0]!.ok ? a!.id : b!.id);
      expect(await events(tip.id, "resolved")).toBe(1);
    }
  });

  it("two officers transfer one tip to different wards at once: it moves once, to one ward", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tip = await newTip();
      const results = await Promise.all([
        transferTip(app.deps, officers[0]!, tip.id, CUA_NAM, "đúng địa bàn Cửa Nam"),
        transferTip(app.deps, officers[1]!, tip.id, HANG_BAC, "đúng địa bàn Hàng Bạc"),
      ]);
      expect(oks(results)).toHaveLength(1);
      // The tip left the loser's ward: as for any tip outside one's scope, there is none to act on.
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "not-found" });
      expect((await tipRow(tip.id)).ward?.code).toBe(results[0]!.ok ? CUA_NAM : HANG_BAC);
      expect(await events(tip.id, "transferred")).toBe(1);
    }
  });

  it("a duplicate merged into two tips at once is merged into one of them only", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [dup, x, y] = [await newTip(), await newTip(), await newTip()];
      const results = await Promise.all([mergeTip(app.deps, officers[0]!, dup.id, x.code), mergeTip(app.deps, officers[1]!, dup.id, y.code)]);
      expect(oks(results)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "resolved" });
      const into = results[0]!.ok ? x : y;
      expect((await tipRow(dup.id)).mergedIntoId).toBe(into.id);
      expect(await events(dup.id, "merged")).toBe(1);
      expect((await events(x.id, "merged-from")) + (await events(y.id, "merged-from"))).toBe(1);
    }
  });

  it("a leader assigning a tip while an officer resolves it never reopens the resolved tip", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tip = await newTip();
      const results = await Promise.all([assignTip(app.deps, leader, tip.id, officers[2]!.id), resolveTip(app.deps, officers[3]!, tip.id, "done")]);
      expect(results[1]).toMatchObject({ ok: true });
      const row = await tipRow(tip.id);
      expect(row.status).toBe("RESOLVED");
      expect(row.resolvedAt).not.toBeNull();
      // Assigned first, then resolved; or refused because it was resolved already.
      if (results[0]!.ok) expect(await events(tip.id, "assigned")).toBe(1);
      else expect(results[0]).toEqual({ ok: false, reason: "resolved" });
    }
  });

  it("a judgement made while someone claims is not lost: both land", async () => {
    for (let round = 0; round < 3; round++) {
      const tip = await newTip();
      const results = await Promise.all([claimTip(app.deps, officers[0]!, tip.id), assessTip(app.deps, officers[1]!, tip.id, true)]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await tipRow(tip.id)).toMatchObject({ status: "CLAIMED", claimedById: officers[0]!.id, valuable: true });
      expect(await events(tip.id, "claimed")).toBe(1);
      expect(await events(tip.id, "assessed")).toBe(1);
    }
  });

  it("two officers pressing Claim on the dashboard at once: one is told the other has it", async () => {
    const [webA, webB] = [await signInOfficer(app, officers[0]!.id), await signInOfficer(app, officers[1]!.id)];
    for (let round = 0; round < 4; round++) {
      const tip = await newTip();
      const answers = await Promise.all([webA, webB].map((w) => w.post(`/tips/${tip.code}/claim`, {})));
      const targets = answers.map((r) => r.headers.get("location") ?? "");
      expect(answers.map((r) => r.status)).toEqual([303, 303]);
      expect(targets.filter((t) => t.endsWith("done=claim"))).toHaveLength(1);
      const lost = targets.find((t) => !t.endsWith("done=claim"))!;
      const winner = targets[0]!.endsWith("done=claim") ? officers[0]! : officers[1]!;
      expect(lost).toBe(`/tips/${tip.code}?error=already-claimed&by=${encodeURIComponent(winner.displayName)}`);
      // What the loser then sees on the page.
      const page = await (await (winner === officers[0] ? webB : webA).get(lost)).text();
      expect(page).toContain(`Tin này đã có ${winner.displayName} nhận xử lý.`);
      expect(await events(tip.id, "claimed")).toBe(1);
    }
  });
});
