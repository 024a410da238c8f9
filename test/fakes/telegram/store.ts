/** In-memory state of the fake: messages per chat, files, known chats. */
import { chatTypeOf, observeMessageId, randomToken } from "./ids.js";

/** A message as the fake stores it (a Bot API `Message` object). */
export type StoredMessage = Record<string, unknown> & {
  message_id: number;
  date: number;
  chat: ChatInfo;
};

export type ChatInfo = {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
};

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  mime: string;
  bytes: Buffer;
}

export type FileKind = "photo" | "document" | "video" | "voice" | "audio" | "animation" | "sticker" | "video_note";

const FILE_ID_PREFIX: Record<FileKind, string> = {
  photo: "AgACAgIAAxkBAAI", document: "BQACAgIAAxkBAAI", video: "BAACAgIAAxkBAAI", voice: "AwACAgIAAxkBAAI",
  audio: "CQACAgIAAxkBAAI", animation: "CgACAgIAAxkBAAI", sticker: "CAACAgIAAxkBAAI", video_note: "DQACAgIAAxkBAAI",
};
const FOLDER: Record<FileKind, string> = {
  photo: "photos", document: "documents", video: "videos", voice: "voice", audio: "music",
  animation: "animations", sticker: "stickers", video_note: "video_notes",
};
const DEFAULT_EXT: Record<FileKind, string> = {
  photo: "jpg", document: "dat", video: "mp4", voice: "oga", audio: "mp3", animation: "mp4", sticker: "webp", video_note: "mp4",
};
const MIME_BY_EXT: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp",
  pdf: "application/pdf", txt: "text/plain", csv: "text/csv", json: "application/json", zip: "application/zip",
  ogg: "audio/ogg", oga: "audio/ogg", opus: "audio/ogg", mp3: "audio/mpeg", m4a: "audio/mp4", wav: "audio/wav",
  mp4: "video/mp4", mov: "video/quicktime", webm: "video/webm",
};

export function mimeFor(filename: string | undefined, given?: string): string {
  if (given && given !== "application/octet-stream") return given;
  const ext = filename?.split(".").pop()?.toLowerCase() ?? "";
  return MIME_BY_EXT[ext] ?? "application/octet-stream";
}

export class Store {
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly chats = new Map<number, ChatInfo>();
  readonly files = new Map<string, StoredFile>();
  private fileCounter = 0;

  chat(chatId: number): ChatInfo {
    const known = this.chats.get(chatId);
    if (known) return { ...known };
    const type = chatTypeOf(chatId);
    if (type === "private") return { id: chatId, type, first_name: `User${chatId}` };
    return { id: chatId, type, title: `${type === "group" ? "Group" : "Supergroup"} ${chatId}` };
  }

  rememberChat(chat: ChatInfo): void {
    this.chats.set(chat.id, { ...chat });
  }

  get(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  put(message: StoredMessage): void {
    let chat = this.messages.get(message.chat.id);
    if (!chat) {
      chat = new Map();
      this.messages.set(message.chat.id, chat);
    }
    chat.set(message.message_id, message);
    observeMessageId(message.chat.id, message.message_id);
  }

  delete(chatId: number, messageId: number): boolean {
    return this.messages.get(chatId)?.delete(messageId) ?? false;
  }

  list(chatId: number): StoredMessage[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].sort((a, b) => a.message_id - b.message_id);
  }

  addFile(
    bytes: Uint8Array,
    opts: { fileId?: string; path?: string; mime?: string; kind?: FileKind; filename?: string } = {},
  ): StoredFile {
    const kind = opts.kind ?? "document";
    const n = this.fileCounter++;
    const ext = opts.filename?.includes(".") ? opts.filename.split(".").pop()! : DEFAULT_EXT[kind];
    const file: StoredFile = {
      file_id: opts.fileId ?? `${FILE_ID_PREFIX[kind]}${randomToken(56)}`,
      file_unique_id: `AQAD${randomToken(12)}`,
      file_size: bytes.byteLength,
      file_path: opts.path ?? `${FOLDER[kind]}/file_${n}.${ext}`,
      mime: opts.mime ?? mimeFor(opts.filename ?? `x.${ext}`),
      bytes: Buffer.from(bytes),
    };
    this.files.set(file.file_id, file);
    return file;
  }

  fileByPath(path: string): StoredFile | undefined {
    for (const f of this.files.values()) if (f.file_path === path) return f;
    return undefined;
  }

  /** Registers placeholders for file ids in an incoming message the test did not `addFile`. */
  observeIncoming(message: Record<string, unknown>): void {
    const ids: string[] = [];
    for (const key of ["document", "video", "voice", "audio", "animation", "sticker", "video_note"]) {
      const f = message[key] as { file_id?: unknown } | undefined;
      if (typeof f?.file_id === "string") ids.push(f.file_id);
    }
    const photo = message["photo"];
    if (Array.isArray(photo)) for (const p of photo as Array<{ file_id?: unknown }>) if (typeof p.file_id === "string") ids.push(p.file_id);
    for (const id of ids) if (!this.files.has(id)) this.addFile(Buffer.from(`placeholder bytes for ${id}`), { fileId: id });
  }
}
