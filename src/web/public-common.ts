import type { FastifyRequest } from "fastify";
import type { WebDeps } from "./context.js";

// Public pages are never cached (sendHtml). Their addresses carry no code or key, and the
// site-wide same-origin referrer policy keeps even those from other sites; "no-referrer" would
// make browsers send `Origin: null` with our own forms, which sameOrigin refuses.

/** Where residents look up a tip later: the public address when configured. */
export function statusUrl(deps: Pick<WebDeps, "config">, req: FastifyRequest): string {
  const base = deps.config.http.publicUrl ?? `${req.protocol}://${req.host}`;
  return `${base.replace(/\/$/, "")}/report/status`;
}

/** Minutes to wait, as residents read it (at least one). */
export const minutesFrom = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
