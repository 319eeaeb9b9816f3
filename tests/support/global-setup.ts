import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database.ts";
import { freePort } from "../../tooling/free-port.ts";
import { loadLocalSecrets } from "../../tooling/db/local-secrets.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    appUrl: string;
    authSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase("vitest", await freePort(54330, 54399));
  project.provide("adminUrl", database.adminUrl);
  project.provide("appUrl", database.appUrl);
  project.provide("authSecret", loadLocalSecrets().authSecret);
  return () => database.dispose();
}
