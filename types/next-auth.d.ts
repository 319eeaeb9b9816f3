import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** When the account's password was last set (ms since epoch): a session issued before it is void. */
    passwordChangedAt?: number;
  }
  interface Session {
    user?: {
      id: string;
      name?: string | null;
      email?: string | null;
      passwordChangedAt?: number;
      memberships: { slug: string; role: string }[];
      via?: string;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    memberships?: { slug: string; role: string }[];
    passwordChangedAt?: number;
    /** How the session was started: "password", or "oidc:<tenantId>" through that tenant's identity provider. */
    via?: string;
  }
}
