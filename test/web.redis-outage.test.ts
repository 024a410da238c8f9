import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { startOwnRedis, type OwnRedis } from "./support/redis-server.js";

/**
 * Redis goes away under the public page: the resident's words must come back to them with a
 * "try again in a moment", and /metrics must keep answering with what it still knows. The app
 * runs against a private redis-server that the test kills and starts again.
 */

const WARD = "00004";
const TEXT = "Có người lạ đứng canh trước cổng trường mỗi sáng, đi xe máy không biển số";

function tipForm(nonce: string): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries({ nonce, ward: WARD, category: "other", text: TEXT, place: "Cổng trường tiểu học", anonymous: "1", website: "", do: "send" })) form.append(k, v);
  form.append("photos", new Blob([]), "");
  return form;
}

describe("the public page and /metrics while Redis is down", () => {
  let redis: OwnRedis;
  let app: TestApp;

  beforeAll(async () => {
    redis = await startOwnRedis();
    app = await startTestApp({ env: { ROLE: "web", REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    if (redis && !redis.running()) await redis.start();
    await app?.stop();
    await redis?.close();
  });

  it("shows the form again with the text kept and a Vietnamese 'try again', then takes the same form once Redis is back", async () => {
    await redis.kill();
    await eventually(async () => app.deps.redis.status !== "ready", 15_000, "the app to notice Redis is gone");

    const nonce = randomUUID();
    const res = await fetch(`${app.baseUrl}/report`, { method: "POST", body: tipForm(nonce) });
    const page = await res.text();
    expect(res.status, page).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(page).toContain('lang="vi"');
    expect(page).toContain("hãy bấm gửi lại sau ít phút");
    expect(page).toMatch(new RegExp(`<textarea name="text"[^>]*>${TEXT}</textarea>`));
    expect(page).toContain('value="Cổng trường tiểu học"');
    // The same form id, so sending again cannot make a second tip.
    expect(page).toContain(`name="nonce" value="${nonce}"`);

    const english = await fetch(`${app.baseUrl}/report`, { method: "POST", body: tipForm(randomUUID()), headers: { cookie: "wl_lang=en" } });
    expect(english.status).toBe(503);
    expect(await english.text()).toContain("press send again in a moment");

    // The status page too: a look-up keeps the code, an answer keeps its words and its nonce.
    const lookup = await fetch(`${app.baseUrl}/report/status`, { method: "POST", body: new URLSearchParams({ code: "ABCD-EFGH", key: "AAAA-BBBB-CCCC-DDDD" }) });
    const lookupPage = await lookup.text();
    expect(lookup.status, lookupPage).toBe(503);
    expect(lookupPage).toContain("Hãy thử lại sau ít phút");
    expect(lookupPage).toContain('value="ABCD-EFGH"');
    const answerNonce = randomUUID();
    const answer = await fetch(`${app.baseUrl}/report/status/answer`, {
      method: "POST",
      body: new URLSearchParams({ code: "ABCD-EFGH", key: "AAAA-BBBB-CCCC-DDDD", nonce: answerNonce, text: "Sáng nay họ lại đến lúc 6 giờ" }),
    });
    const answerPage = await answer.text();
    expect(answer.status, answerPage).toBe(503);
    expect(answerPage).toContain("câu trả lời chưa được gửi");
    expect(answerPage).toMatch(/<textarea name="text"[^>]*>Sáng nay họ lại đến lúc 6 giờ<\/textarea>/);
    expect(answerPage).toContain(`name="nonce" value="${answerNonce}"`);

    const metrics = await fetch(`${app.baseUrl}/metrics`);
    const text = await metrics.text();
    expect(metrics.status, text).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^wardline_redis_up 0$/m);
    expect(text).toMatch(/^# TYPE wardline_redis_up gauge$/m);

    await redis.start();
    await eventually(async () => app.deps.redis.status === "ready", 30_000, "the app to reconnect to Redis");
    const sent = await eventually(async () => {
      const again = await fetch(`${app.baseUrl}/report`, { method: "POST", body: tipForm(nonce) });
      return again.status === 200 ? again.text() : null;
    }, 30_000, "the form to be taken once Redis is back");
    expect(sent).toMatch(/data-field="code">[3-9A-Z]{4}-[3-9A-Z]{4}</);
    // One tip, with the words as typed; the form sent during the outage made none.
    const tips = await app.deps.db.tip.findMany({ select: { code: true, text: true } });
    expect(tips).toEqual([{ code: /data-field="code">([^<]+)</.exec(sent)![1], text: TEXT }]);
    const back = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(back).toMatch(/^wardline_redis_up 1$/m);
  });
});
