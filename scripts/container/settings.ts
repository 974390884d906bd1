/**
 * The settings the container image refuses to start without, checked before
 * anything opens. The image runs against a PostgreSQL server only: the
 * embedded PGlite allows one process per data folder, and in a container the
 * first-administrator step (`node container/setup.mjs`) runs in a second
 * container while the app is up, which PGlite would refuse.
 */
import { OidcConfigError, readOidcSettings } from "../../server/auth/oidc-config";
import { ConfigError, readConfig, requireAuthSecret } from "../../server/config";

export interface ContainerSettings {
  databaseUrl: string;
  port: number;
  /** NEXTAUTH_URL, or http://localhost:$PORT when unset, as `npm start` does. */
  authUrl: string;
  demoSignIn: boolean;
}

export class ContainerSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContainerSettingsError";
  }
}

/** The settings, or one line naming the first one that is missing or wrong. */
export function containerSettings(env: Readonly<Record<string, string | undefined>>): ContainerSettings {
  try {
    const config = readConfig(env);
    if (!config.databaseUrl) {
      throw new ContainerSettingsError(
        "DATABASE_URL must be set in the container, e.g. postgres://user:password@db:5432/undercurrent (the image has no embedded database).",
      );
    }
    // The image is production whatever NODE_ENV says: no secret, no start.
    requireAuthSecret({ ...config, production: true });
    readOidcSettings({ ...env }); // half-configured single sign-on is refused before anything starts
    return {
      databaseUrl: config.databaseUrl,
      port: config.port,
      authUrl: env.NEXTAUTH_URL || `http://localhost:${config.port}`,
      demoSignIn: config.demoSignIn,
    };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof OidcConfigError)
      throw new ContainerSettingsError(error.message);
    throw error;
  }
}
