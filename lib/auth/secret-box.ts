import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env.ts";

/**
 * Secrets kept in the database (an identity provider's client secret) are encrypted at rest with AES-256-GCM,
 * Node's own implementation: a fresh 96-bit IV per value and the authentication tag checked on reading, so a
 * changed or swapped value is refused, not decrypted to garbage. The key is ENCRYPTION_KEY; without it (the
 * quick start) one is derived from AUTH_SECRET with HKDF. The stored form is `v1.<iv>.<tag>.<ciphertext>`.
 */
function key(): Buffer {
  const { ENCRYPTION_KEY, AUTH_SECRET } = env();
  if (ENCRYPTION_KEY) return Buffer.from(ENCRYPTION_KEY, "base64");
  return Buffer.from(hkdfSync("sha256", AUTH_SECRET, "samspill", "secret-box v1", 32));
}

/** `context` binds the value to where it belongs (the tenant's id): moved to another row, it no longer opens. */
export function seal(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(
    ".",
  );
}

export function open(sealed: string, context: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** A value that expires, sealed (the state of a sign-in between two requests, kept in a cookie). */
export function sealExpiring(value: object, context: string, seconds: number): string {
  return seal(JSON.stringify({ value, exp: Date.now() + seconds * 1000 }), context);
}

/** The value, or null when missing, tampered with, sealed for another context, or expired. */
export function openExpiring<T>(sealed: string | undefined, context: string): T | null {
  if (!sealed) return null;
  try {
    const { value, exp } = JSON.parse(open(sealed, context)) as { value: T; exp: number };
    return exp > Date.now() ? value : null;
  } catch {
    return null;
  }
}
