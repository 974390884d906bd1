/**
 * Submitting feedback, tried the way it goes wrong: twenty submits at once,
 * someone else's request, a stale form, a late submit after close, and the
 * physical traces a submit leaves in the tables.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import type { Answers } from "../../../lib/answers";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { assignments, cycles, responses } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { closeCycle } from "./close-cycle";
import { findActiveViewer } from "./people";
import { NewerDraftRefusal } from "./submission";

let database: TestDatabase;
let db: TestDatabase["db"];
let collectingCycleId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 23, today: new Date("2026-11-28T12:00:00Z") });
  collectingCycleId = seeded.cycles[1]!.cycleId;
});
afterAll(async () => {
  await database?.destroy();
});

async function callerFor(personId: string) {
  const viewer = (await findActiveViewer(db, personId))!;
  const user: ContextUser = { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
  return appRouter.createCaller({ db, user, headers: new Headers() });
}

/** Open requests of the collecting cycle, not yet touched by the seed. */
async function openRequests(relationship: "peer" | "self" | "manager" | "direct_report", cycleId = collectingCycleId) {
  return db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.cycleId, cycleId),
        eq(assignments.relationship, relationship),
        eq(assignments.status, "pending"),
      ),
    );
}

async function completeAnswers(assignmentId: string, raterId: string): Promise<Answers> {
  const form = await (await callerFor(raterId)).requests.form({ assignmentId });
  const statements = form.sections.flatMap((s) => s.statements);
  return {
    ratings: Object.fromEntries(
      statements.map((st, i) => [st.id, i % 7 === 0 ? "not_observed" : (((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)]),
    ),
    comments: Object.fromEntries(
      form.questions
        .slice(0, 1)
        .map((q) => [q.id, "  Stepped back in the incident review so the new lead could run it.  "]),
    ),
  };
}

async function countResponses(cycleId: string, subjectId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from responses where cycle_id = ${cycleId} and subject_id = ${subjectId}`,
  );
  return Number(row!.n);
}

async function expectRefusal(call: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

describe("the form of a request", () => {
  it("shows a peer the statements about 'this person' and the open questions, and a self-review the reflection questions", async () => {
    const [peer] = await openRequests("peer");
    const [self] = await openRequests("self");
    const peerForm = await (await callerFor(peer!.raterId)).requests.form({ assignmentId: peer!.id });
    const selfForm = await (await callerFor(self!.raterId)).requests.form({ assignmentId: self!.id });
    expect(peerForm.sections.map((s) => s.key)).toEqual([
      "self_awareness",
      "elevating_others",
      "sharing_credit",
      "listening",
      "stepping_in_and_back",
      "visibility",
    ]);
    expect(peerForm.sections.flatMap((s) => s.statements)).toHaveLength(21);
    expect(peerForm.questions.every((q) => q.kind === "open")).toBe(true);
    expect(peerForm.sections[0]!.statements[0]!.text).toMatch(/^Says plainly/);
    expect(selfForm.questions.every((q) => q.kind === "reflection")).toBe(true);
    expect(selfForm.sections[0]!.statements[0]!.text).toMatch(/^I say plainly/);
  });

  it("is not found for anyone but its rater", async () => {
    const [peer] = await openRequests("peer");
    const [other] = await openRequests("self");
    expect(other!.raterId).not.toBe(peer!.raterId);
    await expectRefusal((await callerFor(other!.raterId)).requests.form({ assignmentId: peer!.id }), "NOT_FOUND");
  });
});

describe("drafts", () => {
  it("are saved, restored on return, and refused whole when they name statements the form does not ask", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    const firstThree: Answers = {
      ratings: Object.fromEntries(Object.entries(answers.ratings).slice(0, 3)),
      comments: {},
    };
    const { savedAt } = await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstThree,
      basedOnVersion: 0,
    });
    expect(savedAt).toBeInstanceOf(Date);

    const restored = await caller.requests.form({ assignmentId: request!.id });
    expect(restored.draft).toEqual(firstThree);
    expect(restored.status).toBe("in_progress");

    const stranger = "0b7e1d9a-5c55-4f6e-9a51-2f1b1c8b9d10";
    await expectRefusal(
      caller.requests.saveDraft({
        assignmentId: request!.id,
        answers: { ratings: { [stranger]: 3 }, comments: {} },
        basedOnVersion: 1,
      }),
      "BAD_REQUEST",
    );
    expect((await caller.requests.form({ assignmentId: request!.id })).draft).toEqual(firstThree);
  });

  /** Answers that rate the first `n` statements of a complete set. */
  function firstRatings(answers: Answers, n: number): Answers {
    return { ratings: Object.fromEntries(Object.entries(answers.ratings).slice(0, n)), comments: {} };
  }

  /** The refusal a save from older answers gets, with the draft it carries. */
  async function newerDraftRefusal(call: Promise<unknown>): Promise<NewerDraftRefusal> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, "the save should have been refused").toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).cause).toBeInstanceOf(NewerDraftRefusal);
    return (error as TRPCError).cause as NewerDraftRefusal;
  }

  it("count their versions: a save based on the stored version is written, and the form names the next one", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    expect((await caller.requests.form({ assignmentId: request!.id })).draftVersion).toBe(0);

    const first = await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstRatings(answers, 2),
      basedOnVersion: 0,
    });
    expect(first.version).toBe(1);
    const second = await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstRatings(answers, 5),
      basedOnVersion: 1,
    });
    expect(second.version).toBe(2);

    const form = await caller.requests.form({ assignmentId: request!.id });
    expect(form.draftVersion).toBe(2);
    expect(form.draft).toEqual(firstRatings(answers, 5));
    expect(form.draftSavedAt).toEqual(second.savedAt);
  });

  it("are refused from a page whose answers are older than the stored ones, with the newer draft, and nothing changes", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    // Two tabs open the form on the same empty draft; the newer one answers six statements.
    const [olderTab, newerTab] = await Promise.all(
      [0, 1].map(() => caller.requests.form({ assignmentId: request!.id })),
    );
    const saved = await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstRatings(answers, 6),
      basedOnVersion: newerTab!.draftVersion,
    });

    // The older tab, still on version 0 with one answer, must not overwrite them.
    const refusal = await newerDraftRefusal(
      caller.requests.saveDraft({
        assignmentId: request!.id,
        answers: firstRatings(answers, 1),
        basedOnVersion: olderTab!.draftVersion,
      }),
    );
    expect(refusal.message).toMatch(/Newer answers to this request were saved from another tab or device/);
    expect(refusal.newer).toEqual({
      answers: firstRatings(answers, 6),
      savedAt: saved.savedAt,
      version: saved.version,
    });

    const [row] = await db.select().from(assignments).where(eq(assignments.id, request!.id));
    expect(row!.draft).toEqual(firstRatings(answers, 6));
    expect(row!.draftVersion).toBe(1);
    expect(row!.draftSavedAt).toEqual(saved.savedAt);

    // Having loaded the newer answers (version 1), the older tab saves again.
    const resumed = await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstRatings(answers, 7),
      basedOnVersion: refusal.newer.version,
    });
    expect(resumed.version).toBe(2);
    // A version from the future is refused too: only the stored one is accepted.
    await newerDraftRefusal(caller.requests.saveDraft({ assignmentId: request!.id, answers, basedOnVersion: 9 }));
    expect((await caller.requests.form({ assignmentId: request!.id })).draft).toEqual(firstRatings(answers, 7));
  });

  it("from the same version at once: exactly one is written, every other is refused with the one that was", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    await caller.requests.saveDraft({
      assignmentId: request!.id,
      answers: firstRatings(answers, 1),
      basedOnVersion: 0,
    });

    // Ten tabs, each with different answers, all based on version 1.
    const attempts = Array.from({ length: 10 }, (_, i) => firstRatings(answers, i + 2));
    const results = await Promise.allSettled(
      attempts.map((attempt) =>
        caller.requests.saveDraft({ assignmentId: request!.id, answers: attempt, basedOnVersion: 1 }),
      ),
    );
    const written = results.flatMap((r, i) =>
      r.status === "fulfilled" ? [{ answers: attempts[i]!, ...r.value }] : [],
    );
    expect(written).toHaveLength(1);
    expect(written[0]!.version).toBe(2);
    for (const result of results.filter((r) => r.status === "rejected")) {
      const refusal = await newerDraftRefusal(Promise.reject(result.reason));
      expect(refusal.newer.version).toBe(2);
      expect(refusal.newer.answers).toEqual(written[0]!.answers);
    }
    const [row] = await db.select().from(assignments).where(eq(assignments.id, request!.id));
    expect(row!.draft).toEqual(written[0]!.answers);
    expect(row!.draftVersion).toBe(2);
  });

  describe("from one opening of the form", () => {
    const page = { id: "6f1e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b" };

    it("replace the page's own earlier save whatever version they started from, in the order the page sent them", async () => {
      const [request] = await openRequests("peer");
      const caller = await callerFor(request!.raterId);
      const answers = await completeAnswers(request!.id, request!.raterId);
      const save = (count: number, basedOnVersion: number, pageSave: number, from = page.id) =>
        caller.requests.saveDraft({
          assignmentId: request!.id,
          answers: firstRatings(answers, count),
          basedOnVersion,
          page: { id: from, save: pageSave },
        });

      // The page's first save is stored, but the tab closes before it learns so:
      // the save sent on closing still names version 0, and replaces it.
      await save(1, 0, 1);
      const closing = await save(2, 0, 2);
      expect(closing.version).toBe(2);

      // An earlier save of the page that arrives late changes nothing, and says so.
      expect(await save(1, 0, 1)).toEqual({ savedAt: closing.savedAt, version: 2, superseded: true });
      expect((await caller.requests.form({ assignmentId: request!.id })).draft).toEqual(firstRatings(answers, 2));

      // Another opening of the form (another tab, or this one reloaded) on
      // version 0 is refused as before, with the page's answers.
      const otherTab = await newerDraftRefusal(save(5, 0, 9, "0a0b0c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"));
      expect(otherTab.newer.answers).toEqual(firstRatings(answers, 2));
      // Once another page has saved, this page's old basis no longer stands either.
      await save(3, 2, 1, "0a0b0c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d");
      await newerDraftRefusal(save(4, 2, 3));

      const [row] = await db.select().from(assignments).where(eq(assignments.id, request!.id));
      expect(row!.draft).toEqual(firstRatings(answers, 3));
      expect(row!.draftVersion).toBe(3);
    });

    it("keep nothing of the page once the request is submitted", async () => {
      const [request] = await openRequests("peer");
      const caller = await callerFor(request!.raterId);
      const answers = await completeAnswers(request!.id, request!.raterId);
      await caller.requests.saveDraft({
        assignmentId: request!.id,
        answers,
        basedOnVersion: 0,
        page: { ...page, save: 1 },
      });
      await caller.requests.submit({ assignmentId: request!.id, answers });
      const [row] = await db.select().from(assignments).where(eq(assignments.id, request!.id));
      expect(row).toMatchObject({ status: "submitted", draft: null, draftPage: null, draftPageSave: null });
    });
  });
});

describe("submitting", () => {
  it("refuses an incomplete form and keeps the draft", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    await caller.requests.saveDraft({ assignmentId: request!.id, answers, basedOnVersion: 0 });
    const before = await countResponses(collectingCycleId, request!.subjectId);
    const [missingOne] = Object.keys(answers.ratings);
    const incomplete: Answers = { ...answers, ratings: { ...answers.ratings } };
    delete incomplete.ratings[missingOne!];
    await expectRefusal(
      caller.requests.submit({ assignmentId: request!.id, answers: incomplete }),
      "BAD_REQUEST",
      /1 statement is not answered/,
    );
    expect((await caller.requests.form({ assignmentId: request!.id })).draft).toEqual(answers);
    expect(await countResponses(collectingCycleId, request!.subjectId)).toBe(before);
  });

  it("writes exactly one response when the same request is submitted twenty times at once", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    await caller.requests.saveDraft({ assignmentId: request!.id, answers, basedOnVersion: 0 });
    const before = await countResponses(collectingCycleId, request!.subjectId);

    const results = await Promise.all(
      Array.from({ length: 20 }, () => caller.requests.submit({ assignmentId: request!.id, answers })),
    );
    expect(results.every((r) => r.submitted)).toBe(true);
    expect(await countResponses(collectingCycleId, request!.subjectId)).toBe(before + 1);

    const [row] = await db.select().from(assignments).where(eq(assignments.id, request!.id));
    expect(row!.status).toBe("submitted");
    expect(row!.draft).toBeNull();
    expect(row!.draftSavedAt).toBeNull();

    // Nobody can read the answers back, the rater included, nor change them.
    const form = await caller.requests.form({ assignmentId: request!.id });
    expect(form.status).toBe("submitted");
    expect(form.draft).toBeNull();
    await expectRefusal(
      caller.requests.saveDraft({ assignmentId: request!.id, answers, basedOnVersion: 1 }),
      "CONFLICT",
      /already submitted/,
    );

    // The response carries the relationship and the answers, stored as given.
    const ratings = await queryRows<{ value: number | null }>(
      db,
      sql`select rr.value from response_ratings rr join responses r on r.id = rr.response_id
          where r.cycle_id = ${collectingCycleId} and r.subject_id = ${request!.subjectId} and r.relationship = 'peer'`,
    );
    expect(ratings.some((r) => r.value === null)).toBe(true); // "not observed" is NULL
    const comments = await queryRows<{ body: string }>(
      db,
      sql`select rc.body from response_comments rc join responses r on r.id = rc.response_id
          where r.cycle_id = ${collectingCycleId} and r.subject_id = ${request!.subjectId}
            and rc.body = 'Stepped back in the incident review so the new lead could run it.'`,
    );
    expect(comments).toHaveLength(1);
  });

  it("refuses to submit someone else's request and changes nothing", async () => {
    const [victim] = await openRequests("peer");
    const [attackerRequest] = (await openRequests("peer")).filter((a) => a.raterId !== victim!.raterId);
    const answers = await completeAnswers(victim!.id, victim!.raterId);
    const attacker = await callerFor(attackerRequest!.raterId);
    const before = await countResponses(collectingCycleId, victim!.subjectId);
    await expectRefusal(attacker.requests.submit({ assignmentId: victim!.id, answers }), "NOT_FOUND");
    await expectRefusal(
      attacker.requests.saveDraft({ assignmentId: victim!.id, answers, basedOnVersion: 0 }),
      "NOT_FOUND",
    );
    await expectRefusal(attacker.requests.decline({ assignmentId: victim!.id, reason: null }), "NOT_FOUND");
    expect(await countResponses(collectingCycleId, victim!.subjectId)).toBe(before);
    const [row] = await db.select().from(assignments).where(eq(assignments.id, victim!.id));
    expect(row!.status).toBe("pending");
    expect(row!.draft).toBeNull();
  });

  it("rejects unknown fields in the input before anything runs", async () => {
    const [request] = await openRequests("peer");
    const caller = await callerFor(request!.raterId);
    const answers = await completeAnswers(request!.id, request!.raterId);
    await expectRefusal(
      caller.requests.submit({ assignmentId: request!.id, answers, raterId: request!.raterId } as never),
      "BAD_REQUEST",
    );
    await expectRefusal(
      caller.requests.submit({
        assignmentId: request!.id,
        answers: { ...answers, ratings: { ...answers.ratings, x: 9 } },
      } as never),
      "BAD_REQUEST",
    );
  });
});

describe("declining", () => {
  it("lets a peer decline with a reason, but not a self-review or a manager's review", async () => {
    const [peer] = await openRequests("peer");
    const [self] = await openRequests("self");
    const [manager] = await openRequests("manager");
    await (
      await callerFor(peer!.raterId)
    ).requests.decline({ assignmentId: peer!.id, reason: "We have not worked together." });
    const [row] = await db.select().from(assignments).where(eq(assignments.id, peer!.id));
    expect(row!.status).toBe("declined");
    expect(row!.declineReason).toBe("We have not worked together.");
    await expectRefusal(
      (await callerFor(self!.raterId)).requests.decline({ assignmentId: self!.id, reason: null }),
      "FORBIDDEN",
    );
    await expectRefusal(
      (await callerFor(manager!.raterId)).requests.decline({ assignmentId: manager!.id, reason: null }),
      "FORBIDDEN",
    );
  });
});

describe("closing a cycle", () => {
  it("stops submissions with a clear message, keeps the late rater's answers, and unties responses from assignments", async () => {
    // A cycle of our own, so the order of submits is known.
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, collectingCycleId));
    const [own] = await db
      .insert(cycles)
      .values({
        name: "Closing test",
        status: "collecting",
        modelId: cycle!.modelId,
        opensOn: "2026-11-01",
        closesOn: "2026-11-30",
      })
      .returning();
    const seedRequests = (await openRequests("peer")).slice(0, 31);
    const copied = await db
      .insert(assignments)
      .values(
        seedRequests.map((a) => ({
          cycleId: own!.id,
          subjectId: a.subjectId,
          raterId: a.raterId,
          relationship: a.relationship,
        })),
      )
      .returning();
    const [late, ...onTime] = copied;
    const submitOrder: string[] = [];
    for (const request of onTime) {
      const answers = await completeAnswers(request.id, request.raterId);
      await (await callerFor(request.raterId)).requests.submit({ assignmentId: request.id, answers });
      submitOrder.push(request.subjectId);
    }

    // Before close, each response shares its transaction with the assignment it marked submitted.
    const sharedBefore = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses r where r.cycle_id = ${own!.id}
          and r.xmin::text in (select a.xmin::text from assignments a where a.cycle_id = ${own!.id})`,
    );
    expect(Number(sharedBefore[0]!.n)).toBe(onTime.length);

    const { closedOn } = await closeCycle(db, { cycleId: own!.id });
    expect(closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const sharedAfter = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses r where r.cycle_id = ${own!.id}
          and r.xmin::text in (select a.xmin::text from assignments a)`,
    );
    expect(Number(sharedAfter[0]!.n)).toBe(0);
    const onDisk = await queryRows<{ subject_id: string }>(
      db,
      sql`select subject_id from responses where cycle_id = ${own!.id} order by ctid`,
    );
    expect(onDisk).toHaveLength(onTime.length);
    expect(onDisk.map((r) => r.subject_id).sort()).toEqual([...submitOrder].sort());
    expect(onDisk.map((r) => r.subject_id)).not.toEqual(submitOrder);
    // Every rating and comment moved with its response.
    const orphans = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responses r where r.cycle_id = ${own!.id}
          and (select count(*) from response_ratings rr where rr.response_id = r.id) <> 21`,
    );
    expect(Number(orphans[0]!.n)).toBe(0);

    // A late submit is refused, in words, and the answers wait in the draft.
    const lateAnswers = await completeAnswers(late!.id, late!.raterId);
    await expectRefusal(
      (await callerFor(late!.raterId)).requests.submit({ assignmentId: late!.id, answers: lateAnswers }),
      "PRECONDITION_FAILED",
      new RegExp(`Closing test closed on ${closedOn}.*kept in your draft`),
    );
    const [lateRow] = await db.select().from(assignments).where(eq(assignments.id, late!.id));
    expect(lateRow!.draft).toEqual(lateAnswers);
    expect(await db.select().from(responses).where(eq(responses.cycleId, own!.id))).toHaveLength(onTime.length);
  });
});
