/**
 * Text as Telegram stores it: parse_mode markup turned into entities (HTML, MarkdownV2, legacy
 * Markdown), then leading/trailing whitespace trimmed. Malformed markup fails like Telegram:
 * `400 Bad Request: can't parse entities: ...`, so escaping bugs surface in tests.
 */
import { badRequest, type TelegramError } from "./types.js";

export interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
  custom_emoji_id?: string;
}

export interface FormattedText {
  text: string;
  entities: Entity[];
}

const cantParse = (why: string): TelegramError => badRequest(`can't parse entities: ${why}`);
const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i), "utf8");

const HTML_TAGS: Record<string, string> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler",
  span: "spoiler", a: "text_link", code: "code", pre: "pre", blockquote: "blockquote", "tg-emoji": "custom_emoji",
};
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };

function parseHtml(input: string): FormattedText {
  let text = "";
  const entities: Entity[] = [];
  const stack: Array<{ tag: string; start: number; entity: Entity | null }> = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === "&") {
      const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/.exec(input.slice(i, i + 12));
      const name = m?.[1];
      const decoded =
        name === undefined ? undefined
        : name.startsWith("#x") ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith("#") ? String.fromCodePoint(parseInt(name.slice(1), 10))
        : NAMED_ENTITIES[name];
      if (m && decoded !== undefined) {
        text += decoded;
        i += m[0].length;
      } else {
        text += "&"; // Telegram keeps a stray '&'
        i += 1;
      }
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i += 1;
      continue;
    }
    const at = byteOffset(input, i);
    const gt = input.indexOf(">", i);
    if (gt < 0) throw cantParse(`Unclosed start tag at byte offset ${at}`);
    const inner = input.slice(i + 1, gt);
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim().toLowerCase();
      const top = stack.pop();
      if (!top) throw cantParse(`Unexpected end tag at byte offset ${at}`);
      if (name !== top.tag)
        throw cantParse(`Unmatched end tag at byte offset ${at}, expected "</${top.tag}>", found "</${name}>"`);
      if (top.entity && text.length > top.start) {
        // <pre><code class="language-x"> becomes one pre entity with a language
        const parent = stack.at(-1);
        if (top.tag === "code" && parent?.tag === "pre" && parent.entity && top.entity.language) {
          parent.entity.language = top.entity.language;
        } else {
          if (top.entity.type !== "pre") delete top.entity.language;
          entities.push({ ...top.entity, offset: top.start, length: text.length - top.start });
        }
      }
      i = gt + 1;
      continue;
    }
    const nameMatch = /^[a-zA-Z0-9-]*/.exec(inner);
    const name = (nameMatch?.[0] ?? "").toLowerCase();
    const type = HTML_TAGS[name];
    if (!type) throw cantParse(`Unsupported start tag "${name}" at byte offset ${at}`);
    const attrs: Record<string, string> = {};
    const attrRe = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
    const attrText = inner.slice(name.length);
    for (let m = attrRe.exec(attrText); m !== null; m = attrRe.exec(attrText)) {
      attrs[(m[1] ?? "").toLowerCase()] = decodeAttr(m[2] ?? m[3] ?? m[4] ?? "");
    }
    let entity: Entity | null = { type, offset: 0, length: 0 };
    if (name === "span" && attrs["class"] !== "tg-spoiler") throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    if (name === "a") {
      const href = attrs["href"];
      const mention = href && /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention) entity = { type: "text_mention", offset: 0, length: 0, user: { id: Number(mention[1]), is_bot: false, first_name: "User" } };
      else if (href) entity.url = href;
      else entity = null;
    }
    if (entity && name === "code" && attrs["class"]?.startsWith("language-")) entity.language = attrs["class"].slice("language-".length);
    if (entity && name === "blockquote" && "expandable" in attrs) entity.type = "expandable_blockquote";
    if (entity && name === "tg-emoji") entity.custom_emoji_id = attrs["emoji-id"] ?? "";
    stack.push({ tag: name, start: text.length, entity });
    i = gt + 1;
  }
  const open = stack.at(-1);
  if (open) throw cantParse(`Can't find end tag corresponding to start tag ${open.tag}`);
  return { text, entities };
}

function decodeAttr(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (all, name: string) =>
    name.startsWith("#x") ? String.fromCodePoint(parseInt(name.slice(2), 16))
    : name.startsWith("#") ? String.fromCodePoint(parseInt(name.slice(1), 10))
    : (NAMED_ENTITIES[name] ?? all),
  );
}

const MD2_RESERVED = "_*[]()~`>#+-=|{}.!";
const MD2_NAMES: Record<string, string> = {
  italic: "Italic", bold: "Bold", underline: "Underline", strikethrough: "Strikethrough",
  spoiler: "Spoiler", code: "Code", pre: "Pre", text_link: "TextUrl", custom_emoji: "CustomEmoji",
};

function parseMarkdownV2(input: string): FormattedText {
  let text = "";
  const entities: Entity[] = [];
  const stack: Array<{ type: string; start: number; at: number }> = [];
  let quoteStart: number | null = null;
  const push = (type: string, start: number, extra: Partial<Entity> = {}): void => {
    if (text.length > start) entities.push({ type, offset: start, length: text.length - start, ...extra });
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const lineStart = i === 0 || input[i - 1] === "\n";
    if (lineStart && c === ">") {
      quoteStart ??= text.length;
      i += 1;
      continue;
    }
    if (c === "\\" && i + 1 < input.length && input.charCodeAt(i + 1) <= 126) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (c === "\n" && quoteStart !== null && input[i + 1] !== ">") {
      push("blockquote", quoteStart);
      quoteStart = null;
    }
    if (!MD2_RESERVED.includes(c)) {
      text += c;
      i += 1;
      continue;
    }
    const top = stack.at(-1);
    const two = input.slice(i, i + 2);
    // closing the innermost entity?
    if (top) {
      const closes =
        (top.type === "underline" && two === "__") ? 2
        : (top.type === "italic" && c === "_") ? 1
        : (top.type === "bold" && c === "*") ? 1
        : (top.type === "strikethrough" && c === "~") ? 1
        : (top.type === "spoiler" && two === "||") ? 2
        : ((top.type === "text_link" || top.type === "custom_emoji") && c === "]") ? 1
        : 0;
      if (closes > 0) {
        stack.pop();
        i += closes;
        if (top.type === "text_link" || top.type === "custom_emoji") {
          let url = "";
          if (input[i] === "(") {
            i += 1;
            while (i < input.length && input[i] !== ")") {
              if (input[i] === "\\" && i + 1 < input.length) i += 1;
              url += input[i];
              i += 1;
            }
            if (i >= input.length) throw cantParse(`Can't find end of ${MD2_NAMES[top.type]} entity at byte offset ${top.at}`);
            i += 1;
          } else url = text.slice(top.start);
          if (top.type === "custom_emoji") push("custom_emoji", top.start, { custom_emoji_id: url.replace(/^tg:\/\/emoji\?id=/, "") });
          else push("text_link", top.start, { url });
        } else push(top.type, top.start);
        continue;
      }
    }
    const at = byteOffset(input, i);
    if (c === "`") {
      const isPre = input.startsWith("```", i);
      const fence = isPre ? "```" : "`";
      let j = i + fence.length;
      let body = "";
      while (j < input.length && !input.startsWith(fence, j)) {
        if (input[j] === "\\" && j + 1 < input.length) j += 1;
        body += input[j];
        j += 1;
      }
      if (j >= input.length) throw cantParse(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${at}`);
      const start = text.length;
      if (isPre) {
        const nl = body.indexOf("\n");
        const language = nl > 0 && /^[^\s`]+$/.test(body.slice(0, nl)) ? body.slice(0, nl) : undefined;
        text += language !== undefined ? body.slice(nl + 1) : body.replace(/^\n/, "");
        push("pre", start, language !== undefined ? { language } : {});
      } else {
        text += body;
        push("code", start);
      }
      i = j + fence.length;
      continue;
    }
    const open =
      two === "__" ? { type: "underline", len: 2 }
      : c === "_" ? { type: "italic", len: 1 }
      : c === "*" ? { type: "bold", len: 1 }
      : c === "~" ? { type: "strikethrough", len: 1 }
      : two === "||" ? { type: "spoiler", len: 2 }
      : c === "[" ? { type: "text_link", len: 1 }
      : two === "![" ? { type: "custom_emoji", len: 2 }
      : null;
    if (!open) throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    stack.push({ type: open.type, start: text.length, at });
    i += open.len;
  }
  if (quoteStart !== null) push("blockquote", quoteStart);
  const unclosed = stack.at(-1);
  if (unclosed) throw cantParse(`Can't find end of ${MD2_NAMES[unclosed.type]} entity at byte offset ${unclosed.at}`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };
}

function parseLegacyMarkdown(input: string): FormattedText {
  let text = "";
  const entities: Entity[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === "\\" && "_*`[".includes(input[i + 1] ?? "")) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (!"_*`[".includes(c)) {
      text += c;
      i += 1;
      continue;
    }
    const at = byteOffset(input, i);
    const fence = c === "`" && input.startsWith("```", i) ? "```" : c === "[" ? "]" : c;
    const from = i + (c === "[" ? 1 : fence.length);
    const end = input.indexOf(fence, from);
    if (end < 0) throw cantParse(`Can't find end of the entity starting at byte offset ${at}`);
    const start = text.length;
    text += input.slice(from, end);
    i = end + fence.length;
    if (c === "[") {
      const m = /^\(([^)]*)\)/.exec(input.slice(i));
      if (m) {
        i += m[0].length;
        entities.push({ type: "text_link", offset: start, length: text.length - start, url: m[1] ?? "" });
      }
      continue;
    }
    const type = fence === "```" ? "pre" : c === "`" ? "code" : c === "*" ? "bold" : "italic";
    if (text.length > start) entities.push({ type, offset: start, length: text.length - start });
  }
  return { text, entities };
}

/** Telegram trims leading/trailing whitespace; entities are shifted/clipped to match. */
function trim({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const out: Entity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(trimmed.length, e.offset + e.length - lead);
    if (end > start) out.push({ ...e, offset: start, length: end - start });
  }
  return { text: trimmed, entities: out };
}

/** Applies `parse_mode` (or explicit entities) the way Telegram does. */
export function formatText(raw: string, parseMode: unknown, explicitEntities: unknown): FormattedText {
  let result: FormattedText;
  if (Array.isArray(explicitEntities) && explicitEntities.length > 0) {
    result = { text: raw, entities: explicitEntities as Entity[] };
  } else if (typeof parseMode === "string" && parseMode !== "") {
    const mode = parseMode.toLowerCase();
    if (mode === "html") result = parseHtml(raw);
    else if (mode === "markdownv2") result = parseMarkdownV2(raw);
    else if (mode === "markdown") result = parseLegacyMarkdown(raw);
    else throw badRequest(`unsupported parse_mode`);
  } else {
    result = { text: raw, entities: [] };
  }
  return trim(result);
}
