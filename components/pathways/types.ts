// Plain, serialisable shapes that the participant page hands to its client components.
export type Option = { value: string; label: string };

export type ActivityView = {
  id: string;
  type: string;
  status: string;
  organisationId: string | null;
  organisationName: string | null;
  enrolmentId: string | null;
  startDate: string;
  endDate: string | null;
  hoursPerWeek: number | null;
  note: string | null;
  version: number;
};

export type EnrolmentView = {
  id: string;
  pilotName: string;
  startDate: string;
  exitDate: string | null;
  exitReason: string | null;
};

export type OutcomeView = {
  id: string;
  enrolmentId: string;
  point: string;
  status: string;
  workingTime: string | null;
  organisationName: string | null;
  observedAt: string;
};

export type FollowUpView = {
  enrolmentId: string;
  pilotName: string;
  point: string;
  due: string;
  state: string;
  /** Opens the outcome form at this point, for those who may record it. */
  href?: string;
};

export type ConsentView = {
  id: string;
  purpose: string;
  partnerName: string | null;
  givenAt: string;
  withdrawnAt: string | null;
};
