"use client";

import { Checkbox, TextField } from "@/components/forms/fields";

type Option = { value: string; label: string };

/**
 * A participant's languages, picked by name (named on the server in the page's language, so server and browser
 * render the same) and any other typed as ISO codes. Both send the field `languages`: a plain form POST works.
 */
export function LanguagesField({
  label,
  otherLabel,
  otherHint,
  options,
  defaultValue = [],
}: {
  label: string;
  otherLabel: string;
  otherHint: string;
  options: Option[];
  defaultValue?: readonly string[];
}) {
  const offered = new Set(options.map((o) => o.value));
  const other = defaultValue.filter((c) => !offered.has(c)).join(", ");
  return (
    <fieldset className="sm:col-span-2">
      <legend className="block text-sm font-medium text-slate-800">{label}</legend>
      <div className="mt-1 grid max-h-48 grid-cols-2 gap-1 overflow-y-auto rounded-md border border-slate-300 p-2 sm:grid-cols-3">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            name="languages"
            value={o.value}
            label={o.label}
            defaultChecked={defaultValue.includes(o.value)}
          />
        ))}
      </div>
      <div className="mt-2 max-w-xs">
        <TextField name="languages" label={otherLabel} hint={otherHint} defaultValue={other} maxLength={60} />
      </div>
    </fieldset>
  );
}
