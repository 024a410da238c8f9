import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveIdentityKeys, pseudonym, seal, sealJson, unseal, unsealJson } from "../src/crypto/identity.js";
import { CODE_ALPHABET, newTrackingCode, normalizeTrackingCode } from "../src/core/tracking-code.js";

const keysA = deriveIdentityKeys(randomBytes(32));
const keysB = deriveIdentityKeys(randomBytes(32));

/** Flips one bit of the base64url part `index` (1 = iv, 2 = tag, 3 = ciphertext) of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("sealing", () => {
  it("round-trips text, bytes and JSON, and never shows the plaintext", () => {
    const text = "Có người bán ma túy ở hẻm 42, chat 5512345678";
    const sealed = seal(keysA, text);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("5512345678");
    expect(unseal(keysA, sealed).toString("utf8")).toBe(text);

    const bytes = randomBytes(100);
    expect(unseal(keysA, seal(keysA, bytes))).toEqual(bytes);

    const value = { update_id: 7, message: { chat: { id: 5512345678 }, text: "xin chào" } };
    expect(unsealJson(keysA, sealJson(keysA, value))).toEqual(value);
    expect(unseal(keysA, seal(keysA, "")).toString()).toBe("");
  });

  it("seals the same plaintext differently each time (random IV)", () => {
    expect(seal(keysA, "same")).not.toBe(seal(keysA, "same"));
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const sealed = seal(keysA, "chat 5512345678");
    for (const part of [1, 2, 3]) expect(() => unseal(keysA, tamper(sealed, part))).toThrow();
    expect(() => unseal(keysA, sealed.slice(0, -2))).toThrow();
    expect(() => unseal(keysA, "v2" + sealed.slice(2))).toThrow(/not a sealed value/);
    expect(() => unseal(keysA, "garbage")).toThrow(/not a sealed value/);
  });

  it("a different key cannot open it", () => {
    const sealed = seal(keysA, "chat 5512345678");
    expect(() => unseal(keysB, sealed)).toThrow();
  });

  it("refuses an identity key of the wrong length", () => {
    expect(() => deriveIdentityKeys(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("pseudonyms", () => {
  it("are stable for one key, differ across keys, channels and accounts, and hide the account id", () => {
    const master = randomBytes(32);
    const p = pseudonym(deriveIdentityKeys(master), "tg", "5512345678");
    expect(pseudonym(deriveIdentityKeys(Buffer.from(master)), "tg", "5512345678")).toBe(p);
    expect(p).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(p).not.toContain("5512345678");
    expect(pseudonym(keysB, "tg", "5512345678")).not.toBe(pseudonym(keysA, "tg", "5512345678"));
    expect(pseudonym(keysA, "zalo", "5512345678")).not.toBe(pseudonym(keysA, "tg", "5512345678"));
    expect(pseudonym(keysA, "tg", "5512345679")).not.toBe(pseudonym(keysA, "tg", "5512345678"));
  });
});

describe("tracking codes", () => {
  it("leave out characters that are confused when read aloud or typed", () => {
    for (const ch of "0O1IL UV2Z5S") expect(CODE_ALPHABET).not.toContain(ch);
  });

  it("are 8 characters from the alphabet, shown as XXXX-XXXX", () => {
    const alphabet = `[${CODE_ALPHABET}]`;
    const shape = new RegExp(`^${alphabet}{4}-${alphabet}{4}$`);
    for (let i = 0; i < 500; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(shape);
      expect(normalizeTrackingCode(code)).toBe(code);
    }
  });

  it("accept what residents type: lowercase, spaces, no dash", () => {
    const code = newTrackingCode();
    const bare = code.replace("-", "");
    expect(normalizeTrackingCode(code.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(bare)).toBe(code);
    expect(normalizeTrackingCode(bare.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(` ${bare.slice(0, 4)} ${bare.slice(4)} `)).toBe(code);
    expect(normalizeTrackingCode(`${bare.slice(0, 2)} ${bare.slice(2, 6)} ${bare.slice(6)}`)).toBe(code);
    expect(normalizeTrackingCode("7kx3-9mpq")).toBe("7KX3-9MPQ");
  });

  it("reject ambiguous letters, wrong lengths and other characters", () => {
    for (const bad of ["0KX3-9MPQ", "OKX3-9MPQ", "1KX3-9MPQ", "IKX3-9MPQ", "LKX3-9MPQ", "UKX3-9MPQ", "SKX3-9MPQ", "ZKX3-9MPQ", "5KX3-9MPQ"]) {
      expect(normalizeTrackingCode(bad), bad).toBeNull();
    }
    expect(normalizeTrackingCode("7KX3-9MP")).toBeNull();
    expect(normalizeTrackingCode("7KX3-9MPQA")).toBeNull();
    expect(normalizeTrackingCode("")).toBeNull();
    expect(normalizeTrackingCode("7KX3+9MPQ")).toBeNull();
    expect(normalizeTrackingCode("7KX3-9MPĐ")).toBeNull();
  });

  it("are random: 10,000 codes are distinct", () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => newTrackingCode()));
    expect(codes.size).toBe(10_000);
  });
});
