/** Escapes text for Telegram's HTML parse mode (residents' words are never markup). */
export const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const fmt = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** Times are shown in Vietnam's time zone whatever the server's. */
export const vnTime = (d: Date): string => fmt.format(d);

/** Telegram rejects texts over 4,096 characters; long tips are shortened on cards (the whole text stays stored). */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
