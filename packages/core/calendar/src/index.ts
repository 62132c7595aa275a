/**
 * @myna/calendar — Japanese calendar days: `'YYYY-MM-DD'` dates, JST (UTC+9) instants and the era
 * (元号) table. Pure; the one home of these rules for the card, the PKI and the services.
 */
export {
  type CalendarDate,
  CalendarError,
  compareYmd,
  daysInMonth,
  formatCalendarDate,
  fromCompactDate,
  isLeapYear,
  parseCalendarDate,
  type Ymd,
} from './date.js';
export { ERAS, type Era, type EraDigit, type EraName, eraOf } from './era.js';
export {
  endOfDayJst,
  JST_OFFSET_MS,
  jstDateOf,
  jstDateTime,
  jstMinutes,
  jstStamp,
  startOfDayJst,
} from './jst.js';
