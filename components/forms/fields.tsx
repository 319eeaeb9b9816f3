"use client";

import { useId, type ReactNode } from "react";
import { useFieldError, useFieldMessage } from "./ActionForm";

// At least 44 px tall and 16 px text: a finger can hit it, and iOS does not zoom in on focus.
const control =
  "mt-1 block min-h-11 w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600";

function FieldShell({
  name,
  label,
  hint,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  children: (p: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const error = useFieldMessage(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {/* Below the control, so fields with and without a hint line up side by side in a grid. */}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  defaultValue?: string | number | null;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "numeric" | "decimal" | "text";
  rows?: number;
};

export function TextField({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  required,
  autoComplete = "off",
  maxLength,
  inputMode,
}: InputProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue ?? undefined}
          required={required}
          autoComplete={autoComplete}
          maxLength={maxLength}
          inputMode={inputMode}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={`${control} ${invalid ? "border-red-600" : "border-slate-400"}`}
        />
      )}
    </FieldShell>
  );
}

export function TextArea({ name, label, hint, defaultValue, maxLength, rows = 2 }: InputProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          defaultValue={defaultValue ?? undefined}
          maxLength={maxLength}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={`${control} ${invalid ? "border-red-600" : "border-slate-400"}`}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  options,
  defaultValue,
  placeholder,
  required,
}: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  defaultValue?: string | null;
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          defaultValue={defaultValue ?? ""}
          required={required}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={`${control} ${invalid ? "border-red-600" : "border-slate-400"}`}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function Checkbox({
  name,
  label,
  defaultChecked,
  value,
}: {
  name: string;
  label: ReactNode;
  defaultChecked?: boolean;
  value?: string;
}) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        value={value}
        defaultChecked={defaultChecked}
        aria-invalid={!!error}
        className="mt-1 size-4 accent-brand-700 max-sm:mt-3"
      />
      <label htmlFor={id} className="text-sm text-slate-800 max-sm:min-h-11 max-sm:flex-1 max-sm:py-2.5">
        {label}
      </label>
    </div>
  );
}

export function FieldGroupError({ name }: { name: string }) {
  const error = useFieldMessage(name);
  return error ? (
    <p className="text-sm font-medium text-red-700" aria-invalid="true" tabIndex={-1}>
      {error}
    </p>
  ) : null;
}

export function SubmitButton({
  children,
  variant = "primary",
}: {
  children: ReactNode;
  variant?: "primary" | "secondary";
}) {
  const style =
    variant === "primary"
      ? "bg-brand-700 text-white hover:bg-brand-800"
      : "border border-slate-400 bg-white text-slate-800 hover:bg-slate-50";
  return (
    <button
      type="submit"
      className={`min-h-11 rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${style}`}
    >
      {children}
    </button>
  );
}
