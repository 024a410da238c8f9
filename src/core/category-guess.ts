import type { Category } from "./categories.js";
import { extractIndicators } from "./scam/extract.js";

/**
 * The category of a tip written in free text (the one-tap "send this as a tip"), guessed from its
 * words and from the fraud indicators in it; the tipster can change it. Each category has weighted
 * keywords, matched as whole words on the folded text (lowercase, no diacritics, so "chuyen
 * tien" and "chuyển tiền" count alike); a few need diacritics to tell "lạ" (strange) from "là"
 * (is). The best score wins if it reaches MIN_SCORE, else "other". Indicators only lean towards
 * "scam": a drug dealer's phone number does not make a drug tip a scam.
 */

type Rule = [weight: number, pattern: string];

const RULES: Record<Exclude<Category, "other">, Rule[]> = {
  scam: [
    [3, "lua dao|bi lua|lua (?:tien|dao)|gia danh|mao danh|tu xung|tu nhan la|xung danh|gia mao|chiem doat"],
    [3, "tai khoan tam giu|viec nhe luong cao|lam nhiem vu|trung thuong|tien ao|vay online|phi ho so|chuyen nham"],
    [3, "gia lam (?:cong an|can bo|nhan vien|shipper)|sac phuc cong an|(?:cong an|ngan hang|dien luc) (?:goi|nhan tin)"],
    [3, "(?:xung|nhan|noi) la (?:nguoi cua |nhan vien |can bo |ben )?(?:cong an|ngan hang|bao hiem|dien luc|thue|toa an|vien kiem sat|buu dien|shipper)"],
    [3, "khong nhan duoc hang|nick bi (?:hack|chiem)|bi hack|chiem nick|doc (?:so the|ma|otp)"],
    [2, "chuyen (?:tien|khoan)|chuyen truoc|dat coc|nap (?:tien|vao)|stk|so tk|so tai khoan|(?:ma )?otp|dau tu|hack|link"],
    [2, "ung dung la|hoan thue|sinh trac|xac minh tai khoan|doa cat|doi doc|tru tien|mat trang|cuoc goi|goi video|shipper goi"],
    [2, "don hang ao|chan lien lac|chan (?:zalo|facebook|so)|muon tien|so the|tri an|nhan qua|trung ho so|nop tien|dong phi"],
    [1, "goi dien|so la|tin nhan|nhan tin|zalo|facebook|messenger|telegram|ngan hang|tai khoan|the tin dung|cap cuu|qua mang|tren mang|rao ban|gia re|app"],
  ],
  drugs: [
    [3, "ma tuy|thuoc lac|bay lac|ketamin|heroin|can sa|hang da|tiem chich|con nghien|bong cuoi|nuoc vui|chat cam|hang cam|xi ke|phe pha|phe thuoc"],
    [2, "nghien|hit|kim tiem|ong tiem|(?:ban|choi|dung) (?:da|ke)|(?:da|va) ke|diem ban le|ong hut|giay bac|bot trang|ao giac|ngao da"],
    [1, "goi nho|tui nho|vat vo|mui la"],
  ],
  racing: [
    [3, "dua xe|boc dau|lang lach|danh vong|di bao|nep po|no po|ru ga|gam ru|dua nhau|thot ga"],
    [2, "toc do (?:cao|kinh hoang)|phan khoi lon|xe (?:may )?do|do po|chay thanh doan|quay xe|dan hang ngang|phong (?:nhu bay|xe|nhanh)|tu tap xe"],
  ],
  theft: [
    [3, "(?<!do )trom|an cap|lay cap|mat cap|cuop|giat (?:tui|dien thoai|day chuyen|vi|tien|xe)|bi giat|moc tui|be khoa|cay (?:cua|cop|khoa)|dot nhap|ke gian|chom"],
    [2, "lay mat|lay het|lay sach|bi lay|cat khoa|ke xau|khong thay dau|bien mat|chay mat|bay mat"],
    [2, "mat (?:\\d+ )?(?:xe|vi|dien thoai|laptop|tien|vang|binh|cho|ga|may|do|tai san|hang)"],
  ],
  stranger: [
    [3, "nguoi la|la mat|kha nghi|lang vang|rinh rap|danh dau nha|ky hieu la|doi tuong la|du do|bat coc"],
    [2, "nhin (?:ngo|vao)|theo doi|di theo|hoi tung nha|hoi tham nha|khong ro danh tinh|khong ro (?:la )?(?:ai|cua ai)|khong quen|lap lo|dang ngo"],
    [2, "chup anh|vong quanh|di di lai lai|luon lo|thu mo cua|nha (?:nao )?vang chu|goi (?:hoc sinh|tre em|cac chau)"],
  ],
  disorder: [
    [3, "danh nhau|gay roi|hon chien|xo xat|dap pha|chem|ban nhau|no sung|nem mam tom|doi no|xiet no|quay pha|chui boi|vat nhau"],
    [3, "ma tau|dao kiem|hung khi|vu khi|tuyp sat|dap (?:chai|do)|nem (?:da|gach|chai|do)|doa giet|khung bo|danh (?:nguoi|vo|con)|bao luc"],
    [2, "say (?:ruou|xin)|cai nhau|cai va|to tieng|de doa|karaoke|on ao|gay on|am i|inh oi|loa|dot phao|phao no|cam dao|gay goc|xam tro|doi tien"],
    [1, "chay mau|bi thuong|vo kinh|keo den|say"],
  ],
};

/** Patterns that need the diacritics: a person or vehicle that is "lạ" (strange), not "là" (is). */
const ACCENTED: Array<[Category, number, RegExp]> = [
  ["stranger", 3, /(?<!\p{L})(?:người|đàn ông|đàn bà|phụ nữ|thanh niên|đối tượng|ô tô|xe)(?: \p{L}+)? lạ(?!\p{L})/u],
];

const MIN_SCORE = 2;
/** Ties go to the first in this order: the more urgent or the more specific. */
const ORDER: Array<Exclude<Category, "other">> = ["scam", "drugs", "theft", "disorder", "racing", "stranger"];

const compiled = Object.fromEntries(
  Object.entries(RULES).map(([c, rules]) => [c, rules.map(([w, p]) => [w, new RegExp(`(?<![a-z0-9])(?:${p})(?![a-z0-9])`, "g")] as const)]),
) as Record<Exclude<Category, "other">, Array<readonly [number, RegExp]>>;

/** Lowercase, diacritics dropped, đ → d: "Chuyển tiền" → "chuyen tien". */
function fold(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/\s+/g, " ");
}

/** Points towards "scam" from what the extractor finds: an account or a look-alike site weighs most. */
function indicatorScore(text: string): number {
  let score = 0;
  for (const i of extractIndicators(text)) {
    if (i.kind === "bank_account" || (i.kind === "domain" && i.lookalike)) score += 3;
    else score += 1;
  }
  return Math.min(score, 4);
}

/** The category a free-text tip most likely belongs to; "other" when nothing points anywhere. */
export function guessCategory(text: string): Category {
  const folded = fold(text);
  const lower = text.toLowerCase().normalize("NFC");
  const scores = new Map<Category, number>();
  const add = (c: Category, n: number) => scores.set(c, (scores.get(c) ?? 0) + n);
  for (const c of ORDER) for (const [weight, re] of compiled[c]) add(c, weight * (folded.match(re)?.length ?? 0));
  for (const [c, weight, re] of ACCENTED) if (re.test(lower)) add(c, weight);
  add("scam", indicatorScore(text));
  let best: Category = "other";
  let bestScore = MIN_SCORE - 1;
  for (const c of ORDER) {
    const s = scores.get(c) ?? 0;
    if (s > bestScore) [best, bestScore] = [c, s];
  }
  return best;
}
