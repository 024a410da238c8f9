import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { seedTelegramTip, signInOfficer, type WebClient } from "./support/web.js";
import { saveOfficer } from "../src/core/officer-admin.js";
import { createLoginLink } from "../src/core/sign-in.js";
import { publishTipChange } from "../src/core/tips/live.js";

/**
 * The dashboard's edges: tip actions that must not tell another ward's tip from a missing one,
 * sign-in from a foreign page, a live stream that must not outlive its officer, and attachment
 * ids no database can hold.
 */

const BA_DINH = "00004";
const CUA_NAM = "00082";
const MISSING = "NONE-0000"; // 0 is not in the tracking-code alphabet: never a real tip

async function officer(app: TestApp, telegramUserId: number, role: "WARD_OFFICER" | "ADMIN", wardCode?: string): Promise<number> {
  const r = await saveOfficer(app.deps.db, { telegramUserId: String(telegramUserId), displayName: `Cán bộ ${telegramUserId}`, role, wardCode, canBroadcast: false });
  if (!r.ok) throw new Error(`officer not saved: ${r.reason}`);
  return r.id;
}

/** An open /live stream, read in the background. */
function openLive(app: TestApp, cookie: string) {
  const state = { text: "", ended: false, status: 0 };
  const ended = (async () => {
    const res = await fetch(`${app.baseUrl}/live`, { headers: { cookie, accept: "text/event-stream" } });
    state.status = res.status;
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      state.text += decoder.decode(value, { stream: true });
    }
    state.ended = true;
  })();
  return { state, ended };
}

describe("dashboard hardening: scope before body, same-origin sign-in, live streams end with the session, attachment ids", () => {
  let app: TestApp;
  let web: WebClient;
  let own: { id: number; code: string };
  let other: { id: number; code: string };

  beforeAll(async () => {
    // Web only: seeded tips wait in the routing queue, which these tests do not need.
    app = await startTestApp({ env: { ROLE: "web", LIVE_HEARTBEAT_MS: "200" } });
    const id = await officer(app, 8_100_001, "WARD_OFFICER", BA_DINH);
    web = await signInOfficer(app, id);
    own = await seedTelegramTip(app, { chatId: 8_200_001, wardCode: BA_DINH, text: "Tin báo của phường Ba Đình" });
    other = await seedTelegramTip(app, { chatId: 8_200_002, wardCode: CUA_NAM, text: "Tin báo của phường Cửa Nam" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers every tip action on another ward's tip exactly as on a missing tip: 404, whatever the body", async () => {
    const valid: Record<string, Record<string, string>> = {
      claim: {},
      assign: { officer: "1" },
      assess: { valuable: "yes" },
      ask: { text: "Anh chị thấy lúc mấy giờ?", nonce: randomUUID() },
      resolve: { outcome: "Đã xử lý" },
      transfer: { ward: BA_DINH, reason: "nhầm phường" },
      merge: { into: own.code },
    };
    const malformed: Record<string, Record<string, string>> = {
      claim: { junk: "x".repeat(50) },
      assign: { officer: "-7" },
      assess: { valuable: "maybe" },
      ask: { text: "", nonce: "not-a-uuid" },
      resolve: { outcome: "" },
      transfer: { ward: "abc" },
      merge: { into: "x" },
    };
    const before = await app.deps.db.tipEvent.count({ where: { tipId: other.id } });
    for (const action of Object.keys(valid)) {
      for (const [kind, body] of [["valid", valid[action]!], ["malformed", malformed[action]!]] as const) {
        const theirs = await web.post(`/tips/${other.code}/${action}`, body);
        const missing = await web.post(`/tips/${MISSING}/${action}`, body);
        const what = `${action} with a ${kind} body`;
        expect(theirs.status, what).toBe(404);
        expect(missing.status, what).toBe(404);
        expect(theirs.headers.get("location"), what).toBeNull();
        // The pages differ only where they repeat the address asked for.
        expect((await theirs.text()).replaceAll(other.code, "CODE"), what).toBe((await missing.text()).replaceAll(MISSING, "CODE"));
      }
    }
    expect(await app.deps.db.tipEvent.count({ where: { tipId: other.id } })).toBe(before);
    expect(await app.deps.db.tip.findUniqueOrThrow({ where: { id: other.id }, select: { status: true, ward: { select: { code: true } } } })).toEqual({ status: "NEW", ward: { code: CUA_NAM } });
    // Within scope the same actions still work.
    const claimed = await web.post(`/tips/${own.code}/claim`, {});
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe(`/tips/${own.code}?done=claim`);
  });

  it("answers 404, without a database error, for attachment ids too large to exist", async () => {
    const from = app.logs.lines.length;
    for (const id of ["99999999999999999999", "2147483648", "1e30", "0x10", "-1"]) {
      const res = await web.get(`/tips/${own.code}/files/${id}`);
      expect(res.status, id).toBe(404);
      expect(await res.text(), id).toContain("Không tìm thấy");
    }
    const errors = app.logs.lines.slice(from).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });

  it("refuses a sign-in posted from another site, without spending the link", async () => {
    const id = await officer(app, 8_100_002, "WARD_OFFICER", BA_DINH);
    const { token } = await createLoginLink(app.deps.db, id);
    const post = (headers: Record<string, string>) =>
      fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token }), headers, redirect: "manual" });
    const foreign: Array<Record<string, string>> = [{ origin: "https://evil.example.org" }, { referer: "https://evil.example.org/phish" }, { origin: "null" }];
    for (const headers of foreign) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie(), JSON.stringify(headers)).toEqual([]);
      expect(await res.text()).toContain("không đến từ trang của Wardline");
    }
    expect(await app.deps.db.webSession.count({ where: { officerId: id } })).toBe(0);
    const ours = await post({ origin: app.baseUrl });
    expect(ours.status).toBe(303);
    expect(ours.headers.getSetCookie().some((c) => c.startsWith("wl_session="))).toBe(true);
  });

  it("ends an open /live stream once its officer is deactivated, and delivers nothing to it after", async () => {
    const id = await officer(app, 8_100_003, "WARD_OFFICER", BA_DINH);
    const watcher = await signInOfficer(app, id);
    const admin = await signInOfficer(app, await officer(app, 8_100_009, "ADMIN"));
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { id: own.id }, select: { code: true, wardId: true, provinceCode: true } });

    const live = openLive(app, watcher.cookie);
    // The hub subscribes on first use: announce until the stream hears it.
    await eventually(async () => {
      await publishTipChange(app.deps, tip, "claimed");
      return live.state.text.includes(`"code":"${tip.code}"`);
    }, 20_000, "the stream to deliver a change in the officer's ward");
    expect(live.state.status).toBe(200);

    const off = await admin.post(`/admin/officers/${id}/active`, { active: "0" });
    expect(off.status).toBe(303);
    expect(off.headers.get("location")).toBe("/admin?done=deactivated");
    await Promise.race([live.ended, new Promise((_, reject) => setTimeout(() => reject(new Error("the stream is still open 30 s after deactivation")), 30_000))]);
    expect(live.state.ended).toBe(true);

    // A change after the end reaches nobody on that session; a new stream is refused.
    const heard = live.state.text;
    await publishTipChange(app.deps, tip, "assessed");
    const again = await fetch(`${app.baseUrl}/live`, { headers: { cookie: watcher.cookie, accept: "text/event-stream" } });
    expect(again.status).toBe(401);
    await again.body?.cancel();
    expect(live.state.text).toBe(heard);
    expect(heard).not.toContain('"kind":"assessed"');
  });
});
