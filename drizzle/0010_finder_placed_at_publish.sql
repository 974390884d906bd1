CREATE TYPE "public"."finder_quadrant" AS ENUM('quiet_influencer', 'visible_leader', 'visible_not_leading', 'developing');--> statement-breakpoint
CREATE TABLE "published_finder_cycles" (
	"cycle_id" uuid PRIMARY KEY NOT NULL,
	"subjects" integer NOT NULL,
	"median_competence" double precision,
	"median_visibility" double precision,
	"competence_from" double precision,
	"competence_to" double precision,
	"visibility_from" double precision,
	"visibility_to" double precision,
	"cells" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_finder_groups" (
	"cycle_id" uuid NOT NULL,
	"department" text NOT NULL,
	"level" smallint,
	"location" text NOT NULL,
	"quadrant" "finder_quadrant" NOT NULL,
	"people" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_finder_people" (
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"department" text NOT NULL,
	"level" smallint,
	"location" text NOT NULL,
	"responses" integer NOT NULL,
	"competence" double precision NOT NULL,
	"competence_low" double precision,
	"competence_high" double precision,
	"visibility" double precision NOT NULL,
	"manager_gap" double precision,
	"self_agreement" "agreement",
	"quadrant" "finder_quadrant" NOT NULL,
	"shortlist_order" integer,
	"competence_cell" smallint NOT NULL,
	"visibility_cell" smallint NOT NULL,
	CONSTRAINT "published_finder_people_cycle_id_subject_id_pk" PRIMARY KEY("cycle_id","subject_id")
);
--> statement-breakpoint
ALTER TABLE "published_finder_cycles" ADD CONSTRAINT "published_finder_cycles_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_finder_groups" ADD CONSTRAINT "published_finder_groups_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_finder_people" ADD CONSTRAINT "published_finder_people_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "published_finder_groups_cycle_idx" ON "published_finder_groups" USING btree ("cycle_id");--> statement-breakpoint
CREATE INDEX "published_finder_people_name_idx" ON "published_finder_people" USING btree ("cycle_id","name","subject_id");--> statement-breakpoint
CREATE INDEX "published_finder_people_shortlist_idx" ON "published_finder_people" USING btree ("cycle_id","shortlist_order") WHERE "published_finder_people"."shortlist_order" is not null;--> statement-breakpoint
-- Cycles published before the finder was placed at publish: place them now,
-- with the statements of server/db/queries/finder-placement.ts.
DO $$
DECLARE
  c uuid;
BEGIN
  FOR c IN SELECT DISTINCT cycle_id FROM published_composites LOOP
    INSERT INTO published_finder_cycles
      (cycle_id, subjects, median_competence, median_visibility, competence_from, competence_to, visibility_from, visibility_to, cells)
    SELECT c,
           (SELECT count(*) FROM published_composites WHERE cycle_id = c AND "group" = 'others'),
           m.mc, m.mv,
           greatest(1, floor((least(m.min_c, m.mc) - 0.1) * 2) / 2), least(5, ceil((greatest(m.max_c, m.mc) + 0.1) * 2) / 2),
           greatest(1, floor((least(m.min_v, m.mv) - 0.1) * 2) / 2), least(5, ceil((greatest(m.max_v, m.mv) + 0.1) * 2) / 2),
           40
    FROM (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY shrunk_mean) AS mc,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY visibility) AS mv,
             min(shrunk_mean) AS min_c, max(shrunk_mean) AS max_c, min(visibility) AS min_v, max(visibility) AS max_v
      FROM published_composites
      WHERE cycle_id = c AND "group" = 'others' AND NOT suppressed AND visibility IS NOT NULL
    ) m;

    INSERT INTO published_finder_people
      (cycle_id, subject_id, name, title, department, level, location, responses, competence, competence_low, competence_high,
       visibility, manager_gap, self_agreement, quadrant, shortlist_order, competence_cell, visibility_cell)
    SELECT pc.cycle_id, pc.subject_id, p.name, p.title, p.department, p.level, p.location, pc.n,
           pc.competence, pc.competence_low, pc.competence_high, pc.visibility, pc.manager_gap, pc.self_agreement, q.quadrant,
           CASE WHEN q.quadrant = 'quiet_influencer' THEN
             row_number() OVER (PARTITION BY q.quadrant = 'quiet_influencer'
                                ORDER BY pc.competence_low DESC NULLS LAST, pc.competence DESC, pc.subject_id)
           END,
           least(greatest(floor((pc.competence - f.competence_from) / (f.competence_to - f.competence_from) * f.cells), 0), f.cells - 1)::smallint,
           least(greatest(floor((pc.visibility - f.visibility_from) / (f.visibility_to - f.visibility_from) * f.cells), 0), f.cells - 1)::smallint
    FROM (
      SELECT cycle_id, subject_id,
             bool_or("group" = 'others' AND NOT suppressed AND visibility IS NOT NULL) AS placed,
             max(n) FILTER (WHERE "group" = 'others') AS n,
             max(shrunk_mean) FILTER (WHERE "group" = 'others') AS competence,
             max(shrunk_low) FILTER (WHERE "group" = 'others') AS competence_low,
             max(shrunk_high) FILTER (WHERE "group" = 'others') AS competence_high,
             max(visibility) FILTER (WHERE "group" = 'others') AS visibility,
             max(difference_from_others) FILTER (WHERE "group" = 'manager') AS manager_gap,
             max(agreement) FILTER (WHERE "group" = 'self') AS self_agreement
      FROM published_composites
      WHERE cycle_id = c
      GROUP BY cycle_id, subject_id
    ) pc
    JOIN published_finder_cycles f ON f.cycle_id = pc.cycle_id
    JOIN people p ON p.id = pc.subject_id
    CROSS JOIN LATERAL (
      SELECT (CASE WHEN pc.competence > f.median_competence + 1e-9::float8
                   THEN (CASE WHEN pc.visibility > f.median_visibility + 1e-9::float8 THEN 'visible_leader' ELSE 'quiet_influencer' END)
                   ELSE (CASE WHEN pc.visibility > f.median_visibility + 1e-9::float8 THEN 'visible_not_leading' ELSE 'developing' END)
              END)::finder_quadrant AS quadrant
    ) q
    WHERE pc.placed;

    INSERT INTO published_finder_groups (cycle_id, department, level, location, quadrant, people)
    SELECT cycle_id, department, level, location, quadrant, count(*)::int
    FROM published_finder_people WHERE cycle_id = c
    GROUP BY cycle_id, department, level, location, quadrant;
  END LOOP;
END $$;
