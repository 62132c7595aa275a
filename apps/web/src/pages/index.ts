// Navigation order. One line per page; each module calls registerPage().
import './CardsRoute.js';
import './ClockPage.js';
import './RpPage.js';
import './SupportPage.js';
import './PhonePage.js';
import './KioskPage.js';
import './CounterPage.js';
