/** The till screens: shifts, cash, refunds, X/Z reports, the CSV export. */
import { lazy } from 'react';
export { TillButton } from './TillButton';
export { useTill } from './useTill';
/** Loaded when first opened: the counter does not wait for the till's code (render it inside <Suspense>). */
export const TillScreen = lazy(() => import('./TillScreen').then((module) => ({ default: module.TillScreen })));
