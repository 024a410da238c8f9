/**
 * Host names: which top-level domains count (so "TP.HCM" or "khóa.Vui" are not hosts) and the
 * registrable domain (eTLD+1) from a small public-suffix list: the Vietnamese second levels, a few
 * foreign ones, and the free hosting platforms scam pages are put on, where each customer's
 * subdomain is a site of its own ("vcb-xacthuc.web.app" is the indicator, not "web.app").
 */

const TLDS = new Set(
  (
    "vn com net org info biz xyz top site online link click cc me io app shop vip live ly id gy co asia store club fun " +
    "website space tech pro cloud icu buzz win bid loan work life one today support help services tk ml ga cf gq pw ws " +
    "sbs cfd bond cyou lol fit mobi tv us uk cn ru kh th sg my ph jp kr hk tw de fr eu news world ai dev page chat " +
    "email money finance bank gd at gg su gov edu mil int best ink rest run cam mom bio network center digital " +
    "group company agency media global host pics pictures social zone today " +
    // Cheap TLDs seen under fake "…gov.vn.<tld>" and shop pages.
    "cm cx ke lat homes quest beauty hair skin makeup autos boats"
  ).split(" "),
);

const SUFFIXES = new Set(
  (
    "com.vn net.vn org.vn edu.vn gov.vn ac.vn biz.vn info.vn name.vn pro.vn health.vn int.vn io.vn id.vn " +
    "co.uk org.uk com.au com.sg com.cn com.hk com.tw com.kh com.my co.jp co.kr co.th " +
    "web.app firebaseapp.com netlify.app vercel.app github.io gitlab.io pages.dev workers.dev r2.dev blogspot.com " +
    "weebly.com wixsite.com herokuapp.com glitch.me 000webhostapp.com ngrok.io ngrok-free.app onrender.com " +
    "azurewebsites.net appspot.com webflow.io framer.website notion.site carrd.co godaddysites.com mystrikingly.com"
  ).split(" "),
);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

/** A lowercase ASCII host with a known TLD and well-formed labels. */
export function isPlausibleHost(host: string): boolean {
  const labels = host.split(".");
  if (labels.length < 2 || host.length > 253) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  return TLDS.has(labels[labels.length - 1] as string);
}

export function withoutWww(host: string): string {
  return host.startsWith("www.") && host.split(".").length > 2 ? host.slice(4) : host;
}

export function registrableDomain(host: string): string {
  if (isIPv4(host)) return host;
  const labels = host.split(".");
  for (const k of [3, 2]) {
    if (labels.length > k && SUFFIXES.has(labels.slice(-k).join("."))) return labels.slice(-k - 1).join(".");
  }
  return labels.slice(-2).join(".");
}

/** Whether the registrable domain sits on a platform suffix (web.app, blogspot.com...) rather than a TLD. */
export function onHostingPlatform(registrable: string): boolean {
  const rest = registrable.slice(registrable.indexOf(".") + 1);
  return SUFFIXES.has(rest) && !rest.endsWith(".vn") && !/^(?:co|com|org)\.[a-z]{2}$/.test(rest);
}
