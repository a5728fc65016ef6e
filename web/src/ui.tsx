/** Small shared building blocks: labelled fields, alerts, page headings. */
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api.js';
import type { SignedOutReason } from './session.js';
import type { User } from './types.js';
import { toHash, type Route } from './router.js';

export interface AuthState {
  user: User | null;
  setUser: (user: User | null) => void;
  /** Ends the session in the app after the server ended it, and says why on the next page. */
  signedOut: (reason: SignedOutReason) => void;
}

export const AuthContext = createContext<AuthState>({ user: null, setUser: () => undefined, signedOut: () => undefined });

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** Sets the document title and moves focus to the page heading, so screen readers announce navigation. */
export function PageHeading(props: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = props.title ?? (typeof props.children === 'string' ? props.children : '');
  useEffect(() => {
    document.title = text ? `${text} · Mockroom` : 'Mockroom';
    ref.current?.focus({ preventScroll: false });
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {props.children}
    </h1>
  );
}

/**
 * A labelled field. `describedBy` names the hint, the character counter and the error, so a screen
 * reader reads all three with the control; `invalid` is for the control's aria-invalid.
 * `count` shows "n / max characters" as the person types (the limits come from core's input rules);
 * `error` is the sentence for this field, from the form's own check or the API's answer.
 */
export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  count?: { length: number; max: number } | undefined;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const countId = props.count ? `${id}-count` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId, countId].filter(Boolean).join(' ') || undefined;
  const over = props.count ? props.count.length > props.count.max : false;
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy, Boolean(props.error))}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      {props.hint || props.count ? (
        <div className="field-foot">
          {props.hint ? (
            <p className="hint" id={hintId}>
              {props.hint}
            </p>
          ) : null}
          {props.count ? (
            <p className={over ? 'counter counter-over' : 'counter'} id={countId}>
              {props.count.length.toLocaleString('en-GB')} / {props.count.max.toLocaleString('en-GB')} characters
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The field sentences of an API answer (`error.fields`), or none. */
export function apiFieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError && error.fields ? error.fields : {};
}

/**
 * Asks before something that cannot be undone. The browser's own confirm dialog is modal, keyboard
 * operable and announced by screen readers, which a hand-made one must work to match.
 */
export function confirmAction(question: string): boolean {
  return window.confirm(question);
}

/**
 * An action that asks first, then runs once at a time: `busy` while it runs, its failure in `error`
 * (for an ErrorMessage beside the button). `run` resolves without doing anything when the answer is no.
 */
export function useConfirmedAction(question: () => string, action: () => Promise<void>): { run: () => Promise<void>; busy: boolean; error: unknown } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    if (!confirmAction(question())) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

export function ErrorMessage(props: { error: unknown }) {
  if (!props.error) return null;
  // A session that ended is told once, by the app (see app.tsx), not by every form on the page.
  if (props.error instanceof ApiError && props.error.status === 401 && props.error.code === 'session_ended') return null;
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}

/** A form's primary submit button: disabled (showing `busyLabel`) while the form is submitting, or when `disabled`. */
export function SubmitButton(props: { busy: boolean; busyLabel: string; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button primary" disabled={props.busy || props.disabled === true}>
      {props.busy ? props.busyLabel : props.children}
    </button>
  );
}

export function Notice(props: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <p className={`alert alert-${props.tone ?? 'info'}`} role="status">
      {props.children}
    </p>
  );
}

export function Link(props: { to: Route; children: ReactNode; className?: string }) {
  return (
    <a href={toHash(props.to)} className={props.className}>
      {props.children}
    </a>
  );
}

export function Spinner(props: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {props.label}
    </p>
  );
}
