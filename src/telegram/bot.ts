import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Deps } from "../deps.js";
import type { BotContext } from "../../handlers/telegram/context.js";
import { prepare } from "../../handlers/telegram/prepare.js";
import { errorBoundary } from "../../handlers/telegram/error-boundary.js";
import { groupsFeature } from "../../handlers/telegram/groups.js";
import { inboxBindFeature } from "../../handlers/telegram/inbox-bind.js";
import { inboxCardFeature } from "../../handlers/telegram/inbox-card.js";
import { inboxRepliesFeature } from "../../handlers/telegram/inbox-replies.js";
import { inboxCommandsFeature } from "../../handlers/telegram/inbox-commands.js";
import { startFeature } from "../../handlers/telegram/start.js";
import { statusFeature } from "../../handlers/telegram/status.js";
import { reportFeature } from "../../handlers/telegram/report.js";
import { wardChoiceFeature } from "../../handlers/telegram/ward-choice.js";
import { answerFeature } from "../../handlers/telegram/answer.js";
import { draftFeature } from "../../handlers/telegram/draft.js";
import { inboxIndicatorsFeature } from "../../handlers/telegram/inbox-indicators.js";
import { scamCheckFeature } from "../../handlers/telegram/scam-check.js";
import { audienceAttachFeature } from "../../handlers/telegram/audience-attach.js";
import { campaignRepliesFeature } from "../../handlers/telegram/campaign-replies.js";
import { campaignComposeFeature } from "../../handlers/telegram/campaign-compose.js";
import { campaignConfirmFeature } from "../../handlers/telegram/campaign-confirm.js";
import { campaignControlFeature } from "../../handlers/telegram/campaign-control.js";
import { subscribeFeature } from "../../handlers/telegram/subscribe.js";
import { noticesFeature } from "../../handlers/telegram/notices.js";
import { loginFeature } from "../../handlers/telegram/login.js";
import { unhandledFeature } from "../../handlers/telegram/unhandled.js";

/**
 * How long a Bot API call may take. Giving up early is worse than waiting: Telegram may still
 * carry out a request we stopped waiting for, and the retry would send the message twice.
 */
const SEND_TIMEOUT_SECONDS = 300;

/**
 * Telegram refuses to answer a button tap more than about 15 s old ("query is too old"). An
 * update handled late (after an outage, from a backlog) must still do its work, so that one
 * refusal is treated as answered instead of failing the job on every retry.
 */
const tolerateStaleCallbacks: Transformer = async (prev, method, payload, signal) => {
  const res = await prev(method, payload, signal);
  if (method === "answerCallbackQuery" && !res.ok && res.error_code === 400) return { ok: true, result: true } as unknown as typeof res;
  return res;
};

/** The Telegram bot: every feature registered in order, the unhandled one last. */
export function createBot(deps: Deps, botInfo?: UserFromGetMe): Bot<BotContext> {
  const tg = deps.config.telegram;
  if (!tg.enabled) throw new Error("Telegram is not configured");
  const bot = new Bot<BotContext>(tg.token, { ...(botInfo ? { botInfo } : {}), client: { apiRoot: tg.apiRoot, timeoutSeconds: SEND_TIMEOUT_SECONDS } });
  bot.api.config.use(tolerateStaleCallbacks);
  // Replies inside an update honour retry_after briefly; long waits fail the job, which retries later.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10, rethrowHttpErrors: true }));

  bot.use(prepare(deps));
  bot.use(errorBoundary());
  bot.use(groupsFeature(deps));
  bot.use(campaignRepliesFeature(deps));
  bot.use(audienceAttachFeature(deps));
  bot.use(inboxBindFeature(deps));
  bot.use(inboxCardFeature(deps));
  bot.use(inboxRepliesFeature(deps));
  bot.use(inboxCommandsFeature(deps));
  bot.use(inboxIndicatorsFeature(deps));
  bot.use(campaignComposeFeature(deps));
  bot.use(campaignConfirmFeature(deps));
  bot.use(campaignControlFeature(deps));
  bot.use(subscribeFeature(deps));
  bot.use(noticesFeature(deps));
  bot.use(loginFeature(deps));
  bot.use(startFeature(deps));
  bot.use(statusFeature(deps));
  bot.use(wardChoiceFeature(deps));
  bot.use(reportFeature(deps));
  bot.use(answerFeature(deps));
  bot.use(scamCheckFeature(deps));
  bot.use(draftFeature());
  bot.use(unhandledFeature());
  return bot;
}
