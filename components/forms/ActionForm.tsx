"use client";

import {
  createContext,
  useActionState,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type ReactNode,
} from "react";
import { useTranslation } from "react-i18next";
import type { ActionState } from "@/lib/actions/state";

const NONE: Record<string, string> = {};
const NO_NAMES: ReadonlySet<string> = new Set();

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const FieldErrors = createContext<Record<string, string>>({});
/** The same errors as messages, translated once by the form (a field needs no translation hook of its own). */
const FieldMessages = createContext<Record<string, string>>({});

/**
 * The submit handler of a form bound to a server action through `action={dispatch}`. Before the JavaScript has
 * loaded, that attribute makes the form a POST to the action (useActionState's progressive enhancement), so
 * nothing typed ever lands in a URL. Once loaded, this runs the action without a page load, and without React's
 * reset of the form after an action, so an error keeps what was typed.
 */
export function useSubmitKeepingInput(dispatch: (form: FormData) => void) {
  const [, startTransition] = useTransition();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
}
/** The error key of a field (for a form that words it itself), or undefined. */
export const useFieldError = (name: string) => useContext(FieldErrors)[name];
/** The translated error message of a field, or undefined. */
export const useFieldMessage = (name: string) => useContext(FieldMessages)[name];

/**
 * A form bound to a server action. Keeps the coordinator's place: on an error the first invalid field gets
 * focus and every message is announced; on success the form can reset and put focus back on its first field,
 * ready for the next entry. Nothing the user typed is lost on an error.
 */
export function ActionForm({
  action,
  children,
  resetOnSuccess = false,
  onSuccess,
  className,
  label,
  successMessage = true,
}: {
  action: FormAction;
  children: ReactNode;
  resetOnSuccess?: boolean;
  /** Called with the answer, e.g. for a card that closes the form to confirm what was saved in its place. */
  onSuccess?: (state: ActionState) => void;
  className?: string;
  label?: string;
  successMessage?: boolean;
}) {
  const { t } = useTranslation(["errors", "participants"]);
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  const submit = useSubmitKeepingInput(dispatch);
  const form = useRef<HTMLFormElement>(null);
  // The fields edited since the answer was shown: their errors are stale, so they show none. Kept per answer, so
  // the next answer (to the next submit) shows all of its errors again.
  const [editedSince, setEditedSince] = useState<{ seq?: number; names: ReadonlySet<string> }>({ names: NO_NAMES });
  const edited = editedSince.seq === state.seq ? editedSince.names : NO_NAMES;
  const markEdited = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as { name?: unknown }).name;
    if (state.status !== "error" || typeof name !== "string" || !name || edited.has(name)) return;
    setEditedSince({ seq: state.seq, names: new Set(edited).add(name) });
  };
  const lastSeq = useRef<number | undefined>(undefined);

  // Before paint, so nothing typed after the answer is shown can be wiped by a late reset.
  useLayoutEffect(() => {
    if (state.seq === undefined || state.seq === lastSeq.current || !form.current) return;
    lastSeq.current = state.seq;
    if (state.status === "error") {
      const invalid = form.current.querySelector<HTMLElement>("[aria-invalid='true']");
      (invalid ?? form.current.querySelector<HTMLElement>("[data-form-message]"))?.focus();
    } else if (state.status === "ok") {
      if (resetOnSuccess) {
        form.current.reset();
        form.current.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
      }
      onSuccess?.(state);
    }
  }, [state, resetOnSuccess, onSuccess]);

  const classes = (className ?? "").split(/\s+/).filter(Boolean);
  const spacing = classes.filter((c) => c.startsWith("space-y-")).join(" ");
  const formClass = classes.filter((c) => !c.startsWith("space-y-")).join(" ");
  const message =
    state.message && (state.status === "error" || successMessage) ? t(state.message, { ...state.data }) : null;
  const answered = state.status === "error" ? (state.fieldErrors ?? NONE) : NONE;
  const fieldErrors =
    edited.size === 0 || answered === NONE
      ? answered
      : Object.fromEntries(Object.entries(answered).filter(([name]) => !edited.has(name)));
  const fieldMessages =
    fieldErrors === NONE
      ? NONE
      : Object.fromEntries(Object.entries(fieldErrors).map(([name, key]) => [name, t(key, { ns: "errors" })]));
  return (
    <form
      ref={form}
      action={dispatch}
      onSubmit={submit}
      onInput={markEdited}
      onChange={markEdited}
      noValidate
      className={formClass || undefined}
      aria-label={label}
      aria-busy={pending}
    >
      <div aria-live="polite" role="status" className="empty:hidden">
        {message && (
          <p
            data-form-message
            data-status={state.status}
            tabIndex={-1}
            className={`mb-3 rounded-md border px-3 py-2 text-sm ${state.status === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}
          >
            {message}
            {state.status === "error" && state.data?.detail && (
              <code className="mt-1 block text-xs break-words" data-form-detail>
                {state.data.detail}
              </code>
            )}
          </p>
        )}
      </div>
      <FieldErrors.Provider value={fieldErrors}>
        <FieldMessages.Provider value={fieldMessages}>
          {/* A fieldset of display: contents leaves flex and grid layouts to the form, but the fields are not the
              form's children: the form's vertical spacing (space-y-*) is the fieldset's. */}
          <fieldset disabled={pending} className={spacing ? `min-w-0 ${spacing}` : "contents"}>
            {children}
          </fieldset>
        </FieldMessages.Provider>
      </FieldErrors.Provider>
    </form>
  );
}
