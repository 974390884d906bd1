/**
 * Cycle administration, for HR: settings and drafts, moving a cycle on (the
 * requests are planned and written when collection starts), and the cycle's
 * page. Publishing runs as a job (../publish-jobs.ts).
 */
export { type AdvanceResult, type AdvanceTarget, advanceCycle, NEXT_STATUS, requireNextStep } from "./advance";
export { type CycleDetail, getCycleDetail, type GroupSizeWarningRow, requestCountsByDepartment } from "./detail";
export {
  createCycle,
  type CycleSettings,
  type DepartmentChoice,
  listActiveDepartments,
  updateDraftCycle,
} from "./settings";
