import { upsertResident } from "../../src/core/residents.js";
import { createLoginLink } from "../../src/core/sign-in.js";
import { createTip } from "../../src/core/tips/create.js";
import { routeTipJob } from "../../src/jobs/route-tip.js";
import { enqueue, jobId } from "../../src/queue/job.js";
import type { TestApp } from "./app.js";

/** An HTTP client that signs an officer in with a one-time link and keeps their session cookie. */
export type WebClient = {
  csrf: string;
  /** The session cookie, as a Cookie header value. */
  cookie: string;
  get(path: string): Promise<Response>;
  /** A form POST with the session's CSRF token added (unless `csrf: false`). */
  post(path: string, form: Record<string, string>, opts?: { csrf?: boolean }): Promise<Response>;
};

export async function signInOfficer(app: TestApp, officerId: number): Promise<WebClient> {
  const { token } = await createLoginLink(app.deps.db, officerId);
  const res = await fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.includes("wl_session=")) ?? "").split(";")[0]!;
  const inbox = await (await fetch(`${app.baseUrl}/inbox`, { headers: { cookie } })).text();
  const csrf = /data-csrf="([^"]+)"/.exec(inbox)?.[1] ?? "";
  return {
    csrf,
    cookie,
    get: (path) => fetch(`${app.baseUrl}${path}`, { headers: { cookie }, redirect: "manual" }),
    post: (path, form, opts) =>
      fetch(`${app.baseUrl}${path}`, {
        method: "POST",
        headers: { cookie },
        body: new URLSearchParams(opts?.csrf === false ? form : { ...form, _csrf: csrf }),
        redirect: "manual",
      }),
  };
}

/** A Telegram resident's tip, created and routed through the core as the bot would (for dashboard tests). */
export async function seedTelegramTip(
  app: TestApp,
  t: { chatId: number; wardCode: string; category?: string; text: string; lat?: number; lng?: number },
): Promise<{ id: number; code: string }> {
  const resident = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: String(t.chatId), chatId: String(t.chatId), language: "vi" });
  // createTip takes the province from the ward.
  const tip = await createTip(app.deps.db, app.deps.identity, {
    sourceKey: `seed-${t.chatId}-${Math.random()}`, channel: "TELEGRAM", residentId: resident.id, wardCode: t.wardCode, provinceCode: null,
    category: t.category ?? "other", text: t.text, lat: t.lat, lng: t.lng, media: [], anonymous: true,
  });
  if (tip.wardName === null) throw new Error(`no ward with code ${t.wardCode}`);
  await enqueue(app.deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
  return { id: tip.id, code: tip.code };
}
