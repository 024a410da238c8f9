/** A Zalo API answered with an error (OA: `error` < 0; Bot Platform: `ok: false`). */
export class ZaloApiError extends Error {
  override readonly name = "ZaloApiError";
  constructor(
    readonly surface: "oa" | "oauth" | "bot",
    readonly code: number,
    readonly description: string,
    readonly httpStatus: number,
  ) {
    super(`Zalo ${surface} error ${code}: ${description}`);
  }
}

/** OA error codes we act on (Zalo's documentation and public integrations; see README). */
export const OA_ERRORS = {
  /** Access token invalid or expired: refresh and resend once. */
  tokenInvalid: -216,
  /** Request rate exceeded (assumed code; see README). */
  rateLimited: -32,
  /** The user does not follow the OA (unfollowed). */
  notFollower: -213,
  /** No interaction from the user in the last 7 days: consultation messages are refused. */
  noInteraction: -230,
} as const;

/** What a failed send means for the job that made it. */
export type ZaloFailure =
  | { kind: "rate-limited"; retryAfterMs: number }
  /** The resident unfollowed or blocked: stop sending until they write again. */
  | { kind: "gone"; reason: string }
  /** Outside the window Zalo allows: wait for the resident to write. */
  | { kind: "window-closed"; reason: string }
  /** Zalo refused the request itself: retrying cannot help. */
  | { kind: "refused"; reason: string }
  /** Certainly not sent, or may be sent again safely: retry with backoff. */
  | { kind: "retry"; error: Error };

export function classifyZaloError(err: unknown): ZaloFailure {
  if (err instanceof ZaloApiError) {
    if (err.surface === "bot") {
      if (err.code === 429 || err.httpStatus === 429) return { kind: "rate-limited", retryAfterMs: 1_000 };
      if (err.code === 403) return { kind: "gone", reason: err.description };
      if (err.code >= 400 && err.code < 500) return { kind: "refused", reason: err.description };
      return { kind: "retry", error: err };
    }
    if (err.code === OA_ERRORS.rateLimited) return { kind: "rate-limited", retryAfterMs: 1_000 };
    if (err.code === OA_ERRORS.notFollower) return { kind: "gone", reason: err.description };
    if (err.code === OA_ERRORS.noInteraction) return { kind: "window-closed", reason: err.description };
    if (err.httpStatus >= 500) return { kind: "retry", error: err };
    return { kind: "refused", reason: `${err.code} ${err.description}` };
  }
  // Network errors and timeouts: retried (a reply sent twice is the lesser harm than none).
  return { kind: "retry", error: err as Error };
}
