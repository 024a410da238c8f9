import { types } from "node:util";

/**
 * What a log line keeps of an error. Errors carry far more than this: grammY's BotError holds
 * the whole update (the tipster's id, name, username, words) and the bot token, GrammyError the
 * request payload (chat_id, the text sent), Prisma's messages can quote the query's arguments.
 * So a logged error is its type, a scrubbed message and stack, and a few safe codes; never its
 * context, payload or any other field.
 */
export type LoggedError = {
  type: string;
  message: string;
  /** Bot API error_code, Zalo error code, Prisma/PostgreSQL code, errno code (ECONNREFUSED). */
  code?: string | number;
  /** HTTP status of a failed request. */
  status?: number;
  /** Zalo: which API answered (oa, oauth, bot). */
  surface?: string;
  /** Bot API method that failed. */
  method?: string;
  syscall?: string;
  stack?: string;
  cause?: LoggedError;
  /** AggregateError: the first few of its errors. */
  errors?: LoggedError[];
};

/** Matches a Telegram bot token anywhere in a string (URLs in error messages carry them). */
const TOKEN_IN_TEXT = /\d{6,}:[A-Za-z0-9_-]{20,}/g;
/** A Zalo bot token in a request path (`/bot<token>/sendMessage`). */
const BOT_PATH_TOKEN = /\/bot[^/\s]{8,}\//g;

export function scrubSecrets(s: string): string {
  return s.replace(TOKEN_IN_TEXT, "<bot-token>").replace(BOT_PATH_TOKEN, "/bot<token>/");
}

export function isErrorLike(v: unknown): v is Error {
  return v instanceof Error || types.isNativeError(v);
}

const MAX_MESSAGE = 500;
const MAX_FRAMES = 15;
const MAX_NESTING = 4;

/**
 * Database messages quote the value they could not take (`...for type integer: "<value>"`,
 * `value "<value>" is out of range`, `at or near "<sql>"`) as well as names (constraints, tables,
 * columns): values are cut, and so is anything quoted that is not a plain name.
 */
const QUOTED_VALUE = /(:\s*|at or near\s+|value\s+)"(?:[^"\\]|\\.)*"/g;
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_$.]{0,62}$/;
const cutQuotedData = (msg: string) => msg.replace(QUOTED_VALUE, '$1"…"').replace(QUOTED, (all, inner: string) => (inner === "…" || NAME.test(inner) ? all : '"…"'));

type Fields = Record<string, unknown>;

const isPrisma = (err: Error) => typeof err.name === "string" && err.name.startsWith("PrismaClient");
const isDatabase = (err: Error, f: Fields) =>
  isPrisma(err) || err.name === "DriverAdapterError" || err.constructor?.name === "DatabaseError" || (typeof f["severity"] === "string" && typeof f["code"] === "string");
/** grammY wraps a middleware's error with the whole context (`ctx`): only the wrapped error is kept. */
const isBotError = (err: Error, f: Fields) => err.name === "BotError" && "ctx" in f;

function typeOf(err: Error): string {
  const ctor = err.constructor?.name;
  if (err.name && err.name !== "Error" && err.name !== "error") return err.name;
  return ctor && ctor !== "Object" ? ctor : "Error";
}

/**
 * Prisma's message is a code frame of the call (with the arguments it was given, for validation
 * errors) followed by one line saying what went wrong: keep the call's name and that line.
 */
function prismaMessage(msg: string): string {
  const lines = msg.split("\n").map((l) => l.trim()).filter(Boolean);
  const call = /^Invalid `([^`]+)` invocation/.exec(lines[0] ?? "")?.[1];
  const last = lines.at(-1) ?? "";
  return call && !last.startsWith("Invalid `") ? `${call}: ${last}` : last;
}

function messageOf(err: Error, f: Fields): string {
  let msg = typeof err.message === "string" ? err.message : "";
  if (isBotError(err, f)) {
    // Its message repeats the wrapped error's (or the first 50 characters of a thrown string).
    const inner = f["error"];
    msg = isErrorLike(inner) ? `${typeOf(inner)} in middleware` : "non-error value thrown in middleware";
  } else if (isPrisma(err)) {
    msg = prismaMessage(msg);
  }
  if (isDatabase(err, f)) msg = cutQuotedData(msg);
  msg = scrubSecrets(msg);
  return msg.length > MAX_MESSAGE ? `${msg.slice(0, MAX_MESSAGE)}…` : msg;
}

const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
function safeCode(v: unknown): string | number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && SAFE_CODE.test(v)) return v;
  return undefined;
}
function safeStatus(...vs: unknown[]): number | undefined {
  return vs.find((v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 100 && v < 600);
}
const word = (v: unknown, re: RegExp) => (typeof v === "string" && re.test(v) ? v : undefined);

/** The error an error wraps: `cause`, or grammY's `error` (BotError, HttpError). */
function innerOf(err: Error, f: Fields): unknown {
  if (isErrorLike(err.cause)) return err.cause;
  return isErrorLike(f["error"]) ? f["error"] : undefined;
}

/** An error as a log line may hold it (see LoggedError); nested causes up to a few levels. */
export function errorForLog(err: Error, depth = 0): LoggedError {
  const f = err as unknown as Fields;
  const type = typeOf(err);
  const message = messageOf(err, f);
  const out: LoggedError = { type, message };
  const code = safeCode(f["error_code"]) ?? safeCode(f["code"]);
  if (code !== undefined) out.code = code;
  const status = safeStatus(f["status"], f["statusCode"], f["httpStatus"]);
  if (status !== undefined) out.status = status;
  const surface = word(f["surface"], /^[a-z]{1,16}$/);
  if (surface) out.surface = surface;
  const method = word(f["method"], /^[A-Za-z]{1,64}$/);
  if (method) out.method = method;
  const syscall = word(f["syscall"], /^[a-z_]{1,32}$/);
  if (syscall) out.syscall = syscall;
  if (typeof err.stack === "string") {
    // The stack's first line repeats the raw message: rebuilt from the safe one and the frames.
    const frames = err.stack.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES);
    out.stack = scrubSecrets([`${type}: ${message}`, ...frames].join("\n"));
  }
  if (depth < MAX_NESTING) {
    const inner = innerOf(err, f);
    if (inner) out.cause = errorForLog(inner as Error, depth + 1);
    const list = f["errors"];
    if (Array.isArray(list)) out.errors = list.filter(isErrorLike).slice(0, 5).map((e) => errorForLog(e, depth + 1));
  }
  return out;
}

/** BullMQ's own control-flow errors: their messages are signals, never rewritten. */
const CONTROL = new Set(["DelayedError", "WaitingError", "WaitingChildrenError", "RateLimitError"]);
const redacted = new WeakSet<object>();

/**
 * BullMQ keeps a failed job's error message and stack in Redis (failedReason, stacktrace) for
 * days: they get the same treatment as a log line, the causes' messages appended so the reason
 * still says what went wrong. Done in place, so the error keeps its type for the retry logic.
 */
export function redactInPlace(err: unknown): void {
  if (!isErrorLike(err) || redacted.has(err) || CONTROL.has(err.name)) return;
  const logged = errorForLog(err);
  let message = logged.message;
  for (let c = logged.cause; c; c = c.cause) message += `: ${c.message}`;
  try {
    err.message = message;
    if (logged.stack) err.stack = [`${logged.type}: ${message}`, ...logged.stack.split("\n").slice(1)].join("\n");
  } catch {
    return; // a read-only message (DOMException): left as it is
  }
  redacted.add(err);
}
