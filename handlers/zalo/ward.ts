import { setResidentWard } from "../../src/core/residents.js";
import { wardLabel, wardWithProvince } from "../../src/core/wards/label.js";
import { chooseWards, type ChoiceOptions } from "../../src/core/wards/narrow.js";
import { wardsNear } from "../../src/core/wards/near.js";
import type { Deps } from "../../src/deps.js";
import { numbered, type ZaloContext } from "./context.js";

export type ZaloWardDeps = Pick<Deps, "db" | "wards" | "boundaries">;

const label = (deps: ZaloWardDeps, code: string) => {
  const w = deps.wards.getWard(code);
  return w ? wardWithProvince(deps.wards, w) : code;
};

/** Wards listed at once. */
const SHOWN = 6;
const MAX_QUERY = 200;

/**
 * Offers the wards matching what was typed, as a numbered list, or says none match. When more are
 * as good as the first than can be listed (tens of "Tân Thành"), lists the provinces they are in,
 * then the former districts, to choose by number first.
 */
export function offerWardsByName(deps: ZaloWardDeps, ctx: ZaloContext, query: string, narrowed: Omit<ChoiceOptions, "limit"> = {}): void {
  const choices = chooseWards(deps.wards, query, { limit: SHOWN, ...narrowed });
  const matches = choices.matches;
  if (matches.length === 0) {
    delete ctx.state.pick;
    ctx.reply(ctx.t("ward-not-found", { query: query.slice(0, 60) }));
    return;
  }
  const by = choices.narrowBy;
  if (by) {
    ctx.state.pick = { kind: by.kind === "province" ? "ward-province" : "ward-district", options: by.options.map((o) => o.key) };
    ctx.state.wardSearch = { query: query.slice(0, MAX_QUERY), ...(narrowed.provinceCode ? { provinceCode: narrowed.provinceCode } : {}) };
    const ask = ctx.t(by.kind === "province" ? "ward-narrow-province" : "ward-narrow-district", { count: choices.total, query: query.slice(0, 60) });
    ctx.reply(`${ask}\n${ctx.t("zalo-ward-narrow")}\n${numbered(by.options.map((o) => `${o.name} (${o.count})`))}`);
    return;
  }
  delete ctx.state.wardSearch;
  ctx.state.pick = { kind: "ward", options: matches.map((m) => m.wardCode) };
  ctx.reply(`${ctx.t("zalo-ward-pick")}\n${numbered(matches.map((m) => wardLabel(ctx.t, m)))}`);
}

/** A number typed for the narrowing step: the province (then former district) the ward is in. */
export function narrowWards(deps: ZaloWardDeps, ctx: ZaloContext, kind: "ward-province" | "ward-district", choice: string): void {
  const search = ctx.state.wardSearch;
  if (!search) {
    delete ctx.state.pick;
    ctx.reply(ctx.t("ward-narrow-expired"));
    return;
  }
  if (kind === "ward-province") offerWardsByName(deps, ctx, search.query, { provinceCode: choice });
  else offerWardsByName(deps, ctx, search.query, { ...(search.provinceCode ? { provinceCode: search.provinceCode } : {}), formerDistrict: choice });
}

/** Wards for a shared location: the one whose imported boundary holds it, else the nearest few. */
export async function offerWardsNear(deps: ZaloWardDeps, ctx: ZaloContext, lat: number, lng: number): Promise<string | null> {
  const located = deps.boundaries.locate(lat, lng);
  if (located && deps.wards.getWard(located)) return located;
  const near = await wardsNear(deps.db, lat, lng);
  if (near.length === 0) {
    ctx.reply(ctx.t("ward-location-unknown"));
    return null;
  }
  ctx.state.pick = { kind: "ward", options: near };
  ctx.reply(`${ctx.t("ward-near")}\n${numbered(near.map((code) => label(deps, code)))}`);
  return null;
}

/** Remembers the resident's ward and tells them. */
export async function chooseWard(deps: ZaloWardDeps, ctx: ZaloContext, code: string): Promise<void> {
  const wardId = await setResidentWard(deps.db, ctx.resident.id, code);
  ctx.resident = { ...ctx.resident, wardId: wardId ?? ctx.resident.wardId };
  delete ctx.state.pick;
  delete ctx.state.choosingWard;
  delete ctx.state.wardSearch;
  ctx.reply(ctx.t("ward-set", { ward: label(deps, code) }));
}
