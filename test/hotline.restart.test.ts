import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBoundaries } from "../src/db/boundaries.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, clearPrefix, dropSchema, startTestApp, uniqueName, type TestApp } from "./support/app.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

/** A square around a point, as an operator's GeoJSON would describe a ward. */
const square = (lat: number, lng: number, d: number) => ({
  type: "Polygon",
  coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]],
});

describe("tip hotline: state that outlives a restart, and wards found from boundaries", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  const schema = uniqueName("t");
  const prefix = uniqueName("wlt");
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const resident = user(7_200_001);
  // The same IDENTITY_KEY across restarts, as in production: pseudonyms depend on it.
  const env = { IDENTITY_KEY: "ab".repeat(32) };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, schema, prefix, env });
  }, 120_000);

  afterAll(async () => {
    await app?.shutdown("test done");
    await fake?.close();
    await dropSchema(schema);
    await clearPrefix(prefix);
  });

  it("continues a half-finished report after the service restarts", async () => {
    const tg = telegramSession(fake, app.baseUrl);
    await tg.send(u.privateCommand(resident, "/start", "00070"), (c) => to(resident.id)(c) && /Hoàn Kiếm/.test(textOf(c)));
    const cat = await tg.send(u.privateCommand(resident, "/report"), (c) => to(resident.id)(c) && buttons(c).some((b) => b.callback_data === "f:cat:scam"));
    await tg.send(u.callback(resident, "f:cat:scam", { chatId: resident.id, messageId: messageIdOf(cat) }), (c) => to(resident.id)(c) && /mô tả/i.test(textOf(c)));

    await app.shutdown("restart");
    app = { ...app, ...(await startTestApp({ apiRoot: fake.apiRoot, schema, prefix, env })) };
    const tg2 = telegramSession(fake, app.baseUrl);
    const next = await tg2.send(u.privateText(resident, "Có người gọi tự xưng công an quận, bảo chuyển tiền vào tài khoản tạm giữ"), (c) => to(resident.id)(c) && /ở đâu/i.test(textOf(c)));
    expect(textOf(next)).toBeTruthy();
  });

  it("finds the ward from a shared location once boundaries are imported", async () => {
    const result = await importBoundaries(
      app.deps.db,
      {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { ward_code: "00082" }, geometry: square(21.028, 105.842, 0.004) },
          { type: "Feature", properties: { ward_code: "00070" }, geometry: square(21.02, 105.85, 0.003) },
          { type: "Feature", properties: { name: "no code" }, geometry: square(10, 106, 0.01) },
        ],
      },
      "ward_code",
    );
    expect(result.imported).toBe(2);
    expect(result.skipped).toHaveLength(1);

    await app.shutdown("reload boundaries");
    app = { ...app, ...(await startTestApp({ apiRoot: fake.apiRoot, schema, prefix, env })) };
    const tg = telegramSession(fake, app.baseUrl);
    const someone = user(7_200_002);
    await tg.send(u.privateCommand(someone, "/report"), (c) => to(someone.id)(c) && /không dấu/.test(textOf(c)));
    const located = await tg.send(u.location(someone, 21.0285, 105.8415), (c) => to(someone.id)(c) && buttons(c).length > 0);
    expect(textOf(located)).toContain("Phường Cửa Nam");
    expect(buttons(located)[0]!.callback_data).toBe("w:00082");
  });
});
