import type { T } from "./context.js";

const dateTime = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });

/** Times in Vietnam's time zone, whatever the server's. */
export const vnDateTime = (d: Date): string => dateTime.format(d);
/** YYYY-MM-DD in Vietnam's time zone (for date inputs and CSV). */
export const vnDate = (d: Date): string => dateOnly.format(d);

/** The instant a Vietnamese calendar day (YYYY-MM-DD) starts (UTC+7, no daylight saving). */
export function vnDayStart(day: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00+07:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Waiting times at a glance, in the reader's words: "3 ngày 4 giờ", "5 giờ 20 phút", "12 phút"
 * ("3 d 4 h", "5 h 20 min", "12 min").
 */
export function duration(minutes: number, t: T): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t(h > 0 ? "web-duration-days-hours" : "web-duration-days", { d, h });
  if (h > 0) return t(m > 0 ? "web-duration-hours-minutes" : "web-duration-hours", { h, m });
  return t("web-duration-minutes", { m });
}

/** An officer's role as the dashboard names it. */
export const roleLabel = (t: T, role: string): string => t(`web-role-${role.toLowerCase().replace("_", "-")}`);

/** The channel a tip came by, as the dashboard names it. */
export const channelLabel = (t: T, channel: string): string => t(`web-channel-${channel.toLowerCase().replace("_", "-")}`);
