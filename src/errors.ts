/** An error a user can act on: `code` is stable, `messageKey` names the localized text to show. */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly args: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", "error-not-found", { what });
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super("forbidden", "error-forbidden");
  }
}

/** A dependency (Redis, PostgreSQL) cannot be reached at start-up: tells the operator how to fix it. */
export class StartupError extends Error {
  override readonly name = "StartupError";
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}
