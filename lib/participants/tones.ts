// Shared with client components, so not "server-only".
import type { Tone } from "../../components/ui/Badge.tsx";

// Colour is never the only signal: every badge also carries its translated word.
export const participantStatusTone: Record<string, Tone> = {
  ACTIVE: "green",
  PAUSED: "amber",
  COMPLETED: "blue",
  WITHDRAWN: "neutral",
};
export const activityStatusTone: Record<string, Tone> = {
  PLANNED: "neutral",
  ONGOING: "green",
  COMPLETED: "blue",
  INTERRUPTED: "amber",
};
export const outcomeStatusTone: Record<string, Tone> = {
  PERMANENT_JOB: "green",
  TEMPORARY_JOB: "green",
  EDUCATION: "blue",
  VOCATIONAL_TRAINING: "blue",
  ACTIVE_IN_PROGRAMME: "neutral",
  NOT_IN_WORK: "amber",
  UNKNOWN: "neutral",
};
