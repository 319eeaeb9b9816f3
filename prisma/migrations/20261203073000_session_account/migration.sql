-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: what every signed-in request reads about its user, in one statement (lib/auth/session.ts).
-- ---------------------------------------------------------------------------------------------------------
-- The account (is it still there, has its password changed since the session began) and its memberships in
-- active tenants. The function runs as its caller (the app role, row-level security in force): it sets the user
-- for the policy on "Membership" itself, local to the statement's own transaction (or the caller's, when called
-- inside one), so a request needs one round trip instead of a transaction of four statements.
CREATE FUNCTION samspill_account(account_id text) RETURNS json
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('app.user_id', account_id, true);
  RETURN (
    SELECT json_build_object(
      'id', u.id, 'name', u.name, 'email', u.email,
      'passwordChangedAt', (extract(epoch FROM u."passwordChangedAt") * 1000)::bigint,
      'memberships', coalesce((
        SELECT json_agg(json_build_object(
          'tenantId', t.id, 'tenantSlug', t.slug, 'tenantName', t.name, 'defaultLocale', t."defaultLocale",
          'country', t.country, 'role', m.role, 'organisationId', m."organisationId",
          'requireOidc', t."requireOidc", 'requireTotpForAdmins', t."requireTotpForAdmins") ORDER BY t.name, t.id)
        FROM "Membership" m JOIN "Tenant" t ON t.id = m."tenantId"
        WHERE m."userId" = account_id AND t.status = 'ACTIVE'), '[]'::json))
    FROM "User" u WHERE u.id = account_id);
END $$;
REVOKE ALL ON FUNCTION samspill_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_account(text) TO samspill_app;
