/**
 * Names, e-mail addresses, titles and locations of simulated people:
 * plausible, varied and never real.
 */
import { type Rng } from "../domain/random";
import { type DepartmentProfile, type OrgNode } from "./hierarchy";

/** The domain of every simulated person's address: never a real one. */
export const DEMO_EMAIL_DOMAIN = "demo.undercurrent.example";

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

export interface GeneratedName {
  fullName: string;
  email: string;
}

export function assignNames(count: number, rng: Rng): GeneratedName[] {
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

export function assignTitles(nodes: OrgNode[], departments: DepartmentProfile[], rng: Rng): string[] {
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
export const CITIES = ["London", "Berlin", "Lisbon", "Toronto", "Nairobi", "Singapore"];
/** Teams mostly sit together; the rest are spread over the other offices. */
const SAME_OFFICE_AS_MANAGER = 0.8;
/** Department heads are more often at headquarters, but not always. */
const HEAD_AT_HEADQUARTERS = 0.5;

export function assignLocations(nodes: OrgNode[], rng: Rng): string[] {
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
