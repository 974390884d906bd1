ALTER TABLE "published_composites" ADD COLUMN "shrunk_low" double precision;--> statement-breakpoint
ALTER TABLE "published_composites" ADD COLUMN "shrunk_high" double precision;