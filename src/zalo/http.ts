/** Requests to Zalo give up after this long; the job that made them retries. */
export const ZALO_TIMEOUT_MS = 15_000;

/** Reads a JSON answer; a body that is not JSON (a proxy's error page) becomes an error naming the status. */
export async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`Zalo answered HTTP ${res.status} with a body that is not JSON`);
  }
}
