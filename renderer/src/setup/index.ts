/** Set-up and settings screens, the top bar's training switch and their store. */
import { lazy } from 'react';
export { SetupBar } from './SetupBar';
export { useSetup } from './useSetup';
/** Loaded when first opened: the counter does not wait for set-up's code (render it inside <Suspense>). */
export const SetupScreen = lazy(() => import('./SetupScreen').then((module) => ({ default: module.SetupScreen })));
