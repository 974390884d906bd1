/**
 * A simulated organisation: its people with their latent truth and rater
 * traits, and the few questions asked of it.
 */
import { COMPETENCY_KEYS, type CompetencyKey } from "../domain/competency-model";
import { createRng, deriveSeed } from "../domain/random";
import { buildHierarchy, DEPARTMENT_CATALOGUE, EXECUTIVE_DEPARTMENT, PEOPLE_DEPARTMENT } from "./hierarchy";
import { drawLatents, drawRaterTraits, type Latent, plantQuietInfluencers } from "./latent-truth";
import { assignLocations, assignNames, assignTitles, CITIES, type GeneratedName } from "./people-details";
import { type ResolvedSimulationSettings, resolveSettings, type SimulationSettings } from "./settings";

// ---------------------------------------------------------------------------
// People and organisations
// ---------------------------------------------------------------------------

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
