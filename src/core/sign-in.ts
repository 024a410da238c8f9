import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { OfficerRef } from "./officers.js";

/** How long a sign-in link sent by the bot stays valid, and how long a session lasts without use. */
export const LOGIN_LINK_MINUTES = 10;
export const SESSION_IDLE_HOURS = 12;
/** A session ends after this long whatever its use: a shift, with margin. */
export const SESSION_MAX_HOURS = 24;

/**
 * Where sign-in links point: PUBLIC_URL; on a developer's machine without one, this machine's
 * port (the link then only works on that machine). Null in production without PUBLIC_URL.
 */
export function dashboardBase(config: Pick<Config, "env" | "http">): string | null {
  if (config.http.publicUrl) return config.http.publicUrl;
  return config.env === "production" ? null : `http://localhost:${config.http.port}`;
}

/** The page that spends a sign-in token (it shows a button first: link previews cannot spend it). */
export const signInUrl = (base: string, token: string) => new URL(`/auth/${token}`, base).toString();

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");
const officerSelect = { id: true, displayName: true, role: true, wardId: true, provinceCode: true, canBroadcast: true, active: true } as const;

/** A one-time sign-in token for a registered, active officer; only its hash is stored. */
export async function createLoginLink(db: Db, officerId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const t = token();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await db.loginLink.create({ data: { tokenHash: sha256(t), officerId, expiresAt } });
  // Old links are of no use to anyone; keep the table small.
  await db.loginLink.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  return { token: t, expiresAt };
}

export type SignInResult = { ok: true; sessionId: string; csrfToken: string; officer: OfficerRef } | { ok: false; reason: "invalid" | "used" | "expired" };

/** Spends a sign-in token (once, atomically) and opens a server-side session for its officer. */
export async function signIn(db: Db, rawToken: string, now = new Date()): Promise<SignInResult> {
  const tokenHash = sha256(rawToken);
  const spent = await db.loginLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (spent.count !== 1) {
    const link = await db.loginLink.findUnique({ where: { tokenHash }, select: { usedAt: true } });
    return { ok: false, reason: !link ? "invalid" : link.usedAt ? "used" : "expired" };
  }
  const link = await db.loginLink.findUniqueOrThrow({ where: { tokenHash }, select: { officer: { select: officerSelect } } });
  if (!link.officer.active) return { ok: false, reason: "invalid" };
  const sessionId = token();
  const csrfToken = token();
  await db.webSession.create({
    data: { idHash: sha256(sessionId), officerId: link.officer.id, csrfToken, expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000) },
  });
  const { active: _active, ...officer } = link.officer;
  return { ok: true, sessionId, csrfToken, officer };
}

export type Session = { officer: OfficerRef; csrfToken: string };

/**
 * The live session behind a cookie value, or null (unknown, expired, idle too long, officer
 * deactivated). `touch: false` checks without counting as use (an open live stream's re-checks).
 */
export async function findSession(db: Db, sessionId: string, now = new Date(), opts: { touch?: boolean } = {}): Promise<Session | null> {
  const idHash = sha256(sessionId);
  const s = await db.webSession.findUnique({ where: { idHash }, select: { csrfToken: true, expiresAt: true, lastSeenAt: true, officer: { select: officerSelect } } });
  if (!s) return null;
  const idleSince = now.getTime() - s.lastSeenAt.getTime();
  if (s.expiresAt <= now || idleSince > SESSION_IDLE_HOURS * 3_600_000 || !s.officer.active) {
    await db.webSession.deleteMany({ where: { idHash } });
    return null;
  }
  // Touch at most every five minutes: a busy page does not write on every request.
  if (opts.touch !== false && idleSince > 5 * 60_000) await db.webSession.update({ where: { idHash }, data: { lastSeenAt: now } });
  const { active: _active, ...officer } = s.officer;
  return { officer, csrfToken: s.csrfToken };
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await db.webSession.deleteMany({ where: { idHash: sha256(sessionId) } });
}
