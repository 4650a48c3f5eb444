/** Set-up and settings screens, the top bar's training switch and their store. */
export { SetupBar } from './SetupBar';
export { SetupScreen } from './SetupScreen';
export { useSetup } from './useSetup';
