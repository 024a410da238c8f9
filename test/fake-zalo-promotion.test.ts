import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";

const HOUR = 3_600_000;
/** 2026-12-10 at `hour`:00 Vietnam time (UTC+7). */
const vnAt = (hour: number) => Date.UTC(2026, 11, 10, hour - 7);
const promo = (userId: string, text = "Cảnh báo lừa đảo") => ({
  recipient: { user_id: userId },
  message: { attachment: { type: "template", payload: { template_type: "promotion", elements: [{ type: "header", content: "⚠️ Cảnh báo" }, { type: "text", content: text }] } } },
});

describe("fake Zalo: promotion messages", () => {
  let zalo: FakeZalo;
  let now = vnAt(10);
  let n = 0;
  const nextUser = () => `8477${String(++n).padStart(8, "0")}`;
  const post = async (body: unknown) =>
    (await (await fetch(`${zalo.oaApiRoot}/v3.0/oa/message/promotion`, { method: "POST", headers: { access_token: zalo.accessToken, "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as { error: number };

  beforeAll(async () => {
    zalo = await startFakeZalo({ now: () => now, accessTokenTtlSeconds: 365 * 24 * 3600 });
  });
  afterAll(async () => zalo?.close());

  it("sends to a follower who never wrote, recorded apart from cs sends, once per Vietnam day", async () => {
    now = vnAt(10);
    const u = nextUser();
    expect((await post(promo(u))).error).toBe(0);
    expect(zalo.promotionsTo(u)).toHaveLength(1);
    expect(zalo.oaSentTo(u)).toHaveLength(0);
    now = vnAt(21) + 59 * 60_000; // 21:59, same day
    expect((await post(promo(u))).error).toBe(-244);
    now = vnAt(10) + 24 * HOUR; // next day
    expect((await post(promo(u))).error).toBe(0);
    expect(zalo.promotionsTo(u)).toHaveLength(2);
  });

  it("refuses outside 06:00–21:59 Vietnam time, unfollowed users and malformed templates", async () => {
    const u = nextUser();
    for (const h of [22, 23, 5]) {
      now = vnAt(h);
      expect((await post(promo(u))).error, `${h}:00`).toBe(-237);
    }
    now = vnAt(6);
    const gone = nextUser();
    await zalo.unfollow(gone);
    expect((await post(promo(gone))).error).toBe(-213);
    expect((await post({ recipient: { user_id: u }, message: { text: "plain text" } })).error).toBe(-201);
    expect((await post(promo(u, "x".repeat(1001)))).error).toBe(-201);
    expect(zalo.promotionsTo(u)).toHaveLength(0);
  });
});
