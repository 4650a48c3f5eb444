/** A fee rate for people, from basis points, exactly: 50 -> "0.5 %" ("0,5 %" in French). */
import type { Language } from './i18n/languages';

export function formatRate(rateBasisPoints: number, language: Language = 'en'): string {
  const whole = Math.floor(rateBasisPoints / 100);
  const rest = String(rateBasisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  // French writes "0,5 %"; English and Kinyarwanda (as their amounts) "0.5 %".
  return rest ? `${whole}${language === 'fr' ? ',' : '.'}${rest} %` : `${whole} %`;
}
