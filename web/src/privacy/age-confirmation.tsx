/** The sign-up form's minimum-age confirmation (the API refuses ageConfirmed: false). */
import { useId } from 'react';

/** Mockroom's minimum age; the API states the same in GET /api/privacy. */
export const MINIMUM_AGE = 16;
export const AGE_NOT_CONFIRMED = `Mockroom is for people aged ${MINIMUM_AGE} or over: confirm your age to create an account.`;

export function AgeConfirmation(props: { checked: boolean; onChange: (checked: boolean) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label className="check" htmlFor={id}>
        <input
          id={id}
          name="ageConfirmed"
          type="checkbox"
          required
          checked={props.checked}
          aria-invalid={Boolean(props.error)}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />{' '}
        I am {MINIMUM_AGE} or older
      </label>
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
