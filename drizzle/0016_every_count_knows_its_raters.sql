-- Counts taken before 0013 do not know how many people had requests open.
-- They are only ever the day's count of a collecting cycle, retaken at the
-- next view or hourly run, so they are dropped rather than guessed.
DELETE FROM "progress_snapshot_counts" c USING "progress_snapshots" s
WHERE s."cycle_id" = c."cycle_id" AND s."counted_on" = c."counted_on" AND s."raters_open" IS NULL;--> statement-breakpoint
DELETE FROM "progress_snapshots" WHERE "raters_open" IS NULL;--> statement-breakpoint
ALTER TABLE "progress_snapshots" ALTER COLUMN "raters_open" SET NOT NULL;
