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
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    passwordChangedAt?: number;
    /** The session's id (table Session): the server can end it, and it ends at its absolute lifetime. */
    sid?: string;
  }
}
