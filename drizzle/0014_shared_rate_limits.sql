-- Unlogged: rate-limit counts need not survive a crash, and are written at
-- every limited request.
CREATE UNLOGGED TABLE "rate_limit_buckets" (
	"bucket" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"allowed" boolean NOT NULL
);
