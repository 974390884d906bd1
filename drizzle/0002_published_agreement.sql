CREATE TYPE "public"."agreement" AS ENUM('blind_spot', 'hidden_strength', 'in_line');--> statement-breakpoint
ALTER TABLE "published_scores" ADD COLUMN "difference_from_others" double precision;--> statement-breakpoint
ALTER TABLE "published_scores" ADD COLUMN "agreement" "agreement";