-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "disclosureThreshold" INTEGER;

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "recordKey" INTEGER NOT NULL DEFAULT floor(random() * 4096)::integer;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: disclosure control (cell-key method) and row-level security on PartnershipMember.
-- ---------------------------------------------------------------------------------------------------------

-- Record keys: the ADD COLUMN above evaluates the volatile default once per existing row, so every enrolment
-- already has its own random key. A key is fixed for the enrolment's life: an update cannot change it.
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_recordKey_range" CHECK ("recordKey" >= 0 AND "recordKey" < 4096);
CREATE FUNCTION samspill_keep_record_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."recordKey" := OLD."recordKey";
  RETURN NEW;
END
$$;
CREATE TRIGGER "Enrolment_record_key_fixed" BEFORE UPDATE ON "Enrolment"
  FOR EACH ROW EXECUTE FUNCTION samspill_keep_record_key();

ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_disclosureThreshold_range"
  CHECK ("disclosureThreshold" IS NULL OR ("disclosureThreshold" >= 3 AND "disclosureThreshold" <= 10));

-- PartnershipMember: a tenant reads the member rows of the partnerships it belongs to (invited or active) and
-- writes only its own rows; a user (no tenant set) reads the member rows of the partnerships any of their
-- tenants belongs to. Which partnerships those are is answered by a SECURITY DEFINER function (a policy that
-- read the table it guards would recurse); it returns partnership ids only.
CREATE FUNCTION samspill_visible_partnerships() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT pm."partnershipId" FROM "PartnershipMember" pm
  WHERE pm.status <> 'LEFT'
    AND (pm."tenantId" = current_setting('app.tenant_id', true)
         OR pm."tenantId" IN (SELECT m."tenantId" FROM "Membership" m WHERE m."userId" = current_setting('app.user_id', true)))
$$;

-- Invitations: the one way to write a row for another tenant. The inviting tenant (app.tenant_id) must be an
-- active member; the invited tenant must exist and be active and not already invited or a member.
-- Returns 'invited', 'not_member', 'unknown_tenant' or 'already_member'.
CREATE FUNCTION samspill_invite_partnership_member(p_partnership text, p_tenant_slug text) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  inviter text := current_setting('app.tenant_id', true);
  invited text;
  existing "PartnershipMemberStatus";
BEGIN
  IF inviter IS NULL OR inviter = '' OR NOT EXISTS (
    SELECT 1 FROM "PartnershipMember" WHERE "partnershipId" = p_partnership AND "tenantId" = inviter AND status = 'ACTIVE') THEN
    RETURN 'not_member';
  END IF;
  SELECT id INTO invited FROM "Tenant" WHERE slug = lower(btrim(p_tenant_slug)) AND status = 'ACTIVE';
  IF invited IS NULL THEN
    RETURN 'unknown_tenant';
  END IF;
  SELECT status INTO existing FROM "PartnershipMember" WHERE "partnershipId" = p_partnership AND "tenantId" = invited FOR UPDATE;
  IF existing IS NOT NULL AND existing <> 'LEFT' THEN
    RETURN 'already_member';
  END IF;
  INSERT INTO "PartnershipMember" ("partnershipId", "tenantId", status, "sharesIndicators", "joinedAt")
  VALUES (p_partnership, invited, 'INVITED', false, NULL)
  ON CONFLICT ("partnershipId", "tenantId") DO UPDATE SET status = 'INVITED', "sharesIndicators" = false, "joinedAt" = NULL;
  RETURN 'invited';
END
$$;
CREATE FUNCTION samspill_partnership_has_members(p_partnership text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM "PartnershipMember" WHERE "partnershipId" = p_partnership)
$$;

-- The app may move its own row INVITED → ACTIVE or LEFT (answer) and ACTIVE → LEFT (leave); only an
-- invitation (the function above, running as the owner) puts a row back to INVITED, and no one rejoins by
-- setting LEFT → ACTIVE. Figures are shared only by an active member.
CREATE FUNCTION samspill_check_partnership_member_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."partnershipId" <> OLD."partnershipId" OR NEW."tenantId" <> OLD."tenantId" THEN
    RAISE EXCEPTION 'a partnership member row keeps its partnership and tenant' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF current_user = 'samspill_app' AND NEW.status <> OLD.status
     AND NOT ((OLD.status = 'INVITED' AND NEW.status IN ('ACTIVE', 'LEFT')) OR (OLD.status = 'ACTIVE' AND NEW.status = 'LEFT')) THEN
    RAISE EXCEPTION 'partnership membership cannot change from % to %', OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."sharesIndicators" AND NEW.status <> 'ACTIVE' THEN
    RAISE EXCEPTION 'only an active member shares figures' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "PartnershipMember_change" BEFORE UPDATE ON "PartnershipMember"
  FOR EACH ROW EXECUTE FUNCTION samspill_check_partnership_member_change();

REVOKE ALL ON FUNCTION samspill_partnership_has_members(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_partnership_has_members(text) TO samspill_app;
REVOKE ALL ON FUNCTION samspill_visible_partnerships() FROM PUBLIC;
REVOKE ALL ON FUNCTION samspill_invite_partnership_member(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_visible_partnerships() TO samspill_app;
GRANT EXECUTE ON FUNCTION samspill_invite_partnership_member(text, text) TO samspill_app;

ALTER TABLE "PartnershipMember" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PartnershipMember" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_member_read ON "PartnershipMember" FOR SELECT TO samspill_app
  USING ("tenantId" = current_setting('app.tenant_id', true) OR "partnershipId" IN (SELECT samspill_visible_partnerships()));
-- A tenant inserts its own row only as the first member of a new partnership (it started it); joining an
-- existing partnership takes an invitation.
CREATE POLICY partnership_member_insert ON "PartnershipMember" FOR INSERT TO samspill_app
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true) AND NOT samspill_partnership_has_members("partnershipId"));
CREATE POLICY partnership_member_update ON "PartnershipMember" FOR UPDATE TO samspill_app
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY partnership_member_delete ON "PartnershipMember" FOR DELETE TO samspill_app
  USING ("tenantId" = current_setting('app.tenant_id', true));
-- The owner (migrations, and the two functions above, which run as the owner) keeps full access: FORCE makes
-- the policies bind the owner too, and without a policy of its own the functions would see no rows.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY partnership_member_owner ON "PartnershipMember" TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
