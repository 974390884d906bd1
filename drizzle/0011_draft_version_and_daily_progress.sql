CREATE TABLE "progress_snapshot_counts" (
	"cycle_id" uuid NOT NULL,
	"counted_on" date NOT NULL,
	"subject_id" uuid NOT NULL,
	"relationship" "relationship" NOT NULL,
	"pending" integer NOT NULL,
	"in_progress" integer NOT NULL,
	"submitted" integer NOT NULL,
	"declined" integer NOT NULL,
	CONSTRAINT "progress_snapshot_counts_cycle_id_counted_on_subject_id_relationship_pk" PRIMARY KEY("cycle_id","counted_on","subject_id","relationship")
);
--> statement-breakpoint
CREATE TABLE "progress_snapshots" (
	"cycle_id" uuid NOT NULL,
	"counted_on" date NOT NULL,
	CONSTRAINT "progress_snapshots_cycle_id_counted_on_pk" PRIMARY KEY("cycle_id","counted_on")
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "draft_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_snapshots" ADD CONSTRAINT "progress_snapshots_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;