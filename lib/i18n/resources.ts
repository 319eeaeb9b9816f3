// Shared with client components, so not "server-only".
import type { Locale, Namespace } from "./settings.ts";
import nbCommon from "../../locales/nb/common.json";
import nbAuth from "../../locales/nb/auth.json";
import nbHome from "../../locales/nb/home.json";
import nbErrors from "../../locales/nb/errors.json";
import nbEnums from "../../locales/nb/enums.json";
import nbParticipants from "../../locales/nb/participants.json";
import nbDashboard from "../../locales/nb/dashboard.json";
import nbOrganisations from "../../locales/nb/organisations.json";
import nbPilots from "../../locales/nb/pilots.json";
import nbOnboarding from "../../locales/nb/onboarding.json";
import nbMembers from "../../locales/nb/members.json";
import nbSettings from "../../locales/nb/settings.json";
import nbProtection from "../../locales/nb/protection.json";
import nbAccessibility from "../../locales/nb/accessibility.json";
import nbModels from "../../locales/nb/models.json";
import nbImport from "../../locales/nb/import.json";
import svCommon from "../../locales/sv/common.json";
import svAuth from "../../locales/sv/auth.json";
import svHome from "../../locales/sv/home.json";
import svErrors from "../../locales/sv/errors.json";
import svEnums from "../../locales/sv/enums.json";
import svParticipants from "../../locales/sv/participants.json";
import svDashboard from "../../locales/sv/dashboard.json";
import svOrganisations from "../../locales/sv/organisations.json";
import svPilots from "../../locales/sv/pilots.json";
import svOnboarding from "../../locales/sv/onboarding.json";
import svMembers from "../../locales/sv/members.json";
import svSettings from "../../locales/sv/settings.json";
import svProtection from "../../locales/sv/protection.json";
import svAccessibility from "../../locales/sv/accessibility.json";
import svModels from "../../locales/sv/models.json";
import svImport from "../../locales/sv/import.json";
import enCommon from "../../locales/en/common.json";
import enAuth from "../../locales/en/auth.json";
import enHome from "../../locales/en/home.json";
import enErrors from "../../locales/en/errors.json";
import enEnums from "../../locales/en/enums.json";
import enParticipants from "../../locales/en/participants.json";
import enDashboard from "../../locales/en/dashboard.json";
import enOrganisations from "../../locales/en/organisations.json";
import enPilots from "../../locales/en/pilots.json";
import enOnboarding from "../../locales/en/onboarding.json";
import enMembers from "../../locales/en/members.json";
import enSettings from "../../locales/en/settings.json";
import enProtection from "../../locales/en/protection.json";
import enAccessibility from "../../locales/en/accessibility.json";
import enModels from "../../locales/en/models.json";
import enImport from "../../locales/en/import.json";

type Tree = { [key: string]: string | Tree };

/** All strings, imported statically: nothing is fetched at run time. */
export const resources: Record<Locale, Record<Namespace, Tree>> = {
  nb: {
    common: nbCommon,
    auth: nbAuth,
    home: nbHome,
    errors: nbErrors,
    enums: nbEnums,
    participants: nbParticipants,
    dashboard: nbDashboard,
    organisations: nbOrganisations,
    pilots: nbPilots,
    onboarding: nbOnboarding,
    members: nbMembers,
    settings: nbSettings,
    models: nbModels,
    protection: nbProtection,
    accessibility: nbAccessibility,
    import: nbImport,
  },
  sv: {
    common: svCommon,
    auth: svAuth,
    home: svHome,
    errors: svErrors,
    enums: svEnums,
    participants: svParticipants,
    dashboard: svDashboard,
    organisations: svOrganisations,
    pilots: svPilots,
    onboarding: svOnboarding,
    members: svMembers,
    settings: svSettings,
    models: svModels,
    protection: svProtection,
    accessibility: svAccessibility,
    import: svImport,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    home: enHome,
    errors: enErrors,
    enums: enEnums,
    participants: enParticipants,
    dashboard: enDashboard,
    organisations: enOrganisations,
    pilots: enPilots,
    onboarding: enOnboarding,
    members: enMembers,
    settings: enSettings,
    models: enModels,
    protection: enProtection,
    accessibility: enAccessibility,
    import: enImport,
  },
};
