import type { FastifyReply, FastifyRequest } from "fastify";
import type { FluentVariable } from "@fluent/bundle";
import type { Deps } from "../deps.js";
import type { Locale } from "../i18n.js";
import type { Session } from "../core/sign-in.js";

/** What the web pages need from the service. */
export type WebDeps = Pick<Deps, "config" | "log" | "db" | "redis" | "queues" | "identity" | "i18n" | "wards" | "metrics">;

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in officer's session on officer pages; null on public pages. */
    session: Session | null;
    locale: Locale;
  }
}

export const LANG_COOKIE = "wl_lang";

/** Translator bound to the request's language (Vietnamese unless the user chose English). */
export function translator(deps: Pick<WebDeps, "i18n">, req: FastifyRequest) {
  return (key: string, args?: Record<string, FluentVariable>) => deps.i18n.t(req.locale, key, args);
}
export type T = ReturnType<typeof translator>;

/** The session of an officer page (the guard guarantees it). */
export function sessionOf(req: FastifyRequest): Session {
  if (!req.session) throw new Error("officer page reached without a session");
  return req.session;
}

export function sendHtml(reply: FastifyReply, body: { value: string }, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body.value);
}

/** Whether a form was posted by one of our own pages: the browser's Origin (or Referer) names this host. */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // "null", or garbage
  }
}
