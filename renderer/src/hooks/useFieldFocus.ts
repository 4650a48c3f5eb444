import { useEffect, useRef } from 'react';
import { useSale } from '../stores/useSale';

/** A ref that takes the keyboard focus whenever the sale store asks for this target. */
export function useFieldFocus<T extends HTMLElement>(target: 'phone' | 'amount' | 'note' | 'status') {
  const ref = useRef<T>(null);
  const focus = useSale((state) => state.focus);
  useEffect(() => {
    if (focus.target === target) ref.current?.focus();
  }, [focus, target]);
  return ref;
}
