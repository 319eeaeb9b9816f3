-- CreateTable
CREATE TABLE "TenantDataVersion" (
    "tenantId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TenantDataVersion_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "TenantDataVersion" ADD CONSTRAINT "TenantDataVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: row-level security, grants and the triggers that raise the version.
-- ---------------------------------------------------------------------------------------------------------
-- The app reads its tenant's version (row-level security) and never writes it: only the trigger function
-- below does, as the owner, within the policy (it names the tenant whose version it raises).
ALTER TABLE "TenantDataVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TenantDataVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TenantDataVersion"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
REVOKE ALL ON TABLE "TenantDataVersion" FROM samspill_app;
GRANT SELECT ON TABLE "TenantDataVersion" TO samspill_app;

-- Once per tenant per transaction, when it commits (a deferred constraint trigger): an import of 40 000 rows
-- raises it once, and the row is locked only for the moment of the commit, so writers in one tenant never wait
-- on each other for longer than that. A transaction that also deleted the tenant raises nothing.
CREATE FUNCTION samspill_raise_data_version() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tid text;
  guard text;
  scope text := current_setting('app.tenant_id', true);
BEGIN
  IF TG_OP = 'DELETE' THEN tid := OLD."tenantId"; ELSE tid := NEW."tenantId"; END IF;
  guard := 'samspill_version.t' || md5(tid);
  IF coalesce(current_setting(guard, true), '') = '1' THEN RETURN NULL; END IF;
  -- Writes that span tenants (the owner's bulk loads) name each tenant in turn; the caller's scope is put back.
  PERFORM set_config('app.tenant_id', tid, true);
  INSERT INTO "TenantDataVersion" ("tenantId", version)
    SELECT tid, 1 WHERE EXISTS (SELECT 1 FROM "Tenant" WHERE id = tid)
    ON CONFLICT ("tenantId") DO UPDATE SET version = "TenantDataVersion".version + 1;
  PERFORM set_config('app.tenant_id', coalesce(scope, ''), true);
  PERFORM set_config(guard, '1', true);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION samspill_raise_data_version() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON "Participant"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samspill_raise_data_version();
CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON "Consent"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samspill_raise_data_version();
CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON "Enrolment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samspill_raise_data_version();
CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON "Activity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samspill_raise_data_version();
CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON "Outcome"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samspill_raise_data_version();
