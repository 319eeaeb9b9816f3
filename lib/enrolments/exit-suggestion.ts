// Pure: the end-programme form prefills the status at exit with this, on the server and as the reason changes.

export type ExitActivity = {
  type: string;
  status: string;
  startDate: string;
  endDate: string | null;
  organisationId: string | null;
  hoursPerWeek: number | null;
};

export type ExitSuggestion = { status: string; workingTime: string | null; organisationId: string | null };

const latest = (activities: ExitActivity[], types: string[]) =>
  activities
    .filter((a) => types.includes(a.type) && a.status !== "INTERRUPTED")
    .sort((x, y) => y.startDate.localeCompare(x.startDate))[0];

/** Full time from 30 hours a week (the usual threshold in the statistics offices' split). */
const workingTimeOf = (a: ExitActivity) =>
  a.hoursPerWeek === null ? "FULL_TIME" : a.hoursPerWeek >= 30 ? "FULL_TIME" : "PART_TIME";

/**
 * The status at exit that the reason and the latest activity suggest: a job from the latest employment (or work
 * practice) with its employer — temporary when it has an end date; education from the latest education or
 * vocational step with its school; otherwise unknown for the coordinator to set.
 */
export function suggestExitStatus(reason: string, activities: ExitActivity[]): ExitSuggestion {
  if (reason === "GOT_JOB") {
    const job = latest(activities, ["EMPLOYMENT"]) ?? latest(activities, ["WORK_PRACTICE"]);
    if (!job) return { status: "PERMANENT_JOB", workingTime: "FULL_TIME", organisationId: null };
    return {
      status: job.type === "EMPLOYMENT" && !job.endDate ? "PERMANENT_JOB" : "TEMPORARY_JOB",
      workingTime: workingTimeOf(job),
      organisationId: job.organisationId,
    };
  }
  if (reason === "STARTED_EDUCATION") {
    const school = latest(activities, ["EDUCATION", "VOCATIONAL_TRAINING"]);
    return {
      status: school?.type === "VOCATIONAL_TRAINING" ? "VOCATIONAL_TRAINING" : "EDUCATION",
      workingTime: null,
      organisationId: school?.organisationId ?? null,
    };
  }
  if (reason === "COMPLETED") return { status: "NOT_IN_WORK", workingTime: null, organisationId: null };
  return { status: "UNKNOWN", workingTime: null, organisationId: null };
}
