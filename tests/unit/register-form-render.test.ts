import { afterEach, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../../lib/i18n/instance.ts";
import { languageOptions } from "../../lib/participants/languages.ts";
import { RegisterParticipantForm } from "../../components/participants/RegisterParticipantForm.tsx";
import type { ActionState } from "../../lib/actions/state.ts";

// The registration form is rendered on the server and hydrated in the browser: what it shows must come from its
// props alone (dates, codes, language names computed on the server), never from the clock or the runtime's
// locale, or the browser renders something else and React reports a hydration mismatch.

const action = (state: ActionState): Promise<ActionState> => Promise.resolve(state);

function render(pilots: { value: string; label: string }[] = [{ value: "p1", label: "Språkpraksis" }]) {
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: createI18n("nb") },
      createElement(RegisterParticipantForm, {
        action,
        targetGroups: [{ value: "IMMIGRANT", label: "Innvandrer" }],
        genders: [{ value: "FEMALE", label: "Kvinne" }],
        coordinators: [{ value: "u1", label: "Kari" }],
        organisations: [{ value: "o1", label: "NAV Inderøy" }],
        today: "2026-12-05",
        currentUserId: "u1",
        nextCode: "IND-0025",
        languages: languageOptions("nb"),
        legalBases: [{ value: "NO_INTEGRATION_ACT", label: "Integreringsloven" }],
        pilots,
      }),
    ),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the registration form", () => {
  it("renders the same whatever the clock says (no mismatch between server and browser)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-05T23:59:00Z"));
    const late = render();
    vi.setSystemTime(new Date("2031-06-01T00:01:00Z"));
    expect(render()).toBe(late);
  });

  it("shows the tenant's next code, the languages by name, the legal bases and the pilot to enrol in", () => {
    const html = render();
    expect(html).toContain("IND-0025");
    expect(html).not.toContain("VER-0043");
    expect(html).toContain("Tigrinja");
    expect(html).toContain('value="ti"');
    expect(html).toContain("Integreringsloven");
    expect(html).toMatch(/<select[^>]*name="enrolIn"/);
    // The only active pilot is preselected.
    expect(html).toMatch(/<option value="p1" selected="">Språkpraksis<\/option>/);
    expect(render([])).not.toContain('name="enrolIn"');
    expect(
      render([
        { value: "p1", label: "A" },
        { value: "p2", label: "B" },
      ]),
    ).not.toMatch(/<option value="p\d" selected="">/);
  });
});
