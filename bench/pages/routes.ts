/**
 * The pages to measure: every page under app/, with real ids of the demo
 * organisation for the dynamic ones, each signed in as the person it is for.
 */
import type { inferRouterOutputs } from "@trpc/server";
import { AppClient, SESSION_COOKIE } from "../../scripts/hardening/http-client";
import type { AppRouter } from "../../server/api/root";
import type { PageRoute, Role, SignedInPerson } from "./types";

/** What the procedures answer (the JSON of it: only ids and words are read here). */
type Outputs = inferRouterOutputs<AppRouter>;
type DemoPerson = Outputs["demo"]["people"][number];

async function trpcData<T>(client: AppClient, procedure: string, input?: unknown): Promise<T> {
  const outcome = await client.query<T>(procedure, input);
  if (outcome.kind !== "data") throw new Error(`${procedure} did not answer with data: ${JSON.stringify(outcome)}`);
  return outcome.data;
}

/** The person the demo picker suggests for each role (its first match), so the figures are for people anyone can click. */
function suggestedPerson(people: DemoPerson[], role: Role): DemoPerson {
  const isHr = (p: DemoPerson) => p.roles.hr || p.roles.admin;
  const matches: Record<Role, (p: DemoPerson) => boolean> = {
    hr: isHr,
    manager: (p) => !isHr(p) && p.roles.manager,
    employee: (p) => !isHr(p) && !p.roles.manager,
  };
  const person = people.find(matches[role]);
  if (!person) throw new Error(`the demo organisation has no ${role} to sign in as`);
  return person;
}

async function signIn(
  baseUrl: string,
  person: DemoPerson,
  role: Role,
): Promise<{ person: SignedInPerson; client: AppClient }> {
  const client = new AppClient(baseUrl);
  const result = await client.signInAsDemoPerson(person.id);
  const sessionToken = client.jar.get(SESSION_COOKIE);
  if (!result.ok || !sessionToken)
    throw new Error(`demo sign-in as ${person.name} failed (${result.status}): ${result.detail}`);
  return { person: { role, name: person.name, sessionToken }, client };
}

/** Every page under app/, with real ids for the dynamic ones, each for the person it is meant for. */
export async function discoverRoutes(baseUrl: string, say: (line: string) => void): Promise<PageRoute[]> {
  const people = await trpcData<DemoPerson[]>(new AppClient(baseUrl), "demo.people");
  const hr = await signIn(baseUrl, suggestedPerson(people, "hr"), "hr");
  const manager = await signIn(baseUrl, suggestedPerson(people, "manager"), "manager");
  const employee = await signIn(baseUrl, suggestedPerson(people, "employee"), "employee");
  say(`  signed in as ${hr.person.name} (HR), ${manager.person.name} (manager), ${employee.person.name} (employee)`);

  const inbox = await trpcData<Outputs["inbox"]["mine"]>(employee.client, "inbox.mine");
  const openRequest = inbox.flatMap((c) => c.requests).find((r) => r.state === "not_started" || r.state === "draft");
  if (!openRequest) throw new Error(`${employee.person.name} has no open feedback request to open the form on`);

  const heatmap = await trpcData<Outputs["team"]["heatmap"]>(manager.client, "team.heatmap", {});
  const teamMember = heatmap.people.find((p) => p.inCycle);
  if (!teamMember) throw new Error(`${manager.person.name}'s team has nobody in the published cycle`);

  const cycles = await trpcData<Outputs["cycles"]["overview"]>(hr.client, "cycles.overview");
  const collecting = cycles.find((c) => c.status === "collecting");
  if (!collecting) throw new Error("the demo has no cycle collecting answers");

  const finder = await trpcData<Outputs["finder"]["view"]>(hr.client, "finder.view", { filters: {} });
  const placed = finder.cycle
    ? await trpcData<Outputs["finder"]["people"]>(hr.client, "finder.people", {
        cycleId: finder.cycle.id,
        filters: {},
        list: "everyone",
        pageSize: 1,
      })
    : { people: [] };
  const evidenceSubject = placed.people[0]?.id;
  if (!evidenceSubject) throw new Error("the finder places nobody in the demo's published cycle");

  return [
    { label: "/signin", path: "/signin", who: null },
    { label: "/ (home)", path: "/", who: employee.person },
    { label: "/ (home)", path: "/", who: manager.person },
    { label: "/ (home)", path: "/", who: hr.person },
    {
      label: "/requests/[assignmentId]",
      path: `/requests/${openRequest.assignmentId}`,
      who: employee.person,
      what: "rater form",
    },
    { label: "/report", path: "/report", who: employee.person },
    { label: "/nominations", path: "/nominations", who: employee.person },
    { label: "/team", path: "/team", who: manager.person },
    { label: "/team/[subjectId]", path: `/team/${teamMember.id}`, who: manager.person },
    { label: "/nominations/team", path: "/nominations/team", who: manager.person },
    { label: "/cycles", path: "/cycles", who: hr.person },
    { label: "/cycles/new", path: "/cycles/new", who: hr.person },
    { label: "/cycles/[id]", path: `/cycles/${collecting.id}`, who: hr.person },
    { label: "/finder", path: "/finder", who: hr.person },
    { label: "/finder/[subjectId]", path: `/finder/${evidenceSubject}`, who: hr.person, what: "evidence" },
    { label: "/organisation", path: "/organisation", who: hr.person },
    { label: "/people/import", path: "/people/import", who: hr.person },
    { label: "/audit", path: "/audit", who: hr.person },
    { label: "/outbox", path: "/outbox", who: hr.person },
  ];
}
