import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { submitWebTip } from "../core/web-tips.js";
import { sameOrigin, sendHtml, translator, type T, type WebDeps } from "./context.js";
import { minutesFrom, statusUrl } from "./public-common.js";
import { badInput, forbidden } from "./layout.js";
import { checkForm, readForm, reportPage, type FormNotice, type ReportForm } from "./public-form.js";
import { LIMITS, createRateLimiter, type RateLimiter } from "./public-rate-limit.js";
import { receiptPage } from "./public-receipt.js";
import { registerPublicStatus } from "./public-status.js";
import { UPLOAD, UPLOAD_BODY_BYTES, cleanPhoto, readUpload, type Upload } from "./public-upload.js";

/**
 * The public tip page: /report to send a tip to a ward without an account, /report/status to
 * follow it. Nothing here stores or logs the sender's address; the rate limits forget it.
 */
export function registerPublicReport(app: FastifyInstance, deps: WebDeps): void {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: UPLOAD.photos, fileSize: UPLOAD.photoBytes, fields: UPLOAD.fields, fieldSize: UPLOAD.fieldBytes } });
    const limiter = createRateLimiter(deps);
    registerReportForm(scope, deps, limiter);
    registerPublicStatus(scope, deps, limiter);
  });
}

const one = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A multipart form (with photos), or a plain urlencoded one (without). */
async function readRequest(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) return readUpload(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  return { fields: new Map(Object.entries(body).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as const] : []))), files: [], problem: null };
}

function registerReportForm(app: FastifyInstance, deps: WebDeps, limiter: RateLimiter): void {
  const show = (req: FastifyRequest, reply: FastifyReply, t: T, f: ReportForm, notice: FormNotice | null, status = 200) =>
    sendHtml(reply, reportPage(req, t, deps.wards, f, notice), status);

  app.get<{ Querystring: Record<string, unknown> }>("/report", async (req, reply) => {
    const t = translator(deps, req);
    const f = readForm((name) => (name === "ward" || name === "ward_q" ? one(req.query[name]) : undefined), randomUUID());
    return show(req, reply, t, f, null);
  });

  app.post("/report", { bodyLimit: UPLOAD_BODY_BYTES }, async (req, reply) => {
    const t = translator(deps, req);
    if (!sameOrigin(req)) return forbidden(req, reply, t, "web-csrf-failed");
    const upload = await readRequest(req);
    const f = readForm((name) => upload.fields.get(name), randomUUID());
    if (f.website) return badInput(req, reply, t);
    // Browsers cannot fill a file input again: say so whenever the form comes back.
    const again = upload.files.length || upload.problem === "photo-count" || upload.problem === "photo-size" ? [t("public-photos-again")] : [];
    if (upload.fields.get("do") === "search") return show(req, reply, t, f, again.length ? { kind: "ok", lines: again } : null);

    const checked = checkForm(deps.wards, f);
    const problems = checked.ok ? [] : checked.errors.map((e) => t(e.key, e.args));
    if (upload.problem === "photo-count") problems.push(t("public-error-photo-count", { max: UPLOAD.photos }));
    if (upload.problem === "photo-size") problems.push(t("public-error-photo-size", { mb: UPLOAD.photoBytes / 1024 / 1024 }));
    if (upload.problem === "form") problems.push(t("public-error-form"));
    if (!checked.ok || problems.length) return show(req, reply, t, f, { kind: "error", lines: [...problems, ...again] }, 400);

    // A repeated submit of the same form is not a new attempt: it shows the same receipt.
    const repeat = await deps.db.tip.findUnique({ where: { sourceKey: `web:${f.nonce}` }, select: { id: true } });
    if (!repeat) {
      const verdict = await limiter.hit(req.ip, LIMITS.report, LIMITS.reportAll);
      if (!verdict.ok) {
        reply.header("retry-after", String(verdict.retryAfterSeconds));
        return show(req, reply, t, f, { kind: "error", lines: [t("public-rate-limited", { minutes: minutesFrom(verdict.retryAfterSeconds) }), ...again] }, 429);
      }
    }

    const photos: Array<{ bytes: Buffer; mime: string }> = [];
    for (const file of upload.files) {
      // Only the cleaned copy goes on; the original is dropped with the request.
      const clean = await cleanPhoto(file);
      if (!clean) return show(req, reply, t, f, { kind: "error", lines: [t("public-error-photo"), ...again] }, 400);
      photos.push({ bytes: clean, mime: "image/jpeg" });
    }
    const sent = await submitWebTip(deps, { nonce: f.nonce, locale: req.locale, ...checked.report, photos });
    if (sent.kind === "no-ward") return show(req, reply, t, f, { kind: "error", lines: [t("public-error-ward"), ...again] }, 400);
    return sendHtml(reply, receiptPage(req, t, { code: sent.code, statusKey: sent.statusKey, wardName: sent.wardName, statusUrl: statusUrl(deps, req) }));
  });
}
