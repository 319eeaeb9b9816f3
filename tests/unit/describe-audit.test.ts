import { describe, expect, it } from "vitest";
import { getT } from "../../lib/i18n/instance.ts";
import { describeAuditEvent, type AuditEventView } from "../../lib/audit/describe-audit.ts";
import { actionsOfFilter, auditActionWhere, SIGN_IN_ACTIONS } from "../../lib/audit/audit-actions.ts";

const t = {
  nb: getT("nb", ["participants", "common", "enums"]),
  sv: getT("sv", ["participants", "common", "enums"]),
  en: getT("en", ["participants", "common", "enums"]),
};

const kari = { actorName: "Kari Vold", actorRole: "COORDINATOR", participantCode: null, details: {} } as const;
const event = (e: Partial<AuditEventView> & { action: string }): AuditEventView => ({ ...kari, ...e });

describe("describeAuditEvent", () => {
  it("says who invited whom with which role, in each language", () => {
    const invited = event({
      action: "member.invited",
      actorRole: "TENANT_ADMIN",
      details: { role: "COORDINATOR" },
      subject: { email: "ola@x.no" },
    });
    expect(describeAuditEvent(invited, t.nb)).toBe("Kari Vold (administrator) inviterte ola@x.no som koordinator");
    expect(describeAuditEvent(invited, t.sv)).toBe("Kari Vold (administratör) bjöd in ola@x.no som samordnare");
    expect(describeAuditEvent(invited, t.en)).toBe("Kari Vold (administrator) invited ola@x.no as coordinator");
  });

  it("names the participant by code, and the pilot and outcome by their labels", () => {
    expect(describeAuditEvent(event({ action: "participant.created", participantCode: "IND-0025" }), t.nb)).toBe(
      "Kari Vold (koordinator) registrerte deltaker IND-0025",
    );
    expect(
      describeAuditEvent(
        event({ action: "enrolment.created", participantCode: "IND-0025", subject: { pilotName: "Språkpraksis" } }),
        t.nb,
      ),
    ).toBe("Kari Vold (koordinator) meldte deltaker IND-0025 inn i piloten Språkpraksis");
    expect(
      describeAuditEvent(
        event({ action: "enrolment.exited", participantCode: "IND-0025", details: { exitReason: "GOT_JOB" } }),
        t.nb,
      ),
    ).toBe("Kari Vold (koordinator) avsluttet programmet for deltaker IND-0025 (årsak: Fikk jobb)");
    expect(
      describeAuditEvent(
        event({
          action: "outcome.recorded",
          participantCode: "ÅRE-0003",
          details: { point: "AT_EXIT", status: "PERMANENT_JOB" },
        }),
        t.en,
      ),
    ).toBe("Kari Vold (coordinator) recorded the outcome “Permanent job” for participant ÅRE-0003 (At exit)");
  });

  it("tells who had their role changed, from what to what", () => {
    const changed = event({
      action: "member.roleChanged",
      actorRole: "TENANT_ADMIN",
      details: { from: "COORDINATOR", to: "TENANT_ADMIN" },
      subject: { memberName: "Ola Nordmann" },
    });
    expect(describeAuditEvent(changed, t.sv)).toBe(
      "Kari Vold (administratör) ändrade rollen för Ola Nordmann från samordnare till administratör",
    );
  });

  it("falls back to the action's label when a name is missing, and to the system when nobody acted", () => {
    // An erased participant has no code any more.
    expect(describeAuditEvent(event({ action: "participant.viewed" }), t.nb)).toBe(
      "Kari Vold (koordinator): Åpnet deltaker",
    );
    // A former member: no role in brackets.
    expect(describeAuditEvent(event({ action: "auth.signedIn", actorRole: null }), t.en)).toBe("Kari Vold signed in");
    expect(describeAuditEvent(event({ action: "release.published", actorName: null, actorRole: null }), t.nb)).toBe(
      "Samspill (automatisk) publiserte tall for partnerne",
    );
    // An unknown code is shown as it is, never as a missing key.
    expect(describeAuditEvent(event({ action: "future.thing" }), t.en)).toBe("Kari Vold (coordinator): future.thing");
  });

  it("never shows a raw key or an empty placeholder for any known action, in any language", () => {
    const full = event({
      participantCode: "IND-0001",
      details: {
        role: "COORDINATOR",
        from: "COORDINATOR",
        to: "TENANT_ADMIN",
        status: "COMPLETED",
        point: "AT_EXIT",
        type: "INTAKE",
        exitReason: "MOVED",
      },
      subject: { email: "a@b.no", memberName: "Ola", pilotName: "P", organisationName: "O" },
    } as AuditEventView & { action: string });
    for (const locale of ["nb", "sv", "en"] as const) {
      for (const action of actionsOfFilter("group:members")!.concat(actionsOfFilter("group:pathways")!)) {
        const sentence = describeAuditEvent({ ...full, action }, t[locale]);
        expect(sentence).not.toMatch(/audit\.|\{\{|undefined/);
        expect(sentence.startsWith("Kari Vold (")).toBe(true);
      }
    }
  });
});

describe("the action filter", () => {
  it("hides routine sign-ins unless asked for or chosen", () => {
    expect(auditActionWhere({ signIns: false })).toEqual({ notIn: [...SIGN_IN_ACTIONS] });
    expect(auditActionWhere({ signIns: true })).toBeUndefined();
    expect(auditActionWhere({ action: "auth.signedIn", signIns: false })).toEqual({ in: ["auth.signedIn"] });
    expect(auditActionWhere({ action: "group:members", signIns: false })).toEqual({
      in: ["member.invited", "member.invitationRevoked", "member.joined", "member.roleChanged", "member.removed"],
    });
  });

  it("refuses unknown codes and groups", () => {
    expect(actionsOfFilter("group:nothing")).toBeUndefined();
    expect(actionsOfFilter("member.hacked")).toBeUndefined();
    expect(actionsOfFilter("group:constructor")).toBeUndefined();
  });
});
