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
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    memberships?: { slug: string; role: string }[];
    passwordChangedAt?: number;
  }
}
