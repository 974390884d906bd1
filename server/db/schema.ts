/**
 * The Undercurrent data model. Constraints live here (and so in the database),
 * not only in application code.
 *
 * Anonymity by construction: `responses`, `response_ratings` and
 * `response_comments` have no column, key or default that could link a
 * response to the person who wrote it — no rater id, no assignment id, no
 * serial, no timestamp. An assignment records only *that* its rater submitted.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  AGREEMENTS,
  AXIS_KINDS,
  CYCLE_STATUSES,
  NOMINATION_STATUSES,
  PUBLISH_JOB_STATES,
  QUADRANTS,
  QUESTION_KINDS,
  RELATIONSHIPS,
  REQUEST_STATUSES,
  SCORE_GROUPS,
} from "../../lib/vocabulary";

// ---------------------------------------------------------------- people

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    department: text("department").notNull().default(""),
    location: text("location").notNull().default(""),
    /** 1 = top of the organisation; larger numbers are more junior. */
    level: smallint("level"),
    managerId: uuid("manager_id").references((): AnyPgColumn => people.id, { onDelete: "set null" }),
    isHr: boolean("is_hr").notNull().default(false),
    isAdmin: boolean("is_admin").notNull().default(false),
    /** Deactivated people keep their past results but cannot sign in or be asked. */
    active: boolean("active").notNull().default(true),
    // Columns an Auth.js adapter expects of a user, so that email-link and
    // OIDC sign-in can use people as their user table.
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("people_email_unique").on(t.email),
    index("people_manager_idx").on(t.managerId),
    index("people_department_idx").on(t.department),
    check("people_email_lowercase", sql`${t.email} = lower(${t.email}) AND position('@' in ${t.email}) > 1`),
    check("people_name_present", sql`length(trim(${t.name})) > 0`),
    check("people_not_own_manager", sql`${t.managerId} IS NULL OR ${t.managerId} <> ${t.id}`),
  ],
);

// ---------------------------------------------------------------- competency model

export const axisKind = pgEnum("axis_kind", AXIS_KINDS);
export const questionKind = pgEnum("question_kind", QUESTION_KINDS);

/** A version of the model; cycles point at one. Editing a model in use by a
 *  non-draft cycle means copying it first. */
export const competencyModels = pgTable("competency_models", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A competency, or the visibility axis (kind = 'visibility'), which is rated
 *  the same way but never counted as a competency. */
export const competencies = pgTable(
  "competencies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => competencyModels.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    kind: axisKind("kind").notNull().default("competency"),
    position: smallint("position").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
  },
  (t) => [
    uniqueIndex("competencies_model_key_unique").on(t.modelId, t.key),
    uniqueIndex("competencies_model_position_unique").on(t.modelId, t.position),
  ],
);

export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    competencyId: uuid("competency_id")
      .notNull()
      .references(() => competencies.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: smallint("position").notNull(),
    text: text("text").notNull(),
    selfText: text("self_text").notNull(),
    /** Agreement with a reverse-scored statement counts against the competency (6 − rating). */
    reverseScored: boolean("reverse_scored").notNull().default(false),
  },
  (t) => [
    uniqueIndex("statements_competency_key_unique").on(t.competencyId, t.key),
    uniqueIndex("statements_competency_position_unique").on(t.competencyId, t.position),
  ],
);

export const questions = pgTable(
  "questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => competencyModels.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** open: asked of every rater; reflection: asked in the self-review only. */
    kind: questionKind("kind").notNull(),
    competencyId: uuid("competency_id").references(() => competencies.id, { onDelete: "set null" }),
    position: smallint("position").notNull(),
    prompt: text("prompt").notNull(),
    hint: text("hint").notNull().default(""),
  },
  (t) => [uniqueIndex("questions_model_key_unique").on(t.modelId, t.key)],
);

// ---------------------------------------------------------------- cycles

export const cycleStatus = pgEnum("cycle_status", CYCLE_STATUSES);

export const cycles = pgTable(
  "cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    status: cycleStatus("status").notNull().default("draft"),
    modelId: uuid("model_id")
      .notNull()
      .references(() => competencyModels.id),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    /** k: the fewest anonymous raters behind any figure shown. Never below 3. */
    minGroupSize: smallint("min_group_size").notNull().default(3),
    /** Departments taking part; null means the whole organisation. */
    departments: text("departments").array(),
    minPeers: smallint("min_peers").notNull().default(3),
    maxPeers: smallint("max_peers").notNull().default(8),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    check("cycles_min_group_size", sql`${t.minGroupSize} >= 3`),
    check("cycles_dates_ordered", sql`${t.closesOn} >= ${t.opensOn}`),
    check("cycles_peer_range", sql`${t.minPeers} >= 0 AND ${t.maxPeers} >= ${t.minPeers}`),
    check("cycles_name_present", sql`length(trim(${t.name})) > 0`),
  ],
);

// ---------------------------------------------------------------- nominations and assignments

export const relationship = pgEnum("relationship", RELATIONSHIPS);
export const nominationStatus = pgEnum("nomination_status", NOMINATION_STATUSES);
export const assignmentStatus = pgEnum("assignment_status", REQUEST_STATUSES);

/** A subject proposes a peer to rate them; their manager approves or rejects. */
export const nominations = pgTable(
  "nominations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id),
    nomineeId: uuid("nominee_id")
      .notNull()
      .references(() => people.id),
    status: nominationStatus("status").notNull().default("proposed"),
    /** True when the manager added the peer rather than the subject. */
    addedByManager: boolean("added_by_manager").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("nominations_unique").on(t.cycleId, t.subjectId, t.nomineeId),
    check("nominations_not_self", sql`${t.subjectId} <> ${t.nomineeId}`),
  ],
);

/**
 * Who is asked to rate whom, and as what. The draft lives here, with the
 * assignment, and is deleted in the transaction that writes the response. No
 * submission time is kept: it would let anyone line an assignment up with
 * the response written at the same moment.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id),
    raterId: uuid("rater_id")
      .notNull()
      .references(() => people.id),
    relationship: relationship("relationship").notNull(),
    status: assignmentStatus("status").notNull().default("pending"),
    draft: jsonb("draft"),
    draftSavedAt: timestamp("draft_saved_at", { withTimezone: true }),
    /** Counts the draft's saves. A save names the version it started from and
     *  is written only if that is still the stored one, so a tab left open
     *  on older answers cannot overwrite newer ones saved elsewhere. */
    draftVersion: integer("draft_version").notNull().default(0),
    /** The page (one opening of the form) that wrote the stored draft, and
     *  which of its saves it was. A page's later save replaces its own earlier
     *  one whatever version it started from: the save sent as the tab closes
     *  cannot wait for the one still on its way. */
    draftPage: uuid("draft_page"),
    draftPageSave: integer("draft_page_save"),
    /** Why the rater declined; shown to HR in aggregate only, never to the subject. */
    declineReason: text("decline_reason"),
  },
  (t) => [
    uniqueIndex("assignments_unique").on(t.cycleId, t.subjectId, t.raterId),
    index("assignments_rater_idx").on(t.raterId, t.cycleId),
    index("assignments_subject_idx").on(t.cycleId, t.subjectId),
    check("assignments_self_consistent", sql`(${t.relationship} = 'self') = (${t.subjectId} = ${t.raterId})`),
    check(
      "assignments_no_draft_after_submit",
      sql`${t.status} <> 'submitted' OR (${t.draft} IS NULL AND ${t.draftSavedAt} IS NULL)`,
    ),
    check("assignments_decline_reason_length", sql`length(${t.declineReason}) <= 500`),
  ],
);

// ---------------------------------------------------------------- progress, counted once a day

/**
 * Progress of a collecting cycle as managers and HR see it: counted once a
 * day, not read live. Live counts tick the moment a rater submits, and
 * someone who knew who was busy then could tell who answered; so each day
 * (UTC) the counts are taken once — by the hourly job or the first read of
 * the day, whichever comes first — and every progress view reads them until
 * the next day's. Only the latest day of a cycle is kept.
 *
 * This row claims the day: it is inserted once, and only the statement that
 * inserted it writes the day's counts.
 */
export const progressSnapshots = pgTable(
  "progress_snapshots",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** The calendar day (UTC) the counts stand for. */
    countedOn: date("counted_on").notNull(),
    /** People who had requests open (about active people) at the count: what
     *  HR's reminders card reads, so that it does not tick as raters finish. */
    ratersOpen: integer("raters_open").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.countedOn] })],
);

/** One day's counts of a cycle's requests by subject and relationship, by
 *  state. Counts only: never who. No foreign keys: the rows are written in one
 *  statement from the assignments of the same moment, and removed with their
 *  day by the statement that writes the next (a key per row would only slow
 *  the daily write down at organisation scale). */
export const progressSnapshotCounts = pgTable(
  "progress_snapshot_counts",
  {
    cycleId: uuid("cycle_id").notNull(),
    countedOn: date("counted_on").notNull(),
    subjectId: uuid("subject_id").notNull(),
    relationship: relationship("relationship").notNull(),
    pending: integer("pending").notNull(),
    inProgress: integer("in_progress").notNull(),
    submitted: integer("submitted").notNull(),
    declined: integer("declined").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.countedOn, t.subjectId, t.relationship] })],
);

// ---------------------------------------------------------------- responses (unlinkable)

export const responses = pgTable(
  "responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id),
    relationship: relationship("relationship").notNull(),
  },
  (t) => [index("responses_cycle_subject_idx").on(t.cycleId, t.subjectId, t.relationship)],
);

/** One answer to one statement. NULL is an explicit "not observed". */
export const responseRatings = pgTable(
  "response_ratings",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    statementId: uuid("statement_id")
      .notNull()
      .references(() => statements.id),
    value: smallint("value"),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.statementId] }),
    check("response_ratings_value_range", sql`${t.value} IS NULL OR ${t.value} BETWEEN 1 AND 5`),
  ],
);

export const responseComments = pgTable(
  "response_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    responseId: uuid("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id),
    body: text("body").notNull(),
  },
  (t) => [
    uniqueIndex("response_comments_unique").on(t.responseId, t.questionId),
    check("response_comments_body_length", sql`length(trim(${t.body})) BETWEEN 1 AND 4000`),
  ],
);

// ---------------------------------------------------------------- published results

/** Rater groups of a published figure. 'others' pools peers and direct reports. */
export const scoreGroup = pgEnum("score_group", SCORE_GROUPS);
/** Self against the others' 90 % interval: above it, below it, or inside. */
export const agreement = pgEnum("agreement", AGREEMENTS);

/**
 * Figures computed once, at publish. A group below k is stored as suppressed
 * with its count only, so a page can say why it is hidden.
 */
export const publishedScores = pgTable(
  "published_scores",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    // No foreign key to people or competencies: publish writes these rows in
    // one statement from responses and competencies of the same transaction,
    // and people are deactivated, never deleted. A key would add a check per
    // row — most of a large publish's time (bench/README.md).
    subjectId: uuid("subject_id").notNull(),
    competencyId: uuid("competency_id").notNull(),
    group: scoreGroup("group").notNull(),
    n: integer("n").notNull(),
    suppressed: boolean("suppressed").notNull(),
    mean: doublePrecision("mean"),
    sd: doublePrecision("sd"),
    ciLow: doublePrecision("ci_low"),
    ciHigh: doublePrecision("ci_high"),
    shrunkMean: doublePrecision("shrunk_mean"),
    /** How many responses scored 1..5 (each response's score rounded half up). */
    distribution: integer("distribution").array(),
    /** On self and manager rows: their mean minus the published others' mean
     *  (the self–other difference, the manager–peer gap). */
    differenceFromOthers: doublePrecision("difference_from_others"),
    /** On the self row: where the self score falls against the others' interval. */
    agreement: agreement("agreement"),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.subjectId, t.competencyId, t.group] }),
    check("published_scores_n", sql`${t.n} >= 0`),
    check(
      "published_scores_suppressed_has_no_figures",
      sql`NOT ${t.suppressed} OR (${t.mean} IS NULL AND ${t.sd} IS NULL AND ${t.distribution} IS NULL)`,
    ),
  ],
);

/** The leadership composite per subject and group: each response's mean over
 *  the competencies it observed (never the visibility axis), summarised like
 *  a competency — n, mean, sd, 90 % interval, and for others a shrunk mean.
 *  The finder ranks on it; the same anonymity rules decide what is shown. */
export const publishedComposites = pgTable(
  "published_composites",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    // No foreign key to people or competencies: publish writes these rows in
    // one statement from responses and competencies of the same transaction,
    // and people are deactivated, never deleted. A key would add a check per
    // row — most of a large publish's time (bench/README.md).
    subjectId: uuid("subject_id").notNull(),
    group: scoreGroup("group").notNull(),
    n: integer("n").notNull(),
    suppressed: boolean("suppressed").notNull(),
    mean: doublePrecision("mean"),
    sd: doublePrecision("sd"),
    ciLow: doublePrecision("ci_low"),
    ciHigh: doublePrecision("ci_high"),
    shrunkMean: doublePrecision("shrunk_mean"),
    /** The shrunk mean's 90 % range (server/domain/scoring.ts, shrunkInterval): what the finder ranks by. */
    shrunkLow: doublePrecision("shrunk_low"),
    shrunkHigh: doublePrecision("shrunk_high"),
    differenceFromOthers: doublePrecision("difference_from_others"),
    agreement: agreement("agreement"),
    /** On the others row: the subject's shrunk visibility mean when shown — the
     *  finder's other axis, kept beside the composite so that the finder reads
     *  one row per person instead of searching every figure for it. */
    visibility: doublePrecision("visibility"),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.subjectId, t.group] }),
    check("published_composites_n", sql`${t.n} >= 0`),
    check(
      "published_composites_suppressed_has_no_figures",
      sql`NOT ${t.suppressed} OR (${t.mean} IS NULL AND ${t.sd} IS NULL)`,
    ),
  ],
);

/** The organisation's mean of each axis in a published cycle — the mean of
 *  every subject's shown others mean — which each report draws beside the
 *  subject's own. Stored at publish, so that a report reads one row per axis
 *  instead of averaging the whole organisation on every request. */
export const publishedAxisMeans = pgTable(
  "published_axis_means",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    competencyId: uuid("competency_id").notNull(),
    mean: doublePrecision("mean").notNull(),
    /** How many subjects' shown others means it averages. */
    subjects: integer("subjects").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.competencyId] })],
);

// ---------------------------------------------------------------- the finder, placed at publish

export const finderQuadrant = pgEnum("finder_quadrant", QUADRANTS);

/**
 * The finder's frame for a published cycle, fixed at publish: the medians
 * that split it into quadrants and the part of the 1–5 scale each axis of its
 * chart shows (server/domain/finder.ts, axisRange), over everyone placed.
 */
export const publishedFinderCycles = pgTable("published_finder_cycles", {
  cycleId: uuid("cycle_id")
    .primaryKey()
    .references(() => cycles.id, { onDelete: "cascade" }),
  /** Subjects with an anonymous composite row, placed or not. */
  subjects: integer("subjects").notNull(),
  /** Null when nobody could be placed. */
  medianCompetence: doublePrecision("median_competence"),
  medianVisibility: doublePrecision("median_visibility"),
  competenceFrom: doublePrecision("competence_from"),
  competenceTo: doublePrecision("competence_to"),
  visibilityFrom: doublePrecision("visibility_from"),
  visibilityTo: doublePrecision("visibility_to"),
  /** Cells per axis of the density grid. */
  cells: smallint("cells").notNull(),
});

/**
 * Everyone the finder places in a published cycle — each subject whose
 * anonymous composite and visibility were shown — as they stood when it was
 * published: name, title and place in the organisation, the figures, the
 * quadrant, the place in the organisation's shortlist, and the density cell.
 * A cycle's views never change afterwards, whatever the org chart does.
 */
export const publishedFinderPeople = pgTable(
  "published_finder_people",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    subjectId: uuid("subject_id").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull(),
    department: text("department").notNull(),
    level: smallint("level"),
    location: text("location").notNull(),
    responses: integer("responses").notNull(),
    competence: doublePrecision("competence").notNull(),
    competenceLow: doublePrecision("competence_low"),
    competenceHigh: doublePrecision("competence_high"),
    visibility: doublePrecision("visibility").notNull(),
    managerGap: doublePrecision("manager_gap"),
    selfAgreement: agreement("self_agreement"),
    quadrant: finderQuadrant("quadrant").notNull(),
    /** Order among the organisation's quiet influencers (rankShortlist); null for the rest. A slice's ranks follow it. */
    shortlistOrder: integer("shortlist_order"),
    competenceCell: smallint("competence_cell").notNull(),
    visibilityCell: smallint("visibility_cell").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.subjectId] }),
    index("published_finder_people_name_idx").on(t.cycleId, t.name, t.subjectId),
    index("published_finder_people_shortlist_idx")
      .on(t.cycleId, t.shortlistOrder)
      .where(sql`${t.shortlistOrder} is not null`),
  ],
);

/** How many placed people each department, level, location and quadrant holds: every count the slice rules and the legend need, in a few hundred rows. */
export const publishedFinderGroups = pgTable(
  "published_finder_groups",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    department: text("department").notNull(),
    level: smallint("level"),
    location: text("location").notNull(),
    quadrant: finderQuadrant("quadrant").notNull(),
    people: integer("people").notNull(),
  },
  (t) => [index("published_finder_groups_cycle_idx").on(t.cycleId)],
);

/** Comments that passed the threshold, detached from their responses. Pages
 *  order by `shuffle_key` re-drawn per request, never by insertion. */
export const publishedComments = pgTable(
  "published_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id),
    group: scoreGroup("group").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("published_comments_subject_idx").on(t.cycleId, t.subjectId)],
);

// ---------------------------------------------------------------- audit log

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    /** e.g. 'cycle.publish', 'report.view', 'shortlist.export'. Never a submission. */
    action: text("action").notNull(),
    subjectId: uuid("subject_id").references(() => people.id, { onDelete: "set null" }),
    cycleId: uuid("cycle_id").references(() => cycles.id, { onDelete: "set null" }),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

// ---------------------------------------------------------------- mail

/**
 * Reminders sent to raters. The primary key is the rule "at most one reminder
 * per person per day", across all cycles: a send claims the row first (insert
 * … on conflict do nothing) and mails only the rows it inserted, so two sends
 * at once cannot both reach the same person.
 */
export const reminders = pgTable(
  "reminders",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** The calendar day (UTC) the reminder went out. */
    sentOn: date("sent_on").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.sentOn] }), index("reminders_cycle_idx").on(t.cycleId, t.sentOn)],
);

/**
 * The dev outbox: where mail goes when no SMTP server is configured (the
 * embedded demo). A mail as sent and nothing more: no link to a rater, subject
 * or request beyond what its text says.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** What sort of mail, e.g. 'reminder'. */
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("outbox_subject_length", sql`length(${t.subject}) <= 300`)],
);

// ---------------------------------------------------------------- auth (accounts and link tokens in the Auth.js adapter shape)

export const authAccounts = pgTable(
  "auth_accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/**
 * One row per signed-in browser. Sessions are still next-auth JWTs (the demo
 * picker's credentials sign-in allows no other kind), but a token names its
 * row (`sid`) and stands for nobody once the row is gone: deleted at sign-out,
 * by "sign out everywhere", and by a trigger when the person is deactivated,
 * so that a later reactivation cannot revive it. Idle and lifetime limits are
 * checked against the two timestamps, by the database's clock.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Refreshed at most about once a minute, not at every request. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("auth_sessions_person_idx").on(t.personId)],
);

export const authVerificationTokens = pgTable(
  "auth_verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------- rate limits

/**
 * Token buckets of the rate limits, one per kind of request and person (or
 * address), shared by every app server on this database so that the budget
 * is one, not one per server. Unlogged (the migration says so): after a crash
 * everyone simply starts with a full bucket.
 */
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  bucket: text("bucket").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  /** Whether the last request taken from it was let through. */
  allowed: boolean("allowed").notNull(),
});

// ---------------------------------------------------------------- scheduled runs

/**
 * Which scheduled run took which slot (an hour, a day): the first server to
 * insert the row does the run, the others see it taken and skip it, so that
 * several app servers run each schedule once. A row rather than an advisory
 * lock: it works on both engines, holds no transaction open while the run
 * sends mail, and says when each run happened.
 */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    name: text("name").notNull(),
    slot: text("slot").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.name, t.slot] })],
);

// ---------------------------------------------------------------- publish jobs

export const publishJobState = pgEnum("publish_job_state", PUBLISH_JOB_STATES);

/**
 * Publishing as a job that outlives the request and the server that took it.
 * HR's click queues a row; whichever app server claims it runs the publish
 * and keeps `heartbeat_at` fresh; a running job whose heartbeat went stale
 * (its server died) is claimed again by another, and the publish, one
 * transaction, starts over from nothing. At most one job per cycle is queued
 * or running (the partial unique index), so a second click, on any server,
 * finds the first. `done` is written in the publish transaction itself, with
 * the audit row: a cycle is published exactly when its job says done.
 */
export const publishJobs = pgTable(
  "publish_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    requestedBy: uuid("requested_by").references(() => people.id, { onDelete: "set null" }),
    state: publishJobState("state").notNull().default("queued"),
    /** Runs begun: a run that stopped with its server is begun again, up to a limit. */
    attempts: smallint("attempts").notNull().default(0),
    /** The server process running it, for the log and the status. */
    worker: text("worker"),
    /** Step `step` of `steps` (PUBLISH_STEPS) has begun; 0 before the first. */
    step: smallint("step").notNull().default(0),
    steps: smallint("steps").notNull().default(0),
    label: text("label"),
    /** Why it failed, in words for HR (never a figure). */
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("publish_jobs_one_active_per_cycle")
      .on(t.cycleId)
      .where(sql`${t.state} in ('queued', 'running')`),
    index("publish_jobs_cycle_idx").on(t.cycleId, t.createdAt),
  ],
);
