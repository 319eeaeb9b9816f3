import { inject } from "vitest";

// The app's own configuration (lib/env.ts), pointed at the run's fresh database.
process.env.APP_DATABASE_URL = inject("appUrl");
process.env.AUTH_SECRET = inject("authSecret");
