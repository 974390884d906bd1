ALTER TABLE "published_composites" DROP CONSTRAINT "published_composites_subject_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "published_scores" DROP CONSTRAINT "published_scores_subject_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "published_scores" DROP CONSTRAINT "published_scores_competency_id_competencies_id_fk";
