import type { Metadata } from "next";
import { hrViewer } from "@/server/auth/session";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { OrgImport } from "@/components/people/org-import";

export const metadata: Metadata = { title: "Import the org chart" };

export default async function PeopleImportPage() {
  if (!(await hrViewer("/people/import"))) return <NotAllowed what="import the org chart" />;
  return <OrgImport />;
}
