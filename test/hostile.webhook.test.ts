import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBindingCode } from "../src/core/officers.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, WEBHOOK_SECRET, eventually, startTestApp, type TestApp } from "./support/app.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
type Case = { name: string; body: string; secret?: string | null; status: number };

const valid = (extra: Record<string, unknown> = {}) => ({ update_id: u.nextUpdateId(), ...extra });
const json = (x: unknown) => JSON.stringify(x);
const msg = (over: Record<string, unknown>) => ({ message_id: 1, date: 1_700_000_000, chat: { id: 42, type: "private" }, from: { id: 42, is_bot: false, first_name: "A" }, text: "x", ...over });

/** At least 200 requests a hostile or broken sender could make, each with the status it must get. */
function corpus(): Case[] {
  const cases: Case[] = [];
  const good = json(u.privateText(user(7_400_000_001), "Có người lạ đi xe không biển số"));
  for (const secret of [null, "", "wrong", WEBHOOK_SECRET.toUpperCase(), WEBHOOK_SECRET.slice(0, -1), `${WEBHOOK_SECRET}x`, `${WEBHOOK_SECRET.slice(0, -1)}F`, WEBHOOK_SECRET.replace("_", "-"), /* spaces around a header value are not part of it (RFC 9110), so " secret " is the secret */ "x".repeat(10_000), "ünïcødé", "null", "undefined", "0", "*", WEBHOOK_SECRET.replace(/./, "T"), "../../etc/passwd", "' OR 1=1 --", "%00", "\t", "a,b"]) {
    cases.push({ name: `secret ${JSON.stringify(secret).slice(0, 30)}`, body: good, secret, status: 401 });
  }
  const full = json(u.privateText(user(7_400_000_002), "Báo tin: đường Lê Lợi có trộm xe máy lúc 2 giờ sáng"));
  for (let i = 1; i <= 40; i++) cases.push({ name: `truncated at ${i}/41`, body: full.slice(0, Math.floor((full.length * i) / 41)), status: 400 });
  for (const body of ["", " ", "not json", "{", "}", "[1,2", "{'update_id':1}", '{"update_id":1,}', "NaN", "undefined", '"string"', "true", "1", "null", "\u0000", '{"update_id":1}garbage']) {
    cases.push({ name: `malformed ${JSON.stringify(body).slice(0, 20)}`, body, status: 400 });
  }
  const wrongTypes: unknown[] = [
    {}, [], { update_id: "1" }, { update_id: 1.5 }, { update_id: -1 }, { update_id: null }, { update_id: true }, { update_id: [1] }, { update_id: { n: 1 } },
    { update_id: 2 ** 53 + 2 }, { update_id: 1e400 }, valid({ message: "hello" }), valid({ message: 5 }), valid({ message: [] }), valid({ message: null }),
    valid({ message: msg({ chat: undefined }) }), valid({ message: msg({ chat: { id: "42", type: "private" } }) }), valid({ message: msg({ chat: { id: 42, type: "secret" } }) }),
    valid({ message: msg({ text: 42 }) }), valid({ message: msg({ text: ["a"] }) }), valid({ message: msg({ from: { id: 4.2 } }) }), valid({ message: msg({ from: { id: 2 ** 60 } }) }),
    valid({ message: msg({ message_id: "1" }) }), valid({ message: msg({ date: "today" }) }), valid({ message: msg({ caption: { a: 1 } }) }),
    valid({ message: msg({ location: { latitude: 500, longitude: 0 } }) }), valid({ message: msg({ reply_to_message: { message_id: "x" } }) }),
    valid({ edited_message: "x" }), valid({ channel_post: msg({ chat: { id: 1 } }) }), valid({ callback_query: { id: 1, from: { id: 42 } } }),
    valid({ callback_query: { id: "1", from: { id: 42 }, data: 5 } }), valid({ callback_query: { id: "1" } }), valid({ callback_query: { id: "1", from: { id: 42 }, data: "x".repeat(300) } }),
    valid({ my_chat_member: { chat: { id: 1, type: "group" } } }), valid({ chat_member: "x" }), valid({ message: msg({ chat: { id: 2 ** 60, type: "private" } }) }),
  ];
  for (const body of wrongTypes) cases.push({ name: `wrong types ${json(body).slice(0, 60)}`, body: json(body), status: 400 });
  for (const depth of [65, 100, 1_000, 100_000]) {
    cases.push({ name: `nested ${depth} deep`, body: `{"update_id":${u.nextUpdateId()},"x":${"[".repeat(depth)}${"]".repeat(depth)}}`, status: 400 });
  }
  cases.push({ name: "nested 20 deep (harmless)", body: `{"update_id":${u.nextUpdateId()},"x":${"[".repeat(20)}${"]".repeat(20)}}`, status: 200 });
  for (const size of [1024 * 1024 + 1, 2 * 1024 * 1024, 8 * 1024 * 1024]) {
    cases.push({ name: `body of ${size} bytes`, body: json(valid({ message: msg({ text: "x".repeat(size) }) })), status: 413 });
  }
  const unknownKinds = ["poll", "poll_answer", "chat_join_request", "message_reaction", "message_reaction_count", "business_message", "edited_business_message", "deleted_business_messages", "business_connection", "purchased_paid_media", "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query", "chat_boost", "removed_chat_boost", "a_kind_from_the_future"];
  for (const kind of unknownKinds) cases.push({ name: `unknown kind ${kind}`, body: json(valid({ [kind]: { id: "1", anything: [1, { deep: true }] } })), status: 200 });
  cases.push({ name: "update_id only", body: json(valid()), status: 200 });
  cases.push({ name: "update_id 2^53-1", body: json({ update_id: Number.MAX_SAFE_INTEGER - Math.floor(Math.random() * 1e6) }), status: 200 });
  const texts = ["", " ", "x".repeat(4096), "\u0000nul\u0000", "\u202Eevil\u202C bidi", "\u200B\u200D zero width", "Co\u0301 ngu\u031Bo\u031B\u0300i la\u0323", "<script>alert(1)</script><b>bold</b>", "'; DROP TABLE \"Tip\"; --", "${process.env}", "{{7*7}}", "%s%n%x", "\r\n\t\u0007\u001b[31m", "😀".repeat(1000), "../../etc/passwd", "<a href=\"javascript:alert(1)\">x</a>", "&lt;&amp;&gt;"];
  for (const t of texts) {
    const who = () => user(7_400_100_000 + cases.length);
    cases.push({ name: `text ${JSON.stringify(t).slice(0, 30)}`, body: json(u.privateText(who(), t)), status: 200 });
    cases.push({ name: `caption ${JSON.stringify(t).slice(0, 30)}`, body: json(u.photo(who(), "AgACAgIAAxk-hostile", t)), status: 200 });
    cases.push({ name: `group text ${JSON.stringify(t).slice(0, 30)}`, body: json(u.groupText(-1_004_999_000_001, who(), t)), status: 200 });
    cases.push({ name: `button data ${JSON.stringify(t).slice(0, 30)}`, body: json(u.callback(who(), t.slice(0, 64), { chatId: 7_400_999_001, messageId: 1 })), status: 200 });
  }
  for (const fileName of ["../../etc/passwd", "..\\..\\windows\\system32", "/abs/path.jpg", "%2e%2e%2fx", "a\u0000b.pdf", "<img src=x onerror=alert(1)>.pdf", "x".repeat(1000)]) {
    cases.push({ name: `file name ${JSON.stringify(fileName).slice(0, 30)}`, body: json(u.document(user(7_400_200_000 + cases.length), "BQACAgIAAxk-hostile", { fileName })), status: 200 });
  }
  return cases;
}

describe("hostile and odd input at POST /webhooks/telegram", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const inbox = -1_004_000_000_001;
  const officer = user(6_400_001);

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { RESIDENT_TIPS_PER_HOUR: "100" } });
    tg = telegramSession(fake, app.baseUrl);
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: "00004" }, select: { id: true, provinceCode: true } });
    await app.deps.db.officer.create({ data: { telegramUserId: BigInt(officer.id), displayName: "Cán bộ", wardId: ward.id, provinceCode: ward.provinceCode } });
    const { code } = await createBindingCode(app.deps.db, "00004");
    await tg.send(u.groupCommand(inbox, officer, "/bind", code), to(inbox));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("answers each of 200+ requests with the right status, fails no job, and stays healthy", { timeout: 180_000 }, async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const wrong: string[] = [];
    for (const c of cases) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      const secret = c.secret === undefined ? WEBHOOK_SECRET : c.secret;
      if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
      const res = await fetch(`${app.baseUrl}/webhooks/telegram`, { method: "POST", headers, body: c.body }).catch((err: Error) => ({ status: -1, text: async () => err.message }));
      await res.text();
      if (res.status !== c.status) wrong.push(`${c.name}: ${res.status}, expected ${c.status}`);
    }
    expect(wrong).toEqual([]);
    // Everything accepted is processed; nothing fails; the service still answers.
    await eventually(async () => {
      const counts = await app.deps.queues.inbound.getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(counts).every((n) => n === 0) || null;
    }, 120_000, "the inbound queue to drain");
    expect((await app.deps.queues.inbound.getJobCounts("failed")).failed).toBe(0);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it("keeps hostile text as text: stored whole, shown escaped on the officers' card", async () => {
    const hostile = "<script>alert(1)</script> '; DROP TABLE \"Tip\"; -- \u202Eevil\u202C Co\u0301 \u0000end";
    const r = user(7_400_300_001);
    await tg.send(u.privateCommand(r, "/start", "00004"), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const offer = await tg.send(u.privateText(r, hostile), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
    const sent = await tg.send(u.callback(r, "d:send", { chatId: r.id, messageId: messageIdOf(offer) }), (c) => to(r.id)(c) && /Mã tin báo/.test(textOf(c)));
    const code = textOf(sent).match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { text: true } });
    expect(tip.text).toBe(hostile.replace("\u0000", ""));
    expect(await app.deps.db.tip.count()).toBeGreaterThan(0); // the table is still there
    const card = await fake.waitFor((c) => to(inbox)(c) && textOf(c).includes(code));
    // The fake parses parse_mode HTML as Telegram does: the officer reads the tags as text.
    expect(fake.message(inbox, messageIdOf(card))?.text).toContain("<script>alert(1)</script>");
  });
});
