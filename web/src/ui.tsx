/** Small shared building blocks: labelled fields, alerts, page headings. */
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import type { User } from './types.js';
import { toHash, type Route } from './router.js';

export interface AuthState {
  user: User | null;
  setUser: (user: User | null) => void;
}

export const AuthContext = createContext<AuthState>({ user: null, setUser: () => undefined });

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

export function Field(props: {
  label: string;
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, hintId)}
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorMessage(props: { error: unknown }) {
  if (!props.error) return null;
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
