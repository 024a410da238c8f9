import { setResidentLanguage } from "../../src/core/residents.js";
import type { Deps } from "../../src/deps.js";
import type { ZaloContext, ZaloFeature } from "./context.js";

const MENU_WORDS = new Set(["menu", "start", "batdau", "help", "trogiup", "huongdan", "hi", "hello", "chao", "xinchao"]);
const CANCEL_WORDS = new Set(["huy", "cancel", "dung", "stop", "thoat"]);

export const MENU_OPTIONS = ["report", "mytips", "ward", "subscribe", "check"] as const;

export function showMenu(ctx: ZaloContext): void {
  ctx.state.pick = { kind: "menu", options: [...MENU_OPTIONS] };
  ctx.reply(ctx.t("zalo-menu"));
}

/** Clears whatever the resident was in the middle of. */
export function clearState(ctx: ZaloContext): boolean {
  const had = Boolean(ctx.state.flow || ctx.state.draft || ctx.state.choosingWard || ctx.state.checking || ctx.state.pick);
  for (const k of ["flow", "draft", "choosingWard", "checking", "pick", "replyingTo"] as const) delete ctx.state[k];
  return had;
}

/** Follow, unfollow, the menu, cancel and the language: the words that work at any step. */
export function menuFeature(deps: Pick<Deps, "db">): ZaloFeature {
  return async (ctx) => {
    const { msg } = ctx;
    if (msg.kind === "unfollow") {
      await deps.db.resident.update({ where: { id: ctx.resident.id }, data: { unreachable: true } });
      clearState(ctx);
      return true;
    }
    if (msg.kind === "follow") {
      showMenu(ctx);
      return true;
    }
    if (msg.kind !== "text") return false;
    if (CANCEL_WORDS.has(ctx.word) && !ctx.rest) {
      ctx.reply(ctx.t(clearState(ctx) ? "zalo-cancelled" : "nothing-to-cancel"));
      return true;
    }
    if (MENU_WORDS.has(ctx.word) && !ctx.rest) {
      clearState(ctx);
      showMenu(ctx);
      return true;
    }
    const lang = ctx.word === "english" || ctx.word === "en" ? "en" : ctx.word === "tiengviet" || (ctx.word === "tieng" && /^viet$/i.test(ctx.rest)) ? "vi" : null;
    if (lang) {
      await setResidentLanguage(deps.db, ctx.resident.id, lang);
      ctx.locale = lang;
      ctx.reply(ctx.t("language-set"));
      showMenu(ctx);
      return true;
    }
    return false;
  };
}
