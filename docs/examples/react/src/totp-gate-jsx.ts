// Typed JSX for the TOTP Gate elements in React 19: props, properties and `on<event>` handlers.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { Gate, TotpBackend } from '@totp-gate/core';
import type {
  TotpErrorEvent,
  TotpGate,
  TotpLockedEvent,
  TotpStateChangeEvent,
  TotpVerifiedEvent,
  TotpEnrolledEvent,
} from '@totp-gate/elements';

type CustomElement<E extends HTMLElement, Props> = DetailedHTMLProps<HTMLAttributes<E>, E> & Props;

interface TotpGateProps {
  endpoint?: string;
  backend?: TotpBackend;
  gate?: Gate;
  messages?: TotpGate['messages'];
  'ontotp-state-change'?: (event: TotpStateChangeEvent) => void;
  'ontotp-enrolled'?: (event: TotpEnrolledEvent) => void;
  'ontotp-verified'?: (event: TotpVerifiedEvent) => void;
  'ontotp-locked'?: (event: TotpLockedEvent) => void;
  'ontotp-error'?: (event: TotpErrorEvent) => void;
}

declare module 'react' {
  // React's JSX types live in a namespace; augmenting it is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'totp-gate': CustomElement<TotpGate, TotpGateProps>;
    }
  }
}
