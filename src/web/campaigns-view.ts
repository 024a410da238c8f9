import type { Figures } from "../core/campaigns/browse.js";
import { includesResidents, type Target } from "../core/campaigns/target.js";
import type { CampaignStatus } from "../generated/prisma/enums.js";
import type { T } from "./context.js";
import { html, type Html } from "./html.js";

export type AreaNames = { wards: Map<number, string>; provinces: Map<string, string> };

export const stateLabel = (t: T, status: CampaignStatus): string => t(`campaign-state-${status.toLowerCase()}`);

/** Where a campaign goes, in words: the wards and provinces it names, or everywhere. */
export function areaText(t: T, target: Target, names: AreaNames): string {
  if (target.all) return t("btn-campaign-area-all");
  const parts = [
    ...target.provinceCodes.map((c) => names.provinces.get(c) ?? c),
    ...target.wardIds.map((id) => names.wards.get(id) ?? `#${id}`),
  ];
  return parts.join(", ") || "—";
}

/** Who in that area gets it: groups, subscribers, both, or groups carrying some tags. */
export function audienceText(t: T, target: Target): string {
  if (target.tags.length) return t("webcampaign-aud-tags", { tags: target.tags.map((x) => `#${x}`).join(" ") });
  if (target.groups && includesResidents(target)) return t("btn-campaign-aud-both");
  return target.groups ? t("btn-campaign-aud-groups") : t("btn-campaign-aud-residents");
}

/** The delivery figures as table cells, in the order of `figureHeads`. */
export const figureHeads = (t: T): Html =>
  html`<th>${t("webcampaign-col-sent")}</th><th>${t("webcampaign-col-pending")}</th><th>${t("webcampaign-col-failed")}</th><th>${t("webcampaign-col-blocked")}</th><th>${t("webcampaign-col-skipped")}</th><th>${t("webcampaign-col-reached")}</th><th>${t("webcampaign-col-replies")}</th>`;

export const figureCells = (t: T, f: Figures): Html =>
  html`<td data-figure="sent">${f.sent}</td><td data-figure="pending">${f.pending}</td><td data-figure="failed">${f.failed}</td><td data-figure="blocked">${f.blocked}</td><td data-figure="skipped">${f.skipped}</td><td data-figure="reached">${t("webcampaign-reached", { groups: f.groupsReached, members: f.membersReached, residents: f.residentsReached })}</td><td data-figure="replies">${f.replies}</td>`;

/** The figures of one campaign as cards, every delivery state counted. */
export function figureCards(t: T, f: Figures): Html {
  const card = (key: string, label: string, value: number) => html`<div class="figure" data-figure="${key}"><b>${value}</b>${label}</div>`;
  return html`<div class="figures">
${card("targeted", t("webcampaign-col-targeted"), f.targeted)}
${card("sent", t("webcampaign-col-sent"), f.sent)}
${card("pending", t("webcampaign-col-pending"), f.pending)}
${card("failed", t("webcampaign-col-failed"), f.failed)}
${card("unconfirmed", t("webcampaign-col-unconfirmed"), f.unconfirmed)}
${card("blocked", t("webcampaign-col-blocked"), f.blocked)}
${card("skipped", t("webcampaign-col-skipped"), f.skipped)}
${card("groups", t("webcampaign-col-groups"), f.groupsReached)}
${card("members", t("webcampaign-col-members"), f.membersReached)}
${card("residents", t("webcampaign-col-residents"), f.residentsReached)}
${card("replies", t("webcampaign-col-replies"), f.replies)}
</div>`;
}
