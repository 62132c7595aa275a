// Navigation order. One line per page; each module calls registerPage().
import './CardsRoute.js';
import './PhonePage.js';
import './RpPage.js';
import './dauth/DauthPage.js';
import './KioskPage.js';
import './CounterPage.js';
import './SupportPage.js';
import './ClockPage.js';
