-- The rate limits move to rate-limiter-flexible's PostgreSQL store, which keeps each count's expiry
-- in epoch milliseconds and counts with one statement. Counts in their window keep it.
ALTER TABLE "rate_limits" ALTER COLUMN "expire" TYPE BIGINT USING (floor(extract(epoch FROM "expire") * 1000))::bigint;
