import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "../errors.ts";

/** A page's search params with one value per key (the first of repeated ones), ready for a zod schema. */
export async function firstValues(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** Loads what a page shows; "not found" from the use case becomes the page's 404. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
