import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { finishWebTip, submitWebTip, webTipReceipt } from "../core/web-tips.js";
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

/** Cleaned copies of the uploaded photos (the originals are dropped with the request), or null if one is unreadable. */
async function cleanAll(files: Upload["files"]): Promise<Array<{ bytes: Buffer; mime: string }> | null> {
  const photos: Array<{ bytes: Buffer; mime: string }> = [];
  for (const file of files) {
    const clean = await cleanPhoto(file);
    if (!clean) return null;
    photos.push({ bytes: clean, mime: "image/jpeg" });
  }
  return photos;
}

/** What a 503 asks browsers to wait: most outages are a restart. */
const RETRY_AFTER_SECONDS = 30;

function registerReportForm(app: FastifyInstance, deps: WebDeps, limiter: RateLimiter): void {
  const show = (req: FastifyRequest, reply: FastifyReply, t: T, f: ReportForm, notice: FormNotice | null, status = 200) =>
    sendHtml(reply, reportPage(req, t, deps.wards, f, notice), status);

  app.get<{ Querystring: Record<string, unknown> }>("/report", async (req, reply) => {
    const t = translator(deps, req);
    const f = readForm((name) => (name === "ward" || name === "ward_q" ? one(req.query[name]) : undefined), randomUUID());
    return show(req, reply, t, f, null);
  });

  // Redis or PostgreSQL away (or any failure once the form is read): the form comes back as
  // typed, with its nonce, so sending it again cannot make a second tip.
  const typed = new WeakMap<FastifyRequest, { form: ReportForm; again: string[] }>();
  const unavailable = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const kept = typed.get(req);
    if (!kept || (err.statusCode ?? 500) < 500) throw err;
    req.log.error({ err }, "web tip not taken: a service it needs failed");
    const t = translator(deps, req);
    return show(req, reply.header("retry-after", String(RETRY_AFTER_SECONDS)), t, kept.form, { kind: "error", lines: [t("public-unavailable"), ...kept.again] }, 503);
  };

  app.post("/report", { bodyLimit: UPLOAD_BODY_BYTES, errorHandler: unavailable }, async (req, reply) => {
    const t = translator(deps, req);
    if (!sameOrigin(req)) return forbidden(req, reply, t, "web-csrf-failed");
    const upload = await readRequest(req);
    const f = readForm((name) => upload.fields.get(name), randomUUID());
    if (f.website) return badInput(req, reply, t);
    // Browsers cannot fill a file input again: say so whenever the form comes back.
    const again = upload.files.length || upload.problem === "photo-count" || upload.problem === "photo-size" ? [t("public-photos-again")] : [];
    typed.set(req, { form: f, again });
    if (upload.fields.get("do") === "search") return show(req, reply, t, f, again.length ? { kind: "ok", lines: again } : null);

    const checked = checkForm(deps.wards, f);
    const problems = checked.ok ? [] : checked.errors.map((e) => t(e.key, e.args));
    if (upload.problem === "photo-count") problems.push(t("public-error-photo-count", { max: UPLOAD.photos }));
    if (upload.problem === "photo-size") problems.push(t("public-error-photo-size", { mb: UPLOAD.photoBytes / 1024 / 1024 }));
    if (upload.problem === "form") problems.push(t("public-error-form"));
    if (!checked.ok || problems.length) return show(req, reply, t, f, { kind: "error", lines: [...problems, ...again] }, 400);

    // A repeated submit of the same form is not a new attempt: it gets the same receipt at once,
    // before any photo is decoded (the first submit stored its photos; a replay's are dropped).
    // Only when the first submit stopped half-way (the 503 above) does the repeat finish it.
    const repeat = await webTipReceipt(deps, f.nonce);
    if (repeat) {
      if (repeat.unfinished) {
        const photos = repeat.photosMissing ? await cleanAll(upload.files) : [];
        if (!photos) return show(req, reply, t, f, { kind: "error", lines: [t("public-error-photo"), ...again] }, 400);
        await finishWebTip(deps, repeat.tipId, photos);
      }
      return sendHtml(reply, receiptPage(req, t, { ...repeat, statusUrl: statusUrl(deps, req) }));
    }
    const verdict = await limiter.hit(req.ip, LIMITS.report, LIMITS.reportAll);
    if (!verdict.ok) {
      reply.header("retry-after", String(verdict.retryAfterSeconds));
      return show(req, reply, t, f, { kind: "error", lines: [t("public-rate-limited", { minutes: minutesFrom(verdict.retryAfterSeconds) }), ...again] }, 429);
    }

    const photos = await cleanAll(upload.files);
    if (!photos) return show(req, reply, t, f, { kind: "error", lines: [t("public-error-photo"), ...again] }, 400);
    const sent = await submitWebTip(deps, { nonce: f.nonce, locale: req.locale, ...checked.report, photos });
    if (sent.kind === "no-ward") return show(req, reply, t, f, { kind: "error", lines: [t("public-error-ward"), ...again] }, 400);
    return sendHtml(reply, receiptPage(req, t, { code: sent.code, statusKey: sent.statusKey, wardName: sent.wardName, statusUrl: statusUrl(deps, req) }));
  });
}
