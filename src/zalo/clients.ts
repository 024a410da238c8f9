import type { Config } from "../config.js";
import type { IdentityKeys } from "../crypto/identity.js";
import type { Db } from "../db/client.js";
import { createZaloBotClient, type ZaloBotClient } from "./bot-client.js";
import { createOaClient, oauthExchange, type OaClient } from "./oa-client.js";
import { createTokenStore } from "./tokens.js";

/** The Zalo surfaces this deployment speaks; each is null when its settings are absent. */
export type ZaloClients = { oa: OaClient | null; bot: ZaloBotClient | null };

export function createZaloClients(config: Config, db: Db, keys: IdentityKeys): ZaloClients {
  const { oa, bot } = config.zalo;
  return {
    oa: oa.enabled
      ? createOaClient({
          apiRoot: oa.apiRoot,
          tokens: createTokenStore(db, keys, { refreshToken: oa.refreshToken, accessToken: oa.accessToken }, oauthExchange({ oauthRoot: oa.oauthRoot, appId: oa.appId, appSecretKey: oa.appSecretKey })),
        })
      : null,
    bot: bot.enabled ? createZaloBotClient({ apiRoot: bot.apiRoot, token: bot.token }) : null,
  };
}
