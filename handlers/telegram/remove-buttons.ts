import { GrammyError } from "grammy";
import type { BotContext } from "./context.js";

/**
 * Takes the buttons off the message just tapped (a summary whose "Send" was tapped, a ward list
 * after a choice), so it cannot be tapped twice. Only the Bot API's refusals (already without
 * buttons, too old to edit, deleted) are let go: what the tap did is done by then.
 */
export async function removeButtons(ctx: BotContext): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup();
  } catch (err) {
    if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
  }
}
