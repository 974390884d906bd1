CREATE TABLE "published_composites" (
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"group" "score_group" NOT NULL,
	"n" integer NOT NULL,
	"suppressed" boolean NOT NULL,
	"mean" double precision,
	"sd" double precision,
	"ci_low" double precision,
	"ci_high" double precision,
	"shrunk_mean" double precision,
	"difference_from_others" double precision,
	"agreement" "agreement",
	CONSTRAINT "published_composites_cycle_id_subject_id_group_pk" PRIMARY KEY("cycle_id","subject_id","group"),
	CONSTRAINT "published_composites_n" CHECK ("published_composites"."n" >= 0),
	CONSTRAINT "published_composites_suppressed_has_no_figures" CHECK (NOT "published_composites"."suppressed" OR ("published_composites"."mean" IS NULL AND "published_composites"."sd" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "published_composites" ADD CONSTRAINT "published_composites_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_composites" ADD CONSTRAINT "published_composites_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;