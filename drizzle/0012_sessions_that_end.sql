-- auth_sessions had the Auth.js adapter's shape but was never written (the
-- adapter keeps no sessions), so it is replaced rather than altered: drizzle-kit's
-- column-by-column diff would add a second primary key.
DROP TABLE "auth_sessions";--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_person_idx" ON "auth_sessions" USING btree ("person_id");--> statement-breakpoint
-- "Sign out everywhere" now deletes the person's session rows.
ALTER TABLE "people" DROP COLUMN "sessions_valid_from";--> statement-breakpoint
-- Deactivating someone ends their sessions for good, whichever path sets the
-- flag (org-chart import, an admin's SQL, a script): reactivating them later
-- must not bring an old session back.
CREATE FUNCTION people_end_sessions_on_deactivation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM auth_sessions WHERE person_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_end_sessions_on_deactivation
AFTER UPDATE OF active ON people
FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
EXECUTE FUNCTION people_end_sessions_on_deactivation();
