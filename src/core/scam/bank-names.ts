/**
 * Bank and wallet names as residents write them, folded (lowercase, no diacritics), mapped to a
 * short code. Generic Vietnamese names ("Ngoại thương", "Quân đội", "Á Châu") are ordinary words
 * too, so they count only after "ngân hàng"/"NH". Order matters where one name is a prefix of
 * another ("ngan hang sai gon" must come after "ngan hang sai gon thuong tin").
 */
const BY_CODE: Array<[code: string, names: string[], vietnameseNames?: string[]]> = [
  ["CAKE", ["cake by vpbank", "cake"]],
  ["VCB", ["vietcombank", "vietcom bank", "vcb"], ["ngoai thuong(?: viet nam)?"]],
  ["TCB", ["techcombank", "techcom bank", "tcb"], ["ky thuong(?: viet nam)?"]],
  ["MB", ["mb~bank", "mb"], ["quan doi"]],
  ["BIDV", ["bidv"], ["dau tu va phat trien(?: viet nam)?"]],
  ["VTB", ["vietinbank", "viettinbank", "vietin bank", "vietin", "ctg"], ["cong thuong(?: viet nam)?"]],
  ["AGR", ["agribank", "agri bank"], ["nong nghiep(?: va phat trien nong thon)?"]],
  ["ACB", ["acb"], ["a chau"]],
  ["TPB", ["tpbank", "tp bank", "tpb"], ["tien phong"]],
  ["VPB", ["vpbank", "vp bank", "vpb"], ["viet nam thinh vuong", "thinh vuong"]],
  ["STB", ["sacombank", "sacom bank", "stb"], ["sai gon thuong tin"]],
  ["SHB", ["shb"], ["sai gon~-?~ha noi"]],
  ["MSB", ["msb", "maritime~bank"], ["hang hai"]],
  ["HDB", ["hdbank", "hd bank", "hdb"]],
  ["OCB", ["ocb"], ["phuong dong"]],
  ["VIB", ["vib"], ["quoc te"]],
  ["SCB", ["scb"], ["sai gon"]],
  ["EIB", ["eximbank", "exim bank", "eib"], ["xuat nhap khau"]],
  ["SEAB", ["seabank", "sea bank", "seab"], ["dong nam a"]],
  ["LPB", ["lpbank", "lp bank", "lienvietpostbank", "lienviet~post~bank", "lienviet", "lpb"], ["loc phat", "buu dien lien viet"]],
  ["NAB", ["nam a~bank", "namabank", "nab"], ["nam a"]],
  ["BAB", ["bac a~bank", "bacabank", "bab"], ["bac a"]],
  ["KLB", ["kienlongbank", "kien long~bank", "klb"], ["kien long"]],
  ["PVCB", ["pvcombank", "pvcom bank", "pvcb"]],
  ["ABB", ["abbank", "ab bank", "abb"], ["an binh"]],
  ["NCB", ["ncb"], ["quoc dan"]],
  ["VAB", ["vietabank", "viet a bank", "vab"], ["viet a"]],
  ["BVB", ["bvbank", "viet capital~bank", "bvb"], ["ban viet"]],
  ["TIMO", ["timo"]],
  ["MOMO", ["vi momo", "momo"]],
  ["ZALOPAY", ["zalopay", "zalo pay"]],
  ["VTMONEY", ["viettel~money", "viettel~pay"]],
];

const NGAN_HANG = String.raw`(?:ngan\s?hang|nh)(?:\s(?:tmcp|thuong mai co phan))?\s{1,2}`;

/** One group per code; names are literal except "~" for an optional space and "?" for an optional letter. */
export const BANK_NAME_SOURCE = `(?<![a-z0-9])(?:${BY_CODE.map(
  ([code, names, vn]) =>
    `(?<${code}>${[...(vn ?? []).map((n) => NGAN_HANG + n), ...names].map((n) => n.replace(/ /g, String.raw`\s{1,2}`).replace(/~/g, String.raw`\s?`)).join("|")})`,
).join("|")})(?![a-z0-9])`;

export const BANK_NAME = new RegExp(BANK_NAME_SOURCE, "g");

/** The code of the bank named by a BANK_NAME match. */
export function bankCodeOf(m: RegExpMatchArray): string | null {
  for (const [code, value] of Object.entries(m.groups ?? {})) if (value !== undefined) return code;
  return null;
}
