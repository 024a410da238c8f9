import { afterAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/web/public-rate-limit.js";
import { startTestApp, type TestApp } from "./support/app.js";

/** Residents behind the operator's reverse proxy: the rate limit must see their addresses, not the proxy's. */
describe("the public page's rate limit behind a proxy", () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  const lookUp = (app: TestApp, from: string) =>
    fetch(`${app.baseUrl}/report/status`, { method: "POST", headers: { "x-forwarded-for": from }, body: new URLSearchParams({ code: "K7M4-QX9A", key: "AAAA-BBBB-CCCC-DDDD" }) });

  /** Status codes of one address's look-ups past its limit, then of a second address's first look-up. */
  async function exhaustThenOther(app: TestApp): Promise<{ over: number; other: number }> {
    for (let i = 0; i < LIMITS.status.limit; i++) expect((await lookUp(app, "203.0.113.7")).status).toBe(404);
    return { over: (await lookUp(app, "203.0.113.7")).status, other: (await lookUp(app, "198.51.100.9")).status };
  }

  it("with TRUST_PROXY=1 counts each resident's address on its own", async () => {
    const app = await startTestApp({ env: { TRUST_PROXY: "1" } });
    apps.push(app);
    expect(await exhaustThenOther(app)).toEqual({ over: 429, other: 404 });
  });

  it("without it ignores X-Forwarded-For (a client could forge it), so everyone through one hop shares a count", async () => {
    const app = await startTestApp();
    apps.push(app);
    expect(await exhaustThenOther(app)).toEqual({ over: 429, other: 429 });
  });
});
