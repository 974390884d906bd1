import { createCallerFactory, createTRPCRouter } from "./trpc";
import { auditRouter } from "./routers/audit";
import { cyclesRouter } from "./routers/cycles";
import { demoRouter } from "./routers/demo";
import { finderRouter } from "./routers/finder";
import { inboxRouter } from "./routers/inbox";
import { nominationsRouter } from "./routers/nominations";
import { organisationRouter } from "./routers/organisation";
import { outboxRouter } from "./routers/outbox";
import { peopleRouter } from "./routers/people";
import { remindersRouter } from "./routers/reminders";
import { reportsRouter } from "./routers/reports";
import { requestsRouter } from "./routers/requests";
import { sessionRouter } from "./routers/session";
import { teamRouter } from "./routers/team";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  demo: demoRouter,
  inbox: inboxRouter,
  requests: requestsRouter,
  team: teamRouter,
  cycles: cyclesRouter,
  nominations: nominationsRouter,
  reports: reportsRouter,
  finder: finderRouter,
  organisation: organisationRouter,
  audit: auditRouter,
  reminders: remindersRouter,
  outbox: outboxRouter,
  people: peopleRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
