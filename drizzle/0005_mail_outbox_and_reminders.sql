CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_subject_length" CHECK (length("outbox"."subject") <= 300)
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"person_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	CONSTRAINT "reminders_person_id_sent_on_pk" PRIMARY KEY("person_id","sent_on")
);
--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminders_cycle_idx" ON "reminders" USING btree ("cycle_id","sent_on");