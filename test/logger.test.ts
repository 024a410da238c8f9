import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** A logger writing JSON lines into memory, as production writes them to stdout. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: "debug", pretty: false }, stream), text: () => lines.join("") };
}

describe("the logger keeps secrets and tipsters out of the logs", () => {
  it("scrubs bot tokens from messages, error messages and stacks", () => {
    const { log, text } = capture();
    log.info(`calling https://api.telegram.org/bot${TOKEN}/sendMessage`);
    const err = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    log.error({ err }, "Bot API failed");
    log.warn({ err: { message: `bot${TOKEN} refused` } }, "plain object error");
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    expect(text()).toContain("<bot-token>");
  });

  it("redacts texts, chats, senders, phones, usernames, secrets and keys wherever they are logged", () => {
    const { log, text } = capture();
    log.info({
      text: "Có người buôn ma túy ở hẻm 42",
      update: { message: { text: "tip words", chat: { id: 7_912_345_678 }, from: { id: 7_912_345_678, username: "tipster_name" } } },
      chatId: 7_912_345_679,
      phone: "0912345678",
      username: "someone",
      secret: "s3cr3t-webhook",
      config: { token: TOKEN, identityKey: "ab".repeat(32), password: "hunter2" },
      headers: { cookie: "sid=abc", authorization: "Bearer xyz" },
    }, "incoming");
    const out = text();
    for (const leak of ["ma túy", "7912345678", "7912345679", "0912345678", "someone", "s3cr3t-webhook", "abababab", "hunter2", "sid=abc", "Bearer xyz", TOKEN]) {
      expect(out, leak).not.toContain(leak);
    }
    expect(out).toContain("[redacted]");
    expect(JSON.parse(out.trim().split("\n")[0]!).msg).toBe("incoming");
  });

  it("reduces an error wherever it is logged (any key, nested, as a cause, alone) to its type, message, code and stack", () => {
    const { log, text } = capture();
    const ctx = { update: { message: { from: { id: 7_912_345_678, username: "tipster_name" }, text: "tip words" } }, api: { token: TOKEN } };
    const inner = Object.assign(new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`), {
      code: "ECONNRESET",
      payload: { chat_id: 7_912_345_678, text: "officer question" },
    });
    const outer = Object.assign(new Error("could not relay", { cause: inner }), { ctx, description: "tip words" });
    log.warn({ failure: outer, nested: { list: [inner] } }, "relay failed");
    log.error(outer);
    log.error({ err: inner });
    const out = text();
    for (const leak of ["7912345678", "tipster_name", "tip words", "officer question", TOKEN, "payload", "ctx"]) expect(out, leak).not.toContain(leak);
    const [first, alone, noMsg] = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    expect(first!["failure"]).toMatchObject({ type: "Error", message: "could not relay", cause: { type: "Error", code: "ECONNRESET", message: "request to https://api.telegram.org/bot<token>/sendMessage failed" } });
    expect(first!["nested"].list[0]).toMatchObject({ type: "Error", code: "ECONNRESET" });
    expect(Object.keys(first!["failure"]).sort()).toEqual(["cause", "message", "stack", "type"]);
    expect(alone).toMatchObject({ msg: "could not relay", err: { type: "Error", message: "could not relay" } });
    // Without a message of its own, the line takes the error's, scrubbed.
    expect(noMsg!["msg"]).toBe("request to https://api.telegram.org/bot<token>/sendMessage failed");
  });
});
