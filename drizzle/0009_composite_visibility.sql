ALTER TABLE "published_composites" ADD COLUMN "visibility" double precision;--> statement-breakpoint
-- Cycles published before this column existed: their shown visibility figures.
UPDATE "published_composites" pc SET "visibility" = ps."shrunk_mean"
FROM "published_scores" ps
JOIN "competencies" c ON c."id" = ps."competency_id" AND c."kind" = 'visibility'
WHERE pc."group" = 'others' AND ps."cycle_id" = pc."cycle_id" AND ps."subject_id" = pc."subject_id"
  AND ps."group" = 'others' AND NOT ps."suppressed";
