import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { setResidentLanguage, setResidentWard } from "../../src/core/residents.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";
import { offerWards } from "./ward-choice.js";
import { wardWithProvince } from "../../src/core/wards/label.js";

export type StartDeps = Pick<Deps, "db" | "wards">;

const mainMenu = (ctx: BotContext) =>
  new InlineKeyboard().text(ctx.t("btn-report"), "f:start").row().text(ctx.t("btn-my-tips"), "s:mine").text(ctx.t("btn-change-ward"), "m:ward");

/** /start (with an optional ward code from a poster's deep link), /help, /language and /ward. */
export function startFeature(deps: StartDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  pm.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    const resident = residentOf(ctx);
    await ctx.reply(ctx.t("welcome"), { reply_markup: mainMenu(ctx) });
    // t.me/<bot>?start=<ward-code> printed on posters preselects the ward.
    if (/^\d{5}$/.test(payload) && resident) {
      const ward = deps.wards.getWard(payload);
      if (ward) {
        await setResidentWard(deps.db, resident.id, payload);
        await ctx.reply(ctx.t("ward-set", { ward: wardWithProvince(deps.wards, ward) }));
      }
    }
  });

  pm.command(["help", "trogiup"], (ctx) => ctx.reply(ctx.t("help"), { reply_markup: mainMenu(ctx) }));

  pm.command(["language", "ngonngu"], (ctx) =>
    ctx.reply(ctx.t("language-pick"), { reply_markup: new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en") }),
  );
  pm.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const resident = residentOf(ctx);
    if (!resident) return;
    const locale = ctx.match[1] as "vi" | "en";
    await setResidentLanguage(deps.db, resident.id, locale);
    ctx.locale = locale;
    await ctx.reply(ctx.t("language-set"), { reply_markup: mainMenu(ctx) });
  });

  const askWard = async (ctx: BotContext) => {
    ctx.state.choosingWard = {};
    await ctx.reply(ctx.t("ward-ask"), {
      reply_markup: { keyboard: [[{ text: ctx.t("btn-share-location"), request_location: true }]], one_time_keyboard: true, resize_keyboard: true },
    });
  };
  pm.command(["ward", "phuong"], async (ctx) => {
    const q = ctx.match.trim();
    if (q) return void (await offerWards(ctx, deps, q));
    await askWard(ctx);
  });
  pm.callbackQuery("m:ward", async (ctx) => {
    await ctx.answerCallbackQuery();
    await askWard(ctx);
  });
  // While choosing a ward outside a report, whatever is typed is a search.
  pm.on("message:text", async (ctx, next) => {
    if (!ctx.state.choosingWard || ctx.state.flow || ctx.message.text.startsWith("/")) return next();
    await offerWards(ctx, deps, ctx.message.text);
  });
  return c;
}
