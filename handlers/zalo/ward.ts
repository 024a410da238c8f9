import { setResidentWard } from "../../src/core/residents.js";
import { wardLabel, wardWithProvince } from "../../src/core/wards/label.js";
import { wardsNear } from "../../src/core/wards/near.js";
import type { Deps } from "../../src/deps.js";
import { numbered, type ZaloContext } from "./context.js";

export type ZaloWardDeps = Pick<Deps, "db" | "wards" | "boundaries">;

const label = (deps: ZaloWardDeps, code: string) => {
  const w = deps.wards.getWard(code);
  return w ? wardWithProvince(deps.wards, w) : code;
};

/** Offers the wards matching what was typed, as a numbered list, or says none match. */
export function offerWardsByName(deps: ZaloWardDeps, ctx: ZaloContext, query: string): void {
  const matches = deps.wards.search(query, { limit: 6 });
  if (matches.length === 0) {
    ctx.reply(ctx.t("ward-not-found", { query: query.slice(0, 60) }));
    return;
  }
  ctx.state.pick = { kind: "ward", options: matches.map((m) => m.wardCode) };
  ctx.reply(`${ctx.t("zalo-ward-pick")}\n${numbered(matches.map((m) => wardLabel(ctx.t, m)))}`);
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
  ctx.reply(ctx.t("ward-set", { ward: label(deps, code) }));
}
