CREATE TYPE "public"."assignment_status" AS ENUM('pending', 'in_progress', 'submitted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."axis_kind" AS ENUM('competency', 'visibility');--> statement-breakpoint
CREATE TYPE "public"."cycle_status" AS ENUM('draft', 'nominating', 'collecting', 'closed', 'published');--> statement-breakpoint
CREATE TYPE "public"."nomination_status" AS ENUM('proposed', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('open', 'reflection');--> statement-breakpoint
CREATE TYPE "public"."relationship" AS ENUM('self', 'manager', 'peer', 'direct_report');--> statement-breakpoint
CREATE TYPE "public"."score_group" AS ENUM('self', 'manager', 'others', 'peer', 'direct_report');--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"relationship" "relationship" NOT NULL,
	"status" "assignment_status" DEFAULT 'pending' NOT NULL,
	"draft" jsonb,
	"draft_saved_at" timestamp with time zone,
	"decline_reason" text,
	CONSTRAINT "assignments_self_consistent" CHECK (("assignments"."relationship" = 'self') = ("assignments"."subject_id" = "assignments"."rater_id")),
	CONSTRAINT "assignments_no_draft_after_submit" CHECK ("assignments"."status" <> 'submitted' OR ("assignments"."draft" IS NULL AND "assignments"."draft_saved_at" IS NULL)),
	CONSTRAINT "assignments_decline_reason_length" CHECK (length("assignments"."decline_reason") <= 500)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_id" uuid,
	"cycle_id" uuid,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "auth_accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "auth_accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "competencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" "axis_kind" DEFAULT 'competency' NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competency_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" "cycle_status" DEFAULT 'draft' NOT NULL,
	"model_id" uuid NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"min_group_size" smallint DEFAULT 3 NOT NULL,
	"departments" text[],
	"min_peers" smallint DEFAULT 3 NOT NULL,
	"max_peers" smallint DEFAULT 8 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	CONSTRAINT "cycles_min_group_size" CHECK ("cycles"."min_group_size" >= 3),
	CONSTRAINT "cycles_dates_ordered" CHECK ("cycles"."closes_on" >= "cycles"."opens_on"),
	CONSTRAINT "cycles_peer_range" CHECK ("cycles"."min_peers" >= 0 AND "cycles"."max_peers" >= "cycles"."min_peers"),
	CONSTRAINT "cycles_name_present" CHECK (length(trim("cycles"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"nominee_id" uuid NOT NULL,
	"status" "nomination_status" DEFAULT 'proposed' NOT NULL,
	"added_by_manager" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nominations_not_self" CHECK ("nominations"."subject_id" <> "nominations"."nominee_id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"level" smallint,
	"manager_id" uuid,
	"is_hr" boolean DEFAULT false NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_email_lowercase" CHECK ("people"."email" = lower("people"."email") AND position('@' in "people"."email") > 1),
	CONSTRAINT "people_name_present" CHECK (length(trim("people"."name")) > 0),
	CONSTRAINT "people_not_own_manager" CHECK ("people"."manager_id" IS NULL OR "people"."manager_id" <> "people"."id")
);
--> statement-breakpoint
CREATE TABLE "published_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"group" "score_group" NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_scores" (
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"competency_id" uuid NOT NULL,
	"group" "score_group" NOT NULL,
	"n" integer NOT NULL,
	"suppressed" boolean NOT NULL,
	"mean" double precision,
	"sd" double precision,
	"ci_low" double precision,
	"ci_high" double precision,
	"shrunk_mean" double precision,
	"distribution" integer[],
	CONSTRAINT "published_scores_cycle_id_subject_id_competency_id_group_pk" PRIMARY KEY("cycle_id","subject_id","competency_id","group"),
	CONSTRAINT "published_scores_n" CHECK ("published_scores"."n" >= 0),
	CONSTRAINT "published_scores_suppressed_has_no_figures" CHECK (NOT "published_scores"."suppressed" OR ("published_scores"."mean" IS NULL AND "published_scores"."sd" IS NULL AND "published_scores"."distribution" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" "question_kind" NOT NULL,
	"competency_id" uuid,
	"position" smallint NOT NULL,
	"prompt" text NOT NULL,
	"hint" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "response_comments_body_length" CHECK (length(trim("response_comments"."body")) BETWEEN 1 AND 4000)
);
--> statement-breakpoint
CREATE TABLE "response_ratings" (
	"response_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"value" smallint,
	CONSTRAINT "response_ratings_response_id_statement_id_pk" PRIMARY KEY("response_id","statement_id"),
	CONSTRAINT "response_ratings_value_range" CHECK ("response_ratings"."value" IS NULL OR "response_ratings"."value" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"relationship" "relationship" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competency_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL,
	"self_text" text NOT NULL,
	"reverse_scored" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_rater_id_people_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_accounts" ADD CONSTRAINT "auth_accounts_user_id_people_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_people_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competencies" ADD CONSTRAINT "competencies_model_id_competency_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."competency_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_model_id_competency_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."competency_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_id_people_id_fk" FOREIGN KEY ("nominee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_comments" ADD CONSTRAINT "published_comments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_comments" ADD CONSTRAINT "published_comments_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_comments" ADD CONSTRAINT "published_comments_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_scores" ADD CONSTRAINT "published_scores_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_scores" ADD CONSTRAINT "published_scores_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_scores" ADD CONSTRAINT "published_scores_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_model_id_competency_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."competency_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_comments" ADD CONSTRAINT "response_comments_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_comments" ADD CONSTRAINT "response_comments_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_ratings" ADD CONSTRAINT "response_ratings_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_ratings" ADD CONSTRAINT "response_ratings_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_unique" ON "assignments" USING btree ("cycle_id","subject_id","rater_id");--> statement-breakpoint
CREATE INDEX "assignments_rater_idx" ON "assignments" USING btree ("rater_id","cycle_id");--> statement-breakpoint
CREATE INDEX "assignments_subject_idx" ON "assignments" USING btree ("cycle_id","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "competencies_model_key_unique" ON "competencies" USING btree ("model_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "competencies_model_position_unique" ON "competencies" USING btree ("model_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_unique" ON "nominations" USING btree ("cycle_id","subject_id","nominee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_unique" ON "people" USING btree ("email");--> statement-breakpoint
CREATE INDEX "people_manager_idx" ON "people" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "people_department_idx" ON "people" USING btree ("department");--> statement-breakpoint
CREATE INDEX "published_comments_subject_idx" ON "published_comments" USING btree ("cycle_id","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_model_key_unique" ON "questions" USING btree ("model_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "response_comments_unique" ON "response_comments" USING btree ("response_id","question_id");--> statement-breakpoint
CREATE INDEX "responses_cycle_subject_idx" ON "responses" USING btree ("cycle_id","subject_id","relationship");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_competency_key_unique" ON "statements" USING btree ("competency_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_competency_position_unique" ON "statements" USING btree ("competency_id","position");