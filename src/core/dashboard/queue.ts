import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import type { OfficerRef } from "../officers.js";
import { tipScope } from "./scope.js";
import { normalizeTrackingCode } from "../tracking-code.js";

export type QueueState = "open" | "new" | "claimed" | "resolved" | "all";

export type QueueFilter = {
  state: QueueState;
  category?: string | undefined;
  wardCode?: string | undefined;
  /** Received on or after / before these instants. */
  from?: Date | undefined;
  to?: Date | undefined;
  mine?: boolean | undefined;
  /** Words in the tip's text, or its tracking code. */
  q?: string | undefined;
  /** Keyset cursor: the last row of the previous page. */
  after?: { createdAt: Date; id: number } | undefined;
};

export type QueueRow = {
  id: number;
  code: string;
  category: string;
  status: "NEW" | "CLAIMED" | "RESOLVED";
  valuable: boolean | null;
  channel: string;
  wardName: string | null;
  claimedBy: string | null;
  createdAt: Date;
  snippet: string;
  /** Minutes waited: until now while open, until resolution once resolved. */
  waitedMinutes: number;
  /** Open longer than the ward's target time. */
  overdue: boolean;
};

export type QueuePage = { rows: QueueRow[]; next: { createdAt: Date; id: number } | null; counts: Record<"NEW" | "CLAIMED" | "RESOLVED", number> };

export const PAGE_SIZE = 50;

const STATES: Record<QueueState, Prisma.TipWhereInput> = {
  open: { status: { in: ["NEW", "CLAIMED"] } },
  new: { status: "NEW" },
  claimed: { status: "CLAIMED" },
  resolved: { status: "RESOLVED" },
  all: {},
};

function filterWhere(officer: OfficerRef, f: QueueFilter): Prisma.TipWhereInput[] {
  const and: Prisma.TipWhereInput[] = [tipScope(officer)];
  if (f.category) and.push({ category: f.category });
  if (f.wardCode) and.push({ ward: { code: f.wardCode } });
  if (f.from) and.push({ createdAt: { gte: f.from } });
  if (f.to) and.push({ createdAt: { lt: f.to } });
  if (f.mine) and.push({ claimedById: officer.id });
  const q = f.q?.trim();
  const code = q ? normalizeTrackingCode(q) : null;
  if (q) and.push({ OR: [...(code ? [{ code }] : []), { text: { contains: q, mode: "insensitive" } }] });
  return and;
}

/** One page of an officer's queue, oldest first, with the count of each state under the same filters. */
export async function officerQueue(db: Db, officer: OfficerRef, f: QueueFilter, now = new Date()): Promise<QueuePage> {
  const base = filterWhere(officer, f);
  const page: Prisma.TipWhereInput[] = [...base, STATES[f.state]];
  if (f.after) page.push({ OR: [{ createdAt: { gt: f.after.createdAt } }, { createdAt: f.after.createdAt, id: { gt: f.after.id } }] });
  const [rows, grouped] = await Promise.all([
    db.tip.findMany({
      where: { AND: page },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PAGE_SIZE + 1,
      select: {
        id: true, code: true, category: true, status: true, valuable: true, channel: true, createdAt: true, resolvedAt: true, text: true,
        ward: { select: { name: true, targetHours: true } },
        claimedBy: { select: { displayName: true } },
      },
    }),
    db.tip.groupBy({ by: ["status"], where: { AND: base }, _count: { _all: true } }),
  ]);
  const counts = { NEW: 0, CLAIMED: 0, RESOLVED: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  const more = rows.length > PAGE_SIZE;
  const shown = rows.slice(0, PAGE_SIZE);
  const last = shown.at(-1);
  return {
    rows: shown.map((t) => {
      const until = t.status === "RESOLVED" && t.resolvedAt ? t.resolvedAt : now;
      const waitedMinutes = Math.max(0, Math.floor((until.getTime() - t.createdAt.getTime()) / 60_000));
      return {
        id: t.id, code: t.code, category: t.category, status: t.status, valuable: t.valuable, channel: t.channel,
        wardName: t.ward?.name ?? null, claimedBy: t.claimedBy?.displayName ?? null, createdAt: t.createdAt,
        snippet: t.text.length > 140 ? `${t.text.slice(0, 139)}…` : t.text,
        waitedMinutes,
        overdue: t.status !== "RESOLVED" && waitedMinutes > (t.ward?.targetHours ?? 24) * 60,
      };
    }),
    next: more && last ? { createdAt: last.createdAt, id: last.id } : null,
    counts,
  };
}
