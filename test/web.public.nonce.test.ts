import { randomBytes, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonym } from "../src/crypto/identity.js";
import { createTip } from "../src/core/tips/create.js";
import { statusKeyFor } from "../src/core/tips/web.js";
import { LIMITS } from "../src/web/public-rate-limit.js";
import { PG_URL, WAIT_MS, eventually, startTestApp, uniqueName, type TestApp } from "./support/app.js";
import { submitWebTip } from "../src/core/web-tips.js";

const WARD = "00004"; // Phường Ba Đình, Hà Nội

type Photo = { bytes: Buffer; name: string; type: string };

/** The form as a browser sends it: text fields first, the file input last. */
function tipForm(fields: Record<string, string>, photos: Photo[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries({ category: "theft", ward: WARD, anonymous: "1", website: "", do: "send", ...fields })) form.append(k, v);
  if (photos.length === 0) form.append("photos", new Blob([]), "");
  for (const p of photos) form.append("photos", new Blob([p.bytes], { type: p.type }), p.name);
  return form;
}

const dataField = (page: string, name: string) => new RegExp(`data-field="${name}">([^<]+)<`).exec(page)?.[1] ?? null;
const dump = (schema: string) => execFileSync("pg_dump", ["--data-only", "--schema", schema, PG_URL], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
/** A nonce as it could appear anywhere: as sent, without dashes, in capitals. */
const spellings = (nonce: string) => [nonce, nonce.replace(/-/g, ""), nonce.toUpperCase()];

describe("public web tip page: the form's nonce and the status key at rest", () => {
  const schema = uniqueName("t");
  const prefix = uniqueName("wlt");
  const env = { IDENTITY_KEY: randomBytes(32).toString("hex") };
  let app: TestApp;
  const post = (path: string, body: FormData | URLSearchParams) => fetch(`${app.baseUrl}${path}`, { method: "POST", body, redirect: "manual" });
  const photo = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#884422" } }).png().toBuffer();

  beforeAll(async () => {
    app = await startTestApp({ schema, prefix, env });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("answers a re-post of a sent form with its receipt, without decoding its photos, using the limit or making a tip", async () => {
    const nonce = randomUUID();
    const first = await post("/report", tipForm({ nonce, text: "Trộm xe máy trước nhà văn hoá" }, [{ bytes: await photo(), name: "a.png", type: "image/png" }]));
    const page = await first.text();
    expect(first.status, page).toBe(200);
    const code = dataField(page, "code");
    const key = dataField(page, "key");
    expect(code).toMatch(/^[3-9A-Z]{4}-[3-9A-Z]{4}$/);

    // A replay carrying a "photo" that no decoder accepts: decoding it would refuse the form
    // (400, "not a picture"); the replay is answered before any decoding, with the first receipt.
    // More replays than the address's limit: none of them is a new tip, none is refused.
    const junk = { bytes: Buffer.concat([(await photo()).subarray(0, 40), randomBytes(2_000)]), name: "b.png", type: "image/png" };
    for (let i = 0; i < LIMITS.report.limit + 2; i++) {
      const again = await post("/report", tipForm({ nonce, text: "Trộm xe máy trước nhà văn hoá" }, [junk, junk, junk]));
      const body = await again.text();
      expect(again.status, body).toBe(200);
      expect(dataField(body, "code")).toBe(code);
      expect(dataField(body, "key")).toBe(key);
    }
    expect(await app.deps.db.tip.count({ where: { code: code! } })).toBe(1);
    expect(await app.deps.db.tip.count({ where: { channel: "WEB" } })).toBe(1);
    expect(await app.deps.db.attachment.count({ where: { tip: { code: code! } } })).toBe(1);

    // The same junk photo on a new form is decoded, and refused.
    const fresh = await post("/report", tipForm({ nonce: randomUUID(), text: "Ảnh hỏng" }, [junk]));
    expect(fresh.status).toBe(400);
    expect(await fresh.text()).toContain("Có tệp không phải là ảnh");
  });

  it("stores neither the nonce nor the status key; code and key still open the tip, and a re-post is still one tip", async () => {
    const nonce = randomUUID();
    const sent = await (await post("/report", tipForm({ nonce, text: "Đánh bạc ở quán nước cuối ngõ" }))).text();
    const code = dataField(sent, "code")!;
    const key = dataField(sent, "key")!;
    expect(key).toBe(statusKeyFor(app.deps.identity, nonce));

    const rows = dump(schema);
    expect(rows).toContain(code);
    for (const s of [...spellings(nonce), key, key.replace(/-/g, "")]) expect(rows, s).not.toContain(s);

    const status = await post("/report/status", new URLSearchParams({ code, key }));
    expect(status.status).toBe(200);
    expect(await status.text()).toContain(`Tin báo ${code}`);
    const again = await (await post("/report", tipForm({ nonce, text: "Đánh bạc ở quán nước cuối ngõ" }))).text();
    expect(dataField(again, "code")).toBe(code);
    expect(await app.deps.db.tip.count({ where: { text: "Đánh bạc ở quán nước cuối ngõ" } })).toBe(1);
  });

  it("re-keys web tips stored by their nonce (before this version) at start, and they keep working", async () => {
    // A tip as the previous version stored it: `web:<nonce>`, its first message `web:<nonce>-first`.
    const nonce = randomUUID();
    const key = statusKeyFor(app.deps.identity, nonce);
    const p = pseudonym(app.deps.identity, "WEB", key);
    const resident = await app.deps.db.resident.create({ data: { pseudonym: p, channel: "WEB", chatRef: "", language: "vi" }, select: { id: true } });
    const old = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `web:${nonce}`, channel: "WEB", residentId: resident.id, wardCode: WARD, provinceCode: null,
      category: "drugs", text: "Tin gửi từ phiên bản trước", media: [], anonymous: true,
    });
    expect(dump(schema)).toContain(nonce);

    await app.shutdown("restart");
    app = await startTestApp({ schema, prefix, env });

    const rows = dump(schema);
    expect(rows).toContain(old.code);
    for (const s of spellings(nonce)) expect(rows, s).not.toContain(s);
    expect(app.logs.lines.some((l) => l.includes("web tips re-keyed"))).toBe(true);

    // Its status page shows it, without its own words as an answer; a late re-post is the same tip.
    const status = await post("/report/status", new URLSearchParams({ code: old.code, key }));
    const page = await status.text();
    expect(status.status).toBe(200);
    expect(page).toContain(`Tin báo ${old.code}`);
    expect(page).toContain("Cán bộ chưa hỏi thêm gì");
    const again = await post("/report", tipForm({ nonce, text: "Tin gửi từ phiên bản trước", category: "drugs" }));
    const receipt = await again.text();
    expect(again.status).toBe(200);
    expect(dataField(receipt, "code")).toBe(old.code);
    expect(dataField(receipt, "key")).toBe(key);
    expect(await app.deps.db.tip.count({ where: { text: "Tin gửi từ phiên bản trước" } })).toBe(1);
  });

  it("finishes a first submit that stopped before its routing (Redis gone at that instant) when the resident sends again", async () => {
    const nonce = randomUUID();
    const text = "Xe tải đổ trộm rác thải xuống kênh lúc nửa đêm";
    const bytes = await photo();
    // The first submit: the tip and its attachment row are written, then queueing its routing fails.
    const cut = { ...app.deps, queues: { ...app.deps.queues, routing: { add: () => Promise.reject(new Error("Connection is closed.")) } } } as unknown as typeof app.deps;
    await expect(
      submitWebTip(cut, { nonce, locale: "vi", wardCode: WARD, category: "other", text, photos: [{ bytes, mime: "image/png" }] }).catch(async (err) => {
        // Its photos were not stored either: as if the process had died between the two writes.
        await app.deps.db.attachmentBlob.deleteMany({ where: { attachment: { tip: { text } } } });
        throw err;
      }),
    ).rejects.toThrow(/closed/);
    const tip = await app.deps.db.tip.findFirstOrThrow({ where: { text }, select: { id: true, code: true } });

    // The page showed "try again" (503); the resident sends the same form again.
    const again = await post("/report", tipForm({ nonce, text }, [{ bytes, name: "a.png", type: "image/png" }]));
    const page = await again.text();
    expect(again.status, page).toBe(200);
    expect(dataField(page, "code")).toBe(tip.code);
    // The tip now goes its way (routed, or recorded as waiting for an inbox), with its photo, once.
    await eventually(() => app.deps.db.tipEvent.findFirst({ where: { tipId: tip.id, type: { in: ["routed", "unrouted"] } } }), WAIT_MS, "the tip to be routed");
    expect(await app.deps.db.attachmentBlob.count({ where: { attachment: { tipId: tip.id } } })).toBe(1);
    expect(await app.deps.db.tip.count({ where: { text } })).toBe(1);

    // A further repeat of the finished tip routes nothing again.
    const third = await post("/report", tipForm({ nonce, text }, [{ bytes, name: "a.png", type: "image/png" }]));
    expect(third.status).toBe(200);
    expect(await app.deps.db.tipEvent.count({ where: { tipId: tip.id, type: { in: ["routed", "unrouted"] } } })).toBe(1);
  });
});
