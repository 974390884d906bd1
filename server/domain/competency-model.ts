import type { AxisKind, QuestionKind } from "../../lib/vocabulary";
/**
 * The default competency model, as seed data. The app reads the model from the
 * database (each cycle points at a model an admin may reword while the cycle is
 * a draft); this file is only where the first version comes from.
 *
 * Wording rules: one observable behaviour per statement, present tense, about
 * "this person", answerable by someone who has worked with them for a few
 * months. Reverse-scored statements describe the opposite behaviour so that
 * raters cannot simply agree down the page.
 */

export const COMPETENCY_KEYS = [
  "self_awareness",
  "elevating_others",
  "sharing_credit",
  "listening",
  "stepping_in_and_back",
] as const;
export type CompetencyKey = (typeof COMPETENCY_KEYS)[number];

/** The contrast axis: measured like a competency, never counted as one. */
export const VISIBILITY_KEY = "visibility" as const;
export type AxisKey = CompetencyKey | typeof VISIBILITY_KEY;

export interface StatementSeed {
  key: string;
  text: string;
  /** The self-review reads the same behaviour in the first person. */
  selfText: string;
  reverseScored: boolean;
}

export interface AxisSeed {
  key: AxisKey;
  kind: AxisKind;
  name: string;
  description: string;
  statements: StatementSeed[];
}

export interface QuestionSeed {
  key: string;
  kind: QuestionKind;
  /** Open questions name the competency their example illustrates. */
  axisKey: AxisKey | null;
  prompt: string;
  /** Shown under the prompt, e.g. what a useful answer contains. */
  hint: string;
}

export const DEFAULT_MODEL_NAME = "Leadership beyond visibility (v1)";

export const DEFAULT_AXES: AxisSeed[] = [
  {
    key: "self_awareness",
    kind: "competency",
    name: "Self-awareness & emotional regulation",
    description:
      "Knows their own strengths, limits and moods, and keeps their reactions in proportion when things get tense.",
    statements: [
      {
        key: "sa_admits_mistakes",
        text: "Says plainly when they got something wrong, without being asked.",
        selfText: "I say plainly when I got something wrong, without being asked.",
        reverseScored: false,
      },
      {
        key: "sa_stays_calm",
        text: "Stays calm and constructive when a plan falls apart or a discussion gets heated.",
        selfText: "I stay calm and constructive when a plan falls apart or a discussion gets heated.",
        reverseScored: false,
      },
      {
        key: "sa_asks_feedback",
        text: "Asks for feedback on their own work and changes something because of it.",
        selfText: "I ask for feedback on my own work and change something because of it.",
        reverseScored: false,
      },
      {
        key: "sa_mood_spills",
        text: "Lets a bad mood or frustration spill over onto the people around them.",
        selfText: "I let a bad mood or frustration spill over onto the people around me.",
        reverseScored: true,
      },
    ],
  },
  {
    key: "elevating_others",
    kind: "competency",
    name: "Elevating others",
    description: "Helps other people succeed: teaches, opens doors, and makes room for others to grow.",
    statements: [
      {
        key: "eo_teaches",
        text: "Takes time to explain how they work so that others can do it themselves next time.",
        selfText: "I take time to explain how I work so that others can do it themselves next time.",
        reverseScored: false,
      },
      {
        key: "eo_opens_doors",
        text: "Puts colleagues forward for work that will stretch them and make them visible.",
        selfText: "I put colleagues forward for work that will stretch them and make them visible.",
        reverseScored: false,
      },
      {
        key: "eo_unblocks",
        text: "Notices when someone is stuck and helps them get moving without taking the work over.",
        selfText: "I notice when someone is stuck and help them get moving without taking the work over.",
        reverseScored: false,
      },
    ],
  },
  {
    key: "sharing_credit",
    kind: "competency",
    name: "Sharing credit & taking responsibility",
    description: "Names who did the work when things go well, and owns their part when things go badly.",
    statements: [
      {
        key: "sc_names_contributors",
        text: "Names the people who did the work when a success is discussed.",
        selfText: "I name the people who did the work when a success is discussed.",
        reverseScored: false,
      },
      {
        key: "sc_owns_failures",
        text: "Takes responsibility for their part when something goes wrong, instead of pointing elsewhere.",
        selfText: "I take responsibility for my part when something goes wrong, instead of pointing elsewhere.",
        reverseScored: false,
      },
      {
        key: "sc_claims_credit",
        text: "Presents shared work as mostly their own.",
        selfText: "I present shared work as mostly my own.",
        reverseScored: true,
      },
    ],
  },
  {
    key: "listening",
    kind: "competency",
    name: "Listening & collaborative thinking",
    description:
      "Listens to understand, builds on other people's ideas, and changes course when a better argument appears.",
    statements: [
      {
        key: "li_lets_finish",
        text: "Lets others finish their point before responding.",
        selfText: "I let others finish their point before responding.",
        reverseScored: false,
      },
      {
        key: "li_builds_on_ideas",
        text: "Builds on other people's ideas rather than replacing them with their own.",
        selfText: "I build on other people's ideas rather than replacing them with my own.",
        reverseScored: false,
      },
      {
        key: "li_changes_mind",
        text: "Changes their view when someone brings a better argument or new information.",
        selfText: "I change my view when someone brings a better argument or new information.",
        reverseScored: false,
      },
      {
        key: "li_draws_out_quiet",
        text: "Asks for the views of people who have not spoken yet.",
        selfText: "I ask for the views of people who have not spoken yet.",
        reverseScored: false,
      },
    ],
  },
  {
    key: "stepping_in_and_back",
    kind: "competency",
    name: "Stepping in and stepping back",
    description:
      "Judges when to take charge and when to let others lead: steps in during a crisis or conflict, steps back when someone else is ready.",
    statements: [
      {
        key: "sib_steps_in_crisis",
        text: "Steps in and gives direction when a crisis or conflict needs someone to take charge.",
        selfText: "I step in and give direction when a crisis or conflict needs someone to take charge.",
        reverseScored: false,
      },
      {
        key: "sib_steps_back",
        text: "Steps back so that someone else can lead when that person is ready.",
        selfText: "I step back so that someone else can lead when that person is ready.",
        reverseScored: false,
      },
      {
        key: "sib_hands_back",
        text: "Hands control back once the urgent problem is solved.",
        selfText: "I hand control back once the urgent problem is solved.",
        reverseScored: false,
      },
      {
        key: "sib_takes_over",
        text: "Takes over work that others are handling well enough on their own.",
        selfText: "I take over work that others are handling well enough on their own.",
        reverseScored: true,
      },
    ],
  },
  {
    key: "visibility",
    kind: "visibility",
    name: "Visibility & volume",
    description:
      "How much this person is seen and heard. Not a competency: the contrast against which quiet influence shows up.",
    statements: [
      {
        key: "vi_speaks_first",
        text: "Is usually the first and the longest to speak in meetings.",
        selfText: "I am usually the first and the longest to speak in meetings.",
        reverseScored: false,
      },
      {
        key: "vi_promotes_work",
        text: "Makes sure their own achievements are widely known.",
        selfText: "I make sure my own achievements are widely known.",
        reverseScored: false,
      },
      {
        key: "vi_known_to_leaders",
        text: "Is well known to senior leadership.",
        selfText: "I am well known to senior leadership.",
        reverseScored: false,
      },
    ],
  },
];

export const DEFAULT_QUESTIONS: QuestionSeed[] = [
  {
    key: "q_step_back_example",
    kind: "open",
    axisKey: "stepping_in_and_back",
    prompt: "When did this person step back so that someone else could lead? What happened?",
    hint: "One concrete situation is worth more than a general impression.",
  },
  {
    key: "q_elevated_example",
    kind: "open",
    axisKey: "elevating_others",
    prompt: "Describe a time this person helped you or someone else do better work.",
    hint: "What did they do, and what changed because of it?",
  },
  {
    key: "q_one_change",
    kind: "open",
    axisKey: null,
    prompt: "What is one thing this person could do differently that would help the people around them most?",
    hint: "Specific and kind beats general and harsh.",
  },
  {
    key: "r_when_step_in",
    kind: "reflection",
    axisKey: "stepping_in_and_back",
    prompt: "Think of a recent situation where you took charge. Was it needed, or could someone else have led?",
    hint: "Only you and, once published, your report will show this answer with your name.",
  },
  {
    key: "r_who_grew",
    kind: "reflection",
    axisKey: "elevating_others",
    prompt: "Whose growth did you contribute to this year, and how?",
    hint: "",
  },
  {
    key: "r_credit",
    kind: "reflection",
    axisKey: "sharing_credit",
    prompt: "When did you last make sure someone else got the credit for shared work?",
    hint: "",
  },
  {
    key: "r_pressure",
    kind: "reflection",
    axisKey: "self_awareness",
    prompt: "How do you behave under pressure, and how would your colleagues describe it?",
    hint: "",
  },
];
