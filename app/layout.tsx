import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/layout/demo-banner";
import { SiteHeader } from "@/components/layout/site-header";
import { readConfig } from "@/server/config";
import { getSignedInUser } from "@/server/auth/session";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

// Every page reads the session and the database: render per request, never at build.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Undercurrent", template: "%s · Undercurrent" },
  description: "Anonymous 360 feedback that finds leadership beyond visibility and volume.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // If the database does not answer, the header goes without the person's
  // name; the page below fails on the same call and says what happened.
  const user = await getSignedInUser().catch(() => null);
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader user={user} banner={readConfig().demoSignIn ? <DemoBanner /> : null} />
        <TRPCReactProvider>
          <main id="main" className="page">
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
