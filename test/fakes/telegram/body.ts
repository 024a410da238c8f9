/**
 * Request body parsing for the fake Bot API: JSON, x-www-form-urlencoded and multipart/form-data.
 *
 * grammY's multipart writer is minimal: part headers are lower-case with no spaces
 * (`content-disposition:form-data;name="photo"`), file names are *unquoted* raw UTF-8
 * (`;filename=tip photo.jpg`), every file is `application/octet-stream`, and files are never sent
 * under their field name: the field holds `attach://<random id>` and the bytes come in a part
 * named `<random id>`. Nested objects (reply_markup, media, ...) are JSON strings.
 */
import { parseHeaderParams, parseMultipart } from "../http.js";
import type { UploadedFile } from "./types.js";

export interface FilePart extends UploadedFile {
  /** The multipart part name. */
  name: string;
  bytes: Buffer;
}

export interface ParsedRequest {
  params: Record<string, unknown>;
  /** Uploaded files, with the parameter path each one ended up under (`photo`, `media[0].media`). */
  files: Array<{ field: string; part: FilePart; descriptor: UploadedFile }>;
}

/** Fields Telegram expects as JSON-serialized objects/arrays when not sent as JSON. */
const JSON_FIELDS = new Set([
  "reply_markup", "media", "entities", "caption_entities", "link_preview_options", "reply_parameters",
  "allowed_updates", "message_ids", "commands", "scope", "reaction", "options", "explanation_entities",
  "question_entities", "permissions", "results", "input_message_content",
]);
const NUMBER_FIELDS = new Set([
  "chat_id", "from_chat_id", "message_id", "message_thread_id", "reply_to_message_id", "user_id",
  "latitude", "longitude", "horizontal_accuracy", "live_period", "heading", "proximity_alert_radius",
  "duration", "width", "height", "offset", "limit", "timeout", "cache_time", "max_connections",
  "until_date", "length", "video_start_timestamp",
]);
const BOOLEAN_FIELDS = new Set([
  "disable_notification", "protect_content", "allow_sending_without_reply", "has_spoiler",
  "show_caption_above_media", "supports_streaming", "disable_content_type_detection",
  "drop_pending_updates", "show_alert", "is_anonymous", "allows_multiple_answers", "is_big",
  "revoke_messages", "only_if_banned", "remove_caption", "allow_paid_broadcast",
]);

function coerce(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (JSON_FIELDS.has(key) && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (NUMBER_FIELDS.has(key) && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (BOOLEAN_FIELDS.has(key) && (value === "true" || value === "false")) return value === "true";
  return value;
}

/**
 * Parses a Bot API request. Query-string parameters are merged in first (Telegram accepts them
 * for every method); body parameters win.
 */
export function parseRequest(contentType: string | undefined, raw: Buffer, query: URLSearchParams): ParsedRequest {
  const params: Record<string, unknown> = {};
  for (const [k, v] of query) params[k] = v;
  const type = parseHeaderParams(contentType ?? "");
  const fileParts: FilePart[] = [];
  if (raw.length > 0) {
    if (type.value === "application/json" || (type.value === "" && raw[0] === 0x7b)) {
      const body = JSON.parse(raw.toString("utf8")) as unknown;
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("JSON body must be an object");
      Object.assign(params, body);
    } else if (type.value === "application/x-www-form-urlencoded") {
      for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) params[k] = v;
    } else if (type.value === "multipart/form-data") {
      const boundary = type.params["boundary"];
      if (!boundary) throw new Error("multipart body without boundary");
      for (const part of parseMultipart(raw, boundary)) {
        if (part.filename === undefined) params[part.name] = part.body.toString("utf8");
        else
          fileParts.push({
            name: part.name,
            filename: part.filename,
            contentType: part.contentType ?? "application/octet-stream",
            size: part.body.length,
            bytes: part.body,
          });
      }
    } else {
      throw new Error(`unsupported content-type ${JSON.stringify(contentType)}`);
    }
  }
  for (const key of Object.keys(params)) params[key] = coerce(key, params[key]);

  // Resolve attach://<name> references (top level and inside InputMedia objects).
  const files: ParsedRequest["files"] = [];
  const byName = new Map(fileParts.map((p) => [p.name, p]));
  const used = new Set<string>();
  const resolve = (value: unknown, field: string): unknown => {
    if (typeof value !== "string" || !value.startsWith("attach://")) return value;
    const part = byName.get(value.slice("attach://".length));
    if (!part) return value;
    used.add(part.name);
    const descriptor: UploadedFile = { filename: part.filename, size: part.size, contentType: part.contentType };
    files.push({ field, part, descriptor });
    return descriptor;
  };
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item !== "object" || item === null) return;
        const obj = item as Record<string, unknown>;
        for (const inner of ["media", "thumbnail", "cover"]) {
          if (inner in obj) obj[inner] = resolve(obj[inner], `${key}[${i}].${inner}`);
        }
      });
    } else if (typeof value === "object" && value !== null) {
      const obj = value as Record<string, unknown>;
      for (const inner of ["media", "thumbnail", "cover"]) {
        if (inner in obj) obj[inner] = resolve(obj[inner], `${key}.${inner}`);
      }
    } else {
      params[key] = resolve(value, key);
    }
  }
  // Other clients send the file directly under the field name.
  for (const part of fileParts) {
    if (used.has(part.name) || part.name in params) continue;
    const descriptor: UploadedFile = { filename: part.filename, size: part.size, contentType: part.contentType };
    params[part.name] = descriptor;
    files.push({ field: part.name, part, descriptor });
  }
  return { params, files };
}
