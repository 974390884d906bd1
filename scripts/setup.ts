/**
 * npm run setup -- --admin you@company.com [--name "Your Name"]
 *
 * The first step on a company's own database (DATABASE_URL), or the way back
 * in: applies the migrations and the default competency model, makes the
 * person an administrator and HR (adding them if the org chart does not have
 * them yet) and prints a sign-in link for them that works once, for 30
 * minutes. It needs the app's NEXTAUTH_SECRET and the address people open the
 * app at (NEXTAUTH_URL or APP_URL), the same as the app's. Nothing simulated
 * is written.
 */
import { readConfig } from "../server/config";
import { SIGN_IN_LINK_MINUTES } from "../server/auth/email-link";
import { openDatabase } from "../server/db/engines";
import { prepareDatabase } from "../server/db/prepare";
import { FirstAdministratorError, makeAdministrator, signInLinkFor } from "../server/db/queries/first-administrator";
import { fail, explainAndExit } from "./cli";
import { appSecret } from "./embedded-secret";

function parseFlags(args: string[]): { admin: string; name?: string } {
  const flags: { admin?: string; name?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split("=", 2);
    const value = inline ?? args[++i];
    if ((flag !== "--admin" && flag !== "--name") || value === undefined || value.startsWith("--")) {
      fail(`expected --admin you@company.com [--name "Your Name"], got "${args.join(" ")}"`);
    }
    if (flag === "--admin") flags.admin = value;
    else flags.name = value;
  }
  if (!flags.admin) fail('say who the administrator is: npm run setup -- --admin you@company.com [--name "Your Name"]');
  return { admin: flags.admin, name: flags.name };
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const config = readConfig();
  const secret = appSecret(config);
  if (!secret) fail("NEXTAUTH_SECRET must be set, the same as the app's: the sign-in link is signed with it.");
  // Where next-auth answers the link: NEXTAUTH_URL, else where links in mails point.
  const baseUrl = config.http.authOrigin ?? config.mail.appUrl;

  const handle = await openDatabase(config);
  try {
    await prepareDatabase(handle, { seedDemoIfEmpty: false });
    const admin = await makeAdministrator(handle.db, { email: flags.admin, name: flags.name });
    const link = await signInLinkFor(handle.db, {
      email: admin.email,
      secret,
      baseUrl,
      minutes: SIGN_IN_LINK_MINUTES,
      then: "/people/import",
    });
    console.log(`${admin.name} (${admin.email}) ${admin.added ? "is added as" : "is now"} an administrator and HR.`);
    console.log(
      `Open this link within ${SIGN_IN_LINK_MINUTES} minutes to sign in (it works once), then import the org chart:`,
    );
    console.log(`  ${link.url}`);
    console.log("Run this command again for a new link. Keep the link to yourself: it signs in as this person.");
  } catch (error) {
    if (error instanceof FirstAdministratorError) fail(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

main().catch(explainAndExit);
