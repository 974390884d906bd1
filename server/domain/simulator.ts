/**
 * Simulated organisations and simulated 360 answers.
 *
 * The simulator feeds the demo data, the tests, the benchmarks and the
 * evaluation of the quiet-influencer finder. Because the finder is judged on
 * these organisations, the simulator has to be honest in two ways (DESIGN.md,
 * "Simulated organisations"):
 *
 * - every person has a known latent truth (competence per competency, and
 *   visibility), and a planted set of quiet influencers, so that recall can be
 *   measured against something real;
 * - ratings are as noisy as real 360 ratings: its default settings reproduce
 *   the single-rater reliabilities and between-source correlations of the
 *   Conway & Huffcutt (1997) meta-analysis (see the calibration test).
 *
 * Everything is pure and deterministic: the same settings give the same
 * organisation, and the answers of rater R about subject S in cycle C depend
 * only on (seed, C, S, R, relationship), never on the order in which answers
 * are generated.
 */
import { COMPETENCY_KEYS, type AxisKey, type AxisSeed, type CompetencyKey } from "./competency-model";
import { createRng, deriveSeed, type Rng } from "./random";

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

export interface SimulationSettings {
  /** Head count, CEO included. At least 10. */
  people: number;
  seed: number;
  /** Default: people / 25 rounded, clamped to 3..12 (6 for 150 people). The People (HR) department is always one of them. */
  departmentCount?: number;
  /** Share of non-executive people (below department heads) who are quiet influencers. Default 0.06. */
  quietInfluencerShare?: number;
  /** Share of each competency's true variance that is a general leadership factor. Default 0.6. */
  competencyGeneralFactor?: number;
  /** Correlation between true visibility and seniority. Default 0.4. */
  visibilityLevelCorrelation?: number;
  /** How much a manager's ratings rise with the subject's true visibility, in latent SD units. Default 0.3. */
  managerHalo?: number;
  /** Multiplier on every rater-specific noise term (idiosyncratic, per competency, per statement). Default 1. */
  raterNoise?: number;
  /** SD of raters' personal leniency, in latent units. Default 0.35. */
  leniencySpread?: number;
  /** Mean self-enhancement of self-ratings, in latent units. Default 0.3 (gives d ≈ .3 against managers). */
  selfLeniency?: number;
  /** How much self-ratings rise with one's own visibility (self-promoters rate themselves up). Default 0.1. */
  selfVisibilityBias?: number;
  /** Base share of "not observed" answers from peers and direct reports. Default 0.07. */
  notObservedRate?: number;
  /** Average probability that an anonymous rater writes a comment. Default 0.4. */
  commentRate?: number;
}

export type ResolvedSimulationSettings = Required<SimulationSettings>;

/** Every default in one place, so that the evaluation can report what it varied. */
export const DEFAULT_SIMULATION_SETTINGS = {
  quietInfluencerShare: 0.06,
  competencyGeneralFactor: 0.6,
  visibilityLevelCorrelation: 0.4,
  managerHalo: 0.3,
  raterNoise: 1,
  leniencySpread: 0.35,
  selfLeniency: 0.3,
  selfVisibilityBias: 0.1,
  notObservedRate: 0.07,
  commentRate: 0.4,
} as const satisfies Omit<ResolvedSimulationSettings, "people" | "seed" | "departmentCount">;

const MAX_DEPARTMENTS = 12;

export function defaultDepartmentCount(people: number): number {
  return Math.min(MAX_DEPARTMENTS, Math.max(3, Math.round(people / 25)));
}

export function resolveSettings(settings: SimulationSettings): ResolvedSimulationSettings {
  if (!Number.isInteger(settings.people) || settings.people < 10) {
    throw new RangeError(`people must be an integer of at least 10 (got ${settings.people})`);
  }
  if (!Number.isFinite(settings.seed)) throw new RangeError("seed must be a finite number");
  const resolved: ResolvedSimulationSettings = {
    ...DEFAULT_SIMULATION_SETTINGS,
    departmentCount: defaultDepartmentCount(settings.people),
    ...withoutUndefined(settings),
    people: settings.people,
    seed: settings.seed,
  };
  const { departmentCount, people } = resolved;
  if (!Number.isInteger(departmentCount) || departmentCount < 2 || departmentCount > MAX_DEPARTMENTS) {
    throw new RangeError(`departmentCount must be an integer in 2..${MAX_DEPARTMENTS}`);
  }
  if ((people - 1) / departmentCount < MIN_DEPARTMENT_SIZE) {
    throw new RangeError(`${people} people cannot fill ${departmentCount} departments of ${MIN_DEPARTMENT_SIZE}`);
  }
  if (resolved.quietInfluencerShare < 0 || resolved.quietInfluencerShare > 0.2) {
    // Chance alone puts about 6 % there; planting far more would visibly bend the competence and visibility distributions.
    throw new RangeError("quietInfluencerShare must be within 0..0.2");
  }
  const generalFactor = resolved.competencyGeneralFactor;
  if (generalFactor < 0 || generalFactor > 1) throw new RangeError("competencyGeneralFactor must be within 0..1");
  if (Math.abs(resolved.visibilityLevelCorrelation) >= 1)
    throw new RangeError("visibilityLevelCorrelation must be within (-1, 1)");
  return resolved;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------
// People and organisations
// ---------------------------------------------------------------------------

export type Relationship = "self" | "manager" | "peer" | "direct_report";
export type LikertAnswer = 1 | 2 | 3 | 4 | 5;

/** What a person brings to every rating they give, whoever the subject. */
export interface RaterTraits {
  /** Added to every latent rating they give (some people rate everyone up). */
  leniency: number;
  /** Multiplies their idiosyncratic noise; mean square 1 across people, so careless and careful raters average out. */
  noiseScale: number;
  /** Probability that they write a comment as an anonymous rater. */
  commentPropensity: number;
}

export interface SimPerson {
  index: number;
  name: string;
  email: string;
  title: string;
  department: string;
  location: string;
  /** 1 = the CEO, 2 = department heads, higher = more junior. */
  level: number;
  managerIndex: number | null;
  isHr: boolean;
  isAdmin: boolean;
  /** Latent z-scores: what a perfectly informed, unbiased observer would rate. */
  trueCompetence: Record<CompetencyKey, number>;
  /** Latent z-score of how much this person is seen and heard. */
  trueVisibility: number;
  /** Below department-head level, true composite ≥ its 80th percentile and true visibility ≤ its 30th. */
  isQuietInfluencer: boolean;
  rater: RaterTraits;
}

export interface SimOrganisation {
  settings: ResolvedSimulationSettings;
  people: SimPerson[];
  departments: string[];
  locations: string[];
}

export const DEMO_EMAIL_DOMAIN = "demo.undercurrent.example";

/** The HR department: its members are flagged isHr. */
export const PEOPLE_DEPARTMENT = "People";
/** The CEO's own department; the CEO is its only member. */
export const EXECUTIVE_DEPARTMENT = "Executive";

export function simulateOrganisation(settings: SimulationSettings): SimOrganisation {
  const resolved = resolveSettings(settings);
  const departments = DEPARTMENT_CATALOGUE.slice(0, resolved.departmentCount);
  const skeleton = buildHierarchy(resolved, departments);
  const names = assignNames(skeleton.length, createRng(deriveSeed(resolved.seed, "names")));
  const titles = assignTitles(skeleton, departments, createRng(deriveSeed(resolved.seed, "titles")));
  const locations = assignLocations(skeleton, createRng(deriveSeed(resolved.seed, "locations")));
  const latents = drawLatents(skeleton, resolved);
  const quiet = plantQuietInfluencers(skeleton, latents, resolved);
  const peopleHeadIndex = skeleton.find((node) => node.role === "head" && node.department === PEOPLE_DEPARTMENT)?.index;

  const people: SimPerson[] = skeleton.map((node) => {
    const latent = latents[node.index] as Latent;
    return {
      index: node.index,
      name: (names[node.index] as GeneratedName).fullName,
      email: (names[node.index] as GeneratedName).email,
      title: titles[node.index] as string,
      department: node.department,
      location: locations[node.index] as string,
      level: node.level,
      managerIndex: node.managerIndex,
      isHr: node.department === PEOPLE_DEPARTMENT,
      // HR runs the cycles, so the head of People holds the admin role.
      isAdmin: node.index === peopleHeadIndex,
      trueCompetence: latent.competence,
      trueVisibility: latent.visibility,
      isQuietInfluencer: quiet.has(node.index),
      rater: drawRaterTraits(node.index, resolved),
    };
  });

  const usedLocations = new Set(people.map((person) => person.location));
  return {
    settings: resolved,
    people,
    departments: [EXECUTIVE_DEPARTMENT, ...departments.map((department) => department.name)],
    locations: CITIES.filter((city) => usedLocations.has(city)),
  };
}

/** Mean of the five true competences: the quantity the finder tries to recover. */
export function trueCompetenceComposite(person: Pick<SimPerson, "trueCompetence">): number {
  let sum = 0;
  for (const key of COMPETENCY_KEYS) sum += person.trueCompetence[key];
  return sum / COMPETENCY_KEYS.length;
}

export function quietInfluencerIndices(org: SimOrganisation): number[] {
  return org.people.filter((person) => person.isQuietInfluencer).map((person) => person.index);
}

export function directReportIndices(org: SimOrganisation, managerIndex: number): number[] {
  return org.people.filter((person) => person.managerIndex === managerIndex).map((person) => person.index);
}

// --- Hierarchy ---------------------------------------------------------------

interface DepartmentProfile {
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
const DEPARTMENT_CATALOGUE: DepartmentProfile[] = [
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

const MIN_DEPARTMENT_SIZE = 3;
/** A manager with at most this many people beneath manages them all directly. */
const MAX_FLAT_TEAM = 9;
/** A sub-manager's subtree (themselves included) is never smaller, so nobody manages fewer than 4 (tiny departments aside). */
const MIN_MANAGED_SUBTREE = 5;
const SPAN_RANGE: [number, number] = [5, 8];

type Role = "ceo" | "head" | "director" | "manager" | "ic";

interface OrgNode {
  index: number;
  managerIndex: number | null;
  level: number;
  department: string;
  role: Role;
}

function buildHierarchy(settings: ResolvedSimulationSettings, departments: DepartmentProfile[]): OrgNode[] {
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

// --- Names, titles, locations --------------------------------------------------

const FIRST_NAMES = [
  "Aisha",
  "Amara",
  "Ana",
  "Anders",
  "Andrés",
  "Anjali",
  "Arjun",
  "Astrid",
  "Ayumi",
  "Bao",
  "Beatriz",
  "Bilal",
  "Camille",
  "Carlos",
  "Chen",
  "Chidi",
  "Chloé",
  "Dalia",
  "Daniel",
  "Darius",
  "Deepa",
  "Diego",
  "Dmitri",
  "Elena",
  "Elif",
  "Emeka",
  "Emma",
  "Esther",
  "Fatima",
  "Felix",
  "Finn",
  "Freya",
  "Gabriel",
  "Grace",
  "Hana",
  "Hannah",
  "Hassan",
  "Hiroshi",
  "Ibrahim",
  "Ines",
  "Ingrid",
  "Isabel",
  "Ivan",
  "Jamal",
  "James",
  "Javier",
  "Jin",
  "Joanna",
  "Jonas",
  "Jorge",
  "Kai",
  "Kavya",
  "Kenji",
  "Kofi",
  "Lars",
  "Laila",
  "Leila",
  "Liam",
  "Lina",
  "Lucas",
  "Lucía",
  "Mads",
  "Malik",
  "Maria",
  "Marta",
  "Mateo",
  "Maya",
  "Mei",
  "Mohammed",
  "Nadia",
  "Naledi",
  "Nikhil",
  "Nina",
  "Noah",
  "Nour",
  "Olga",
  "Oliver",
  "Omar",
  "Oscar",
  "Paolo",
  "Priya",
  "Rafael",
  "Rahul",
  "Rania",
  "Ravi",
  "Rosa",
  "Ruth",
  "Sakura",
  "Samir",
  "Samuel",
  "Sara",
  "Seo-yeon",
  "Sibusiso",
  "Sofia",
  "Sun",
  "Tariq",
  "Tendai",
  "Thandiwe",
  "Theo",
  "Tomás",
  "Valentina",
  "Victor",
  "Wei",
  "Yara",
  "Yasmin",
  "Yusuf",
  "Zainab",
  "Zara",
  "Zoe",
  "Adebayo",
  "Akira",
  "Alejandro",
  "Aroha",
  "Ciara",
  "Eitan",
  "Farah",
  "Goran",
  "Ife",
  "Ji-ho",
  "Kalani",
  "Magnus",
];

const LAST_NAMES = [
  "Abara",
  "Adeyemi",
  "Ahmed",
  "Alvarez",
  "Andersen",
  "Bakker",
  "Banerjee",
  "Becker",
  "Bianchi",
  "Boateng",
  "Brown",
  "Campbell",
  "Chandra",
  "Chen",
  "Costa",
  "Cruz",
  "Dang",
  "Das",
  "Dubois",
  "Eriksen",
  "Fernandes",
  "Fischer",
  "García",
  "Gonzalez",
  "Gupta",
  "Haddad",
  "Hansen",
  "Hashemi",
  "Hernández",
  "Hoffmann",
  "Huang",
  "Ivanova",
  "Jansen",
  "Jensen",
  "Johnson",
  "Kang",
  "Kariuki",
  "Kaur",
  "Khan",
  "Kim",
  "Kowalski",
  "Kumar",
  "Larsen",
  "Le",
  "Lee",
  "Lindqvist",
  "Liu",
  "Lopez",
  "Mahlangu",
  "Martin",
  "Mensah",
  "Moreau",
  "Morris",
  "Murphy",
  "Nakamura",
  "Nguyen",
  "Novak",
  "Nowak",
  "Nyambura",
  "O'Brien",
  "Okafor",
  "Okonkwo",
  "Oliveira",
  "Osei",
  "Park",
  "Patel",
  "Pereira",
  "Petrov",
  "Popescu",
  "Quispe",
  "Rahman",
  "Ramos",
  "Reddy",
  "Rossi",
  "Sánchez",
  "Santos",
  "Sato",
  "Schmidt",
  "Schneider",
  "Shah",
  "Silva",
  "Singh",
  "Smith",
  "Sokolov",
  "Suzuki",
  "Tanaka",
  "Taylor",
  "Tembo",
  "Thompson",
  "Tran",
  "Van Dijk",
  "Varga",
  "Wagner",
  "Walker",
  "Wang",
  "Watanabe",
  "Williams",
  "Wilson",
  "Wong",
  "Yamamoto",
  "Yilmaz",
  "Yusuf",
  "Zhang",
  "Zhou",
  "Zulu",
  "Achterberg",
  "Bergström",
  "Castillo",
  "Demir",
  "Eze",
];

interface GeneratedName {
  fullName: string;
  email: string;
}

function assignNames(count: number, rng: Rng): GeneratedName[] {
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const result: GeneratedName[] = [];
  for (let i = 0; i < count; i++) {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    // Two people with one name confuse every list in the app; redraw, and only in huge organisations give up.
    for (let attempt = 0; attempt < 50 && usedNames.has(`${first} ${last}`); attempt++) {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
    }
    let fullName = `${first} ${last}`;
    if (usedNames.has(fullName)) {
      const initials = "ABCDEFGHJKLMNPRSTVW";
      for (let attempt = 0; usedNames.has(fullName); attempt++) {
        const initial = initials[attempt % initials.length] as string;
        const suffix = attempt < initials.length ? "" : ` ${Math.floor(attempt / initials.length) + 1}`;
        fullName = `${first} ${initial}. ${last}${suffix}`;
      }
    }
    usedNames.add(fullName);
    const localPart = `${emailSafe(first)}.${emailSafe(last)}`;
    let email = `${localPart}@${DEMO_EMAIL_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${localPart}${n}@${DEMO_EMAIL_DOMAIN}`;
    usedEmails.add(email);
    result.push({ fullName, email });
  }
  return result;
}

/** "Lucía O'Brien" → "lucia", "obrien": addresses stay ASCII. */
function emailSafe(namePart: string): string {
  return namePart
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** IC grades and how common each is below the top of a department. */
const IC_GRADES: { prefix: string; weight: number }[] = [
  { prefix: "Junior", weight: 0.15 },
  { prefix: "", weight: 0.45 },
  { prefix: "Senior", weight: 0.3 },
  { prefix: "top", weight: 0.1 },
];

function assignTitles(nodes: OrgNode[], departments: DepartmentProfile[], rng: Rng): string[] {
  const profiles = new Map(departments.map((department) => [department.name, department]));
  const childrenOf = new Map<number, OrgNode[]>();
  for (const node of nodes) {
    if (node.managerIndex === null) continue;
    const siblings = childrenOf.get(node.managerIndex);
    if (siblings) siblings.push(node);
    else childrenOf.set(node.managerIndex, [node]);
  }
  return nodes.map((node) => {
    const profile = profiles.get(node.department);
    if (node.role === "ceo" || !profile) return "Chief Executive Officer";
    if (node.role === "head") return profile.headTitle;
    if (node.role === "director") return profile.directorTitle;
    if (node.role === "manager") return profile.managerTitle;
    const role = rng.pick(profile.roles);
    // Specialists who sit beside managers under a department head are its most experienced people.
    const beside = node.managerIndex === null ? [] : (childrenOf.get(node.managerIndex) ?? []);
    const isStaffOfHead =
      nodes[node.managerIndex ?? 0]?.role === "head" && beside.some((sibling) => sibling.role !== "ic");
    const grade = isStaffOfHead ? (rng.chance(0.5) ? "Senior" : "top") : weightedPick(IC_GRADES, rng).prefix;
    const prefix = grade === "top" ? profile.topGrade : grade;
    return prefix ? `${prefix} ${role}` : role;
  });
}

function weightedPick<T extends { weight: number }>(items: readonly T[], rng: Rng): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** The first is headquarters. */
const CITIES = ["London", "Berlin", "Lisbon", "Toronto", "Nairobi", "Singapore"];
/** Teams mostly sit together; the rest are spread over the other offices. */
const SAME_OFFICE_AS_MANAGER = 0.8;
/** Department heads are more often at headquarters, but not always. */
const HEAD_AT_HEADQUARTERS = 0.5;

function assignLocations(nodes: OrgNode[], rng: Rng): string[] {
  const locations: string[] = [];
  for (const node of nodes) {
    if (node.managerIndex === null) {
      locations.push(CITIES[0] as string);
      continue;
    }
    const managerLocation = locations[node.managerIndex] as string;
    const stays = rng.chance(node.level === 2 ? HEAD_AT_HEADQUARTERS : SAME_OFFICE_AS_MANAGER);
    locations.push(stays ? managerLocation : rng.pick(CITIES));
  }
  return locations;
}

// --- Latent truth --------------------------------------------------------------

interface Latent {
  competence: Record<CompetencyKey, number>;
  visibility: number;
}

/** The upper and lower tails that define a quiet influencer, as standard-normal quantiles. */
const Z_80TH_PERCENTILE = 0.8416212335729143;
const Z_30TH_PERCENTILE = -0.5244005127080407;

function competenceFromFactors(
  general: number,
  specific: number[],
  generalShare: number,
): Record<CompetencyKey, number> {
  const a = Math.sqrt(generalShare);
  const b = Math.sqrt(1 - generalShare);
  return Object.fromEntries(
    COMPETENCY_KEYS.map((key, i) => [key, a * general + b * (specific[i] as number)]),
  ) as Record<CompetencyKey, number>;
}

/** Sd of the true composite: the five competences share `generalShare` of their variance. */
function compositeSd(generalShare: number): number {
  return Math.sqrt(generalShare + (1 - generalShare) / COMPETENCY_KEYS.length);
}

/** Seniority in z-units across the organisation, so visibility keeps unit variance whatever the depth. */
function seniorityScores(nodes: OrgNode[]): number[] {
  const seniority = nodes.map((node) => -node.level);
  const mean = seniority.reduce((sum, value) => sum + value, 0) / seniority.length;
  const sd = Math.sqrt(seniority.reduce((sum, value) => sum + (value - mean) ** 2, 0) / seniority.length) || 1;
  return seniority.map((value) => (value - mean) / sd);
}

function visibilityFrom(seniorityZ: number, ownNoise: number, correlation: number): number {
  return correlation * seniorityZ + Math.sqrt(1 - correlation * correlation) * ownNoise;
}

function drawLatents(nodes: OrgNode[], settings: ResolvedSimulationSettings): Latent[] {
  const seniority = seniorityScores(nodes);
  return nodes.map((node) => {
    // One stream per person: changing one person's truth never reshuffles anyone else's.
    const rng = createRng(deriveSeed(settings.seed, "latent", node.index));
    const general = rng.normal();
    const specific = COMPETENCY_KEYS.map(() => rng.normal());
    return {
      competence: competenceFromFactors(general, specific, settings.competencyGeneralFactor),
      visibility: visibilityFrom(seniority[node.index] as number, rng.normal(), settings.visibilityLevelCorrelation),
    };
  });
}

/**
 * Makes the quiet-influencer quadrant hold exactly the requested share of
 * non-executive people. The quadrant is fixed in advance (true composite at or
 * above the population's 80th percentile, true visibility at or below its
 * 30th), so "is a quiet influencer" is a property of the latents, not a label.
 *
 * Because competence and visibility are independent, about 0.2 × 0.3 = 6 % of
 * people land there by chance. To reach the target we either plant more —
 * redraw a random person's latents from inside the quadrant — or move extras
 * out by redrawing their visibility from above the cut. Both redraws sample
 * the same conditional distributions that chance would, so planted people look
 * like natural ones.
 */
function plantQuietInfluencers(nodes: OrgNode[], latents: Latent[], settings: ResolvedSimulationSettings): Set<number> {
  const rng = createRng(deriveSeed(settings.seed, "quiet-influencers"));
  const generalShare = settings.competencyGeneralFactor;
  const competenceCut = Z_80TH_PERCENTILE * compositeSd(generalShare);
  const visibilityCut = Z_30TH_PERCENTILE;
  const seniority = seniorityScores(nodes);
  const rho = settings.visibilityLevelCorrelation;
  const nonExecutive = nodes.filter((node) => node.level >= 3).map((node) => node.index);
  const target = Math.round(settings.quietInfluencerShare * nonExecutive.length);
  const latentOf = (index: number) => latents[index] as Latent;
  const inQuadrant = (index: number) =>
    trueCompetenceComposite({ trueCompetence: latentOf(index).competence }) >= competenceCut &&
    latentOf(index).visibility <= visibilityCut;

  /** False when this person's seniority all but rules the visibility out
   *  (a senior person made nearly invisible at a strong correlation). */
  const redrawVisibility = (index: number, accept: (visibility: number) => boolean): boolean => {
    const seniorityZ = seniority[index] as number;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const visibility = visibilityFrom(seniorityZ, rng.normal(), rho);
      if (accept(visibility)) {
        latentOf(index).visibility = visibility;
        return true;
      }
    }
    return false;
  };

  const natural = nonExecutive.filter(inQuadrant);
  if (natural.length > target) {
    for (const index of rng.shuffle(natural).slice(0, natural.length - target)) {
      // Raising visibility is always possible for someone already low on it.
      if (!redrawVisibility(index, (visibility) => visibility > visibilityCut))
        throw new Error("could not raise visibility");
    }
  } else {
    const candidates = rng.shuffle(nonExecutive.filter((index) => !inQuadrant(index)));
    let planted = 0;
    for (const index of candidates) {
      if (planted === target - natural.length) break;
      const before = latentOf(index).competence;
      for (;;) {
        const general = rng.normal();
        const specific = COMPETENCY_KEYS.map(() => rng.normal());
        const competence = competenceFromFactors(general, specific, generalShare);
        if (trueCompetenceComposite({ trueCompetence: competence }) >= competenceCut) {
          latentOf(index).competence = competence;
          break;
        }
      }
      if (redrawVisibility(index, (visibility) => visibility <= visibilityCut)) planted++;
      else latentOf(index).competence = before; // too senior to be quiet: plant the next candidate instead
    }
  }
  return new Set(nonExecutive.filter(inQuadrant));
}

function drawRaterTraits(index: number, settings: ResolvedSimulationSettings): RaterTraits {
  const rng = createRng(deriveSeed(settings.seed, "rater-traits", index));
  const noiseSpread = 0.25;
  return {
    leniency: rng.normal(0, settings.leniencySpread),
    // exp(N(0, s²)) / exp(s²) has mean square 1, so the spread of carefulness leaves the calibrated variance alone.
    noiseScale: Math.exp(rng.normal(0, noiseSpread) - noiseSpread * noiseSpread),
    commentPropensity: Math.min(0.95, Math.max(0.02, rng.normal(settings.commentRate, 0.15))),
  };
}

// ---------------------------------------------------------------------------
// Who rates whom
// ---------------------------------------------------------------------------

export interface RaterAssignment {
  subjectIndex: number;
  raterIndex: number;
  relationship: Relationship;
}

export interface PlanRatersOptions {
  /** Peers per subject, both ends included. Default [3, 6]. */
  peersPerSubject?: [number, number];
}

/**
 * Everyone is rated by themselves, their manager, all their direct reports
 * and a few peers: first colleagues who share their manager, then others in
 * their department, nearest in level first. Nobody in the subject's line of
 * management (up or down) counts as a peer: the relationship decides whether
 * an answer is anonymous, and a skip-level report is not a peer. The CEO has
 * no peers, and a department head in a three-department organisation only two.
 */
export function planRaters(org: SimOrganisation, options: PlanRatersOptions = {}): RaterAssignment[] {
  const [minPeers, maxPeers] = options.peersPerSubject ?? [3, 6];
  if (!Number.isInteger(minPeers) || !Number.isInteger(maxPeers) || minPeers < 0 || maxPeers < minPeers) {
    throw new RangeError("peersPerSubject must be integers [min, max] with 0 <= min <= max");
  }
  const reportsOf = new Map<number, number[]>();
  const membersOf = new Map<string, number[]>();
  for (const person of org.people) {
    if (person.managerIndex !== null) pushTo(reportsOf, person.managerIndex, person.index);
    pushTo(membersOf, person.department, person.index);
  }

  const assignments: RaterAssignment[] = [];
  for (const subject of org.people) {
    const rng = createRng(deriveSeed(org.settings.seed, "peers", subject.index));
    const reports = reportsOf.get(subject.index) ?? [];
    assignments.push({ subjectIndex: subject.index, raterIndex: subject.index, relationship: "self" });
    if (subject.managerIndex !== null) {
      assignments.push({ subjectIndex: subject.index, raterIndex: subject.managerIndex, relationship: "manager" });
    }
    for (const report of reports) {
      assignments.push({ subjectIndex: subject.index, raterIndex: report, relationship: "direct_report" });
    }
    const wanted = rng.int(minPeers, maxPeers);
    const excluded = new Set<number>([subject.index, ...reports]);
    if (subject.managerIndex !== null) excluded.add(subject.managerIndex);
    const teammates = subject.managerIndex === null ? [] : (reportsOf.get(subject.managerIndex) ?? []);
    const peers = rng.shuffle(teammates.filter((index) => !excluded.has(index)));
    if (peers.length < wanted) {
      // Someone above or below the subject in the same line is their boss or their boss's report, not a peer;
      // among the rest, people at the subject's own level are the likeliest colleagues.
      const chosen = new Set(peers);
      const others = (membersOf.get(subject.department) ?? []).filter(
        (index) => !excluded.has(index) && !chosen.has(index) && !inSameLine(org, index, subject.index),
      );
      const levelGap = (index: number) => Math.abs((org.people[index]?.level ?? 0) - subject.level);
      peers.push(...rng.shuffle(others).sort((a, b) => levelGap(a) - levelGap(b)));
    }
    for (const peer of peers.slice(0, wanted)) {
      assignments.push({ subjectIndex: subject.index, raterIndex: peer, relationship: "peer" });
    }
  }
  return assignments;
}

/** Whether one of the two manages the other, directly or through others. */
function inSameLine(org: SimOrganisation, a: number, b: number): boolean {
  const isAbove = (upper: number, lower: number) => {
    for (
      let current = org.people[lower]?.managerIndex ?? null;
      current !== null;
      current = org.people[current]?.managerIndex ?? null
    ) {
      if (current === upper) return true;
    }
    return false;
  };
  return isAbove(a, b) || isAbove(b, a);
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

/**
 * How each source perceives a subject. A rater r of source k sees competency c
 * of subject s on the latent scale as
 *
 *   y = mean_k + leniency_r + loading_k · T_c(s) + bias_k(s) + idio_rs + comp_rsc   (+ halo_M · V(s) for managers)
 *
 * and each statement adds its own noise before the cut into 1..5:
 *
 *   bias_k(s)   shared by every rater of source k about s (what that vantage
 *               point sees that others do not); for "self" it is the
 *               subject's own self-view.
 *   idio_rs     this rater's general impression of this subject.
 *   comp_rsc    their impression of this one competency.
 *
 * Variance algebra, on the overall score (mean of the 18 competency
 * statements). With g = .6 the true composite has Var T̄ ≈ g + (1−g)/5 ≈ .68;
 * leniency contributes .35² ≈ .12, the per-competency impression
 * .5² × Σw² ≈ .05 (w = a competency's share of the statements) and the
 * statement noise .8² / 18 ≈ .04. Writing every source's total variance as 1,
 * the meta-analytic targets fix:
 *
 *   between sources k ≠ m:  r = s_k · s_m  with  s_k² = loading_k² · Var T̄
 *     r(M,P) = .34 with r(R,M) = r(R,P) = .22 give s_M = s_P ≈ .58 and s_R ≈ .38;
 *     the three self correlations (.22, .19, .14) are best fitted by s_S ≈ .35.
 *     So loading_M = loading_P ≈ .58 / √.68 ≈ .71, loading_R ≈ .46, loading_S ≈ .42.
 *   within source k:        r = s_k² + b_k²  (b_k² = what raters of k share beyond the truth)
 *     managers .50 − .34 = .16 = halo .3² (Var V ≈ 1) + bias .265²,
 *     peers    .37 − .34 = .03 = bias .173²,
 *     reports  .30 − .14 = .16 = bias .397².
 *     That peers barely share a bias is what the published figures say: two
 *     peers agree hardly more than a peer and a manager do.
 *   whatever is left of 1 is rater-specific, and sets the idiosyncratic SD:
 *     managers .50 − .12 − .05 − .04 = .29 → .539;  peers .63 − .21 = .42 → .648;
 *     reports .70 − .21 = .49 → .70;  self .88 − .21 ≈ .67, mostly self-view .78².
 *   self-leniency: d = .3 on a unit-variance scale is a mean shift of .3.
 *
 * Measured (10 seeds × 2500 people), that algebra landed within .02 of every
 * target except report–manager, report–peer and self–report, about .02–.035
 * low: cutting into five categories attenuates. Raising loading_R .46 → .50
 * and loading_S .42 → .44, and lowering selfVisibilityBias .15 → .1 (it adds
 * selfVisibilityBias × managerHalo to the self–manager covariance), brought
 * every figure's mean over 17 seeds × 3000 people within ±.025 of its target,
 * with a seed-to-seed SD of .01–.03.
 */
interface SourceParameters {
  /** Mean shift of the latent rating. */
  mean: number;
  loading: number;
  sharedBiasSd: number;
  idiosyncraticSd: number;
  visibilityLoading: number;
  visibilityBiasSd: number;
}

export const SOURCE_PARAMETERS: Readonly<Record<Relationship, Readonly<SourceParameters>>> = {
  manager: {
    mean: 0,
    loading: 0.707,
    sharedBiasSd: 0.265,
    idiosyncraticSd: 0.539,
    visibilityLoading: 0.8,
    visibilityBiasSd: 0.3,
  },
  peer: {
    mean: 0.05,
    loading: 0.707,
    sharedBiasSd: 0.173,
    idiosyncraticSd: 0.648,
    visibilityLoading: 0.8,
    visibilityBiasSd: 0.2,
  },
  direct_report: {
    mean: 0.05,
    loading: 0.5,
    sharedBiasSd: 0.397,
    idiosyncraticSd: 0.7,
    visibilityLoading: 0.6,
    visibilityBiasSd: 0.35,
  },
  // For self, sharedBiasSd is the spread of self-views; the idiosyncratic part is the day-to-day wobble.
  self: {
    mean: 0,
    loading: 0.44,
    sharedBiasSd: 0.78,
    idiosyncraticSd: 0.3,
    visibilityLoading: 0.6,
    visibilityBiasSd: 0.4,
  },
};

/** Per rater × subject × competency. */
const COMPETENCY_NOISE_SD = 0.5;
/** Per statement answer. */
const STATEMENT_NOISE_SD = 0.8;
/** Share of the rater×subject impression that carries over from cycle to cycle. */
const STABLE_IMPRESSION_SHARE = 0.7;
/**
 * Cut points of the latent scale into 1..5. Real 360 answers crowd at 4:
 * roughly 3 %, 9 %, 23 %, 40 %, 25 % for a manager's answer.
 */
const LIKERT_CUTS = [-2.6, -1.65, -0.55, 0.95];
/** Base "not observed" rates; peers and direct reports use settings.notObservedRate. */
const MANAGER_NOT_OBSERVED = 0.03;
/** Peers outside the subject's immediate team see less of them. */
const OTHER_TEAM_NOT_OBSERVED_FACTOR = 1.5;
/** Managers write a comment (attributed) about this often. */
const MANAGER_COMMENT_RATE = 0.5;
const SECOND_COMMENT_RATE = 0.3;

export type SimulatedRatings = Record<string, LikertAnswer | null>;

export interface SimulatedComment {
  axisKey: AxisKey | null;
  text: string;
}

export interface SimulatedAnswers {
  /** By statement key; null means "not observed". */
  ratings: SimulatedRatings;
  comments: SimulatedComment[];
}

export interface SimulateAnswersInput {
  org: SimOrganisation;
  subjectIndex: number;
  /**
   * Need not match the org chart: evaluations may ask a hypothetical second
   * manager (for example the skip-level) to rate as a manager would.
   */
  raterIndex: number;
  relationship: Relationship;
  axes: readonly AxisSeed[];
  cycleKey: string | number;
}

export function simulateAnswers(input: SimulateAnswersInput): SimulatedAnswers {
  const { org, subjectIndex, raterIndex, relationship, axes, cycleKey } = input;
  const subject = org.people[subjectIndex];
  const rater = org.people[raterIndex];
  if (!subject || !rater) throw new RangeError(`no person ${subject ? raterIndex : subjectIndex} in this organisation`);
  if ((relationship === "self") !== (subjectIndex === raterIndex)) {
    throw new RangeError("a self-rating needs rater = subject, and only a self-rating may have it");
  }
  const settings = org.settings;
  const source = SOURCE_PARAMETERS[relationship];
  const noise = settings.raterNoise * rater.rater.noiseScale;

  // Stable across cycles: what this vantage point and this rater make of the subject.
  const sourceRng = createRng(deriveSeed(settings.seed, "source-view", subjectIndex, relationship));
  const sharedBias = sourceRng.normal(0, source.sharedBiasSd);
  const sharedVisibilityBias = sourceRng.normal(0, source.visibilityBiasSd);
  const impressionRng = createRng(deriveSeed(settings.seed, "impression", subjectIndex, raterIndex, relationship));
  const stableImpression = impressionRng.normal();
  // This cycle only.
  const rng = createRng(deriveSeed(settings.seed, "answers", cycleKey, subjectIndex, raterIndex, relationship));
  const impression =
    source.idiosyncraticSd *
    noise *
    (Math.sqrt(STABLE_IMPRESSION_SHARE) * stableImpression + Math.sqrt(1 - STABLE_IMPRESSION_SHARE) * rng.normal());

  const visibility = subject.trueVisibility;
  const neutral = source.mean + rater.rater.leniency + (relationship === "self" ? settings.selfLeniency : 0);
  const competenceBase =
    neutral +
    sharedBias +
    impression +
    (relationship === "manager" ? settings.managerHalo * visibility : 0) +
    (relationship === "self" ? settings.selfVisibilityBias * visibility : 0);
  // Leniency is a tendency to agree with praise; the visibility statements are not praise, so it counts half.
  const visibilityBase =
    source.mean + 0.5 * rater.rater.leniency + sharedVisibilityBias + source.visibilityLoading * visibility;

  const notObservedBase = notObservedRate(org, subject, rater, relationship);
  const ratings: SimulatedRatings = {};
  const perceived: { axisKey: AxisKey; relative: number }[] = [];
  for (const axis of axes) {
    const axisNoise = rng.normal(0, COMPETENCY_NOISE_SD * noise);
    const latent =
      axis.kind === "visibility"
        ? visibilityBase + axisNoise
        : competenceBase + source.loading * subject.trueCompetence[axis.key as CompetencyKey] + axisNoise;
    perceived.push({ axisKey: axis.key, relative: latent - neutral });
    for (const statement of axis.statements) {
      // Always draw both numbers, so one statement's fate never shifts another's.
      const unobserved = rng.next() < notObservedBase * statementObservabilityFactor(statement.key);
      const agreement = toLikert(latent + rng.normal(0, STATEMENT_NOISE_SD * noise));
      ratings[statement.key] = unobserved ? null : statement.reverseScored ? flip(agreement) : agreement;
    }
  }

  return { ratings, comments: writeComments(relationship, rater.rater, perceived, rng) };
}

function notObservedRate(
  org: SimOrganisation,
  subject: SimPerson,
  rater: SimPerson,
  relationship: Relationship,
): number {
  switch (relationship) {
    case "self":
      return 0;
    case "manager":
      return MANAGER_NOT_OBSERVED;
    case "direct_report":
      return org.settings.notObservedRate;
    case "peer":
      return subject.managerIndex !== null && rater.managerIndex === subject.managerIndex
        ? org.settings.notObservedRate
        : org.settings.notObservedRate * OTHER_TEAM_NOT_OBSERVED_FACTOR;
  }
}

/** Some behaviours are seen less often than others; a stable factor in [0.4, 1.6) per statement key, mean 1. */
function statementObservabilityFactor(statementKey: string): number {
  let factor = observabilityByStatement.get(statementKey);
  if (factor === undefined) {
    factor = 0.4 + 1.2 * createRng(deriveSeed("observability", statementKey)).next();
    observabilityByStatement.set(statementKey, factor);
  }
  return factor;
}

/** A pure function's memo: the same key always yields the same factor, so caching changes nothing but speed. */
const observabilityByStatement = new Map<string, number>();

function toLikert(latent: number): LikertAnswer {
  let answer = 1;
  for (const cut of LIKERT_CUTS) if (latent > cut) answer++;
  return answer as LikertAnswer;
}

function flip(answer: LikertAnswer): LikertAnswer {
  return (6 - answer) as LikertAnswer;
}

// --- Scores --------------------------------------------------------------------

/** An answer as it counts towards the score: reverse-scored statements flipped back. */
function scoredValue(answer: LikertAnswer, reverseScored: boolean): number {
  return reverseScored ? 6 - answer : answer;
}

/** Mean of the observed statements per axis (reverse-scored flipped); axes with nothing observed are absent. */
export function axisScores(ratings: SimulatedRatings, axes: readonly AxisSeed[]): Partial<Record<AxisKey, number>> {
  const scores: Partial<Record<AxisKey, number>> = {};
  for (const axis of axes) {
    let sum = 0;
    let count = 0;
    for (const statement of axis.statements) {
      const answer = ratings[statement.key];
      if (answer === null || answer === undefined) continue;
      sum += scoredValue(answer, statement.reverseScored);
      count++;
    }
    if (count > 0) scores[axis.key] = sum / count;
  }
  return scores;
}

/** Overall score of one response: the mean of all observed competency statements (visibility excluded), or null. */
export function compositeScore(ratings: SimulatedRatings, axes: readonly AxisSeed[]): number | null {
  let sum = 0;
  let count = 0;
  for (const axis of axes) {
    if (axis.kind !== "competency") continue;
    for (const statement of axis.statements) {
      const answer = ratings[statement.key];
      if (answer === null || answer === undefined) continue;
      sum += scoredValue(answer, statement.reverseScored);
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}

// --- Comments ------------------------------------------------------------------

/**
 * Comments name a behaviour and a situation, like useful real ones, and refer
 * to the subject as "they". They never mention the rater's own role, team or
 * anything else that could identify who wrote them.
 */
const SITUATIONS = [
  "during the last planning round",
  "when the release date slipped",
  "in the incident review after the outage",
  "when two teams disagreed about priorities",
  "while we were short-staffed over the summer",
  "during the reorganisation",
  "when a big customer escalated on a Friday",
  "in the budget discussions",
  "when new joiners started on the team",
  "in our weekly team meeting",
  "when the deadline moved forward by two weeks",
  "during the handover of the old project",
];

type Templates = { high: string[]; low: string[] };

/** "high"/"low" is how the rater sees the subject on that axis; for visibility, high means loud, low means quiet. */
const COMMENT_TEMPLATES: Record<AxisKey, Templates> = {
  self_awareness: {
    high: [
      "{Situation}, they said straight away that their estimate had been wrong, and we re-planned without any drama.",
      "Stays level-headed under pressure: {situation} they kept the room calm while everyone else was rattled.",
      "Regularly asks how their work lands with others, and I have seen them change their approach because of it.",
      "When they are frustrated you would hardly know it; they take a breath and come back with a plan.",
    ],
    low: [
      "{Situation}, the tension showed in how they spoke to the team; a pause before reacting would help.",
      "It would help if they owned mistakes sooner. {Situation}, it took a while before they acknowledged the problem.",
      "Asking for feedback more often, and acting on it, would make a real difference.",
      "A bad day tends to spill over onto the people around them.",
    ],
  },
  elevating_others: {
    high: [
      "{Situation}, they took the time to walk a less experienced colleague through the work instead of just doing it themselves.",
      "They put others forward for stretch work, and people around them have grown a lot because of it.",
      "Notices quickly when someone is stuck and helps them get moving without taking over.",
      "Several people would say they learned the most from working with them.",
    ],
    low: [
      "They tend to do things themselves rather than show others how; {situation} that left the team dependent on them.",
      "I would like to see them put others forward for visible work more often.",
      "People who get stuck do not always get help early enough; a quick check-in would go a long way.",
    ],
  },
  sharing_credit: {
    high: [
      "{Situation}, they made sure the people who did the work were named in front of leadership.",
      "Owns their part when things go wrong; after the last setback they were the first to say what they would do differently.",
      "Always credits the team, often more than themselves.",
    ],
    low: [
      "{Situation}, the update mostly described the work as theirs; naming the contributors would build trust.",
      "When something goes wrong they are quick to point at other teams; owning their part would help.",
      "Credit for shared work does not always reach the people who did it.",
    ],
  },
  listening: {
    high: [
      "Really listens. {Situation} they let everyone finish and then built on an idea from the quietest person in the room.",
      "Changed their mind {situation} when someone brought better data, and said so openly.",
      "Makes a point of asking for the views of people who have not spoken yet.",
    ],
    low: [
      "Tends to jump in before others have finished; {situation} a few people stopped contributing.",
      "Could build more on other people's ideas instead of replacing them with their own.",
      "Once they have a view it is hard to move them, even with new information.",
    ],
  },
  stepping_in_and_back: {
    high: [
      "{Situation}, they stepped in, gave clear direction, and handed control back as soon as things were stable.",
      "Knows when to step back: they let a newer colleague lead a piece of work and supported from the side.",
      "Good judgement about when to take charge and when to let others lead.",
    ],
    low: [
      "Sometimes takes over work that others were handling well; {situation} the team would have managed on its own.",
      "Could step back more often so that others get the chance to lead.",
      "{Situation}, it was not clear who was in charge; stepping in earlier would have helped.",
    ],
  },
  visibility: {
    high: [
      "Very visible in meetings and with leadership; sometimes that leaves less room for others.",
      "Good at making the work known upwards; I would like to see the same energy spent on bringing others along.",
    ],
    low: [
      "Not the loudest voice in meetings, but a lot of the team's best work goes through them.",
      "Easy to overlook in big meetings; their influence shows in how the team works.",
      "Rarely talks about their own achievements, so leadership may not see how much they contribute.",
    ],
  },
};

const GENERAL_COMMENTS: Templates = {
  high: [
    "Keep doing what you are doing; the team is better for having you on it.",
    "Sharing the reasoning behind decisions a little earlier would let the rest of us contribute even more.",
  ],
  low: [
    "Delegating more would free them up for the work only they can do.",
    "More regular one-to-ones would help the people they work with.",
    "Sharing the reasoning behind decisions earlier would help the rest of us contribute.",
  ],
};

/** Perceived-score difference (latent units) between competence and visibility that makes a rater remark on it. */
const VISIBILITY_CONTRAST_FOR_COMMENT = 1;

function writeComments(
  relationship: Relationship,
  traits: RaterTraits,
  perceived: { axisKey: AxisKey; relative: number }[],
  rng: Rng,
): SimulatedComment[] {
  // Draw every number up front so the count never depends on which branch ran.
  const writeRoll = rng.next();
  const secondRoll = rng.next();
  const templateRolls = [rng.next(), rng.next()];
  const situationRolls = [rng.next(), rng.next()];
  const rate =
    relationship === "self" ? 0 : relationship === "manager" ? MANAGER_COMMENT_RATE : traits.commentPropensity;
  if (writeRoll >= rate) return [];

  const competencies = perceived.filter((entry) => entry.axisKey !== "visibility");
  if (competencies.length === 0) return [];
  const byStrength = competencies.slice().sort((a, b) => b.relative - a.relative);
  // People write about what stands out most: their strongest impression, whichever way it points.
  const strongest = byStrength[0] as (typeof byStrength)[number];
  const weakest = byStrength[byStrength.length - 1] as (typeof byStrength)[number];
  const first = Math.abs(strongest.relative) >= Math.abs(weakest.relative) ? strongest : weakest;
  const comments = [
    compose(
      first.axisKey,
      first.relative >= 0 ? "high" : "low",
      templateRolls[0] as number,
      situationRolls[0] as number,
    ),
  ];

  if (secondRoll < SECOND_COMMENT_RATE) {
    const meanCompetence = competencies.reduce((sum, entry) => sum + entry.relative, 0) / competencies.length;
    const visibility = perceived.find((entry) => entry.axisKey === "visibility");
    const contrast = visibility ? meanCompetence - visibility.relative : 0;
    if (visibility && Math.abs(contrast) >= VISIBILITY_CONTRAST_FOR_COMMENT) {
      comments.push(
        compose("visibility", contrast > 0 ? "low" : "high", templateRolls[1] as number, situationRolls[1] as number),
      );
    } else {
      const other = first === strongest ? weakest : strongest;
      const otherTone = other.relative >= 0 ? "high" : "low";
      comments.push(
        other.axisKey === first.axisKey
          ? composeGeneral(meanCompetence >= 0 ? "high" : "low", templateRolls[1] as number)
          : compose(other.axisKey, otherTone, templateRolls[1] as number, situationRolls[1] as number),
      );
    }
  }
  return comments;
}

function compose(
  axisKey: AxisKey,
  tone: keyof Templates,
  templateRoll: number,
  situationRoll: number,
): SimulatedComment {
  const template = pickByRoll(COMMENT_TEMPLATES[axisKey][tone], templateRoll);
  const situation = pickByRoll(SITUATIONS, situationRoll);
  const text = template.replaceAll("{Situation}", capitalise(situation)).replaceAll("{situation}", situation);
  return { axisKey, text };
}

function composeGeneral(tone: keyof Templates, templateRoll: number): SimulatedComment {
  return { axisKey: null, text: pickByRoll(GENERAL_COMMENTS[tone], templateRoll) };
}

function pickByRoll<T>(items: readonly T[], roll: number): T {
  return items[Math.min(items.length - 1, Math.floor(roll * items.length))] as T;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
