-- A round's deadline is a date that ends at 23:59:59.999 on the municipality's clocks. Rounds
-- entered before this was the rule hold a date as UTC midnight ("2028-01-01T00:00:00Z") or as UTC
-- end of day ("2027-12-31T23:59:59Z"), and both were shown as a time in the first hours of a Danish
-- day ("1. januar 2028 kl. 00.59"). Each such deadline moves to the end of the Danish day it was
-- shown as. That keeps the date people were told and never shortens a published deadline (the
-- end of the previous day would close the round before the time pages showed).
--
-- Only rounds that have not closed yet: a passed deadline has been applied (late applications
-- refused, allocations made) and stays as it was. A deadline round with applications keeps its
-- deadline too: its own process took the closing instant when its first application arrived.
UPDATE funding_rounds r
SET closes_at = (((r.closes_at AT TIME ZONE 'Europe/Copenhagen')::date + 1)::timestamp - interval '1 millisecond') AT TIME ZONE 'Europe/Copenhagen'
WHERE r.closes_at > now()
  AND (r.closes_at AT TIME ZONE 'UTC')::time IN ('00:00:00', '23:59:59')
  AND NOT (r.mode = 'deadline' AND EXISTS (SELECT 1 FROM applications a WHERE a.round_id = r.id));
