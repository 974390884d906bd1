-- Rules that a CHECK constraint cannot express, enforced by the database so
-- that no code path (import, admin edit, script) can break them.

-- No manager cycles: walking up from a person's manager must never reach the
-- person. A constraint trigger runs after the statement's rows are in place,
-- so a multi-row import that builds a cycle is caught however it is ordered;
-- it is deferrable so an import may check at commit instead.
CREATE FUNCTION people_reject_manager_cycle() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  loop_found boolean;
BEGIN
  IF NEW.manager_id IS NULL THEN
    RETURN NULL;
  END IF;
  WITH RECURSIVE chain(id, depth) AS (
    SELECT NEW.manager_id, 1
    UNION ALL
    SELECT p.manager_id, chain.depth + 1
    FROM people p JOIN chain ON p.id = chain.id
    WHERE p.manager_id IS NOT NULL AND chain.depth < 10000 AND p.id <> NEW.id
  )
  SELECT EXISTS (SELECT 1 FROM chain WHERE id = NEW.id) INTO loop_found;
  IF loop_found THEN
    RAISE EXCEPTION 'manager cycle: % would end up reporting to themselves', NEW.email
      USING ERRCODE = 'check_violation', CONSTRAINT = 'people_no_manager_cycle';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER people_no_manager_cycle
AFTER INSERT OR UPDATE OF manager_id ON people
DEFERRABLE INITIALLY IMMEDIATE
FOR EACH ROW EXECUTE FUNCTION people_reject_manager_cycle();
--> statement-breakpoint
-- k is part of the promise made to raters when collection starts: it cannot
-- change once a cycle has left draft.
CREATE FUNCTION cycles_freeze_min_group_size() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND NEW.min_group_size IS DISTINCT FROM OLD.min_group_size THEN
    RAISE EXCEPTION 'the minimum group size of cycle "%" cannot change after it has left draft', OLD.name
      USING ERRCODE = 'check_violation', CONSTRAINT = 'cycles_min_group_size_frozen';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cycles_min_group_size_frozen
BEFORE UPDATE OF min_group_size ON cycles
FOR EACH ROW EXECUTE FUNCTION cycles_freeze_min_group_size();
