import "server-only";
import { z } from "zod";
import { checkbox, requiredId } from "../validation.ts";

/** The platform operator's decision on a municipality that signed itself up. */
export const decideTenantSchema = z.object({ tenantId: requiredId, approve: checkbox });
