/**
 * `POST https://oauth.zaloapp.com/v4/oa/access_token` (refresh grant only).
 *
 * Documented: form-encoded `app_id`, `grant_type=refresh_token`, `refresh_token`; header
 * `secret_key`; answer `{access_token, refresh_token, expires_in}` with expires_in a string; the
 * refresh token is single use. Assumed by the fake: error -14014 for a used/unknown/expired
 * refresh token, -14002 for a wrong secret_key, -14001 for a wrong app_id, -14003 for another
 * grant_type (codes and names not verified against Zalo).
 */
import { randomToken } from "./ids.js";
import type { ZaloState } from "./state.js";
import type { HandlerResult, RequestContext } from "./types.js";

const oauthError = (code: number, name: string, description: string): HandlerResult => ({
  status: 200,
  body: { error: code, error_name: name, error_description: description },
});

/** Issues a new access/refresh pair, invalidating the old ones. */
export function rotateTokens(state: ZaloState): { accessToken: string; refreshToken: string } {
  const now = state.clock.now();
  state.accessToken.valid = false;
  state.refreshToken.valid = false;
  state.usedRefreshTokens.add(state.refreshToken.value);
  state.accessToken = { value: randomToken("zat_"), expiresAt: now + state.cfg.accessTokenTtlMs, valid: true };
  state.refreshToken = { value: randomToken("zrt_"), expiresAt: now + state.cfg.refreshTokenTtlMs, valid: true };
  state.refreshCount += 1;
  return { accessToken: state.accessToken.value, refreshToken: state.refreshToken.value };
}

export function handleOauth(state: ZaloState, ctx: RequestContext): HandlerResult {
  if (ctx.path !== "/v4/oa/access_token" || ctx.httpMethod !== "POST") {
    return { status: 404, body: { error: 404, error_name: "Not Found", error_description: `no route ${ctx.httpMethod} ${ctx.path}` } };
  }
  const f = ctx.body;
  if (ctx.headers["secret_key"] !== state.cfg.appSecretKey) return oauthError(-14002, "Invalid secret key", "secret_key header is missing or wrong");
  if (f["app_id"] !== state.cfg.appId) return oauthError(-14001, "Invalid app id", "app_id is missing or wrong");
  if (f["grant_type"] !== "refresh_token") return oauthError(-14003, "Invalid grant type", "the fake supports grant_type=refresh_token only");
  const given = f["refresh_token"];
  const current = state.refreshToken;
  if (typeof given !== "string" || given !== current.value || !current.valid || state.clock.now() >= current.expiresAt) {
    const why = typeof given === "string" && state.usedRefreshTokens.has(given) ? "refresh token was already used" : "refresh token is unknown or expired";
    return oauthError(-14014, "Invalid refresh token", why);
  }
  const issued = rotateTokens(state);
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in: String(Math.round(state.cfg.accessTokenTtlMs / 1000)),
    },
  };
}
