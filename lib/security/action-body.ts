import "server-only";
/**
 * A server action's multipart body, read before Next.js does: field names and file names are short in every
 * form the app sends, while a name of tens of kilobytes makes Next's multipart parser throw ("Malformed part
 * header") and answer 500, and so do control characters in a name. Such a body is refused with 400 here. Only action POSTs are read (Next buffers the
 * body for the proxy anyway, up to its body size limit).
 */
export const MAX_FIELD_NAME = 1_000;
// Control characters (NUL included) in a part's name break the parser the same way.
const CONTROL = /[\u0000-\u001f\u007f]/;
const acceptableName = (name: string) => name.length <= MAX_FIELD_NAME && !CONTROL.test(name);

export async function acceptableActionBody(request: Request): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return true;
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return true;
  try {
    const form = await request.clone().formData();
    for (const [name, value] of form) {
      if (!acceptableName(name) || (typeof value !== "string" && !acceptableName(value.name))) return false;
    }
    return true;
  } catch {
    return false;
  }
}
