ALTER TABLE "assignments" ADD COLUMN "draft_page" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "draft_page_save" integer;