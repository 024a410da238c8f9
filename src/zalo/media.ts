/** Files bigger than this are not fetched into memory (the same cap as Telegram downloads). */
const MAX_BYTES = 20 * 1024 * 1024;

/** Downloads a file a resident sent on Zalo (its URL came in a signed event), refusing anything but http(s). */
export async function downloadZaloFile(url: string): Promise<Buffer> {
  const u = new URL(url);
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error(`refusing to fetch ${u.protocol} URL`);
  const res = await fetch(u, { signal: AbortSignal.timeout(30_000), redirect: "follow" });
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_BYTES) throw new Error("file too large to clean");
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new Error("file too large to clean");
  return bytes;
}
