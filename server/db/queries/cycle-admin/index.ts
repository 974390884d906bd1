/**
 * Cycle administration, for HR: settings and drafts, moving a cycle on (the
 * requests are planned and written when collection starts), and the cycle's
 * page. Publishing runs as a job (../publish-jobs.ts). What they return is
 * declared once, in server/shapes/cycles.ts.
 */
export { advanceCycle, NEXT_STATUS, requireNextStep } from "./advance";
export { getCycleDetail, requestCountsByDepartment } from "./detail";
export { createCycle, listActiveDepartments, updateDraftCycle } from "./settings";
