/**
 * Factories for Telegram `Update` objects as the bot receives them. Message ids come from the
 * same per-chat counter the fake server uses (./telegram/ids.ts), so user and bot messages
 * interleave without colliding. update_id starts at a random base per test file.
 *
 *   const u = user(1001, { languageCode: "vi" });
 *   await bot.handleUpdate(updates.privateText(u, "xin chào"));
 *   await tg.pushUpdate(updates.callback(u, "tip:confirm", { chatId: u.id, messageId: 7 }));
 */
import type { Chat, ChatMember, Message, ReactionTypeEmoji, Update, User } from "grammy/types";
import { DEFAULT_BOT_FIRST_NAME, DEFAULT_BOT_ID, DEFAULT_BOT_USERNAME, chatTypeOf, nextMessageId, nowSeconds, randomToken, servedBot } from "./telegram/ids.js";

export interface UserOptions {
  languageCode?: string;
  firstName?: string;
  lastName?: string;
  username?: string;
}

export function user(id: number, opts: UserOptions = {}): User {
  return {
    id,
    is_bot: false,
    first_name: opts.firstName ?? `User${id}`,
    ...(opts.lastName !== undefined ? { last_name: opts.lastName } : {}),
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.languageCode !== undefined ? { language_code: opts.languageCode } : {}),
  };
}

export interface UpdateFactoryOptions {
  /**
   * The bot as it appears in reply_to_message, callback messages and my_chat_member. Default: the
   * bot the fake server most recently answered in this process (its id is the token's prefix),
   * else the fake's default bot. Resolved each time an update is built.
   */
  bot?: { id: number; username: string; firstName?: string };
  /** First update_id (default: random in [100_000_000, 2_000_000_000)). */
  firstUpdateId?: number;
}

type AnyMessage = Message & Update.NonChannel;
/** A message the callback's buttons are attached to: ids only, or a full Message (e.g. `tg.message(chat, id)`). */
export type CallbackMessageRef = { chatId: number; messageId: number; text?: string } | Message;

export function createUpdateFactory(opts: UpdateFactoryOptions = {}) {
  let nextUpdateId = opts.firstUpdateId ?? 100_000_000 + Math.floor(Math.random() * 1_900_000_000);
  const botUser = (): User => {
    if (opts.bot) return { id: opts.bot.id, is_bot: true, first_name: opts.bot.firstName ?? DEFAULT_BOT_FIRST_NAME, username: opts.bot.username };
    const served = servedBot();
    return served
      ? { id: served.id, is_bot: true, first_name: served.first_name, username: served.username }
      : { id: DEFAULT_BOT_ID, is_bot: true, first_name: DEFAULT_BOT_FIRST_NAME, username: DEFAULT_BOT_USERNAME };
  };
  let callbackCounter = 0;

  const updateId = (): number => {
    const id = nextUpdateId++;
    if (id >= 2 ** 31) throw new Error("update_id overflowed 2^31");
    return id;
  };

  const privateChat = (u: User): Chat.PrivateChat => ({
    id: u.id,
    type: "private",
    first_name: u.first_name,
    ...(u.last_name !== undefined ? { last_name: u.last_name } : {}),
    ...(u.username !== undefined ? { username: u.username } : {}),
  });

  const groupChat = (chatId: number): Chat.GroupChat | Chat.SupergroupChat => {
    const type = chatTypeOf(chatId);
    if (type === "supergroup") return { id: chatId, type: "supergroup", title: `Supergroup ${chatId}` };
    if (type === "group") return { id: chatId, type: "group", title: `Group ${chatId}` };
    throw new Error(`${chatId} is not a group id (groups are negative)`);
  };

  const chatFor = (chatId: number, u?: User): Chat =>
    chatId > 0 ? (u && u.id === chatId ? privateChat(u) : { id: chatId, type: "private", first_name: `User${chatId}` }) : groupChat(chatId);

  const message = (chat: Chat, from: User, content: Record<string, unknown>, extra: Partial<Message> = {}): AnyMessage =>
    ({ message_id: nextMessageId(chat.id), date: nowSeconds(), chat, from, ...content, ...extra }) as unknown as AnyMessage;

  const commandText = (command: string, payload: string | undefined, mention?: string): { text: string; entities: Message["entities"] } => {
    const cmd = (command.startsWith("/") ? command : `/${command}`) + (mention ? `@${mention}` : "");
    return {
      text: payload !== undefined && payload !== "" ? `${cmd} ${payload}` : cmd,
      entities: [{ type: "bot_command", offset: 0, length: cmd.length }],
    };
  };

  /** Telegram marks a leading /command with a bot_command entity; so do we. */
  const textContent = (text: string): Record<string, unknown> => {
    const cmd = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    return cmd ? { text, entities: [{ type: "bot_command", offset: 0, length: cmd[0].length }] } : { text };
  };

  const fileIds = (fileId: string): { file_id: string; file_unique_id: string } => ({
    file_id: fileId,
    file_unique_id: `AQAD${fileId.slice(-8)}`,
  });

  return {
    /** The bot user updates refer to right now (see {@link UpdateFactoryOptions.bot}). */
    get bot(): User {
      return botUser();
    },
    user,
    /** A fresh update_id (for hand-made updates). */
    nextUpdateId: updateId,

    privateText(u: User, text: string, extra: Partial<Message> = {}): Update {
      return { update_id: updateId(), message: message(privateChat(u), u, textContent(text), extra) };
    },

    privateCommand(u: User, command: string, payload?: string): Update {
      return { update_id: updateId(), message: message(privateChat(u), u, commandText(command, payload)) };
    },

    callback(u: User, data: string, msg: CallbackMessageRef, opts: { inlineKeyboard?: unknown[][] } = {}): Update {
      const target: Message =
        "message_id" in msg
          ? msg
          : ({
              message_id: msg.messageId,
              date: nowSeconds(),
              chat: chatFor(msg.chatId, u),
              from: botUser(),
              text: msg.text ?? "…",
              ...(opts.inlineKeyboard ? { reply_markup: { inline_keyboard: opts.inlineKeyboard } } : {}),
            } as unknown as Message);
      return {
        update_id: updateId(),
        callback_query: {
          id: `${Date.now()}${++callbackCounter}`,
          from: u,
          chat_instance: `-${String(Math.abs(target.chat.id)).padStart(10, "7")}`,
          data,
          message: target,
        },
      };
    },

    photo(u: User, fileId: string, caption?: string, opts: { width?: number; height?: number; fileSize?: number } = {}): Update {
      const photo = [{ ...fileIds(fileId), width: opts.width ?? 1280, height: opts.height ?? 960, file_size: opts.fileSize ?? 123_456 }];
      return { update_id: updateId(), message: message(privateChat(u), u, { photo, ...(caption !== undefined ? { caption } : {}) }) };
    },

    document(u: User, fileId: string, opts: { fileName?: string; mimeType?: string; fileSize?: number; caption?: string } = {}): Update {
      const document = {
        ...fileIds(fileId),
        file_name: opts.fileName ?? "document.pdf",
        mime_type: opts.mimeType ?? "application/pdf",
        file_size: opts.fileSize ?? 54_321,
      };
      return { update_id: updateId(), message: message(privateChat(u), u, { document, ...(opts.caption !== undefined ? { caption: opts.caption } : {}) }) };
    },

    voice(u: User, fileId: string, opts: { duration?: number; fileSize?: number; caption?: string } = {}): Update {
      const voice = { ...fileIds(fileId), duration: opts.duration ?? 4, mime_type: "audio/ogg", file_size: opts.fileSize ?? 9_876 };
      return { update_id: updateId(), message: message(privateChat(u), u, { voice, ...(opts.caption !== undefined ? { caption: opts.caption } : {}) }) };
    },

    location(u: User, latitude: number, longitude: number): Update {
      return { update_id: updateId(), message: message(privateChat(u), u, { location: { latitude, longitude } }) };
    },

    sticker(u: User, opts: { fileId?: string; emoji?: string } = {}): Update {
      const sticker = {
        ...fileIds(opts.fileId ?? `CAACAgIAAxkBAAI${randomToken(40)}`),
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: opts.emoji ?? "😀",
        file_size: 12_345,
      };
      return { update_id: updateId(), message: message(privateChat(u), u, { sticker }) };
    },

    /** Text in a group; `replyTo` makes it a reply to one of the bot's messages. */
    groupText(chatId: number, u: User, text: string, opts: { replyTo?: { messageId: number; fromBot: true; text?: string } } = {}): Update {
      const chat = groupChat(chatId);
      const reply = opts.replyTo
        ? { reply_to_message: { message_id: opts.replyTo.messageId, date: nowSeconds(), chat, from: botUser(), text: opts.replyTo.text ?? "…" } }
        : {};
      return { update_id: updateId(), message: message(chat, u, { ...textContent(text), ...reply }) };
    },

    /** `/bind CODE` in a group; `mention: true` writes `/bind@botname CODE` as group clients do. */
    groupCommand(chatId: number, u: User, command: string, payload?: string, opts: { mention?: boolean } = {}): Update {
      return { update_id: updateId(), message: message(groupChat(chatId), u, commandText(command, payload, opts.mention ? botUser().username : undefined)) };
    },

    /** The user edited an earlier message (same message_id) to `text`. */
    editedMessage(u: User, messageId: number, text: string, opts: { chatId?: number; date?: number } = {}): Update {
      const chat = chatFor(opts.chatId ?? u.id, u);
      const now = nowSeconds();
      return {
        update_id: updateId(),
        edited_message: { message_id: messageId, date: opts.date ?? now - 60, edit_date: now, chat, from: u, text } as unknown as Message & Update.Edited & Update.NonChannel,
      };
    },

    channelPost(channelId: number, text: string, opts: { title?: string } = {}): Update {
      const chat: Chat.ChannelChat = { id: channelId, type: "channel", title: opts.title ?? `Channel ${channelId}` };
      return {
        update_id: updateId(),
        channel_post: { message_id: nextMessageId(channelId), date: nowSeconds(), chat, sender_chat: chat, text } as unknown as Message & Update.Channel,
      };
    },

    /** A user sends a poll into the private chat (unsupported content for most bots). */
    poll(u: User, question: string, options: string[] = ["Có", "Không"]): Update {
      const poll = {
        id: String(Date.now()),
        question,
        options: options.map((text) => ({ text, voter_count: 0 })),
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: true,
        type: "regular",
        allows_multiple_answers: false,
      };
      return { update_id: updateId(), message: message(privateChat(u), u, { poll }) };
    },

    /** A reaction change on a message (only delivered when allowed_updates includes message_reaction). */
    messageReaction(u: User, chatId: number, messageId: number, emoji: ReactionTypeEmoji["emoji"] | null, oldEmoji: ReactionTypeEmoji["emoji"] | null = null): Update {
      const r = (e: ReactionTypeEmoji["emoji"] | null): ReactionTypeEmoji[] => (e ? [{ type: "emoji", emoji: e }] : []);
      return {
        update_id: updateId(),
        message_reaction: { chat: chatFor(chatId, u), message_id: messageId, user: u, date: nowSeconds(), old_reaction: r(oldEmoji), new_reaction: r(emoji) },
      };
    },

    /** Service message in the old basic group: it became supergroup `newId`. */
    migrateToSupergroup(oldId: number, newId: number, by?: User): Update {
      const from = by ?? user(1, { firstName: "Admin" });
      return { update_id: updateId(), message: message(groupChat(oldId), from, { migrate_to_chat_id: newId }) };
    },

    /** Service message in the new supergroup: it was migrated from `oldId`. */
    migratedFromGroup(newId: number, oldId: number, by?: User): Update {
      const from = by ?? user(1, { firstName: "Admin" });
      return { update_id: updateId(), message: message(groupChat(newId), from, { migrate_from_chat_id: oldId }) };
    },

    /** The bot's own membership changed in a chat (added to a group, removed, or blocked in private). */
    myChatMember(chatId: number, status: "member" | "left" | "kicked", opts: { by?: User } = {}): Update {
      const by = opts.by ?? (chatId > 0 ? user(chatId) : user(1, { firstName: "Admin" }));
      const me = botUser();
      const member = (s: "member" | "left" | "kicked"): ChatMember =>
        s === "kicked" ? { status: "kicked", user: me, until_date: 0 } : { status: s, user: me };
      return {
        update_id: updateId(),
        my_chat_member: {
          chat: chatFor(chatId, by),
          from: by,
          date: nowSeconds(),
          old_chat_member: member(status === "member" ? (chatId > 0 ? "kicked" : "left") : "member"),
          new_chat_member: member(status),
        },
      };
    },
  };
}

export type UpdateFactory = ReturnType<typeof createUpdateFactory>;

/** A default factory for the fake's default bot. */
export const updates: UpdateFactory = createUpdateFactory();

export const {
  privateText, privateCommand, callback, photo, document, voice, location, sticker, groupText, groupCommand,
  editedMessage, channelPost, poll, messageReaction, migrateToSupergroup, migratedFromGroup, myChatMember,
} = updates;
