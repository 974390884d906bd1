/**
 * The org chart's shape: departments, teams and spans of control, drawn from
 * the seed.
 */
import { createRng, deriveSeed, type Rng } from "../domain/random";
import { type ResolvedSimulationSettings } from "./settings";

/** The HR department: its members are flagged isHr. */
export const PEOPLE_DEPARTMENT = "People";
/** The CEO's own department; the CEO is its only member. */
export const EXECUTIVE_DEPARTMENT = "Executive";

// --- Hierarchy ---------------------------------------------------------------

export interface DepartmentProfile {
  name: string;
  /** Relative head count. */
  weight: number;
  headTitle: string;
  /** Manages managers. */
  directorTitle: string;
  managerTitle: string;
  roles: string[];
  /** The top IC grade in this field. */
  topGrade: string;
}

/** In order of appearance: small organisations get the first few. People (HR) comes early so that every organisation has HR. */
export const DEPARTMENT_CATALOGUE: DepartmentProfile[] = [
  {
    name: "Engineering",
    weight: 3,
    headTitle: "Head of Engineering",
    directorTitle: "Director of Engineering",
    managerTitle: "Engineering Manager",
    roles: ["Software Engineer", "Software Engineer", "Site Reliability Engineer", "QA Engineer"],
    topGrade: "Staff",
  },
  {
    name: "Sales",
    weight: 2,
    headTitle: "Head of Sales",
    directorTitle: "Regional Sales Director",
    managerTitle: "Sales Manager",
    roles: ["Account Executive", "Account Executive", "Sales Development Representative", "Solutions Consultant"],
    topGrade: "Principal",
  },
  {
    name: PEOPLE_DEPARTMENT,
    weight: 0.3,
    headTitle: "Head of People",
    directorTitle: "People Director",
    managerTitle: "People Partner Lead",
    roles: [
      "People Partner",
      "Talent Acquisition Partner",
      "People Operations Specialist",
      "Learning & Development Specialist",
    ],
    topGrade: "Principal",
  },
  {
    name: "Product",
    weight: 1,
    headTitle: "Head of Product",
    directorTitle: "Director of Product",
    managerTitle: "Group Product Lead",
    roles: ["Product Manager", "Product Manager", "Product Analyst"],
    topGrade: "Principal",
  },
  {
    name: "Customer Success",
    weight: 1.5,
    headTitle: "Head of Customer Success",
    directorTitle: "Customer Success Director",
    managerTitle: "Customer Success Team Lead",
    roles: ["Customer Success Specialist", "Support Engineer", "Onboarding Specialist"],
    topGrade: "Principal",
  },
  {
    name: "Marketing",
    weight: 1,
    headTitle: "Head of Marketing",
    directorTitle: "Marketing Director",
    managerTitle: "Marketing Team Lead",
    roles: ["Content Marketer", "Growth Marketer", "Marketing Specialist", "Brand Designer"],
    topGrade: "Principal",
  },
  {
    name: "Finance",
    weight: 0.7,
    headTitle: "Head of Finance",
    directorTitle: "Finance Director",
    managerTitle: "Finance Team Lead",
    roles: ["Financial Analyst", "Accountant", "Payroll Specialist"],
    topGrade: "Principal",
  },
  {
    name: "Operations",
    weight: 0.8,
    headTitle: "Head of Operations",
    directorTitle: "Operations Director",
    managerTitle: "Operations Manager",
    roles: ["Operations Analyst", "Procurement Specialist", "Workplace Coordinator"],
    topGrade: "Principal",
  },
  {
    name: "Data",
    weight: 1,
    headTitle: "Head of Data",
    directorTitle: "Director of Data",
    managerTitle: "Data Science Manager",
    roles: ["Data Scientist", "Data Engineer", "Analytics Engineer"],
    topGrade: "Staff",
  },
  {
    name: "Design",
    weight: 0.7,
    headTitle: "Head of Design",
    directorTitle: "Design Director",
    managerTitle: "Design Manager",
    roles: ["Product Designer", "UX Researcher", "Content Designer"],
    topGrade: "Principal",
  },
  {
    name: "Legal",
    weight: 0.4,
    headTitle: "General Counsel",
    directorTitle: "Legal Director",
    managerTitle: "Legal Team Lead",
    roles: ["Legal Counsel", "Compliance Analyst", "Paralegal"],
    topGrade: "Senior",
  },
  {
    name: "Security",
    weight: 0.5,
    headTitle: "Head of Security",
    directorTitle: "Security Director",
    managerTitle: "Security Manager",
    roles: ["Security Engineer", "Security Analyst"],
    topGrade: "Staff",
  },
];

export const MIN_DEPARTMENT_SIZE = 3;
/** A manager with at most this many people beneath manages them all directly. */
const MAX_FLAT_TEAM = 9;
/** A sub-manager's subtree (themselves included) is never smaller, so nobody manages fewer than 4 (tiny departments aside). */
const MIN_MANAGED_SUBTREE = 5;
const SPAN_RANGE: [number, number] = [5, 8];

type Role = "ceo" | "head" | "director" | "manager" | "ic";

export interface OrgNode {
  index: number;
  managerIndex: number | null;
  level: number;
  department: string;
  role: Role;
}

export function buildHierarchy(settings: ResolvedSimulationSettings, departments: DepartmentProfile[]): OrgNode[] {
  const rng = createRng(deriveSeed(settings.seed, "hierarchy"));
  const sizes = apportion(
    settings.people - 1,
    departments.map((department) => department.weight),
    MIN_DEPARTMENT_SIZE,
  );
  const nodes: OrgNode[] = [{ index: 0, managerIndex: null, level: 1, department: EXECUTIVE_DEPARTMENT, role: "ceo" }];
  // Breadth first, so that indices grow with level: the CEO is 0, department heads follow.
  const queue: { index: number; beneath: number }[] = [];
  departments.forEach((department, i) => {
    const index = nodes.length;
    nodes.push({ index, managerIndex: 0, level: 2, department: department.name, role: "head" });
    queue.push({ index, beneath: (sizes[i] as number) - 1 });
  });
  for (let head = 0; head < queue.length; head++) {
    const { index: managerIndex, beneath } = queue[head] as { index: number; beneath: number };
    const manager = nodes[managerIndex] as OrgNode;
    const team = splitTeam(beneath, rng);
    if (manager.role !== "head") manager.role = team.subtreeSizes.length > 0 ? "director" : "manager";
    // Managers first in the team's index range: reads like an org chart.
    for (const subtree of team.subtreeSizes) {
      const index = nodes.length;
      nodes.push({ index, managerIndex, level: manager.level + 1, department: manager.department, role: "manager" });
      queue.push({ index, beneath: subtree - 1 });
    }
    for (let i = 0; i < team.icCount; i++) {
      nodes.push({
        index: nodes.length,
        managerIndex,
        level: manager.level + 1,
        department: manager.department,
        role: "ic",
      });
    }
  }
  return nodes;
}

/** How a manager's `beneath` people split into direct IC reports and sub-managers' subtrees. */
function splitTeam(beneath: number, rng: Rng): { icCount: number; subtreeSizes: number[] } {
  if (beneath <= MAX_FLAT_TEAM) return { icCount: beneath, subtreeSizes: [] };
  const span = rng.int(SPAN_RANGE[0], SPAN_RANGE[1]);
  // Bottom-level teams of about seven (a manager and six) keep spans in the 4–8 range.
  let managers = Math.min(span, Math.max(1, Math.round(beneath / 7)));
  const icsFor = (managerCount: number) =>
    Math.max(0, Math.min(span - managerCount, beneath - MIN_MANAGED_SUBTREE * managerCount));
  // Two sub-managers and one specialist is a span of three: fewer sub-managers leave room for more direct reports.
  while (managers > 1 && managers + icsFor(managers) < 4) managers--;
  const icCount = icsFor(managers);
  return {
    icCount,
    subtreeSizes: apportion(beneath - icCount, new Array<number>(managers).fill(1), MIN_MANAGED_SUBTREE),
  };
}

/** Splits `total` in proportion to `weights` (largest remainder), giving each share at least `minimum`. */
function apportion(total: number, weights: number[], minimum: number): number[] {
  const spare = total - minimum * weights.length;
  if (spare < 0) throw new RangeError(`cannot split ${total} into ${weights.length} parts of ${minimum}`);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (spare * weight) / weightSum);
  const shares = exact.map((value) => Math.floor(value));
  let left = spare - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i] = (shares[i] as number) + 1;
    left--;
  }
  return shares.map((share) => share + minimum);
}
