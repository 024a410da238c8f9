import type { Api } from "grammy";

/** Photos bigger than this are not re-encoded in memory (Telegram's bot download limit is 20 MB). */
const MAX_BYTES = 20 * 1024 * 1024;

/** Downloads a file the resident sent, through the configured Bot API root. */
export async function downloadTelegramFile(api: Api, apiRoot: string, token: string, fileId: string): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("Telegram gave no file path");
  if ((file.file_size ?? 0) > MAX_BYTES) throw new Error("file too large to clean");
  const res = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
