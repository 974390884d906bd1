CREATE TABLE "published_axis_means" (
	"cycle_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"mean" double precision NOT NULL,
	"subjects" integer NOT NULL,
	CONSTRAINT "published_axis_means_cycle_id_competency_id_pk" PRIMARY KEY("cycle_id","competency_id")
);
--> statement-breakpoint
ALTER TABLE "published_axis_means" ADD CONSTRAINT "published_axis_means_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Cycles published before this table existed get their means from what they stored.
INSERT INTO "published_axis_means" ("cycle_id", "competency_id", "mean", "subjects")
SELECT "cycle_id", "competency_id", avg("mean"), count(*)
FROM "published_scores"
WHERE "group" = 'others' AND NOT "suppressed"
GROUP BY "cycle_id", "competency_id";
