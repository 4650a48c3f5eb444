/** The till screens: shifts, cash, refunds, X/Z reports, the CSV export. */
export { TillScreen } from './TillScreen';
export { TillButton } from './TillButton';
export { useTill } from './useTill';
