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
    super(`Publishing was refused, and nothing was published: ${rules.map((r) => AUDIT_RULES[r]).join("; ")}. Please report this as a bug.`);
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
 * Signatures: on each axis, a response's memberships in the shown figures
 * as bits — others 1, peers 2, direct reports 4, and the same ×8 for the
 * composite, which reaches every competency. Responses with the same bits on
 * an axis form a cell; a cell of 1 … k−1 is what subtraction could isolate.
 */
export async function auditDisclosure(tx: Db, cycleId: string, k: number, compositeId: string): Promise<void> {
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
        ), declared as (
          select subject_id, competency_id, 'others' as grp, count(*)::int as n from pub_members group by subject_id, competency_id
          union all
          select subject_id, competency_id, unit, count(*)::int from pub_members where unit <> 'others'
          group by subject_id, competency_id, unit
        ), axes as (
          select id, kind::text as kind from competencies where model_id = (select model_id from cycles where id = ${cycleId})
        ), bits as (
          select m.subject_id, m.response_id, m.competency_id,
                 case m.unit when 'peer' then 3 when 'direct_report' then 5 else 1 end as bits
          from pub_members m
        ), memberships as (
          -- On its own axis, a figure's bits; the composite's reach every competency.
          select b.subject_id, b.response_id, b.competency_id as axis, b.bits from bits b join axes a on a.id = b.competency_id
          union all
          select b.subject_id, b.response_id, a.id, b.bits * 8
          from bits b cross join axes a where b.competency_id = ${compositeId}::uuid and a.kind = 'competency'
        ), signatures as (
          select subject_id, axis, bit_or(bits) as signature from memberships group by subject_id, axis, response_id
        )
        select
          exists (select 1 from stored where not suppressed and n < ${k}) as shown_below_k,
          exists (select 1 from stored where suppressed and has_values) as hidden_with_values,
          exists (select 1 from stored s left join declared d using (subject_id, competency_id, grp)
                  where (s.suppressed and d.n is not null) or (not s.suppressed and d.n is distinct from s.n)) as figures_not_over_declared,
          exists (select 1 from pub_members m left join responses r on r.id = m.response_id
                  where r.id is null or r.cycle_id <> ${cycleId} or r.subject_id <> m.subject_id
                     or r.relationship not in ('peer', 'direct_report')
                     or (m.unit <> 'others' and r.relationship::text <> m.unit)) as attributed_among_anonymous,
          exists (select 1 from signatures group by subject_id, axis, signature having count(*) < ${k}) as isolatable_cell,
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
