import type { FastifyRequest } from "fastify";
import { CATEGORIES, isCategory, type Category } from "../core/categories.js";
import { MAX_IDENTITY, MAX_PLACE, MAX_REPORT_TEXT, MAX_WHEN } from "../core/report-flow.js";
import type { WardIndex } from "../core/wards/search.js";
import { wardLabel, wardWithProvince } from "../core/wards/label.js";
import { chooseWards } from "../core/wards/narrow.js";
import type { T } from "./context.js";
import { html, type Html } from "./html.js";
import { page } from "./layout.js";
import { UPLOAD } from "./public-upload.js";

/** The public report form as typed: everything is kept as text so it can be shown again. */
export type ReportForm = {
  nonce: string;
  wardQuery: string;
  ward: string;
  category: string;
  text: string;
  place: string;
  when: string;
  lat: string;
  lng: string;
  anonymous: boolean;
  identity: string;
  /** A field people never see: bots fill it. */
  website: string;
};

const MAX_WARD_QUERY = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isNonce = (s: string) => UUID.test(s);

/** Browsers send CRLF line ends from text areas; the length that counts is the text's. */
const text = (v: string | undefined) => (v ?? "").replace(/\r\n?/g, "\n").trim();

export function readForm(get: (name: string) => string | undefined, freshNonce: string): ReportForm {
  const nonce = (get("nonce") ?? "").trim();
  return {
    nonce: isNonce(nonce) ? nonce.toLowerCase() : freshNonce,
    wardQuery: text(get("ward_q")).slice(0, MAX_WARD_QUERY),
    ward: (get("ward") ?? "").trim(),
    category: (get("category") ?? "").trim(),
    text: text(get("text")),
    place: text(get("place")),
    when: text(get("when")),
    lat: (get("lat") ?? "").trim(),
    lng: (get("lng") ?? "").trim(),
    anonymous: get("anonymous") !== "0",
    identity: text(get("identity")),
    website: (get("website") ?? "").trim(),
  };
}

export type ReportError = { key: string; args?: Record<string, number> };

export type CheckedReport = {
  wardCode: string;
  category: Category;
  text: string;
  place: string | undefined;
  when: string | undefined;
  lat: number | undefined;
  lng: number | undefined;
  identity: string | undefined;
};

const coordinate = (s: string, limit: number): number | null | undefined => {
  if (s === "") return undefined;
  if (!/^-?\d{1,3}(\.\d{1,10})?$/.test(s.replace(",", "."))) return null;
  const n = Number(s.replace(",", "."));
  return Math.abs(n) <= limit ? n : null;
};

/** The ward picked, or given by a poster's link (`?ward=4` is padded to 00004). */
const chosenWard = (wards: WardIndex, f: ReportForm) => (/^\d{1,5}$/.test(f.ward) ? wards.getWard(f.ward) : undefined);

/** The form's fields as a tip, or what is wrong with them (as message keys). */
export function checkForm(wards: WardIndex, f: ReportForm): { ok: true; report: CheckedReport } | { ok: false; errors: ReportError[] } {
  const errors: ReportError[] = [];
  const ward = chosenWard(wards, f);
  if (!ward) errors.push({ key: "public-error-ward" });
  if (!isCategory(f.category)) errors.push({ key: "public-error-category" });
  if (!f.text || f.text.length > MAX_REPORT_TEXT) errors.push({ key: "public-error-text", args: { max: MAX_REPORT_TEXT } });
  if (f.place.length > MAX_PLACE || f.when.length > MAX_WHEN) errors.push({ key: "public-error-too-long" });
  const lat = coordinate(f.lat, 90);
  const lng = coordinate(f.lng, 180);
  if (lat === null || lng === null || (lat === undefined) !== (lng === undefined)) errors.push({ key: "public-error-location" });
  if (!f.anonymous && (!f.identity || f.identity.length > MAX_IDENTITY)) errors.push({ key: "public-error-identity" });
  if (errors.length || !ward || !isCategory(f.category)) return { ok: false, errors };
  return {
    ok: true,
    report: {
      wardCode: ward.code,
      category: f.category,
      text: f.text,
      place: f.place || undefined,
      when: f.when || undefined,
      lat: lat ?? undefined,
      lng: lng ?? undefined,
      identity: f.anonymous ? undefined : f.identity,
    },
  };
}

type WardChoice = { code: string; label: string; checked: boolean };

/** The wards to pick from: what the search found, with the chosen (or QR-code) ward first. */
export function wardChoices(wards: WardIndex, t: T, f: ReportForm): { choices: WardChoice[]; searched: boolean; narrow: string | null } {
  const found = f.wardQuery ? chooseWards(wards, f.wardQuery, { limit: 8 }) : null;
  const matches = found?.matches ?? [];
  // A name too common to list (tens of "Tân Thành"): say where they are, to search again with the province.
  const by = found?.narrowBy;
  const narrow = by
    ? t("public-ward-narrow", { count: found.total, places: by.options.slice(0, 8).map((o) => `${o.name} (${o.count})`).join(", ") + (by.options.length > 8 ? ", …" : ""), query: f.wardQuery })
    : null;
  const chosen = chosenWard(wards, f);
  const choices: WardChoice[] = [];
  if (chosen && !matches.some((m) => m.wardCode === chosen.code)) {
    choices.push({ code: chosen.code, label: wardWithProvince(wards, chosen), checked: true });
  }
  for (const m of matches) choices.push({ code: m.wardCode, label: wardLabel(t, m), checked: m.wardCode === chosen?.code });
  if (choices.length === 1) choices[0]!.checked = true;
  return { choices, searched: Boolean(f.wardQuery), narrow };
}

export type FormNotice = { kind: "error" | "ok"; lines: string[] };

/** GET /report and every re-display of it: Vietnamese first, no script needed, nothing typed lost. */
export function reportPage(req: FastifyRequest, t: T, wards: WardIndex, f: ReportForm, notice: FormNotice | null): Html {
  const { choices, searched, narrow } = wardChoices(wards, t, f);
  const wardPart = choices.length
    ? html`<p>${choices.length === 1 ? t("public-ward-this") : t("public-ward-pick")}</p>
<ul class="public-wards">${choices.map((c) => html`<li><label class="check"><input type="radio" name="ward" value="${c.code}" required${c.checked ? html` checked` : ""}> ${c.label}</label></li>`)}</ul>${narrow ? html`<p class="muted">${narrow}</p>` : ""}`
    : searched
      ? html`<p class="notice error" role="alert">${t("public-ward-none", { query: f.wardQuery })}</p>`
      : html`<p class="muted">${t("public-ward-first")}</p>`;
  const option = (c: string) => html`<option value="${c}"${f.category === c ? html` selected` : ""}>${t(`category-${c}`)}</option>`;
  const body = html`<section class="card public-report">
<h1>${t("public-report-title")}</h1>
<p>${t("public-report-intro")}</p>
<p class="notice error">${t("public-emergency")}</p>
${notice ? html`<div class="notice ${notice.kind}" role="${notice.kind === "error" ? "alert" : "status"}">${notice.lines.map((l) => html`<p>${l}</p>`)}</div>` : ""}
<form method="post" action="/report" enctype="multipart/form-data">
<input type="hidden" name="nonce" value="${f.nonce}" autocomplete="off">
<p hidden><label>${t("public-honeypot")}<input name="website" value="" tabindex="-1" autocomplete="off"></label></p>
<fieldset>
<legend>${t("public-ward-legend")}</legend>
<p><label>${t("public-ward-search")}<input name="ward_q" value="${f.wardQuery}" maxlength="${MAX_WARD_QUERY}" autocomplete="off"></label>
<button type="submit" name="do" value="search" formnovalidate>${t("public-ward-search-button")}</button></p>
${wardPart}
</fieldset>
<fieldset>
<legend>${t("public-details-legend")}</legend>
<p><label>${t("public-category")}<select name="category" required><option value="">—</option>${CATEGORIES.map(option)}</select></label></p>
<p><label>${t("public-text")}<textarea name="text" required maxlength="${MAX_REPORT_TEXT}" rows="6" cols="34">${f.text}</textarea></label></p>
<p><label>${t("public-place")}<input name="place" value="${f.place}" maxlength="${MAX_PLACE}" size="30"></label></p>
<p><label>${t("public-when")}<input name="when" value="${f.when}" maxlength="${MAX_WHEN}" size="30"></label></p>
<p>${t("public-location")}</p>
<p><label>${t("public-lat")}<input name="lat" value="${f.lat}" inputmode="decimal" maxlength="16" size="12"></label>
<label>${t("public-lng")}<input name="lng" value="${f.lng}" inputmode="decimal" maxlength="16" size="12"></label>
<button type="button" id="locate" hidden data-done="${t("public-locate-done")}" data-failed="${t("public-locate-failed")}">${t("public-locate")}</button>
<span id="locate-status" role="status"></span></p>
</fieldset>
<fieldset>
<legend>${t("public-identity-legend")}</legend>
<p><label class="check"><input type="radio" name="anonymous" value="1"${f.anonymous ? html` checked` : ""}> ${t("public-anonymous")}</label></p>
<p><label class="check"><input type="radio" name="anonymous" value="0"${f.anonymous ? "" : html` checked`}> ${t("public-identified")}</label></p>
<p><label>${t("public-identity")}<input name="identity" value="${f.identity}" maxlength="${MAX_IDENTITY}" size="30" autocomplete="off"></label></p>
</fieldset>
<fieldset>
<legend>${t("public-photos-legend")}</legend>
<p><label>${t("public-photos", { max: UPLOAD.photos, mb: UPLOAD.photoBytes / 1024 / 1024 })}<input type="file" name="photos" accept="image/*" multiple></label></p>
</fieldset>
<p><button type="submit" name="do" value="send" class="primary">${t("public-send")}</button></p>
</form>
<p><a href="/report/status">${t("public-status-link")}</a></p>
</section>`;
  return page(req, t, { title: t("public-report-title"), body });
}
