import "server-only";
import { sql } from "drizzle-orm";
import { DISCLOSURE_RULES } from "../../domain/disclosure";
import type { Db } from "../engines";
import { queryRows } from "../rows";

/** Everything the auditor refuses, as HR reads it: the rule, never a figure. */
export const AUDIT_RULES = {
  ...DISCLOSURE_RULES,
  hidden_with_values: "a hidden anonymous figure would carry values",
  figures_not_over_declared: "an anonymous figure would not stand on the responses declared for it",
  attributed_among_anonymous: "an attributed or foreign answer would count among a person's anonymous raters",
  comments_without_figures: "anonymous comments would show for someone whose figures are hidden",
  organisation_over_hidden: "an organisation-wide mean would include hidden groups",
} as const;
export type AuditRule = keyof typeof AUDIT_RULES;

export class DisclosureRuleBrokenError extends Error {
  constructor(readonly rules: AuditRule[]) {
    super(
      `Publishing was refused, and nothing was published: ${rules.map((r) => AUDIT_RULES[r]).join("; ")}. Please report this as a bug.`,
    );
    this.name = "DisclosureRuleBrokenError";
  }
}

/**
 * The auditor, inside the publish transaction, after every figure is stored:
 * it reads back the stored rows and the responses the publish declared
 * behind each figure (`pub_members`), and checks the disclosure rule of
 * server/domain/disclosure.ts on them, independently of the SQL that chose
 * the members and computed the figures. Any breach throws, which rolls the
 * whole publish back.
 *
 * One pass over the declared members folds each response into a pattern:
 * its unit and the set of axes it counts for (a bit per axis). A subject
 * has only a few patterns, and everything else is read from them. On each
 * axis, a response's signature is its memberships in the shown figures —
 * others 1, peers 2, direct reports 4, the same ×8 through the composite,
 * which reaches every competency. Responses with the same signature form a
 * cell; a cell of 1 … k−1 is what subtraction could isolate.
 */
export async function auditDisclosure(
  tx: Db,
  { cycleId, k, compositeId }: { cycleId: string; k: number; compositeId: string },
): Promise<void> {
  const [found] = await queryRows<Record<AuditRule, boolean>>(
    tx,
    sql`with stored as (
          select subject_id, competency_id, "group"::text as grp, n, suppressed,
                 (mean is not null or sd is not null or ci_low is not null or shrunk_mean is not null or distribution is not null) as has_values
          from published_scores where cycle_id = ${cycleId} and "group" in ('others', 'peer', 'direct_report')
          union all
          select subject_id, ${compositeId}::uuid, "group"::text, n, suppressed,
                 (mean is not null or sd is not null or ci_low is not null or shrunk_mean is not null or shrunk_low is not null
                  or visibility is not null)
          from published_composites where cycle_id = ${cycleId} and "group" in ('others', 'peer', 'direct_report')
        ), axes as (
          select id, kind::text as kind, (1 << row_number() over (order by id)::int) as bit
          from competencies where model_id = (select model_id from cycles where id = ${cycleId})
          union all
          select ${compositeId}::uuid, 'composite', 1
        ), per_response as (
          select m.response_id, m.subject_id, m.unit, bit_or(a.bit) as mask
          from pub_members m join axes a on a.id = m.competency_id
          group by m.response_id, m.subject_id, m.unit
        ), patterns as (
          select subject_id, unit, mask, count(*)::int as n,
                 case unit when 'peer' then 3 when 'direct_report' then 5 else 1 end as bits
          from per_response group by subject_id, unit, mask
        ), declared as (
          select p.subject_id, a.id as competency_id, 'others' as grp, sum(p.n)::int as n
          from patterns p join axes a on p.mask & a.bit <> 0 group by p.subject_id, a.id
          union all
          select p.subject_id, a.id, p.unit, sum(p.n)::int
          from patterns p join axes a on p.mask & a.bit <> 0 where p.unit <> 'others' group by p.subject_id, a.id, p.unit
        ), signatures as (
          select p.subject_id, a.id as axis,
                 (case when p.mask & a.bit <> 0 then p.bits else 0 end)
                 | (case when a.kind = 'competency' and p.mask & 1 <> 0 then p.bits * 8 else 0 end) as signature,
                 p.n
          from patterns p cross join axes a where a.kind <> 'composite'
        ), cells as (
          select subject_id, axis, signature, sum(n) as n from signatures where signature <> 0 group by subject_id, axis, signature
        )
        select
          exists (select 1 from stored where not suppressed and n < ${k}) as shown_below_k,
          exists (select 1 from stored where suppressed and has_values) as hidden_with_values,
          exists (select 1 from stored s left join declared d using (subject_id, competency_id, grp)
                  where (s.suppressed and d.n is not null) or (not s.suppressed and d.n is distinct from s.n)) as figures_not_over_declared,
          -- A response declared under two units would also count twice.
          exists (select 1 from per_response m left join responses r on r.id = m.response_id
                  where r.id is null or r.cycle_id <> ${cycleId} or r.subject_id <> m.subject_id
                     or r.relationship not in ('peer', 'direct_report')
                     or (m.unit <> 'others' and r.relationship::text <> m.unit))
            or exists (select 1 from per_response group by response_id having count(*) > 1) as attributed_among_anonymous,
          exists (select 1 from cells where n < ${k}) as isolatable_cell,
          exists (select 1 from published_comments pc
                  where pc.cycle_id = ${cycleId} and pc."group" = 'others'
                    and not exists (select 1 from published_composites pcs
                                    where pcs.cycle_id = ${cycleId} and pcs.subject_id = pc.subject_id
                                      and pcs."group" = 'others' and not pcs.suppressed)) as comments_without_figures,
          exists (select 1 from published_axis_means am
                  where am.cycle_id = ${cycleId}
                    and am.subjects <> (select count(*) from published_scores ps
                                        where ps.cycle_id = ${cycleId} and ps.competency_id = am.competency_id
                                          and ps."group" = 'others' and not ps.suppressed)) as organisation_over_hidden`,
  );
  const broken = (Object.keys(AUDIT_RULES) as AuditRule[]).filter((rule) => found?.[rule]);
  if (broken.length) throw new DisclosureRuleBrokenError(broken);
}
