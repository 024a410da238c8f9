import { expect } from "vitest";
import type { FakeZalo } from "../fakes/zalo-api.js";
import { WAIT_MS, eventually } from "./wait.js";

/** The settings that point the app's OA surface at the fake Zalo server. */
export function zaloOaEnv(zalo: FakeZalo): Record<string, string> {
  return {
    ZALO_OA_APP_ID: zalo.appId,
    ZALO_OA_SECRET_KEY: zalo.oaSecretKey,
    ZALO_APP_SECRET_KEY: zalo.appSecretKey,
    ZALO_OA_REFRESH_TOKEN: zalo.refreshToken,
    ZALO_OA_ACCESS_TOKEN: zalo.accessToken,
    ZALO_OA_API_ROOT: zalo.oaApiRoot,
    ZALO_OAUTH_ROOT: zalo.oauthRoot,
  };
}

/** The resident's view on Zalo: the text of every OA message the fake accepted for them. */
export const oaTexts = (zalo: FakeZalo, userId: string): string[] =>
  zalo.oaSentTo(userId).map((s) => String((s.message as { text?: string }).text ?? ""));

/** A resident on the OA: `say` writes and waits for the answer matching `pattern`. */
export function oaResident(zalo: FakeZalo) {
  /** What the resident sees next: the first OA message after `before` texts that matches. */
  const nextOaText = (userId: string, before: number, pattern: RegExp) =>
    eventually(async () => oaTexts(zalo, userId).slice(before).find((t) => pattern.test(t)), WAIT_MS, `an OA message matching ${pattern}`);
  const say = async (userId: string, text: string, pattern: RegExp) => {
    const before = oaTexts(zalo, userId).length;
    const r = await zalo.userSends(userId, { text });
    expect(r.status).toBe(200);
    return nextOaText(userId, before, pattern);
  };
  return { say, nextOaText };
}
