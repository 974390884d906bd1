/**
 * The comments simulated raters write, from templates that name a behaviour
 * and a situation, as often as their traits say.
 */
import { type AxisKey } from "../domain/competency-model";
import { type Rng } from "../domain/random";
import { type SimulatedComment } from "./answers";
import { type RaterTraits } from "./organisation";
import type { Relationship } from "../../lib/vocabulary";

/** Managers write a comment (attributed) about this often. */
const MANAGER_COMMENT_RATE = 0.5;
const SECOND_COMMENT_RATE = 0.3;

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

export function writeComments(
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
