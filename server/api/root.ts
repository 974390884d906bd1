import { createCallerFactory, createTRPCRouter } from "./trpc";
import { cyclesRouter } from "./routers/cycles";
import { demoRouter } from "./routers/demo";
import { inboxRouter } from "./routers/inbox";
import { nominationsRouter } from "./routers/nominations";
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
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
