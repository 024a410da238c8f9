import { Composer } from "grammy";
import { AppError } from "../../src/errors.js";
import type { BotContext } from "./context.js";

/**
 * Errors a user can act on become a localized reply. Everything else propagates, so the job
 * is retried (a database outage must not lose the update), and is logged once, by the job's
 * failure line: grammY wraps it in a BotError holding the whole update, of which the logger
 * keeps only the wrapped error's type, message and code (src/log-error.ts).
 */
export function errorBoundary(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(err.messageKey, err.args), show_alert: true }).catch(() => undefined);
      else if (ctx.chat) await ctx.reply(ctx.t(err.messageKey, err.args));
    }
  });
  return c;
}
