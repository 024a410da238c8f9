import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseConfig, type Config } from "../config.js";
import { connectDatabase, type Database } from "../db/connect.js";
import { ensureWardDirectory } from "../db/ward-directory.js";
import { importBoundaries } from "../db/boundaries.js";
import { loadDirectory } from "../core/wards/directory.js";
import { createBindingCode, findOfficerByTelegramId } from "../core/officers.js";
import { ROLES, saveOfficer } from "../core/officer-admin.js";
import { createLoginLink, dashboardBase, signInUrl } from "../core/sign-in.js";
import { createLogger, type Logger } from "../logger.js";
import { seedDemo } from "./demo.js";
import { wardSearchLines } from "./ward-search.js";

const USAGE = `Usage: npm run cli -- <command>
  seed [--demo]                       load the ward directory (34 provinces, 3,321 wards, former names); --demo adds demo officers
  ward search <words> [--province <code>]   a ward's 5-digit code for --ward (e.g. ward search ba dinh ha noi)
  officer add --telegram-id <id> --name <name> --ward <code> [--role WARD_OFFICER|WARD_LEADER|PROVINCE_OFFICER|ADMIN] [--province <code>] [--broadcast]
  officer link --telegram-id <id>     a one-time dashboard sign-in link (as /login in the bot sends), for the first admin or Zalo-only setups
  inbox code --ward <code> [--hours 72]      a one-time code to send as /bind <code> in the ward's officer group
  boundaries import <file.geojson> [--property <name>]   ward boundaries (GeoJSON features carrying the 5-digit ward code)
`;

export type CliDeps = {
  /** The environment, read once by the entry point: the same settings as the service's. */
  env: Record<string, string | undefined>;
  /** The command's answer (stdout). */
  out?: (line: string) => void;
  /** Notes beside the answer (stderr). */
  note?: (line: string) => void;
  /** Opens the database; tests open their own schema. */
  connect?: (config: Config, log: Logger) => Promise<Database>;
};

const COMMANDS = ["seed", "officer add", "officer link", "inbox code", "boundaries import"];

/** Runs one administration command; returns the exit code. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const out = deps.out ?? ((s: string) => void process.stdout.write(s + "\n"));
  const note = deps.note ?? ((s: string) => void process.stderr.write(s + "\n"));
  const { env } = deps;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: "boolean" },
      "telegram-id": { type: "string" },
      name: { type: "string" },
      ward: { type: "string" },
      role: { type: "string" },
      province: { type: "string" },
      broadcast: { type: "boolean" },
      hours: { type: "string" },
      property: { type: "string" },
      help: { type: "boolean" },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (!cmd || values.help) {
    (values.help ? out : note)(USAGE);
    return values.help ? 0 : 2;
  }
  if (cmd === "ward" && sub === "search") {
    for (const line of wardSearchLines(positionals.slice(2), { provinceCode: values.province })) out(line);
    return 0;
  }
  // An unknown command is told before anything opens the database.
  if (!COMMANDS.includes(cmd === "seed" ? cmd : `${cmd} ${sub ?? ""}`)) {
    note(USAGE);
    return 2;
  }
  const config = parseConfig({ ...env, LOG_LEVEL: env["LOG_LEVEL"] ?? "warn" });
  const log = createLogger({ level: config.log.level, pretty: false });
  const { db, close } = await (deps.connect ?? connectDatabase)(config, log);
  try {
    if (cmd === "seed") {
      const r = await ensureWardDirectory(db, loadDirectory);
      out(r.loaded ? `ward directory loaded: ${r.wards} wards` : `ward directory already present: ${r.wards} wards`);
      if (values.demo) out(await seedDemo(db));
      return 0;
    }
    if (cmd === "officer" && sub === "add") {
      const id = values["telegram-id"];
      if (!id || !/^\d{1,19}$/.test(id) || !values.name) throw new Error("officer add needs --telegram-id <digits> and --name");
      const role = (values.role ?? "WARD_OFFICER") as (typeof ROLES)[number];
      if (!ROLES.includes(role)) throw new Error(`unknown role ${role}`);
      const r = await saveOfficer(db, { telegramUserId: id, displayName: values.name, role, wardCode: values.ward, provinceCode: values.province, canBroadcast: Boolean(values.broadcast) });
      if (!r.ok) throw new Error(r.reason === "no-ward" ? `no ward with code ${values.ward}` : r.reason === "ward-needed" ? `${role} needs --ward` : `${role} needs --province`);
      out(`officer ${r.id} saved: ${values.name} (${role})`);
      return 0;
    }
    if (cmd === "officer" && sub === "link") {
      const id = values["telegram-id"];
      if (!id || !/^\d{1,19}$/.test(id)) throw new Error("officer link needs --telegram-id <digits>");
      const officer = await findOfficerByTelegramId(db, BigInt(id));
      if (!officer) throw new Error(`no active officer with Telegram id ${id} (register them with 'officer add')`);
      const base = dashboardBase(config);
      if (!base) throw new Error("set PUBLIC_URL (the dashboard's https address) first, as for the service");
      const { token, expiresAt } = await createLoginLink(db, officer.id);
      out(`Open once, before ${expiresAt.toISOString()}:\n${signInUrl(base, token)}`);
      // The CLI reads the settings of the shell it runs in, which may not be the service's.
      if (!config.http.publicUrl) {
        note(`Note: PUBLIC_URL is not set, so this link assumes the dashboard is at ${base} (PORT=${config.http.port}).`);
        note("If the service runs elsewhere, run this command with the same PUBLIC_URL and PORT as the service.");
      }
      return 0;
    }
    if (cmd === "inbox" && sub === "code") {
      if (!values.ward) throw new Error("inbox code needs --ward <code>");
      const hours = values.hours ? Number(values.hours) : 72;
      const { code, expiresAt } = await createBindingCode(db, values.ward, hours);
      out(`Send this in the ward's officer group (valid once, until ${expiresAt.toISOString()}):\n/bind ${code}`);
      return 0;
    }
    if (cmd === "boundaries" && sub === "import") {
      if (!arg) throw new Error("boundaries import needs a GeoJSON file");
      const r = await importBoundaries(db, JSON.parse(readFileSync(arg, "utf8")), values.property ?? "ward_code");
      out(`boundaries imported for ${r.imported} wards; ${r.skipped.length} features skipped${r.skipped.length ? ":\n" + r.skipped.slice(0, 20).map((s) => `  #${s.index}: ${s.reason}`).join("\n") : ""}`);
      out("Restart the workers to use them.");
      return 0;
    }
    note(USAGE);
    return 2;
  } finally {
    await close();
  }
}
